// `salesbloom eval anomalies`: runs the detector on every series and scores its detections against
// the labelled windows (event-level rule documented in src/ml/anomaly/evaluation.ts).
import { detectAnomalies, type Sensitivity } from '../../ml/anomaly/detector.ts';
import { DetectionTally } from '../../ml/anomaly/evaluation.ts';
import { loadAnomalyEval } from './load.ts';

export interface AnomalyEvalOptions {
  series: string;
  windows: string;
  sensitivity: Sensitivity;
  /** Seasonal period in steps; 0 = none; undefined = detect. */
  season?: number;
}

export interface AnomalyEvalReport {
  precision: number;
  recall: number;
  f1: number;
  seconds: number;
  sensitivity: Sensitivity;
  series: number;
  points: number;
  windows: number;
  windows_detected: number;
  true_detections: number;
  false_alarms: number;
  anomalies_by_kind: Record<string, number>;
}

export function runAnomalyEval(options: AnomalyEvalOptions): AnomalyEvalReport {
  const data = loadAnomalyEval(options.series, options.windows);
  const started = performance.now();
  const tally = new DetectionTally();
  const byKind: Record<string, number> = {};
  let points = 0;
  for (const s of data) {
    const report = detectAnomalies(s.values, {
      sensitivity: options.sensitivity,
      periods: options.season === undefined ? undefined : options.season > 1 ? [options.season] : [],
      candidatePeriods: s.unit.candidatePeriods,
    });
    const flagged = report.points.filter((p) => p.kind);
    for (const p of flagged) byKind[p.kind!] = (byKind[p.kind!] ?? 0) + 1;
    tally.add(flagged.map((p) => p.index), s.windows);
    points += s.values.length;
  }
  const score = tally.score();
  return {
    precision: score.precision,
    recall: score.recall,
    f1: score.f1,
    seconds: (performance.now() - started) / 1000,
    sensitivity: options.sensitivity,
    series: data.length,
    points,
    windows: score.windows,
    windows_detected: score.windowsDetected,
    true_detections: score.truePositives,
    false_alarms: score.falsePositives,
    anomalies_by_kind: byKind,
  };
}

export function formatAnomalyEvalReport(r: AnomalyEvalReport): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const kinds = Object.entries(r.anomalies_by_kind).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  return [
    `Anomaly detection on ${r.series} series (${r.points} points), sensitivity ${r.sensitivity}`,
    `  precision ${pct(r.precision)}  (${r.true_detections} true detections, ${r.false_alarms} false alarms)`,
    `  recall    ${pct(r.recall)}  (${r.windows_detected} of ${r.windows} labelled windows detected)`,
    `  F1        ${r.f1.toFixed(3)}`,
    `  flagged points by kind: ${kinds}`,
    `  ${r.seconds.toFixed(2)} s`,
    'Consecutive flagged points form one event; all events touching one window count once.',
  ].join('\n');
}
