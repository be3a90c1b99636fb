// `salesbloom eval forecast`: how accurate would forecasts have been on your own history?
import { cliLocale, render, type Text } from '../../core/i18n.ts';
import { padColumns } from '../../cli/format.ts';
import { msg } from './messages.ts';
import type { Command } from 'commander';
import { InputError } from '../../core/errors.ts';
import { printJson, withDataOptions, withDatabase } from '../../cli/options.ts';
import type { DataOptions } from '../../core/config.ts';
import { cliActor } from '../auth/cli-actor.ts';
import { parseForecastRequest, type RawForecastOptions } from './request.ts';
import { backtestLevel, forecastLevel, type BacktestResponse, type ForecastResponse } from './service.ts';
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
  const locale = cliLocale();
  const t = (text: Text) => render(text, locale);
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  const row = (label: string, value: string) => `  ${padColumns(label, 15)}${value}`;
  const top = Object.entries(r.models).sort((a, b) => b[1] - a[1]).slice(0, 5);
  const lines = [
    t(msg('forecast.eval.title', { method: r.method, series: r.series })),
    row('sMAPE', `${r.smape.toFixed(3)}%   ${t(msg('forecast.eval.naive2', { value: `${r.naive2.smape.toFixed(3)}%` }))}`),
    row('MASE', `${r.mase.toFixed(4)}    ${t(msg('forecast.eval.naive2Mase', { value: r.naive2.mase.toFixed(4), series: r.maseSeries }))}`),
    row(t(msg('forecast.eval.coverage', { level: 80 })), pct(r.coverage80)),
    row(t(msg('forecast.eval.coverage', { level: 95 })), pct(r.coverage95)),
    row(t(msg('forecast.eval.time')), t(msg('forecast.eval.seconds', { wall: r.seconds.toFixed(2), cpu: r.cpuSeconds.toFixed(2) }))),
    row(t(msg('forecast.eval.models')), top.map(([k, v]) => `${k} ×${v}`).join('; ')),
  ];
  for (const { reason, count } of r.fallbacks) lines.push(row(t(msg('forecast.eval.fallback')), `${t(reason)} ×${count}`));
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

interface ForecastFlags extends DataOptions {
  level?: string;
  key?: string;
  children?: string;
  frequency?: string;
  horizon?: string;
  method?: string;
  measure?: string;
  asOf?: string;
  origins?: string;
  json?: boolean;
}

function forecastOptions(command: Command): Command {
  return withDataOptions(command)
    .option('--level <level>', 'total, product, family, region, team, rep or segment', 'total')
    .option('--key <key>', 'the member of the level (see GET /api/v1/forecasts/levels)')
    .option('--frequency <f>', 'day, week, month or quarter', 'month')
    .option('--horizon <n>', 'periods to forecast (1–60)', '6')
    .option('--method <name>', `one of ${METHODS.join(', ')}`, 'auto')
    .option('--measure <m>', 'revenue or units', 'revenue')
    .option('--as-of <date>', 'YYYY-MM-DD: end of the history (default: the latest order)')
    .option('--json', 'print JSON instead of a table');
}

function requestOf(flags: ForecastFlags) {
  const raw: RawForecastOptions = { ...flags, as_of: flags.asOf };
  return parseForecastRequest(raw);
}

const money = (v: number | null) => (v === null ? '–' : v.toLocaleString('en', { maximumFractionDigits: 0 }));

function forecastTable(f: ForecastResponse): string {
  const lines = [`Forecast of ${f.measure} — ${f.level}${f.key ? ` ${f.name}` : ''}, by ${f.frequency}, as of ${f.as_of}: ${f.method}`];
  const locale = cliLocale();
  if (f.fallback) lines.push(`  ${render(msg('forecast.cli.note'), locale)}: ${render(f.fallback, locale)}`);
  lines.push(`  ${'period'.padEnd(12)}${'forecast'.padStart(14)}${'80% interval'.padStart(28)}${'95% interval'.padStart(28)}`);
  for (const p of f.forecast) {
    lines.push(`  ${p.period.padEnd(12)}${money(p.mean).padStart(14)}${`${money(p.lo80)} – ${money(p.hi80)}`.padStart(28)}${`${money(p.lo95)} – ${money(p.hi95)}`.padStart(28)}`);
  }
  lines.push(`  ${render(f.backtest.sentence, locale)}`);
  const d = f.reconciliation_detail;
  if (d) {
    const how = d.method === 'mint-shrink'
      ? msg('forecast.cli.mint', { shrinkage: String(d.shrinkage), origins: String(d.origins) })
      : msg('forecast.cli.bottomUp', { reason: d.reason ?? '' });
    lines.push(`  ${render(how, locale)}`);
  }
  for (const c of f.children ?? []) lines.push(`  ${c.name}: ${c.forecast.map((p) => money(p.mean)).join(', ')}`);
  return lines.join('\n') + '\n';
}

function backtestTable(b: BacktestResponse): string {
  const lines = [`Backtest of ${b.method} — ${b.level}${b.key ? ` ${b.key}` : ''}, by ${b.frequency}, horizon ${b.horizon}:`];
  for (const o of b.origins) lines.push(`  from ${o.origin} (${o.train_periods} periods)  sMAPE ${o.smape?.toFixed(1) ?? '–'}%  MASE ${o.mase?.toFixed(2) ?? '–'}  95% coverage ${o.coverage95 === null ? '–' : Math.round(100 * o.coverage95) + '%'}  ${o.method}`);
  lines.push(`  ${render(b.sentence, cliLocale())}`);
  return lines.join('\n') + '\n';
}

/**
 * `salesbloom forecast` and `salesbloom forecast backtest`. The options live on `forecast` only:
 * commander lets a parent command read its options after a subcommand name, so the subcommand
 * reads them from its parent instead of declaring them twice.
 */
export function registerForecastCommands(program: Command): void {
  const cmd = forecastOptions(program.command('forecast').description('Forecast sales at a level of the business, with intervals and the backtest that says how far to trust it'))
    .option('--children <level>', 'also forecast this breakdown, reconciled to add up')
    .option('--origins <n>', 'backtest origins (1–24)', '6');
  cmd.action(async (flags: ForecastFlags) => {
    const req = requestOf(flags);
    const f = await withDatabase(flags, async (db) => forecastLevel(db, await cliActor(db), req));
    if (flags.json) printJson(f);
    else process.stdout.write(forecastTable(f));
  });
  cmd
    .command('backtest')
    .description('Rolling-origin backtest of the forecast against naive-2, per origin (takes the options of `forecast`)')
    .action(async () => {
      const flags = cmd.opts<ForecastFlags>();
      const req = requestOf(flags);
      const b = await withDatabase(flags, async (db) => backtestLevel(db, await cliActor(db), req));
      if (flags.json) printJson(b);
      else process.stdout.write(backtestTable(b));
    });
}
