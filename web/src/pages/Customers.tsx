// Customers: RFM segments, each customer's churn risk (1 − P(alive), BG/NBD) and 12-month value,
// and product recommendations for the chosen customer (docs/api/revenue.md).
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, withQuery } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { useAsync } from '../useAsync.ts';
import { AsyncBlock, pageState, StateViews } from '../components/Async.tsx';
import { Chart, preloadChart } from '../components/Chart.tsx';
import type { CustomerDetail, CustomerRow, Segment } from '../revenue.ts';

preloadChart();

export default function Customers() {
  const { t, formatNumber, formatMoney, formatPercent, formatDate, formatCompact } = useI18n();
  // The segment's id (the API filters by id; its name is display text in the reader's language).
  const [segment, setSegment] = useState('');
  const [sort, setSort] = useState<'churn_risk' | 'value'>('churn_risk');
  const [chosen, setChosen] = useState<string | null>(null);
  const segments = useAsync((signal) => api<{ customers: number; segments: Segment[]; as_of?: string }>('/api/v1/customers/segments', { signal }), []);
  const customers = useAsync((signal) => api<{ data: CustomerRow[] }>(withQuery('/api/v1/customers', { segment, sort, limit: 200 }), { signal }).then((r) => r.data), [segment, sort]);
  const detail = useAsync((signal) => (chosen ? api<CustomerDetail>(`/api/v1/customers/${chosen}`, { signal }) : Promise.resolve(null)), [chosen]);

  const option = useMemo(() => segments.data && segments.data.segments.length ? {
    grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', splitNumber: 3, axisLabel: { formatter: (v: number) => formatCompact(v) } },
    yAxis: { type: 'category', inverse: true, data: segments.data.segments.map((s) => s.name), axisLabel: { width: 140, overflow: 'truncate' } },
    series: [{ type: 'bar', name: t('customers.value12m'), data: segments.data.segments.map((s) => Math.round(s.value_12m ?? 0)), itemStyle: { color: '#a61e51' } }],
  } : null, [segments.data, t, formatCompact]);

  const state = pageState(segments, segments.data?.segments.length === 0);
  return (
    <section className="page" data-page="customers" data-state={state} aria-labelledby="customers-title">
      <header className="page-header">
        <div>
          <h1 id="customers-title">{t('customers.title')}</h1>
          <p className="muted">{t('customers.subtitle')}</p>
        </div>
      </header>
      <StateViews state={state} of={segments} what="GET /api/v1/customers/segments" empty={t('customers.empty')} />
      {segments.data && segments.data.segments.length > 0 && (
        <div className="forecast-grid">
          <section className="card" aria-labelledby="seg-title">
            <h2 id="seg-title">{t('customers.segments')}</h2>
            <div className="table-scroll">
              <table className="table table-compact" data-testid="segments-table">
                <thead><tr><th scope="col">{t('customers.segment')}</th><th scope="col">{t('customers.count')}</th><th scope="col">{t('customers.recency')}</th><th scope="col">{t('customers.frequency')}</th><th scope="col">{t('customers.monetary')}</th><th scope="col">{t('customers.value12m')}</th></tr></thead>
                <tbody>
                  {segments.data.segments.map((s) => (
                    <tr key={s.id} className={segment === String(s.id) ? 'row-selected' : ''}>
                      <td><button type="button" className="link-button" onClick={() => setSegment(segment === String(s.id) ? '' : String(s.id))} aria-pressed={segment === String(s.id)} title={s.description}>{s.name}</button></td>
                      <td>{formatNumber(s.customers)}</td><td>{formatNumber(s.recency_days == null ? null : Math.round(s.recency_days))}</td>
                      <td>{s.frequency == null ? '—' : s.frequency.toFixed(1)}</td><td>{formatMoney(s.monetary)}</td><td>{formatMoney(s.value_12m)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section className="card" aria-label={t('customers.value12m')}>
            <h2>{t('customers.value12m')}</h2>
            {option && <Chart option={option} height={220} label={t('customers.value12m')} testId="segments-chart" />}
          </section>
        </div>
      )}
      {segments.data && segments.data.segments.length > 0 && (
        <div className="forecast-grid">
          <section className="card" aria-labelledby="cust-title">
            <div className="card-header">
              <h2 id="cust-title">{(segment && segments.data.segments.find((s) => String(s.id) === segment)?.name) || t('customers.allSegments')}</h2>
              <label className="field field-inline">
                <span>{t('customers.sortBy')}</span>
                <select value={sort} onChange={(e) => setSort(e.target.value as 'churn_risk' | 'value')}>
                  <option value="churn_risk">{t('customers.sort.churn_risk')}</option>
                  <option value="value">{t('customers.sort.value')}</option>
                </select>
              </label>
            </div>
            <AsyncBlock state={customers} isEmpty={(r) => r.length === 0} testId="customers">
              {(rows) => (
                <div className="table-scroll table-tall">
                  <table className="table table-compact" data-testid="customers-table">
                    <thead><tr><th scope="col">{t('common.name')}</th><th scope="col">{t('customers.segment')}</th><th scope="col">{t('customers.churnRisk')}</th><th scope="col">{t('customers.value12m')}</th><th scope="col">{t('customers.lastOrder')}</th></tr></thead>
                    <tbody>
                      {rows.map((c) => (
                        <tr key={c.account_id} className={chosen === c.account_id ? 'row-selected' : ''}>
                          <td><button type="button" className="link-button" onClick={() => setChosen(c.account_id)}>{c.name}</button> <Link to={`/accounts/${c.account_id}`} className="link-small" aria-label={`${t('account.openAccount')}: ${c.name}`} title={t('account.openAccount')} data-testid="customer-account-link">↗</Link></td>
                          <td>{c.segment ?? '—'}</td>
                          <td><span className={`risk-pill ${(c.churn_risk ?? 0) >= 0.6 ? 'risk-high' : (c.churn_risk ?? 0) >= 0.3 ? 'risk-mid' : 'risk-low'}`}>{formatPercent(c.churn_risk)}</span></td>
                          <td>{formatMoney(c.value_12m)}</td>
                          <td>{formatDate(c.last_order)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </AsyncBlock>
          </section>
          <aside className="card" aria-labelledby="recs-title" data-testid="recommendations">
            {!chosen ? <p className="muted">{t('customers.pick')}</p> : (
              <AsyncBlock state={detail} testId="customer-detail">
                {(d) => d && (
                  <>
                    <h2 id="recs-title">{t('customers.recommendations', { name: d.name })}</h2>
                    <p><Link to={`/accounts/${d.account_id}`} data-testid="customer-open-account">{t('account.openAccount')}</Link></p>
                    <dl className="fields">
                      <div className="field-row"><dt>{t('customers.segment')}</dt><dd>{d.segment ?? '—'}</dd></div>
                      <div className="field-row"><dt>{t('customers.churnRisk')}</dt><dd>{formatPercent(d.churn_risk)}</dd></div>
                      <div className="field-row"><dt>{t('customers.value12m')}</dt><dd>{formatMoney(d.value_12m)}</dd></div>
                      <div className="field-row"><dt>{t('customers.frequency')}</dt><dd>{formatNumber(d.orders)}</dd></div>
                    </dl>
                    {!d.recommendations?.length ? <p className="muted">{t('customers.noRecs')}</p> : (
                      <ol className="recs">
                        {d.recommendations.map((r) => (
                          <li key={r.product_id}>
                            <strong>{r.name}</strong> <span className="muted small">({r.score.toFixed(2)})</span>
                            <div className="small">{r.explanation ?? (r.because?.length ? t('customers.because', { items: r.because.join(', ') }) : '')}</div>
                          </li>
                        ))}
                      </ol>
                    )}
                  </>
                )}
              </AsyncBlock>
            )}
          </aside>
        </div>
      )}
    </section>
  );
}
