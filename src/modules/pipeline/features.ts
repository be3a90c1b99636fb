// A deal as the model sees it at one moment: stage, age, time in stage, amount against the typical
// won deal, activity recency and counts, the owner's record so far, product and industry. Pure:
// every figure uses only what was known at that moment, so closed deals train without leakage.
import type { RawRecord } from '../../ml/features/infer.ts';
import { Rng } from '../../ml/random.ts';
import { DAY_MS, type Deal } from './data.ts';

export const FEATURE_COLUMNS = [
  'stage', 'age_days', 'days_in_stage', 'amount_vs_typical', 'days_since_activity', 'activities', 'activities_30d', 'meetings',
  'owner_win_rate', 'owner_closed_deals', 'days_to_expected_close', 'product', 'industry',
] as const;

/** Stage and when it was entered at time t (before the deal closed). */
export function stageAt(deal: Deal, t: number): { stage: string; since: number } {
  let stage = 'prospecting';
  let since = deal.openedAt;
  for (const c of deal.changes) {
    if (c.at > t) break;
    if (c.stage === 'won' || c.stage === 'lost') break;
    stage = c.stage;
    since = c.at;
  }
  if (deal.changes.length === 0 && deal.stage !== 'won' && deal.stage !== 'lost') stage = deal.stage;
  return { stage, since };
}

/** Number of values ≤ t in an ascending array. */
function countUpTo(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Each owner's closed deals (close time, won), to read their record at any moment. */
export class OwnerRecords {
  private readonly byOwner = new Map<string, { at: Float64Array; cumWins: Float64Array }>();
  private readonly all: { at: Float64Array; cumWins: Float64Array };

  constructor(deals: readonly Deal[]) {
    const build = (list: Deal[]) => {
      const sorted = list.slice().sort((a, b) => a.closedAt! - b.closedAt!);
      const at = Float64Array.from(sorted, (d) => d.closedAt!);
      const cumWins = new Float64Array(sorted.length);
      sorted.forEach((d, i) => (cumWins[i] = (i ? cumWins[i - 1] : 0) + (d.stage === 'won' ? 1 : 0)));
      return { at, cumWins };
    };
    const closed = deals.filter((d) => d.closedAt !== null && (d.stage === 'won' || d.stage === 'lost'));
    this.all = build(closed);
    const groups = new Map<string, Deal[]>();
    for (const d of closed) {
      const k = d.ownerId ?? '';
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k)!.push(d);
    }
    for (const [k, list] of groups) this.byOwner.set(k, build(list));
  }

  /** Win rate of the owner's deals closed strictly before t, shrunk towards the company's rate then. */
  winRate(ownerId: string | null, t: number): { rate: number; closed: number } {
    const read = (r: { at: Float64Array; cumWins: Float64Array } | undefined) => {
      if (!r) return { n: 0, wins: 0 };
      const n = countUpTo(r.at, t - 1);
      return { n, wins: n ? r.cumWins[n - 1] : 0 };
    };
    const company = read(this.all);
    const prior = (company.wins + 1) / (company.n + 2);
    const own = read(this.byOwner.get(ownerId ?? ''));
    const strength = 5;
    return { rate: (own.wins + strength * prior) / (own.n + strength), closed: own.n };
  }
}

/** The deal's features at time t. `typicalWon` is the median amount of won deals. */
export function dealRecord(deal: Deal, t: number, typicalWon: number, owners: OwnerRecords): RawRecord {
  const { stage, since } = stageAt(deal, t);
  const n = countUpTo(deal.activities, t);
  const last = n > 0 ? deal.activities[n - 1] : deal.openedAt;
  const owner = owners.winRate(deal.ownerId, t);
  const days = (ms: number) => Math.round((ms / DAY_MS) * 10) / 10;
  return {
    stage,
    age_days: days(Math.max(0, t - deal.openedAt)),
    days_in_stage: days(Math.max(0, t - since)),
    amount_vs_typical: typicalWon > 0 ? Math.round((deal.amount / typicalWon) * 1000) / 1000 : 1,
    days_since_activity: days(Math.max(0, t - last)),
    activities: n,
    activities_30d: n - countUpTo(deal.activities, t - 30 * DAY_MS),
    meetings: countUpTo(deal.meetings, t),
    owner_win_rate: Math.round(owner.rate * 1000) / 1000,
    owner_closed_deals: owner.closed,
    days_to_expected_close: deal.expectedClose === null ? null : days(deal.expectedClose - t),
    product: deal.product ?? '(none)',
    industry: deal.industry ?? '(none)',
  };
}

/**
 * A moment in a closed deal's open life to learn from, drawn uniformly (seeded per deal) so the
 * training deals look like open deals do: at every stage and age, not only at their end.
 */
export function snapshotTime(deal: Deal, seed: number): number {
  const end = deal.closedAt ?? deal.openedAt;
  let h = seed >>> 0;
  for (let i = 0; i < deal.id.length; i++) h = (Math.imul(h ^ deal.id.charCodeAt(i), 16777619) >>> 0);
  const u = new Rng(h || 1).next();
  return deal.openedAt + u * Math.max(0, end - 1 - deal.openedAt);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = values.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
