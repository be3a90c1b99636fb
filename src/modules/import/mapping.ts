// Maps file columns to entity fields: by name, ignoring case and punctuation ("Lead Source" →
// source), by the field's known aliases, or by an explicit mapping file. Columns that match
// nothing become custom attributes.
import { readFileSync } from 'node:fs';
import { InputError } from '../../core/errors.ts';
import { attributeKey, normalizeName } from '../crm/fields.ts';
import { writableFields, type EntityDef, type FieldDef } from '../crm/entities.ts';

export type ColumnTarget =
  | { kind: 'field'; field: FieldDef }
  | { kind: 'attribute'; key: string; label: string }
  | { kind: 'ignore' };

/** `{"columns": {"CSV header": "field" | "attributes.key" | null}}`; null ignores the column. */
export interface MappingFile {
  columns?: Record<string, string | null>;
}

export function loadMappingFile(path: string): MappingFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError(`cannot read mapping file ${path}: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InputError(`mapping file ${path} must be a JSON object like {"columns": {"CSV header": "field"}}`);
  }
  const columns = (parsed as MappingFile).columns ?? (parsed as Record<string, string | null>);
  return { columns: columns as Record<string, string | null> };
}

/** Columns a file may carry that are never data (ids of this system, timestamps it sets). */
const SYSTEM_COLUMNS = new Set(['id', 'updatedat']);

export class ColumnMapper {
  private readonly byName = new Map<string, FieldDef>();
  private readonly cache = new Map<string, ColumnTarget>();
  private readonly explicit = new Map<string, string | null>();

  constructor(private readonly entity: EntityDef, mapping: MappingFile = {}) {
    for (const field of writableFields(entity)) {
      const names = [field.name, ...(field.aliases ?? [])];
      if (field.ref) names.push(field.name.replace(/_id$/, ''));
      for (const n of names) if (!this.byName.has(normalizeName(n))) this.byName.set(normalizeName(n), field);
    }
    // "<entity> id" columns (opportunity_id, order id) carry the external id.
    const externalId = writableFields(entity).find((f) => f.name === 'external_id');
    if (externalId) this.byName.set(normalizeName(`${entity.singular} id`), externalId);
    for (const [column, target] of Object.entries(mapping.columns ?? {})) this.explicit.set(normalizeName(column), target);
    this.validateExplicit();
  }

  private validateExplicit(): void {
    const fields = new Set(writableFields(this.entity).map((f) => f.name));
    for (const [column, target] of this.explicit) {
      if (target === null || target.startsWith('attributes.')) continue;
      if (!fields.has(target)) {
        throw new InputError(`mapping: "${target}" is not a field of ${this.entity.name}`, [
          { column, value: target, reason: `choose one of ${[...fields].join(', ')} or attributes.<key>` },
        ]);
      }
    }
  }

  target(header: string): ColumnTarget {
    let t = this.cache.get(header);
    if (!t) {
      t = this.resolve(header);
      this.cache.set(header, t);
    }
    return t;
  }

  private resolve(header: string): ColumnTarget {
    const key = normalizeName(header);
    if (this.explicit.has(key)) {
      const target = this.explicit.get(key);
      if (target === null || target === undefined) return { kind: 'ignore' };
      if (target.startsWith('attributes.')) return { kind: 'attribute', key: attributeKey(target.slice(11)), label: header };
      return { kind: 'field', field: writableFields(this.entity).find((f) => f.name === target)! };
    }
    if (SYSTEM_COLUMNS.has(key)) return { kind: 'ignore' };
    const field = this.byName.get(key);
    if (field) return { kind: 'field', field };
    return { kind: 'attribute', key: attributeKey(header), label: header };
  }

  /** Checks that no two columns land on the same field. */
  checkHeaders(headers: string[], label: string): void {
    const taken = new Map<string, string>();
    for (const h of headers) {
      const t = this.target(h);
      const name = t.kind === 'field' ? t.field.name : t.kind === 'attribute' ? `attributes.${t.key}` : null;
      if (!name) continue;
      const other = taken.get(name);
      if (other) {
        throw new InputError(`${label}: columns "${other}" and "${h}" both map to ${name}`, [
          { file: label, row: 1, column: h, reason: `also maps to ${name}; use --mapping to choose` },
        ]);
      }
      taken.set(name, h);
    }
  }
}
