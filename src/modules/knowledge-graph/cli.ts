// `salesbloom graph who-knows|competitors`: knowledge-graph questions from the command line.
import type { Command } from 'commander';
import { InputError } from '../../core/errors.ts';
import { printJson, withDataOptions, withDatabase } from '../../cli/options.ts';
import { cliActor } from '../auth/cli-actor.ts';
import { competitorsByProduct, whoKnows } from './queries.ts';

export function registerKnowledgeGraphCommands(program: Command): void {
  const graph = program.command('graph').description('Questions over the CRM knowledge graph');

  withDataOptions(
    graph.command('who-knows').description('Who in the company knows an account')
      .requiredOption('--account <id>', 'account id')
      .option('--user <email>', 'as this user (default: the first admin)')
      .option('--json', 'print JSON'),
  ).action(async (opts) => {
    if (!/^[0-9a-f-]{36}$/i.test(opts.account)) throw new InputError('invalid --account', [{ column: '--account', value: opts.account, reason: 'not a uuid' }]);
    const result = await withDatabase(opts, async (db) => whoKnows(db, await cliActor(db, opts.user), opts.account));
    if (opts.json) return printJson(result);
    process.stdout.write(`${result.account.name}\n`);
    for (const r of result.data) {
      const e = r.evidence;
      process.stdout.write(`  ${r.score.toFixed(1).padStart(6)}  ${r.name}${r.team ? ` (${r.team})` : ''}: ${e.deals_owned} deals, ${e.deals_won} won, ${e.activities} activities${e.owns_account ? ', account owner' : ''}\n`);
    }
  });

  withDataOptions(
    graph.command('competitors').description('Competitors by product with win rates')
      .option('--user <email>', 'as this user (default: the first admin)')
      .option('--json', 'print JSON'),
  ).action(async (opts) => {
    const result = await withDatabase(opts, async (db) => competitorsByProduct(db, await cliActor(db, opts.user)));
    if (opts.json) return printJson(result);
    if (!result.data.length) process.stdout.write('no competitor mentions (set opportunity attributes.competitor or the "competitors" setting)\n');
    for (const r of result.data) {
      process.stdout.write(`${r.competitor} × ${r.product ?? '(no product)'}: ${r.deals} deals, win rate ${r.win_rate === null ? '—' : `${(r.win_rate * 100).toFixed(0)} %`}\n`);
    }
  });
}
