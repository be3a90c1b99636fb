// Pipeline forecast and win probability as product features: every open deal scored with reasons
// and risk signals, and a seeded Monte-Carlo of bookings by month next to the run-rate forecast
// of business the pipeline does not show.
import type { Db } from '../../db/client.ts';
import { InputError, NotFoundError } from '../../core/errors.ts';
import type { Text } from '../../core/i18n.ts';
import { isMissing, naSet, type RawRecord } from '../../ml/features/infer.ts';
import { explainRecord, scoreRecords } from '../lead-scoring/scorer.ts';
import { forecastSeries } from '../../ml/timeseries/forecast.ts';
import { scopePredicate, type Actor } from '../crm/access.ts';
import { ENTITIES } from '../crm/entities.ts';
import { loadSeries } from '../forecasting/series.ts';
import { seasonFor } from '../forecasting/service.ts';
import { DAY_MS, loadDeals, OPEN_STAGES, type Deal } from './data.ts';
import { dealRecord, OwnerRecords, stageAt } from './features.ts';
import { featureName, msg, stageName } from './messages.ts';
import { activeWinModel, type WinModel } from './model.ts';
import { simulateBookings, type Quantiles, type SimDeal } from './simulate.ts';

export const COMMIT_AT = 0.7;
export const BEST_CASE_AT = 0.4;
export const NO_ACTIVITY_DAYS = 14;

export type Category = 'commit' | 'best_case' | 'pipeline';

export interface DealScore {
  id: string;
  name: string | null;
  account_name: string | null;
  owner_id: string | null;
  owner_name: string | null;
  stage: string;
  amount: number;
  expected_close: string | null;
  win_probability: number;
  category: Category;
  /** `label` is the feature's name and `value` its value for this deal, both in the reader's language. */
  reasons: { feature: string; label: Text | string; value: Text | string; effect: 'raises' | 'lowers'; contribution: number }[];
  risks: { code: string; message: Text }[];
}

export const categoryOf = (p: number): Category => (p >= COMMIT_AT ? 'commit' : p >= BEST_CASE_AT ? 'best_case' : 'pipeline');
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
const monthIndex = (t: number) => new Date(t).getUTCFullYear() * 12 + new Date(t).getUTCMonth();
const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;

/** How long deals that moved on spent in each stage (75th percentile), and how far won deals slipped. */
export function stageHistoryStats(deals: readonly Deal[]): { stalledDays: Map<string, number>; slips: Map<string, number[]>; allSlips: number[] } {
  const stints = new Map<string, number[]>();
  const slips = new Map<string, number[]>();
  const allSlips: number[] = [];
  for (const d of deals) {
    for (let i = 0; i + 1 < d.changes.length; i++) {
      const s = d.changes[i].stage;
      if (!stints.has(s)) stints.set(s, []);
      stints.get(s)!.push((d.changes[i + 1].at - d.changes[i].at) / DAY_MS);
    }
    if (d.stage === 'won' && d.closedAt !== null && d.expectedClose !== null) {
      const slip = Math.max(0, monthIndex(d.closedAt) - monthIndex(d.expectedClose));
      allSlips.push(slip);
      for (const s of new Set(d.changes.map((c) => c.stage))) {
        if (!slips.has(s)) slips.set(s, []);
        slips.get(s)!.push(slip);
      }
    }
  }
  const stalledDays = new Map<string, number>();
  for (const [s, list] of stints) {
    const sorted = list.sort((a, b) => a - b);
    if (sorted.length >= 5) stalledDays.set(s, sorted[Math.floor(0.75 * (sorted.length - 1))]);
  }
  return { stalledDays, slips, allSlips };
}

interface Context {
  model: WinModel;
  owners: OwnerRecords;
  stats: ReturnType<typeof stageHistoryStats>;
  asOf: number;
}

function risksOf(deal: Deal, record: Record<string, unknown>, ctx: Context): DealScore['risks'] {
  const risks: DealScore['risks'] = [];
  const quiet = Number(record.days_since_activity);
  if (quiet >= NO_ACTIVITY_DAYS) risks.push({ code: 'no_recent_activity', message: msg('pipeline.risk.no_recent_activity', { days: String(Math.floor(quiet)) }) });
  if (deal.expectedClose !== null && deal.expectedClose < ctx.asOf - DAY_MS) risks.push({ code: 'close_date_passed', message: msg('pipeline.risk.close_date_passed', { date: isoDay(deal.expectedClose) }) });
  if (deal.slipped) risks.push({ code: 'slipped_close_date', message: msg('pipeline.risk.slipped_close_date') });
  const { stage } = stageAt(deal, ctx.asOf);
  const typical = ctx.stats.stalledDays.get(stage);
  const inStage = Number(record.days_in_stage);
  if (typical !== undefined && inStage > typical) {
    risks.push({ code: 'stalled', message: msg('pipeline.risk.stalled', { days: String(Math.floor(inStage)), stage: stageName(stage), typical: String(Math.ceil(typical)) }) });
  }
  return risks;
}

/** A feature's value for people: stage names and "unknown" translated, numbers rounded, data as it is. */
function valueOf(ctx: Context, column: string, value: unknown): Text | string {
  const enc = ctx.model.scorer.pipeline.encoders.find((e) => e.column === column);
  if (isMissing(value as RawRecord[string], naSet(ctx.model.scorer.pipeline.naValues))) return msg('pipeline.value.unknown');
  if (typeof value === 'number') return String(Number.isInteger(value) ? value : round(value, 2));
  const s = String(value).trim();
  const shown = column === 'stage' ? stageName(s) : s;
  return enc?.kind === 'categorical' && !enc.levels.includes(s) ? msg('pipeline.value.rare', { value: shown }) : shown;
}

function scoreDeal(deal: Deal, ctx: Context): DealScore {
  const record = dealRecord(deal, ctx.asOf, ctx.model.typicalWon, ctx.owners);
  const ex = explainRecord(ctx.model.scorer, record);
  const p = round(Math.min(1, Math.max(0, ex.probability)), 4);
  return {
    id: deal.id, name: deal.name, account_name: deal.accountName, owner_id: deal.ownerId, owner_name: deal.ownerName,
    stage: deal.stage, amount: deal.amount, expected_close: deal.expectedClose === null ? null : isoDay(deal.expectedClose),
    win_probability: Number.isFinite(p) ? p : 0, category: categoryOf(p),
    reasons: ex.reasons.filter((r) => Number.isFinite(r.contribution) && Math.abs(r.contribution) > 1e-6).slice(0, 3).map((r) => ({
      feature: r.column, label: featureName(r.column), value: valueOf(ctx, r.column, record[r.column]), effect: r.contribution > 0 ? 'raises' as const : 'lowers' as const, contribution: round(r.contribution, 3),
    })),
    risks: risksOf(deal, record, ctx),
  };
}

/** All deals (for statistics and owners' records) and the ids of the actor's open ones. */
async function prepare(db: Db, actor: Actor, filter: { id?: string; stage?: string; ownerId?: string } = {}): Promise<{ ctx: Context; open: Deal[] }> {
  const all = await loadDeals(db);
  const model = await activeWinModel(db, actor);
  const scope = scopePredicate(ENTITIES.opportunities, actor, 'o', 1);
  const params: unknown[] = [...scope.params];
  const where = [scope.sql, `o.stage NOT IN ('won', 'lost')`];
  if (filter.id) (params.push(filter.id), where.push(`o.id = $${params.length}`));
  if (filter.stage) (params.push(filter.stage), where.push(`o.stage = $${params.length}`));
  if (filter.ownerId) (params.push(filter.ownerId), where.push(`o.owner_id = $${params.length}`));
  const { rows } = await db.query<{ id: string }>(`SELECT o.id FROM opportunities o WHERE ${where.join(' AND ')}`, params);
  const ids = new Set(rows.map((r) => r.id));
  const closed = all.deals.filter((d) => d.closedAt !== null && (d.stage === 'won' || d.stage === 'lost'));
  return {
    ctx: { model, owners: new OwnerRecords(closed), stats: stageHistoryStats(all.deals), asOf: all.asOf },
    open: all.deals.filter((d) => ids.has(d.id)),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function scoreOpenDeals(db: Db, actor: Actor, filter: { stage?: string; ownerId?: string } = {}): Promise<{ model_version: number; as_of: string; data: DealScore[] }> {
  if (filter.stage && !(OPEN_STAGES as readonly string[]).includes(filter.stage)) {
    throw new InputError(`stage must be an open stage: ${OPEN_STAGES.join(', ')}`, [{ column: 'stage', value: filter.stage, reason: 'not an open stage' }]);
  }
  if (filter.ownerId && !UUID.test(filter.ownerId)) throw new InputError('owner_id must be a user id', [{ column: 'owner_id', value: filter.ownerId, reason: 'not a uuid' }]);
  const { ctx, open } = await prepare(db, actor, filter);
  const data = open.map((d) => scoreDeal(d, ctx)).sort((a, b) => b.win_probability * b.amount - a.win_probability * a.amount || a.id.localeCompare(b.id));
  return { model_version: ctx.model.version, as_of: isoDay(ctx.asOf), data };
}

export async function dealWinProbability(db: Db, actor: Actor, id: string): Promise<DealScore & { model_version: number }> {
  if (!UUID.test(id)) throw new NotFoundError('opportunity not found');
  const scope = scopePredicate(ENTITIES.opportunities, actor, 'o', 2);
  const { rows } = await db.query<{ stage: string }>(`SELECT o.stage FROM opportunities o WHERE o.id = $1 AND ${scope.sql}`, [id, ...scope.params]);
  if (!rows[0]) throw new NotFoundError('opportunity not found');
  if (rows[0].stage === 'won' || rows[0].stage === 'lost') {
    throw new InputError(`this opportunity is already ${rows[0].stage}`, [{ column: 'id', value: id, reason: 'win probability is for open opportunities' }]);
  }
  const { ctx, open } = await prepare(db, actor, { id });
  return { ...scoreDeal(open[0], ctx), model_version: ctx.model.version };
}

export interface PipelineForecastOptions {
  months: number;
  simulations: number;
  seed: number;
  slip: boolean;
}

type Bucket = Quantiles & { commit: number; best_case: number; pipeline: number };

export async function pipelineForecast(db: Db, actor: Actor, o: PipelineForecastOptions) {
  const { ctx, open } = await prepare(db, actor);
  const now = monthIndex(ctx.asOf);
  const records = open.map((d) => dealRecord(d, ctx.asOf, ctx.model.typicalWon, ctx.owners));
  const probs = records.length ? scoreRecords(ctx.model.scorer, records) : new Float64Array(0);
  const sim: SimDeal[] = open.map((d, i) => {
    const stage = stageAt(d, ctx.asOf).stage;
    const history = ctx.stats.slips.get(stage);
    return {
      amount: d.amount,
      probability: Number.isFinite(probs[i]) ? probs[i] : 0,
      month: Math.max(0, monthIndex(d.expectedClose ?? ctx.asOf) - now),
      slips: o.slip ? (history && history.length >= 5 ? history : ctx.stats.allSlips) : [],
    };
  });
  const result = simulateBookings(sim, o.months, o.simulations, o.seed);
  const label = (k: number) => {
    const m = now + k;
    return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  };
  const categories = (inMonth: (month: number) => boolean) => {
    const c = { commit: 0, best_case: 0, pipeline: 0 };
    sim.forEach((d) => inMonth(d.month) && (c[categoryOf(d.probability)] += d.amount));
    return { commit: round(c.commit), best_case: round(c.best_case), pipeline: round(c.pipeline) };
  };
  const q = (x: Quantiles) => ({ p10: round(x.p10), p50: round(x.p50), p90: round(x.p90), expected: round(x.expected) });
  const months: (Bucket & { month: string })[] = result.months.map((x, k) => ({ month: label(k), ...q(x), ...categories((m) => m === k) }));
  const quarter = { label: o.months === 1 ? msg('pipeline.horizon.one') : msg('pipeline.horizon.many', { n: String(o.months) }), ...q(result.total), ...categories((m) => m < o.months) };
  const runRate = await runRateForecast(db, actor, ctx.asOf, o.months, label);
  return {
    as_of: isoDay(ctx.asOf), simulations: o.simulations, seed: o.seed, slip: o.slip, deals_count: open.length, model_version: ctx.model.version,
    months, quarter, run_rate: runRate,
    total: { p50: round(quarter.p50 + runRate.total), expected: round(quarter.expected + runRate.total) },
    categories: {
      commit: msg('pipeline.category.commit', { commit: String(COMMIT_AT) }),
      best_case: msg('pipeline.category.best_case', { bestCase: String(BEST_CASE_AT), commit: String(COMMIT_AT) }),
      pipeline: msg('pipeline.category.pipeline', { bestCase: String(BEST_CASE_AT) }),
    },
  };
}

/** Statistical forecast of revenue from orders not linked to an opportunity, month by month. */
async function runRateForecast(db: Db, actor: Actor, asOf: number, months: number, label: (k: number) => string) {
  const loaded = await loadSeries(db, actor, { level: 'total', frequency: 'month', measure: 'revenue', asOf, withoutOpportunity: true });
  const complete = loaded.lastIsPartial ? loaded.periods.length - 1 : loaded.periods.length;
  const y = loaded.parent.values.subarray(0, complete);
  const f = forecastSeries(y, { method: 'auto', season: seasonFor('month', complete), horizon: months, levels: [80] });
  const clip = (v: number) => round(Math.max(0, v));
  const list = Array.from(f.mean, (mean, k) => ({ month: label(k), mean: clip(mean), lo80: clip(f.intervals[0].lower[k]), hi80: clip(f.intervals[0].upper[k]) }));
  return { method: f.method, months: list, total: round(list.reduce((s, m) => s + m.mean, 0)), note: msg('pipeline.runRate.note') };
}

export function parsePipelineOptions(raw: { months?: string; simulations?: string; seed?: string; slip?: string }): PipelineForecastOptions {
  const int = (value: string | undefined, column: string, fallback: number, min: number, max: number) => {
    if (value === undefined || value === '') return fallback;
    const v = Number(value);
    if (!Number.isInteger(v) || v < min || v > max) throw new InputError(`${column} must be a whole number from ${min} to ${max}`, [{ column, value, reason: `a whole number from ${min} to ${max}` }]);
    return v;
  };
  if (raw.slip !== undefined && raw.slip !== 'true' && raw.slip !== 'false') throw new InputError('slip must be true or false', [{ column: 'slip', value: raw.slip, reason: 'true or false' }]);
  return { months: int(raw.months, 'months', 3, 1, 12), simulations: int(raw.simulations, 'simulations', 5000, 100, 100_000), seed: int(raw.seed, 'seed', 1, 0, 2 ** 31 - 1), slip: raw.slip !== 'false' };
}
