import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../cli/testing.ts';
import { connect, pgliteOf, type Db } from '../../db/client.ts';
import { createTestDb } from '../../db/testing.ts';
import { Rng } from '../../ml/random.ts';
import { setPolicy } from './policy-store.ts';

/**
 * 4 reps; 60 past assignments logged by a uniformly random logger (propensity ¼) with outcomes drawn
 * from known per-rep rates, written straight into the log (the service's own logging is tested in
 * service.test.ts); 2 leads left unowned.
 */
async function seed(db: Db): Promise<string[]> {
  await db.query("INSERT INTO users (name, email, role) VALUES ('Admin', 'admin@t.local', 'admin')"); // the CLI acts as the first admin
  const reps: string[] = [];
  for (let i = 0; i < 4; i++) {
    reps.push((await db.query<{ id: string }>("INSERT INTO users (name, email, role) VALUES ($1, $2, 'rep') RETURNING id", [`Rep ${i}`, `rep${i}@t.local`])).rows[0].id);
  }
  await setPolicy(db, { policy: 'epsilon-greedy', params: { epsilon: 0.5 } }, null);
  const rng = new Rng(3);
  const rate = [0.1, 0.2, 0.35, 0.5];
  const { rows: leads } = await db.query<{ id: string }>("INSERT INTO leads (name, industry, status) SELECT 'L' || g, 'Retail', 'disqualified' FROM generate_series(1, 60) g RETURNING id");
  const chosen = leads.map(() => rng.int(4));
  await db.query(
    `INSERT INTO lead_assignments (lead_id, status, rep_id, policy, propensity, segment, eligible, explanation, assigned_at, reward, reward_at, reward_key)
     SELECT l, 'assigned', r, 'uniform', 0.25, 'Retail', $3::jsonb, '"seeded"', now() - (61 - i) * interval '1 hour', w, now(), 'k' || i
     FROM unnest($1::uuid[], $2::uuid[], $4::float8[]) WITH ORDINALITY AS t(l, r, w, i)`,
    [leads.map((l) => l.id), chosen.map((c) => reps[c]), JSON.stringify(reps), chosen.map((c) => (rng.bernoulli(rate[c]) ? 1 : 0))],
  );
  const open: string[] = [];
  for (let i = 0; i < 2; i++) open.push((await db.query<{ id: string }>("INSERT INTO leads (name, industry) VALUES ($1, 'Energy') RETURNING id", [`U${i}`])).rows[0].id);
  return open;
}

test('salesbloom assignment assign / policy / evaluate against a database', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'salesbloom-assignment-cli-'));
  const db = await createTestDb();
  try {
    const unowned = await seed(db);
    let target = ['--database-url', db.connection.databaseUrl ?? ''];
    const pglite = pgliteOf(db);
    if (pglite) {
      const onDisk = await connect({ dataDir: join(dir, 'data'), loadDataDir: await pglite.dumpDataDir('none') });
      await onDisk.close();
      target = ['--data-dir', join(dir, 'data')];
    }
    // Each CLI call opens the database from scratch (seconds on PGlite), so the calls are few.
    const batch = await runCli(['assignment', 'assign', '--unassigned', '--json', ...target]);
    assert.equal(batch.code, 0, batch.err);
    const b = JSON.parse(batch.out);
    assert.deepEqual([b.assigned, b.queued], [2, 0]);
    assert.deepEqual(b.results.map((r: { lead_id: string }) => r.lead_id).sort(), [...unowned].sort());
    assert.match(b.results[0].explanation, /^Rep \d: \d+\/30 open, wins \d+% of Energy leads/);

    const evaluated = await runCli(['assignment', 'evaluate', '--json', '--resamples', '100', ...target]);
    assert.equal(evaluated.code, 0, evaluated.err);
    const e = JSON.parse(evaluated.out);
    assert.equal(e.logged, 60);
    assert.equal(e.evaluated, 30);
    assert.deepEqual(e.candidates.map((c: { policy: string }) => c.policy), ['uniform random (rotation)', 'ucb1', 'thompson', 'contextual-thompson', 'linucb']);
    for (const c of e.candidates) {
      for (const k of ['replay', 'ips', 'snips', 'dr']) {
        assert.ok(Number.isFinite(c[k].estimate) && c[k].low <= c[k].estimate && c[k].estimate <= c[k].high, `${c.policy} ${k}`);
      }
    }
    assert.ok(!evaluated.out.includes('NaN'));

    const set = await runCli(['assignment', 'policy', '--set', 'linucb', '--params', '{"alpha":0.3}', ...target]);
    assert.equal(set.code, 0, set.err);
    assert.match(set.out, /policy linucb \(version \d+\) params \{"alpha":0.3\}/);
    assert.equal((await runCli(['assignment', 'assign', ...target])).code, 3);
    assert.equal((await runCli(['assignment', 'assign', '--lead', 'not-a-uuid', ...target])).code, 3);
    assert.equal((await runCli(['assignment', 'assign', '--lead', '00000000-0000-4000-8000-000000000000', ...target])).code, 4);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
