import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import stringWidth from 'string-width';
import { runCli as run } from '../../cli/testing.ts';
import { smape } from '../../ml/metrics/forecast.ts';

const data = path.resolve(process.cwd(), '../shared/data/forecasting');
const dir = mkdtempSync(path.join(tmpdir(), 'sb-forecast-'));
const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

/** Rows of a CSV (header kept) whose first field is in `ids`. */
function subset(text: string, ids: Set<string>): string {
  const lines = text.trim().split('\n');
  return [lines[0], ...lines.slice(1).filter((l) => ids.has(l.slice(0, l.indexOf(','))))].join('\n');
}

// On the first 100 series THETA scores 10.83 and our auto about 10.3. (On the first 50
// alone THETA's 10.07 is unusually good and auto's ~10.35 does not beat it; over all 756 series auto
// wins, see bench/forecast.bench.ts.)
test('eval forecast on the first 100 M3 quarterly series beats the published THETA method', { skip: !existsSync(data) && 'shared data absent' }, async () => {
  const trainText = readFileSync(path.join(data, 'm3_quarterly_train.csv'), 'utf8');
  const testText = readFileSync(path.join(data, 'm3_quarterly_test.csv'), 'utf8');
  const ids = new Set<string>();
  for (const line of trainText.split('\n').slice(1)) {
    if (ids.size === 100) break;
    if (line) ids.add(line.slice(0, line.indexOf(',')));
  }
  const train = file('q-train.csv', subset(trainText, ids));
  const testPath = file('q-test.csv', subset(testText, ids));
  // THETA's sMAPE on the same series, from the competition submissions.
  const actual = new Map<string, number[]>();
  for (const line of subset(testText, ids).split('\n').slice(1)) {
    const [id, , , value] = line.split(',');
    if (!actual.has(id)) actual.set(id, []);
    actual.get(id)!.push(Number(value));
  }
  let thetaSum = 0;
  for (const line of readFileSync(path.join(data, 'm3_quarterly_benchmark_forecasts.csv'), 'utf8').split('\n')) {
    const [id, method, ...f] = line.split(',');
    if (method === 'THETA' && actual.has(id)) thetaSum += smape(actual.get(id)!, f.map(Number));
  }
  const theta = thetaSum / ids.size;

  const { code, out } = await run(['eval', 'forecast', '--train', train, '--test', testPath, '--season', '4', '--json']);
  assert.equal(code, 0);
  const r = JSON.parse(out);
  assert.equal(r.series, 100);
  assert.equal(r.method, 'auto');
  for (const key of ['smape', 'mase', 'coverage95', 'seconds', 'cpuSeconds']) assert.ok(Number.isFinite(r[key]), key);
  assert.ok(r.smape < theta, `auto sMAPE ${r.smape} vs THETA ${theta}`);
  assert.ok(r.smape < r.naive2.smape);
  assert.ok(r.coverage95 > 0.7 && r.coverage95 <= 1);

  const human = await run(['eval', 'forecast', '--train', train, '--test', testPath, '--season', '4', '--method', 'theta']);
  assert.equal(human.code, 0);
  assert.match(human.out, /sMAPE\s+\d+\.\d+%/);
});

test('eval forecast works without a period column and reports fallbacks', async () => {
  const train = file('t.csv', ['series_id,t,value', ...[1, 2, 3, 4, 5, 6, 7, 8].map((t) => `a,${t},${10 + t}`), 'b,1,5', 'b,2,5', 'b,3,5'].join('\n'));
  const testPath = file('h.csv', ['series_id,h,value', 'a,1,19', 'a,2,20', 'b,1,5'].join('\n'));
  const { code, out, err } = await run(['eval', 'forecast', '--train', train, '--test', testPath]);
  assert.equal(code, 0, err);
  assert.match(out, /constant series/);
  // The report follows SALESBLOOM_LANG; its columns line up by display width.
  process.env.SALESBLOOM_LANG = 'zh';
  try {
    const zh = await run(['eval', 'forecast', '--train', train, '--test', testPath]);
    assert.equal(zh.code, 0, zh.err);
    assert.match(zh.out, /预测评估：方法 auto，共 2 个序列/);
    assert.match(zh.out, /常数序列/);
    // Each value starts at the same terminal column (a Chinese character is two columns wide).
    const lines = zh.out.split('\n');
    const columnOf = (label: RegExp, value: string) => {
      const line = lines.find((l) => label.test(l))!;
      return stringWidth(line.slice(0, line.indexOf(value)));
    };
    assert.deepEqual([columnOf(/80% 区间/, '100.0%'), columnOf(/95% 区间/, '100.0%'), columnOf(/用时/, '0.')], [17, 17, 17]);
  } finally {
    delete process.env.SALESBLOOM_LANG;
  }
});

test('bad files and options fail with exit code 3 naming file, row, column and value', async () => {
  const goodTest = file('ok-test.csv', 'series_id,h,value\na,1,3\n');
  const cases: Array<[string, string, RegExp]> = [
    ['missing-col.csv', 'series_id,t,amount\na,1,3\n', /missing-col\.csv, row 1, column value/],
    ['bad-value.csv', 'series_id,t,period,value\na,1,2020,3\na,2,2021,abc\n', /bad-value\.csv, row 3, column value: "abc"/],
    ['empty-value.csv', 'series_id,t,value\na,1,\n', /empty-value\.csv, row 2, column value: "" — value is missing/],
    ['gap.csv', 'series_id,t,value\na,1,3\na,3,4\n', /gap\.csv, row 3, column t: "3" — series a skips t 2/],
    ['dup.csv', 'series_id,t,value\na,1,3\na,1,4\n', /dup\.csv, row \d, column t: "1" — series a repeats t 1/],
    ['bad-t.csv', 'series_id,t,value\na,x,3\n', /bad-t\.csv, row 2, column t: "x"/],
  ];
  for (const [name, content, expected] of cases) {
    const { code, err } = await run(['eval', 'forecast', '--train', file(name, content), '--test', goodTest]);
    assert.equal(code, 3, name);
    assert.match(err, expected, name);
  }
  const orphan = await run(['eval', 'forecast', '--train', file('tr.csv', 'series_id,t,value\na,1,3\n'), '--test', file('te.csv', 'series_id,h,value\nzz,1,3\n')]);
  assert.equal(orphan.code, 3);
  assert.match(orphan.err, /te\.csv, row 2, column series_id: "zz" — series zz has no rows in tr\.csv/);
  const badSeason = await run(['eval', 'forecast', '--train', goodTest, '--test', goodTest, '--season', 'x']);
  assert.equal(badSeason.code, 3);
  const badMethod = await run(['eval', 'forecast', '--train', goodTest, '--test', goodTest, '--method', 'magic']);
  assert.equal(badMethod.code, 3);
  assert.match(badMethod.err, /method must be one of/);
  const missingFile = await run(['eval', 'forecast', '--train', path.join(dir, 'nope.csv'), '--test', goodTest]);
  assert.equal(missingFile.code, 3);
});
