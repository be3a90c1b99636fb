// The revenue commands end to end: salesbloom forecast, pipeline and customers on a demo company.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../cli/testing.ts';
import { connect, pgliteOf } from '../../db/client.ts';
import { createTestDb } from '../../db/testing.ts';
import { generateDemo } from '../demo/generate.ts';

test('salesbloom forecast, pipeline and customers', { timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'salesbloom-revenue-cli-'));
  const db = await createTestDb();
  try {
    await generateDemo(db, { seed: 8, size: 'small', now: new Date('2025-06-15T12:00:00Z'), plan: { leads: 400, accounts: 60 } });
    let target = ['--database-url', db.connection.databaseUrl ?? ''];
    const pglite = pgliteOf(db);
    if (pglite) {
      const onDisk = await connect({ dataDir: join(dir, 'data'), loadDataDir: await pglite.dumpDataDir('none') });
      await onDisk.close();
      target = ['--data-dir', join(dir, 'data')];
    }
    const text = await runCli(['forecast', '--horizon', '3', '--as-of', '2025-06-10', ...target]);
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, /2025-06-01\s+[\d,]+\s+[\d,]+ – [\d,]+/);
    assert.match(text.out, /This model's error over the last \d origins: MASE/);
    const json = await runCli(['forecast', '--level', 'total', '--children', 'family', '--frequency', 'quarter', '--horizon', '2', '--json', ...target]);
    assert.equal(json.code, 0, json.err);
    const f = JSON.parse(json.out);
    assert.equal(f.frequency, 'quarter');
    assert.ok(f.children.length >= 2);
    const bt = await runCli(['forecast', 'backtest', '--horizon', '2', '--origins', '3', '--json', ...target]);
    assert.equal(bt.code, 0, bt.err);
    assert.equal(JSON.parse(bt.out).origins.length, 3);
    const bad = await runCli(['forecast', '--frequency', 'hourly', ...target]);
    assert.equal(bad.code, 3);
    assert.match(bad.err, /frequency/);

    const train = await runCli(['pipeline', 'train', ...target]);
    assert.equal(train.code, 0, train.err);
    assert.match(train.out, /hold-out \(latest \d+ closes\): AUC 0\.\d+, Brier 0\.\d+/);
    const pf = await runCli(['pipeline', 'forecast', '--months', '2', '--simulations', '500', ...target]);
    assert.equal(pf.code, 0, pf.err);
    assert.match(pf.out, /P10\s+P50\s+P90/);
    assert.equal(pf.out.trim().split('\n').length, 6, 'header, columns, 2 months, total, expected');
    const deals = await runCli(['pipeline', 'deals', ...target]);
    assert.equal(deals.code, 0, deals.err);
    assert.match(deals.out, /open deals \(model v1/);
    assert.equal((await runCli(['pipeline', 'forecast', '--months', '99', ...target])).code, 3);

    const re = await runCli(['customers', 'recompute', ...target]);
    assert.equal(re.code, 0, re.err);
    assert.match(re.out, /customers in \d+ segments/);
    const seg = await runCli(['customers', 'segments', ...target]);
    assert.match(seg.out, /spenders/);
    const values = await runCli(['customers', 'values', '--sort', 'value', '--limit', '3', '--json', ...target]);
    const top = JSON.parse(values.out).data[0];
    const rec = await runCli(['customers', 'recommend', '--account', top.account_id, ...target]);
    assert.equal(rec.code, 0, rec.err);
    assert.match(rec.out, /1\. .+ — /);
    assert.equal((await runCli(['customers', 'recommend', '--account', '00000000-0000-0000-0000-000000000000', ...target])).code, 4);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
