// Tasks and alerts: my tasks (add, complete; each opens /tasks/:id with its comments), mentions
// and notifications (open, mark read), and the first open alerts with each anomaly's observed vs
// expected range; /alerts has the whole feed with evidence charts and the rules (docs/api/monitor.md).
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, withQuery } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n, type MessageKey } from '../i18n.tsx';
import { useAsync } from '../useAsync.ts';
import { AsyncBlock, pageState } from '../components/Async.tsx';

export interface Task { id: string; title: string; description: string | null; status: string; priority: string; owner_id: string | null; owner_name?: string | null; due_at: string | null; lead_id: string | null; opportunity_id: string | null; account_id: string | null; source: string | null; comment_count?: number; overdue?: boolean }
interface Notification { id: string; kind: string; title: string; body: string | null; link: string | null; read_at: string | null; created_at: string }
export interface Alert { id: string; kpi: string; scope: string; scope_name?: string | null; period: string; kind: string; severity: string; status: string; title: string; observed: number | null; expected: number | null; lower: number | null; upper: number | null; created_at: string }

const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

export default function Tasks() {
  const { me } = useAuth();
  const { t, tOr, formatDate, formatDateTime, formatNumber } = useI18n();
  const [view, setView] = useState<'mine' | 'created' | 'all'>('mine');
  const tasks = useAsync((signal) => api<{ data: Task[] }>(withQuery('/api/v1/tasks', { view, status: 'open,in_progress', limit: 200 }), { signal }).then((r) => r.data), [view]);
  const notes = useAsync((signal) => api<{ data: Notification[]; unread_count: number }>('/api/v1/notifications?limit=50', { signal }), []);
  const alerts = useAsync((signal) => api<{ data: Alert[]; open_count: number }>('/api/v1/alerts?status=open&limit=100', { signal }), []);
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [priority, setPriority] = useState('normal');
  const [message, setMessage] = useState<string | null>(null);

  const act = async (fn: () => Promise<unknown>, after: () => void) => {
    setMessage(null);
    try {
      await fn();
      after();
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  };
  const add = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return;
    void act(() => api('/api/v1/tasks', { method: 'POST', body: { title: title.trim(), priority, ...(due ? { due_at: new Date(due).toISOString() } : {}) } }), () => { setTitle(''); setDue(''); tasks.reload(); });
  };

  const state = pageState(tasks);
  return (
    <section className="page" data-page="tasks" data-state={state} aria-labelledby="tasks-title">
      <header className="page-header">
        <div>
          <h1 id="tasks-title">{t('tasks.title')}</h1>
          <p className="muted">{t('tasks.subtitle')}</p>
        </div>
      </header>
      {message && <p className="notice notice-error" role="alert">{message}</p>}
      <div className="forecast-grid">
        <section className="card" aria-labelledby="my-tasks">
          <div className="card-header">
            <h2 id="my-tasks">{t('tasks.mine')}</h2>
            <label className="field field-inline">
              <span className="sr-only">{t('tasks.mine')}</span>
              <select value={view} onChange={(e) => setView(e.target.value as 'mine' | 'created' | 'all')}>
                {(['mine', 'created', 'all'] as const).map((v) => <option key={v} value={v}>{t(`tasks.view.${v}`)}</option>)}
              </select>
            </label>
          </div>
          <form className="form-row" onSubmit={add}>
            <label className="field grow"><span>{t('tasks.titleField')}</span><input value={title} onChange={(e) => setTitle(e.target.value)} data-testid="task-title" /></label>
            <label className="field"><span>{t('tasks.due')}</span><input type="date" value={due} onChange={(e) => setDue(e.target.value)} /></label>
            <label className="field"><span>{t('tasks.priority')}</span>
              <select value={priority} onChange={(e) => setPriority(e.target.value)}>{PRIORITIES.map((p) => <option key={p} value={p}>{t(`tasks.priority.${p}`)}</option>)}</select>
            </label>
            <button type="submit" className="btn" disabled={!title.trim()}>{t('tasks.add')}</button>
          </form>
          <AsyncBlock state={tasks} what="GET /api/v1/tasks" isEmpty={(r) => r.length === 0} empty={t('tasks.empty')} testId="tasks">
            {(rows) => (
              <ul className="task-list" data-testid="task-list">
                {rows.map((task) => (
                  <li key={task.id} className={`task task-${task.priority}`}>
                    <input type="checkbox" aria-label={t('tasks.markDone', { title: task.title })} onChange={() => void act(() => api(`/api/v1/tasks/${task.id}`, { method: 'PATCH', body: { status: 'done' } }), tasks.reload)} />
                    <div>
                      <div><Link to={`/tasks/${task.id}`} aria-label={t('orch.tasks.open', { title: task.title })}><strong>{task.title}</strong></Link> <span className={`badge prio-${task.priority}`}>{t(`tasks.priority.${task.priority}` as MessageKey)}</span>{task.overdue && <span className="badge badge-disqualified"> {t('tasks.overdue')}</span>}</div>
                      <div className="muted small">
                        {[task.due_at ? `${t('tasks.due')} ${formatDate(task.due_at)}` : null, view !== 'mine' ? task.owner_name : null, task.source, task.comment_count ? t('tasks.comments', { count: task.comment_count }) : null].filter(Boolean).join(' · ')}
                        {task.opportunity_id && <> · <Link to={`/pipeline/${task.opportunity_id}`}>{t('deal.details')}</Link></>}
                        {task.lead_id && <> · <Link to={`/leads/${task.lead_id}`}>{t('nav.leads')}</Link></>}
                      </div>
                      {task.description && <div className="small">{task.description}</div>}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </AsyncBlock>
        </section>
        <section className="card" aria-labelledby="mentions">
          <div className="card-header">
            <h2 id="mentions">{t('tasks.mentions')}</h2>
            {notes.data && notes.data.unread_count > 0 && <button type="button" className="btn btn-ghost" onClick={() => void act(() => api('/api/v1/notifications/read-all', { method: 'POST', body: {} }), notes.reload)}>{t('tasks.markRead')}</button>}
          </div>
          <AsyncBlock state={notes} what="GET /api/v1/notifications" isEmpty={(n) => n.data.length === 0} empty={t('tasks.noMentions')} testId="notifications">
            {(n) => (
              <>
                <p className="muted small">{t('tasks.unread', { count: formatNumber(n.unread_count) })}</p>
                <ul className="notif-list" data-testid="notifications">
                  {n.data.map((x) => (
                    <li key={x.id} className={x.read_at ? 'read' : 'unread'}>
                      <span className="badge">{tOr(`orch.notif.${x.kind}`, x.kind)}</span> {x.link?.startsWith('/') ? <Link to={x.link}><strong>{x.title}</strong></Link> : <strong>{x.title}</strong>}
                      {x.body && <div className="small">{x.body}</div>}
                      <div className="muted small">
                        {formatDateTime(x.created_at)}
                        {!x.read_at && <> · <button type="button" className="link-button" onClick={() => void act(() => api(`/api/v1/notifications/${x.id}/read`, { method: 'POST', body: {} }), notes.reload)} aria-label={t('orch.notif.markReadNamed', { title: x.title })}>{t('orch.notif.markRead')}</button></>}
                      </div>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </AsyncBlock>
        </section>
      </div>
      <section className="card" aria-labelledby="alerts-title">
        <div className="card-header">
          <h2 id="alerts-title">{t('tasks.alerts')}</h2>
          <div className="button-row">
            <Link className="btn btn-ghost" to="/alerts" data-testid="all-alerts">{t('orch.tasks.allAlerts')}</Link>
            {me?.role !== 'rep' && <button type="button" className="btn btn-ghost" onClick={() => void act(() => api('/api/v1/alerts/scan', { method: 'POST', body: {} }), alerts.reload)}>{t('tasks.scan')}</button>}
          </div>
        </div>
        <AlertFeed state={alerts} limit={5} onAck={(id) => void act(() => api(`/api/v1/alerts/${id}/ack`, { method: 'POST', body: {} }), alerts.reload)} />
        {alerts.data && alerts.data.data.length > 5 && <p className="small"><Link to="/alerts">{t('orch.tasks.allAlerts')} ({formatNumber(alerts.data.open_count)})</Link></p>}
      </section>
    </section>
  );
}

export function AlertFeed({ state, onAck, limit }: { state: ReturnType<typeof useAsync<{ data: Alert[]; open_count: number }>>; onAck?: (id: string) => void; limit?: number }) {
  const { t, tOr, formatCompact, formatDateTime } = useI18n();
  return (
    <AsyncBlock state={state} what="GET /api/v1/alerts" isEmpty={(a) => a.data.length === 0} empty={t('tasks.noAlerts')} testId="alerts">
      {(a) => (
        <ul className="alert-list" data-testid="alert-feed">
          {a.data.slice(0, limit ?? a.data.length).map((x) => (
            <li key={x.id} className={`alert alert-${x.severity}`}>
              <div>
                <span className={`badge ${x.severity === 'critical' ? 'badge-disqualified' : 'badge-working'}`}>{tOr(`tasks.severity.${x.severity}`, x.severity)}</span> <Link to={`/alerts/${x.id}`}><strong>{x.title}</strong></Link>
                <div className="muted small">
                  {t('tasks.observed', { value: formatCompact(x.observed) })}
                  {x.expected != null && ` · ${t('tasks.expected', { value: formatCompact(x.expected), lower: formatCompact(x.lower), upper: formatCompact(x.upper) })}`}
                  {` · ${formatDateTime(x.created_at)}`}
                </div>
              </div>
              {onAck && x.status === 'open' && <button type="button" className="btn btn-ghost" onClick={() => onAck(x.id)}>{t('tasks.ack')}</button>}
            </li>
          ))}
        </ul>
      )}
    </AsyncBlock>
  );
}
