// Binary-classification metrics for scored leads (labels 0/1, scores = probabilities or margins).
// Written by hand: each is a few lines over a sort, and no maintained JS package covers
// this set (ROC/PR AUC with ties, reliability tables, capacity thresholds, PSI) without
// pulling in a dataframe library. Definitions follow scikit-learn where one exists.

/** Sorts indices by score, descending (stable). */
function orderByScoreDesc(scores: ArrayLike<number>): Uint32Array {
  const idx = new Uint32Array(scores.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx.sort((a, b) => scores[b] - scores[a] || a - b);
}

function countPositives(labels: ArrayLike<number>): number {
  let pos = 0;
  for (let i = 0; i < labels.length; i++) pos += labels[i];
  return pos;
}

/** ROC AUC (Mann–Whitney, ties count one half). Undefined (NaN) unless both classes are present: callers check. */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = labels.length;
  const idx = orderByScoreDesc(scores);
  const pos = countPositives(labels);
  const neg = n - pos;
  if (pos === 0 || neg === 0) return NaN;
  // Walk groups of tied scores from the top; each negative beats the positives seen above it.
  let area = 0;
  let posAbove = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    let groupPos = 0;
    let groupNeg = 0;
    while (j < n && scores[idx[j]] === scores[idx[i]]) {
      if (labels[idx[j]] === 1) groupPos++;
      else groupNeg++;
      j++;
    }
    area += groupNeg * (posAbove + groupPos / 2);
    posAbove += groupPos;
    i = j;
  }
  return area / (pos * neg);
}

/** Average precision (area under the precision–recall step curve, scikit-learn's definition). */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = labels.length;
  const idx = orderByScoreDesc(scores);
  const pos = countPositives(labels);
  if (pos === 0) return NaN;
  let tp = 0;
  let seen = 0;
  let prevRecall = 0;
  let ap = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && scores[idx[j]] === scores[idx[i]]) {
      tp += labels[idx[j]];
      j++;
    }
    seen = j;
    const recall = tp / pos;
    ap += (recall - prevRecall) * (tp / seen);
    prevRecall = recall;
    i = j;
  }
  return ap;
}

/** Mean negative log-likelihood; probabilities clipped to [1e-15, 1 - 1e-15] as scikit-learn does. */
export function logLoss(labels: ArrayLike<number>, probs: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, probs[i]));
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / labels.length;
}

export function brierScore(labels: ArrayLike<number>, probs: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) sum += (probs[i] - labels[i]) ** 2;
  return sum / labels.length;
}

/** Share of rows where (score ≥ threshold) equals the label. */
export function accuracyAt(labels: ArrayLike<number>, scores: ArrayLike<number>, threshold: number): number {
  let right = 0;
  for (let i = 0; i < labels.length; i++) if ((scores[i] >= threshold ? 1 : 0) === labels[i]) right++;
  return right / labels.length;
}

/** Conversion rate among the top `fraction` of rows by score, divided by the overall rate. */
export function liftAt(labels: ArrayLike<number>, scores: ArrayLike<number>, fraction = 0.1): number {
  const n = labels.length;
  const k = Math.max(1, Math.round(n * fraction));
  const idx = orderByScoreDesc(scores);
  let top = 0;
  for (let i = 0; i < k; i++) top += labels[idx[i]];
  const base = countPositives(labels) / n;
  return base === 0 ? 0 : top / k / base;
}

export interface ReliabilityBin {
  lower: number;
  upper: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

/** Calibration table over equal-width probability bins; empty bins are omitted. */
export function reliabilityTable(labels: ArrayLike<number>, probs: ArrayLike<number>, bins = 10): ReliabilityBin[] {
  const count = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  for (let i = 0; i < labels.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(probs[i] * bins)));
    count[b]++;
    sumP[b] += probs[i];
    sumY[b] += labels[i];
  }
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    if (count[b] === 0) continue;
    out.push({ lower: b / bins, upper: (b + 1) / bins, count: count[b], meanPredicted: sumP[b] / count[b], observedRate: sumY[b] / count[b] });
  }
  return out;
}

/** Expected calibration error: count-weighted mean |predicted − observed| over the reliability bins. */
export function expectedCalibrationError(table: readonly ReliabilityBin[]): number {
  let total = 0;
  let err = 0;
  for (const b of table) {
    total += b.count;
    err += b.count * Math.abs(b.meanPredicted - b.observedRate);
  }
  return total === 0 ? 0 : err / total;
}

export interface TradeoffRow {
  threshold: number;
  /** Rows at or above the threshold. */
  selected: number;
  precision: number;
  recall: number;
}

/** Precision/recall at every distinct score cut (descending). */
export function tradeoffCurve(labels: ArrayLike<number>, scores: ArrayLike<number>): TradeoffRow[] {
  const n = labels.length;
  const idx = orderByScoreDesc(scores);
  const pos = countPositives(labels);
  const rows: TradeoffRow[] = [];
  let tp = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && scores[idx[j]] === scores[idx[i]]) {
      tp += labels[idx[j]];
      j++;
    }
    rows.push({ threshold: scores[idx[i]], selected: j, precision: tp / j, recall: pos === 0 ? 0 : tp / pos });
    i = j;
  }
  return rows;
}

/** The threshold that selects (at most) the top `capacity` rows: the score of the capacity-th row. */
export function thresholdForCapacity(scores: ArrayLike<number>, capacity: number): number {
  const idx = orderByScoreDesc(scores);
  const k = Math.min(scores.length, Math.max(1, Math.floor(capacity)));
  return scores[idx[k - 1]];
}

/** Lowest threshold whose precision is still ≥ target (most leads at that quality); null when none reaches it. */
export function thresholdForPrecision(labels: ArrayLike<number>, scores: ArrayLike<number>, target: number): TradeoffRow | null {
  let best: TradeoffRow | null = null;
  for (const row of tradeoffCurve(labels, scores)) if (row.precision >= target) best = row;
  return best;
}

/** Highest threshold whose recall reaches the target (fewest leads that catch that share of conversions). */
export function thresholdForRecall(labels: ArrayLike<number>, scores: ArrayLike<number>, target: number): TradeoffRow | null {
  for (const row of tradeoffCurve(labels, scores)) if (row.recall >= target) return row;
  return null;
}

/** Trade-off rows at the given shares of rows selected (e.g. top 10 %, 20 %, …). */
export function tradeoffTable(labels: ArrayLike<number>, scores: ArrayLike<number>, shares: readonly number[] = [0.05, 0.1, 0.2, 0.3, 0.5]): TradeoffRow[] {
  const curve = tradeoffCurve(labels, scores);
  return shares.map((share) => {
    const want = Math.max(1, Math.round(labels.length * share));
    // The last cut that selects no more than `want` rows (ties may make it fewer), else the first cut.
    let pick = curve[0];
    for (const row of curve) {
      if (row.selected > want) break;
      pick = row;
    }
    return pick;
  });
}

export type Grade = 'A' | 'B' | 'C' | 'D';

/** Score cut-offs for A/B/C/D as shares of the reference population (top 10 %, next 20 %, next 30 %, rest). */
export function gradeCutoffs(referenceScores: ArrayLike<number>, shares: readonly [number, number, number] = [0.1, 0.3, 0.6]): [number, number, number] {
  const sorted = Float64Array.from(referenceScores).sort();
  const at = (topShare: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(sorted.length * (1 - topShare))))];
  return [at(shares[0]), at(shares[1]), at(shares[2])];
}

export function gradeOf(score: number, cutoffs: readonly [number, number, number]): Grade {
  if (score >= cutoffs[0]) return 'A';
  if (score >= cutoffs[1]) return 'B';
  if (score >= cutoffs[2]) return 'C';
  return 'D';
}

/**
 * Population stability index between a reference and a current score sample, over bins at the
 * reference deciles. Empty bins get a floor of 1e-4 so the log stays finite (common practice).
 * Rule of thumb: < 0.1 stable, 0.1–0.25 moderate shift, > 0.25 major shift.
 */
export function populationStabilityIndex(reference: ArrayLike<number>, current: ArrayLike<number>, bins = 10): number {
  const sorted = Float64Array.from(reference).sort();
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) {
    const edge = sorted[Math.floor((sorted.length * b) / bins)];
    if (edges.length === 0 || edge > edges[edges.length - 1]) edges.push(edge);
  }
  const binOf = (v: number) => {
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v < edges[mid]) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const ref = new Float64Array(edges.length + 1);
  const cur = new Float64Array(edges.length + 1);
  for (let i = 0; i < reference.length; i++) ref[binOf(reference[i])]++;
  for (let i = 0; i < current.length; i++) cur[binOf(current[i])]++;
  let psi = 0;
  for (let b = 0; b < ref.length; b++) {
    const r = Math.max(1e-4, ref[b] / reference.length);
    const c = Math.max(1e-4, cur[b] / current.length);
    psi += (c - r) * Math.log(c / r);
  }
  return psi;
}

export interface RocPoint {
  fpr: number;
  tpr: number;
  threshold: number;
}

/** ROC curve at every distinct score, thinned to at most `maxPoints` (always keeping both ends). */
export function rocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>, maxPoints = 100): RocPoint[] {
  const pos = countPositives(labels);
  const neg = labels.length - pos;
  if (pos === 0 || neg === 0) return [];
  const points: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: 1 }];
  for (const row of tradeoffCurve(labels, scores)) {
    const tp = row.recall * pos;
    points.push({ fpr: (row.selected - tp) / neg, tpr: row.recall, threshold: row.threshold });
  }
  if (points.length <= maxPoints) return points;
  const out: RocPoint[] = [];
  const step = (points.length - 1) / (maxPoints - 1);
  for (let k = 0; k < maxPoints; k++) out.push(points[Math.round(k * step)]);
  return out;
}

export interface DecileLift {
  decile: number;
  rows: number;
  conversion_rate: number;
  lift: number;
}

/** Conversion rate and lift per score decile, best decile first (deciles of rows ordered by score). */
export function liftByDecile(labels: ArrayLike<number>, scores: ArrayLike<number>): DecileLift[] {
  const n = labels.length;
  if (n === 0) return [];
  const idx = orderByScoreDesc(scores);
  const base = countPositives(labels) / n;
  const out: DecileLift[] = [];
  for (let d = 0; d < 10; d++) {
    const start = Math.floor((n * d) / 10);
    const end = Math.floor((n * (d + 1)) / 10);
    if (end <= start) continue;
    let pos = 0;
    for (let i = start; i < end; i++) pos += labels[idx[i]];
    const rate = pos / (end - start);
    out.push({ decile: d + 1, rows: end - start, conversion_rate: rate, lift: base === 0 ? 0 : rate / base });
  }
  return out;
}
