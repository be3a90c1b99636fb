// `salesbloom eval anomalies`: runs the detector on every series and scores its detections against
// the labelled windows (event-level rule documented in src/ml/anomaly/evaluation.ts).
import { cliLocale, render, type Locale } from '../../core/i18n.ts';
import { msg } from './messages.ts';
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

/** The human report, in `locale` (the CLI's language by default); --json stays language-neutral. */
export function formatAnomalyEvalReport(r: AnomalyEvalReport, locale: Locale = cliLocale()): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const KINDS = new Set(['spike', 'dip', 'level_shift', 'trend_change']);
  const kindName = (k: string) => (KINDS.has(k) ? msg(`anomalies.kind.${k}` as 'anomalies.kind.spike') : k);
  const kindList = Object.entries(r.anomalies_by_kind).map(([k, v]) => `${render(kindName(k), locale)} ${v}`).join(locale === 'zh' ? '，' : ', ');
  const sensitivity = ['low', 'medium', 'high'].includes(r.sensitivity) ? msg(`anomalies.sensitivity.${r.sensitivity}` as 'anomalies.sensitivity.low') : r.sensitivity;
  return [
    msg('anomalies.report.head', { series: String(r.series), points: String(r.points), sensitivity }),
    msg('anomalies.report.precision', { value: pct(r.precision), tp: String(r.true_detections), fp: String(r.false_alarms) }),
    msg('anomalies.report.recall', { value: pct(r.recall), detected: String(r.windows_detected), windows: String(r.windows) }),
    msg('anomalies.report.f1', { value: r.f1.toFixed(3) }),
    msg('anomalies.report.kinds', { kinds: kindList || msg('anomalies.report.none') }),
    msg('anomalies.report.seconds', { value: r.seconds.toFixed(2) }),
    msg('anomalies.report.note'),
  ].map((line) => render(line, locale)).join('\n');
}
