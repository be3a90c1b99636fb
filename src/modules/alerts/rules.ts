// Alert rules: which KPI series to watch, for whom, and how (anomaly, threshold or target).
import { render } from '../../core/i18n.ts';
import type { Db } from '../../db/client.ts';
import { InputError, NotFoundError } from '../../core/errors.ts';
import type { Actor } from '../crm/access.ts';
import { kpiDefinition, KPI_KEYS } from '../kpis/catalog.ts';
import { resolveScope } from '../kpis/scope.ts';
import { scopeVisible } from './access.ts';

export type RuleKind = 'threshold' | 'anomaly' | 'target';

export interface AlertRule {
  id: string;
  name: string;
  kpi: string;
  scope: 'company' | 'team' | 'rep';
  scope_id: string | null;
  frequency: 'day' | 'week' | 'month';
  kind: RuleKind;
  params: RuleParams;
  enabled: boolean;
  owner_id: string | null;
  is_default: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface RuleParams {
  sensitivity?: 'low' | 'medium' | 'high';
  lookback?: number;
  recent?: number;
  op?: 'lt' | 'gt';
  value?: number;
}

const COLUMNS = 'r.id, r.name, r.kpi, r.scope, r.scope_id, r.frequency, r.kind, r.params, r.enabled, r.owner_id, r.is_default, r.created_at, r.updated_at';
export const DEFAULT_LOOKBACK = { day: 365, week: 104, month: 36 } as const;
const DEFAULT_KPIS = ['bookings', 'win_rate', 'activities', 'lead_response_time'];

/** Checks and completes params for a rule kind; throws InputError naming the bad field. */
export function checkParams(kind: RuleKind, raw: unknown, frequency: AlertRule['frequency']): RuleParams {
  const p = (raw ?? {}) as Record<string, unknown>;
  const bad = (column: string, reason: string): never => {
    throw new InputError(`invalid params.${column}`, [{ column: `params.${column}`, value: p[column], reason }]);
  };
  const int = (column: string, min: number, max: number, fallback: number) => {
    const v = p[column] ?? fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) bad(column, `must be a whole number from ${min} to ${max}`);
    return v as number;
  };
  const lookback = int('lookback', 8, 1000, DEFAULT_LOOKBACK[frequency]);
  const out: RuleParams = { lookback, recent: int('recent', 1, lookback, kind === 'anomaly' ? 3 : 1) };
  if (kind === 'anomaly') {
    const s = p.sensitivity ?? 'medium';
    if (s !== 'low' && s !== 'medium' && s !== 'high') bad('sensitivity', 'must be low, medium or high');
    out.sensitivity = s as RuleParams['sensitivity'];
  } else {
    if (typeof p.value !== 'number' || !Number.isFinite(p.value)) bad('value', 'must be a number');
    out.value = p.value as number;
    if (kind === 'threshold') {
      if (p.op !== 'lt' && p.op !== 'gt') bad('op', 'must be lt (alert below) or gt (alert above)');
      out.op = p.op as 'lt' | 'gt';
    }
  }
  return out;
}

export async function listRules(db: Db, actor: Actor): Promise<AlertRule[]> {
  const scope = scopeVisible(actor, 'r', 1);
  const own = actor.role === 'admin' ? '' : ` OR r.owner_id = $1`;
  const { rows } = await db.query<AlertRule>(`SELECT ${COLUMNS} FROM alert_rules r WHERE ${scope.sql}${own} ORDER BY r.kpi, r.scope, r.created_at, r.id`, actor.role === 'admin' ? [] : [actor.id]);
  return rows;
}

export async function getRule(db: Db, actor: Actor, id: string): Promise<AlertRule> {
  const rule = (await listRules(db, actor)).find((r) => r.id === id);
  if (!rule) throw new NotFoundError(`alert rule ${id} not found`);
  return rule;
}

export interface NewRule {
  name?: string;
  kpi: string;
  scope?: string;
  scope_id?: string | null;
  frequency?: string;
  kind: string;
  params?: unknown;
  enabled?: boolean;
}

export async function createRule(db: Db, actor: Actor, body: NewRule): Promise<AlertRule> {
  const def = kpiDefinition(body.kpi);
  if (!def) throw new InputError('unknown KPI', [{ column: 'kpi', value: body.kpi, reason: `must be one of ${KPI_KEYS.join(', ')}` }]);
  if (!['threshold', 'anomaly', 'target'].includes(body.kind)) throw new InputError('invalid kind', [{ column: 'kind', value: body.kind, reason: 'must be threshold, anomaly or target' }]);
  const frequency = (body.frequency ?? 'week') as AlertRule['frequency'];
  if (!['day', 'week', 'month'].includes(frequency)) throw new InputError('invalid frequency', [{ column: 'frequency', value: body.frequency, reason: 'must be day, week or month' }]);
  const scope = await resolveScope(db, actor, body.scope ?? 'rep', body.scope_id ?? undefined);
  if (!def.scopes.includes(scope.scope)) throw new InputError(`${def.key} is only computed company-wide`, [{ column: 'scope', value: scope.scope, reason: `must be one of ${def.scopes.join(', ')}` }]);
  const params = checkParams(body.kind as RuleKind, body.params, frequency);
  const name = body.name?.trim() || `${def.label.en} ${body.kind} (${render(scope.name, 'en')}, ${frequency})`;
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO alert_rules (name, kpi, scope, scope_id, frequency, kind, params, enabled, owner_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [name, def.key, scope.scope, scope.id, frequency, body.kind, JSON.stringify(params), body.enabled ?? true, actor.id],
  );
  return getRule(db, actor, rows[0].id);
}

export async function updateRule(db: Db, actor: Actor, id: string, changes: { name?: string; params?: unknown; enabled?: boolean; frequency?: string }): Promise<AlertRule> {
  const rule = await getRule(db, actor, id);
  const frequency = (changes.frequency ?? rule.frequency) as AlertRule['frequency'];
  if (!['day', 'week', 'month'].includes(frequency)) throw new InputError('invalid frequency', [{ column: 'frequency', value: changes.frequency, reason: 'must be day, week or month' }]);
  const params = changes.params !== undefined || changes.frequency !== undefined
    ? checkParams(rule.kind, { ...rule.params, ...(changes.frequency !== undefined && changes.params === undefined ? { lookback: undefined } : {}), ...(changes.params as object ?? {}) }, frequency)
    : rule.params;
  await db.query(
    `UPDATE alert_rules SET name = $2, params = $3, enabled = $4, frequency = $5, updated_at = now() WHERE id = $1`,
    [id, changes.name?.trim() || rule.name, JSON.stringify(params), changes.enabled ?? rule.enabled, frequency],
  );
  return getRule(db, actor, id);
}

export async function deleteRule(db: Db, actor: Actor, id: string): Promise<void> {
  await getRule(db, actor, id);
  await db.query('DELETE FROM alert_rules WHERE id = $1', [id]);
}

/** On the first scan ever: weekly anomaly rules per team for the headline KPIs, owned by the team's manager. */
export async function ensureDefaultRules(db: Db): Promise<number> {
  const done = await db.query(`SELECT 1 FROM settings WHERE key = 'alert_default_rules'`);
  if (done.rows.length) return 0;
  const teams = await db.query<{ id: string; name: string; manager_id: string | null }>('SELECT id, name, manager_id FROM teams ORDER BY name, id');
  let created = 0;
  for (const team of teams.rows) {
    for (const kpi of DEFAULT_KPIS) {
      const label = kpiDefinition(kpi)!.label.en;
      const result = await db.query(
        `INSERT INTO alert_rules (name, kpi, scope, scope_id, frequency, kind, params, owner_id, is_default)
         VALUES ($1, $2, 'team', $3, 'week', 'anomaly', $4, $5, true) ON CONFLICT DO NOTHING`,
        [`${label} anomaly (${team.name}, week)`, kpi, team.id, JSON.stringify(checkParams('anomaly', {}, 'week')), team.manager_id],
      );
      created += result.rowCount;
    }
  }
  await db.query(`INSERT INTO settings (key, value) VALUES ('alert_default_rules', $1) ON CONFLICT (key) DO NOTHING`, [JSON.stringify({ created, at: new Date().toISOString() })]);
  return created;
}
