// One lead: its fields, custom attributes and activity timeline. A lead outside the user's
// scope answers 404 from the API, shown as not found.
import { Link, useParams } from 'react-router';
import { api, ApiError, listAll, withQuery, type Activity, type Lead } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n, type MessageKey } from '../i18n.tsx';
import { useState } from 'react';
import { useAsync } from '../useAsync.ts';
import { Empty, ErrorState, LoadError, Loading, NotFound } from '../components/States.tsx';
import { AsyncBlock, isUnavailable, soft, Unavailable } from '../components/Async.tsx';
import { ScoreCard, type LeadScoreDetail } from '../components/lead/ScoreCard.tsx';
import { Assignments, type AssignmentEntry } from '../components/lead/Assignments.tsx';
import { Draft, type WriterResponse } from '../components/writer/Draft.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FIELDS: { key: keyof Lead; label: MessageKey }[] = [
  { key: 'company', label: 'col.company' },
  { key: 'title', label: 'field.title' },
  { key: 'email', label: 'field.email' },
  { key: 'phone', label: 'field.phone' },
  { key: 'source', label: 'col.source' },
  { key: 'industry', label: 'field.industry' },
  { key: 'country', label: 'field.country' },
  { key: 'city', label: 'field.city' },
  { key: 'language', label: 'field.language' },
  { key: 'external_id', label: 'field.external_id' },
];
const ACTIVITY_TYPES = new Set(['call', 'email', 'meeting', 'note', 'task']);

function formatAttribute(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export default function LeadDetail() {
  const { id = '' } = useParams();
  const { users } = useAuth();
  const { t, formatDate, formatDateTime } = useI18n();
  const valid = UUID.test(id);
  const { data, error, loading, reload } = useAsync(async (signal) => {
    if (!valid) return null;
    const [lead, activities] = await Promise.all([
      api<Lead>(`/api/v1/leads/${id}`, { signal }),
      listAll<Activity>('/api/v1/activities', { lead_id: id, sort: '-occurred_at' }, signal, 2000),
    ]);
    return { lead, activities };
  }, [id]);

  const score = useAsync((signal) => (valid ? api<LeadScoreDetail>(`/api/v1/leads/${id}/score`, { signal }) : Promise.resolve(null)), [id]);
  const assignments = useAsync((signal) => (valid ? api<{ data: AssignmentEntry[] }>(`/api/v1/leads/${id}/assignments`, { signal }).then((r) => r.data) : Promise.resolve([])), [id]);
  // The lead's account, when it has one: the account of a deal made from it, else an account named like its company.
  const leadAccount = useAsync(async (signal) => {
    const lead = data?.lead;
    if (!lead) return null;
    const viaDeal = await soft<{ data: { account_id: string | null }[] }>(withQuery('/api/v1/opportunities', { lead_id: lead.id, 'account_id[null]': 'false', limit: 1 }), signal);
    if (viaDeal?.data[0]?.account_id) return viaDeal.data[0].account_id;
    if (!lead.company) return null;
    const byName = await soft<{ data: { id: string }[] }>(withQuery('/api/v1/accounts', { name: lead.company, limit: 1 }), signal);
    return byName?.data[0]?.id ?? null;
  }, [data?.lead.id, data?.lead.company]);
  const [email, setEmail] = useState<{ busy: boolean; result: WriterResponse | null; error: unknown }>({ busy: false, result: null, error: null });
  const writeEmail = async () => {
    setEmail({ busy: true, result: null, error: null });
    try {
      const result = await api<WriterResponse>('/api/v1/writer/email', { method: 'POST', body: { kind: 'follow_up', lead_id: id, variants: 1, length: 'short' } });
      setEmail({ busy: false, result, error: null });
    } catch (error) {
      setEmail({ busy: false, result: null, error });
    }
  };

  if (!valid) return <NotFound page="lead" />;
  if (loading && !data) return <section className="page" data-page="lead" data-state="loading"><Loading /></section>;
  if (error instanceof ApiError && error.status === 404) return <NotFound page="lead" />;
  if (error != null) return <section className="page" data-page="lead" data-state="error"><LoadError error={error} onRetry={reload} page="lead" /></section>;
  if (!data) return null;
  const { lead, activities } = data;
  const attributes = Object.entries(lead.attributes ?? {});
  return (
    <section className="page" data-page="lead" data-state="ready" aria-labelledby="lead-title">
      <nav aria-label="breadcrumb" className="breadcrumb"><Link to="/leads">← {t('lead.back')}</Link></nav>
      <header className="page-header">
        <div>
          <h1 id="lead-title">{lead.name ?? t('lead.unnamed')}</h1>
          <p className="muted">
            {lead.company && leadAccount.data ? <Link to={`/accounts/${leadAccount.data}`} data-testid="lead-account-link">{lead.company}</Link> : lead.company}
            {lead.company && lead.owner_id && users.get(lead.owner_id) ? ' · ' : ''}{lead.owner_id ? users.get(lead.owner_id)?.name : null}
          </p>
        </div>
        <StatusBadge status={lead.status} />
      </header>
      <div className="detail-grid">
        <div className="detail-side">
          <section className="card" aria-labelledby="details-title">
            <h2 id="details-title">{t('lead.details')}</h2>
            <dl className="fields">
              {FIELDS.map((f) => (
                <div key={f.key} className="field-row">
                  <dt>{t(f.label)}</dt>
                  <dd>{lead[f.key] == null || lead[f.key] === '' ? '—' : String(lead[f.key])}</dd>
                </div>
              ))}
              <div className="field-row"><dt>{t('col.owner')}</dt><dd>{lead.owner_id ? users.get(lead.owner_id)?.name ?? '—' : '—'}</dd></div>
              <div className="field-row"><dt>{t('col.created')}</dt><dd>{formatDate(lead.created_at)}</dd></div>
              <div className="field-row"><dt>{t('field.updated')}</dt><dd>{formatDateTime(lead.updated_at)}</dd></div>
            </dl>
            {lead.notes && (<><h3>{t('field.notes')}</h3><p className="notes">{lead.notes}</p></>)}
          </section>
          <section className="card" aria-labelledby="attrs-title">
            <h2 id="attrs-title">{t('lead.attributes')}</h2>
            {attributes.length === 0 ? <p className="muted">{t('lead.noAttributes')}</p> : (
              <dl className="fields" data-testid="lead-attributes">
                {attributes.map(([k, v]) => <div key={k} className="field-row"><dt>{k}</dt><dd>{formatAttribute(v)}</dd></div>)}
              </dl>
            )}
          </section>
        </div>
        <div className="detail-main">
        <section className="card" aria-labelledby="score-title">
          <h2 id="score-title">{t('lead.score')}</h2>
          <AsyncBlock state={score} what="GET /api/v1/leads/:id/score" testId="score">
            {(sc) => sc && <ScoreCard s={sc} />}
          </AsyncBlock>
        </section>
        <section className="card" aria-labelledby="assign-title">
          <h2 id="assign-title">{t('lead.assignments')}</h2>
          <AsyncBlock state={assignments} what="GET /api/v1/leads/:id/assignments" testId="assignments">
            {(rows) => <Assignments rows={rows} />}
          </AsyncBlock>
        </section>
        <section className="card" aria-labelledby="email-title">
          <div className="card-header">
            <h2 id="email-title">{t('lead.followUp')}</h2>
            <button type="button" className="btn" onClick={() => void writeEmail()} disabled={email.busy} data-testid="lead-write-email">{email.busy ? t('common.generating') : t('lead.generate')}</button>
          </div>
          {email.error != null && (isUnavailable(email.error) ? <Unavailable what="POST /api/v1/writer/email" /> : <ErrorState error={email.error} />)}
          {email.result?.drafts.map((d) => <Draft key={d.id ?? d.variant} draft={d} />)}
        </section>
        <section className="card" aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t('lead.timeline')}</h2>
          {activities.length === 0 ? <Empty>{t('lead.noActivities')}</Empty> : (
            <ol className="timeline" data-testid="timeline">
              {activities.map((a) => (
                <li key={a.id} className="timeline-item">
                  <span className={`timeline-icon timeline-${a.type}`} aria-hidden="true">{(ACTIVITY_TYPES.has(a.type) ? t(`activity.${a.type}` as MessageKey) : a.type).slice(0, 1).toUpperCase()}</span>
                  <div className="timeline-body">
                    <div className="timeline-head">
                      <strong>{a.subject ?? (ACTIVITY_TYPES.has(a.type) ? t(`activity.${a.type}` as MessageKey) : a.type)}</strong>
                      <span className="muted small">{ACTIVITY_TYPES.has(a.type) ? t(`activity.${a.type}` as MessageKey) : a.type}{a.direction ? ` · ${a.direction}` : ''} · {formatDateTime(a.occurred_at ?? a.due_at ?? a.created_at)}</span>
                    </div>
                    {a.body && <p className="timeline-text">{a.body}</p>}
                  </div>
                </li>
              ))}
            </ol>
          )}
        </section>
        </div>
      </div>
    </section>
  );
}
