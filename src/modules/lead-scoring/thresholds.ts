// Choosing the grade-A cut-off from a model's hold-out: by sales capacity (leads a team can work
// per period) or by a target precision or recall, with the trade-off table around the choice.
import { InputError } from '../../core/errors.ts';
import { thresholdForCapacity, thresholdForPrecision, thresholdForRecall, tradeoffCurve, type TradeoffRow } from '../../ml/metrics/classification.ts';

export type Period = 'day' | 'week' | 'month';
const DAYS: Record<Period, number> = { day: 1, week: 7, month: 30.44 };

export type ThresholdRule = { rule: 'capacity'; capacity: number; per: Period } | { rule: 'precision'; precision: number } | { rule: 'recall'; recall: number };

export interface HoldoutSample {
  scores: ArrayLike<number>;
  labels: ArrayLike<number>;
  /** New leads per week over the hold-out period (labelled or not). */
  leadsPerWeek: number;
}

export interface ThresholdRow {
  threshold: number;
  leads_per_period: number;
  precision: number;
  recall: number;
}

export interface ThresholdChoice {
  rule: ThresholdRule['rule'];
  threshold: number;
  per: Period;
  expected: { leads_per_period: number; precision: number; recall: number };
  tradeoff: ThresholdRow[];
  target: ThresholdRule;
}

export function parseThresholdRule(input: { capacity?: unknown; per?: unknown; precision?: unknown; recall?: unknown }): ThresholdRule {
  const given = (['capacity', 'precision', 'recall'] as const).filter((k) => input[k] !== undefined && input[k] !== null);
  if (given.length !== 1) {
    throw new InputError('give exactly one of capacity, precision or recall', [{ column: given.join(',') || 'capacity', reason: given.length ? 'more than one rule' : 'no rule given' }]);
  }
  const num = (key: string, v: unknown, lo: number, hi: number, openLow = true) => {
    const x = typeof v === 'string' ? Number(v) : v;
    if (typeof x !== 'number' || !Number.isFinite(x) || (openLow ? x <= lo : x < lo) || x > hi) {
      throw new InputError(`${key} must be a number in ${openLow ? '(' : '['}${lo}, ${hi}]`, [{ column: key, value: v, reason: 'out of range or not a number' }]);
    }
    return x;
  };
  if (given[0] === 'capacity') {
    const per = (input.per ?? 'week') as string;
    if (!(per in DAYS)) throw new InputError('per must be day, week or month', [{ column: 'per', value: per, reason: 'unknown period' }]);
    return { rule: 'capacity', capacity: num('capacity', input.capacity, 0, 1e9), per: per as Period };
  }
  if (given[0] === 'precision') return { rule: 'precision', precision: num('precision', input.precision, 0, 1) };
  return { rule: 'recall', recall: num('recall', input.recall, 0, 1) };
}

function rowAt(curve: TradeoffRow[], threshold: number): TradeoffRow {
  // The cut with the lowest threshold still ≥ the chosen one (curve thresholds descend).
  let pick = curve[0];
  for (const row of curve) {
    if (row.threshold < threshold) break;
    pick = row;
  }
  return pick;
}

export function chooseThreshold(sample: HoldoutSample, rule: ThresholdRule): ThresholdChoice {
  const n = sample.scores.length;
  if (n === 0) throw new InputError('the active model has no hold-out scores to choose a threshold from', [{ reason: 'retrain the model' }]);
  const per: Period = rule.rule === 'capacity' ? rule.per : 'week';
  const periodsPerWeek = 7 / DAYS[per];
  const leadsPerPeriod = sample.leadsPerWeek / periodsPerWeek;
  // Share of hold-out rows selected → leads flagged per period.
  const flagged = (selected: number) => (selected / n) * leadsPerPeriod;
  const curve = tradeoffCurve(sample.labels, sample.scores);
  let threshold: number;
  if (rule.rule === 'capacity') {
    const share = leadsPerPeriod > 0 ? Math.min(1, rule.capacity / leadsPerPeriod) : 1;
    threshold = thresholdForCapacity(sample.scores, Math.max(1, Math.floor(share * n)));
  } else if (rule.rule === 'precision') {
    const row = thresholdForPrecision(sample.labels, sample.scores, rule.precision);
    if (!row) throw new InputError(`no cut-off reaches precision ${rule.precision} on the hold-out`, [{ column: 'precision', value: rule.precision, reason: `the best precision is ${Math.max(...curve.map((r) => r.precision)).toFixed(3)}` }]);
    threshold = row.threshold;
  } else {
    const row = thresholdForRecall(sample.labels, sample.scores, rule.recall);
    if (!row) throw new InputError(`no cut-off reaches recall ${rule.recall}`, [{ column: 'recall', value: rule.recall, reason: 'unreachable' }]);
    threshold = row.threshold;
  }
  const chosen = rowAt(curve, threshold);
  // The table: about ten cuts spread over the curve, plus the chosen one.
  const picks = new Set<TradeoffRow>([chosen]);
  for (let k = 1; k <= 10; k++) picks.add(curve[Math.min(curve.length - 1, Math.floor((curve.length * k) / 10) - 1)] ?? curve[0]);
  const tradeoff = [...picks]
    .sort((a, b) => b.threshold - a.threshold)
    .map((r) => ({ threshold: r.threshold, leads_per_period: flagged(r.selected), precision: r.precision, recall: r.recall }));
  return {
    rule: rule.rule,
    threshold,
    per,
    expected: { leads_per_period: flagged(chosen.selected), precision: chosen.precision, recall: chosen.recall },
    tradeoff,
    target: rule,
  };
}

/** Grade cut-offs with a new A cut-off, B and C lowered if needed so they stay in order. */
export function withGradeA(cutoffs: readonly [number, number, number], a: number): [number, number, number] {
  const b = Math.min(cutoffs[1], a);
  return [a, b, Math.min(cutoffs[2], b)];
}
