// One task (/tasks/:id, the link of task notifications): its fields (status and priority editable),
// links to the deal, account and lead, its comments with @mentions (suggested as you type; the API
// notifies the people named) and my notifications about this task, marked read here
// (GET /api/v1/tasks/:id, POST /api/v1/tasks/:id/comments, /api/v1/notifications; docs/api/monitor.md).
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, listAll, type User } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n, type MessageKey } from '../i18n.tsx';
import { useAsync } from '../useAsync.ts';
import { AsyncBlock, soft } from '../components/Async.tsx';
import { LoadError, Loading } from '../components/States.tsx';
import { Problem, attempt } from '../components/orchestrate/Problem.tsx';
import { ALERTS_NAV, SubNav } from '../components/orchestrate/SubNav.tsx';
import { MentionInput, WithMentions, type Person } from '../components/orchestrate/MentionInput.tsx';

interface Comment { id: string; task_id: string; author_id: string | null; author_name: string | null; body: string; mentions: { id: string; name: string | null }[]; created_at: string }
interface TaskFull {
  id: string; title: string; description: string | null; status: string; priority: string; owner_id: string | null; owner_name: string | null;
  created_by: string | null; created_by_name: string | null; due_at: string | null; lead_id: string | null; account_id: string | null;
  opportunity_id: string | null; activity_id: string | null; source: string | null; comment_count?: number; created_at: string; updated_at: string;
  completed_at: string | null; overdue?: boolean; comments: Comment[];
}
export interface Notification { id: string; kind: string; title: string; body: string | null; link: string | null; read_at: string | null; created_at: string }

const STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

export default function TaskDetail() {
  const { id = '' } = useParams();
  const { me } = useAuth();
  const { t, tOr, formatDate, formatDateTime } = useI18n();
  const task = useAsync((signal) => api<TaskFull>(`/api/v1/tasks/${id}`, { signal }), [id]);
  const records = useAsync(async (signal) => {
    const x = task.data;
    if (!x) return null;
    const [deal, account, lead] = await Promise.all([
      x.opportunity_id ? soft<{ name: string | null }>(`/api/v1/opportunities/${x.opportunity_id}`, signal) : null,
      x.account_id ? soft<{ name: string | null }>(`/api/v1/accounts/${x.account_id}`, signal) : null,
      x.lead_id ? soft<{ name: string | null; company: string | null }>(`/api/v1/leads/${x.lead_id}`, signal) : null,
    ]);
    return { deal, account, lead };
  }, [task.data?.id]);
  const people = useAsync((signal) => listAll<User>('/api/v1/users', {}, signal, 5000).then((us) => us.filter((u) => u.active).map((u): Person => ({ id: u.id, name: u.name, email: u.email }))), []);
  const notes = useAsync((signal) => api<{ data: Notification[]; unread_count: number }>('/api/v1/notifications?limit=200', { signal }), []);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const names = useMemo(() => (people.data ?? []).map((p) => p.name), [people.data]);

  const patch = async (body: Record<string, unknown>) => {
    setNote(null);
    const r = await attempt(setBusy, setError, () => api(`/api/v1/tasks/${id}`, { method: 'PATCH', body }));
    if (r) { setNote(t('common.saved')); task.reload(); }
  };
  const post = async (e: FormEvent) => {
    e.preventDefault();
    if (!comment.trim()) return;
    setNote(null);
    const r = await attempt(setBusy, setError, () => api<Comment>(`/api/v1/tasks/${id}/comments`, { method: 'POST', body: { body: comment.trim() } }));
    if (r) {
      setComment('');
      setNote(r.mentions.length ? t('orch.task.notified', { names: r.mentions.map((m) => m.name ?? m.id).join(', ') }) : t('orch.task.commented'));
      task.reload();
    }
  };
  const markRead = async (n: Notification) => {
    const r = await attempt(setBusy, setError, () => api(`/api/v1/notifications/${n.id}/read`, { method: 'POST', body: {} }));
    if (r) notes.reload();
  };

  if (task.error != null) {
    if (task.error instanceof ApiError && task.error.status === 404) return <LoadError error={task.error} page="task" />;
    return <section className="page" data-page="task" data-state="error"><LoadError error={task.error} onRetry={task.reload} /></section>;
  }
  if (!task.data) return <section className="page" data-page="task" data-state="loading"><Loading /></section>;
  const x = task.data;
  const mine = (notes.data?.data ?? []).filter((n) => n.link === `/tasks/${x.id}`);
  const field = (label: MessageKey, value: React.ReactNode) => <div className="field-row"><dt>{t(label)}</dt><dd>{value}</dd></div>;
  return (
    <section className="page" data-page="task" data-state="ready" aria-labelledby="task-title">
      <p><Link to="/tasks">← {t('nav.tasks')}</Link></p>
      <header className="page-header">
        <div>
          <h1 id="task-title">{x.title}</h1>
          <p className="muted">
            <span className={`badge prio-${x.priority}`}>{t(`tasks.priority.${x.priority}` as MessageKey)}</span>{' '}
            <span className="badge">{t(`tasks.status.${x.status}` as MessageKey)}</span>
            {x.overdue && <span className="badge badge-disqualified"> {t('tasks.overdue')}</span>}
          </p>
        </div>
      </header>
      <SubNav label="orch.alerts.nav" items={ALERTS_NAV} />
      {note && <p className="notice notice-ok" role="status" data-testid="task-note">{note}</p>}
      <Problem error={error} />
      <div className="forecast-grid">
        <div>
          <section className="card" aria-labelledby="task-fields">
            <h2 id="task-fields">{t('lead.details')}</h2>
            {x.description && <p className="pre-wrap">{x.description}</p>}
            <dl data-testid="task-fields">
              {field('common.owner', x.owner_name ?? '—')}
              {field('orch.task.createdBy', x.created_by_name ?? '—')}
              {field('tasks.due', x.due_at ? formatDate(x.due_at) : '—')}
              {field('orch.created', formatDateTime(x.created_at))}
              {x.completed_at && field('orch.task.completed', formatDateTime(x.completed_at))}
              {x.source && field('col.source', x.source)}
            </dl>
            <div className="form-row">
              <label className="field"><span>{t('common.status')}</span>
                <select value={x.status} onChange={(e) => void patch({ status: e.target.value })} disabled={busy} data-testid="task-status">
                  {STATUSES.map((s) => <option key={s} value={s}>{t(`tasks.status.${s}`)}</option>)}
                </select>
              </label>
              <label className="field"><span>{t('tasks.priority')}</span>
                <select value={x.priority} onChange={(e) => void patch({ priority: e.target.value })} disabled={busy}>
                  {PRIORITIES.map((p) => <option key={p} value={p}>{t(`tasks.priority.${p}`)}</option>)}
                </select>
              </label>
            </div>
            <h3>{t('orch.task.linked')}</h3>
            {!x.opportunity_id && !x.account_id && !x.lead_id && !x.activity_id ? <p className="muted small">{t('orch.task.noLinks')}</p> : (
              <ul className="plain-list" data-testid="task-links">
                {x.opportunity_id && <li>{t('orch.link.deal')}: <Link to={`/pipeline/${x.opportunity_id}`}>{records.data?.deal?.name ?? t('deal.details')}</Link></li>}
                {x.account_id && <li>{t('orch.link.account')}: <Link to={`/accounts/${x.account_id}`}>{records.data?.account?.name ?? t('nav.customers')}</Link></li>}
                {x.lead_id && <li>{t('orch.link.lead')}: <Link to={`/leads/${x.lead_id}`}>{records.data?.lead ? [records.data.lead.name, records.data.lead.company].filter(Boolean).join(' · ') : t('nav.leads')}</Link></li>}
                {x.activity_id && <li>{t('orch.link.call')}: <Link to={`/calls/${x.activity_id}`}>{t('calls.transcript')}</Link></li>}
              </ul>
            )}
          </section>
          <section className="card" aria-labelledby="task-comments">
            <h2 id="task-comments">{t('orch.task.comments', { count: x.comments.length })}</h2>
            {x.comments.length === 0 ? <p className="muted">{t('orch.task.noComments')}</p> : (
              <ol className="comment-list" data-testid="comments">
                {x.comments.map((c) => (
                  <li key={c.id} data-comment-id={c.id}>
                    <div className="muted small"><strong>{c.author_name ?? '—'}</strong> · {formatDateTime(c.created_at)}</div>
                    <div className="pre-wrap"><WithMentions text={c.body} names={c.mentions.map((m) => m.name ?? '').concat(names.filter((n) => c.body.includes(`@${n}`)))} /></div>
                    {c.mentions.length > 0 && <div className="muted small">{t('orch.task.mentioned', { names: c.mentions.map((m) => m.name ?? m.id).join(', ') })}</div>}
                  </li>
                ))}
              </ol>
            )}
            <form onSubmit={(e) => void post(e)} data-testid="comment-form">
              <MentionInput value={comment} onChange={setComment} people={(people.data ?? []).filter((p) => p.id !== me?.id)} label={t('orch.task.addComment')} disabled={busy} />
              <div className="button-row">
                <button type="submit" className="btn btn-primary" disabled={busy || !comment.trim()} data-testid="comment-post">{t('orch.task.post')}</button>
              </div>
            </form>
          </section>
        </div>
        <section className="card" aria-labelledby="task-notes">
          <h2 id="task-notes">{t('orch.task.notifications')}</h2>
          <AsyncBlock state={notes} what="GET /api/v1/notifications" isEmpty={() => mine.length === 0} empty={t('orch.task.noNotifications')} testId="task-notifications">
            {() => (
              <ul className="notif-list" data-testid="task-notifications">
                {mine.map((n) => (
                  <li key={n.id} className={n.read_at ? 'read' : 'unread'} data-notification-id={n.id} data-read={n.read_at ? 'true' : 'false'}>
                    <span className="badge">{tOr(`orch.notif.${n.kind}`, n.kind)}</span> <strong>{n.title}</strong>
                    {n.body && <div className="small">{n.body}</div>}
                    <div className="muted small">{formatDateTime(n.created_at)}{n.read_at && ` · ${t('orch.notif.read')}`}</div>
                    {!n.read_at && <button type="button" className="btn btn-ghost" onClick={() => void markRead(n)} disabled={busy} aria-label={t('orch.notif.markReadNamed', { title: n.title })}>{t('orch.notif.markRead')}</button>}
                  </li>
                ))}
              </ul>
            )}
          </AsyncBlock>
          <p className="small"><Link to="/tasks">{t('orch.task.allNotifications')}</Link></p>
        </section>
      </div>
    </section>
  );
}
