// `salesbloom leads train | score | thresholds | models`: the lead-scoring lifecycle over the database.
import type { Command } from 'commander';
import { InputError, NotFoundError } from '../../core/errors.ts';
import { cliLocale, render, type Locale, type Text, type TextParam } from '../../core/i18n.ts';
import { printJson, withDataOptions, withDatabase } from '../../cli/options.ts';
import { msg } from './messages.ts';
import type { ModelChoice } from './scorer.ts';
import { listModels, scoreAllLeads, setGradeThreshold, trainLeadModel, type ThresholdResult, type TrainResult } from './service.ts';
import { parseThresholdRule } from './thresholds.ts';

const pct = (v: unknown) => (typeof v === 'number' ? `${(100 * v).toFixed(1)}%` : 'n/a');
const fix = (v: unknown, d = 4) => (typeof v === 'number' ? v.toFixed(d) : 'n/a');

type Key = Parameters<typeof msg>[0];

function formatTrain(r: TrainResult, locale: Locale = cliLocale()): string {
  const m = r.metrics as Record<string, any>;
  const t = (key: Key, params?: Record<string, TextParam>) => render(msg(key, params), locale);
  const lines = [
    t('score.train.head', { version: String(r.version), model: r.model, train: String(m.train_rows), holdout: String(m.holdout_rows), from: String(m.holdout_from) }),
    `  ${t(r.promoted ? 'score.train.active' : 'score.train.inactive')}: ${render(r.promotion_reason, locale)}`,
    `  ROC AUC ${fix(m.auc)}   PR AUC ${fix(m.pr_auc)}   log loss ${fix(m.log_loss)}   Brier ${fix(m.brier)}   base rate ${pct(m.base_rate)}   calibration error ${fix(m.calibration_error)}`,
    `  grade cut-offs A ≥ ${fix(m.grade_cutoffs[0], 3)}, B ≥ ${fix(m.grade_cutoffs[1], 3)}, C ≥ ${fix(m.grade_cutoffs[2], 3)}`,
    '  lift by decile: ' + (m.lift as { decile: number; lift: number }[]).map((d) => `${d.decile}:${d.lift.toFixed(2)}×`).join(' '),
    `  ${t('score.train.topFeatures')}: ` + (m.importances as { label: Text | string; importance: number }[]).slice(0, 8).map((i) => `${render(i.label, locale)} ${i.importance.toFixed(2)}`).join(', '),
    ...(m.low_confidence ? [`  ${t('score.warning', { text: m.low_confidence })}`] : []),
    ...r.warnings.map((w) => `  warning: ${render(w, locale)}`),
  ];
  return lines.join('\n');
}

export function formatThresholds(r: ThresholdResult, locale: Locale = cliLocale()): string {
  const t = (key: Key, params?: Record<string, TextParam>) => render(msg(key, params), locale);
  const per = msg(`score.per.${r.per}` as Key);
  const head = { threshold: r.threshold.toFixed(3), rule: msg(`score.threshold.rule.${r.rule}` as Key), version: String(r.model_version) };
  const lines = [
    t(r.stored ? 'score.threshold.head' : 'score.threshold.headDry', head),
    `  ${t('score.threshold.expected', { leads: r.expected.leads_per_period.toFixed(1), per, precision: pct(r.expected.precision), recall: pct(r.expected.recall) })}`,
    `  ${t('score.threshold.cutoffs', { a: r.grade_cutoffs[0].toFixed(3), b: r.grade_cutoffs[1].toFixed(3), c: r.grade_cutoffs[2].toFixed(3) })}`,
    '',
    `  ${t('score.threshold.columns', { per })}`,
    ...r.tradeoff.map((row) => `  ${row.threshold.toFixed(3).padStart(9)}   ${row.leads_per_period.toFixed(1).padStart(10)}   ${pct(row.precision).padStart(9)}   ${pct(row.recall).padStart(6)}${row.threshold === r.threshold ? `  ${t('score.threshold.chosen')}` : ''}`),
  ];
  return lines.join('\n');
}

export function registerLeadsCommands(program: Command): void {
  const leads = program.command('leads').description('Lead scoring: train, score, choose grade thresholds');

  withDataOptions(
    leads
      .command('train')
      .description('Train a lead scorer on stored leads, evaluate on the newest 20 %, promote it if no worse than the active model')
      .option('--model <kind>', 'auto | logistic | gbdt', 'auto')
      .option('--force-promote', 'make it active even if its hold-out log loss is worse')
      .option('--json', 'print one JSON object'),
  ).action(async (opts) => {
    if (!['auto', 'logistic', 'gbdt'].includes(opts.model)) throw new InputError('--model must be auto, logistic or gbdt', [{ column: '--model', value: opts.model, reason: 'unknown model kind' }]);
    const result = await withDatabase(opts, (db) => trainLeadModel(db, null, { model: opts.model as ModelChoice, forcePromote: opts.forcePromote === true }));
    if (opts.json) printJson(result);
    else process.stdout.write(`${formatTrain(result)}\n`);
  });

  withDataOptions(
    leads
      .command('score')
      .description('Score leads with the active model into the score history and record drift (PSI)')
      .option('--all', 'every lead')
      .option('--open', 'only leads without an outcome (default)')
      .option('--json', 'print one JSON object'),
  ).action(async (opts) => {
    if (opts.all && opts.open) throw new InputError('choose one of --all and --open', [{ column: '--all', reason: 'conflicts with --open' }]);
    const summary = await withDatabase(opts, (db) => scoreAllLeads(db, null, opts.all ? 'all' : 'open'));
    if (!summary) throw new NotFoundError('no lead-scoring model is active: run `salesbloom leads train` first');
    if (opts.json) return printJson(summary);
    const drift = summary.psi_score === null ? 'n/a' : `${summary.psi_score.toFixed(3)}${summary.psi_score > 0.25 ? ' (major shift: retrain)' : summary.psi_score > 0.1 ? ' (moderate shift)' : ' (stable)'}`;
    process.stdout.write(
      `scored ${summary.scored} leads with model v${summary.model_version} in ${summary.seconds.toFixed(2)} s: ` +
        `A ${summary.grades.A}, B ${summary.grades.B}, C ${summary.grades.C}, D ${summary.grades.D}\n  score drift (PSI vs training) ${drift}\n`,
    );
  });

  withDataOptions(
    leads
      .command('thresholds')
      .description('Choose the grade-A cut-off by capacity (--capacity N --per week) or target (--precision / --recall) on the hold-out')
      .option('--capacity <n>', 'leads the team can work per period')
      .option('--per <period>', 'day | week | month', 'week')
      .option('--precision <p>', 'target precision (0–1)')
      .option('--recall <r>', 'target recall (0–1)')
      .option('--dry-run', 'show the table without storing the choice')
      .option('--json', 'print one JSON object'),
  ).action(async (opts) => {
    const rule = parseThresholdRule({ capacity: opts.capacity, per: opts.per, precision: opts.precision, recall: opts.recall });
    const result = await withDatabase(opts, (db) => setGradeThreshold(db, null, rule, opts.dryRun === true));
    if (opts.json) printJson(result);
    else process.stdout.write(`${formatThresholds(result)}\n`);
  });

  withDataOptions(leads.command('models').description('Lead-scoring model versions and their hold-out metrics').option('--json', 'print JSON')).action(async (opts) => {
    const models = await withDatabase(opts, (db) => listModels(db));
    if (opts.json) return printJson(models);
    if (models.length === 0) return void process.stdout.write('no lead-scoring models yet: run `salesbloom leads train`\n');
    for (const m of models) {
      process.stdout.write(`v${m.version}${m.active ? ' (active)' : ''}  ${m.model}  AUC ${fix(m.metrics.auc)}  log loss ${fix(m.metrics.log_loss)}  ${m.notes === null ? '' : render(m.notes, cliLocale())}\n`);
    }
  });
}
