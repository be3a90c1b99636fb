import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../cli/testing.ts';
import { connect, pgliteOf } from '../../db/client.ts';
import { createTestDb, type TestDb } from '../../db/testing.ts';
import { createUser } from '../auth/service.ts';

/**
 * The CLI opens the database itself, so it needs one another connection can reach: the test
 * database's URL on PostgreSQL; on PGlite, a copy of the in-memory test database written to a
 * data directory once (the commands then take about a second of CPU each).
 */
async function cliTarget(db: TestDb, dir: string): Promise<string[]> {
  const pglite = pgliteOf(db);
  if (!pglite) return ['--database-url', db.connection.databaseUrl ?? ''];
  const onDisk = await connect({ dataDir: join(dir, 'data'), loadDataDir: await pglite.dumpDataDir('none') });
  await onDisk.close();
  return ['--data-dir', join(dir, 'data')];
}

test('salesbloom tasks add, list and done', { timeout: 120_000 }, async () => {
  const db = await createTestDb();
  const dir = mkdtempSync(join(tmpdir(), 'salesbloom-tasks-cli-'));
  try {
    await createUser(db, { name: 'Ada Admin', email: 'ada@test.local', role: 'admin', password: 'password123' });
    const rep = await createUser(db, { name: 'Ana Rep', email: 'ana@test.local', role: 'rep', password: 'password123' });
    const target = await cliTarget(db, dir);

    const added = await runCli(['tasks', 'add', '--title', 'Call back', '--owner', 'ana@test.local', '--due', '2030-01-01', '--json', ...target]);
    assert.equal(added.code, 0, added.err);
    const task = JSON.parse(added.out);
    assert.equal(task.owner_id, rep.id);
    const done = await runCli(['tasks', 'done', task.id, '--user', 'ana@test.local', '--json', ...target]);
    assert.equal(done.code, 0, done.err);
    assert.ok(JSON.parse(done.out).completed_at);
    const text = await runCli(['tasks', 'list', '--user', 'ana@test.local', '--status', 'done', ...target]);
    assert.match(text.out, /done\s+normal\s+due 2030-01-01\s+Ana Rep: Call back/);
    const bad = await runCli(['tasks', 'add', '--title', 'x', '--priority', 'asap', ...target]);
    assert.equal(bad.code, 3);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
