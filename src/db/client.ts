// One database interface over two backends that speak the same SQL: embedded PGlite
// (the default, data in a directory) and a PostgreSQL server (when DATABASE_URL is set).
// Both return the same JavaScript types: numeric and bigint as number, date as 'YYYY-MM-DD',
// timestamptz as Date, jsonb as parsed JSON.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { UnavailableError } from '../core/errors.ts';

export type Row = Record<string, unknown>;

export interface QueryResult<T = Row> {
  rows: T[];
  rowCount: number;
}

export interface Db {
  readonly kind: 'pglite' | 'postgres';
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs several statements with no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Bulk-loads CSV text (PostgreSQL CSV format, no header) into a table with COPY: the fastest
   * way in on both backends. Inside a transaction it joins that transaction.
   */
  copyCsv(table: string, columns: readonly string[], csv: string | Uint8Array): Promise<void>;
  /** Runs fn in one transaction: commits if it resolves, rolls back if it throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * Work for after the commit of the transaction this Db belongs to (at once when it belongs to
   * none): slow calls that must not hold row locks, or signals that must not run ahead of the
   * data they announce. Dropped on rollback. The committing call awaits it; a failure is
   * reported as a warning and does not undo the commit.
   */
  afterCommit(task: () => Promise<void> | void): void;
  close(): Promise<void>;
}

const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082 } as const;
const toNumber = (v: string) => Number(v);
const asIs = (v: string) => v;

export interface ConnectOptions {
  /** postgres://… connection string; when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite data directory; 'memory://' for an in-memory database. */
  dataDir?: string;
  /** PGlite only: start from this data-directory tarball (see PGlite.dumpDataDir). */
  loadDataDir?: Blob;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
}

export async function connect(options: ConnectOptions): Promise<Db> {
  if (options.databaseUrl) return connectPostgres(options.databaseUrl, options.maxConnections ?? 10);
  return connectPglite(options.dataDir ?? './salesbloom-data', options.loadDataDir);
}

// ---------- PGlite ----------

async function connectPglite(dataDir: string, loadDataDir?: Blob): Promise<Db> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir, {
      loadDataDir,
      extensions: { vector }, // pgvector, loaded only when a migration creates the extension
      parsers: { [OID.INT8]: toNumber, [OID.NUMERIC]: toNumber, [OID.DATE]: asIs },
    });
  } catch (error) {
    throw new UnavailableError(
      `cannot open the embedded database in ${dataDir}: ${(error as Error).message}. ` +
        'Is another salesbloom process using it? Use --data-dir to choose another directory.',
    );
  }
  return pgliteDb(db, db);
}

/** The PGlite instance behind a Db, for PGlite-only operations such as dumpDataDir. */
export function pgliteOf(db: Db): PGlite | undefined {
  return (db as { pglite?: PGlite }).pglite;
}

type PgliteRunner = Pick<PGlite, 'query' | 'exec'>;

function pgliteDb(runner: PgliteRunner, root: PGlite, pending?: AfterCommit[]): Db & { pglite: PGlite } {
  return {
    kind: 'pglite',
    pglite: root,
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await runner.query<T>(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(sql: string) {
      await runner.exec(sql);
    },
    async copyCsv(table: string, columns: readonly string[], csv: string | Uint8Array) {
      await runner.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob([csv]) });
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      if (runner !== root) return fn(this); // already inside a transaction: join it
      const tasks: AfterCommit[] = [];
      const result = await root.transaction((tx) => fn(pgliteDb(tx as unknown as PgliteRunner, root, tasks))) as T;
      await runAfterCommit(tasks);
      return result;
    },
    afterCommit(task) {
      if (pending) pending.push(task);
      else void runAfterCommit([task]);
    },
    async close() {
      if (runner === root && !root.closed) await root.close();
    },
  };
}

// ---------- PostgreSQL ----------

const pgTypes = {
  getTypeParser(oid: number, format?: string) {
    if (oid === OID.INT8 || oid === OID.NUMERIC) return toNumber;
    if (oid === OID.DATE) return asIs;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

async function connectPostgres(url: string, max: number): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max, types: pgTypes as pg.CustomTypesConfig });
  pool.on('error', () => {
    /* idle client errors surface on the next query */
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new UnavailableError(`cannot connect to PostgreSQL at ${redactUrl(url)}: ${(error as Error).message}`);
  }
  return poolDb(pool);
}

function poolDb(pool: pg.Pool): Db {
  return {
    kind: 'postgres',
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await pool.query(sql, params as unknown[]);
      return { rows: result.rows as T[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async copyCsv(table: string, columns: readonly string[], csv: string | Uint8Array) {
      const client = await pool.connect();
      try {
        await copyInto(client, table, columns, csv);
      } finally {
        client.release();
      }
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let released = false;
      try {
        await client.query('BEGIN');
        const tasks: AfterCommit[] = [];
        const result = await fn(clientDb(client, tasks));
        await client.query('COMMIT');
        client.release();
        released = true;
        await runAfterCommit(tasks);
        return result;
      } catch (error) {
        if (!released) await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        if (!released) client.release();
      }
    },
    afterCommit(task) {
      void runAfterCommit([task]);
    },
    async close() {
      await pool.end();
    },
  };
}

function clientDb(client: pg.PoolClient, pending: AfterCommit[]): Db {
  return {
    kind: 'postgres',
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query(sql, params as unknown[]);
      return { rows: result.rows as T[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    copyCsv(table: string, columns: readonly string[], csv: string | Uint8Array) {
      return copyInto(client, table, columns, csv);
    },
    transaction<T>(fn: (tx: Db) => Promise<T>) {
      return fn(this); // nested: join the open transaction
    },
    afterCommit(task) {
      pending.push(task);
    },
    async close() {},
  };
}

type AfterCommit = () => Promise<void> | void;

async function runAfterCommit(tasks: AfterCommit[]): Promise<void> {
  for (const task of tasks) {
    try {
      await task();
    } catch (error) {
      process.emitWarning(`after-commit task failed: ${(error as Error).message}`);
    }
  }
}

async function copyInto(client: pg.PoolClient, table: string, columns: readonly string[], csv: string | Uint8Array): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`));
  await new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
    stream.end(csv);
  });
}

/** Hides the password in a connection string for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}
