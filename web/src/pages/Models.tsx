// Model registry: every trained model version (GET /api/v1/models) with its hold-out metrics,
// and the evaluation report of the chosen one (ROC, reliability, lift, backtests), from the
// registry row or, for the active lead-scoring model, GET /api/v1/lead-scoring/model; plus the
// sales forecast's backtest (GET /api/v1/forecasts/backtest).
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n.tsx';
import { useAsync } from '../useAsync.ts';
import { AsyncBlock, soft } from '../components/Async.tsx';
import { ErrorState, Loading, Empty } from '../components/States.tsx';
import { ModelReport, hasCurves, reportFrom, type Report, type BacktestOrigin } from '../components/models/ModelReport.tsx';

interface ModelRow { id: string; kind: string; version: number; params: unknown; metrics: Record<string, unknown> | null; active: boolean; notes: string | null; created_by: string | null; created_at: string }

const HEADLINE = ['auc', 'pr_auc', 'log_loss', 'brier', 'calibration_error', 'mase', 'smape', 'coverage95', 'accuracy', 'top1', 'holdout_rows', 'train_rows'];

function headline(metrics: Record<string, unknown> | null): [string, number][] {
  if (!metrics) return [];
  const flat: Record<string, unknown> = { ...metrics, ...(typeof metrics.holdout === 'object' && metrics.holdout ? metrics.holdout as Record<string, unknown> : {}) };
  const keys = HEADLINE.filter((k) => typeof flat[k] === 'number');
  const others = Object.keys(flat).filter((k) => typeof flat[k] === 'number' && !keys.includes(k)).slice(0, Math.max(0, 6 - keys.length));
  return [...keys, ...others].slice(0, 8).map((k) => [k, flat[k] as number]);
}

export default function Models() {
  const { me } = useAuth();
  const { t, formatDateTime, formatDecimal, formatNumber } = useI18n();
  const models = useAsync((signal) => api<{ data: ModelRow[] }>('/api/v1/models', { signal }).then((r) => r.data), []);
  const [selected, setSelected] = useState<string | null>(null);
  const [training, setTraining] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const chosen = useMemo(() => {
    const rows = models.data ?? [];
    return rows.find((m) => m.id === selected) ?? rows.find((m) => m.active && hasCurves(reportFrom(m.metrics))) ?? rows.find((m) => m.active) ?? rows[0] ?? null;
  }, [models.data, selected]);
  const report = useAsync(async (signal): Promise<Report | null> => {
    if (!chosen) return null;
    const own = reportFrom(chosen.metrics);
    if (hasCurves(own)) return own;
    if (chosen.active && /lead/i.test(chosen.kind)) {
      const r = await soft<Report>('/api/v1/lead-scoring/model', signal);
      if (r) return reportFrom(r);
    }
    return own;
  }, [chosen?.id]);
  const backtest = useAsync((signal) => api<{ origins: BacktestOrigin[]; overall: Record<string, number | null>; baseline: Record<string, unknown>; sentence?: string }>('/api/v1/forecasts/backtest?frequency=month&horizon=3', { signal }), []);

  const train = async () => {
    setTraining(true);
    setNote(null);
    try {
      const r = await api<{ version: number }>('/api/v1/lead-scoring/train', { method: 'POST', body: {} });
      setNote(t('models.trained', { version: r.version }));
      models.reload();
    } catch (e) {
      setNote(e instanceof Error ? e.message : String(e));
    } finally {
      setTraining(false);
    }
  };

  const state = models.error != null ? 'error' : !models.data ? 'loading' : models.data.length === 0 ? 'empty' : 'ready';
  return (
    <section className="page" data-page="models" data-state={state} aria-labelledby="models-title">
      <header className="page-header">
        <div>
          <h1 id="models-title">{t('models.title')}</h1>
          <p className="muted">{t('models.subtitle')}</p>
        </div>
        {me && me.role !== 'rep' && (
          <div className="button-row">
            <Link className="btn btn-ghost" to="/admin/scoring">{t('nav.scoringAdmin')}</Link>
            <button type="button" className="btn" onClick={() => void train()} disabled={training}>{training ? t('models.training') : t('models.train')}</button>
          </div>
        )}
      </header>
      {note && <p className="notice notice-info" role="status">{note}</p>}
      {models.loading && !models.data && <Loading />}
      {models.error != null && <ErrorState error={models.error} onRetry={models.reload} />}
      {models.data && models.data.length === 0 && <Empty>{t('models.empty')}</Empty>}
      {models.data && models.data.length > 0 && (
        <div className="card table-scroll">
          <table className="table" data-testid="models-table">
            <thead>
              <tr><th scope="col">{t('models.kind')}</th><th scope="col">{t('common.version')}</th><th scope="col">{t('common.active')}</th><th scope="col">{t('models.metrics')}</th><th scope="col">{t('models.created')}</th><th scope="col"><span className="sr-only">{t('models.report')}</span></th></tr>
            </thead>
            <tbody>
              {models.data.map((m) => (
                <tr key={m.id} className={chosen?.id === m.id ? 'row-selected' : ''}>
                  <td>{m.kind}</td>
                  <td>{m.version}</td>
                  <td>{m.active ? <span className="badge badge-qualified">{t('common.active')}</span> : ''}</td>
                  <td>
                    <ul className="metric-list">
                      {headline(m.metrics).map(([k, v]) => <li key={k}><span>{k}</span> {Number.isInteger(v) ? formatNumber(v) : formatDecimal(v, 3)}</li>)}
                    </ul>
                    {m.notes && <div className="muted small">{m.notes}</div>}
                  </td>
                  <td>{formatDateTime(m.created_at)}</td>
                  <td><button type="button" className="btn btn-ghost" aria-pressed={chosen?.id === m.id} onClick={() => setSelected(m.id)}>{t('models.showReport')}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {chosen && (
        <section className="card" aria-labelledby="report-title">
          <h2 id="report-title">{t('models.report')}: {chosen.kind} v{chosen.version}</h2>
          <AsyncBlock state={report} testId="report">
            {(r) => r && <ModelReport report={r} />}
          </AsyncBlock>
        </section>
      )}
      <section className="card" aria-labelledby="bt-title">
        <h2 id="bt-title">{t('models.forecastAccuracy')}</h2>
        <AsyncBlock state={backtest} what="GET /api/v1/forecasts/backtest" testId="forecast-backtest">
          {(b) => (
            <>
              {b.sentence && <p>{b.sentence}</p>}
              <ModelReport report={{ origins: b.origins }} />
            </>
          )}
        </AsyncBlock>
      </section>
    </section>
  );
}
