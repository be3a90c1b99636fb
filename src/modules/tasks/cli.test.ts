import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../../cli/testing.ts';
import { createTestDb } from '../../db/testing.ts';
import { createUser } from '../auth/service.ts';

// The CLI opens the database itself, so it needs a database another connection can reach. An
// on-disk PGlite costs ~10 s per command on the shared 2-core machine (minutes per file); the
// services behind these commands are tested through the API on PGlite, the commands on PostgreSQL.
const pgliteOnly = !process.env.DATABASE_URL && 'CLI over an on-disk PGlite is too slow here; runs with DATABASE_URL';

test('salesbloom tasks add, list and done', { skip: pgliteOnly, timeout: 120_000 }, async () => {
  const db = await createTestDb();
  try {
    await createUser(db, { name: 'Ada Admin', email: 'ada@test.local', role: 'admin', password: 'password123' });
    const rep = await createUser(db, { name: 'Ana Rep', email: 'ana@test.local', role: 'rep', password: 'password123' });
    const target = ['--database-url', db.connection.databaseUrl ?? ''];

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
  }
});
