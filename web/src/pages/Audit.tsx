// The audit log (admins): newest first, filter by entity, older pages by before_id, and the
// row before and after each change.
import { Fragment, useEffect, useState } from 'react';
import { api, withQuery } from '../api.ts';
import { useI18n, type MessageKey } from '../i18n.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';

interface Entry { id: string; at: string; actor_id: string | null; actor: string | null; action: string; entity: string; entity_id: string | null; request_id: string | null; before: unknown; after: unknown; detail: unknown }
const ENTITIES = ['leads', 'accounts', 'contacts', 'opportunities', 'activities', 'products', 'orders', 'order_lines', 'users', 'teams', 'api_tokens', 'knowledge_articles'];

export default function Audit() {
  const { t, formatDateTime } = useI18n();
  const [entity, setEntity] = useState('');
  const [entries, setEntries] = useState<Entry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);

  const load = async (before: string | null, signal?: AbortSignal) => {
    const r = await api<{ data: Entry[]; next_before_id: string | null }>(withQuery('/api/v1/audit-log', { entity, limit: 100, before_id: before }), { signal });
    return r;
  };
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    load(null, controller.signal).then(
      (r) => { setEntries(r.data); setNext(r.next_before_id); setLoading(false); },
      (e) => { if (!controller.signal.aborted) { setError(e); setLoading(false); } },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [entity, nonce]);
  const more = async () => {
    if (!next) return;
    setLoading(true);
    try {
      const r = await load(next);
      setEntries((prev) => prev.concat(r.data));
      setNext(r.next_before_id);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };
  const entityLabel = (e: string) => {
    const key = `entity.${e.replace(/_/g, '-')}` as MessageKey;
    const label = t(key);
    return label === key ? e : label;
  };

  return (
    <section className="page" data-page="audit" data-state={error ? 'error' : loading && entries.length === 0 ? 'loading' : 'ready'} aria-labelledby="audit-title">
      <header className="page-header">
        <h1 id="audit-title">{t('audit.title')}</h1>
        <label className="field field-inline">
          <span>{t('audit.entity')}</span>
          <select value={entity} onChange={(e) => setEntity(e.target.value)}>
            <option value="">{t('audit.allEntities')}</option>
            {ENTITIES.map((e) => <option key={e} value={e}>{entityLabel(e)}</option>)}
          </select>
        </label>
      </header>
      {error != null && <ErrorState error={error} onRetry={() => setNonce((n) => n + 1)} />}
      {loading && entries.length === 0 && <Loading />}
      {!loading && !error && entries.length === 0 && <Empty />}
      {entries.length > 0 && (
        <div className="card table-scroll">
          <table className="table" data-testid="audit-table">
            <thead>
              <tr><th scope="col">{t('audit.at')}</th><th scope="col">{t('audit.actor')}</th><th scope="col">{t('audit.action')}</th><th scope="col">{t('audit.entity')}</th><th scope="col">{t('audit.row')}</th><th scope="col">{t('audit.change')}</th></tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <Fragment key={e.id}>
                  <tr>
                    <td>{formatDateTime(e.at)}</td><td>{e.actor ?? '—'}</td><td><span className="badge badge-other">{e.action}</span></td>
                    <td>{entityLabel(e.entity)}</td><td><code className="small">{e.entity_id ? e.entity_id.slice(0, 8) : '—'}</code></td>
                    <td>
                      <button type="button" className="btn btn-ghost" aria-expanded={open === e.id} onClick={() => setOpen(open === e.id ? null : e.id)}>{t('audit.show')}</button>
                    </td>
                  </tr>
                  {open === e.id && (
                    <tr className="audit-detail">
                      <td colSpan={6}>
                        <div className="diff">
                          <div><h4>{t('audit.before')}</h4><pre>{JSON.stringify(e.before, null, 2) ?? '—'}</pre></div>
                          <div><h4>{t('audit.after')}</h4><pre>{JSON.stringify(e.after ?? e.detail, null, 2) ?? '—'}</pre></div>
                        </div>
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
          {next && <button type="button" className="btn" onClick={() => void more()} disabled={loading}>{loading ? t('state.loading') : t('audit.more')}</button>}
        </div>
      )}
    </section>
  );
}
