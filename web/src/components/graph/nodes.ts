// Knowledge-graph node types: their colours and the app page of a record, when it has one.
export type NodeType = 'user' | 'team' | 'account' | 'contact' | 'product' | 'opportunity' | 'article' | 'call' | 'competitor';
export const NODE_TYPES: readonly NodeType[] = ['user', 'team', 'account', 'contact', 'product', 'opportunity', 'article', 'call', 'competitor'];
export interface GraphNode { id: string; type: NodeType; label: string }
export interface GraphEdge { from: string; to: string; type: string }
export interface Neighborhood { nodes: GraphNode[]; edges: GraphEdge[] }

export const NODE_COLORS: Record<NodeType, string> = {
  user: '#a61e51', team: '#7a4fa8', account: '#1f5fd6', contact: '#3a8fb7', product: '#2f8f5b',
  opportunity: '#d9822b', article: '#8a6d3b', call: '#c2417a', competitor: '#5a5f6b',
};

/** The app's page for a node (leads/:id, pipeline/:id, calls/:id, accounts/:id), or null when the app has none. */
export function recordPath(node: { id: string; type: string }): string | null {
  const id = node.id.slice(node.id.indexOf(':') + 1);
  if (node.type === 'opportunity') return `/pipeline/${id}`;
  if (node.type === 'account') return `/accounts/${id}`;
  if (node.type === 'call') return `/calls/${id}`;
  if (node.type === 'lead') return `/leads/${id}`;
  return null;
}

/** Merges a neighbourhood into a graph (nodes and edges by id). */
export function mergeGraph(a: Neighborhood, b: Neighborhood): Neighborhood {
  const nodes = new Map(a.nodes.map((n) => [n.id, n]));
  for (const n of b.nodes) if (!nodes.has(n.id)) nodes.set(n.id, n);
  const key = (e: GraphEdge) => `${e.from}|${e.to}|${e.type}`;
  const edges = new Map(a.edges.map((e) => [key(e), e]));
  for (const e of b.edges) edges.set(key(e), e);
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
