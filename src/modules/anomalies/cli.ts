// Registers `salesbloom eval anomalies` on the eval command.
import type { Command } from 'commander';
import { InputError } from '../../core/errors.ts';
import type { Sensitivity } from '../../ml/anomaly/detector.ts';
import { formatAnomalyEvalReport, runAnomalyEval } from './evaluate.ts';

/** Where the report goes; tests pass their own sink. */
export function registerAnomaliesEval(evalCmd: Command, out: (text: string) => void = (t) => process.stdout.write(t)): void {
  evalCmd
    .command('anomalies')
    .description('Detect KPI anomalies (spikes, dips, level shifts, trend changes) and report event precision, recall and F1 against labelled windows.')
    .requiredOption('--series <file>', 'CSV series_id,t,value (t an integer index or a date; empty value = missing)')
    .requiredOption('--windows <file>', 'CSV series_id,start,end of labelled anomalies (inclusive, same kind as t)')
    .option('--sensitivity <level>', 'low | medium | high', 'medium')
    .option('--season <n>', 'seasonal period in steps (0 = none); detected when absent')
    .option('--json', 'print one JSON object instead of the report')
    .action((opts: { series: string; windows: string; sensitivity: string; season?: string; json?: boolean }) => {
      if (!['low', 'medium', 'high'].includes(opts.sensitivity)) {
        throw new InputError('--sensitivity must be low, medium or high', [{ column: '--sensitivity', value: opts.sensitivity, reason: 'unknown level' }]);
      }
      let season: number | undefined;
      if (opts.season !== undefined) {
        season = Number(opts.season);
        if (!Number.isInteger(season) || season < 0) {
          throw new InputError('--season must be a whole number of steps', [{ column: '--season', value: opts.season, reason: 'not a non-negative integer' }]);
        }
      }
      const report = runAnomalyEval({ series: opts.series, windows: opts.windows, sensitivity: opts.sensitivity as Sensitivity, season });
      out(opts.json ? JSON.stringify(report) + '\n' : formatAnomalyEvalReport(report) + '\n');
    });
}
