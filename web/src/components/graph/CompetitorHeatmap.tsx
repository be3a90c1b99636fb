// "Which competitors appear with which products": a heat map of deals (competitor × product),
// with the win rate in the tooltip, and the same figures as a table for screen readers.
import { useMemo } from 'react';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import type { AsyncState } from '../../useAsync.ts';
import { AsyncBlock } from '../Async.tsx';
import { GraphChartView } from './LazyGraphChart.tsx';

export interface CompetitorRow { competitor: string; product_id: string | null; product: string | null; deals: number; won: number; lost: number; open: number; win_rate: number | null }
export type Competitors = { data: CompetitorRow[] };
export const loadCompetitors = (signal: AbortSignal) => api<Competitors>('/api/v1/graph/competitors', { signal });

function Heatmap({ rows }: { rows: CompetitorRow[] }) {
  const { t, formatPercent, formatNumber } = useI18n();
  const option = useMemo(() => {
    const productName = (r: CompetitorRow) => r.product ?? t('kg.noProduct');
    const products = [...new Set(rows.map(productName))].sort();
    const competitors = [...new Set(rows.map((r) => r.competitor))].sort().reverse();
    const max = Math.max(1, ...rows.map((r) => r.deals));
    const byCell = new Map(rows.map((r) => [`${products.indexOf(productName(r))}|${competitors.indexOf(r.competitor)}`, r]));
    return {
      tooltip: {
        formatter: (p: { value: [number, number, number] }) => {
          const r = byCell.get(`${p.value[0]}|${p.value[1]}`);
          if (!r) return '';
          return `<strong>${r.competitor}</strong> · ${productName(r)}<br/>${t('kg.deals')}: ${formatNumber(r.deals)} (${t('kg.won')} ${formatNumber(r.won)})<br/>${t('kg.winRate')}: ${formatPercent(r.win_rate)}`;
        },
      },
      grid: { left: 120, right: 90, top: 16, bottom: 80 },
      xAxis: { type: 'category', data: products, splitArea: { show: true }, axisLabel: { rotate: 30, interval: 0 } },
      yAxis: { type: 'category', data: competitors, splitArea: { show: true } },
      visualMap: { min: 0, max, calculable: true, orient: 'vertical', right: 0, top: 'middle', itemHeight: 100, inRange: { color: ['#f6e8ee', '#a61e51'] } },
      series: [{ type: 'heatmap', data: rows.map((r) => [products.indexOf(productName(r)), competitors.indexOf(r.competitor), r.deals]), label: { show: true }, emphasis: { itemStyle: { shadowBlur: 6 } } }],
    };
  }, [rows, t, formatPercent, formatNumber]);
  const height = Math.max(220, 120 + 34 * new Set(rows.map((r) => r.competitor)).size);
  return (
    <>
      <GraphChartView option={option} height={height} label={t('kg.heatLabel')} testId="competitor-heatmap" />
      <details>
        <summary className="small">{t('kg.competitors')}</summary>
        <table className="table table-compact" data-testid="competitor-table">
          <thead><tr><th scope="col">{t('kg.competitor')}</th><th scope="col">{t('kg.product')}</th><th scope="col">{t('kg.deals')}</th><th scope="col">{t('kg.won')}</th><th scope="col">{t('kg.winRate')}</th></tr></thead>
          <tbody>
            {rows.map((r) => <tr key={`${r.competitor}|${r.product_id}`}><td>{r.competitor}</td><td>{r.product ?? t('kg.noProduct')}</td><td>{formatNumber(r.deals)}</td><td>{formatNumber(r.won)}</td><td>{formatPercent(r.win_rate)}</td></tr>)}
          </tbody>
        </table>
      </details>
    </>
  );
}

export function CompetitorHeatmap({ state }: { state: AsyncState<Competitors> }) {
  const { t } = useI18n();
  return (
    <AsyncBlock state={state} what="GET /api/v1/graph/competitors" isEmpty={(d) => d.data.length === 0} empty={t('kg.noCompetitors')} testId="competitors">
      {(d) => <Heatmap rows={d.data} />}
    </AsyncBlock>
  );
}
