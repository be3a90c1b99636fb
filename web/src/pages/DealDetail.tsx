// One deal: its fields, stage history (with a stage change control), win probability with its
// reasons and risk signals, the next best action, similar won deals and its activities. A deal
// outside the user's scope answers 404 from the API and shows as not found.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, listAll, type Activity, type Opportunity } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n.tsx';
import { useAsync } from '../useAsync.ts';
import { AsyncBlock, soft } from '../components/Async.tsx';
import { LoadError, Loading, NotFound, Empty } from '../components/States.tsx';
import { STAGES, useMoveDeal } from '../components/pipeline/stages.ts';
import { probabilityClass } from '../components/pipeline/DealCard.tsx';
import type { DealInsight } from '../revenue.ts';
import type { Nba } from '../components/pipeline/useNextAction.ts';
import { forgetNextAction } from '../components/pipeline/useNextAction.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
interface StageChange { from_stage: string | null; to_stage: string; changed_at: string; changed_by: string | null }
interface Similar {
  opportunity_id: string;
  won: { id: string; name: string | null; similarity: number; amount: number | null }[];
  lost?: { id: string; name: string | null; similarity: number; amount: number | null }[];
  differences?: { pattern: string; description: string; won_share: number; lost_share: number; this_deal: boolean | null }[];
}

export default function DealDetail() {
  const { id = '' } = useParams();
  const valid = UUID.test(id);
  const { users } = useAuth();
  const { t, tOr, formatMoney, formatDate, formatDateTime, formatPercent } = useI18n();
  const move = useMoveDeal();
  const [moveError, setMoveError] = useState<string | null>(null);
  const deal = useAsync(async (signal) => {
    if (!valid) return null;
    const [opportunity, history] = await Promise.all([
      api<Opportunity>(`/api/v1/opportunities/${id}`, { signal }),
      api<{ data: StageChange[] }>(`/api/v1/opportunities/${id}/stage-history`, { signal }),
    ]);
    return { opportunity, history: history.data };
  }, [id]);
  const open = deal.data ? !['won', 'lost'].includes(deal.data.opportunity.stage) : false;
  const win = useAsync((signal) => (open ? api<DealInsight>(`/api/v1/opportunities/${id}/win-probability`, { signal }) : Promise.resolve(null)), [id, open]);
  const nba = useAsync((signal) => (open ? api<Nba>(`/api/v1/opportunities/${id}/next-best-action`, { signal }) : Promise.resolve(null)), [id, open]);
  const similar = useAsync((signal) => api<Similar>(`/api/v1/opportunities/${id}/similar?k=5`, { signal }), [id]);
  const activities = useAsync((signal) => listAll<Activity>('/api/v1/activities', { opportunity_id: id, sort: '-occurred_at' }, signal, 500), [id]);
  const [taskNote, setTaskNote] = useState<string | null>(null);
  const accountId = deal.data?.opportunity.account_id ?? null;
  const account = useAsync((signal) => (accountId ? soft<{ name: string }>(`/api/v1/accounts/${accountId}`, signal) : Promise.resolve(null)), [accountId]);

  if (!valid) return <NotFound page="deal" />;
  if (deal.error instanceof ApiError && deal.error.status === 404) return <NotFound page="deal" />;
  if (deal.error != null) return <section className="page" data-page="deal" data-state="error"><LoadError error={deal.error} onRetry={deal.reload} page="deal" /></section>;
  if (!deal.data) return <section className="page" data-page="deal" data-state="loading"><Loading /></section>;
  const { opportunity: o, history } = deal.data;
  const name = o.name ?? t('deal.unnamed');

  const changeStage = async (stage: string) => {
    setMoveError(null);
    try {
      await move(o, stage);
      forgetNextAction(o.id);
      deal.reload();
    } catch (e) {
      setMoveError(e instanceof Error ? e.message : String(e));
    }
  };
  const createTask = async (action?: string) => {
    try {
      const r = await api<{ task: { title: string } }>(`/api/v1/next-best-action/${id}/task`, { method: 'POST', body: action ? { action } : {} });
      setTaskNote(t('deal.taskCreated', { title: r.task.title }));
    } catch (e) {
      setTaskNote(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section className="page" data-page="deal" data-state="ready" aria-labelledby="deal-title">
      <nav aria-label="breadcrumb" className="breadcrumb"><Link to="/pipeline">← {t('deal.back')}</Link></nav>
      <header className="page-header">
        <div>
          <h1 id="deal-title">{name}</h1>
          <p className="muted">{[formatMoney(o.amount, o.currency), o.owner_id ? users.get(o.owner_id)?.name : null].filter(Boolean).join(' · ')}</p>
        </div>
        <label className="field">
          <span>{t('pipeline.moveTo')}</span>
          <select value={o.stage} onChange={(e) => void changeStage(e.target.value)} data-testid="deal-stage">
            {STAGES.map((s) => <option key={s} value={s}>{tOr(`stage.${s}`, s)}</option>)}
          </select>
        </label>
      </header>
      {moveError && <p className="notice notice-error" role="alert">{moveError}</p>}
      <div className="detail-grid">
        <div className="detail-side">
          <section className="card" aria-labelledby="deal-fields">
            <h2 id="deal-fields">{t('deal.details')}</h2>
            <dl className="fields">
              <div className="field-row"><dt>{t('common.status')}</dt><dd>{tOr(`stage.${o.stage}`, o.stage)}</dd></div>
              {o.account_id && <div className="field-row"><dt>{t('account.kicker')}</dt><dd><Link to={`/accounts/${o.account_id}`} data-testid="deal-account-link">{account.data?.name ?? t('account.openAccount')}</Link></dd></div>}
              <div className="field-row"><dt>{t('common.amount')}</dt><dd>{formatMoney(o.amount, o.currency)}</dd></div>
              <div className="field-row"><dt>{t('common.owner')}</dt><dd>{o.owner_id ? users.get(o.owner_id)?.name ?? '—' : '—'}</dd></div>
              <div className="field-row"><dt>{t('pipeline.expectedClose')}</dt><dd>{formatDate(o.expected_close)}</dd></div>
              <div className="field-row"><dt>{t('deal.opened')}</dt><dd>{formatDate(o.opened_at ?? o.created_at)}</dd></div>
              {o.closed_at && <div className="field-row"><dt>{t('deal.closed')}</dt><dd>{formatDate(o.closed_at)}</dd></div>}
              {o.lost_reason && <div className="field-row"><dt>{t('deal.lostReason')}</dt><dd>{o.lost_reason}</dd></div>}
            </dl>
          </section>
          <section className="card" aria-labelledby="deal-history">
            <h2 id="deal-history">{t('deal.stageHistory')}</h2>
            {history.length === 0 ? <p className="muted">{t('deal.noHistory')}</p> : (
              <ol className="stage-history" data-testid="stage-history">
                {history.map((h, i) => (
                  <li key={i}>
                    <strong>{h.from_stage ? t('deal.fromTo', { from: tOr(`stage.${h.from_stage}`, h.from_stage), to: tOr(`stage.${h.to_stage}`, h.to_stage) }) : t('deal.created', { to: tOr(`stage.${h.to_stage}`, h.to_stage) })}</strong>
                    <span className="muted small"> · {formatDateTime(h.changed_at)}{h.changed_by ? ` · ${users.get(h.changed_by)?.name ?? ''}` : ''}</span>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
        <div className="detail-main">
          {open && (
            <section className="card" aria-labelledby="deal-win">
              <h2 id="deal-win">{t('pipeline.winProbability')}</h2>
              <AsyncBlock state={win} what="GET /api/v1/opportunities/:id/win-probability" testId="win">
                {(w) => w && (
                  <div data-testid="deal-win">
                    <div className={`prob prob-large ${probabilityClass(w.win_probability)}`}>
                      <span className="prob-bar" aria-hidden="true"><span style={{ width: `${Math.round((w.win_probability ?? 0) * 100)}%` }} /></span>
                      <strong>{formatPercent(w.win_probability)}</strong>
                      {w.category && <span className="badge">{tOr(`deal.category.${w.category}`, w.category)}</span>}
                    </div>
                    {w.reasons && w.reasons.length > 0 && (
                      <>
                        <h3>{t('deal.drivers')}</h3>
                        <ul className="reasons">
                          {w.reasons.map((r, i) => (
                            <li key={i} className={(r.contribution ?? 0) >= 0 ? 'reason-up' : 'reason-down'}>
                              <span aria-hidden="true">{(r.contribution ?? 0) >= 0 ? '▲' : '▼'}</span> {r.label ?? r.feature}{r.value != null ? `: ${String(r.value)}` : ''}
                            </li>
                          ))}
                        </ul>
                      </>
                    )}
                    <h3>{t('pipeline.risks')}</h3>
                    {w.risks && w.risks.length > 0
                      ? <ul className="risk-list">{w.risks.map((r) => <li key={r.code} className="risk">⚠ {r.message}</li>)}</ul>
                      : <p className="muted">{t('pipeline.noRisks')}</p>}
                  </div>
                )}
              </AsyncBlock>
            </section>
          )}
          {open && (
            <section className="card" aria-labelledby="deal-nba">
              <h2 id="deal-nba">{t('deal.nba')}</h2>
              <AsyncBlock state={nba} what="GET /api/v1/opportunities/:id/next-best-action" testId="nba">
                {(n) => n && (
                  <div data-testid="deal-nba">
                    {n.note && <p className="muted">{n.note}</p>}
                    <table className="table table-compact">
                      <thead><tr><th scope="col">{t('deal.nba')}</th><th scope="col">{t('deal.uplift')}</th><th scope="col">{t('deal.support')}</th><th scope="col"><span className="sr-only">{t('deal.createTask')}</span></th></tr></thead>
                      <tbody>
                        {n.actions.map((a) => (
                          <tr key={a.action} className={a.action === n.recommended ? 'row-highlight' : ''}>
                            <td>{tOr(`action.${a.action}`, a.action)}{a.action === n.recommended && <span className="badge badge-qualified"> {t('deal.recommended')}</span>}</td>
                            <td>{a.expected_uplift == null ? t('deal.unsupported') : `${a.expected_uplift >= 0 ? '+' : ''}${formatPercent(a.expected_uplift, 1)}${a.ci ? ` (${formatPercent(a.ci[0], 1)} – ${formatPercent(a.ci[1], 1)})` : ''}`}</td>
                            <td>{a.support ?? '—'}</td>
                            <td>{a.supported !== false && <button type="button" className="btn btn-ghost" onClick={() => void createTask(a.action)}>{t('deal.createTask')}</button>}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                    {taskNote && <p className="notice notice-ok" role="status">{taskNote}</p>}
                  </div>
                )}
              </AsyncBlock>
            </section>
          )}
          <section className="card" aria-labelledby="deal-similar">
            <h2 id="deal-similar">{t('deal.similar')}</h2>
            <AsyncBlock state={similar} what="GET /api/v1/opportunities/:id/similar" isEmpty={(s) => s.won.length === 0} empty={t('deal.similarEmpty')} testId="similar">
              {(s) => (
                <>
                  <ul className="similar-list" data-testid="similar-deals">
                    {s.won.map((w) => (
                      <li key={w.id}>
                        <Link to={`/pipeline/${w.id}`}>{w.name ?? t('deal.unnamed')}</Link>
                        <span className="muted small"> · {formatMoney(w.amount, o.currency)} · {t('deal.similarity')} {formatPercent(w.similarity)}</span>
                      </li>
                    ))}
                  </ul>
                  {s.differences && s.differences.length > 0 && (
                    <>
                      <h3>{t('deal.differences')}</h3>
                      <ul className="reasons">
                        {s.differences.map((d) => (
                          <li key={d.pattern}>{d.description} <span className="muted small">({t('deal.wonShare', { value: formatPercent(d.won_share) })}, {t('deal.lostShare', { value: formatPercent(d.lost_share) })}{d.this_deal != null ? `, ${t('deal.thisDeal', { value: d.this_deal ? t('common.yes') : t('common.no') })}` : ''})</span></li>
                        ))}
                      </ul>
                    </>
                  )}
                </>
              )}
            </AsyncBlock>
          </section>
          <section className="card" aria-labelledby="deal-activities">
            <h2 id="deal-activities">{t('deal.activities')}</h2>
            <AsyncBlock state={activities} isEmpty={(a) => a.length === 0} empty={t('deal.noActivities')} testId="activities">
              {(rows) => (
                <ol className="timeline">
                  {rows.slice(0, 50).map((a) => (
                    <li key={a.id} className="timeline-item">
                      <span className={`timeline-icon timeline-${a.type}`} aria-hidden="true">{tOr(`activity.${a.type}`, a.type).slice(0, 1).toUpperCase()}</span>
                      <div className="timeline-body">
                        <div className="timeline-head">
                          <strong>{a.subject ?? tOr(`activity.${a.type}`, a.type)}</strong>
                          <span className="muted small">{tOr(`activity.${a.type}`, a.type)} · {formatDateTime(a.occurred_at ?? a.due_at ?? a.created_at)}</span>
                        </div>
                        {a.body && <p className="timeline-text">{a.body.length > 400 ? `${a.body.slice(0, 400)}…` : a.body}</p>}
                      </div>
                    </li>
                  ))}
                </ol>
              )}
            </AsyncBlock>
          </section>
        </div>
      </div>
      {!deal.data && <Empty />}
    </section>
  );
}
