// `salesbloom prepare`: train every model and compute every analysis on the data now stored.
import type { Command } from 'commander';
import { ExitCode } from '../../core/errors.ts';
import { printJson, withDataOptions, withDatabase } from '../options.ts';
import { prepareCapabilities, type PrepareReport } from '../prepare.ts';

export const describeStep = (r: PrepareReport) => `${r.ok ? 'ok  ' : 'FAIL'} ${r.step.padEnd(22)} ${r.seconds.toFixed(1).padStart(5)} s  ${r.detail}`;

export function registerPrepareCommand(program: Command): void {
  withDataOptions(
    program
      .command('prepare')
      .description('Train every model and compute every analysis on the stored data (the demo does this itself)')
      .option('--json', 'print the report as JSON'),
  ).action(async (opts: { json?: boolean; dataDir?: string; databaseUrl?: string }) => {
    const reports = await withDatabase(opts, (db) =>
      prepareCapabilities(db, (r) => {
        if (!opts.json) process.stdout.write(`${describeStep(r)}\n`);
      }),
    );
    if (opts.json) printJson(reports);
    if (reports.some((r) => !r.ok)) process.exitCode = ExitCode.failure;
  });
}
