// Forecast: the sales history and forecast with 80%/95% intervals for the chosen level (total,
// product, family, region, team, rep, industry), its backtest accuracy next to it, a breakdown
// into the next level down (reconciled bottom-up; click to drill in), and the pipeline's
// Monte-Carlo P10/P50/P90 by month (docs/api/revenue.md).
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { api, withQuery } from '../api.ts';
import { useI18n, type MessageKey } from '../i18n.tsx';
import { useAsync } from '../useAsync.ts';
import { AsyncBlock, pageState, Unavailable } from '../components/Async.tsx';
import { ErrorState, Loading } from '../components/States.tsx';
import { Chart, preloadChart } from '../components/Chart.tsx';
import { forecastOption, pipelineOption } from '../components/forecast/forecastChart.ts';
import type { ForecastLevels, ForecastSeries, PipelineForecast } from '../revenue.ts';

preloadChart();
const LEVELS = ['total', 'region', 'team', 'rep', 'product', 'family', 'segment'] as const;
const DRILL: Record<string, string> = { total: 'region', region: 'team', team: 'rep', family: 'product', segment: 'rep', product: '', rep: '' };
const FREQUENCIES = ['week', 'month', 'quarter'] as const;

export default function Forecast() {
  const { t, tOr, formatMoney, formatCompact, formatDecimal, formatPercent } = useI18n();
  const [params, setParams] = useSearchParams();
  const level = params.get('level') ?? 'total';
  const key = params.get('key') ?? '';
  const frequency = params.get('frequency') ?? 'month';
  const horizon = Number(params.get('horizon') ?? (frequency === 'week' ? 12 : frequency === 'quarter' ? 4 : 6));
  const children = DRILL[level] ?? '';
  const set = (patch: Record<string, string>) => setParams((prev) => {
    const next = new URLSearchParams(prev);
    for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v); else next.delete(k);
    return next;
  }, { replace: true });

  const levels = useAsync((signal) => api<ForecastLevels>('/api/v1/forecasts/levels', { signal }), []);
  const keysOf = (l: string) => levels.data?.levels.find((x) => x.level === l)?.keys ?? [];
  const effectiveKey = level === 'total' ? '' : key || keysOf(level)[0]?.key || '';
  const ready = level === 'total' || !!effectiveKey;
  // The series first (the chart shows at once), then its breakdown (one forecast per child).
  const series = useAsync((signal) => (ready
    ? api<ForecastSeries>(withQuery('/api/v1/forecasts', { level, key: effectiveKey, frequency, horizon }), { signal })
    : Promise.resolve(null)), [level, effectiveKey, frequency, horizon, ready]);
  const breakdown = useAsync((signal) => (ready && children && series.data
    ? api<ForecastSeries>(withQuery('/api/v1/forecasts', { level, key: effectiveKey, frequency, horizon, children }), { signal }).then((r) => r.children ?? [])
    : Promise.resolve([] as ForecastSeries[])), [level, effectiveKey, frequency, horizon, children, ready, !!series.data]);
  const pipeline = useAsync((signal) => api<PipelineForecast>('/api/v1/pipeline/forecast?months=3&simulations=2000&seed=1', { signal }), []);

  const labels = useMemo(() => ({
    history: t('forecast.history'), forecast: t('common.forecast'), i80: t('common.interval80'), i95: t('common.interval95'),
    money: (v: number) => formatMoney(v), compact: (v: number) => formatCompact(v),
  }), [t, formatMoney, formatCompact]);
  const option = useMemo(() => (series.data ? forecastOption(series.data, labels) : null), [series.data, labels]);
  const pOption = useMemo(() => (pipeline.data ? pipelineOption(pipeline.data.months, { p10: t('forecast.p10'), p50: t('forecast.p50'), p90: t('forecast.p90'), expected: t('forecast.expected'), compact: formatCompact, money: (v) => formatMoney(v) }) : null), [pipeline.data, t, formatCompact, formatMoney]);

  const state = pageState(series.error != null ? series : { ...series, data: series.data ?? (ready ? undefined : null) });
  const bt = series.data?.backtest;
  const nextSum = (s: ForecastSeries) => s.forecast.reduce((a, f) => a + (f.mean ?? 0), 0);
  return (
    <section className="page" data-page="forecast" data-state={state} aria-labelledby="forecast-title">
      <header className="page-header">
        <div>
          <h1 id="forecast-title">{t('forecast.title')}</h1>
          <p className="muted">{t('forecast.subtitle')}</p>
        </div>
      </header>
      <form className="filters" aria-label={t('leads.filters')} onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>{t('forecast.level')}</span>
          <select value={level} onChange={(e) => set({ level: e.target.value, key: '' })} data-testid="forecast-level">
            {LEVELS.map((l) => <option key={l} value={l}>{t(`forecast.level.${l}` as MessageKey)}</option>)}
          </select>
        </label>
        {level !== 'total' && (
          <label className="field">
            <span>{t('forecast.key')}</span>
            <select value={effectiveKey} onChange={(e) => set({ key: e.target.value })} data-testid="forecast-key">
              {keysOf(level).map((k) => <option key={k.key} value={k.key}>{k.name}</option>)}
            </select>
          </label>
        )}
        <label className="field">
          <span>{t('forecast.frequency')}</span>
          <select value={frequency} onChange={(e) => set({ frequency: e.target.value, horizon: '' })}>
            {FREQUENCIES.map((f) => <option key={f} value={f}>{t(`forecast.freq.${f}` as MessageKey)}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('forecast.horizon')}</span>
          <input type="number" min={1} max={60} value={horizon} onChange={(e) => set({ horizon: e.target.value })} style={{ width: 90 }} />
        </label>
      </form>

      {state === 'unavailable' && <Unavailable what="GET /api/v1/forecasts" />}
      {state === 'error' && <ErrorState error={series.error} onRetry={series.reload} />}
      {state === 'loading' && <Loading />}
      {series.data && (
        <div className="forecast-grid">
          <section className="card" aria-labelledby="fc-chart">
            <h2 id="fc-chart">{t('forecast.chart')}{series.data.name ? `: ${series.data.name}` : ''}</h2>
            <p className="muted small">{series.data.method}{series.data.fallback ? ` · ${t('forecast.fallback', { text: series.data.fallback })}` : ''}</p>
            {option && <Chart option={option} height={320} label={t('forecast.chart')} testId="forecast-chart" />}
          </section>
          <aside className="card" aria-labelledby="fc-acc" data-testid="backtest">
            <h2 id="fc-acc">{t('forecast.accuracy')}</h2>
            {bt ? (
              <>
                <dl className="fields">
                  <div className="field-row"><dt>MASE</dt><dd><strong>{formatDecimal(bt.mase)}</strong>{bt.baseline?.mase != null ? <span className="muted small"> · {t('forecast.baseline', { method: bt.baseline.method })} {formatDecimal(bt.baseline.mase)}</span> : null}</dd></div>
                  <div className="field-row"><dt>{t('forecast.smape')}</dt><dd>{bt.smape == null ? '—' : `${formatDecimal(bt.smape, 1)}%`}{bt.baseline?.smape != null ? <span className="muted small"> · {formatDecimal(bt.baseline.smape, 1)}%</span> : null}</dd></div>
                  <div className="field-row"><dt>{t('forecast.coverage')}</dt><dd>{formatPercent(bt.coverage95)}</dd></div>
                  <div className="field-row"><dt>{t('common.period')}</dt><dd>{t('forecast.origins', { count: bt.origins })}</dd></div>
                </dl>
                {bt.sentence && <p className="small">{bt.sentence}</p>}
                <p className="muted small">{t('forecast.mase')}</p>
              </>
            ) : <p className="muted">{t('state.noData')}</p>}
            <h3>{t('forecast.nextTotal', { count: series.data.forecast.length })}</h3>
            <p className="kpi-value">{formatMoney(nextSum(series.data))}</p>
          </aside>
        </div>
      )}
      {series.data && (
        <section className="card" aria-labelledby="fc-table">
          <h2 id="fc-table">{t('forecast.table')}</h2>
          <div className="table-scroll">
            <table className="table table-compact" data-testid="forecast-table">
              <thead><tr><th scope="col">{t('common.period')}</th><th scope="col">{t('common.forecast')}</th><th scope="col">{t('common.interval80')}</th><th scope="col">{t('common.interval95')}</th></tr></thead>
              <tbody>
                {series.data.forecast.map((f) => (
                  <tr key={f.period}><td>{f.period}</td><td>{formatMoney(f.mean)}</td><td>{formatMoney(f.lo80)} – {formatMoney(f.hi80)}</td><td>{formatMoney(f.lo95)} – {formatMoney(f.hi95)}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {series.data && children && (
        <section className="card" aria-labelledby="fc-children">
          <h2 id="fc-children">{t('forecast.children', { level: tOr(`forecast.level.${children}`, children) })}</h2>
          <AsyncBlock state={breakdown} isEmpty={(rows) => rows.length === 0} testId="forecast-children">
            {(rows) => (
              <div className="table-scroll">
                <table className="table table-compact" data-testid="forecast-children">
                  <thead><tr><th scope="col">{t('common.name')}</th><th scope="col">{t('forecast.nextTotal', { count: series.data!.forecast.length })}</th><th scope="col">MASE</th><th scope="col"><span className="sr-only">{t('common.open')}</span></th></tr></thead>
                  <tbody>
                    {[...rows].sort((a, b) => nextSum(b) - nextSum(a)).map((c) => (
                      <tr key={c.key ?? c.name}>
                        <td>{c.name ?? c.key}</td>
                        <td>{formatMoney(nextSum(c))}</td>
                        <td>{formatDecimal(c.backtest?.mase)}</td>
                        <td>{c.key && <button type="button" className="btn btn-ghost" onClick={() => set({ level: c.level, key: c.key! })}>{t('forecast.drill', { name: c.name ?? c.key })}</button>}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </AsyncBlock>
        </section>
      )}
      <section className="card" aria-labelledby="fc-pipeline">
        <h2 id="fc-pipeline">{t('forecast.pipeline')}</h2>
        <AsyncBlock state={pipeline} what="GET /api/v1/pipeline/forecast" testId="pipeline-forecast">
          {(p) => (
            <>
              <p className="muted small">{t('forecast.pipelineSub', { deals: p.deals_count, sims: p.simulations })}</p>
              <div className="forecast-grid">
                {pOption && <Chart option={pOption} height={260} label={t('forecast.pipeline')} testId="pipeline-chart" />}
                <table className="table table-compact" data-testid="pipeline-quarter">
                  <caption className="sr-only">{t('forecast.quarter')}</caption>
                  <tbody>
                    <tr><th scope="row">{t('forecast.p10')}</th><td>{formatMoney(p.quarter.p10)}</td></tr>
                    <tr><th scope="row">{t('forecast.p50')}</th><td><strong>{formatMoney(p.quarter.p50)}</strong></td></tr>
                    <tr><th scope="row">{t('forecast.p90')}</th><td>{formatMoney(p.quarter.p90)}</td></tr>
                    <tr><th scope="row">{t('forecast.expected')}</th><td>{formatMoney(p.quarter.expected)}</td></tr>
                    {p.quarter.commit != null && <tr><th scope="row">{t('forecast.commit')}</th><td>{formatMoney(p.quarter.commit)}</td></tr>}
                    {p.quarter.best_case != null && <tr><th scope="row">{t('forecast.bestCase')}</th><td>{formatMoney(p.quarter.best_case)}</td></tr>}
                    {p.quarter.pipeline != null && <tr><th scope="row">{t('forecast.pipelineCat')}</th><td>{formatMoney(p.quarter.pipeline)}</td></tr>}
                    {p.run_rate && <tr><th scope="row">{t('forecast.runRate')}</th><td>{formatMoney(p.run_rate.total)}</td></tr>}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </AsyncBlock>
      </section>
    </section>
  );
}
