// ECharts options for a forecast: history, forecast mean and 80%/95% interval bands (stacked
// areas: the lower bound invisible, the band's width shaded on top of it), and the pipeline's
// P10–P90 range per month.
import type { ForecastSeries, PipelineMonth } from '../../revenue.ts';

interface Labels { history: string; forecast: string; i80: string; i95: string; money: (v: number) => string; compact: (v: number) => string }

export function forecastOption(s: ForecastSeries, l: Labels) {
  const periods = [...new Set([...s.history.map((h) => h.period), ...s.forecast.map((f) => f.period)])].sort();
  const idx = new Map(periods.map((p, i) => [p, i]));
  const col = <T,>(rows: T[], key: (r: T) => string, val: (r: T) => number | null): (number | null)[] => {
    const out: (number | null)[] = periods.map(() => null);
    for (const r of rows) out[idx.get(key(r))!] = val(r);
    return out;
  };
  const history = col(s.history.filter((h) => !h.partial), (h) => h.period, (h) => h.value);
  const partial = col(s.history.filter((h) => h.partial), (h) => h.period, (h) => h.value);
  const mean = col(s.forecast, (f) => f.period, (f) => f.mean);
  const lo95 = col(s.forecast, (f) => f.period, (f) => f.lo95);
  const w95 = col(s.forecast, (f) => f.period, (f) => (f.hi95 != null && f.lo95 != null ? f.hi95 - f.lo95 : null));
  const lo80 = col(s.forecast, (f) => f.period, (f) => f.lo80);
  const w80 = col(s.forecast, (f) => f.period, (f) => (f.hi80 != null && f.lo80 != null ? f.hi80 - f.lo80 : null));
  // Join the forecast line to the last complete history point.
  const lastHist = history.reduce<number>((acc, v, i) => (v != null ? i : acc), -1);
  if (lastHist >= 0 && mean[lastHist] == null) mean[lastHist] = history[lastHist];
  const band = (name: string, stack: string, lo: (number | null)[], width: (number | null)[], color: string) => [
    { type: 'line', name, stack, data: lo, lineStyle: { opacity: 0 }, itemStyle: { color }, symbol: 'none', tooltip: { show: false }, silent: true },
    { type: 'line', name, stack, data: width, lineStyle: { opacity: 0 }, itemStyle: { color }, symbol: 'none', areaStyle: { color }, tooltip: { show: false }, silent: true },
  ];
  return {
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, data: [l.history, l.forecast, l.i80, l.i95] },
    tooltip: {
      trigger: 'axis',
      formatter: (items: { axisValue: string; seriesName: string; value: number | null; dataIndex: number }[]) => {
        const i = items[0]?.dataIndex ?? 0;
        const f = s.forecast.find((x) => x.period === periods[i]);
        const h = s.history.find((x) => x.period === periods[i]);
        const lines = [periods[i]];
        if (h?.value != null) lines.push(`${l.history}: ${l.money(h.value)}`);
        if (f?.mean != null) lines.push(`${l.forecast}: ${l.money(f.mean)}`);
        if (f?.lo80 != null && f.hi80 != null) lines.push(`${l.i80}: ${l.money(f.lo80)} – ${l.money(f.hi80)}`);
        if (f?.lo95 != null && f.hi95 != null) lines.push(`${l.i95}: ${l.money(f.lo95)} – ${l.money(f.hi95)}`);
        return lines.join('<br/>');
      },
    },
    xAxis: { type: 'category', data: periods, boundaryGap: false },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => l.compact(v) } },
    series: [
      ...band(l.i95, 'b95', lo95, w95, 'rgba(166,30,81,0.12)'),
      ...band(l.i80, 'b80', lo80, w80, 'rgba(166,30,81,0.22)'),
      { type: 'line', name: l.history, data: history, itemStyle: { color: '#1d2330' }, lineStyle: { width: 2 }, symbolSize: 4 },
      { type: 'line', name: l.history, data: partial, itemStyle: { color: '#8a93a3' }, symbol: 'emptyCircle', lineStyle: { opacity: 0 } },
      { type: 'line', name: l.forecast, data: mean, itemStyle: { color: '#a61e51' }, lineStyle: { width: 2, type: 'dashed' }, symbolSize: 4 },
      { type: 'line', name: l.i80, data: [], itemStyle: { color: 'rgba(166,30,81,0.35)' } },
      { type: 'line', name: l.i95, data: [], itemStyle: { color: 'rgba(166,30,81,0.15)' } },
    ],
  };
}

export function pipelineOption(months: PipelineMonth[], l: { p10: string; p50: string; p90: string; expected: string; compact: (v: number) => string; money: (v: number) => string }) {
  return {
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, data: [l.p50, l.expected, `${l.p10} – ${l.p90}`] },
    tooltip: {
      trigger: 'axis',
      formatter: (items: { dataIndex: number }[]) => {
        const m = months[items[0]?.dataIndex ?? 0];
        return m ? `${m.month}<br/>${l.p10}: ${l.money(m.p10)}<br/>${l.p50}: ${l.money(m.p50)}<br/>${l.p90}: ${l.money(m.p90)}<br/>${l.expected}: ${l.money(m.expected)}` : '';
      },
    },
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => l.compact(v) } },
    series: [
      { type: 'bar', stack: 'range', name: `${l.p10} – ${l.p90}`, data: months.map((m) => m.p10), itemStyle: { color: 'transparent' }, tooltip: { show: false }, silent: true, legendHoverLink: false },
      { type: 'bar', stack: 'range', name: `${l.p10} – ${l.p90}`, data: months.map((m) => m.p90 - m.p10), itemStyle: { color: 'rgba(31,95,214,0.25)' }, barMaxWidth: 48 },
      { type: 'line', name: l.p50, data: months.map((m) => m.p50), itemStyle: { color: '#1f5fd6' }, symbolSize: 8 },
      { type: 'line', name: l.expected, data: months.map((m) => m.expected), itemStyle: { color: '#a61e51' }, lineStyle: { type: 'dashed' } },
    ],
  };
}
