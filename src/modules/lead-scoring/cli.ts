// Registers `salesbloom eval leads` on the eval command.
import { cliLocale, render, renderDeep } from '../../core/i18n.ts';
import type { Command } from 'commander';
import { InputError } from '../../core/errors.ts';
import { formatLeadEvalReport, runLeadEval } from './eval.ts';
import type { ModelChoice } from './scorer.ts';

const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

export function registerLeadScoringEval(evalCmd: Command): void {
  evalCmd
    .command('leads')
    .description('Train a lead-scoring model on one CSV and report ROC/PR AUC, log loss, Brier, lift and calibration on another.')
    .requiredOption('--train <file>', 'training CSV (labelled history)')
    .requiredOption('--test <file>', 'test CSV with the same columns')
    .requiredOption('--target <column>', 'outcome column (converted or not)')
    .option('--positive <value>', 'the target value that counts as a conversion (needed unless 0/1, yes/no, true/false)')
    .option('--drop <columns>', 'comma-separated columns to ignore (identifiers, fields filled in after the outcome)')
    .option('--delimiter <char>', 'field delimiter', ',')
    .option('--na-values <values>', 'comma-separated spellings of "not available", e.g. Select,NA')
    .option('--model <kind>', 'auto | logistic | gbdt', 'auto')
    .option('--capacity <n>', 'also report the cut-off that flags this many test leads, with its precision and recall')
    .option('--target-precision <p>', 'also report the lowest cut-off reaching this precision (0–1)')
    .option('--json', 'print one JSON object instead of the report')
    .action((opts: { train: string; test: string; target: string; positive?: string; drop?: string; delimiter: string; naValues?: string; model: string; capacity?: string; targetPrecision?: string; json?: boolean }) => {
      const capacity = opts.capacity === undefined ? undefined : Number(opts.capacity);
      if (capacity !== undefined && !(Number.isInteger(capacity) && capacity >= 1)) {
        throw new InputError('--capacity must be a whole number of leads ≥ 1', [{ column: '--capacity', value: opts.capacity, reason: 'not a positive integer' }]);
      }
      const targetPrecision = opts.targetPrecision === undefined ? undefined : Number(opts.targetPrecision);
      if (targetPrecision !== undefined && !(targetPrecision > 0 && targetPrecision <= 1)) {
        throw new InputError('--target-precision must be in (0, 1]', [{ column: '--target-precision', value: opts.targetPrecision, reason: 'out of range' }]);
      }
      if (!['auto', 'logistic', 'gbdt'].includes(opts.model)) {
        throw new InputError(`--model must be auto, logistic or gbdt`, [{ value: opts.model, reason: 'unknown model kind' }]);
      }
      const delimiter = opts.delimiter === '\\t' || opts.delimiter === 'tab' ? '\t' : opts.delimiter;
      const report = runLeadEval(
        {
          train: opts.train,
          test: opts.test,
          target: opts.target,
          positive: opts.positive,
          drop: opts.drop ? list(opts.drop) : [],
          delimiter,
          naValues: opts.naValues ? list(opts.naValues) : [],
          model: opts.model as ModelChoice,
          capacity,
          targetPrecision,
        },
        (message) => process.stderr.write(`warning: ${render(message, cliLocale())}\n`),
      );
      process.stdout.write(opts.json ? JSON.stringify(renderDeep(report, cliLocale())) + '\n' : formatLeadEvalReport(report) + '\n');
    });
}

export { registerLeadsCommands } from './cli-leads.ts';
