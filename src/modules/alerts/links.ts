// Where to go about an alert: the Boost, Learn and Optimize endpoints that address each KPI
// (the web app turns them into pages). links.test.ts checks that every href is a served route.
export interface SuggestionLink {
  module: 'boost' | 'learn' | 'optimize' | 'orchestrate';
  label: string;
  href: string;
}

const PLAYBOOKS: SuggestionLink = { module: 'learn', label: 'Playbooks from similar won deals', href: '/api/v1/best-practices/playbooks' };
const COMPETENCY: SuggestionLink = { module: 'boost', label: 'Rep competency assessment', href: '/api/v1/competency/model' };
const TRAINING: SuggestionLink = { module: 'boost', label: 'Training plans', href: '/api/v1/training-plans' };
const KNOWLEDGE: SuggestionLink = { module: 'learn', label: 'Knowledge base', href: '/api/v1/knowledge/articles' };
const NEXT_ACTIONS: SuggestionLink = { module: 'optimize', label: 'Deals to act on: win probability, risks, next steps', href: '/api/v1/pipeline/deals' };
const FORECAST: SuggestionLink = { module: 'optimize', label: 'Sales forecast', href: '/api/v1/forecasts' };
const ASSIGNMENT: SuggestionLink = { module: 'optimize', label: 'Lead assignment', href: '/api/v1/assignment/policy' };
const SCORING: SuggestionLink = { module: 'optimize', label: 'Lead scoring model', href: '/api/v1/lead-scoring/model' };

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
