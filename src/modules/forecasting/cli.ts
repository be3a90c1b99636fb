// `salesbloom eval forecast`: how accurate would forecasts have been on your own history?
import type { Command } from 'commander';
import { InputError } from '../../core/errors.ts';
import { METHODS, type MethodName } from '../../ml/timeseries/forecast.ts';
import { evaluateForecasts, type ForecastEvaluation } from './evaluate.ts';
import { loadEvalFiles } from './load.ts';

function parseSeason(raw: string): number {
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 1 || v > 366) {
    throw new InputError('invalid --season', [{ column: '--season', value: raw, reason: 'season must be a whole number from 1 to 366 (4 quarterly, 12 monthly, 1 none)' }]);
  }
  return v;
}

function parseMethod(raw: string): MethodName {
  if (!(METHODS as readonly string[]).includes(raw)) {
    throw new InputError('invalid --method', [{ column: '--method', value: raw, reason: `method must be one of ${METHODS.join(', ')}` }]);
  }
  return raw as MethodName;
}

function report(r: ForecastEvaluation): string {
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  const top = Object.entries(r.models).sort((a, b) => b[1] - a[1]).slice(0, 5);
  const lines = [
    `Forecast evaluation: method ${r.method}, ${r.series} series`,
    `  sMAPE          ${r.smape.toFixed(3)}%   (Naive2 ${r.naive2.smape.toFixed(3)}%)`,
    `  MASE           ${r.mase.toFixed(4)}    (Naive2 ${r.naive2.mase.toFixed(4)}; over ${r.maseSeries} series with a non-zero scale)`,
    `  coverage 80%   ${pct(r.coverage80)}`,
    `  coverage 95%   ${pct(r.coverage95)}`,
    `  time           ${r.seconds.toFixed(2)} s`,
    `  models used    ${top.map(([k, v]) => `${k} ×${v}`).join('; ')}`,
  ];
  for (const [reason, count] of Object.entries(r.fallbacks)) lines.push(`  fallback       ${reason} ×${count}`);
  return lines.join('\n') + '\n';
}

export function registerForecastEval(evalCmd: Command): void {
  evalCmd
    .command('forecast')
    .description('Forecast each series of TEST from its history in TRAIN and report sMAPE, MASE and interval coverage.')
    .requiredOption('--train <file>', 'CSV with series_id,t[,period],value (t = 1, 2, … per series)')
    .requiredOption('--test <file>', 'CSV with series_id,h[,period],value (h = 1, 2, …; horizon = rows per series)')
    .option('--season <m>', 'seasonal period: 1 none, 4 quarterly, 12 monthly', '1')
    .option('--method <name>', `one of ${METHODS.join(', ')}`, 'auto')
    .option('--json', 'print one JSON object instead of a report')
    .action((opts: { train: string; test: string; season: string; method: string; json?: boolean }) => {
      const season = parseSeason(opts.season);
      const method = parseMethod(opts.method);
      const { series, skipped } = loadEvalFiles(opts.train, opts.test);
      if (skipped.length) process.stderr.write(`warning: ${skipped.length} training series have no test rows and were skipped\n`);
      const result = evaluateForecasts(series, method, season);
      process.stdout.write(opts.json ? JSON.stringify(result) + '\n' : report(result));
    });
}

/** `salesbloom` commands of this capability (placeholder until it lands). */
export function registerForecastCommands(_program: Command): void {}
