// `salesbloom kpis catalog|show`: the KPI catalogue and one KPI series from the command line.
import type { Command } from 'commander';
import { cliLocale, render } from '../../core/i18n.ts';
import { printJson, withDataOptions, withDatabase } from '../../cli/options.ts';
import { cliActor } from '../auth/cli-actor.ts';
import { KPI_CATALOG } from './catalog.ts';
import { kpiSeries } from './service.ts';

export function registerKpiCommands(program: Command): void {
  const kpis = program.command('kpis').description('The sales KPI catalogue, per company, team and rep');

  kpis.command('catalog').description('List the KPIs with their units and definitions')
    .option('--json', 'print JSON')
    .action((opts) => {
      if (opts.json) return printJson({ data: KPI_CATALOG });
      for (const k of KPI_CATALOG) process.stdout.write(`${k.key.padEnd(20)} ${k.label.en} / ${k.label.zh} [${k.unit}, ${k.direction === 'up' ? 'higher is better' : 'lower is better'}]\n    ${render(k.description, cliLocale())}\n`);
    });

  withDataOptions(
    kpis.command('show').description('One KPI as a series per day, week or month')
      .requiredOption('--kpi <key>', KPI_CATALOG.map((k) => k.key).join(', '))
      .option('--scope <scope>', 'company | team | rep (default: by role)')
      .option('--id <id>', 'team or user id')
      .option('--frequency <f>', 'day | week | month', 'month')
      .option('--from <date>', 'YYYY-MM-DD')
      .option('--to <date>', 'YYYY-MM-DD (default today)')
      .option('--user <email>', 'as this user (default: the first admin)')
      .option('--json', 'print JSON'),
  ).action(async (opts) => {
    const result = await withDatabase(opts, async (db) => kpiSeries(db, await cliActor(db, opts.user), {
      kpi: opts.kpi, scope: opts.scope, id: opts.id, frequency: opts.frequency, from: opts.from, to: opts.to,
    }));
    if (opts.json) return printJson(result);
    process.stdout.write(`${result.label.en} (${result.unit}) for ${render(result.name, cliLocale())}, per ${result.frequency}\n`);
    if (result.omitted) return void process.stdout.write(`  omitted: ${render(result.omitted, cliLocale())}\n`);
    for (const p of result.series) process.stdout.write(`  ${p.period}  ${p.value === null ? '—' : p.value}\n`);
    process.stdout.write(`  change ${result.change_pct === null ? '—' : `${result.change_pct} %`}, trend ${result.trend}\n`);
  });
}
