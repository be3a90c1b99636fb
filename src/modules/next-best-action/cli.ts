// `salesbloom nba train|recommend|evaluate`.
import type { Command } from 'commander';
import { printJson, withDataOptions, withDatabase } from '../../cli/options.ts';
import { ENTITIES } from '../crm/entities.ts';
import { Repository } from '../crm/repository.ts';
import { cliActor } from '../tasks/cli.ts';
import { latestEvaluation, recommend, trainNba } from './service.ts';

type Est = { value: number; ci: [number, number] };
const show = (label: string, e: Est) => `  ${label.padEnd(22)} ${(e.value * 100).toFixed(1)}%  [${(e.ci[0] * 100).toFixed(1)}, ${(e.ci[1] * 100).toFixed(1)}]\n`;

function printEvaluation(e: { behaviour: Est; policy: { is: Est; wis: Est; dr: Est }; uplift_dr: Est; held_out_episodes: number }): void {
  process.stdout.write(`off-policy evaluation on ${e.held_out_episodes} held-out deals (win rate, 95% interval):\n`);
  process.stdout.write(show('behaviour (logged)', e.behaviour) + show('policy, IS', e.policy.is) + show('policy, WIS', e.policy.wis) + show('policy, DR', e.policy.dr) + show('uplift (DR)', e.uplift_dr));
}

export function registerNextBestActionCommands(program: Command): void {
  const nba = program.command('nba').description('Next-best-action: a policy learned offline from deal histories');
  withDataOptions(nba.command('train').description('Learn the policy and evaluate it off-policy').option('--user <email>', 'act as this user (default: the first admin)').option('--json', 'print JSON'))
    .action(async (opts) => {
      const r = await withDatabase(opts, async (db) => trainNba(db, await cliActor(db, opts.user)));
      if (opts.json) return printJson(r);
      process.stdout.write(`model v${r.version}: ${r.episodes} deals, ${r.states} states, deviates from reps in ${r.deviating_states}, ${r.seconds} s\n`);
      printEvaluation(r.evaluation);
    });
  withDataOptions(nba.command('evaluate').description('The active policy\u2019s off-policy evaluation').option('--json', 'print JSON'))
    .action(async (opts) => {
      const e = await withDatabase(opts, (db) => latestEvaluation(db));
      if (opts.json) return printJson(e);
      printEvaluation(e as unknown as Parameters<typeof printEvaluation>[0]);
    });
  withDataOptions(nba.command('recommend').description('Actions for an open deal').argument('<opportunity-id>').option('--user <email>', 'act as this user (default: the first admin)').option('--json', 'print JSON'))
    .action(async (id: string, opts) => {
      const r = await withDatabase(opts, async (db) => {
        await new Repository(db).get(ENTITIES.opportunities, await cliActor(db, opts.user), id);
        return recommend(db, id);
      });
      if (opts.json) return printJson(r);
      process.stdout.write(`state ${r.state.key}: ${r.recommended ? `recommended ${r.recommended}` : r.note}\n`);
      for (const a of r.actions) process.stdout.write(`  ${a.action.padEnd(10)} ${a.supported ? `${(a.expected_uplift! * 100).toFixed(1)} pts [${(a.ci![0] * 100).toFixed(1)}, ${(a.ci![1] * 100).toFixed(1)}]` : 'too few similar cases'} (n=${a.support})\n`);
    });
}
