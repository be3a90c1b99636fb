// Generic, access-checked CRUD over any entity in the registry. All identifiers in the SQL come
// from the registry, never from input; every input value travels as a bound parameter.
import { timeOrderedId } from '../../db/ids.ts';
import { ForbiddenError, InputError, NotFoundError, type InputIssue } from '../../core/errors.ts';
import type { Db, Row } from '../../db/client.ts';
import { assignableOwners, scopePredicate, type Actor } from './access.ts';
import { writeAudit } from './audit.ts';
import { fieldOf, writableFields, type EntityDef, type FieldDef } from './entities.ts';
import { coerceField, defaultFor } from './values.ts';

export type Filter = { field: string; op: FilterOp; value: unknown };
export type FilterOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'contains' | 'null';
export const FILTER_OPS: readonly FilterOp[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'contains', 'null'];

export interface ListQuery {
  filters?: Filter[];
  /** A field name, '-' prefixed for descending. */
  sort?: string;
  limit?: number;
  cursor?: string;
}

export interface Page<T = Row> {
  data: T[];
  next_cursor: string | null;
}

export interface WriteContext {
  requestId?: string;
}

const OPS: Record<Exclude<FilterOp, 'in' | 'contains' | 'null'>, string> = {
  eq: '=',
  ne: '<>',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
};

const column = (f: FieldDef) => `t.${f.name}`;

function selectList(entity: EntityDef): string {
  return entity.fields.map((f) => column(f)).join(', ');
}

/** Validates and types an API body; unknown fields and wrong types are 400s, listed together. */
export function parseBody(entity: EntityDef, body: unknown, mode: 'create' | 'update', extraAllowed: string[] = []): Row {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError(`the request body must be a JSON object of ${entity.singular} fields`);
  }
  const issues: InputIssue[] = [];
  const out: Row = {};
  for (const [key, raw] of Object.entries(body)) {
    if (extraAllowed.includes(key)) {
      out[key] = raw;
      continue;
    }
    const field = fieldOf(entity, key);
    if (!field) {
      issues.push({ column: key, reason: `is not a field of ${entity.name}` });
      continue;
    }
    if (field.readOnly) {
      if (key !== 'id') issues.push({ column: key, value: raw, reason: 'is set by the system and cannot be written' });
      continue;
    }
    const typed = coerceField(field, raw);
    if (!typed.ok) issues.push({ column: key, value: raw, reason: typed.reason });
    else out[key] = typed.value;
  }
  if (mode === 'create') {
    for (const field of writableFields(entity)) {
      if (out[field.name] === undefined || out[field.name] === null) {
        if (field.required) issues.push({ column: field.name, reason: 'is required' });
        else if (field.default !== undefined) out[field.name] = defaultFor(field);
      }
    }
  } else {
    for (const field of writableFields(entity)) {
      if (out[field.name] === null && field.required) issues.push({ column: field.name, reason: 'cannot be empty' });
      if (out[field.name] === null && field.default !== undefined) out[field.name] = defaultFor(field);
    }
  }
  if (issues.length) throw new InputError(`invalid ${entity.singular}`, issues);
  return out;
}

function encodeCursor(value: unknown, id: string): string {
  const v = value instanceof Date ? value.toISOString() : value;
  return Buffer.from(JSON.stringify([v ?? null, id])).toString('base64url');
}

function decodeCursor(cursor: string): [unknown, string] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string') return parsed as [unknown, string];
  } catch {
    /* fall through */
  }
  throw new InputError('invalid cursor', [{ column: 'cursor', value: cursor, reason: 'is not a cursor returned by this API' }]);
}

function serialize(v: unknown): unknown {
  return v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v;
}

/** A write the repository just made, inside its transaction (tx), before commit. */
export interface WriteEvent {
  entity: EntityDef;
  action: 'create' | 'update' | 'delete';
  actor: Actor;
  before: Row | null;
  after: Row | null;
  tx: Db;
}
export type WriteListener = (event: WriteEvent) => Promise<void>;

export class Repository {
  /** Capabilities that react to CRM writes (e.g. lead scoring scores a lead on create and update). */
  private readonly listeners: WriteListener[] = [];
  constructor(readonly db: Db) {}

  onWrite(listener: WriteListener): void {
    this.listeners.push(listener);
  }

  private async emit(event: WriteEvent): Promise<void> {
    for (const listener of this.listeners) await listener(event);
  }

  /** How many rows the actor may see that match the filters (the list's scope and filters, no paging). */
  async count(entity: EntityDef, actor: Actor, query: ListQuery): Promise<number> {
    const { where, params } = this.filtered(entity, actor, query);
    const { rows } = await this.db.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${entity.name} t WHERE ${where.join(' AND ')}`, params);
    return Number(rows[0].n);
  }

  /** The WHERE terms of a list: the actor's row scope and the query's filters. */
  private filtered(entity: EntityDef, actor: Actor, query: ListQuery): { where: string[]; params: unknown[] } {
    const params: unknown[] = [];
    const where: string[] = [];
    const scope = scopePredicate(entity, actor, 't', params.length + 1);
    where.push(scope.sql);
    params.push(...scope.params);

    for (const filter of query.filters ?? []) {
      const field = fieldOf(entity, filter.field)!;
      const col = column(field);
      if (filter.op === 'null') {
        where.push(filter.value ? `${col} IS NULL` : `${col} IS NOT NULL`);
      } else if (filter.op === 'in') {
        params.push(filter.value);
        where.push(`${col}::text = ANY($${params.length}::text[])`);
      } else if (filter.op === 'contains') {
        params.push(`%${String(filter.value).replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
        where.push(`${col}::text ILIKE $${params.length}`);
      } else {
        params.push(serialize(filter.value));
        where.push(`${col} ${OPS[filter.op]} $${params.length}`);
      }
    }
    return { where, params };
  }

  async list(entity: EntityDef, actor: Actor, query: ListQuery): Promise<Page> {
    const { where, params } = this.filtered(entity, actor, query);

    const sortSpec = query.sort ?? entity.defaultSort;
    const desc = sortSpec.startsWith('-');
    const sortField = fieldOf(entity, desc ? sortSpec.slice(1) : sortSpec)!;
    const sortCol = column(sortField);
    if (query.cursor) {
      const [value, id] = decodeCursor(query.cursor);
      params.push(id);
      const idParam = `$${params.length}`;
      if (sortField.name === 'id') {
        where.push(`t.id ${desc ? '<' : '>'} ${idParam}`);
      } else if (value === null) {
        where.push(`(${sortCol} IS NULL AND t.id > ${idParam})`);
      } else {
        params.push(value);
        const v = `$${params.length}`;
        where.push(`((${sortCol} IS NOT NULL AND (${sortCol} ${desc ? '<' : '>'} ${v} OR (${sortCol} = ${v} AND t.id > ${idParam}))) OR ${sortCol} IS NULL)`);
      }
    }
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 1000);
    const order = sortField.name === 'id'
      ? `t.id ${desc ? 'DESC' : 'ASC'}`
      : `${sortCol} ${desc ? 'DESC' : 'ASC'} NULLS LAST, t.id ASC`;
    const { rows } = await this.db.query(
      `SELECT ${selectList(entity)} FROM ${entity.name} t WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${limit + 1}`,
      params,
    );
    const more = rows.length > limit;
    const data = more ? rows.slice(0, limit) : rows;
    const last = data[data.length - 1];
    return { data, next_cursor: more && last ? encodeCursor(last[sortField.name], String(last.id)) : null };
  }

  async get(entity: EntityDef, actor: Actor, id: string, db: Db = this.db, lock = false): Promise<Row> {
    const scope = scopePredicate(entity, actor, 't', 2);
    const { rows } = await db.query(
      `SELECT ${selectList(entity)} FROM ${entity.name} t WHERE t.id = $1 AND ${scope.sql}${lock ? ' FOR UPDATE' : ''}`,
      [id, ...scope.params],
    );
    if (!rows[0]) throw new NotFoundError(`${entity.singular} ${id} not found`);
    return rows[0];
  }

  /** Creates a row from an already-parsed body (see parseBody). */
  async create(entity: EntityDef, actor: Actor, data: Row, ctx: WriteContext = {}, db: Db = this.db): Promise<Row> {
    return db.transaction(async (tx) => {
      const row = { ...data };
      // Every row gets an external id, so exports re-import as updates, never as duplicates.
      row.id = timeOrderedId(); // time-ordered, like the database's default (migration 010)
      row.external_id ??= row.id;
      await this.checkOwner(tx, entity, actor, row, true);
      const names = Object.keys(row).filter((k) => fieldOf(entity, k));
      const values = names.map((n) => serialize(row[n]));
      const { rows } = await tx.query(
        `INSERT INTO ${entity.name} AS t (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})
         RETURNING ${selectList(entity)}`,
        values,
      );
      const created = rows[0];
      if (entity.name === 'opportunities') await recordStage(tx, String(created.id), null, String(created.stage), actor);
      await writeAudit(tx, actor, { action: 'create', entity: entity.name, entityId: String(created.id), after: created, requestId: ctx.requestId });
      await this.emit({ entity, action: 'create', actor, before: null, after: created, tx });
      return created;
    });
  }

  async update(entity: EntityDef, actor: Actor, id: string, patch: Row, ctx: WriteContext = {}, db: Db = this.db): Promise<Row> {
    return db.transaction(async (tx) => {
      const before = await this.get(entity, actor, id, tx, true);
      await this.checkOwner(tx, entity, actor, patch, false);
      const names = Object.keys(patch).filter((k) => fieldOf(entity, k));
      if (names.length === 0) return before;
      const sets = names.map((n, i) => `${n} = $${i + 2}`);
      if (entity.name === 'knowledge_articles') sets.push('version = t.version + 1');
      const { rows } = await tx.query(
        `UPDATE ${entity.name} AS t SET ${sets.join(', ')}, updated_at = now() WHERE t.id = $1 RETURNING ${selectList(entity)}`,
        [id, ...names.map((n) => serialize(patch[n]))],
      );
      const after = rows[0];
      if (entity.name === 'opportunities' && before.stage !== after.stage) {
        await recordStage(tx, id, String(before.stage), String(after.stage), actor);
      }
      await writeAudit(tx, actor, { action: 'update', entity: entity.name, entityId: id, before, after, requestId: ctx.requestId });
      await this.emit({ entity, action: 'update', actor, before, after, tx });
      return after;
    });
  }

  async remove(entity: EntityDef, actor: Actor, id: string, ctx: WriteContext = {}): Promise<void> {
    await this.db.transaction(async (tx) => {
      const before = await this.get(entity, actor, id, tx, true);
      await tx.query(`DELETE FROM ${entity.name} WHERE id = $1`, [id]);
      await writeAudit(tx, actor, { action: 'delete', entity: entity.name, entityId: id, before, requestId: ctx.requestId });
      await this.emit({ entity, action: 'delete', actor, before, after: null, tx });
    });
  }

  /** Owner-scoped rows: reps own what they create; nobody assigns rows outside their scope. */
  private async checkOwner(db: Db, entity: EntityDef, actor: Actor, row: Row, creating: boolean): Promise<void> {
    if (!entity.ownerScoped) return;
    if (creating && (row.owner_id === undefined || row.owner_id === null) && actor.role !== 'admin') row.owner_id = actor.id;
    if (row.owner_id === undefined || row.owner_id === null) return;
    const allowed = await assignableOwners(db, actor);
    if (allowed && !allowed.has(String(row.owner_id))) {
      throw new ForbiddenError(`you cannot assign a ${entity.singular} to that owner`);
    }
    if (!allowed) {
      const { rows } = await db.query('SELECT 1 FROM users WHERE id = $1', [row.owner_id]);
      if (!rows[0]) throw new InputError('unknown owner', [{ column: 'owner_id', value: row.owner_id, reason: 'is not a user' }]);
    }
  }
}

async function recordStage(db: Db, opportunityId: string, from: string | null, to: string, actor: Actor | null): Promise<void> {
  await db.query(
    'INSERT INTO opportunity_stage_history (opportunity_id, from_stage, to_stage, changed_by) VALUES ($1, $2, $3, $4)',
    [opportunityId, from, to, actor?.id ?? null],
  );
}
