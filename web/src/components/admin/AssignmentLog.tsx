// The assignment log with the "why" of each decision (GET /api/v1/assignment/log, newest first,
// older pages by before_id).
import { useState } from 'react';
import { Link } from 'react-router';
import { api, withQuery } from '../../api.ts';
import { useI18n, type MessageKey } from '../../i18n.tsx';
import { useAsync } from '../../useAsync.ts';
import { AsyncBlock } from '../Async.tsx';

export interface Why {
  segment?: string;
  territory?: string | null;
  language?: string | null;
  product?: string | null;
  open_leads?: number;
  max_open_leads?: number;
  policy_reason?: string;
  exploring?: boolean;
  fairness_floor?: boolean;
  eligible?: { id: string; name: string }[];
  excluded?: { id: string; name: string; reasons: string[] }[];
}

interface LogRow {
  id: number; lead_id: string; lead_name: string | null; status: 'assigned' | 'queued'; rep_id: string | null; rep_name: string | null;
  policy: string; policy_version: number; propensity: number | null; segment: string; explanation: string; why: Why | null;
  queued_reason: string | null; assigned_at: string; reward: number | null; reward_at: string | null;
}

/** Eligible and excluded reps (with their reasons) and the lead's facts, folded away. */
export function WhyDetails({ why }: { why: Why | null }) {
  const { t } = useI18n();
  if (!why) return null;
  const facts = [why.segment, why.territory, why.language, why.product].filter(Boolean).join(' · ');
  return (
    <details className="why">
      <summary>{t('asg.showWhy')}</summary>
      {facts && <div className="small muted">{facts}</div>}
      {why.policy_reason && <div className="small">{why.policy_reason}{why.exploring ? ` (${t('asg.exploring')})` : ''}{why.fairness_floor ? ` (${t('asg.fairness')})` : ''}</div>}
      {!!why.eligible?.length && <div className="small"><strong>{t('asg.eligible')}:</strong> {why.eligible.map((e) => e.name).join(', ')}</div>}
      {!!why.excluded?.length && (
        <div className="small"><strong>{t('asg.excluded')}:</strong>
          <ul className="why-list">{why.excluded.map((e) => <li key={e.id}>{e.name}: {e.reasons.join(', ')}</li>)}</ul>
        </div>
      )}
    </details>
  );
}

export function AssignmentLog({ nonce }: { nonce: number }) {
  const { t, formatDateTime, formatPercent, formatNumber } = useI18n();
  const [pages, setPages] = useState<LogRow[][]>([]);
  const [next, setNext] = useState<number | null>(null);
  const first = useAsync(async (signal) => {
    const r = await api<{ data: LogRow[]; next_before_id: number | null }>(withQuery('/api/v1/assignment/log', { limit: 25 }), { signal });
    setPages([]);
    setNext(r.next_before_id);
    return r.data;
  }, [nonce]);
  const [loadingMore, setLoadingMore] = useState(false);
  const more = async () => {
    if (next === null) return;
    setLoadingMore(true);
    try {
      const r = await api<{ data: LogRow[]; next_before_id: number | null }>(withQuery('/api/v1/assignment/log', { limit: 25, before_id: next }));
      setPages((p) => [...p, r.data]);
      setNext(r.next_before_id);
    } finally {
      setLoadingMore(false);
    }
  };
  return (
    <AsyncBlock state={first} what="GET /api/v1/assignment/log" isEmpty={(r) => r.length === 0} empty={t('asg.logEmpty')} testId="log">
      {(data) => (
        <>
          <div className="table-scroll">
            <table className="table table-compact" data-testid="log-table">
              <thead>
                <tr><th scope="col">{t('asg.when')}</th><th scope="col">{t('asg.lead')}</th><th scope="col">{t('asg.status')}</th><th scope="col">{t('asg.rep')}</th><th scope="col">{t('asg.policyName')}</th><th scope="col">{t('asg.propensity')}</th><th scope="col">{t('asg.why')}</th><th scope="col">{t('asg.outcome')}</th></tr>
              </thead>
              <tbody>
                {[data, ...pages].flat().map((r) => (
                  <tr key={r.id} data-lead-id={r.lead_id}>
                    <td className="small">{formatDateTime(r.assigned_at)}</td>
                    <th scope="row"><Link to={`/leads/${r.lead_id}`}>{r.lead_name ?? t('lead.unnamed')}</Link></th>
                    <td><span className={`badge ${r.status === 'assigned' ? 'badge-qualified' : 'badge-working'}`}>{t(`asg.status.${r.status}` as MessageKey)}</span></td>
                    <td>{r.rep_name ?? '—'}</td>
                    <td className="small">{r.policy} v{r.policy_version}</td>
                    <td>{r.propensity == null ? '—' : formatPercent(r.propensity, 1)}</td>
                    <td className="why-cell"><div className="small">{r.status === 'queued' ? r.queued_reason : r.explanation}</div><WhyDetails why={r.why} /></td>
                    <td>{r.reward == null ? '—' : formatNumber(r.reward)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {next !== null && <button type="button" className="btn btn-ghost" onClick={() => void more()} disabled={loadingMore}>{t('asg.older')}</button>}
        </>
      )}
    </AsyncBlock>
  );
}
