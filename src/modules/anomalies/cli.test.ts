import { test } from 'node:test';
import { formatAnomalyEvalReport } from './evaluate.ts';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { InputError, formatIssue } from '../../core/errors.ts';
import { Rng } from '../../ml/random.ts';
import { registerAnomaliesEval } from './cli.ts';
import { syntheticKpi } from '../../ml/anomaly/synthetic.ts';

const dir = mkdtempSync(join(tmpdir(), 'sb-anomalies-'));
const day = (i: number) => new Date(Date.UTC(2023, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);

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
  registerAnomaliesEval(evalCmd, (t: string) => (out += t));
  try {
    await program.parseAsync(['node', 'salesbloom', ...args]);
    return { code: 0, out, err };
  } catch (error) {
    if (error instanceof InputError) return { code: error.exitCode, out, err: err + [error.message, ...error.issues.map(formatIssue)].join('\n') };
    throw error;
  }
}

test('eval anomalies end to end on generated daily series with gaps', async () => {
  const seriesRows = ['series_id,t,value'];
  const windowRows = ['series_id,start,end'];
  for (let s = 1; s <= 3; s++) {
    const data = syntheticKpi(new Rng(s), { length: 400, inject: ['spike', 'dip', 'level_shift', 'trend_change'] });
    data.values.forEach((v, i) => {
      if (i % 50 === 17) return; // a missing day
      seriesRows.push(`kpi-${s},${day(i)},${i % 97 === 5 ? '' : v.toFixed(3)}`);
    });
    for (const a of data.anomalies) windowRows.push(`kpi-${s},${day(a.start)},${day(a.end)}`);
  }
  writeFileSync(join(dir, 'series.csv'), seriesRows.join('\n'));
  writeFileSync(join(dir, 'windows.csv'), windowRows.join('\n'));
  const { code, out } = await run(['eval', 'anomalies', '--series', join(dir, 'series.csv'), '--windows', join(dir, 'windows.csv'), '--json']);
  assert.equal(code, 0);
  const report = JSON.parse(out);
  for (const key of ['precision', 'recall', 'f1', 'seconds']) assert.equal(typeof report[key], 'number');
  assert.equal(report.series, 3);
  assert.equal(report.windows, 12);
  assert.ok(report.f1 >= 0.7, out);
  const human = await run(['eval', 'anomalies', '--series', join(dir, 'series.csv'), '--windows', join(dir, 'windows.csv'), '--season', '7']);
  assert.match(human.out, /precision/);
  // The human report follows the CLI's language; the JSON is the same in both.
  const en = formatAnomalyEvalReport(report, 'en');
  const zh = formatAnomalyEvalReport(report, 'zh');
  assert.match(en, new RegExp(`^Anomaly detection on 3 series \\(\\d+ points\\), sensitivity medium\\n  precision [\\d.]+%  \\(\\d+ true detections, \\d+ false alarms\\)`));
  assert.match(en, /Consecutive flagged points form one event; all events touching one window count once\.$/);
  assert.match(zh, /^对 3 个序列（\d+ 个点）做异常检测，灵敏度：中\n  精确率 [\d.]+%（\d+ 次正确检出，\d+ 次误报）/);
  assert.ok(!/[a-z]{4,}/.test(zh.replace(/F1/g, '')), zh);
});

test('eval anomalies with integer indices', async () => {
  const data = syntheticKpi(new Rng(9), { length: 200, yearlyAmplitude: 0, inject: ['spike', 'level_shift'] });
  writeFileSync(join(dir, 'idx.csv'), ['series_id,t,value', ...[...data.values].map((v, i) => `a,${i},${v}`)].join('\n'));
  writeFileSync(join(dir, 'idx-w.csv'), ['series_id,start,end', ...data.anomalies.map((a) => `a,${a.start},${a.end}`)].join('\n'));
  const { code, out } = await run(['eval', 'anomalies', '--series', join(dir, 'idx.csv'), '--windows', join(dir, 'idx-w.csv'), '--json', '--sensitivity', 'high']);
  assert.equal(code, 0);
  assert.equal(JSON.parse(out).recall, 1);
});

test('bad input names file, row, column, value and reason', async () => {
  writeFileSync(join(dir, 'bad.csv'), 'series_id,t,value\na,2024-01-01,3\na,2024-01-02,abc\na,yesterday,4\na,2024-01-01,5\n');
  writeFileSync(join(dir, 'bad-w.csv'), 'series_id,start,end\nb,2024-01-01,2024-01-02\na,2024-01-05,2024-01-01\n');
  const { code, err } = await run(['eval', 'anomalies', '--series', join(dir, 'bad.csv'), '--windows', join(dir, 'bad-w.csv')]);
  assert.equal(code, 3);
  assert.match(err, /bad\.csv, row 3, column value: "abc" — not a number/);
  assert.match(err, /bad\.csv, row 4, column t: "yesterday"/);
  assert.match(err, /bad\.csv, row 5, column t: "2024-01-01" — duplicate time/);
  assert.match(err, /bad-w\.csv, row 2, column series_id: "b" — no such series/);
  assert.match(err, /bad-w\.csv, row 3, column end: .* end is before start/);
  writeFileSync(join(dir, 'nocol.csv'), 'id,t,value\n');
  const missing = await run(['eval', 'anomalies', '--series', join(dir, 'nocol.csv'), '--windows', join(dir, 'bad-w.csv')]);
  assert.equal(missing.code, 3);
  assert.match(missing.err, /column series_id/);
  const level = await run(['eval', 'anomalies', '--series', join(dir, 'bad.csv'), '--windows', join(dir, 'bad-w.csv'), '--sensitivity', 'extreme']);
  assert.equal(level.code, 3);
});
