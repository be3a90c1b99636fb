// Unassigned leads with the rep the rules and the policy would choose now, or why none qualifies
// (POST /api/v1/assignment/preview, nothing written; queued-since from GET /api/v1/assignment/queue),
// with "assign" per lead (POST /api/v1/assignment/assign) and "assign all" (POST …/assign-unassigned).
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import { useAsync } from '../../useAsync.ts';
import { AsyncBlock } from '../Async.tsx';
import { WhyDetails, type Why } from './AssignmentLog.tsx';

interface RepRef { id: string; name: string }
interface PreviewRow { lead_id: string; lead_name: string | null; status: 'assigned' | 'queued'; rep: RepRef | null; policy: string; propensity: number | null; segment: string | null; explanation: string; why: Why; queued_reason: string | null }
interface QueueRow { lead_id: string; lead_name: string | null; segment: string; queued_at: string; queued_reason: string; assignment_id: number }
interface AssignResult { status: 'assigned' | 'queued'; rep: RepRef | null; explanation: string; queued_reason: string | null }

export function AssignmentQueue({ onAssigned }: { onAssigned: () => void }) {
  const { t, formatDateTime, formatPercent } = useI18n();
  const rows = useAsync(async (signal) => {
    const [preview, queue] = await Promise.all([
      api<{ data: PreviewRow[] }>('/api/v1/assignment/preview', { method: 'POST', body: { limit: 30 }, signal }),
      api<{ data: QueueRow[] }>('/api/v1/assignment/queue', { signal }),
    ]);
    const queuedAt = new Map(queue.data.map((q) => [q.lead_id, q.queued_at]));
    return preview.data.map((p) => ({ ...p, queued_at: queuedAt.get(p.lead_id) ?? null }));
  }, []);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const run = async (key: string, fn: () => Promise<string>) => {
    setBusy(key);
    setMessage(null);
    try {
      setMessage({ kind: 'ok', text: await fn() });
      rows.reload();
      onAssigned();
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(null);
    }
  };
  const assignOne = (row: PreviewRow) => run(row.lead_id, async () => {
    const r = await api<AssignResult>('/api/v1/assignment/assign', { method: 'POST', body: { lead_id: row.lead_id } });
    const lead = row.lead_name ?? row.lead_id;
    return r.status === 'assigned' ? t('asg.assignedOne', { lead, rep: r.rep?.name ?? '' }) : t('asg.queuedOne', { lead, reason: r.queued_reason ?? '' });
  });
  const assignAll = () => {
    if (!window.confirm(t('asg.confirmAll'))) return;
    void run('all', async () => {
      const r = await api<{ assigned: number; queued: number }>('/api/v1/assignment/assign-unassigned', { method: 'POST', body: {} });
      return t('asg.assignedAll', { assigned: r.assigned, queued: r.queued });
    });
  };
  return (
    <>
      <div className="card-header">
        <p className="muted small">{t('asg.queueHelp')}</p>
        <button type="button" className="btn" onClick={assignAll} disabled={busy !== null || !rows.data?.length} data-testid="assign-all">{busy === 'all' ? t('asg.assigning') : t('asg.assignAll')}</button>
      </div>
      {message && <p className={`notice ${message.kind === 'ok' ? 'notice-ok' : 'notice-error'}`} role={message.kind === 'ok' ? 'status' : 'alert'} data-testid="queue-message">{message.text}</p>}
      <AsyncBlock state={rows} what="POST /api/v1/assignment/preview" isEmpty={(r) => r.length === 0} empty={t('asg.queueEmpty')} testId="queue">
        {(data) => (
          <div className="table-scroll">
            <table className="table table-compact" data-testid="queue-table">
              <thead>
                <tr><th scope="col">{t('asg.lead')}</th><th scope="col">{t('asg.segment')}</th><th scope="col">{t('asg.recommended')}</th><th scope="col">{t('asg.why')}</th><th scope="col">{t('asg.queuedSince')}</th><th scope="col"><span className="sr-only">{t('asg.assign')}</span></th></tr>
              </thead>
              <tbody>
                {data.map((r) => (
                  <tr key={r.lead_id} data-lead-id={r.lead_id}>
                    <th scope="row"><Link to={`/leads/${r.lead_id}`}>{r.lead_name ?? t('lead.unnamed')}</Link></th>
                    <td>{r.segment ?? '—'}</td>
                    <td data-testid="recommended">{r.rep ? <><strong>{r.rep.name}</strong>{r.propensity != null && <span className="muted small"> · p={formatPercent(r.propensity)}</span>}</> : <span className="badge badge-disqualified">{t('asg.noRep')}</span>}</td>
                    <td className="why-cell">
                      <div className="small">{r.status === 'queued' ? r.queued_reason : r.explanation}</div>
                      <WhyDetails why={r.why} />
                    </td>
                    <td className="small">{r.queued_at ? formatDateTime(r.queued_at) : '—'}</td>
                    <td><button type="button" className="btn btn-ghost" disabled={busy !== null} aria-label={t('asg.assignLead', { name: r.lead_name ?? r.lead_id })} onClick={() => void assignOne(r)} data-testid="assign-one">{busy === r.lead_id ? t('asg.assigning') : t('asg.assign')}</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </AsyncBlock>
    </>
  );
}
