// The transparent rubric: each metric becomes a robust z-score against all reps (median and
// scaled MAD), shrunk towards 0 when the rep has little evidence, and each competency is the
// weighted mean of its metrics' z-scores, rescaled to unit variance and mapped to 0–100 with the
// normal CDF. Every score carries the points each metric added, so it explains itself.
// Hand-written (robust z, normal CDF, Spearman): each is a few lines and no maintained JS
// statistics package is a dependency here.
import type { CompetencyDef } from './model.ts';
import { render, type Text } from '../../core/i18n.ts';
import { msg, pair } from './messages.ts';
import { METRICS, type RepMetrics } from './metrics.ts';

export interface Evidence { metric: string; label: Text | string; value: number | null; team_median: number | null; n: number; effect: number; detail?: Text | string }
/** label, evidence labels and to_raise are Texts: they render in the reader's language (stored as such). */
export interface CompetencyScore { competency: string; label: Text | string; score: number | null; z: number | null; evidence: Evidence[]; to_raise: Text | string | null }

/** Evidence count at which a metric keeps half its weight. */
const SHRINK = 4;
const Z_CAP = 3;

export function normalCdf(z: number): number {
  // Abramowitz–Stegun 7.1.26 via erf; |error| < 1.5e-7.
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

export interface MetricStats { median: number; scale: number }

export function metricStats(all: readonly RepMetrics[]): Map<string, MetricStats> {
  const out = new Map<string, MetricStats>();
  for (const metric of Object.keys(METRICS)) {
    const xs = all.map((r) => r[metric]?.value).filter((x): x is number => x !== null && x !== undefined && Number.isFinite(x)).sort((a, b) => a - b);
    if (xs.length === 0) continue;
    const median = quantile(xs, 0.5);
    const mad = quantile(xs.map((x) => Math.abs(x - median)).sort((a, b) => a - b), 0.5) * 1.4826;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - median) ** 2, 0) / Math.max(1, xs.length - 1));
    out.set(metric, { median, scale: mad > 1e-12 ? mad : sd > 1e-12 ? sd : 1 });
  }
  return out;
}

function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (h - lo);
}

const fmt = (x: number) => (Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : Math.abs(x) >= 1 ? x.toFixed(1) : x.toFixed(2));

export function scoreCompetencies(metrics: RepMetrics, stats: Map<string, MetricStats>, model: readonly CompetencyDef[]): CompetencyScore[] {
  return model.map((c) => {
    const parts: { metric: string; weight: number; z: number; value: number | null; median: number | null; n: number; detail?: Text | string }[] = [];
    for (const mw of c.metrics) {
      const mv = metrics[mw.metric];
      const st = stats.get(mw.metric);
      if (!mv || mv.value === null || !st) {
        parts.push({ metric: mw.metric, weight: 0, z: 0, value: null, median: st?.median ?? null, n: mv?.n ?? 0, detail: mv?.detail });
        continue;
      }
      const raw = Math.max(-Z_CAP, Math.min(Z_CAP, (mw.direction * (mv.value - st.median)) / st.scale));
      parts.push({ metric: mw.metric, weight: mw.weight, z: (raw * mv.n) / (mv.n + SHRINK), value: mv.value, median: st.median, n: mv.n, detail: mv.detail });
    }
    const sw = parts.reduce((s, p) => s + p.weight, 0);
    if (sw === 0) return { competency: c.key, label: pair(c.label, c.label_zh), score: null, z: null, evidence: parts.map((p) => evidenceOf(p, 0)), to_raise: msg('competency.toRaise.none') };
    // The weighted mean of independent unit z-scores has sd √Σw²/Σw: dividing by it keeps the scale.
    const unit = Math.sqrt(parts.reduce((s, p) => s + p.weight ** 2, 0)) / sw;
    const zOf = (skip?: string) => parts.reduce((s, p) => s + (p.metric === skip ? 0 : p.weight * p.z), 0) / sw / unit;
    const z = zOf();
    const score = 100 * normalCdf(z);
    const evidence = parts.map((p) => evidenceOf(p, p.weight === 0 ? 0 : score - 100 * normalCdf(zOf(p.metric))));
    return { competency: c.key, label: pair(c.label, c.label_zh), score: Math.round(score), z, evidence, to_raise: toRaise(evidence, c.metrics) };
  });
}

function evidenceOf(p: { metric: string; value: number | null; median: number | null; n: number; detail?: Text | string }, effect: number): Evidence {
  const e: Evidence = { metric: p.metric, label: METRICS[p.metric]?.label ?? p.metric, value: p.value === null ? null : round(p.value), team_median: p.median === null ? null : round(p.median), n: p.n, effect: round(effect, 1) };
  if (p.detail) e.detail = p.detail;
  return e;
}

function toRaise(evidence: readonly Evidence[], weights: CompetencyDef['metrics']): Text | null {
  const scored = evidence.filter((e) => e.value !== null && e.team_median !== null);
  if (scored.length === 0) return null;
  const worst = [...scored].sort((a, b) => a.effect - b.effect)[0];
  const dir = weights.find((w) => w.metric === worst.metric)?.direction ?? 1;
  if (worst.effect < 0) return msg(dir === 1 ? 'competency.toRaise.raise' : 'competency.toRaise.lower', { metric: worst.label, value: fmt(worst.value!), median: fmt(worst.team_median!), points: fmt(-worst.effect) });
  const missing = evidence.find((e) => e.value === null);
  if (missing) return msg('competency.toRaise.missing', { metric: missing.label });
  // English lower-cases the metric inside the sentence; Chinese quotes it as it is.
  const lower = pair(render(worst.label, 'en').toLowerCase(), render(worst.label, 'zh'));
  return msg('competency.toRaise.above', { metric: lower, value: fmt(worst.value!) });
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

/** Percentile (0–100) of a value among values: share strictly below plus half the ties. */
export function percentileOf(value: number, values: readonly number[]): number {
  if (values.length === 0) return 50;
  let below = 0, ties = 0;
  for (const v of values) (v < value ? below++ : v === value ? ties++ : 0);
  return Math.round((100 * (below + ties / 2)) / values.length);
}

export function spearman(a: readonly number[], b: readonly number[]): number {
  const rank = (xs: readonly number[]) => {
    const order = [...xs.keys()].sort((i, j) => xs[i] - xs[j]);
    const r = new Array<number>(xs.length);
    for (let k = 0; k < order.length; ) {
      let e = k;
      while (e + 1 < order.length && xs[order[e + 1]] === xs[order[k]]) e++;
      for (let t = k; t <= e; t++) r[order[t]] = (k + e) / 2;
      k = e + 1;
    }
    return r;
  };
  const ra = rank(a), rb = rank(b);
  const n = a.length;
  const ma = ra.reduce((s, x) => s + x, 0) / n, mb = rb.reduce((s, x) => s + x, 0) / n;
  let num = 0, da = 0, db = 0;
  for (let i = 0; i < n; i++) (num += (ra[i] - ma) * (rb[i] - mb)), (da += (ra[i] - ma) ** 2), (db += (rb[i] - mb) ** 2);
  return da > 0 && db > 0 ? num / Math.sqrt(da * db) : 0;
}
