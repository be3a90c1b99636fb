// KPI anomaly detection on seeded synthetic series (trend + weekly + yearly seasonality + noise,
// with spikes, dips, level shifts and trend changes at known windows). Prints event-level F1 of
// the detector against two baselines in the same process: a naive global z-score (|x − mean| > 3·sd)
// and a seasonal-difference robust z-score (x_t − x_{t−7}, median/MAD, > 4).
import { Rng } from '../src/ml/random.ts';
import { detectAnomalies, type AnomalyKind } from '../src/ml/anomaly/detector.ts';
import { DetectionTally } from '../src/ml/anomaly/evaluation.ts';
import { syntheticKpi, type SyntheticSeries } from '../src/ml/anomaly/synthetic.ts';
import { median, robustScale } from '../src/ml/anomaly/robust.ts';

const KINDS: AnomalyKind[] = ['spike', 'dip', 'level_shift', 'trend_change', 'spike', 'dip', 'level_shift'];

function globalZ(values: Float64Array): number[] {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let sd = 0;
  for (const v of values) sd += (v - mean) ** 2;
  sd = Math.sqrt(sd / values.length) || 1;
  const out: number[] = [];
  values.forEach((v, i) => {
    if (Math.abs(v - mean) > 3 * sd) out.push(i);
  });
  return out;
}

function weeklyDifferenceZ(values: Float64Array): number[] {
  const diff = values.map((v, i) => (i >= 7 ? v - values[i - 7] : Number.NaN));
  const centre = median(diff);
  const scale = robustScale(diff, centre);
  const out: number[] = [];
  diff.forEach((d, i) => {
    if (Number.isFinite(d) && Math.abs(d - centre) > 4 * scale) out.push(i);
  });
  return out;
}

export default async function run(): Promise<void> {
  const suites: { name: string; series: SyntheticSeries[] }[] = [
    { name: 'daily, 3 years, weekly + yearly', series: Array.from({ length: 30 }, (_, s) => syntheticKpi(new Rng(1000 + s), { length: 1095, inject: KINDS })) },
    { name: 'daily, 6 months, weekly', series: Array.from({ length: 30 }, (_, s) => syntheticKpi(new Rng(2000 + s), { length: 180, yearlyAmplitude: 0, inject: KINDS.slice(0, 4) })) },
  ];
  for (const suite of suites) {
    for (const sensitivity of ['medium', 'high'] as const) {
      const ours = new DetectionTally();
      const perKind: Record<string, [number, number]> = {};
      const started = performance.now();
      for (const s of suite.series) {
        const flagged = detectAnomalies(s.values, { sensitivity, candidatePeriods: [7, 365] }).points.filter((p) => p.kind).map((p) => p.index);
        ours.add(flagged, s.anomalies);
        for (const a of s.anomalies) {
          perKind[a.kind] ??= [0, 0];
          perKind[a.kind][1]++;
          if (flagged.some((f) => f >= a.start && f <= a.end)) perKind[a.kind][0]++;
        }
      }
      const seconds = (performance.now() - started) / 1000;
      const baseline = new DetectionTally();
      const seasonalBaseline = new DetectionTally();
      for (const s of suite.series) {
        baseline.add(globalZ(s.values), s.anomalies);
        seasonalBaseline.add(weeklyDifferenceZ(s.values), s.anomalies);
      }
      const a = ours.score();
      const b = baseline.score();
      const c = seasonalBaseline.score();
      const recallByKind = Object.entries(perKind).map(([k, [hit, all]]) => `${k} ${hit}/${all}`).join(', ');
      console.log(`${suite.name}, sensitivity ${sensitivity}: ${suite.series.length} series in ${seconds.toFixed(2)} s`);
      console.log(`  detector      precision ${a.precision.toFixed(3)} recall ${a.recall.toFixed(3)} F1 ${a.f1.toFixed(3)} (target ≥ 0.8)  [${recallByKind}]`);
      console.log(`  global z      precision ${b.precision.toFixed(3)} recall ${b.recall.toFixed(3)} F1 ${b.f1.toFixed(3)}`);
      console.log(`  weekly-diff z precision ${c.precision.toFixed(3)} recall ${c.recall.toFixed(3)} F1 ${c.f1.toFixed(3)}`);
      console.log(`  ratio F1 detector / weekly-diff baseline: ${c.f1 > 0 ? (a.f1 / c.f1).toFixed(2) : 'n/a (baseline F1 0)'}`);
    }
  }
}
