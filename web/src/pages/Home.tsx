// The dashboard: KPI tiles computed from the list endpoints (within the user's row-level scope),
// the leads to act on today, and won amount by month.
import { lazy, Suspense, useMemo } from 'react';
import { Link } from 'react-router';
import { listAll, withQuery, type Lead, type Opportunity, type Page } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n.tsx';
import { useAsync } from '../useAsync.ts';
import { ErrorState, Loading, Empty } from '../components/States.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { api } from '../api.ts';
import { AlertFeed, type Alert } from './Tasks.tsx';
import { HomeInsights } from '../components/home/HomeInsights.tsx';

// The chart's chunk starts downloading with this page, in parallel with the data.
const loadChart = import('../components/EChart.tsx');
const EChart = lazy(() => loadChart);

const OPEN_LEAD = ['new', 'working', 'nurturing', 'qualified'];
const OPEN_STAGES = ['prospecting', 'qualification', 'demo', 'proposal', 'negotiation'];
const PRIORITY: Record<string, number> = { qualified: 3, working: 2, new: 1, nurturing: 0 };
const TOP_LEADS = 8;

interface Dashboard {
  openLeads: Lead[];
  openCount: number;
  newLeads: number;
  pipeline: { amount: number; count: number; currency: string };
  wonQuarter: { amount: number; count: number; currency: string };
  months: { month: Date; amount: number }[];
}

function mainCurrency(rows: Opportunity[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.currency ?? 'USD', (counts.get(r.currency ?? 'USD') ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'USD';
}
const sum = (rows: Opportunity[]) => rows.reduce((s, r) => s + (r.amount ?? 0), 0);

async function loadDashboard(signal: AbortSignal): Promise<Dashboard> {
  const now = new Date();
  const monthStart = new Date(now.getFullYear(), now.getMonth(), 1);
  const quarterStart = new Date(now.getFullYear(), Math.floor(now.getMonth() / 3) * 3, 1);
  const yearAgo = new Date(now.getFullYear(), now.getMonth() - 11, 1);
  // Counts for the tiles, and the newest few leads of each open status for "act on today":
  // small answers, however many leads the team has.
  const count = (query: Record<string, string>) => api<{ count: number }>(withQuery('/api/v1/leads/count', query), { signal }).then((r) => r.count);
  const [openCount, newCount, byStatus, open, won] = await Promise.all([
    count({ 'status[in]': OPEN_LEAD.join(',') }),
    count({ 'created_at[gte]': monthStart.toISOString() }),
    Promise.all(OPEN_LEAD.map((status) => api<Page<Lead>>(withQuery('/api/v1/leads', { status, sort: '-created_at', limit: TOP_LEADS }), { signal }))),
    listAll<Opportunity>('/api/v1/opportunities', { 'stage[in]': OPEN_STAGES.join(',') }, signal),
    listAll<Opportunity>('/api/v1/opportunities', { stage: 'won', 'closed_at[gte]': yearAgo.toISOString() }, signal),
  ]);
  const months = Array.from({ length: 12 }, (_, i) => ({ month: new Date(yearAgo.getFullYear(), yearAgo.getMonth() + i, 1), amount: 0 }));
  for (const o of won) {
    if (!o.closed_at) continue;
    const d = new Date(o.closed_at);
    const index = (d.getFullYear() - yearAgo.getFullYear()) * 12 + d.getMonth() - yearAgo.getMonth();
    if (index >= 0 && index < 12) months[index].amount += o.amount ?? 0;
  }
  const wonQ = won.filter((o) => o.closed_at && new Date(o.closed_at) >= quarterStart);
  return {
    openLeads: byStatus.flatMap((page) => page.data),
    openCount,
    newLeads: newCount,
    pipeline: { amount: sum(open), count: open.length, currency: mainCurrency(open) },
    wonQuarter: { amount: sum(wonQ), count: wonQ.length, currency: mainCurrency(won) },
    months,
  };
}

function Kpi({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId: string }) {
  return (
    <div className="kpi" data-testid={testId}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">{value}</div>
      {hint && <div className="kpi-hint">{hint}</div>}
    </div>
  );
}

export default function Home() {
  const { me, users } = useAuth();
  const { t, formatNumber, formatMoney, formatDate, formatMonth, locale } = useI18n();
  const { data, error, loading, reload } = useAsync(loadDashboard, [me?.id]);
  const alerts = useAsync((signal) => api<{ data: Alert[]; open_count: number }>('/api/v1/alerts?status=open&limit=5', { signal }), [me?.id]);

  const topLeads = useMemo(() => {
    if (!data) return [];
    return [...data.openLeads]
      .sort((a, b) => (PRIORITY[b.status] ?? 0) - (PRIORITY[a.status] ?? 0) || b.created_at.localeCompare(a.created_at))
      .slice(0, TOP_LEADS);
  }, [data]);

  const chartOption = useMemo(() => {
    if (!data) return null;
    const currency = data.wonQuarter.currency;
    return {
      grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatMoney(v, currency) },
      xAxis: { type: 'category', data: data.months.map((m) => formatMonth(m.month)), axisTick: { show: false } },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatMoney(v, currency, true) } },
      series: [{ type: 'bar', name: t('home.chart'), data: data.months.map((m) => Math.round(m.amount)), itemStyle: { color: '#b4235a', borderRadius: [4, 4, 0, 0] }, barMaxWidth: 36 }],
    };
  }, [data, formatMoney, formatMonth, t]);

  if (!me) return null;
  return (
    <section className="page" data-page="home" data-state={data ? 'ready' : loading ? 'loading' : 'error'} aria-labelledby="home-title">
      <header className="page-header">
        <div>
          <h1 id="home-title">{t('home.title', { name: me.name })}</h1>
          <p className="muted">{t('home.subtitle')}</p>
        </div>
      </header>
      {loading && !data && <Loading />}
      {error != null && <ErrorState error={error} onRetry={reload} />}
      {data && (
        <>
          <div className="kpi-grid">
            <Kpi testId="kpi-open-leads" label={t('home.kpi.openLeads')} value={formatNumber(data.openCount)} />
            <Kpi testId="kpi-new-leads" label={t('home.kpi.newLeads')} value={formatNumber(data.newLeads)} />
            <Kpi testId="kpi-pipeline" label={t('home.kpi.pipeline')} value={formatMoney(data.pipeline.amount, data.pipeline.currency)} hint={t('home.kpi.deals', { count: formatNumber(data.pipeline.count) })} />
            <Kpi testId="kpi-won" label={t('home.kpi.wonQuarter')} value={formatMoney(data.wonQuarter.amount, data.wonQuarter.currency)} hint={t('home.kpi.deals', { count: formatNumber(data.wonQuarter.count) })} />
          </div>
          <HomeInsights />
          <div className="home-grid">
            <section className="card" aria-labelledby="top-leads-title">
              <div className="card-header">
                <h2 id="top-leads-title">{t('home.topLeads')}</h2>
                <Link to="/leads" className="link-small">{t('home.viewAll')}</Link>
              </div>
              {topLeads.length === 0 ? <Empty>{t('home.topLeadsEmpty')}</Empty> : (
                <ul className="top-leads" data-testid="top-leads">
                  {topLeads.map((lead) => (
                    <li key={lead.id}>
                      <Link to={`/leads/${lead.id}`} className="top-lead">
                        <span className="top-lead-main">
                          <span className="top-lead-name">{lead.name ?? t('lead.unnamed')}</span>
                          <span className="muted small">{[lead.company, lead.owner_id ? users.get(lead.owner_id)?.name : null].filter(Boolean).join(' · ')}</span>
                        </span>
                        <span className="top-lead-side">
                          <StatusBadge status={lead.status} />
                          <span className="muted small">{formatDate(lead.created_at)}</span>
                        </span>
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section className="card" aria-labelledby="chart-title">
              <div className="card-header"><h2 id="chart-title">{t('home.chart')}</h2></div>
              {data.months.every((m) => m.amount === 0) ? <Empty>{t('home.chartEmpty')}</Empty> : (
                <Suspense fallback={<div className="chart" style={{ height: 280 }}><Loading /></div>}>
                  {chartOption && <EChart option={chartOption} label={t('home.chart')} locale={locale} />}
                </Suspense>
              )}
            </section>
          </div>
          <section className="card home-alerts" aria-labelledby="home-alerts-title">
            <div className="card-header"><h2 id="home-alerts-title">{t('home.alerts')}</h2><Link to="/tasks" className="link-small">{t('nav.tasks')}</Link></div>
            <AlertFeed state={alerts} limit={5} />
          </section>
        </>
      )}
    </section>
  );
}
