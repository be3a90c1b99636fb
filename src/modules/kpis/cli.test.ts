import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../cli/testing.ts';
import { connect, pgliteOf } from '../../db/client.ts';
import { createTestDb, type TestDb } from '../../db/testing.ts';
import { createUser } from '../auth/service.ts';

/** The test database as the CLI reaches it: its URL on PostgreSQL, an on-disk copy on PGlite. */
async function cliTarget(db: TestDb, dir: string): Promise<string[]> {
  const pglite = pgliteOf(db);
  if (!pglite) return ['--database-url', db.connection.databaseUrl ?? ''];
  const onDisk = await connect({ dataDir: join(dir, 'data'), loadDataDir: await pglite.dumpDataDir('none') });
  await onDisk.close();
  return ['--data-dir', join(dir, 'data')];
}

test('salesbloom kpis catalog and show: series per month, scope by role, bad input exits 3', { timeout: 120_000 }, async () => {
  const catalog = await runCli(['kpis', 'catalog', '--json']);
  assert.equal(catalog.code, 0, catalog.err);
  assert.ok(JSON.parse(catalog.out).data.some((k: { key: string }) => k.key === 'bookings'));

  const db = await createTestDb();
  const dir = mkdtempSync(join(tmpdir(), 'salesbloom-kpis-cli-'));
  try {
    await createUser(db, { name: 'Ada Admin', email: 'ada@test.local', role: 'admin', password: 'password123' });
    const ana = await createUser(db, { name: 'Ana Rep', email: 'ana@test.local', role: 'rep', password: 'password123' });
    const bo = await createUser(db, { name: 'Bo Rep', email: 'bo@test.local', role: 'rep', password: 'password123' });
    const opp = (owner: string, stage: string, amount: number, opened: string, closed: string | null) =>
      db.query('INSERT INTO opportunities (name, owner_id, stage, amount, opened_at, closed_at) VALUES ($1, $2, $3, $4, $5, $6)', [`${stage} ${amount}`, owner, stage, amount, opened, closed]);
    await opp(ana.id, 'won', 1000, '2026-01-01T00:00:00Z', '2026-01-10T00:00:00Z');
    await opp(ana.id, 'won', 3000, '2025-12-21T00:00:00Z', '2026-02-20T00:00:00Z');
    await opp(ana.id, 'lost', 500, '2026-01-15T00:00:00Z', '2026-02-05T00:00:00Z');
    await opp(bo.id, 'won', 7000, '2025-12-01T00:00:00Z', '2026-01-05T00:00:00Z');
    const target = await cliTarget(db, dir);

    // The admin sees the company: January 1,000 + 7,000, February 3,000, March nothing.
    const company = await runCli(['kpis', 'show', '--kpi', 'bookings', '--from', '2026-01-01', '--to', '2026-03-31', '--json', ...target]);
    assert.equal(company.code, 0, company.err);
    const c = JSON.parse(company.out);
    assert.equal(c.scope, 'company');
    assert.deepEqual(c.series.map((p: { value: number | null }) => p.value), [8000, 3000, 0]);
    // A rep sees themselves only, by default; the text report lists the months.
    const mine = await runCli(['kpis', 'show', '--kpi', 'win_rate', '--user', 'ana@test.local', '--from', '2026-01-01', '--to', '2026-02-28', ...target]);
    assert.equal(mine.code, 0, mine.err);
    assert.match(mine.out, /Win rate \(ratio\) for Ana Rep, per month/);
    assert.match(mine.out, /2026-01-01\s+1\n\s+2026-02-01\s+0\.5/);
    const other = await runCli(['kpis', 'show', '--kpi', 'bookings', '--user', 'ana@test.local', '--scope', 'rep', '--id', bo.id, ...target]);
    assert.notEqual(other.code, 0);
    const bad = await runCli(['kpis', 'show', '--kpi', 'happiness', ...target]);
    assert.equal(bad.code, 3);
    assert.match(bad.err, /happiness/);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
