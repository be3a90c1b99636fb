// JSON Schemas for the entity API, derived from the registry: they document the API
// (OpenAPI) and reject malformed bodies (wrong JSON types, unknown fields) before any work.
import type { EntityDef, FieldDef } from './entities.ts';

type JsonSchema = Record<string, unknown>;

function fieldSchema(field: FieldDef): JsonSchema {
  const description = [field.description, field.values ? `One of: ${field.values.join(', ')}.` : '', field.ref ? `Id of a row in ${field.ref}.` : '']
    .filter(Boolean)
    .join(' ') || undefined;
  const base: JsonSchema = (() => {
    switch (field.type) {
      case 'text': return { type: ['string', 'null'], maxLength: 100_000 };
      case 'uuid': return { type: ['string', 'null'], format: 'uuid' };
      case 'integer': return { type: ['integer', 'null'] };
      case 'number': return { type: ['number', 'null'] };
      case 'boolean': return { type: ['boolean', 'null'] };
      case 'date': return { type: ['string', 'null'], format: 'date' };
      case 'timestamp': return { type: ['string', 'null'], format: 'date-time' };
      case 'tags': return { type: ['array', 'null'], items: { type: 'string' } };
      case 'json': return {};
    }
  })();
  return description ? { ...base, description } : base;
}

export function rowSchema(entity: EntityDef): JsonSchema {
  return {
    $id: `${entity.name}`,
    type: 'object',
    description: entity.description,
    properties: Object.fromEntries(entity.fields.map((f) => [f.name, fieldSchema(f)])),
    additionalProperties: false,
  };
}

export function writeSchema(entity: EntityDef, mode: 'create' | 'update', extra: Record<string, JsonSchema> = {}): JsonSchema {
  const writable = entity.fields.filter((f) => !f.readOnly);
  return {
    type: 'object',
    properties: { ...Object.fromEntries(writable.map((f) => [f.name, fieldSchema(f)])), ...extra },
    required: mode === 'create' ? writable.filter((f) => f.required).map((f) => f.name) : [],
    additionalProperties: false,
  };
}

export function pageSchema(entity: EntityDef): JsonSchema {
  return {
    type: 'object',
    properties: {
      data: { type: 'array', items: { $ref: `${entity.name}#` } },
      next_cursor: { type: ['string', 'null'], description: 'Pass as ?cursor= to get the next page; null on the last page.' },
    },
  };
}

export const listQuerySchema: JsonSchema = {
  type: 'object',
  properties: {
    limit: { type: 'string', pattern: '^[0-9]{1,4}$', description: 'Rows per page, 1–1000 (default 50).' },
    cursor: { type: 'string', maxLength: 2000 },
    sort: { type: 'string', maxLength: 100, description: 'A field name; prefix with - for descending.' },
  },
  additionalProperties: { type: 'string', maxLength: 10_000 },
  description: 'Filters: field=value, or field[op]=value with op one of eq, ne, gt, gte, lt, lte, in (comma-separated), contains, null (true/false).',
};
