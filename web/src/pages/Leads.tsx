// Leads: a virtualised table of every lead in scope with its score, grade, top reasons and
// owner; sorted by clicking a header, filtered by name, status, source and grade (in memory, so
// 10,000 leads filter in milliseconds), with saved views in localStorage.
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Lead } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n, type MessageKey } from '../i18n.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { useAllLeads, useLeadScores, type LeadScore } from '../components/leads/useLeadData.ts';
import { readViews, writeViews, type View } from '../components/leads/views.ts';

const ROW_HEIGHT = 44;
const STATUSES = ['new', 'working', 'nurturing', 'qualified', 'converted', 'disqualified'] as const;
const GRADES = ['A', 'B', 'C', 'D'] as const;
const COLUMNS: { key: string; sort: string; label: MessageKey }[] = [
  { key: 'name', sort: 'name', label: 'col.name' },
  { key: 'company', sort: 'company', label: 'col.company' },
  { key: 'score', sort: 'score', label: 'col.score' },
  { key: 'reasons', sort: '', label: 'leads.reasons' },
  { key: 'status', sort: 'status', label: 'col.status' },
  { key: 'owner', sort: 'owner_id', label: 'col.owner' },
  { key: 'source', sort: 'source', label: 'col.source' },
  { key: 'created', sort: 'created_at', label: 'col.created' },
];

/** One row; memoised so scrolling renders only the rows that come into view. */
const LeadRow = memo(function LeadRow({ lead, score: s, index, start, scored, ownerName, onOpen }: {
  lead: Lead; score: LeadScore | undefined; index: number; start: number; scored: boolean | null; ownerName: string; onOpen: (id: string) => void;
}) {
  const { t, formatDate, formatPercent } = useI18n();
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className="vrow vdata"
      style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT }}
      onClick={(e) => { if (!(e.target as HTMLElement).closest('a')) onOpen(lead.id); }}
      onKeyDown={(e) => { if (e.key === 'Enter') onOpen(lead.id); }}
    >
      <div role="cell" className="vcell cell-name"><Link to={`/leads/${lead.id}`}>{lead.name ?? t('lead.unnamed')}</Link></div>
      <div role="cell" className="vcell">{lead.company ?? ''}</div>
      <div role="cell" className="vcell cell-score">
        {s?.score != null
          ? <><span className={`grade grade-${s.grade ?? 'none'}`} title={t('leads.grade')}>{s.grade ?? '–'}</span> <span className="score-num">{formatPercent(s.score)}</span></>
          : <span className="muted small">{scored ? t('leads.noScore') : ''}</span>}
      </div>
      <div role="cell" className="vcell cell-reasons small" title={s?.top_reasons?.map((r) => r.label).join('\n')}>
        {s?.top_reasons?.slice(0, 2).map((r) => <span key={r.code} className={r.direction === 'up' ? 'reason-chip up' : 'reason-chip down'}>{r.direction === 'up' ? '▲' : '▼'} {r.label}</span>)}
      </div>
      <div role="cell" className="vcell"><StatusBadge status={lead.status} /></div>
      <div role="cell" className="vcell">{ownerName}</div>
      <div role="cell" className="vcell">{lead.source ?? ''}</div>
      <div role="cell" className="vcell">{formatDate(lead.created_at)}</div>
    </div>
  );
});

export default function Leads() {
  const { me, users } = useAuth();
  const { t, formatNumber } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const source = params.get('source') ?? '';
  const grade = params.get('grade') ?? '';
  const sort = params.get('sort') ?? '-created_at';
  const [nonce, setNonce] = useState(0);
  const { rows, complete, error } = useAllLeads(nonce);
  const { scores, available: scored } = useLeadScores(nonce);
  const [views, setViews] = useState<View[]>(() => (me ? readViews(me.id) : []));
  const [viewName, setViewName] = useState('');
  const scrollRef = useRef<HTMLDivElement>(null);
  const lastFilterMs = useRef(0);

  const update = useCallback((patch: Partial<Record<'q' | 'status' | 'source' | 'grade' | 'sort', string>>) => {
    // From the live URL, not the render's params: two updates before a re-render (the debounced
    // search and a header click) must not undo each other.
    setParams(() => {
      const next = new URLSearchParams(window.location.search);
      for (const [k, v] of Object.entries(patch)) {
        if (v) next.set(k, v);
        else next.delete(k);
      }
      return next;
    }, { replace: true });
  }, [setParams]);

  // The name search filters at once from local state and reaches the URL (for back/forward and
  // saved views) a moment later; the table follows the filters a frame behind the input.
  const [search, setSearch] = useState(q);
  const written = useRef(q);
  useEffect(() => {
    if (q !== written.current) {
      written.current = q;
      setSearch(q);
    }
  }, [q]);
  useEffect(() => {
    if (search === written.current) return;
    const timer = setTimeout(() => {
      written.current = search;
      update({ q: search });
    }, 300);
    return () => clearTimeout(timer);
  }, [search, update]);
  const filters = useDeferredValue(useMemo(() => ({ q: search.trim().toLowerCase(), status, source, grade, sort }), [search, status, source, grade, sort]));
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [filters]);
  const lowerNames = useMemo(() => rows.map((r) => (r.name ?? '').toLowerCase()), [rows]);
  const sources = useMemo(() => [...new Set(rows.map((r) => r.source).filter((s): s is string => !!s))].sort((a, b) => a.localeCompare(b)), [rows]);
  const visible = useMemo(() => {
    const started = performance.now();
    const { q: needle, status: st, source: so, grade: gr, sort: so2 } = filters;
    let out: Lead[] = [];
    for (let i = 0; i < rows.length; i += 1) {
      const r = rows[i];
      if ((!needle || lowerNames[i].includes(needle)) && (!st || r.status === st) && (!so || r.source === so) && (!gr || scores.get(r.id)?.grade === gr)) out.push(r);
    }
    const desc = so2.startsWith('-');
    const field = desc ? so2.slice(1) : so2;
    if (field !== 'created_at' || !desc) {
      const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
      const key = (r: Lead): string | number | null => {
        if (field === 'score') return scores.get(r.id)?.score ?? null;
        if (field === 'owner_id') return r.owner_id ? users.get(r.owner_id)?.name ?? r.owner_id : null;
        const v = (r as unknown as Record<string, unknown>)[field];
        return v == null ? null : typeof v === 'number' ? v : String(v);
      };
      const keyed = out.map((r) => ({ r, k: key(r) }));
      keyed.sort((a, b) => {
        if (a.k == null && b.k == null) return 0;
        if (a.k == null) return 1; // missing values last, whatever the direction
        if (b.k == null) return -1;
        const c = typeof a.k === 'number' && typeof b.k === 'number' ? a.k - b.k : collator.compare(String(a.k), String(b.k));
        return desc ? -c : c;
      });
      out = keyed.map((x) => x.r);
    }
    lastFilterMs.current = performance.now() - started;
    return out;
  }, [rows, lowerNames, filters, scores, users]);

  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();

  const toggleSort = (field: string) => update({ sort: sort === field ? `-${field}` : field });
  const sortState = (field: string): 'ascending' | 'descending' | 'none' => (sort === field ? 'ascending' : sort === `-${field}` ? 'descending' : 'none');

  const saveView = () => {
    if (!me || !viewName.trim()) return;
    const next = [...views.filter((v) => v.name !== viewName.trim()), { name: viewName.trim(), q: search.trim(), status, source, grade, sort }];
    writeViews(me.id, next);
    setViews(next);
    setViewName('');
  };
  const applyView = (name: string) => {
    const v = views.find((x) => x.name === name);
    if (v) setParams(new URLSearchParams(Object.entries({ q: v.q, status: v.status, source: v.source, grade: v.grade ?? '', sort: v.sort }).filter(([, val]) => val)), { replace: true });
  };
  const deleteView = (name: string) => {
    if (!me) return;
    const next = views.filter((v) => v.name !== name);
    writeViews(me.id, next);
    setViews(next);
  };
  const activeView = views.find((v) => v.q === search.trim() && v.status === status && v.source === source && (v.grade ?? '') === grade && v.sort === sort)?.name ?? '';
  const open = useCallback((id: string) => navigate(`/leads/${id}`), [navigate]);

  const loading = rows.length === 0 && !complete && error == null;
  const state = error != null ? 'error' : loading ? 'loading' : 'ready';
  return (
    <section className="page page-leads" data-page="leads" data-state={state} data-query={filters.q} data-count={visible.length} data-complete={complete ? 'true' : 'false'} data-filter-ms={lastFilterMs.current.toFixed(1)} aria-labelledby="leads-title">
      <header className="page-header">
        <div>
          <h1 id="leads-title">{t('leads.title')}</h1>
          <p className="muted" aria-live="polite" data-testid="leads-count">
            {loading ? t('state.loading')
              : !complete ? t('leads.loadingAll', { count: formatNumber(rows.length) })
              : visible.length === rows.length ? t('leads.count', { count: formatNumber(rows.length) })
              : t('leads.filteredCount', { shown: formatNumber(visible.length), count: formatNumber(rows.length) })}
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

      <form className="filters" role="search" aria-label={t('leads.filters')} onSubmit={(e) => e.preventDefault()}>
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
        {scored && (
          <label className="field">
            <span>{t('leads.grade')}</span>
            <select value={grade} onChange={(e) => update({ grade: e.target.value })} data-testid="lead-grade">
              <option value="">{t('leads.anyGrade')}</option>
              {GRADES.map((g) => <option key={g} value={g}>{g}</option>)}
            </select>
          </label>
        )}
        {(search || q || status || source || grade) && <button type="button" className="btn btn-ghost" onClick={() => { written.current = ''; setSearch(''); update({ q: '', status: '', source: '', grade: '' }); }}>{t('leads.clear')}</button>}
        {complete && <span className="muted small filter-ms">{t('leads.filterMs', { ms: lastFilterMs.current.toFixed(1) })}</span>}
      </form>

      <div className="vtable vtable-leads" role="table" aria-labelledby="leads-title" aria-rowcount={visible.length + 1}>
        <div className="vrow vhead" role="row">
          {COLUMNS.map((c) => (
            <div key={c.key} role="columnheader" aria-sort={c.sort ? sortState(c.sort) : undefined} className="vcell">
              {c.sort ? (
                <button type="button" className="sort-button" onClick={() => toggleSort(c.sort)} title={t('leads.sortBy', { column: t(c.label) })}>
                  {t(c.label)}
                  <span aria-hidden="true" className="sort-mark">{sortState(c.sort) === 'ascending' ? '▲' : sortState(c.sort) === 'descending' ? '▼' : ''}</span>
                </button>
              ) : <span className="sort-button">{t(c.label)}</span>}
            </div>
          ))}
        </div>
        <div className="vbody" ref={scrollRef} data-testid="leads-body">
          {error != null ? <ErrorState error={error} onRetry={() => setNonce((n) => n + 1)} />
            : loading ? <Loading />
            : visible.length === 0 ? (complete ? <Empty>{t('leads.empty')}</Empty> : <Loading />)
            : (
              <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                {items.map((item) => {
                  const lead = visible[item.index];
                  return <LeadRow key={lead.id} lead={lead} score={scores.get(lead.id)} index={item.index} start={item.start} scored={scored} ownerName={lead.owner_id ? users.get(lead.owner_id)?.name ?? '…' : ''} onOpen={open} />;
                })}
              </div>
            )}
        </div>
        {!complete && rows.length > 0 && <div className="vfoot muted small" role="status">{t('leads.loadingMore')}</div>}
      </div>
    </section>
  );
}
