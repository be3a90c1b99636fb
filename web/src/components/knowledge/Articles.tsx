// Knowledge articles: hybrid search (GET /api/v1/knowledge/search), the list, and an editor
// (create / update through /api/v1/knowledge/articles, versioned; falling back to the CRM entity
// /api/v1/knowledge-articles when the knowledge module is not there yet) with version history.
import { useEffect, useState, type FormEvent } from 'react';
import { api, withQuery } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import { useAsync } from '../../useAsync.ts';
import { AsyncBlock, isUnavailable } from '../Async.tsx';

interface ArticleRow { id: string; title: string; tags: string[]; status: string; version: number | null; updated_at: string; body?: string; format?: string }
interface Hit { chunk_id: string; article_id: string; title: string; heading?: string; snippet: string; score: number }
interface Version { version: number; title: string; created_at: string; changed_by?: string | null }

async function listArticles(signal: AbortSignal): Promise<{ rows: ArticleRow[]; legacy: boolean }> {
  try {
    const r = await api<{ data: ArticleRow[] }>('/api/v1/knowledge/articles?limit=200', { signal });
    return { rows: r.data, legacy: false };
  } catch (e) {
    if (!isUnavailable(e)) throw e;
    const r = await api<{ data: ArticleRow[] }>('/api/v1/knowledge-articles?limit=200&sort=-updated_at', { signal });
    return { rows: r.data, legacy: true };
  }
}

export function Articles() {
  const { t, formatDateTime } = useI18n();
  const list = useAsync(listArticles, []);
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const hits = useAsync((signal) => (query ? api<{ data: Hit[] }>(withQuery('/api/v1/knowledge/search', { q: query, k: 10 }), { signal }).then((r) => r.data) : Promise.resolve(null)), [query]);
  const [editing, setEditing] = useState<ArticleRow | null>(null);
  const [form, setForm] = useState({ title: '', body: '', tags: '', status: 'published' });
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const legacy = list.data?.legacy ?? false;
  const base = legacy ? '/api/v1/knowledge-articles' : '/api/v1/knowledge/articles';
  const history = useAsync((signal) => (editing && !legacy ? api<{ data: Version[] }>(`/api/v1/knowledge/articles/${editing.id}/history`, { signal }).then((r) => r.data) : Promise.resolve([] as Version[])), [editing?.id, legacy]);

  const open = async (id: string | null) => {
    setNote(null);
    if (!id) {
      setEditing({ id: '', title: '', tags: [], status: 'published', version: null, updated_at: '' });
      setForm({ title: '', body: '', tags: '', status: 'published' });
      return;
    }
    const a = await api<ArticleRow>(`${base}/${id}`);
    setEditing(a);
    setForm({ title: a.title, body: a.body ?? '', tags: (a.tags ?? []).join(', '), status: a.status ?? 'published' });
  };
  useEffect(() => setNote(null), [query]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!editing) return;
    const body = { title: form.title, body: form.body, format: 'markdown', tags: form.tags.split(',').map((x) => x.trim()).filter(Boolean), status: form.status };
    try {
      const saved = editing.id
        ? await api<ArticleRow>(`${base}/${editing.id}`, { method: 'PATCH', body })
        : await api<ArticleRow>(base, { method: 'POST', body });
      setEditing(saved);
      setNote({ ok: true, text: t('common.saved') });
      list.reload();
      history.reload();
    } catch (err) {
      setNote({ ok: false, text: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <div className="kb-articles">
      <div>
        <form className="form-row" role="search" onSubmit={(e) => { e.preventDefault(); setQuery(q.trim()); }}>
          <label className="field grow">
            <span>{t('kb.search')}</span>
            <input type="search" value={q} onChange={(e) => setQ(e.target.value)} data-testid="kb-search" />
          </label>
          <button type="submit" className="btn">{t('common.search')}</button>
          <button type="button" className="btn" onClick={() => void open(null)}>{t('kb.newArticle')}</button>
        </form>
        {query && (
          <AsyncBlock state={hits} what="GET /api/v1/knowledge/search" isEmpty={(h) => !h || h.length === 0} empty={t('kb.noResults')} testId="kb-hits">
            {(h) => h && (
              <ol className="hits" data-testid="kb-results">
                {h.map((x) => (
                  <li key={x.chunk_id}>
                    <button type="button" className="link-button" onClick={() => void open(x.article_id)}>{x.title}</button>
                    {x.heading && <span className="muted small"> · {x.heading}</span>}
                    <div className="small">{x.snippet}</div>
                  </li>
                ))}
              </ol>
            )}
          </AsyncBlock>
        )}
        <h3>{t('kb.articles')}</h3>
        <AsyncBlock state={list} isEmpty={(l) => l.rows.length === 0} testId="kb-list">
          {(l) => (
            <ul className="article-list" data-testid="kb-articles">
              {l.rows.map((a) => (
                <li key={a.id} className={editing?.id === a.id ? 'row-selected' : ''}>
                  <button type="button" className="link-button" onClick={() => void open(a.id)}>{a.title}</button>
                  <span className="muted small"> · {(a.tags ?? []).join(', ')} · v{a.version ?? 1} · {formatDateTime(a.updated_at)}</span>
                </li>
              ))}
            </ul>
          )}
        </AsyncBlock>
      </div>
      {editing && (
        <form className="card article-editor" onSubmit={(e) => void save(e)} data-testid="article-editor">
          <label className="field"><span>{t('kb.articleTitle')}</span><input value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} required /></label>
          <label className="field"><span>{t('kb.body')}</span><textarea rows={14} value={form.body} onChange={(e) => setForm({ ...form, body: e.target.value })} /></label>
          <div className="form-row">
            <label className="field grow"><span>{t('kb.tags')}</span><input value={form.tags} onChange={(e) => setForm({ ...form, tags: e.target.value })} /></label>
            <label className="field"><span>{t('kb.status')}</span>
              <select value={form.status} onChange={(e) => setForm({ ...form, status: e.target.value })}>
                {['draft', 'published', 'archived'].map((s) => <option key={s} value={s}>{s}</option>)}
              </select>
            </label>
          </div>
          <div className="button-row">
            <button type="submit" className="btn btn-primary">{t('kb.saveArticle')}</button>
            <button type="button" className="btn btn-ghost" onClick={() => setEditing(null)}>{t('common.close')}</button>
          </div>
          <p role="status" aria-live="polite" className={note ? `notice ${note.ok ? 'notice-ok' : 'notice-error'}` : 'sr-only'}>{note?.text}</p>
          {history.data && history.data.length > 0 && (
            <>
              <h3>{t('kb.history')}</h3>
              <ul className="small">{history.data.map((v) => <li key={v.version}>v{v.version} · {v.title} · {formatDateTime(v.created_at)}</li>)}</ul>
            </>
          )}
        </form>
      )}
    </div>
  );
}
