// The neighbourhood explorer: the records one or two hops from a start node, drawn with ECharts'
// graph series (force layout). Clicking a node (or its Expand button in the list) adds its own
// neighbours; records with a page in the app (deals, calls, leads) open from the list and the
// selection panel.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, withQuery } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import { ErrorState, Loading } from '../States.tsx';
import { isUnavailable, Unavailable } from '../Async.tsx';
import { GraphChartView, type ChartClick } from './LazyGraphChart.tsx';
import { mergeGraph, NODE_COLORS, NODE_TYPES, recordPath, type GraphNode, type Neighborhood } from './nodes.ts';

const LIMIT = 80;

export function Explorer({ start }: { start: GraphNode | null }) {
  const { t, tOr } = useI18n();
  const [graph, setGraph] = useState<Neighborhood | null>(null);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [selected, setSelected] = useState<string | null>(null);
  const [depth, setDepth] = useState<1 | 2>(1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const fetchNode = useCallback((node: string, d: number) => api<Neighborhood>(withQuery('/api/v1/graph/neighbors', { node, depth: d, limit: LIMIT })), []);

  useEffect(() => {
    if (!start) return;
    let live = true;
    setBusy(true);
    setError(null);
    fetchNode(start.id, depth).then(
      (g) => {
        if (!live) return;
        setGraph(g);
        setExpanded(new Set([start.id]));
        setSelected(start.id);
      },
      (e) => live && setError(e),
    ).finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [start, depth, fetchNode]);

  const expand = useCallback(async (id: string) => {
    setSelected(id);
    if (expanded.has(id)) return;
    setBusy(true);
    setError(null);
    try {
      const more = await fetchNode(id, 1);
      setGraph((g) => (g ? mergeGraph(g, more) : more));
      setExpanded((s) => new Set(s).add(id));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }, [expanded, fetchNode]);

  const typeLabel = useCallback((type: string) => tOr(`kg.t.${type}`, type), [tOr]);
  const option = useMemo(() => {
    if (!graph) return null;
    const categories = NODE_TYPES.map((type) => ({ name: typeLabel(type), itemStyle: { color: NODE_COLORS[type] } }));
    const many = graph.nodes.length > 40;
    return {
      tooltip: { formatter: (p: { dataType: string; data: { name?: string; category?: number; edgeType?: string } }) => (p.dataType === 'edge' ? p.data.edgeType ?? '' : `${typeLabel(NODE_TYPES[p.data.category ?? 0])}: ${p.data.name ?? ''}`) },
      legend: [{ data: categories.map((c) => c.name), bottom: 0, type: 'scroll' }],
      series: [{
        type: 'graph',
        layout: 'force',
        roam: true,
        draggable: true,
        force: { repulsion: many ? 120 : 220, edgeLength: many ? 60 : 100, gravity: 0.08 },
        categories,
        label: { show: !many, position: 'right', width: 140, overflow: 'truncate' },
        emphasis: { focus: 'adjacency', label: { show: true } },
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 6,
        lineStyle: { color: '#aab1bd', curveness: 0.1 },
        data: graph.nodes.map((n) => ({
          id: n.id,
          name: n.label,
          category: NODE_TYPES.indexOf(n.type),
          symbolSize: n.id === start?.id ? 26 : expanded.has(n.id) ? 18 : 12,
          itemStyle: n.id === selected ? { borderColor: '#1d2330', borderWidth: 3 } : undefined,
        })),
        links: graph.edges.map((e) => ({ source: e.from, target: e.to, edgeType: e.type })),
      }],
    };
  }, [graph, expanded, selected, start, typeLabel]);

  const onClick = useCallback((e: ChartClick) => {
    if (e.dataType === 'node' && e.data && typeof (e.data as { id?: unknown }).id === 'string') void expand((e.data as { id: string }).id);
  }, [expand]);

  if (!start) return <p className="muted">{t('kg.pickStart')}</p>;
  const sel = graph?.nodes.find((n) => n.id === selected) ?? null;
  const selPath = sel ? recordPath(sel) : null;
  return (
    <div data-testid="graph-explorer" data-busy={busy ? 'true' : 'false'}>
      <div className="form-row kg-explorer-bar">
        <label className="field">
          <span>{t('kg.depth')}</span>
          <select value={depth} onChange={(e) => setDepth(Number(e.target.value) as 1 | 2)} data-testid="graph-depth">
            <option value={1}>{t('kg.hop')}</option>
            <option value={2}>{t('kg.hops', { n: 2 })}</option>
          </select>
        </label>
        {graph && <p className="muted small" data-testid="graph-counts" aria-live="polite">{t('kg.nodes', { nodes: graph.nodes.length, edges: graph.edges.length })}</p>}
        {busy && <Loading />}
      </div>
      {error != null && (isUnavailable(error) ? <Unavailable what="GET /api/v1/graph/neighbors" /> : <ErrorState error={error} />)}
      {!graph && busy && <Loading />}
      {graph && option && (
        <div className="kg-explorer">
          <GraphChartView option={option} height={460} label={t('kg.graphLabel', { name: start.label })} testId="graph-chart" onClick={onClick} />
          <aside className="kg-side" aria-label={t('kg.nodeList')}>
            {sel && (
              <p className="kg-selected" data-testid="graph-selected">
                <span className="kg-dot" style={{ background: NODE_COLORS[sel.type] }} aria-hidden="true" />
                {t('kg.selected', { name: sel.label })} <span className="muted small">({typeLabel(sel.type)})</span>
                {selPath && <> · <Link to={selPath}>{t('kg.open')}</Link></>}
              </p>
            )}
            <div className="kg-node-list">
              <table className="table table-compact" data-testid="graph-nodes">
                <caption className="sr-only">{t('kg.nodeList')}</caption>
                <thead><tr><th scope="col">{t('kg.nodeList')}</th><th scope="col">{t('kg.type')}</th><th scope="col"><span className="sr-only">{t('kg.expand')}</span></th></tr></thead>
                <tbody>
                  {graph.nodes.map((n) => {
                    const path = recordPath(n);
                    return (
                      <tr key={n.id} className={n.id === selected ? 'row-selected' : undefined} data-node={n.id}>
                        <td>{path ? <Link to={path}>{n.label}</Link> : n.label}</td>
                        <td><span className="kg-dot" style={{ background: NODE_COLORS[n.type] }} aria-hidden="true" /> {typeLabel(n.type)}</td>
                        <td>
                          <button type="button" className="btn btn-ghost link-small" disabled={expanded.has(n.id) || busy} onClick={() => void expand(n.id)}>
                            {expanded.has(n.id) ? t('kg.expanded') : t('kg.expand')}<span className="sr-only"> {n.label}</span>
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </aside>
        </div>
      )}
    </div>
  );
}
