// Generic graph exploration: the nodes one or two hops from a node. Each node type knows its edges
// (SQL over the foreign keys); owner-scoped rows outside the actor's scope never appear.
import type { Text } from '../../core/i18n.ts';
import { nodeName } from './messages.ts';
import type { Db } from '../../db/client.ts';
import { InputError, NotFoundError } from '../../core/errors.ts';
import { scopePredicate, type Actor } from '../crm/access.ts';
import { ENTITIES } from '../crm/entities.ts';
import { competitorMentions } from './queries.ts';

export type NodeType = 'user' | 'team' | 'account' | 'contact' | 'product' | 'opportunity' | 'article' | 'call' | 'competitor';
export const NODE_TYPES: readonly NodeType[] = ['user', 'team', 'account', 'contact', 'product', 'opportunity', 'article', 'call', 'competitor'];

/** label: the record's name; a record without one gets the word for its type, in the reader's language. */
export interface GraphNode { id: string; type: NodeType; label: Text | string }
export interface GraphEdge { from: string; to: string; type: string }

const PER_RELATION = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One relation: rows of (id, label) related to the node, the neighbour type, the edge type and direction. */
interface Relation { sql: string; type: NodeType; edge: string; outgoing: boolean }

function relations(type: NodeType, opp: string, act: string): Relation[] {
  const L = `LIMIT ${PER_RELATION}`;
  switch (type) {
    case 'user': return [
      { sql: `SELECT id, name AS label FROM accounts WHERE owner_id = $1 ORDER BY name ${L}`, type: 'account', edge: 'owns', outgoing: true },
      { sql: `SELECT o.id, coalesce(o.name, '') AS label FROM opportunities o WHERE o.owner_id = $1 AND ${opp} ORDER BY o.updated_at DESC ${L}`, type: 'opportunity', edge: 'owns', outgoing: true },
      { sql: `SELECT id, title AS label FROM knowledge_articles WHERE author_id = $1 ${L}`, type: 'article', edge: 'authored', outgoing: true },
      { sql: `SELECT t.id, t.name AS label FROM users u JOIN teams t ON t.id = u.team_id WHERE u.id = $1`, type: 'team', edge: 'works_at', outgoing: true },
    ];
    case 'team': return [
      { sql: `SELECT id, name AS label FROM users WHERE team_id = $1 ORDER BY name ${L}`, type: 'user', edge: 'works_at', outgoing: false },
    ];
    case 'account': return [
      { sql: `SELECT u.id, u.name AS label FROM accounts x JOIN users u ON u.id = x.owner_id WHERE x.id = $1`, type: 'user', edge: 'owns', outgoing: false },
      { sql: `SELECT id, name AS label FROM contacts WHERE account_id = $1 ORDER BY name ${L}`, type: 'contact', edge: 'works_at', outgoing: false },
      { sql: `SELECT o.id, coalesce(o.name, '') AS label FROM opportunities o WHERE o.account_id = $1 AND ${opp} ORDER BY o.updated_at DESC ${L}`, type: 'opportunity', edge: 'at_account', outgoing: false },
      { sql: `SELECT a.id, coalesce(a.subject, '') AS label FROM activities a WHERE a.type = 'call' AND a.account_id = $1 AND ${act} ORDER BY a.occurred_at DESC ${L}`, type: 'call', edge: 'linked', outgoing: false },
      { sql: `SELECT DISTINCT p.id, p.name AS label FROM opportunities o JOIN products p ON p.id = o.product_id WHERE o.account_id = $1 AND o.stage = 'won' AND ${opp} ${L}`, type: 'product', edge: 'bought', outgoing: true },
    ];
    case 'contact': return [
      { sql: `SELECT x.id, x.name AS label FROM contacts c JOIN accounts x ON x.id = c.account_id WHERE c.id = $1`, type: 'account', edge: 'works_at', outgoing: true },
      { sql: `SELECT u.id, u.name AS label FROM contacts c JOIN users u ON u.id = c.owner_id WHERE c.id = $1`, type: 'user', edge: 'owns', outgoing: false },
    ];
    case 'product': return [
      { sql: `SELECT o.id, coalesce(o.name, '') AS label FROM opportunities o WHERE o.product_id = $1 AND ${opp} ORDER BY o.updated_at DESC ${L}`, type: 'opportunity', edge: 'for_product', outgoing: false },
      { sql: `SELECT DISTINCT x.id, x.name AS label FROM opportunities o JOIN accounts x ON x.id = o.account_id WHERE o.product_id = $1 AND o.stage = 'won' AND ${opp} ${L}`, type: 'account', edge: 'bought', outgoing: false },
    ];
    case 'opportunity': return [
      { sql: `SELECT u.id, u.name AS label FROM opportunities o JOIN users u ON u.id = o.owner_id WHERE o.id = $1`, type: 'user', edge: 'owns', outgoing: false },
      { sql: `SELECT x.id, x.name AS label FROM opportunities o JOIN accounts x ON x.id = o.account_id WHERE o.id = $1`, type: 'account', edge: 'at_account', outgoing: true },
      { sql: `SELECT p.id, p.name AS label FROM opportunities o JOIN products p ON p.id = o.product_id WHERE o.id = $1`, type: 'product', edge: 'for_product', outgoing: true },
      { sql: `SELECT c.id, c.name AS label FROM opportunities o JOIN contacts c ON c.id = o.contact_id WHERE o.id = $1`, type: 'contact', edge: 'linked', outgoing: true },
      { sql: `SELECT a.id, coalesce(a.subject, '') AS label FROM activities a WHERE a.type = 'call' AND a.opportunity_id = $1 AND ${act} ORDER BY a.occurred_at DESC ${L}`, type: 'call', edge: 'linked', outgoing: false },
    ];
    case 'article': return [
      { sql: `SELECT u.id, u.name AS label FROM knowledge_articles k JOIN users u ON u.id = k.author_id WHERE k.id = $1`, type: 'user', edge: 'authored', outgoing: false },
    ];
    case 'call': return [
      { sql: `SELECT u.id, u.name AS label FROM activities a JOIN users u ON u.id = a.owner_id WHERE a.id = $1`, type: 'user', edge: 'owns', outgoing: false },
      { sql: `SELECT o.id, coalesce(o.name, '') AS label FROM activities a JOIN opportunities o ON o.id = a.opportunity_id WHERE a.id = $1 AND ${opp}`, type: 'opportunity', edge: 'linked', outgoing: true },
      { sql: `SELECT x.id, x.name AS label FROM activities a JOIN accounts x ON x.id = a.account_id WHERE a.id = $1`, type: 'account', edge: 'linked', outgoing: true },
    ];
    case 'competitor': return [];
  }
}

export function parseNode(value: string): { type: NodeType; id: string } {
  const at = value.indexOf(':');
  const type = value.slice(0, at) as NodeType;
  const id = value.slice(at + 1);
  if (at < 0 || !NODE_TYPES.includes(type) || !id || (type !== 'competitor' && !UUID.test(id))) {
    throw new InputError('invalid node', [{ column: 'node', value, reason: `must be type:uuid with type one of ${NODE_TYPES.join(', ')} (or competitor:name)` }]);
  }
  return { type, id: type === 'competitor' ? id.toLowerCase() : id };
}

async function nodeLabel(db: Db, actor: Actor, type: NodeType, id: string): Promise<string | null> {
  const opp = scopePredicate(ENTITIES.opportunities, actor, 'o', 2);
  const act = scopePredicate(ENTITIES.activities, actor, 'a', 2);
  const sql: Record<Exclude<NodeType, 'competitor'>, string> = {
    user: 'SELECT name AS label FROM users WHERE id = $1',
    team: 'SELECT name AS label FROM teams WHERE id = $1',
    account: 'SELECT name AS label FROM accounts WHERE id = $1',
    contact: 'SELECT name AS label FROM contacts WHERE id = $1',
    product: 'SELECT name AS label FROM products WHERE id = $1',
    article: 'SELECT title AS label FROM knowledge_articles WHERE id = $1',
    opportunity: `SELECT coalesce(o.name, '') AS label FROM opportunities o WHERE o.id = $1 AND ${opp.sql}`,
    call: `SELECT coalesce(a.subject, '') AS label FROM activities a WHERE a.id = $1 AND a.type = 'call' AND ${act.sql}`,
  };
  if (type === 'competitor') return id;
  const scoped = type === 'opportunity' || type === 'call';
  const { rows } = await db.query<{ label: string }>(sql[type], scoped ? [id, ...opp.params] : [id]);
  return rows[0]?.label ?? null;
}

export async function neighbors(db: Db, actor: Actor, nodeValue: string, depth = 1, limit = 200) {
  const start = parseNode(nodeValue);
  const label = await nodeLabel(db, actor, start.type, start.id);
  if (label === null) throw new NotFoundError(`node ${nodeValue} not found`);
  const nodes = new Map<string, GraphNode>([[`${start.type}:${start.id}`, { id: `${start.type}:${start.id}`, type: start.type, label: nodeName(start.type, label) }]]);
  const edges = new Map<string, GraphEdge>();
  let frontier = [start];
  const opp = scopePredicate(ENTITIES.opportunities, actor, 'o', 2);
  const act = scopePredicate(ENTITIES.activities, actor, 'a', 2);
  const scopeParams = opp.params.length ? opp.params : act.params;
  let mentions: Array<{ opportunity_id: string; competitor: string }> | null = null;
  for (let hop = 0; hop < depth && nodes.size < limit; hop++) {
    const next: typeof frontier = [];
    for (const node of frontier) {
      const found: Array<{ rel: { type: NodeType; edge: string; outgoing: boolean }; id: string; label: string }> = [];
      for (const rel of relations(node.type, opp.sql, act.sql)) {
        const uses = rel.sql.includes('$2');
        const { rows } = await db.query<{ id: string; label: string }>(rel.sql, uses ? [node.id, ...scopeParams] : [node.id]);
        for (const r of rows) found.push({ rel, id: r.id, label: r.label });
      }
      // Competitors: opportunity ↔ competitor (mentioned_in) and competitor ↔ product (competes_with).
      if (node.type === 'opportunity' || node.type === 'competitor' || node.type === 'product') {
        mentions ??= await competitorMentions(db, actor);
        if (node.type === 'opportunity') {
          for (const m of mentions.filter((m) => m.opportunity_id === node.id)) found.push({ rel: { type: 'competitor', edge: 'mentioned_in', outgoing: false }, id: m.competitor, label: m.competitor });
        } else if (node.type === 'competitor') {
          const opps = mentions.filter((m) => m.competitor === node.id).slice(0, PER_RELATION);
          const rows = opps.length ? (await db.query<{ id: string; label: string; product_id: string | null; product: string | null }>(
            `SELECT o.id, coalesce(o.name, '') AS label, o.product_id, p.name AS product FROM opportunities o LEFT JOIN products p ON p.id = o.product_id WHERE o.id = ANY($1::uuid[])`,
            [opps.map((m) => m.opportunity_id)],
          )).rows : [];
          for (const r of rows) {
            found.push({ rel: { type: 'opportunity', edge: 'mentioned_in', outgoing: true }, id: r.id, label: r.label });
            if (r.product_id) found.push({ rel: { type: 'product', edge: 'competes_with', outgoing: true }, id: r.product_id, label: r.product ?? '' });
          }
        } else {
          const opps = new Set((await db.query<{ id: string }>('SELECT id FROM opportunities WHERE product_id = $1', [node.id])).rows.map((r) => r.id));
          for (const c of new Set(mentions.filter((m) => opps.has(m.opportunity_id)).map((m) => m.competitor))) {
            found.push({ rel: { type: 'competitor', edge: 'competes_with', outgoing: false }, id: c, label: c });
          }
        }
      }
      const self = `${node.type}:${node.id}`;
      for (const f of found) {
        const other = `${f.rel.type}:${f.id}`;
        if (!nodes.has(other)) {
          if (nodes.size >= limit) break;
          nodes.set(other, { id: other, type: f.rel.type, label: nodeName(f.rel.type, f.label) });
          next.push({ type: f.rel.type, id: f.id });
        }
        const edge = f.rel.outgoing ? { from: self, to: other, type: f.rel.edge } : { from: other, to: self, type: f.rel.edge };
        edges.set(`${edge.from}|${edge.to}|${edge.type}`, edge);
      }
    }
    frontier = next;
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
