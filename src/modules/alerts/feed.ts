// The alert feed: alerts in the actor's scope, newest first, and acknowledging them.
import type { Db } from '../../db/client.ts';
import { InputError, NotFoundError } from '../../core/errors.ts';
import type { Actor } from '../crm/access.ts';
import type { Text } from '../../core/i18n.ts';
import { kpiDefinition } from '../kpis/catalog.ts';
import { kpiName } from '../kpis/messages.ts';
import { scopeVisible } from './access.ts';
import { localizeLinks } from './links.ts';
import { alertTitle, msg } from './messages.ts';

export const ALERT_SELECT = `SELECT a.id, a.rule_id, a.kpi, a.scope, a.scope_id,
  CASE a.scope WHEN 'team' THEN (SELECT name FROM teams WHERE id = a.scope_id) WHEN 'rep' THEN (SELECT name FROM users WHERE id = a.scope_id) ELSE 'Company' END AS scope_name,
  a.frequency, a.period, a.kind, a.severity, a.status, a.title, a.observed, a.expected, a.lower, a.upper, a.deviation, a.score,
  a.evidence, a.links, a.acknowledged_by, a.acknowledged_at, a.created_at
  FROM alerts a`;

export interface AlertRow {
  id: string;
  rule_id: string;
  kpi: string;
  scope: 'company' | 'team' | 'rep';
  scope_id: string | null;
  /** A team's or rep's name; "Company" renders in the reader's language. */
  scope_name: Text | string;
  frequency: string;
  period: string;
  kind: string;
  severity: string;
  status: string;
  /** Rebuilt from the row at read time: renders in the reader's language. */
  title: Text | string;
  observed: number | null;
  expected: number | null;
  lower: number | null;
  upper: number | null;
  deviation: number | null;
  score: number | null;
  evidence: unknown;
  links: unknown;
  acknowledged_by: string | null;
  acknowledged_at: Date | null;
  created_at: Date;
}

/**
 * The row as readers get it: the title rebuilt as a Text from the stored KPI, kind, scope, frequency
 * and period (the stored English title is the fallback for a KPI no longer in the catalogue), the
 * company's name and the suggestion links' labels in the reader's language.
 */
export function localizeAlert(row: AlertRow): AlertRow {
  const def = kpiDefinition(row.kpi);
  const scopeName = row.scope === 'company' ? msg('alerts.scope.Company') : row.scope_name;
  const titleScope = row.scope === 'company' ? msg('alerts.scope.company') : (row.scope_name ?? row.scope_id ?? '');
  return {
    ...row,
    scope_name: scopeName,
    title: def ? alertTitle(kpiName(def.label), row.kind, titleScope, row.frequency, row.period) : row.title,
    links: Array.isArray(row.links) ? localizeLinks(row.links) : row.links,
  };
}

export async function listAlerts(db: Db, actor: Actor, q: { status?: string; kpi?: string; limit?: number } = {}) {
  const status = q.status ?? 'open';
  if (!['open', 'acknowledged', 'resolved', 'all'].includes(status)) throw new InputError('invalid status', [{ column: 'status', value: status, reason: 'must be open, acknowledged, resolved or all' }]);
  const scope = scopeVisible(actor, 'a', 1);
  const params: unknown[] = [...scope.params, status === 'all' ? null : status, q.kpi ?? null];
  const n = scope.params.length;
  const limit = Math.min(Math.max(q.limit ?? 100, 1), 1000);
  const where = `${scope.sql} AND ($${n + 1}::text IS NULL OR a.status = $${n + 1}) AND ($${n + 2}::text IS NULL OR a.kpi = $${n + 2})`;
  const { rows } = await db.query<AlertRow>(`${ALERT_SELECT} WHERE ${where} ORDER BY a.period DESC, a.created_at DESC, a.id LIMIT ${limit}`, params);
  const open = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM alerts a WHERE ${scope.sql} AND a.status = 'open'`, scope.params);
  return { data: rows.map(localizeAlert), open_count: open.rows[0].n };
}

export async function getAlert(db: Db, actor: Actor, id: string): Promise<AlertRow> {
  const scope = scopeVisible(actor, 'a', 2);
  const { rows } = await db.query<AlertRow>(`${ALERT_SELECT} WHERE a.id = $1 AND ${scope.sql}`, [id, ...scope.params]);
  if (!rows[0]) throw new NotFoundError(`alert ${id} not found`);
  return localizeAlert(rows[0]);
}

export async function acknowledgeAlert(db: Db, actor: Actor, id: string): Promise<AlertRow> {
  await getAlert(db, actor, id);
  await db.query(`UPDATE alerts SET status = 'acknowledged', acknowledged_by = $2, acknowledged_at = now() WHERE id = $1 AND status = 'open'`, [id, actor.id]);
  return getAlert(db, actor, id);
}
