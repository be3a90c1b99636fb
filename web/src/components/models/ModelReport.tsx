// A model's evaluation report as ECharts: ROC curve, reliability diagram, lift by decile,
// backtests per origin and feature importances; whichever the report holds.
import { useMemo } from 'react';
import { useI18n } from '../../i18n.tsx';
import { Chart } from '../Chart.tsx';

export interface RocPoint { fpr: number; tpr: number; threshold?: number }
export interface ReliabilityBin { lower?: number; upper?: number; count?: number; predicted: number; observed: number }
export interface LiftRow { decile: number; rows?: number; conversion_rate?: number; lift: number }
export interface BacktestOrigin { origin: string; smape: number | null; mase: number | null; coverage95?: number | null }
export interface Importance { column?: string; feature?: string; label?: string; importance: number }
export interface Report {
  roc?: RocPoint[];
  reliability?: ReliabilityBin[];
  lift?: LiftRow[];
  origins?: BacktestOrigin[];
  importances?: Importance[];
  metrics?: Record<string, unknown>;
}

/** Finds report parts in a registry row's metrics, whatever nesting the module used. */
export function reportFrom(metrics: unknown): Report {
  const m = (metrics && typeof metrics === 'object' ? metrics : {}) as Record<string, unknown>;
  const nested = (m.report && typeof m.report === 'object' ? m.report : m.evaluation && typeof m.evaluation === 'object' ? m.evaluation : {}) as Record<string, unknown>;
  const pick = <T,>(k: string): T[] | undefined => {
    const v = m[k] ?? nested[k];
    return Array.isArray(v) ? (v as T[]) : undefined;
  };
  const bt = (m.backtest ?? nested.backtest) as Record<string, unknown> | undefined;
  return {
    roc: pick<RocPoint>('roc'),
    reliability: pick<ReliabilityBin>('reliability'),
    lift: pick<LiftRow>('lift'),
    origins: pick<BacktestOrigin>('origins') ?? pick<BacktestOrigin>('backtests') ?? (bt && Array.isArray(bt.origins) ? (bt.origins as BacktestOrigin[]) : undefined),
    importances: pick<Importance>('importances'),
  };
}

export const hasCurves = (r: Report) => !!(r.roc?.length || r.reliability?.length || r.lift?.length || r.origins?.length || r.importances?.length);

export function ModelReport({ report }: { report: Report }) {
  const { t, formatPercent, formatDecimal } = useI18n();
  const roc = useMemo(() => report.roc?.length ? {
    grid: { left: 48, right: 16, top: 24, bottom: 40 },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    xAxis: { type: 'value', min: 0, max: 1, name: t('models.fpr'), nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'value', min: 0, max: 1, name: t('models.tpr') },
    series: [
      { type: 'line', name: t('models.roc'), showSymbol: false, data: report.roc.map((p) => [p.fpr, p.tpr]), lineStyle: { color: '#a61e51', width: 2 }, itemStyle: { color: '#a61e51' } },
      { type: 'line', name: t('models.chance'), showSymbol: false, data: [[0, 0], [1, 1]], lineStyle: { type: 'dashed', color: '#8a93a3' }, itemStyle: { color: '#8a93a3' } },
    ],
  } : null, [report.roc, t]);
  const reliability = useMemo(() => report.reliability?.length ? {
    grid: { left: 48, right: 16, top: 24, bottom: 40 },
    tooltip: { trigger: 'item', formatter: (p: { value: number[] }) => `${t('models.predicted')} ${formatPercent(p.value[0], 1)} · ${t('models.observed')} ${formatPercent(p.value[1], 1)}` },
    legend: { top: 0 },
    xAxis: { type: 'value', min: 0, max: 1, name: t('models.predicted'), nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'value', min: 0, max: 1, name: t('models.observed') },
    series: [
      { type: 'line', name: t('models.observed'), data: report.reliability.map((b) => [b.predicted, b.observed]), lineStyle: { color: '#1f5fd6' }, itemStyle: { color: '#1f5fd6' }, symbolSize: 7 },
      { type: 'line', name: t('models.perfect'), showSymbol: false, data: [[0, 0], [1, 1]], lineStyle: { type: 'dashed', color: '#8a93a3' }, itemStyle: { color: '#8a93a3' } },
    ],
  } : null, [report.reliability, t, formatPercent]);
  const lift = useMemo(() => report.lift?.length ? {
    grid: { left: 48, right: 16, top: 16, bottom: 40 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: report.lift.map((l) => String(l.decile)), name: t('models.decile'), nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'value', name: t('models.lift.value') },
    series: [{ type: 'bar', name: t('models.lift.value'), data: report.lift.map((l) => l.lift), itemStyle: { color: '#a61e51' }, markLine: { symbol: 'none', data: [{ yAxis: 1 }], lineStyle: { type: 'dashed', color: '#8a93a3' } } }],
  } : null, [report.lift, t]);
  const origins = useMemo(() => report.origins?.length ? {
    grid: { left: 48, right: 48, top: 28, bottom: 40 },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    xAxis: { type: 'category', data: report.origins.map((o) => o.origin) },
    yAxis: [{ type: 'value', name: 'sMAPE' }, { type: 'value', name: 'MASE' }],
    series: [
      { type: 'bar', name: 'sMAPE', data: report.origins.map((o) => o.smape), itemStyle: { color: '#a61e51' } },
      { type: 'line', name: 'MASE', yAxisIndex: 1, data: report.origins.map((o) => o.mase), itemStyle: { color: '#1f5fd6' } },
    ],
  } : null, [report.origins]);
  const importances = useMemo(() => report.importances?.length ? {
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatDecimal(v, 3) },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: report.importances.slice(0, 12).map((i) => i.label ?? i.column ?? i.feature ?? '') },
    series: [{ type: 'bar', data: report.importances.slice(0, 12).map((i) => i.importance), itemStyle: { color: '#5b2a95' } }],
  } : null, [report.importances, formatDecimal]);

  if (!hasCurves(report)) return <p className="muted">{t('models.noCurves')}</p>;
  return (
    <div className="grid-2 report-grid" data-testid="model-report">
      {roc && <figure className="chart-figure"><figcaption>{t('models.roc')}</figcaption><Chart option={roc} height={260} label={t('models.roc')} testId="chart-roc" /></figure>}
      {reliability && <figure className="chart-figure"><figcaption>{t('models.reliability')}</figcaption><Chart option={reliability} height={260} label={t('models.reliability')} testId="chart-reliability" /></figure>}
      {lift && <figure className="chart-figure"><figcaption>{t('models.lift')}</figcaption><Chart option={lift} height={240} label={t('models.lift')} testId="chart-lift" /></figure>}
      {origins && <figure className="chart-figure"><figcaption>{t('models.backtests')}</figcaption><Chart option={origins} height={240} label={t('models.backtests')} testId="chart-backtests" /></figure>}
      {importances && <figure className="chart-figure"><figcaption>{t('models.importances')}</figcaption><Chart option={importances} height={260} label={t('models.importances')} /></figure>}
    </div>
  );
}
