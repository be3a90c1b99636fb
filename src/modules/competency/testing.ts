// A demo company for this capability's tests, generated once per plan and schema and then
// restored from a snapshot (on PGlite; PostgreSQL runs generate it afresh), so every test file
// can afford a company big enough for its statistics.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { connect, pgliteOf } from '../../db/client.ts';
import { listMigrations, migrate } from '../../db/migrate.ts';
import { createTestDb, type TestDb } from '../../db/testing.ts';
import { generateDemo } from '../demo/generate.ts';

export const DEMO_NOW = new Date('2025-06-15T12:00:00Z');
/** Enough reps for rank statistics and enough deals for off-policy intervals, fast to generate. */
export const TEAM_DEMO_PLAN = { reps: 14, leads: 2400, accounts: 160, orderMonths: 3 };
export const TEAM_DEMO_SEED = 11;

export async function teamDemoDb(): Promise<TestDb> {
  const h = createHash('sha256').update(JSON.stringify([TEAM_DEMO_SEED, TEAM_DEMO_PLAN, DEMO_NOW]));
  for (const m of listMigrations()) h.update(m.name).update(m.sql);
  for (const f of ['generate.ts', 'deals.ts', 'leads.ts', 'truth.ts', 'transcripts.ts']) h.update(readFileSync(new URL(`../demo/${f}`, import.meta.url)));
  const hash = h.digest('hex').slice(0, 16);
  if (process.env.DATABASE_URL) return postgresFromTemplate(process.env.DATABASE_URL, `sb_team_demo_${hash}`);
  const path = join(tmpdir(), `salesbloom-team-demo-${hash}.tar`);
  if (!existsSync(path)) {
    const db = await createTestDb();
    await generateDemo(db, { seed: TEAM_DEMO_SEED, size: 'small', now: DEMO_NOW, plan: TEAM_DEMO_PLAN });
    const tarball = await pgliteOf(db)!.dumpDataDir('none');
    await db.close();
    const tmp = `${path}.${process.pid}`;
    writeFileSync(tmp, Buffer.from(await tarball.arrayBuffer()));
    renameSync(tmp, path);
  }
  const db = await connect({ dataDir: 'memory://', loadDataDir: new Blob([readFileSync(path)]) });
  await migrate(db);
  return Object.assign(db, { connection: {} });
}

/** The demo company's admin, as an actor. */
export async function demoAdmin(db: TestDb): Promise<{ id: string; name: string; role: 'admin' }> {
  const { rows } = await db.query<{ id: string; name: string }>(`SELECT id, name FROM users WHERE role = 'admin' ORDER BY created_at LIMIT 1`);
  return { id: rows[0].id, name: rows[0].name, role: 'admin' };
}

/** On PostgreSQL: the demo is generated once into a template database; each test copies it. */
async function postgresFromTemplate(url: string, template: string): Promise<TestDb> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const dbUrl = (name: string) => {
    const u = new URL(url);
    u.pathname = `/${name}`;
    return u.toString();
  };
  try {
    const exists = async () => (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template])).rows.length > 0;
    if (!(await exists())) {
      // Built under a private name and renamed: parallel test files never see a half-built template.
      const building = `${template}_b${randomBytes(3).toString('hex')}`;
      await admin.query(`CREATE DATABASE ${building}`);
      const db = await connect({ databaseUrl: dbUrl(building), maxConnections: 5 });
      await migrate(db);
      await generateDemo(db, { seed: TEAM_DEMO_SEED, size: 'small', now: DEMO_NOW, plan: TEAM_DEMO_PLAN });
      await db.close();
      if (await exists()) await admin.query(`DROP DATABASE ${building}`);
      else await admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
    }
    const name = `sb_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    // Copying needs the template to be idle; another file may be copying it right now.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        break;
      } catch (error) {
        if (attempt > 50 || !/being accessed/.test((error as Error).message)) throw error;
        await new Promise((r) => setTimeout(r, 200 + 100 * Math.random()));
      }
    }
    const db = await connect({ databaseUrl: dbUrl(name), maxConnections: 20 });
    const close = db.close.bind(db);
    return Object.assign(db, {
      connection: { databaseUrl: dbUrl(name) },
      async close() {
        await close();
        const drop = new pg.Client({ connectionString: url });
        await drop.connect();
        await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
        await drop.end();
      },
    });
  } finally {
    await admin.end();
  }
}
