// The home dashboard's model-backed parts: headline KPIs with trends (GET /api/v1/kpis/summary),
// this quarter's bookings forecast with its 80% interval against the target, the best-scored
// leads and the deals to act on today (win probability × amount, with risk signals).
import { useMemo } from 'react';
import { Link } from 'react-router';
import { api, withQuery } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useI18n } from '../../i18n.tsx';
import { useAsync } from '../../useAsync.ts';
import { AsyncBlock, soft } from '../Async.tsx';
import { Chart } from '../Chart.tsx';
import type { DealInsight, ForecastSeries } from '../../revenue.ts';
import type { LeadScore } from '../leads/useLeadData.ts';

interface KpiSummary { period: string; kpis: { key: string; label: { en: string; zh: string } | string; unit: string; direction: string; value: number | null; previous: number | null; change_pct: number | null; trend: string; good: boolean | null }[] }
interface Rule { kpi: string; kind: string; frequency: string; params: { value?: number } }

const PER_QUARTER: Record<string, number> = { day: 91, week: 13, month: 3, quarter: 1 };

async function loadQuarter(signal: AbortSignal) {
  const [forecast, rules] = await Promise.all([
    api<ForecastSeries>(withQuery('/api/v1/forecasts', { frequency: 'quarter', horizon: 1 }), { signal }),
    soft<{ data: Rule[] }>('/api/v1/alerts/rules', signal),
  ]);
  const rule = rules?.data.find((r) => r.kind === 'target' && r.kpi === 'bookings' && typeof r.params?.value === 'number');
  const target = rule ? rule.params.value! * (PER_QUARTER[rule.frequency] ?? 1) : null;
  const f = forecast.forecast[0] ?? null;
  const soFar = forecast.history.find((h) => h.partial)?.value ?? null;
  return { f, target, soFar };
}

export function HomeInsights() {
  const { me } = useAuth();
  const { t, locale, formatMoney, formatNumber, formatPercent, formatDecimal, formatCompact } = useI18n();
  const summary = useAsync((signal) => api<KpiSummary>('/api/v1/kpis/summary', { signal }), [me?.id]);
  const quarter = useAsync(loadQuarter, [me?.id]);
  const leads = useAsync((signal) => api<{ data: (LeadScore & { name: string | null; company: string | null; status: string })[] }>('/api/v1/lead-scores?limit=30', { signal }).then((r) => r.data.filter((l) => !['converted', 'disqualified'].includes(l.status)).slice(0, 6)), [me?.id]);
  const deals = useAsync((signal) => api<{ data: DealInsight[] }>('/api/v1/pipeline/deals', { signal }).then((r) => [...r.data].sort((a, b) => (b.win_probability ?? 0) * (b.amount ?? 0) - (a.win_probability ?? 0) * (a.amount ?? 0)).slice(0, 6)), [me?.id]);

  const fmt = (unit: string, v: number | null) => (v == null ? '—' : unit === 'currency' ? formatMoney(v, 'USD', true) : unit === 'ratio' ? formatPercent(v) : unit === 'count' ? formatNumber(v) : formatDecimal(v, 1));
  const quarterOption = useMemo(() => {
    const q = quarter.data;
    if (!q?.f || q.f.mean == null) return null;
    const lo = q.f.lo80 ?? q.f.mean;
    const hi = q.f.hi80 ?? q.f.mean;
    return {
      grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'none' } },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatCompact(v) } },
      yAxis: { type: 'category', data: [t('common.forecast')] },
      series: [
        { type: 'bar', stack: 'i', data: [lo], itemStyle: { color: 'transparent' }, silent: true, tooltip: { show: false } },
        { type: 'bar', stack: 'i', name: t('common.interval80'), data: [hi - lo], itemStyle: { color: 'rgba(166,30,81,0.25)' }, barWidth: 28, tooltip: { valueFormatter: () => `${formatMoney(lo)} – ${formatMoney(hi)}` } },
        {
          type: 'scatter', name: t('common.forecast'), data: [[q.f.mean, 0]], symbol: 'diamond', symbolSize: 16, itemStyle: { color: '#a61e51' },
          markLine: q.target != null ? { symbol: 'none', label: { formatter: t('home.targetLabel', { value: formatMoney(q.target, 'USD', true) }) }, lineStyle: { color: '#15603a', width: 2 }, data: [{ xAxis: q.target }] } : undefined,
        },
      ],
    };
  }, [quarter.data, t, formatMoney, formatCompact]);

  return (
    <>
      <section className="card" aria-labelledby="home-kpis">
        <h2 id="home-kpis">{t('home.kpis')}</h2>
        <AsyncBlock state={summary} what="GET /api/v1/kpis/summary" isEmpty={(s) => s.kpis.length === 0} testId="kpi-summary">
          {(s) => (
            <div className="kpi-strip" data-testid="kpi-summary">
              {s.kpis.slice(0, 6).map((k) => {
                const label = typeof k.label === 'string' ? k.label : k.label[locale] ?? k.label.en;
                const trend = k.change_pct == null ? t('common.trendFlat') : k.change_pct >= 0 ? t('common.trendUp', { value: `${formatDecimal(Math.abs(k.change_pct), 1)}%` }) : t('common.trendDown', { value: `${formatDecimal(Math.abs(k.change_pct), 1)}%` });
                return (
                  <div key={k.key} className={`kpi kpi-compact ${k.good === false ? 'kpi-bad' : k.good ? 'kpi-good' : ''}`}>
                    <div className="kpi-label">{label}</div>
                    <div className="kpi-value">{fmt(k.unit, k.value)}</div>
                    <div className="kpi-hint"><span aria-hidden="true">{k.trend === 'up' ? '▲' : k.trend === 'down' ? '▼' : '▬'}</span> {trend}</div>
                  </div>
                );
              })}
            </div>
          )}
        </AsyncBlock>
      </section>
      <div className="three-col home-row">
        <section className="card" aria-labelledby="home-quarter">
          <h2 id="home-quarter">{t('home.forecastQuarter')}</h2>
          <AsyncBlock state={quarter} what="GET /api/v1/forecasts" testId="quarter">
            {(q) => (
              <div data-testid="quarter-forecast">
                {q.f?.mean != null && <p className="kpi-value">{formatMoney(q.f.mean)}</p>}
                {q.f && <p className="muted small">{t('home.forecastRange', { lo: formatMoney(q.f.lo80), hi: formatMoney(q.f.hi80) })}{q.soFar != null ? ` · ${t('home.wonSoFar', { value: formatMoney(q.soFar) })}` : ''}</p>}
                {quarterOption && <Chart option={quarterOption} height={110} label={t('home.forecastQuarter')} />}
                <p className="small">{q.target != null ? t('home.targetLabel', { value: formatMoney(q.target) }) : <span className="muted">{t('home.noTarget')}</span>}</p>
              </div>
            )}
          </AsyncBlock>
        </section>
        <section className="card" aria-labelledby="home-scored">
          <div className="card-header"><h2 id="home-scored">{t('home.scoredLeads')}</h2><Link to="/leads?sort=-score" className="link-small">{t('home.viewAll')}</Link></div>
          <AsyncBlock state={leads} what="GET /api/v1/lead-scores" isEmpty={(l) => l.length === 0} empty={t('home.scoredEmpty')} testId="scored-leads">
            {(rows) => (
              <ul className="top-leads" data-testid="scored-leads">
                {rows.map((l) => (
                  <li key={l.lead_id}>
                    <Link to={`/leads/${l.lead_id}`} className="top-lead">
                      <span className="top-lead-main"><span className="top-lead-name">{l.name ?? t('lead.unnamed')}</span><span className="muted small">{l.top_reasons?.[0]?.label ?? l.company ?? ''}</span></span>
                      <span className="top-lead-side"><span className={`grade grade-${l.grade}`}>{l.grade}</span><span className="muted small">{formatPercent(l.score)}</span></span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </AsyncBlock>
        </section>
        <section className="card" aria-labelledby="home-deals">
          <div className="card-header"><h2 id="home-deals">{t('home.topDeals')}</h2><Link to="/pipeline" className="link-small">{t('nav.pipeline')}</Link></div>
          <AsyncBlock state={deals} what="GET /api/v1/pipeline/deals" isEmpty={(d) => d.length === 0} empty={t('home.topDealsEmpty')} testId="top-deals">
            {(rows) => (
              <ul className="top-leads" data-testid="top-deals">
                {rows.map((d) => (
                  <li key={d.id}>
                    <Link to={`/pipeline/${d.id}`} className="top-lead">
                      <span className="top-lead-main"><span className="top-lead-name">{d.name ?? t('deal.unnamed')}</span><span className="muted small">{d.risks?.[0]?.message ?? d.account_name ?? ''}</span></span>
                      <span className="top-lead-side"><span>{formatMoney(d.amount, 'USD', true)}</span><span className="muted small">{t('pipeline.win', { value: formatPercent(d.win_probability) })}</span></span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </AsyncBlock>
        </section>
      </div>
    </>
  );
}
