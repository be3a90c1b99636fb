// Where to go about an alert: the Boost, Learn and Optimize endpoints that address each KPI
// (the web app turns them into pages). links.test.ts checks that every href is a served route.
import type { Text } from '../../core/i18n.ts';
import { msg } from './messages.ts';

export interface SuggestionLink {
  module: 'boost' | 'learn' | 'optimize' | 'orchestrate';
  /** Renders in the reader's language; stored alerts hold the English and get the Text back at read time. */
  label: Text | string;
  href: string;
}

const PLAYBOOKS: SuggestionLink = { module: 'learn', label: msg('alerts.link.playbooks'), href: '/api/v1/best-practices/playbooks' };
const COMPETENCY: SuggestionLink = { module: 'boost', label: msg('alerts.link.competency'), href: '/api/v1/competency/model' };
const TRAINING: SuggestionLink = { module: 'boost', label: msg('alerts.link.training'), href: '/api/v1/training-plans' };
const KNOWLEDGE: SuggestionLink = { module: 'learn', label: msg('alerts.link.knowledge'), href: '/api/v1/knowledge/articles' };
const NEXT_ACTIONS: SuggestionLink = { module: 'optimize', label: msg('alerts.link.next_actions'), href: '/api/v1/pipeline/deals' };
const FORECAST: SuggestionLink = { module: 'optimize', label: msg('alerts.link.forecast'), href: '/api/v1/forecasts' };
const ASSIGNMENT: SuggestionLink = { module: 'optimize', label: msg('alerts.link.assignment'), href: '/api/v1/assignment/policy' };
const SCORING: SuggestionLink = { module: 'optimize', label: msg('alerts.link.scoring'), href: '/api/v1/lead-scoring/model' };

const BY_KPI: Record<string, SuggestionLink[]> = {
  bookings: [PLAYBOOKS, FORECAST, COMPETENCY],
  pipeline_created: [NEXT_ACTIONS, ASSIGNMENT],
  coverage: [NEXT_ACTIONS, FORECAST],
  win_rate: [COMPETENCY, PLAYBOOKS, TRAINING],
  cycle_time: [PLAYBOOKS, NEXT_ACTIONS],
  avg_deal_size: [PLAYBOOKS, KNOWLEDGE],
  activities: [NEXT_ACTIONS, COMPETENCY],
  lead_response_time: [ASSIGNMENT, NEXT_ACTIONS],
  stage_conversion: [PLAYBOOKS, TRAINING, COMPETENCY],
  forecast_accuracy: [FORECAST],
  forecast_error: [FORECAST],
  score_drift: [SCORING],
  calibration: [SCORING],
};

/** Every link any KPI may carry (for the route check in the tests). */
export const ALL_SUGGESTION_LINKS: readonly SuggestionLink[] = [...new Set(Object.values(BY_KPI).flat())];

export function suggestionLinks(kpi: string): SuggestionLink[] {
  return BY_KPI[kpi] ?? [];
}

const BY_HREF = new Map(ALL_SUGGESTION_LINKS.map((l) => [l.href, l.label]));

/** Stored links (English labels) with their labels as Texts again, by href; unknown links stay as stored. */
export function localizeLinks(links: readonly unknown[]): unknown[] {
  return links.map((l) => {
    const href = (l as { href?: unknown })?.href;
    const label = typeof href === 'string' ? BY_HREF.get(href) : undefined;
    return label ? { ...(l as object), label } : l;
  });
}
