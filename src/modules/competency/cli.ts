// `salesbloom team assess|scorecard` (training and best practices add `plan` and `playbooks`).
import type { Command } from 'commander';
import { cliLocale, render } from '../../core/i18n.ts';
import { printJson, withDataOptions, withDatabase } from '../../cli/options.ts';
import { findUser } from '../auth/service.ts';
import { cliActor } from '../auth/cli-actor.ts';
import { assess, repScorecard, type Scorecard } from './service.ts';

/** The shared `team` command; whichever module registers first creates it. */
export function teamCommand(program: Command): Command {
  return program.commands.find((c) => c.name() === 'team') ?? program.command('team').description('Team development: competency assessment, training plans, playbooks');
}

function printScorecard(c: Scorecard): void {
  const lines = [`${c.name} (${c.team ?? 'no team'}), ${c.period}: overall ${c.overall ?? '—'} (percentile ${c.overall_percentile ?? '—'}, trend ${c.overall_trend ?? '—'})`];
  const lang = cliLocale();
  for (const s of c.scores) {
    lines.push(`  ${render(s.label, lang).padEnd(22)} ${String(s.score ?? '—').padStart(3)}  p${s.percentile ?? '—'}  trend ${s.trend ?? '—'}`);
    if (s.to_raise) lines.push(`      to raise: ${render(s.to_raise, lang)}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerCompetencyCommands(program: Command): void {
  const team = teamCommand(program);
  withDataOptions(
    team.command('assess').description('Assess every rep\u2019s competencies for a period')
      .option('--period <period>', 'YYYY, YYYY-Qn, YYYY-MM, last-<n>d or YYYY-MM-DD..YYYY-MM-DD', 'last-365d')
      .option('--user <email>', 'act as this user (default: the first admin)')
      .option('--json', 'print JSON'),
  ).action(async (opts) => {
    const result = await withDatabase(opts, async (db) => assess(db, await cliActor(db, opts.user), { period: opts.period }));
    if (opts.json) return printJson(result);
    process.stdout.write(`assessed ${result.assessed} reps for ${result.period} (${result.method}) in ${result.seconds} s\n`);
    for (const r of result.data) process.stdout.write(`  ${String(r.overall ?? '—').padStart(3)}  ${r.name} (${r.team ?? 'no team'})\n`);
  });
  withDataOptions(
    team.command('scorecard').description('One rep\u2019s competency scorecard with evidence')
      .argument('<user>', 'the rep\u2019s e-mail or id')
      .option('--period <period>', 'as for assess', 'last-365d')
      .option('--user <email>', 'act as this user (default: the first admin)')
      .option('--json', 'print JSON'),
  ).action(async (user: string, opts) => {
    const card = await withDatabase(opts, async (db) => repScorecard(db, await cliActor(db, opts.user), (await findUser(db, user)).id, { period: opts.period }));
    if (opts.json) return printJson(card);
    printScorecard(card);
  });
}
