// Pipeline: a Kanban board of the deals in scope by stage. Drag a card to another column
// (native HTML5 drag and drop) or choose "Move to stage" on the card (keyboard). A move PATCHes
// the opportunity's stage (the server records the stage history); the card moves at once and
// moves back if the server refuses. Win probability, risk signals and the next best action
// come from the revenue API when it is present.
import { useCallback, useMemo, useState } from 'react';
import { listAll } from '../api.ts';
import type { Opportunity } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n.tsx';
import { useAsync } from '../useAsync.ts';
import { optional } from '../components/Async.tsx';
import { ErrorState, Loading, Empty } from '../components/States.tsx';
import type { DealInsight } from '../revenue.ts';
import { STAGES, OPEN_STAGES, useMoveDeal } from '../components/pipeline/stages.ts';
import { KanbanColumn } from '../components/pipeline/KanbanColumn.tsx';

interface Board { deals: Opportunity[]; insights: Map<string, DealInsight>; insightsAvailable: boolean }

async function loadBoard(signal: AbortSignal): Promise<Board> {
  const since = new Date(Date.now() - 90 * 86_400_000).toISOString();
  const [open, closed, insights] = await Promise.all([
    listAll<Opportunity>('/api/v1/opportunities', { 'stage[in]': OPEN_STAGES.join(','), sort: '-amount' }, signal, 10_000),
    listAll<Opportunity>('/api/v1/opportunities', { 'stage[in]': 'won,lost', 'closed_at[gte]': since, sort: '-closed_at' }, signal, 2_000),
    optional<{ data: DealInsight[] }>('/api/v1/pipeline/deals', signal).catch(() => null),
  ]);
  return {
    deals: [...open, ...closed],
    insights: new Map((insights?.data ?? []).map((d) => [d.id, d])),
    insightsAvailable: insights != null,
  };
}

export default function Pipeline() {
  const { me, users } = useAuth();
  const { t, tOr } = useI18n();
  const { data, error, loading, reload } = useAsync(loadBoard, [me?.id]);
  const [moved, setMoved] = useState<Map<string, string>>(new Map());
  const [search, setSearch] = useState('');
  const [owner, setOwner] = useState('');
  const [announce, setAnnounce] = useState('');
  const move = useMoveDeal();

  const deals = useMemo(() => {
    if (!data) return [];
    const q = search.trim().toLowerCase();
    return data.deals
      .map((d) => (moved.has(d.id) ? { ...d, stage: moved.get(d.id)! } : d))
      .filter((d) => (!q || (d.name ?? '').toLowerCase().includes(q)) && (!owner || d.owner_id === owner));
  }, [data, moved, search, owner]);

  const byStage = useMemo(() => {
    const m = new Map<string, Opportunity[]>(STAGES.map((s) => [s, []]));
    for (const d of deals) m.get(d.stage)?.push(d);
    return m;
  }, [deals]);

  const owners = useMemo(() => {
    const ids = new Set((data?.deals ?? []).map((d) => d.owner_id).filter((x): x is string => !!x));
    return [...ids].map((id) => ({ id, name: users.get(id)?.name ?? id.slice(0, 8) })).sort((a, b) => a.name.localeCompare(b.name));
  }, [data, users]);

  const onMove = useCallback(async (id: string, stage: string) => {
    const deal = data?.deals.find((d) => d.id === id);
    if (!deal) return;
    const previous = moved.get(id) ?? deal.stage;
    if (previous === stage) return;
    const name = deal.name ?? t('deal.unnamed');
    setMoved((m) => new Map(m).set(id, stage));
    try {
      await move(deal, stage);
      setAnnounce(t('pipeline.moved', { name, stage: tOr(`stage.${stage}`, stage) }));
    } catch (e) {
      setMoved((m) => new Map(m).set(id, previous));
      setAnnounce(t('pipeline.moveFailed', { name, reason: e instanceof Error ? e.message : String(e) }));
    }
  }, [data, moved, move, t, tOr]);

  const state = error != null ? 'error' : !data ? 'loading' : data.deals.length === 0 ? 'empty' : 'ready';
  return (
    <section className="page page-wide" data-page="pipeline" data-state={state} aria-labelledby="pipeline-title">
      <header className="page-header">
        <div>
          <h1 id="pipeline-title">{t('pipeline.title')}</h1>
          <p className="muted">{t('pipeline.subtitle')}</p>
        </div>
        <div className="form-row">
          <label className="field">
            <span>{t('pipeline.search')}</span>
            <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="pipeline-search" />
          </label>
          {me?.role !== 'rep' && (
            <label className="field">
              <span>{t('pipeline.owner')}</span>
              <select value={owner} onChange={(e) => setOwner(e.target.value)}>
                <option value="">{t('pipeline.anyOwner')}</option>
                {owners.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
              </select>
            </label>
          )}
        </div>
      </header>
      <p className="sr-only" role="status" aria-live="polite" data-testid="pipeline-announce">{announce}</p>
      {announce && <p className="notice notice-info" aria-hidden="true">{announce}</p>}
      {loading && !data && <Loading />}
      {error != null && <ErrorState error={error} onRetry={reload} />}
      {data && data.deals.length === 0 && <Empty>{t('pipeline.empty')}</Empty>}
      {data && data.deals.length > 0 && (
        <div className="kanban" data-testid="kanban">
          {STAGES.map((stage) => (
            <KanbanColumn key={stage} stage={stage} deals={byStage.get(stage) ?? []} insights={data.insights} onMove={onMove} />
          ))}
        </div>
      )}
    </section>
  );
}
