// `salesbloom team plan <rep>`: generate a training plan from the rep's largest gaps.
import type { Command } from 'commander';
import { cliLocale, render } from '../../core/i18n.ts';
import { printJson, withDataOptions, withDatabase } from '../../cli/options.ts';
import { findUser } from '../auth/service.ts';
import { teamCommand } from '../competency/cli.ts';
import { cliActor } from '../auth/cli-actor.ts';
import { createPlan } from './service.ts';

export function registerTrainingCommands(program: Command): void {
  withDataOptions(
    teamCommand(program).command('plan').description('Generate a training plan (steps become the rep\u2019s tasks)')
      .argument('<user>', 'the rep\u2019s e-mail or id')
      .option('--weeks <n>', 'weeks the plan spans', '6')
      .option('--gaps <n>', 'competencies to work on', '3')
      .option('--period <period>', 'the assessment period the gaps come from', 'last-365d')
      .option('--user <email>', 'act as this user (default: the first admin)')
      .option('--json', 'print JSON'),
  ).action(async (user: string, opts) => {
    const plan = await withDatabase(opts, async (db) => createPlan(db, await cliActor(db, opts.user), { user_id: (await findUser(db, user)).id, weeks: Number(opts.weeks), gaps: Number(opts.gaps), period: opts.period }));
    if (opts.json) return printJson(plan);
    process.stdout.write(`plan ${plan.id}: ${plan.steps.length} steps over ${Math.max(...plan.steps.map((s) => s.week))} weeks\n`);
    for (const s of plan.steps) process.stdout.write(`  week ${s.week}  ${s.kind.padEnd(11)} ${render(s.title, cliLocale())}\n`);
  });
}
