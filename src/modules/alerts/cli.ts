// `salesbloom alerts scan|list`: the alert scan and feed from the command line.
import type { Command } from 'commander';
import { cliLocale, render } from '../../core/i18n.ts';
import { printJson, withDataOptions, withDatabase } from '../../cli/options.ts';
import { parseDay } from '../kpis/service.ts';
import { cliActor } from '../auth/cli-actor.ts';
import { listAlerts } from './feed.ts';
import { scanAlerts } from './scan.ts';

export function registerAlertCommands(program: Command): void {
  const alerts = program.command('alerts').description('KPI anomaly, threshold and target alerts');

  withDataOptions(
    alerts.command('scan').description('Scan KPI series and store new alerts (creates default rules on the first run)')
      .option('--as-of <date>', 'scan as if today were this date (YYYY-MM-DD)')
      .option('--json', 'print JSON'),
  ).action(async (opts) => {
    const asOf = opts.asOf ? parseDay('--as-of', opts.asOf) : undefined;
    const result = await withDatabase(opts, (db) => scanAlerts(db, null, { asOf }));
    if (opts.json) return printJson(result);
    process.stdout.write(`scanned ${result.series} series from ${result.rules} rules in ${result.seconds.toFixed(2)} s: ${result.alerts_created} new alerts`
      + `${result.default_rules_created ? ` (${result.default_rules_created} default rules created)` : ''}\n`);
    for (const a of result.alerts) process.stdout.write(`  [${a.severity}] ${render(a.title, cliLocale())}\n`);
  });

  withDataOptions(
    alerts.command('list').description('The alert feed')
      .option('--status <status>', 'open | acknowledged | all', 'open')
      .option('--user <email>', 'as this user (default: the first admin)')
      .option('--json', 'print JSON'),
  ).action(async (opts) => {
    const result = await withDatabase(opts, async (db) => listAlerts(db, await cliActor(db, opts.user), { status: opts.status }));
    if (opts.json) return printJson(result);
    if (!result.data.length) process.stdout.write('no alerts\n');
    for (const a of result.data) process.stdout.write(`${a.id}  ${a.period}  [${a.severity}] ${render(a.title, cliLocale())}\n`);
  });
}
