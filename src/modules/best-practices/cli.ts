// `salesbloom team playbooks`: patterns that separate won from lost deals.
import type { Command } from 'commander';
import { cliLocale, render } from '../../core/i18n.ts';
import { printJson, withDataOptions, withDatabase } from '../../cli/options.ts';
import { teamCommand } from '../competency/cli.ts';
import { cliActor } from '../auth/cli-actor.ts';
import { playbooks } from './service.ts';

export function registerBestPracticeCommands(program: Command): void {
  withDataOptions(
    teamCommand(program).command('playbooks').description('Team playbooks mined from won and lost deals (Fisher exact, BH-corrected)')
      .option('--user <email>', 'act as this user (default: the first admin)')
      .option('--json', 'print JSON'),
  ).action(async (opts) => {
    const p = await withDatabase(opts, async (db) => playbooks(db, await cliActor(db, opts.user)));
    if (opts.json) return printJson(p);
    process.stdout.write(`${p.deals} closed deals, base win rate ${(p.base_win_rate * 100).toFixed(1)}%, ${p.tested} patterns tested, ${p.playbooks.length} significant\n`);
    for (const e of p.playbooks) {
      process.stdout.write(`  ${e.direction === 'do' ? 'DO   ' : 'AVOID'} ${render(e.description, cliLocale())}: win ${(e.win_rate * 100).toFixed(0)}% vs ${(e.win_rate_without * 100).toFixed(0)}% (lift ${e.lift}, support ${(e.support * 100).toFixed(0)}%, q ${e.q_value.toExponential(1)})\n`);
    }
  });
}
