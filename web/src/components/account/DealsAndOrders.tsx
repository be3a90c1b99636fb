// An account's deals (with win probability for open ones) and its orders with revenue by month.
import { useMemo } from 'react';
import { Link } from 'react-router';
import { api, type Opportunity } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useI18n } from '../../i18n.tsx';
import { useAsync } from '../../useAsync.ts';
import { soft } from '../Async.tsx';
import { Chart } from '../Chart.tsx';
import { probabilityClass } from '../pipeline/DealCard.tsx';
import type { DealInsight } from '../../revenue.ts';
import { REVENUE_STATUSES, type Order } from './types.ts';

export function DealTable({ deals, withProbability = false }: { deals: Opportunity[]; withProbability?: boolean }) {
  const { t, tOr, formatMoney, formatDate, formatPercent } = useI18n();
  const { users } = useAuth();
  const ids = deals.slice(0, 30).map((d) => d.id);
  // The win probability of each open deal (the pipeline API; null when it cannot say).
  const probs = useAsync(async (signal) => {
    if (!withProbability) return new Map<string, number | null>();
    const rows = await Promise.all(ids.map((id) => soft<DealInsight>(`/api/v1/opportunities/${id}/win-probability`, signal)));
    return new Map(ids.map((id, i) => [id, rows[i]?.win_probability ?? null]));
  }, [withProbability, ids.join(',')]);
  return (
    <div className="table-scroll">
      <table className="table table-compact" data-testid={withProbability ? 'account-open-deals-table' : 'account-closed-deals-table'}>
        <thead>
          <tr>
            <th scope="col">{t('account.deal')}</th><th scope="col">{t('account.stage')}</th><th scope="col">{t('account.amount')}</th>
            <th scope="col">{withProbability ? t('account.expectedClose') : t('account.closedAt')}</th>
            {withProbability && <th scope="col">{t('account.winProbability')}</th>}
          </tr>
        </thead>
        <tbody>
          {deals.map((d) => {
            const p = probs.data?.get(d.id);
            return (
              <tr key={d.id} data-deal-id={d.id}>
                <td>
                  <Link to={`/pipeline/${d.id}`} data-testid="account-deal-link">{d.name ?? t('deal.unnamed')}</Link>
                  {d.owner_id && users.get(d.owner_id) && <div className="muted small">{users.get(d.owner_id)!.name}</div>}
                </td>
                <td>{tOr(`stage.${d.stage}`, d.stage)}</td>
                <td>{formatMoney(d.amount, d.currency)}</td>
                <td>{formatDate(withProbability ? d.expected_close : d.closed_at)}</td>
                {withProbability && (
                  <td data-testid="account-deal-probability">
                    {probs.loading && !probs.data ? '…' : p == null ? '—' : (
                      <span className={`prob ${probabilityClass(p)}`}>
                        <span className="prob-bar" aria-hidden="true"><span style={{ width: `${Math.round(p * 100)}%` }} /></span>
                        <span>{formatPercent(p)}</span>
                      </span>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function OrdersView({ orders }: { orders: Order[] }) {
  const { t, tOr, formatMoney, formatDate, formatMonth, formatCompact, formatNumber } = useI18n();
  const revenue = useMemo(() => orders.filter((o) => REVENUE_STATUSES.has(o.status)), [orders]);
  // The account's usual currency: the one most of its orders use.
  const currency = useMemo(() => {
    const counts = new Map<string, number>();
    for (const o of revenue) counts.set(o.currency || 'USD', (counts.get(o.currency || 'USD') ?? 0) + 1);
    return [...counts.entries()].sort((x, y) => y[1] - x[1])[0]?.[0] ?? 'USD';
  }, [revenue]);
  const months = useMemo(() => {
    const byMonth = new Map<string, number>();
    for (const o of revenue) {
      if ((o.currency || 'USD') !== currency) continue;
      const d = new Date(o.ordered_at);
      const key = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
      byMonth.set(key, (byMonth.get(key) ?? 0) + (o.total ?? 0));
    }
    if (byMonth.size === 0) return [];
    // A continuous run of months (at most the last 24 with orders), empty months as zero.
    const keys = [...byMonth.keys()].sort();
    const [ly, lm] = keys[keys.length - 1].split('-').map(Number);
    const [fy, fm] = keys[0].split('-').map(Number);
    const span = Math.min(24, (ly - fy) * 12 + (lm - fm) + 1);
    const out: { date: Date; value: number }[] = [];
    for (let i = span - 1; i >= 0; i--) {
      const date = new Date(ly, lm - 1 - i, 1);
      const key = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
      out.push({ date, value: Math.round((byMonth.get(key) ?? 0) * 100) / 100 });
    }
    return out;
  }, [revenue, currency]);
  const total = revenue.filter((o) => (o.currency || 'USD') === currency).reduce((s, o) => s + (o.total ?? 0), 0);
  const option = useMemo(() => ({
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatMoney(v, currency) },
    xAxis: { type: 'category', data: months.map((m) => formatMonth(m.date)) },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatCompact(v) } },
    series: [{ type: 'bar', name: t('account.revenueByMonth'), data: months.map((m) => m.value), itemStyle: { color: '#1f5fd6' } }],
  }), [months, currency, t, formatMoney, formatMonth, formatCompact]);
  return (
    <>
      <p className="small" data-testid="account-orders-summary">
        {t('account.ordersSummary', { count: formatNumber(orders.length), total: formatMoney(total, currency), last: formatDate(orders[0]?.ordered_at) })}
      </p>
      {months.length > 0 && <Chart option={option} height={220} label={t('account.revenueByMonth')} testId="account-revenue-chart" />}
      <div className="table-scroll">
        <table className="table table-compact" data-testid="account-orders-table">
          <caption className="sr-only">{t('account.orders')}</caption>
          <thead><tr><th scope="col">{t('account.orderDate')}</th><th scope="col">{t('account.orderStatus')}</th><th scope="col">{t('account.orderTotal')}</th></tr></thead>
          <tbody>
            {orders.slice(0, 10).map((o) => (
              <tr key={o.id}>
                <td>{formatDate(o.ordered_at)}</td>
                <td>{tOr(`account.order.${o.status}`, o.status)}</td>
                <td>{formatMoney(o.total, o.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

