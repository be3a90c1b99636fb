// One lead: its fields, custom attributes and activity timeline. A lead outside the user's
// scope answers 404 from the API, shown as not found.
import { Link, useParams } from 'react-router';
import { api, listAll, type Activity, type Lead } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n, type MessageKey } from '../i18n.tsx';
import { useAsync } from '../useAsync.ts';
import { Empty, LoadError, Loading, NotFound } from '../components/States.tsx';
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

  if (!valid) return <NotFound page="lead" />;
  if (loading && !data) return <section className="page" data-page="lead" data-state="loading"><Loading /></section>;
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
            {[lead.company, lead.owner_id ? users.get(lead.owner_id)?.name : null].filter(Boolean).join(' · ')}
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
    </section>
  );
}
