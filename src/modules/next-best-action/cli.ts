// `salesbloom nba train|recommend|evaluate`.
import type { Command } from 'commander';
import { printJson, withDataOptions, withDatabase } from '../../cli/options.ts';
import { cliLocale, render, type Text } from '../../core/i18n.ts';
import { msg } from './messages.ts';
import { ENTITIES } from '../crm/entities.ts';
import { Repository } from '../crm/repository.ts';
import { cliActor } from '../auth/cli-actor.ts';
import { latestEvaluation, parseRewardKind, recommend, trainNba } from './service.ts';

type Est = { value: number; ci: [number, number] };
type RewardInfo = { kind: string; scale: number; unit: Text | string };
const WIN: RewardInfo = { kind: 'win', scale: 1, unit: 'win probability' };
/** Win rates as percentages; value rewards in their unit and in currency. */
const fmt = (x: number, r: RewardInfo) => (r.kind === 'value' ? `${x.toFixed(3)} (${Math.round(x * r.scale).toLocaleString('en-US')})` : `${(x * 100).toFixed(1)}%`);
const show = (label: string, e: Est, r: RewardInfo) => `  ${label.padEnd(22)} ${fmt(e.value, r)}  [${fmt(e.ci[0], r)}, ${fmt(e.ci[1], r)}]\n`;

function printEvaluation(e: { reward?: RewardInfo; behaviour: Est; policy: { is: Est; wis: Est; dr: Est }; uplift_dr: Est; held_out_episodes: number }): void {
  const r = e.reward ?? WIN;
  const what = r.kind === 'value' ? `won value per deal in units of the mean deal (${Math.round(r.scale).toLocaleString('en-US')}; in brackets: currency)` : 'win rate';
  process.stdout.write(`off-policy evaluation on ${e.held_out_episodes} held-out deals (${what}, 95% interval):\n`);
  process.stdout.write(show('behaviour (logged)', e.behaviour, r) + show('policy, IS', e.policy.is, r) + show('policy, WIS', e.policy.wis, r) + show('policy, DR', e.policy.dr, r) + show('uplift (DR)', e.uplift_dr, r));
}

export function registerNextBestActionCommands(program: Command): void {
  const nba = program.command('nba').description('Next-best-action: a policy learned offline from deal histories');
  withDataOptions(nba.command('train').description('Learn the policy and evaluate it off-policy')
    .option('--reward <kind>', 'win (a won deal = 1) or value (won amount, in units of the mean deal)', 'win')
    .option('--user <email>', 'act as this user (default: the first admin)').option('--json', 'print JSON'))
    .action(async (opts) => {
      const reward = parseRewardKind(opts.reward, '--reward');
      const r = await withDatabase(opts, async (db) => trainNba(db, await cliActor(db, opts.user), { reward }));
      if (opts.json) return printJson(r);
      process.stdout.write(`model v${r.version} (reward: ${r.reward.kind}): ${r.episodes} deals, ${r.states} states, deviates from reps in ${r.deviating_states}, ${r.seconds} s\n`);
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
      const locale = cliLocale();
      process.stdout.write(`state ${r.state.key}: ${r.recommended ? render(msg('nba.recommended', { action: r.recommended_label ?? r.recommended }), locale) : render(r.note ?? '', locale)}\n`);
      const up = (x: number) => (r.reward.kind === 'value' ? `${Math.round(x * r.reward.scale).toLocaleString('en-US')}` : `${(x * 100).toFixed(1)} pts`);
      for (const a of r.actions) process.stdout.write(`  ${a.action.padEnd(10)} ${a.supported ? `${up(a.expected_uplift!)} [${up(a.ci![0])}, ${up(a.ci![1])}]` : 'too few similar cases'} (n=${a.support})\n`);
    });
}
