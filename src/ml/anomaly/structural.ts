// Level shifts and trend changes: PELT segmentation of the deseasonalised series, then a local
// check at each boundary so that only abrupt changes are reported (smooth curvature in a trend
// also splits into lines, but the slopes on either side of its boundaries barely differ locally).
// Written by hand: the local two-line tests are specific to this detector; no library has them.
import { segmentLinear } from './changepoints.ts';

export type BreakKind = 'level_shift' | 'trend_change';

export interface StructuralBreak {
  /** First index of the new regime. */
  index: number;
  kind: BreakKind;
  /** Step at the boundary, in the series' units. */
  jump: number;
  /** Change of slope per step, in the series' units. */
  slopeChange: number;
  /** Size in noise standard deviations (the step, or the drift the slope change builds up locally). */
  score: number;
}

export interface BreakSettings {
  /** Noise standard deviation of the series. */
  sigma: number;
  /** PELT penalty per changepoint, in units of σ². */
  penalty: number;
  minSegment: number;
  /** Smallest reportable step and local drift, in σ. */
  minShift: number;
  minDrift: number;
  /** Smallest z-statistic of the step or slope change. */
  minZ: number;
}

/** Breaks in `y` (NaN = missing or masked outlier), oldest first. */
export function findBreaks(y: ArrayLike<number>, settings: BreakSettings): StructuralBreak[] {
  const n = y.length;
  const scaled = new Float64Array(n);
  for (let i = 0; i < n; i++) scaled[i] = y[i] / settings.sigma;
  const segments = segmentLinear(scaled, settings.penalty, settings.minSegment);
  const breaks: StructuralBreak[] = [];
  const local = 4 * settings.minSegment;
  for (let k = 1; k < segments.length; k++) {
    const tau = segments[k].start;
    const before = lineFit(scaled, Math.max(segments[k - 1].start, tau - local), tau, tau - 0.5);
    const after = lineFit(scaled, tau, Math.min(segments[k].end, tau + local), tau - 0.5);
    if (!before || !after) continue;
    const at = tau - 0.5;
    const jump = after.intercept + after.slope * at - (before.intercept + before.slope * at);
    const slopeChange = after.slope - before.slope;
    const drift = Math.abs(slopeChange) * Math.min(before.count, after.count, local);
    // Standard errors (σ = 1) of the step between the two lines extrapolated to the boundary and
    // of the slope difference; both must be significant, not just large, so that the bend of a
    // smooth yearly wave seen through short local lines is not reported as a trend change.
    // The noise level is the larger of the global one and the two lines' pooled residual, so a
    // curve the lines do not follow raises the bar instead of producing a break.
    const pooled = Math.sqrt((before.sse + after.sse) / Math.max(1, before.count + after.count - 4));
    const noise = Math.max(1, pooled);
    const jumpZ = Math.abs(jump) / (noise * Math.sqrt(before.edgeVariance + after.edgeVariance));
    const slopeZ = Math.abs(slopeChange) / (noise * Math.sqrt(before.slopeVariance + after.slopeVariance));
    const shiftRatio = Math.min(Math.abs(jump) / settings.minShift, jumpZ / settings.minZ);
    const driftRatio = Math.min(drift / settings.minDrift, slopeZ / settings.minZ);
    if (Math.max(shiftRatio, driftRatio) < 1) continue;
    const kind: BreakKind = shiftRatio >= driftRatio ? 'level_shift' : 'trend_change';
    breaks.push({
      index: tau,
      kind,
      jump: jump * settings.sigma,
      slopeChange: slopeChange * settings.sigma,
      score: kind === 'level_shift' ? Math.abs(jump) : drift,
    });
  }
  return breaks;
}

/**
 * The piecewise component the breaks add from each break onwards: the step of a level shift, the
 * growing ramp of a trend change. Only the part that defines the kind is used, because the other
 * (a noisy slope after a step, a noisy step at a kink) would be extrapolated to the series end.
 */
export function breakComponent(n: number, breaks: readonly StructuralBreak[]): Float64Array {
  const out = new Float64Array(n);
  for (const b of breaks) {
    for (let i = b.index; i < n; i++) out[i] += b.kind === 'level_shift' ? b.jump : b.slopeChange * (i - b.index + 0.5);
  }
  return out;
}

interface LocalLine {
  intercept: number;
  slope: number;
  count: number;
  sse: number;
  /** Variances (σ = 1) of the slope and of the line's value at the far edge next to the boundary. */
  slopeVariance: number;
  edgeVariance: number;
}

function lineFit(y: Float64Array, a: number, b: number, edge: number): LocalLine | null {
  let c = 0;
  let st = 0;
  let sy = 0;
  for (let i = a; i < b; i++) {
    if (!Number.isFinite(y[i])) continue;
    c++;
    st += i;
    sy += y[i];
  }
  if (c < 3) return null;
  const mt = st / c;
  const my = sy / c;
  let vtt = 0;
  let vty = 0;
  for (let i = a; i < b; i++) {
    if (!Number.isFinite(y[i])) continue;
    vtt += (i - mt) ** 2;
    vty += (i - mt) * (y[i] - my);
  }
  if (vtt <= 0) return null;
  const slope = vty / vtt;
  const intercept = my - slope * mt;
  let sse = 0;
  for (let i = a; i < b; i++) if (Number.isFinite(y[i])) sse += (y[i] - intercept - slope * i) ** 2;
  return { intercept, slope, count: c, sse, slopeVariance: 1 / vtt, edgeVariance: 1 / c + (edge - mt) ** 2 / vtt };
}
