// Lead-scoring model versions with their hold-out metrics (GET /api/v1/lead-scoring/models);
// admins make another version the active one (POST /api/v1/lead-scoring/models/:version/activate).
import { useState } from 'react';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import type { AsyncState } from '../../useAsync.ts';
import { AsyncBlock } from '../Async.tsx';

export interface ScoringModel {
  version: number;
  active: boolean;
  model: string;
  created_at: string;
  metrics: Record<string, number | null | undefined>;
  grade_cutoffs: [number, number, number] | null;
  notes: string | null;
}

const METRICS = ['auc', 'pr_auc', 'log_loss', 'brier', 'train_rows', 'holdout_rows'] as const;

export function ModelVersions({ state, isAdmin, onActivated }: { state: AsyncState<ScoringModel[]>; isAdmin: boolean; onActivated: () => void }) {
  const { t, formatDateTime, formatDecimal, formatNumber } = useI18n();
  const [busy, setBusy] = useState<number | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const activate = async (version: number) => {
    setBusy(version);
    setMessage(null);
    try {
      await api(`/api/v1/lead-scoring/models/${version}/activate`, { method: 'POST', body: {} });
      setMessage({ ok: true, text: t('scoring.activated', { version }) });
      state.reload();
      onActivated();
    } catch (e) {
      setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(null);
    }
  };
  const fmt = (k: string, v: number | null | undefined) => (v == null ? '—' : k.endsWith('_rows') ? formatNumber(v) : formatDecimal(v, 3));
  return (
    <>
      {message && <p className={`notice ${message.ok ? 'notice-ok' : 'notice-error'}`} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
      <AsyncBlock state={state} what="GET /api/v1/lead-scoring/models" isEmpty={(m) => m.length === 0} empty={t('scoring.noModels')} testId="scoring-models">
        {(models) => (
          <div className="table-scroll">
            <table className="table table-compact" data-testid="scoring-models-table">
              <thead>
                <tr>
                  <th scope="col">{t('scoring.version')}</th><th scope="col">{t('scoring.model')}</th><th scope="col">{t('common.active')}</th>
                  {METRICS.map((k) => <th scope="col" key={k}>{k}</th>)}
                  <th scope="col">{t('scoring.cutoffs')}</th><th scope="col">{t('models.created')}</th>
                  {isAdmin && <th scope="col"><span className="sr-only">{t('models.activate')}</span></th>}
                </tr>
              </thead>
              <tbody>
                {models.map((m) => (
                  <tr key={m.version} data-version={m.version} className={m.active ? 'row-selected' : ''}>
                    <th scope="row">v{m.version}</th>
                    <td>{m.model}{m.notes && <div className="muted small">{m.notes}</div>}</td>
                    <td>{m.active ? <span className="badge badge-qualified">{t('common.active')}</span> : ''}</td>
                    {METRICS.map((k) => <td key={k}>{fmt(k, m.metrics[k])}</td>)}
                    <td className="small">{m.grade_cutoffs ? m.grade_cutoffs.map((c) => formatDecimal(c, 3)).join(' / ') : '—'}</td>
                    <td className="small">{formatDateTime(m.created_at)}</td>
                    {isAdmin && (
                      <td>{!m.active && <button type="button" className="btn btn-ghost" disabled={busy !== null} onClick={() => void activate(m.version)} data-testid="activate">{t('scoring.activate', { version: m.version })}</button>}</td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </AsyncBlock>
      {!isAdmin && <p className="muted small">{t('scoring.adminOnly')}</p>}
    </>
  );
}
