// Typed values for entity fields: enumerations, defaults and coercion in one place,
// shared by the API (JSON bodies) and the importer (CSV cells).
import { coerce, normalizeName, type Coerced } from './fields.ts';
import type { FieldDef } from './entities.ts';

const enumIndex = new WeakMap<FieldDef, Map<string, string>>();

function enumLookup(field: FieldDef): Map<string, string> {
  let index = enumIndex.get(field);
  if (!index) {
    index = new Map();
    for (const v of field.values ?? []) index.set(normalizeName(v), v);
    for (const [k, v] of Object.entries(field.synonyms ?? {})) index.set(normalizeName(k), v);
    enumIndex.set(field, index);
  }
  return index;
}

/** Coerces a raw value for a field; enumerations accept any case, spacing and known synonyms. */
export function coerceField(field: FieldDef, raw: unknown): Coerced {
  const result = coerce(field.type, raw);
  if (!result.ok || result.value === null || !field.values) return result;
  const canonical = enumLookup(field).get(normalizeName(String(result.value)));
  return canonical
    ? { ok: true, value: canonical }
    : { ok: false, reason: `is not one of ${field.values.join(', ')}`, code: 'not_one_of', params: { values: field.values.join(', ') } };
}

/** The value to store when the input leaves a field empty (its default, else null). */
export function defaultFor(field: FieldDef): unknown {
  return field.default === undefined ? null : structuredClone(field.default);
}
