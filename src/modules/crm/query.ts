// Parses list query strings: ?status=new&amount[gte]=1000&sort=-amount&limit=100&cursor=…
import { InputError, type InputIssue } from '../../core/errors.ts';
import { fieldOf, type EntityDef } from './entities.ts';
import { coerce } from './fields.ts';
import { FILTER_OPS, type Filter, type FilterOp, type ListQuery } from './repository.ts';
import { coerceField } from './values.ts';

const RESERVED = new Set(['limit', 'cursor', 'sort']);
const KEY = /^([a-z_]+)(?:\[([a-z]+)\])?$/;

export function parseListQuery(entity: EntityDef, query: Record<string, string | string[] | undefined>): ListQuery {
  const issues: InputIssue[] = [];
  const filters: Filter[] = [];
  for (const [key, rawValue] of Object.entries(query)) {
    if (RESERVED.has(key) || rawValue === undefined) continue;
    const value = Array.isArray(rawValue) ? rawValue[rawValue.length - 1] : rawValue;
    const m = KEY.exec(key);
    const field = m ? fieldOf(entity, m[1]) : undefined;
    if (!m || !field) {
      issues.push({ column: key, reason: `is not a field of ${entity.name}` });
      continue;
    }
    const op = (m[2] ?? 'eq') as FilterOp;
    if (!FILTER_OPS.includes(op)) {
      issues.push({ column: key, reason: `unknown operator ${op} (use ${FILTER_OPS.join(', ')})` });
      continue;
    }
    if (field.type === 'json' && op !== 'null') {
      issues.push({ column: key, reason: 'JSON fields can only be filtered with [null]' });
      continue;
    }
    if (op === 'null') {
      const b = coerce('boolean', value);
      if (!b.ok || b.value === null) issues.push({ column: key, value, reason: 'must be true or false' });
      else filters.push({ field: field.name, op, value: b.value });
    } else if (op === 'contains') {
      filters.push({ field: field.name, op, value });
    } else if (op === 'in') {
      const parts = value.split(',').map((p) => coerceField(field, p));
      const bad = parts.find((p) => !p.ok);
      if (bad && !bad.ok) issues.push({ column: key, value, reason: bad.reason });
      else filters.push({ field: field.name, op, value: parts.map((p) => (p.ok ? String(p.value) : '')) });
    } else {
      const typed = coerceField(field, value);
      if (!typed.ok || typed.value === null) issues.push({ column: key, value, reason: typed.ok ? 'needs a value (use [null]=true for empty)' : typed.reason });
      else filters.push({ field: field.name, op, value: typed.value });
    }
  }
  const sort = typeof query.sort === 'string' ? query.sort : undefined;
  if (sort !== undefined) {
    const name = sort.startsWith('-') ? sort.slice(1) : sort;
    const field = fieldOf(entity, name);
    if (!field || field.type === 'json' || field.type === 'tags') issues.push({ column: 'sort', value: sort, reason: 'is not a sortable field' });
  }
  const limit = typeof query.limit === 'string' ? Number(query.limit) : undefined;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 1000)) {
    issues.push({ column: 'limit', value: query.limit, reason: 'must be a whole number from 1 to 1000' });
  }
  if (issues.length) throw new InputError('invalid query', issues);
  return { filters, sort, limit, cursor: typeof query.cursor === 'string' ? query.cursor : undefined };
}
