import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { InputError, formatIssue } from '../../core/errors.ts';
import { gzipSync } from 'node:zlib';
import { Rng } from '../../ml/random.ts';
import { registerRecommendEval } from './cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'sb-recommend-'));

/**
 * Parses the arguments through commander exactly as `salesbloom eval …` does, in-process (a child
 * process per call costs seconds; swapping process.stdout would swallow the test reporter).
 * Returns exit code 3 with the formatted issues for InputError, like the real CLI.
 */
async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const program = new Command('salesbloom').exitOverride();
  const evalCmd = program.command('eval').exitOverride();
  registerRecommendEval(evalCmd, { out: (t: string) => (out += t), err: (t: string) => (err += t) });
  try {
    await program.parseAsync(['node', 'salesbloom', ...args]);
    return { code: 0, out, err };
  } catch (error) {
    if (error instanceof InputError) return { code: error.exitCode, out, err: err + [error.message, ...error.issues.map(formatIssue)].join('\n') };
    throw error;
  }
}

/** Two tastes of 20 items each; customers buy within their taste, before and after the split. */
function retailCsv(): string {
  const rng = new Rng(4);
  const lines = ['InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'];
  let invoice = 500000;
  for (let c = 0; c < 200; c++) {
    const taste = c % 2;
    for (let o = 0; o < 6; o++) {
      const month = 1 + o * 2;
      invoice++;
      for (let l = 0; l < 3; l++) {
        const item = taste * 20 + rng.int(20);
        lines.push(`${invoice},${10000 + item},"ITEM, NO ${item}",${1 + rng.int(5)},2011-${String(month).padStart(2, '0')}-${String(1 + rng.int(27)).padStart(2, '0')} 10:00:00,2.5,${12000 + c},UK`);
      }
    }
  }
  // Rows the documented rules drop: no customer, a cancellation, postage, a zero price.
  lines.push('C500001,10001,X,-1,2011-03-01 10:00:00,2.5,12000,UK', '500002,10001,X,1,2011-03-01 10:00:00,2.5,,UK', '500003,POST,POSTAGE,1,2011-03-01 10:00:00,18,12001,UK', '500004,10002,X,1,2011-03-01 10:00:00,0,12001,UK');
  return lines.join('\n') + '\n';
}

test('eval recommend end to end on a small generated gzip file', async () => {
  const path = join(dir, 'retail.csv.gz');
  writeFileSync(path, gzipSync(retailCsv()));
  const { code, out, err } = await run(['eval', 'recommend', '--transactions', path, '--split-date', '2011-09-01', '--k', '5', '--json']);
  assert.equal(code, 0, err);
  const r = JSON.parse(out);
  for (const key of ['recall', 'ndcg', 'baseline_recall', 'baseline_ndcg', 'users', 'seconds']) assert.equal(typeof r[key], 'number', key);
  assert.ok(r.users > 100);
  assert.ok(r.recall > r.baseline_recall, `${r.recall} vs ${r.baseline_recall}`);
  assert.match(err, /1 without customer, 1 cancellations, 1 with quantity or price ≤ 0, 1 non-product/);
  const human = await run(['eval', 'recommend', '--transactions', path, '--split-date', '2011-09-01']);
  assert.match(human.out, /recall ratio vs popularity/);
});

test('eval recommend with custom column names on a plain CSV', async () => {
  const path = join(dir, 'custom.csv');
  const rows = ['buyer,product,when'];
  // Three groups of four items; the first half of each group buys all four in January, the
  // second half buys two in January and the other two in March (what the recommender should guess).
  for (let c = 0; c < 60; c++) {
    const early = c % 20 < 10;
    for (let i = 0; i < 4; i++) rows.push(`u${c},p${Math.floor(c / 20) * 4 + i},2024-0${early || i < 2 ? 1 : 3}-10`);
  }
  writeFileSync(path, rows.join('\n'));
  const { code, out, err } = await run(['eval', 'recommend', '--transactions', path, '--split-date', '2024-02-01', '--customer-column', 'buyer', '--item-column', 'product', '--date-column', 'when', '--k', '2', '--json']);
  assert.equal(code, 0, err);
  const r = JSON.parse(out);
  assert.equal(r.users, 30);
  assert.equal(r.recall, 1);
  assert.ok(r.baseline_recall < 0.5);
});

test('bad input names file, row, column, value and reason', async () => {
  const path = join(dir, 'bad.csv');
  writeFileSync(path, 'InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n1,A,2,2011-01-01,1.5,7\n2,B,two,2011-01-02,1.5,7\n3,C,1,someday,1.5,8\n');
  const bad = await run(['eval', 'recommend', '--transactions', path, '--split-date', '2011-01-02']);
  assert.equal(bad.code, 3);
  assert.match(bad.err, /bad\.csv, row 3, column Quantity: "two" — not a number/);
  assert.match(bad.err, /bad\.csv, row 4, column InvoiceDate: "someday" — not a date/);
  const missing = await run(['eval', 'recommend', '--transactions', path, '--split-date', '2011-01-02', '--item-column', 'Sku']);
  assert.equal(missing.code, 3);
  assert.match(missing.err, /column Sku: missing column/);
  const date = await run(['eval', 'recommend', '--transactions', path, '--split-date', '01/02/2011', '--k', '0']);
  assert.equal(date.code, 3);
  assert.match(date.err, /--split-date/);
  assert.match(date.err, /--k/);
  const absent = await run(['eval', 'recommend', '--transactions', join(dir, 'nope.csv'), '--split-date', '2011-01-02']);
  assert.equal(absent.code, 3);
});
