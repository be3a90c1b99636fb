// Changepoints of a piecewise-linear signal by PELT (Killick, Fearnhead & Eckley 2012) with a
// least-squares line per segment, O(1) per segment cost from prefix sums. Written by hand: no
// maintained JS changepoint package exists, and the cost we need (lines, with gaps) is specific.

export interface Segment {
  start: number;
  /** Exclusive end. */
  end: number;
  intercept: number;
  slope: number;
}

/** Prefix sums over observed points (NaN = missing) of 1, t, t², y, t·y, y². */
class LineCost {
  private readonly s: Float64Array[];
  constructor(y: ArrayLike<number>) {
    const n = y.length;
    this.s = Array.from({ length: 6 }, () => new Float64Array(n + 1));
    const [c, st, stt, sy, sty, syy] = this.s;
    for (let i = 0; i < n; i++) {
      const ok = Number.isFinite(y[i]);
      const v = ok ? y[i] : 0;
      const w = ok ? 1 : 0;
      c[i + 1] = c[i] + w;
      st[i + 1] = st[i] + w * i;
      stt[i + 1] = stt[i] + w * i * i;
      sy[i + 1] = sy[i] + v;
      sty[i + 1] = sty[i] + i * v;
      syy[i + 1] = syy[i] + v * v;
    }
  }

  count(a: number, b: number): number {
    return this.s[0][b] - this.s[0][a];
  }

  /** Least-squares line over [a, b) and its residual sum of squares. */
  fit(a: number, b: number): { intercept: number; slope: number; sse: number } {
    const [c, st, stt, sy, sty, syy] = this.s;
    const n = c[b] - c[a];
    if (n === 0) return { intercept: 0, slope: 0, sse: 0 };
    const mt = (st[b] - st[a]) / n;
    const my = (sy[b] - sy[a]) / n;
    const vtt = stt[b] - stt[a] - n * mt * mt;
    const vty = sty[b] - sty[a] - n * mt * my;
    const vyy = syy[b] - syy[a] - n * my * my;
    const slope = vtt > 1e-12 ? vty / vtt : 0;
    const sse = Math.max(0, vyy - slope * vty);
    return { intercept: my - slope * mt, slope, sse };
  }
}

/**
 * Optimal segmentation minimising Σ SSE/σ² + penalty per changepoint, with every segment holding
 * at least `minSize` observed points. `y` should be scaled so that the noise σ is 1.
 */
export function segmentLinear(y: ArrayLike<number>, penalty: number, minSize: number): Segment[] {
  const n = y.length;
  const cost = new LineCost(y);
  const whole = (): Segment[] => {
    const f = cost.fit(0, n);
    return [{ start: 0, end: n, intercept: f.intercept, slope: f.slope }];
  };
  if (cost.count(0, n) < 2 * minSize) return whole();
  const best = new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY);
  const previous = new Int32Array(n + 1).fill(-1);
  best[0] = -penalty;
  let candidates: number[] = [0];
  for (let t = 1; t <= n; t++) {
    let bestValue = Number.POSITIVE_INFINITY;
    let bestFrom = -1;
    const costs = new Float64Array(candidates.length).fill(Number.POSITIVE_INFINITY);
    for (let k = 0; k < candidates.length; k++) {
      const s = candidates[k];
      if (cost.count(s, t) < minSize || !Number.isFinite(best[s])) continue;
      costs[k] = best[s] + cost.fit(s, t).sse;
      const value = costs[k] + penalty;
      if (value < bestValue) {
        bestValue = value;
        bestFrom = s;
      }
    }
    best[t] = bestValue;
    previous[t] = bestFrom;
    // PELT pruning: a start that is already worse than the optimum by more than the penalty
    // can never become optimal later (line SSE only grows when points are added).
    // Starts still too close to t to form a segment have no cost yet and are kept.
    const kept: number[] = [];
    for (let k = 0; k < candidates.length; k++) {
      const tooShort = cost.count(candidates[k], t) < minSize;
      if (tooShort || !(costs[k] > bestValue)) kept.push(candidates[k]);
    }
    if (Number.isFinite(bestValue)) kept.push(t);
    candidates = kept;
  }
  if (previous[n] < 0) return whole();
  const bounds: number[] = [n];
  for (let t = n; t > 0; t = previous[t]) bounds.push(previous[t]);
  bounds.reverse();
  const segments: Segment[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const f = cost.fit(bounds[k], bounds[k + 1]);
    segments.push({ start: bounds[k], end: bounds[k + 1], intercept: f.intercept, slope: f.slope });
  }
  return segments;
}
