// The competency model as the editor holds it (weights as typed text, a stable id per row) and the
// checks the server makes (src/modules/competency/model.ts), run as you type so Save can say what
// is wrong before sending; plus a duplicate-metric check the server does not make.
export interface MetricInfo { metric: string; label: string; source: string }
export interface ModelMetric { metric: string; weight: number; direction: 1 | -1 }
export interface ModelCompetency { key: string; label: string; label_zh?: string; description?: string; metrics: ModelMetric[] }
export interface CompetencyModel { version: number; updated_at: string | null; competencies: ModelCompetency[]; metrics: MetricInfo[] }

export interface DraftMetric { uid: string; metric: string; weight: string; direction: 1 | -1 }
export interface DraftCompetency { uid: string; key: string; keyTouched: boolean; isNew: boolean; label: string; label_zh: string; description: string; metrics: DraftMetric[] }

export const MAX_COMPETENCIES = 30;
export const MAX_WEIGHT = 10;
const KEY = /^[a-z][a-z0-9_]{0,39}$/;

let counter = 0;
export const uid = (): string => `d${++counter}`;

export function toDraft(model: CompetencyModel): DraftCompetency[] {
  return model.competencies.map((c) => ({
    uid: uid(), key: c.key, keyTouched: true, isNew: false, label: c.label, label_zh: c.label_zh ?? '', description: c.description ?? '',
    metrics: c.metrics.map((m) => ({ uid: uid(), metric: m.metric, weight: String(m.weight), direction: m.direction })),
  }));
}

export function fromDraft(draft: readonly DraftCompetency[]): ModelCompetency[] {
  return draft.map((c) => ({
    key: c.key.trim(),
    label: c.label.trim(),
    ...(c.label_zh.trim() ? { label_zh: c.label_zh.trim() } : {}),
    ...(c.description.trim() ? { description: c.description.trim() } : {}),
    metrics: c.metrics.map((m) => ({ metric: m.metric, weight: Number(m.weight), direction: m.direction })),
  }));
}

/** A key from a name: "Deal hygiene 2" → "deal_hygiene_2". */
export function slug(label: string): string {
  const s = label.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40);
  return /^[a-z]/.test(s) ? s : '';
}

export function parseWeight(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

export const weightOk = (text: string): boolean => {
  const n = parseWeight(text);
  return n !== null && n > 0 && n <= MAX_WEIGHT;
};

export function weightSum(c: DraftCompetency): number {
  return c.metrics.reduce((s, m) => s + (weightOk(m.weight) ? parseWeight(m.weight)! : 0), 0);
}

export type IssueCode = 'key' | 'keyTwice' | 'label' | 'noMetric' | 'weight' | 'metricTwice';
export interface CompetencyIssues { key?: 'key' | 'keyTwice'; label?: 'label'; noMetric?: boolean; weights: Set<string>; dupes: Set<string> }
export interface DraftIssues { model: ('none' | 'tooMany')[]; byCompetency: Map<string, CompetencyIssues>; count: number }

export function validateDraft(draft: readonly DraftCompetency[]): DraftIssues {
  const model: DraftIssues['model'] = [];
  if (draft.length === 0) model.push('none');
  if (draft.length > MAX_COMPETENCIES) model.push('tooMany');
  const byCompetency = new Map<string, CompetencyIssues>();
  const keys = new Map<string, number>();
  for (const c of draft) keys.set(c.key.trim(), (keys.get(c.key.trim()) ?? 0) + 1);
  let count = model.length;
  for (const c of draft) {
    const issues: CompetencyIssues = { weights: new Set(), dupes: new Set() };
    if (!KEY.test(c.key.trim())) issues.key = 'key';
    else if ((keys.get(c.key.trim()) ?? 0) > 1) issues.key = 'keyTwice';
    if (c.label.trim() === '') issues.label = 'label';
    if (c.metrics.length === 0) issues.noMetric = true;
    const seen = new Set<string>();
    for (const m of c.metrics) {
      if (!weightOk(m.weight)) issues.weights.add(m.uid);
      if (seen.has(m.metric)) issues.dupes.add(m.metric);
      seen.add(m.metric);
    }
    const n = (issues.key ? 1 : 0) + (issues.label ? 1 : 0) + (issues.noMetric ? 1 : 0) + issues.weights.size + issues.dupes.size;
    count += n;
    if (n) byCompetency.set(c.uid, issues);
  }
  return { model, byCompetency, count };
}
