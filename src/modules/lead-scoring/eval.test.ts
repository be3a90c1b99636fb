import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { InputError } from '../../core/errors.ts';
import { Rng } from '../../ml/random.ts';
import { runCli } from '../../cli/testing.ts';
import { formatLeadEvalReport, runLeadEval, type LeadEvalOptions } from './eval.ts';
import { render } from '../../core/i18n.ts';

const dir = mkdtempSync(join(tmpdir(), 'lead-eval-'));
let fileCount = 0;

function csv(rows: Record<string, string>[], columns = Object.keys(rows[0])): string {
  const path = join(dir, `f${fileCount++}.csv`);
  writeFileSync(path, [columns.join(','), ...rows.map((r) => columns.map((c) => r[c] ?? '').join(','))].join('\n'));
  return path;
}

function leads(n: number, seed: number, outcome: (p: number, rng: Rng) => string = (p, rng) => (rng.bernoulli(p) ? '1' : '0')): Record<string, string>[] {
  const rng = new Rng(seed);
  const sources = ['Google', 'Referral', 'Direct', 'Olark'];
  return Array.from({ length: n }, () => {
    const source = rng.pick(sources);
    const time = rng.next() * 2000;
    const p = 1 / (1 + Math.exp(-(-1.5 + (source === 'Referral' ? 1.5 : 0) + time / 800)));
    return { Source: source, Time: time.toFixed(0), Visits: rng.bernoulli(0.1) ? 'Select' : String(rng.poisson(3)), Email: rng.bernoulli(0.5) ? 'Yes' : 'No', Won: outcome(p, rng) };
  });
}

const trainPath = csv(leads(600, 1));
const testPath = csv(leads(300, 2));
const base: LeadEvalOptions = { train: trainPath, test: testPath, target: 'Won', naValues: ['Select'], explainRows: 50, timingMs: 20 };

function rejects(opt: Partial<LeadEvalOptions>, pattern: RegExp): InputError {
  try {
    runLeadEval({ ...base, ...opt });
  } catch (error) {
    assert.ok(error instanceof InputError, `expected InputError, got ${error}`);
    assert.match(error.message, pattern);
    return error;
  }
  assert.fail('expected an InputError');
}

const DATA = resolve(process.cwd(), '../shared/data/lead-scoring-x-education/split');
const DROP = 'Prospect ID,Lead Number,Tags,Lead Quality,Lead Profile,Asymmetrique Activity Index,Asymmetrique Profile Index,Asymmetrique Activity Score,Asymmetrique Profile Score,Last Activity,Last Notable Activity';

test('X-Education split: AUC ≥ 0.85 on the test file and reason codes that add up exactly', { skip: !existsSync(`${DATA}/train.csv`) && 'shared data absent' }, () => {
  const r = runLeadEval({ train: `${DATA}/train.csv`, test: `${DATA}/test.csv`, target: 'Converted', naValues: ['Select'], drop: DROP.split(','), model: 'gbdt', explainRows: 100, timingMs: 20 });
  assert.ok(r.auc >= 0.85, `AUC ${r.auc}`);
  assert.ok(r.pr_auc > 0.75 && r.log_loss < 0.5 && r.brier < 0.16, JSON.stringify({ pr: r.pr_auc, ll: r.log_loss, brier: r.brier }));
  assert.ok(r.reason_sum_max_error < 1e-9, `reason codes off by ${r.reason_sum_max_error}`);
  assert.ok(r.lift_top_decile > 2);
  assert.ok(r.features_used.includes('Total Time Spent on Website'));
  assert.ok(r.calibration.length >= 5 && r.calibration.every((b) => Number.isFinite(b.observedRate)));
});

test('the CLI prints exactly one JSON object with the required keys', async () => {
  const { code, out: printed } = await runCli(['eval', 'leads', '--train', trainPath, '--test', testPath, '--target', 'Won', '--na-values', 'Select', '--json']);
  assert.equal(code, 0);
  const out = printed.trim();
  const report = JSON.parse(out);
  for (const key of ['auc', 'pr_auc', 'log_loss', 'brier', 'model', 'train_seconds', 'score_rows_per_second']) assert.ok(key in report, key);
  assert.ok(report.auc > 0.7, `AUC ${report.auc}`);
  assert.ok(!out.includes('NaN') && !out.includes('null,"pr_auc"'));
});

test('bad input exits with code 3 and a message naming the problem', async () => {
  const { code, err } = await runCli(['eval', 'leads', '--train', trainPath, '--test', testPath, '--target', 'won']);
  assert.equal(code, 3);
  assert.match(err, /no target column "won"\. Did you mean "Won"\?/);
});

test('a target with one class is rejected', () => {
  rejects({ train: csv(leads(50, 3, () => '1')) }, /same outcome/);
});

test('a non-binary target needs --positive, and works with it', () => {
  const three = (p: number, rng: Rng) => (rng.bernoulli(p) ? 'Won' : rng.bernoulli(0.5) ? 'Lost' : 'Open');
  const train = csv(leads(600, 4, three));
  const test = csv(leads(300, 5, three));
  rejects({ train, test }, /3 different values.*--positive/);
  const r = runLeadEval({ ...base, train, test, positive: 'Won' });
  assert.equal(r.positive_value, 'Won');
  assert.ok(r.auc > 0.65);
  // Two arbitrary labels are ambiguous too.
  const two = (p: number, rng: Rng) => (rng.bernoulli(p) ? 'Signed' : 'Dropped');
  rejects({ train: csv(leads(100, 6, two)), test: csv(leads(50, 7, two)) }, /pass --positive/);
});

test('an unknown target or --drop column is named, with the columns that exist', () => {
  const e = rejects({ target: 'Outcome' }, /no target column "Outcome"/);
  assert.match(String(e.issues[0].reason), /Source, Time, Visits, Email, Won/);
  rejects({ drop: ['Nope'] }, /--drop names column/);
});

test('all-missing features leave nothing to learn from', () => {
  const rows = leads(100, 8).map((r) => ({ A: '', B: 'Select', Won: r.Won }));
  rejects({ train: csv(rows), test: csv(rows) }, /no usable feature columns/);
});

test('test columns must match training; non-numbers in numeric columns are pinned to row and column', () => {
  const missingCol = leads(50, 9).map(({ Time: _t, ...rest }) => rest);
  rejects({ test: csv(missingCol) }, /column\(s\) used by the model are missing/);
  const bad = leads(50, 10);
  bad[4].Time = 'soon';
  const e = rejects({ test: csv(bad) }, /do not fit their column/);
  assert.deepEqual({ row: e.issues[0].row, column: e.issues[0].column, value: e.issues[0].value }, { row: 6, column: 'Time', value: 'soon' });
});

test('unseen categories are scored as "other" with a warning, not an error', () => {
  const rows = leads(300, 11).map((r, i) => (i % 10 === 0 ? { ...r, Source: 'TikTok' } : r));
  const warnings: string[] = [];
  const r = runLeadEval({ ...base, test: csv(rows) }, (w) => warnings.push(render(w, 'en')));
  assert.ok(warnings.some((w) => w.includes('"Source"') && w.includes('TikTok')));
  assert.ok(Number.isFinite(r.auc));
});

test('a 10-row training file gives a clearly flagged low-confidence model', () => {
  const rows = leads(10, 12);
  rows[0].Won = '1';
  rows[1].Won = '0';
  const r = runLeadEval({ ...base, train: csv(rows) });
  assert.match(render(r.low_confidence ?? '', 'en'), /low-confidence model: only 10 labelled rows/);
  assert.match(render(r.low_confidence ?? '', 'en'), /more labelled outcomes/);
  assert.match(render(r.low_confidence ?? '', 'zh'), /低置信度模型：仅有 10 条带结果的记录/);
  // The human report in either language.
  const en = formatLeadEvalReport(r, 'en');
  assert.match(en, /^Lead scoring evaluation: trained on 10 rows/);
  assert.match(en, /\nWARNING: low-confidence model/);
  const zh = formatLeadEvalReport(r, 'zh');
  assert.match(zh, /^线索评分评估：在 10 行上训练/);
  assert.match(zh, /\n警告：低置信度模型/);
  assert.match(zh, /\n如果只能联系排名最前的 …/);
  assert.ok(r.model.startsWith('logistic'));
  assert.ok([r.auc, r.log_loss, r.brier].every(Number.isFinite));
  assert.ok(r.reason_sum_max_error < 1e-9);
});

test('eval leads reports the cut-offs asked for by capacity and target precision', async () => {
  const r = runLeadEval({ ...base, capacity: 50, targetPrecision: 0.6 });
  assert.equal(r.operating_points.length, 2);
  const [cap, prec] = r.operating_points;
  assert.ok(cap.selected <= 50 && cap.selected >= 45, `selected ${cap.selected}`);
  assert.ok(prec.precision >= 0.6);
  assert.ok(prec.recall > 0 && prec.recall <= 1);
  const cli = await runCli(['eval', 'leads', '--train', trainPath, '--test', testPath, '--target', 'Won', '--na-values', 'Select', '--capacity', '50']);
  assert.equal(cli.code, 0, cli.err);
  assert.match(cli.out, /capacity 50\s+0\.\d{3}\s+\d+/);
  assert.equal((await runCli(['eval', 'leads', '--train', trainPath, '--test', testPath, '--target', 'Won', '--capacity', '0'])).code, 3);
});
