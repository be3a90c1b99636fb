import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli as run } from '../../cli/testing.ts';

const banking = path.resolve(process.cwd(), '../shared/data/intent-banking77');
const dir = mkdtempSync(path.join(tmpdir(), 'intents-eval-'));
const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

const small = [
  'text,label',
  'reset my password,password', 'forgot password,password', 'password reset link,password', 'new password please,password',
  'cancel my plan,cancel', 'stop my subscription,cancel', 'end the subscription,cancel', 'cancel subscription now,cancel',
  'what is the weather,oos', 'tell me a joke,oos', 'who won the match,oos', 'play music,oos',
].join('\n');

test('eval intents reports accuracy, top-5 and "none fits" quality as JSON', async () => {
  const train = file('train.csv', small);
  const test_ = file('test.csv', 'text,label\nI forgot my password,password\nplease cancel my subscription,cancel\nwhat is the weather today,oos\n');
  const { code, out } = await run(['eval', 'intents', '--train', train, '--test', test_, '--abstain-label', 'oos', '--json']);
  assert.equal(code, 0);
  const r = JSON.parse(out);
  assert.equal(r.in_scope_rows, 2);
  assert.equal(r.abstain_rows, 1);
  for (const key of ['accuracy', 'top5', 'abstain_precision', 'abstain_recall', 'seconds', 'ms_per_query']) {
    assert.ok(typeof r[key] === 'number' && Number.isFinite(r[key]), `${key}: ${r[key]}`);
  }
  assert.equal(r.accuracy, 1);
  assert.equal(r.abstain_recall, 1);
  assert.equal(r.abstain_precision, 1);
});

test('human report says n/a rather than NaN when there are no out-of-scope rows', async () => {
  const train = file('train2.csv', small);
  const test_ = file('test2.csv', 'text,label\nI forgot my password,password\n');
  const { code, out } = await run(['eval', 'intents', '--train', train, '--test', test_, '--abstain-label', 'oos']);
  assert.equal(code, 0);
  assert.match(out, /none-fits recall\s+n\/a/);
  assert.doesNotMatch(out, /NaN/);
});

test('bad input: missing column, empty file, empty values, single class → exit 3 naming file, row and column', async () => {
  const good = file('good.csv', small);
  const missing = file('missing.csv', 'query,label\nhello,greet\n');
  let r = await run(['eval', 'intents', '--train', missing, '--test', good]);
  assert.equal(r.code, 3);
  assert.match(r.err, /missing\.csv, row 1, column text: .*missing text column "text"/);

  r = await run(['eval', 'intents', '--train', good, '--test', file('nolabel.csv', 'text,intent\nhello,greet\n')]);
  assert.equal(r.code, 3);
  assert.match(r.err, /column label: .*missing label column "label" or "category"/);

  r = await run(['eval', 'intents', '--train', file('empty.csv', ''), '--test', good]);
  assert.equal(r.code, 3);
  assert.match(r.err, /empty\.csv is empty/);

  r = await run(['eval', 'intents', '--train', file('blank.csv', 'text,label\nhello,\n,greet\n'), '--test', good]);
  assert.equal(r.code, 3);
  assert.match(r.err, /blank\.csv, row 2, column label: "" — label is empty/);
  assert.match(r.err, /blank\.csv, row 3, column text: "" — text is empty/);

  r = await run(['eval', 'intents', '--train', file('one.csv', 'text,label\nhi,greet\nhello,greet\nbye,oos\n'), '--test', good, '--abstain-label', 'oos']);
  assert.equal(r.code, 3);
  assert.match(r.err, /one\.csv, column label: "greet" — every in-scope row has the same label "greet"/);

  r = await run(['eval', 'intents', '--train', path.join(dir, 'absent.csv'), '--test', good]);
  assert.equal(r.code, 3);
  assert.match(r.err, /file not found/);
});

test('eval intents on banking77 reaches top-1 ≥ 0.90 with the category column fallback',
  { skip: !existsSync(banking) && 'shared data absent (../shared/data/intent-banking77)' }, async () => {
    const { code, out } = await run(['eval', 'intents', '--train', path.join(banking, 'train.csv'), '--test', path.join(banking, 'test.csv'), '--json']);
    assert.equal(code, 0);
    const r = JSON.parse(out);
    assert.equal(r.intents, 77);
    assert.equal(r.in_scope_rows, 3080);
    assert.ok(r.accuracy >= 0.9, `accuracy ${r.accuracy}`);
    assert.ok(r.top5 >= 0.97, `top5 ${r.top5}`);
    assert.ok(r.ms_per_query < 5, `ms/query ${r.ms_per_query}`);
  });

test('eval intents with the abstain label only in TEST: the threshold comes from intents left out in cross-validation', async () => {
  const topics = ['password', 'invoice', 'delivery', 'refund', 'meeting'];
  const asks = ['help with my', 'question about the', 'problem with my', 'need the', 'where is my', 'update the'];
  const train = file('train-no-oos.csv', ['text,label', ...topics.flatMap((t) => asks.map((a) => `${a} ${t},${t}`))].join('\n'));
  const test_ = file('test-oos.csv', 'text,label\nproblem with the invoice,invoice\nwhere is my refund,refund\nwhat is the capital of peru,oos\nsing me a lullaby,oos\n');
  const { code, out } = await run(['eval', 'intents', '--train', train, '--test', test_, '--abstain-label', 'oos', '--json']);
  assert.equal(code, 0);
  const r = JSON.parse(out);
  assert.equal(r.abstain_rows, 2);
  assert.ok(r.threshold > 0 && Number.isFinite(r.threshold), `threshold ${r.threshold}`);
  assert.equal(r.abstain_score, 'margin-gap');
  assert.ok(r.abstain_recall > 0, `abstain recall ${r.abstain_recall}`);
  assert.ok(Number.isFinite(r.accuracy));

  // Calibrated from training rows only: another test file (other out-of-scope queries, none in
  // scope) gives the same threshold and temperature.
  const other = file('test-oos-2.csv', 'text,label\nwhat is the capital of peru,oos\nbook a table for two,oos\nplay some jazz,oos\n');
  const second = await run(['eval', 'intents', '--train', train, '--test', other, '--abstain-label', 'oos', '--json']);
  assert.equal(second.code, 0);
  const r2 = JSON.parse(second.out);
  assert.equal(r2.threshold, r.threshold);
  assert.equal(r2.temperature, r.temperature);
  assert.equal(r2.accuracy, null);
});

test('eval intents --out-of-scope far: centroid-similarity threshold; a bad kind is exit 3', async () => {
  const topics = ['password', 'invoice', 'delivery', 'refund', 'meeting'];
  const asks = ['help with my', 'question about the', 'problem with my', 'need the', 'where is my', 'update the'];
  const train = file('train-far.csv', ['text,label', ...topics.flatMap((t) => asks.map((a) => `${a} ${t},${t}`))].join('\n'));
  const test_ = file('test-far.csv', 'text,label\nproblem with the invoice,invoice\nwhere is my refund,refund\nsing me a lullaby tonight,oos\n今天天气很好,oos\n');
  const { code, out } = await run(['eval', 'intents', '--train', train, '--test', test_, '--abstain-label', 'oos', '--out-of-scope', 'far', '--json']);
  assert.equal(code, 0);
  const r = JSON.parse(out);
  assert.equal(r.abstain_score, 'centroid-similarity');
  assert.ok(r.threshold > 0 && Number.isFinite(r.threshold), `threshold ${r.threshold}`);
  assert.equal(r.abstain_recall, 1);
  assert.equal(r.accuracy, 1);
  const human = await run(['eval', 'intents', '--train', train, '--test', test_, '--abstain-label', 'oos', '--out-of-scope', 'far']);
  assert.match(human.out, /centroid-similarity threshold/);
  const bad = await run(['eval', 'intents', '--train', train, '--test', test_, '--out-of-scope', 'nearby']);
  assert.equal(bad.code, 3);
  assert.match(bad.err, /--out-of-scope.*nearby/);
});
