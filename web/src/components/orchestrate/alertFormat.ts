// KPI values in their unit (from GET /api/v1/kpis/catalog), and the pages of the app that the
// alert's suggestion links (API hrefs, src/modules/alerts/links.ts) correspond to.
import type { I18n } from '../../i18n.tsx';

export interface KpiDef { key: string; label: { en: string; zh: string }; unit: 'currency' | 'count' | 'ratio' | 'days' | 'hours' | 'index'; direction: 'up' | 'down'; scopes: ('company' | 'team' | 'rep')[]; description?: string }

export function kpiLabel(catalog: KpiDef[] | undefined, key: string, locale: string): string {
  const d = catalog?.find((k) => k.key === key);
  return d ? (locale === 'zh' ? d.label.zh : d.label.en) : key;
}

export function kpiFormatter(i18n: I18n, unit: KpiDef['unit'] | undefined): (v: number | null | undefined) => string {
  switch (unit) {
    case 'currency': return (v) => i18n.formatMoney(v, 'USD', true);
    case 'ratio': return (v) => i18n.formatPercent(v, 1);
    case 'days': return (v) => (v == null ? '—' : i18n.t('orch.unit.days', { value: i18n.formatDecimal(v, 1) }));
    case 'hours': return (v) => (v == null ? '—' : i18n.t('orch.unit.hours', { value: i18n.formatDecimal(v, 1) }));
    case 'count': return (v) => i18n.formatCompact(v);
    default: return (v) => i18n.formatDecimal(v, 3);
  }
}

const PAGES: Record<string, string> = {
  '/api/v1/best-practices/playbooks': '/team',
  '/api/v1/competency/model': '/team',
  '/api/v1/training-plans': '/team',
  '/api/v1/knowledge/articles': '/knowledge?tab=articles',
  '/api/v1/pipeline/deals': '/pipeline',
  '/api/v1/forecasts': '/forecast',
  '/api/v1/assignment/policy': '/admin/assignment',
  '/api/v1/lead-scoring/model': '/admin/models',
};

/** The app page for a suggestion link's API href (reps have no model registry: the leads page). */
export function pageForLink(href: string, role: string | undefined): string | null {
  const page = PAGES[href.split('?')[0]] ?? null;
  if (page?.startsWith('/admin/') && role === 'rep') return '/leads';
  return page;
}
