import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../../cli/testing.ts';
import type { Db } from '../../db/client.ts';
import { openDatabase } from '../../db/open.ts';
import { createTestDb, type TestDb } from '../../db/testing.ts';
import { Rng } from '../../ml/random.ts';

// The CLI opens its own database: a PostgreSQL test database when DATABASE_URL is set, else an
// embedded one in a temporary directory.
let testDb: TestDb | null = null;
let dir: string | null = null;
let dataArgs: string[] = [];

async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  if (testDb) return fn(testDb);
  const db = await openDatabase({ dataDir: dir! });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

before(async () => {
  if (process.env.DATABASE_URL) {
    testDb = await createTestDb();
    dataArgs = ['--database-url', testDb.connection.databaseUrl!];
  } else {
    dir = mkdtempSync(join(tmpdir(), 'leads-cli-'));
    dataArgs = ['--data-dir', dir];
  }
});
after(async () => {
  await testDb?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('leads train / score / thresholds / models from the command line', async () => {
  const empty = await runCli(['leads', 'train', ...dataArgs]);
  assert.equal(empty.code, 3, empty.err);
  assert.match(empty.err, /no labelled leads/);
  assert.equal((await runCli(['leads', 'train', '--model', 'forest', ...dataArgs])).code, 3);
  assert.equal((await runCli(['leads', 'thresholds', ...dataArgs])).code, 3, 'a rule is required');

  const rng = new Rng(5);
  const n = 300;
  const sources = Array.from({ length: n }, () => rng.pick(['Web', 'Referral', 'Outbound']));
  const converted = sources.map((s) => rng.bernoulli(s === 'Referral' ? 0.6 : s === 'Web' ? 0.3 : 0.1));
  const created = sources.map((_, i) => new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString());
  await withDb(async (db) => {
    await db.query(
      `INSERT INTO leads (name, source, converted, created_at) SELECT 'L' || u.i, u.s, u.c, u.t::timestamptz
         FROM unnest($1::int[], $2::text[], $3::boolean[], $4::text[]) AS u(i, s, c, t)`,
      [sources.map((_, i) => i), sources, converted, created],
    );
    await db.query(`INSERT INTO leads (name, source) VALUES ('Open 1', 'Referral'), ('Open 2', 'Outbound')`);
  });

  const trained = await runCli(['leads', 'train', '--model', 'logistic', '--json', ...dataArgs]);
  assert.equal(trained.code, 0, trained.err);
  const t = JSON.parse(trained.out);
  assert.equal(t.version, 1);
  assert.equal(t.promoted, true);
  assert.ok(t.metrics.auc > 0.6, `AUC ${t.metrics.auc}`);

  const scored = await runCli(['leads', 'score', '--json', ...dataArgs]);
  assert.equal(scored.code, 0, scored.err);
  assert.equal(JSON.parse(scored.out).scored, 2);

  const table = await runCli(['leads', 'thresholds', '--precision', '0.4', '--dry-run', ...dataArgs]);
  assert.equal(table.code, 0, table.err);
  assert.match(table.out, /grade A cut-off .* \(precision\) for model v1 \(dry run/);
  assert.match(table.out, /threshold\s+leads\/week\s+precision\s+recall/);
  assert.equal((await runCli(['leads', 'thresholds', '--precision', '1.5', ...dataArgs])).code, 3);
  // The human report follows SALESBLOOM_LANG (then LANG).
  process.env.SALESBLOOM_LANG = 'zh';
  try {
    const zh = await runCli(['leads', 'thresholds', '--precision', '0.4', '--dry-run', ...dataArgs]);
    assert.equal(zh.code, 0, zh.err);
    assert.match(zh.out, /模型 v1 的 A 级分数线 .*（按精确率）（试运行，未保存）/);
    assert.match(zh.out, /分数线\s+每周线索数\s+精确率\s+召回率/);
  } finally {
    delete process.env.SALESBLOOM_LANG;
  }

  const models = await runCli(['leads', 'models', ...dataArgs]);
  assert.match(models.out, /^v1 \(active\)\s+logistic/m);
});
