// Resolves reference values in import files ("Acme Corp", "ana@example.com", an external id or
// a SalesBloom id) to row ids, matching like column names: case- and punctuation-insensitively.
import type { IssueCode } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import { normalizeName } from '../crm/fields.ts';
import { ENTITIES, type EntityName } from '../crm/entities.ts';

const AMBIGUOUS = Symbol('ambiguous');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Resolved = { ok: true; id: string } | { ok: false; reason: string; code: IssueCode; params: Record<string, string> };

export class ReferenceResolver {
  private index?: Map<string, string | typeof AMBIGUOUS>;
  private ids?: Set<string>;

  constructor(private readonly db: Db, readonly entity: EntityName) {}

  async load(): Promise<void> {
    const def = ENTITIES[this.entity];
    const fields = def.lookup;
    const { rows } = await this.db.query<Record<string, string | null>>(`SELECT id, ${fields.join(', ')} FROM ${this.entity}`);
    const index = new Map<string, string | typeof AMBIGUOUS>();
    const ids = new Set<string>();
    // Earlier lookup fields win: an external id match beats a name match.
    for (const field of [...fields].reverse()) {
      const seen = new Map<string, string | typeof AMBIGUOUS>();
      for (const row of rows) {
        const value = row[field];
        if (value === null || value === undefined || value === '') continue;
        const key = normalizeName(String(value));
        const prev = seen.get(key);
        seen.set(key, prev && prev !== row.id ? AMBIGUOUS : String(row.id));
      }
      for (const [k, v] of seen) index.set(k, v);
    }
    for (const row of rows) ids.add(String(row.id));
    this.index = index;
    this.ids = ids;
  }

  resolve(raw: string): Resolved {
    if (!this.index || !this.ids) throw new Error('ReferenceResolver.load() must run first');
    const value = raw.trim();
    if (UUID.test(value) && this.ids.has(value.toLowerCase())) return { ok: true, id: value.toLowerCase() };
    const hit = this.index.get(normalizeName(value));
    if (hit === AMBIGUOUS) return { ok: false, reason: `matches more than one of ${this.entity}; use its external id`, code: 'ambiguous', params: { entity: this.entity } };
    if (!hit) return { ok: false, reason: `matches no row of ${this.entity} (by ${ENTITIES[this.entity].lookup.join(', ')})`, code: 'no_match', params: { entity: this.entity, lookup: ENTITIES[this.entity].lookup.join(', ') } };
    return { ok: true, id: hit };
  }
}
