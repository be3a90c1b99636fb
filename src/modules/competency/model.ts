// The competency model: which evidence metrics make up each competency, with weights and
// direction. Managers edit it (PUT /api/v1/competency/model); this is the default.
import { InputError, type InputIssue } from '../../core/errors.ts';
import { METRICS } from './metrics.ts';

export interface MetricWeight { metric: string; weight: number; direction: 1 | -1 }
/** label_zh and description are optional: names for Chinese readers and a sentence shown in the editor. */
export interface CompetencyDef { key: string; label: string; label_zh?: string; description?: string; metrics: MetricWeight[] }

const m = (metric: string, weight: number, direction: 1 | -1 = 1): MetricWeight => ({ metric, weight, direction });

export const DEFAULT_MODEL: CompetencyDef[] = [
  { key: 'product_knowledge', label: 'Product knowledge', label_zh: '产品知识', description: 'Shows the product early and sells it at its value.', metrics: [m('early_demo_rate', 2), m('avg_deal_size', 0.5), m('late_stage_win_rate', 0.5)] },
  { key: 'discovery', label: 'Needs discovery', label_zh: '需求挖掘', description: 'Asks open questions and learns what the customer needs before pitching.', metrics: [m('open_questions_per_call', 2), m('questions_per_call', 1), m('lead_conversion_rate', 1), m('early_demo_rate', 0.5)] },
  { key: 'communication', label: 'Communication', label_zh: '沟通', description: 'Listens more than talks, answers quickly and writes clear, specific e-mails.', metrics: [m('talk_ratio', 2, -1), m('call_share', 1.5), m('followup_hours', 0.5, -1), m('email_clarity', 0.25, -1), m('email_specificity', 0.25)] },
  { key: 'objection_handling', label: 'Objection handling', label_zh: '异议处理', description: 'Explores objections with questions and wins deals late in the cycle.', metrics: [m('late_stage_win_rate', 2), m('win_rate', 1), m('objections_explored', 0.5)] },
  { key: 'closing', label: 'Closing', label_zh: '成交', description: 'Wins deals, quickly and at a good size.', metrics: [m('win_rate', 2), m('late_stage_win_rate', 1), m('cycle_time_days', 0.5, -1), m('avg_deal_size', 0.5)] },
  { key: 'pipeline_discipline', label: 'Pipeline discipline', label_zh: '管道纪律', description: 'Keeps every deal moving: no long silences, fast lead response, honest close dates.', metrics: [m('silence_rate', 2, -1), m('lead_response_hours', 1.5, -1), m('touch_gap_days', 0.5, -1), m('close_date_accuracy', 0.25), m('pipeline_coverage', 0.25), m('activity_volume', 0.25)] },
  { key: 'collaboration', label: 'Collaboration', label_zh: '协作', description: 'Brings in executives, shares knowledge and helps colleagues.', metrics: [m('exec_meeting_rate', 2), m('articles_written', 0.5), m('article_uses', 0.5), m('help_given', 0.5)] },
];

/** Checks a model sent by a client; every problem names its row (competency index) and column. */
export function validateModel(value: unknown): CompetencyDef[] {
  const issues: InputIssue[] = [];
  const file = 'competency model';
  if (!Array.isArray(value) || value.length === 0) throw new InputError('competencies must be a non-empty list', [{ file, column: 'competencies', value, reason: 'must be a non-empty array' }]);
  const keys = new Set<string>();
  const out: CompetencyDef[] = value.map((c: any, row) => {
    if (typeof c?.key !== 'string' || !/^[a-z][a-z0-9_]{0,39}$/.test(c.key)) issues.push({ file, row, column: 'key', value: c?.key, reason: 'must be a lower-case identifier' });
    else if (keys.has(c.key)) issues.push({ file, row, column: 'key', value: c.key, reason: 'appears twice' });
    keys.add(c?.key);
    if (typeof c?.label !== 'string' || c.label.trim() === '') issues.push({ file, row, column: 'label', value: c?.label, reason: 'is required' });
    for (const [column, max] of [['label_zh', 80], ['description', 500]] as const) {
      const v = c?.[column];
      if (v !== undefined && v !== null && (typeof v !== 'string' || v.length > max)) issues.push({ file, row, column, value: v, reason: `must be text of at most ${max} characters` });
    }
    if (!Array.isArray(c?.metrics) || c.metrics.length === 0) issues.push({ file, row, column: 'metrics', value: c?.metrics, reason: 'must list at least one metric' });
    const metrics = (Array.isArray(c?.metrics) ? c.metrics : []).map((x: any, i: number) => {
      if (!(x?.metric in METRICS)) issues.push({ file, row, column: `metrics[${i}].metric`, value: x?.metric, reason: `unknown metric; known: ${Object.keys(METRICS).join(', ')}` });
      if (typeof x?.weight !== 'number' || !(x.weight > 0 && x.weight <= 10)) issues.push({ file, row, column: `metrics[${i}].weight`, value: x?.weight, reason: 'must be a number in (0, 10]' });
      if (x?.direction !== 1 && x?.direction !== -1) issues.push({ file, row, column: `metrics[${i}].direction`, value: x?.direction, reason: 'must be 1 (higher is better) or -1' });
      return { metric: x?.metric, weight: x?.weight, direction: x?.direction };
    });
    const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
    const labelZh = text(c?.label_zh);
    const description = text(c?.description);
    return { key: c?.key, label: typeof c?.label === 'string' ? c.label.trim() : '', ...(labelZh ? { label_zh: labelZh } : {}), ...(description ? { description } : {}), metrics };
  });
  if (issues.length) throw new InputError('the competency model is invalid', issues);
  return out;
}
