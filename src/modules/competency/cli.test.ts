import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../cli/testing.ts';
import { connect, pgliteOf } from '../../db/client.ts';
import { teamDemoDb } from './testing.ts';

test('salesbloom team scorecard / playbooks / nba train --reward value against the demo company; bad input exits 3', { timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'salesbloom-team-cli-'));
  const db = await teamDemoDb();
  try {
    let target = ['--database-url', db.connection.databaseUrl ?? ''];
    const pglite = pgliteOf(db);
    if (pglite) {
      const onDisk = await connect({ dataDir: join(dir, 'data'), loadDataDir: await pglite.dumpDataDir('none') });
      await onDisk.close();
      target = ['--data-dir', join(dir, 'data')];
    }
    const { rows } = await db.query<{ email: string }>(`SELECT email FROM users WHERE role = 'rep' ORDER BY email LIMIT 1`);
    const card = await runCli(['team', 'scorecard', rows[0].email, '--period', '2024-06-15..2025-06-15', '--json', ...target]);
    assert.equal(card.code, 0, card.err);
    const parsed = JSON.parse(card.out);
    assert.equal(parsed.scores.length, 7);
    assert.ok(parsed.overall >= 0 && parsed.overall <= 100);
    const bad = await runCli(['team', 'scorecard', rows[0].email, '--period', 'someday', ...target]);
    assert.equal(bad.code, 3);
    assert.match(bad.err, /someday/);
    const books = await runCli(['team', 'playbooks', '--json', ...target]);
    assert.equal(books.code, 0, books.err);
    assert.ok(JSON.parse(books.out).playbooks.some((p: { pattern: string }) => p.pattern === 'demo_within_10d'));
    // Next-best-action with the value-weighted reward: estimates in units of the mean deal amount.
    const nba = await runCli(['nba', 'train', '--reward', 'value', '--json', ...target]);
    assert.equal(nba.code, 0, nba.err);
    const trained = JSON.parse(nba.out);
    assert.equal(trained.reward.kind, 'value');
    assert.equal(trained.evaluation.reward.scale, trained.reward.scale);
    const text = await runCli(['nba', 'evaluate', ...target]);
    assert.match(text.out, /won value per deal in units of the mean deal/);
    const badReward = await runCli(['nba', 'train', '--reward', 'profit', ...target]);
    assert.equal(badReward.code, 3);
    assert.match(badReward.err, /profit/);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
