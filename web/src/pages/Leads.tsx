// Leads: a virtualised table over cursor-paginated pages of the API, sorted on the server by
// clicking a header, filtered by status, source and name, with saved views in localStorage.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import { api, withQuery, type Lead, type Page } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n, type MessageKey } from '../i18n.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';

const PAGE_SIZE = 100;
const ROW_HEIGHT = 44;
const STATUSES = ['new', 'working', 'nurturing', 'qualified', 'converted', 'disqualified'] as const;
const COLUMNS: { key: string; sort: string; label: MessageKey }[] = [
  { key: 'name', sort: 'name', label: 'col.name' },
  { key: 'company', sort: 'company', label: 'col.company' },
  { key: 'source', sort: 'source', label: 'col.source' },
  { key: 'status', sort: 'status', label: 'col.status' },
  { key: 'owner', sort: 'owner_id', label: 'col.owner' },
  { key: 'created', sort: 'created_at', label: 'col.created' },
];

interface View { name: string; q: string; status: string; source: string; sort: string }
const viewsKey = (userId: string) => `sb.leadViews.${userId}`;
function readViews(userId: string): View[] {
  try {
    const v = JSON.parse(localStorage.getItem(viewsKey(userId)) ?? '[]');
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

export default function Leads() {
  const { me, users } = useAuth();
  const { t, formatDate, formatNumber } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const source = params.get('source') ?? '';
  const sort = params.get('sort') ?? '-created_at';

  const [search, setSearch] = useState(q);
  const [rows, setRows] = useState<Lead[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sources, setSources] = useState<string[]>([]);
  const [views, setViews] = useState<View[]>(() => (me ? readViews(me.id) : []));
  const [viewName, setViewName] = useState('');
  const [nonce, setNonce] = useState(0);
  const requestRef = useRef<AbortController | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);

  const update = useCallback((patch: Partial<Record<'q' | 'status' | 'source' | 'sort', string>>) => {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) {
        if (v) next.set(k, v);
        else next.delete(k);
      }
      return next;
    }, { replace: true });
  }, [setParams]);

  // Debounce the name search into the URL.
  useEffect(() => {
    if (search === q) return;
    const timer = setTimeout(() => update({ q: search.trim() }), 150);
    return () => clearTimeout(timer);
  }, [search, q, update]);
  useEffect(() => setSearch(q), [q]);

  const query = useMemo(() => ({ 'name[contains]': q, status, source, sort }), [q, status, source, sort]);

  const fetchPage = useCallback(async (after: string | null) => {
    requestRef.current?.abort();
    const controller = new AbortController();
    requestRef.current = controller;
    const page = await api<Page<Lead>>(withQuery('/api/v1/leads', { ...query, limit: PAGE_SIZE, cursor: after }), { signal: controller.signal });
    if (controller.signal.aborted) throw new DOMException('aborted', 'AbortError');
    setSources((prev) => {
      const set = new Set(prev);
      let changed = false;
      for (const r of page.data) if (r.source && !set.has(r.source)) { set.add(r.source); changed = true; }
      return changed ? [...set].sort((a, b) => a.localeCompare(b)) : prev;
    });
    return page;
  }, [query]);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    fetchPage(null).then(
      (page) => {
        if (!live) return;
        setRows(page.data);
        setCursor(page.next_cursor);
        setLoading(false);
        scrollRef.current?.scrollTo({ top: 0 });
      },
      (e) => {
        if (!live || (e instanceof DOMException && e.name === 'AbortError')) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => {
      live = false;
      requestRef.current?.abort();
    };
  }, [fetchPage, nonce]);

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore || loading) return;
    setLoadingMore(true);
    fetchPage(cursor).then(
      (page) => {
        setRows((prev) => prev.concat(page.data));
        setCursor(page.next_cursor);
        setLoadingMore(false);
      },
      (e) => {
        setLoadingMore(false);
        if (!(e instanceof DOMException && e.name === 'AbortError')) setError(e);
      },
    );
  }, [cursor, loadingMore, loading, fetchPage]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1].index : -1;
  useEffect(() => {
    if (lastIndex >= rows.length - 30 && cursor) loadMore();
  }, [lastIndex, rows.length, cursor, loadMore]);

  const toggleSort = (field: string) => update({ sort: sort === field ? `-${field}` : field });
  const sortState = (field: string): 'ascending' | 'descending' | 'none' => (sort === field ? 'ascending' : sort === `-${field}` ? 'descending' : 'none');

  const saveView = () => {
    if (!me || !viewName.trim()) return;
    const next = [...views.filter((v) => v.name !== viewName.trim()), { name: viewName.trim(), q, status, source, sort }];
    localStorage.setItem(viewsKey(me.id), JSON.stringify(next));
    setViews(next);
    setViewName('');
  };
  const applyView = (name: string) => {
    const v = views.find((x) => x.name === name);
    if (v) setParams(new URLSearchParams(Object.entries({ q: v.q, status: v.status, source: v.source, sort: v.sort }).filter(([, val]) => val)), { replace: true });
  };
  const deleteView = (name: string) => {
    if (!me) return;
    const next = views.filter((v) => v.name !== name);
    localStorage.setItem(viewsKey(me.id), JSON.stringify(next));
    setViews(next);
  };
  const activeView = views.find((v) => v.q === q && v.status === status && v.source === source && v.sort === sort)?.name ?? '';

  const onRowKey = (e: KeyboardEvent<HTMLDivElement>, lead: Lead) => {
    if (e.key === 'Enter') navigate(`/leads/${lead.id}`);
  };

  const state = error ? 'error' : loading ? 'loading' : 'ready';
  return (
    <section className="page page-leads" data-page="leads" data-state={state} data-query={q.toLowerCase()} data-count={rows.length} aria-labelledby="leads-title">
      <header className="page-header">
        <div>
          <h1 id="leads-title">{t('leads.title')}</h1>
          <p className="muted" aria-live="polite" data-testid="leads-count">
            {loading ? t('state.loading') : t(cursor ? 'leads.countMore' : 'leads.count', { count: formatNumber(rows.length) })}
          </p>
        </div>
        <div className="views" role="group" aria-label={t('leads.views')}>
          <label className="field field-inline">
            <span>{t('leads.views')}</span>
            <select value={activeView} onChange={(e) => applyView(e.target.value)} data-testid="lead-views">
              <option value="">{t('leads.viewNone')}</option>
              {views.map((v) => <option key={v.name} value={v.name}>{v.name}</option>)}
            </select>
          </label>
          {activeView && <button type="button" className="btn btn-ghost" onClick={() => deleteView(activeView)}>{t('leads.deleteView')}</button>}
          <input aria-label={t('leads.viewName')} placeholder={t('leads.viewName')} value={viewName} onChange={(e) => setViewName(e.target.value)} onKeyDown={(e) => { if (e.key === 'Enter') saveView(); }} />
          <button type="button" className="btn" onClick={saveView} disabled={!viewName.trim()}>{t('leads.saveView')}</button>
        </div>
      </header>

      <form className="filters" role="search" aria-label={t('leads.filters')} onSubmit={(e) => { e.preventDefault(); update({ q: search.trim() }); }}>
        <label className="field">
          <span>{t('leads.search')}</span>
          <input type="search" value={search} placeholder={t('leads.searchPlaceholder')} onChange={(e) => setSearch(e.target.value)} data-testid="lead-search" />
        </label>
        <label className="field">
          <span>{t('leads.status')}</span>
          <select value={status} onChange={(e) => update({ status: e.target.value })} data-testid="lead-status">
            <option value="">{t('leads.any')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('leads.source')}</span>
          <select value={source} onChange={(e) => update({ source: e.target.value })} data-testid="lead-source">
            <option value="">{t('leads.any')}</option>
            {(source && !sources.includes(source) ? [source, ...sources] : sources).map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        {(q || status || source) && <button type="button" className="btn btn-ghost" onClick={() => { setSearch(''); update({ q: '', status: '', source: '' }); }}>{t('leads.clear')}</button>}
      </form>

      <div className="vtable" role="table" aria-labelledby="leads-title" aria-rowcount={rows.length + 1}>
        <div className="vrow vhead" role="row">
          {COLUMNS.map((c) => (
            <div key={c.key} role="columnheader" aria-sort={sortState(c.sort)} className="vcell">
              <button type="button" className="sort-button" onClick={() => toggleSort(c.sort)} title={t('leads.sortBy', { column: t(c.label) })}>
                {t(c.label)}
                <span aria-hidden="true" className="sort-mark">{sortState(c.sort) === 'ascending' ? '▲' : sortState(c.sort) === 'descending' ? '▼' : ''}</span>
              </button>
            </div>
          ))}
        </div>
        <div className="vbody" ref={scrollRef} data-testid="leads-body">
          {error != null ? <ErrorState error={error} onRetry={() => setNonce((n) => n + 1)} />
            : loading && rows.length === 0 ? <Loading />
            : rows.length === 0 ? <Empty>{t('leads.empty')}</Empty>
            : (
              <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} aria-busy={loading}>
                {items.map((item) => {
                  const lead = rows[item.index];
                  return (
                    <div
                      key={lead.id}
                      role="row"
                      aria-rowindex={item.index + 2}
                      className="vrow vdata"
                      style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                      onClick={(e) => { if (!(e.target as HTMLElement).closest('a')) navigate(`/leads/${lead.id}`); }}
                      onKeyDown={(e) => onRowKey(e, lead)}
                    >
                      <div role="cell" className="vcell cell-name"><Link to={`/leads/${lead.id}`}>{lead.name ?? t('lead.unnamed')}</Link></div>
                      <div role="cell" className="vcell">{lead.company ?? ''}</div>
                      <div role="cell" className="vcell">{lead.source ?? ''}</div>
                      <div role="cell" className="vcell"><StatusBadge status={lead.status} /></div>
                      <div role="cell" className="vcell">{lead.owner_id ? users.get(lead.owner_id)?.name ?? '…' : ''}</div>
                      <div role="cell" className="vcell">{formatDate(lead.created_at)}</div>
                    </div>
                  );
                })}
              </div>
            )}
        </div>
        {loadingMore && <div className="vfoot muted small" role="status">{t('leads.loadingMore')}</div>}
      </div>
    </section>
  );
}
