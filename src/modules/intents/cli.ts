// `salesbloom eval intents`: command-line wiring only; the work is in dataset.ts and evaluate.ts.
import type { Command } from 'commander';
import { InputError } from '../../core/errors.ts';
import { loadLabelledCsv } from './dataset.ts';
import { evaluateIntents, formatIntentReport } from './evaluate.ts';

interface IntentEvalFlags {
  train: string;
  test: string;
  abstainLabel?: string;
  outOfScope: string;
  textColumn: string;
  labelColumn?: string;
  json?: boolean;
}

export function registerIntentsEval(evalCmd: Command): void {
  evalCmd
    .command('intents')
    .description('Train the intent router on TRAIN and report accuracy and "none fits" quality on TEST (CSV columns text,label).')
    .requiredOption('--train <file>', 'training CSV')
    .requiredOption('--test <file>', 'test CSV')
    .option('--abstain-label <label>', 'label of out-of-scope rows, which must be answered "none fits"')
    .option('--out-of-scope <kind>', 'without abstain-label rows in TRAIN, the out-of-scope queries to expect: near (other requests of the same domain) or far (unrelated chatter)', 'near')
    .option('--text-column <name>', 'text column', 'text')
    .option('--label-column <name>', 'label column (default: label, or category when there is no label column)')
    .option('--json', 'print one JSON object instead of the report')
    .action((flags: IntentEvalFlags) => {
      if (flags.outOfScope !== 'near' && flags.outOfScope !== 'far') {
        throw new InputError(`--out-of-scope must be near or far`, [{ column: '--out-of-scope', value: flags.outOfScope, reason: 'expected "near" or "far"' }]);
      }
      const columns = { textColumn: flags.textColumn, labelColumn: flags.labelColumn };
      const train = loadLabelledCsv(flags.train, columns);
      const test = loadLabelledCsv(flags.test, columns);
      if (!flags.json) process.stderr.write(`training on ${train.texts.length} rows…\n`);
      const report = evaluateIntents(train, test, { abstainLabel: flags.abstainLabel, outOfScope: flags.outOfScope });
      process.stdout.write(flags.json ? JSON.stringify(report) + '\n' : formatIntentReport(report, flags.abstainLabel));
    });
}
