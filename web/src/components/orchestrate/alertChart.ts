// ECharts option for an alert's evidence: the KPI series, the expected value, the band the
// detector (or the rule's threshold/target) allows as a shaded area (stacked: the lower bound
// invisible, the band's width shaded on top), and the alerted period as a marked point with a
// line from the expected value to what was observed (the size of the deviation).
import type { EChartsCoreOption } from 'echarts/core';

export interface EvidencePoint { period: string; value: number | null; expected: number | null; lower: number | null; upper: number | null }
export interface Evidence { series?: EvidencePoint[]; periods?: number[]; sigma?: number | null; sensitivity?: string; limit?: number; op?: string | null }

export interface AlertChartLabels { observed: string; expected: string; band: string; alerted: string; deviation: string }

const day = (p: string) => String(p).slice(0, 10);

export function alertChartOption(
  evidence: Evidence | null | undefined,
  alert: { period: string; observed: number | null; expected: number | null },
  labels: AlertChartLabels,
  format: (v: number | null | undefined) => string,
): EChartsCoreOption | null {
  const series = evidence?.series ?? [];
  if (series.length === 0) return null;
  const x = series.map((p) => day(p.period));
  const fin = (v: number | null | undefined) => (v == null || !Number.isFinite(v) ? null : v);
  const both = series.map((p) => fin(p.lower) != null && fin(p.upper) != null);
  const lower = series.map((p, i) => (both[i] ? p.lower : null));
  const width = series.map((p, i) => (both[i] ? (p.upper as number) - (p.lower as number) : null));
  const at = x.indexOf(day(alert.period));
  const observedAt = fin(alert.observed);
  const expectedAt = fin(alert.expected);
  const out: unknown[] = [
    { type: 'line', name: labels.band, stack: 'band', data: lower, lineStyle: { opacity: 0 }, symbol: 'none', tooltip: { show: false }, silent: true, itemStyle: { color: 'rgba(31,95,214,0.18)' } },
    { type: 'line', name: labels.band, stack: 'band', data: width, lineStyle: { opacity: 0 }, symbol: 'none', areaStyle: { color: 'rgba(31,95,214,0.18)' }, tooltip: { show: false }, silent: true, itemStyle: { color: 'rgba(31,95,214,0.18)' } },
    { type: 'line', name: labels.expected, data: series.map((p) => fin(p.expected)), symbol: 'none', lineStyle: { type: 'dashed', width: 1.5, color: '#1f5fd6' }, itemStyle: { color: '#1f5fd6' } },
    { type: 'line', name: labels.observed, data: series.map((p) => fin(p.value)), symbolSize: 4, connectNulls: false, lineStyle: { width: 2, color: '#a61e51' }, itemStyle: { color: '#a61e51' } },
  ];
  if (at >= 0 && observedAt != null) {
    out.push({
      type: 'scatter', name: labels.alerted, data: x.map((_, i) => (i === at ? observedAt : null)), symbolSize: 14, itemStyle: { color: '#d14343', borderColor: '#fff', borderWidth: 2 }, z: 5,
      ...(expectedAt != null ? {
        markLine: {
          symbol: ['none', 'arrow'], silent: true, lineStyle: { color: '#d14343', type: 'solid', width: 2 },
          label: { formatter: `${labels.deviation} ${format(observedAt - expectedAt)}`, position: 'middle' },
          data: [[{ coord: [x[at], expectedAt] }, { coord: [x[at], observedAt] }]],
        },
      } : {}),
    });
  }
  return {
    grid: { left: 56, right: 24, top: 36, bottom: 40 },
    legend: { top: 0, data: [labels.observed, labels.expected, labels.band, labels.alerted] },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? format(v) : '—') },
    xAxis: { type: 'category', data: x, boundaryGap: false },
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => format(v) } },
    series: out,
  };
}
