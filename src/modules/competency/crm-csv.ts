// Per-agent KPIs and competency evidence from a CRM export with no activity log (the Maven
// "CRM + Sales Opportunities" layout: sales_pipeline.csv and sales_teams.csv), through the same
// metric and scoring code as the database path.
import { join } from 'node:path';
import { readCsvFile } from '../../core/csv-file.ts';
import { InputError, type InputIssue } from '../../core/errors.ts';
import type { DealHistory } from '../best-practices/deal-history.ts';
import { computeRepMetrics, type RepMetrics } from './metrics.ts';
import { DEFAULT_MODEL } from './model.ts';
import { metricStats, scoreCompetencies, type CompetencyScore } from './scoring.ts';

const STAGES: Record<string, string> = { won: 'won', lost: 'lost', engaging: 'qualification', prospecting: 'prospecting' };

export interface AgentAssessment { agent: string; manager: string | null; office: string | null; metrics: RepMetrics; scores: CompetencyScore[] }

export function assessCrmExport(dir: string): { from: number; to: number; deals: number; agents: AgentAssessment[] } {
  const pipeline = readCsvFile(join(dir, 'sales_pipeline.csv'));
  const col = (name: string) => {
    const i = pipeline.header.indexOf(name);
    if (i < 0) throw new InputError(`${pipeline.file} has no "${name}" column`, [{ file: pipeline.file, column: name, reason: 'missing column' }]);
    return i;
  };
  const [id, agent, product, stage, engage, close, value] = ['opportunity_id', 'sales_agent', 'product', 'deal_stage', 'engage_date', 'close_date', 'close_value'].map(col);
  const issues: InputIssue[] = [];
  const deals: DealHistory[] = [];
  const date = (s: string) => (s ? Date.parse(`${s}T00:00:00Z`) : NaN);
  pipeline.records.forEach((r, i) => {
    const st = STAGES[(r[stage] ?? '').toLowerCase()];
    const opened = date(r[engage]);
    const closed = date(r[close]);
    if (!st) return void issues.push({ file: pipeline.file, row: i + 2, column: 'deal_stage', value: r[stage], reason: 'unknown stage' });
    // Prospecting deals have no engage date yet: they count for pipeline only from the export's end.
    if (Number.isNaN(opened) && st !== 'prospecting') return void issues.push({ file: pipeline.file, row: i + 2, column: 'engage_date', value: r[engage], reason: 'not a date' });
    const amount = r[value] === '' ? null : Number(r[value]);
    if (amount !== null && !Number.isFinite(amount)) return void issues.push({ file: pipeline.file, row: i + 2, column: 'close_value', value: r[value], reason: 'not a number' });
    deals.push({
      id: r[id], name: null, ownerId: r[agent], stage: st, amount: st === 'won' ? amount : null, openedAt: Number.isNaN(opened) ? Infinity : opened,
      closedAt: st === 'won' || st === 'lost' ? (Number.isNaN(closed) ? null : closed) : null, expectedClose: null, leadId: null, productId: r[product],
      product: r[product], accountId: null, industry: null, employees: null, events: [], firstContactAt: null,
    });
  });
  if (issues.length) throw new InputError(`${pipeline.file} has ${issues.length} bad rows`, issues.slice(0, 50));
  const teams = readCsvFile(join(dir, 'sales_teams.csv'));
  const team = new Map(teams.records.map((r) => [r[teams.header.indexOf('sales_agent')], { manager: r[teams.header.indexOf('manager')] ?? null, office: r[teams.header.indexOf('regional_office')] ?? null }]));
  const times = deals.flatMap((d) => [d.openedAt, d.closedAt ?? -Infinity]).filter(Number.isFinite);
  const from = Math.min(...times);
  const to = Math.max(...times) + 86_400_000;
  const agents = [...new Set(deals.map((d) => d.ownerId!))].sort();
  const metrics = computeRepMetrics({ from, to, deals, leads: [], calls: [], emails: [], collaboration: [] }, agents);
  const stats = metricStats([...metrics.values()]);
  return {
    from, to, deals: deals.length,
    agents: agents.map((a) => ({ agent: a, manager: team.get(a)?.manager ?? null, office: team.get(a)?.office ?? null, metrics: metrics.get(a)!, scores: scoreCompetencies(metrics.get(a)!, stats, DEFAULT_MODEL) })),
  };
}
