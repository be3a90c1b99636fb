// The CLI: `calls analyze --file` without a database, and `write email` / `calls analyze
// --activity` / `calls behaviour` against a database the in-process CLI opens itself.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli as runCliNow } from '../../cli/testing.ts';
import { connect, pgliteOf, type Db } from '../../db/client.ts';
import { createTestDb } from '../../db/testing.ts';
import { createUser } from '../auth/service.ts';
import type { TestServer } from '../../api/testing.ts';
import { seedWriterWorld, type WriterWorld } from '../writer/test-fixture.ts';

/** Lets the test runner write its own start-of-test messages first: runCli captures stdout while it runs. */
async function runCli(args: string[]) {
  await new Promise((resolve) => setTimeout(resolve, 0));
  return runCliNow(args);
}

const dir = mkdtempSync(join(tmpdir(), 'sb-calls-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('calls analyze --file: a plain transcript needs no database', async () => {
  const file = join(dir, 'call.txt');
  writeFileSync(file, [
    '[00:00] Ana: Hi Lina, thanks for joining. What slows your team down today?',
    '[00:06] Lina: Mostly unplanned stops. What would the sensors cost per line?',
    "[00:15] Ana: I'll send you a quote by Friday. Can you share the line drawings?",
    '[00:24] Lina: Sure. We are also looking at another vendor.',
  ].join('\n'));
  const r = await runCli(['calls', 'analyze', '--file', file, '--json']);
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out);
  assert.equal(out.metrics.talk_basis, 'seconds');
  assert.equal(out.metrics.questions.total, 2);
  assert.ok(out.metrics.trackers.pricing >= 1 && out.metrics.trackers.competitors >= 1);
  assert.ok(out.action_items.some((a: any) => a.sentence === "I'll send you a quote by Friday." && a.due === 'by Friday'));
  const human = await runCli(['calls', 'analyze', '--file', file]);
  assert.match(human.out, /talk ratio \(rep share, by seconds\)/);

  const bad = join(dir, 'bad.txt');
  writeFileSync(bad, 'no speaker label on this line');
  const failed = await runCli(['calls', 'analyze', '--file', bad]);
  assert.equal(failed.code, 3);
  assert.match(failed.err, /bad\.txt/);
  const badTone = await runCli(['write', 'email', '--opportunity', 'x', '--tone', 'rude']);
  assert.equal(badTone.code, 3, 'rejected before any database is opened');
  assert.match(badTone.err, /--tone/);
});

describe('CLI against a database', () => {
  let args: string[];
  let cleanup: () => Promise<void>;
  let w: WriterWorld;
  before(async () => {
    // A database the CLI can open by itself: a PostgreSQL test database, or a PGlite directory.
    let use: <T>(fn: (db: Db) => Promise<T>) => Promise<T>;
    if (process.env.DATABASE_URL) {
      const db = await createTestDb();
      args = ['--database-url', db.connection.databaseUrl!];
      use = (fn) => fn(db);
      cleanup = () => db.close();
    } else {
      const dataDir = join(dir, 'data');
      const template = await createTestDb();
      const tarball = await pgliteOf(template)!.dumpDataDir('none');
      await template.close();
      await (await connect({ dataDir, loadDataDir: tarball })).close();
      args = ['--data-dir', dataDir];
      use = async (fn) => {
        const db = await connect({ dataDir });
        try {
          return await fn(db);
        } finally {
          await db.close();
        }
      };
      cleanup = async () => {};
    }
    w = await use(async (db) => {
      const rep = await createUser(db, { name: 'Ana Rep', email: 'ana@test.local', role: 'rep', password: 'password123' });
      return seedWriterWorld({ db, users: { repA1: rep } } as unknown as TestServer);
    });
  });
  after(() => cleanup());

  test('write email drafts from the customer facts and saves them; calls analyze --activity and behaviour', async () => {
    const r = await runCli(['write', 'email', '--opportunity', w.opportunityId, '--variants', '2', '--length', 'long', '--user', 'ana@test.local', '--json', ...args]);
    assert.equal(r.code, 0, r.err);
    const out = JSON.parse(r.out);
    assert.equal(out.provider, 'offline');
    assert.equal(out.drafts.length, 2);
    for (const d of out.drafts) {
      assert.match(d.body, /Lina Weber[\s\S]*Bloom Sensor Hub[\s\S]*\$1,250/);
      assert.deepEqual(d.checks.invented, []);
    }
    const call = await runCli(['calls', 'analyze', '--activity', w.callId, '--user', 'ana@test.local', '--json', ...args]);
    assert.equal(call.code, 0, call.err);
    assert.equal(JSON.parse(call.out).tasks_created, 1);
    const mine = await runCli(['calls', 'behaviour', '--user', 'ana@test.local', '--json', ...args]);
    assert.equal(mine.code, 0, mine.err);
    assert.equal(JSON.parse(mine.out).reps[0].calls, 1);
  });
});
