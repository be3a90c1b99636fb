// Bulk inserts: a batch of rows travels as one JSON parameter and is unpacked by
// json_to_recordset, one statement per few thousand rows (the fastest path on PGlite, and the
// same SQL on PostgreSQL). json rather than jsonb: the batch is read once, so converting it
// to jsonb first is wasted work.
import type { Db } from '../../db/client.ts';

export type ColumnType = 'uuid' | 'text' | 'integer' | 'numeric' | 'boolean' | 'timestamptz' | 'date' | 'jsonb' | 'text[]';

export interface TableSpec {
  table: string;
  columns: Readonly<Record<string, ColumnType>>;
}

export type DemoRow = Record<string, unknown>;

/** Rows per statement; smaller for tables whose rows carry transcripts. */
const DEFAULT_BATCH = 2000;

export async function insertRows(db: Db, spec: TableSpec, rows: readonly DemoRow[], batch = DEFAULT_BATCH): Promise<number> {
  if (rows.length === 0) return 0;
  const names = Object.keys(spec.columns);
  const defs = names.map((c) => `${c} ${spec.columns[c]}`).join(', ');
  const sql = `INSERT INTO ${spec.table} (${names.join(', ')}) SELECT ${names.join(', ')} FROM json_to_recordset($1::json) AS x(${defs})`;
  for (let i = 0; i < rows.length; i += batch) {
    await db.query(sql, [JSON.stringify(rows.slice(i, i + batch))]);
  }
  return rows.length;
}
