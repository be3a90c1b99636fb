// Fresh, isolated databases for tests, on whichever backend the run targets:
// PostgreSQL when DATABASE_URL is set (a new database per call), else an in-memory PGlite
// restored from a migrated template (initdb takes seconds; restoring a template does not).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connect, pgliteOf, type Db } from './client.ts';
import { listMigrations, migrate } from './migrate.ts';

export interface TestDb extends Db {
  /** Connection options that reach this same database from another process. */
  readonly connection: { databaseUrl?: string; dataDir?: string };
}

export async function createTestDb(): Promise<TestDb> {
  return process.env.DATABASE_URL ? createPostgresTestDb(process.env.DATABASE_URL) : createPgliteTestDb();
}

function schemaHash(): string {
  const h = createHash('sha256');
  for (const m of listMigrations()) h.update(m.name).update(m.sql);
  return h.digest('hex').slice(0, 16);
}

async function pgliteTemplate(): Promise<Blob> {
  const path = join(tmpdir(), `salesbloom-template-${schemaHash()}.tar`);
  if (!existsSync(path)) {
    const template = await connect({ dataDir: 'memory://' });
    await migrate(template);
    const tarball = await pgliteOf(template)!.dumpDataDir('none');
    await template.close();
    const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(tmp, Buffer.from(await tarball.arrayBuffer()));
    renameSync(tmp, path); // atomic: parallel test files never read a half-written template
  }
  return new Blob([readFileSync(path)]);
}

async function createPgliteTestDb(): Promise<TestDb> {
  const db = await connect({ dataDir: 'memory://', loadDataDir: await pgliteTemplate() });
  await migrate(db); // no-op unless the template is stale
  return Object.assign(db, { connection: {} });
}

async function createPostgresTestDb(url: string): Promise<TestDb> {
  const name = `sb_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const databaseUrl = u.toString();
  const db = await connect({ databaseUrl, maxConnections: 20 });
  await migrate(db);
  const close = db.close.bind(db);
  return Object.assign(db, {
    connection: { databaseUrl },
    async close() {
      await close();
      const drop = new pg.Client({ connectionString: url });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await drop.end();
    },
  });
}
