// Streams an entity out as CSV or JSON Lines, in pages, so memory stays flat.
// The output re-imports as "no change": references are ids, custom attributes are columns
// named as they were imported.
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Db } from '../../db/client.ts';
import { ENTITIES, type EntityName } from '../crm/entities.ts';

const PAGE = 5000;

export async function exportEntity(db: Db, entityName: EntityName, format: 'csv' | 'jsonl', out: Writable): Promise<number> {
  const entity = ENTITIES[entityName];
  const fields = entity.fields.filter((f) => f.name !== 'attributes').map((f) => f.name);
  const { rows: defs } = await db.query<{ key: string; label: string }>('SELECT key, label FROM field_definitions WHERE entity = $1 ORDER BY key', [entityName]);
  const header = [...fields, ...defs.map((d) => d.label)];
  const csv = format === 'csv' ? stringify({ header: true, columns: header, cast: { date: (d) => d.toISOString(), boolean: (b) => String(b) } }) : null;
  const done = csv ? new Promise<void>((resolve, reject) => csv.on('end', resolve).on('error', reject)) : null;
  csv?.pipe(out, { end: false });
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
  };

  let after: string | null = null;
  let count = 0;
  for (;;) {
    const { rows }: { rows: Record<string, unknown>[] } = await db.query<Record<string, unknown>>(
      `SELECT ${fields.join(', ')}, attributes FROM ${entityName} WHERE ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT ${PAGE}`,
      [after],
    );
    for (const row of rows) {
      const attributes = (row.attributes ?? {}) as Record<string, unknown>;
      const flat: Record<string, unknown> = {};
      for (const f of fields) flat[f] = row[f];
      for (const d of defs) flat[d.label] = attributes[d.key] ?? null;
      if (csv) {
        const record = header.map((h) => {
          const v = flat[h];
          return v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v;
        });
        if (!csv.write(record)) await new Promise((r) => csv.once('drain', r));
      } else {
        await write(`${JSON.stringify(flat)}\n`);
      }
    }
    count += rows.length;
    if (rows.length < PAGE) break;
    after = String(rows[rows.length - 1].id);
  }
  if (csv) {
    csv.end();
    await done;
  }
  return count;
}
