// `salesbloom pipeline train|forecast|deals`.
import { cliLocale, render } from '../../core/i18n.ts';
import { msg } from './messages.ts';
import type { Command } from 'commander';
import { printJson, withDataOptions, withDatabase } from '../../cli/options.ts';
import { cliActor } from '../auth/cli-actor.ts';
import { trainWinModel } from './model.ts';
import { parsePipelineOptions, pipelineForecast, scoreOpenDeals } from './service.ts';

const money = (v: number) => v.toLocaleString('en', { maximumFractionDigits: 0 });

export function registerPipelineCommands(program: Command): void {
  const pipeline = program.command('pipeline').description('Win probability of open deals and the pipeline forecast');

  withDataOptions(pipeline.command('train').description('Train the win-probability model on closed deals; prints hold-out AUC and Brier'))
    .option('--json', 'print JSON')
    .action(async (opts) => {
      const m = await withDatabase(opts, async (db) => trainWinModel(db, await cliActor(db)));
      if (opts.json) return printJson({ version: m.version, ...m.metrics });
      const h = m.metrics.holdout;
      process.stdout.write(`win-probability model v${m.version} (${m.metrics.model}) trained on ${m.metrics.trained_on} closed deals\n` +
        `  hold-out (latest ${h.deals} closes): AUC ${h.auc?.toFixed(3) ?? 'n/a'}, Brier ${h.brier?.toFixed(3) ?? 'n/a'}, win rate ${(100 * h.base_rate).toFixed(0)}%\n`);
    });

  withDataOptions(pipeline.command('forecast').description('Monte-Carlo of bookings by month with P10/P50/P90 and the run-rate forecast'))
    .option('--months <n>', 'months from the current one (1–12)', '3')
    .option('--simulations <n>', 'simulations (100–100000)', '5000')
    .option('--seed <n>', 'random seed', '1')
    .option('--no-slip', 'do not slip close dates')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      const options = parsePipelineOptions({ months: opts.months, simulations: opts.simulations, seed: opts.seed, slip: String(opts.slip) });
      const f = await withDatabase(opts, async (db) => pipelineForecast(db, await cliActor(db), options));
      if (opts.json) return printJson(f);
      const lines = [`Pipeline forecast as of ${f.as_of}: ${f.deals_count} open deals, ${f.simulations} simulations (seed ${f.seed})`,
        `  ${'month'.padEnd(10)}${'P10'.padStart(12)}${'P50'.padStart(12)}${'P90'.padStart(12)}${'commit'.padStart(12)}${'best case'.padStart(12)}${'pipeline'.padStart(12)}${'run-rate'.padStart(12)}`];
      f.months.forEach((m, k) => lines.push(`  ${m.month.padEnd(10)}${money(m.p10).padStart(12)}${money(m.p50).padStart(12)}${money(m.p90).padStart(12)}${money(m.commit).padStart(12)}${money(m.best_case).padStart(12)}${money(m.pipeline).padStart(12)}${money(f.run_rate.months[k].mean).padStart(12)}`));
      const q = f.quarter;
      lines.push(`  ${'total'.padEnd(10)}${money(q.p10).padStart(12)}${money(q.p50).padStart(12)}${money(q.p90).padStart(12)}${money(q.commit).padStart(12)}${money(q.best_case).padStart(12)}${money(q.pipeline).padStart(12)}${money(f.run_rate.total).padStart(12)}`);
      lines.push(`  expected bookings incl. run-rate: ${money(f.total.expected)}`);
      process.stdout.write(lines.join('\n') + '\n');
    });

  withDataOptions(pipeline.command('deals').description('Open deals with win probability, category, reasons and risks'))
    .option('--stage <stage>', 'only this open stage')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      const r = await withDatabase(opts, async (db) => scoreOpenDeals(db, await cliActor(db), { stage: opts.stage }));
      if (opts.json) return printJson(r);
      const locale = cliLocale();
      const lines = r.data.map((d) => `  ${(100 * d.win_probability).toFixed(0).padStart(3)}%  ${d.category.padEnd(9)}  ${money(d.amount).padStart(9)}  ${d.stage.padEnd(13)} ${d.name ?? d.id}${d.risks.length ? `  ⚠ ${d.risks.map((x) => render(x.message, locale)).join('; ')}` : ''}`);
      process.stdout.write([render(msg('pipeline.cli.deals', { n: String(r.data.length), version: String(r.model_version), asOf: r.as_of }), locale), ...lines].join('\n') + '\n');
    });
}
