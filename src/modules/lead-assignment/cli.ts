// `salesbloom eval assignment --simulate`: compares assignment policies in a seeded simulator
// whose true conversion rates are known, so regret against the best possible choice is exact;
// and `salesbloom assignment …`: assign leads, choose the policy, evaluate it from the log.
import { cliLocale, render, type Text } from '../../core/i18n.ts';
import type { Command } from 'commander';
import { InputError, type InputIssue } from '../../core/errors.ts';
import { printJson, withDataOptions, withDatabase } from '../../cli/options.ts';
import { POLICY_NAMES } from '../../ml/bandits/registry.ts';
import { cliActor } from '../auth/cli-actor.ts';
import { comparePolicies, type PolicySummary } from './compare.ts';
import { evaluateFromLog } from './log-evaluation.ts';
import { readPolicy, setPolicy } from './policy-store.ts';
import { assignLead, assignUnassigned } from './service.ts';

interface AssignmentEvalFlags {
  simulate?: boolean;
  reps: string;
  leads: string;
  segments: string;
  seed: string;
  runs: string;
  json?: boolean;
}

function integerFlag(name: string, raw: string, min: number, max: number, issues: InputIssue[]): number {
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    issues.push({ column: `--${name}`, value: raw, reason: `must be a whole number from ${min} to ${max}` });
    return min;
  }
  return value;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function registerAssignmentEval(evalCmd: Command): void {
  evalCmd
    .command('assignment')
    .description('Compare lead-assignment policies (rotation, UCB1, Thompson sampling, contextual) on a simulated team with known truth.')
    .option('--simulate', 'run the simulator (required; `salesbloom assignment evaluate` evaluates from the stored log)')
    .option('--reps <n>', 'sales reps in the simulated team', '20')
    .option('--leads <n>', 'leads to assign', '10000')
    .option('--segments <n>', 'lead segments (industries) whose win rates differ by rep', '8')
    .option('--seed <n>', 'seed of the first simulated world', '1')
    .option('--runs <n>', 'worlds to average over (seeds seed … seed+runs−1)', '1')
    .option('--json', 'print one JSON object keyed by policy name')
    .action((flags: AssignmentEvalFlags) => {
      if (!flags.simulate) {
        throw new InputError('eval assignment needs --simulate (to evaluate from the stored log use `salesbloom assignment evaluate`)', [
          { column: '--simulate', reason: 'missing' },
        ]);
      }
      const issues: InputIssue[] = [];
      const reps = integerFlag('reps', flags.reps, 2, 500, issues);
      const leads = integerFlag('leads', flags.leads, 1, 1_000_000, issues);
      const segments = integerFlag('segments', flags.segments, 1, 100, issues);
      const seed = integerFlag('seed', flags.seed, 0, 2 ** 31 - 1, issues);
      const runs = integerFlag('runs', flags.runs, 1, 50, issues);
      if (issues.length) throw new InputError('invalid options for eval assignment', issues);

      const seeds = Array.from({ length: runs }, (_, i) => seed + i);
      const summary = comparePolicies({ reps, leads, segments, seeds, onProgress: (m) => process.stderr.write(`${m}\n`) });
      if (flags.json) process.stdout.write(`${JSON.stringify(toJson(summary))}\n`);
      else process.stdout.write(report(summary, { reps, leads, segments, seeds }));
    });
}

function toJson(summary: Record<string, PolicySummary>): Record<string, Record<string, number>> {
  const baseline = summary['round-robin']?.regret;
  const out: Record<string, Record<string, number>> = {};
  for (const [name, s] of Object.entries(summary)) {
    out[name] = {
      regret: round(s.regret, 2),
      conversions: round(s.conversions, 2),
      expectedConversions: round(s.expectedConversions, 2),
      revenue: Math.round(s.revenue),
      violations: s.violations,
      queued: round(s.queued, 2),
      unassigned: round(s.unassigned, 2),
      averageWaitHours: round(s.averageWaitHours, 2),
      duplicatesIgnored: round(s.duplicatesIgnored, 2),
      // Regret as a share of round-robin's; omitted when round-robin had none to compare with.
      ...(baseline && baseline > 0 ? { regretVsRoundRobin: round(s.regret / baseline, 3) } : {}),
    };
  }
  return out;
}

function report(summary: Record<string, PolicySummary>, setup: { reps: number; leads: number; segments: number; seeds: number[] }): string {
  const runs = setup.seeds.length;
  const lines = [
    `Lead assignment: ${setup.reps} reps, ${setup.leads} leads, ${setup.segments} segments, ` +
      `${runs === 1 ? `seed ${setup.seeds[0]}` : `mean of ${runs} worlds (seeds ${setup.seeds[0]}–${setup.seeds[runs - 1]})`}.`,
    'Regret: conversions lost against always picking the best rep the same rules allowed (true rates known only to the simulator).',
    '',
    `${'policy'.padEnd(22)}${'regret'.padStart(9)}${'vs RR'.padStart(8)}${'conversions'.padStart(13)}${'revenue'.padStart(14)}${'violations'.padStart(12)}${'queued'.padStart(9)}`,
  ];
  const baseline = summary['round-robin']?.regret ?? 0;
  for (const [name, s] of Object.entries(summary)) {
    const ratio = baseline > 0 ? (s.regret / baseline).toFixed(2) : '–';
    lines.push(
      `${name.padEnd(22)}${s.regret.toFixed(1).padStart(9)}${ratio.padStart(8)}${s.conversions.toFixed(runs === 1 ? 0 : 1).padStart(13)}` +
        `${Math.round(s.revenue).toLocaleString('en-US').padStart(14)}${String(s.violations).padStart(12)}${s.queued.toFixed(runs === 1 ? 0 : 1).padStart(9)}`,
    );
  }
  lines.push('', 'Violations are re-checked by an independent referee and must be 0. Queued: leads that waited (nights, weekends, full teams).');
  return `${lines.join('\n')}\n`;
}

/** The CLI acts with an admin's scope; it is no user, so logs record no assigned_by. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function printAssignment(r: { lead_id: string; status: string; rep: { name: string } | null; explanation: Text | string; queued_reason: Text | string | null }): void {
  const locale = cliLocale();
  process.stdout.write(r.status === 'assigned' ? `${r.lead_id} → ${r.rep!.name}: ${render(r.explanation, locale)}\n` : `${r.lead_id} queued: ${render(r.queued_reason ?? '', locale)}\n`);
}

/** `salesbloom assignment assign | policy | evaluate`. */
export function registerAssignmentCommands(program: Command): void {
  const cmd = program.command('assignment').description('Lead assignment: assign leads by rules and a learning policy, choose the policy, evaluate it from the log');

  withDataOptions(
    cmd.command('assign')
      .description('Assign one lead (--lead) or every unowned lead (--unassigned); queued leads say why')
      .option('--lead <id>', 'lead id')
      .option('--unassigned', 'assign every unowned lead, oldest first')
      .option('--limit <n>', 'with --unassigned: at most this many leads', '500')
      .option('--json', 'print JSON'),
  ).action(async (opts) => {
    if (Boolean(opts.lead) === Boolean(opts.unassigned)) {
      throw new InputError('give exactly one of --lead ID or --unassigned', [{ column: '--lead', value: opts.lead ?? '', reason: 'or --unassigned, not both or neither' }]);
    }
    if (opts.lead && !UUID.test(opts.lead)) throw new InputError('invalid lead id', [{ column: '--lead', value: opts.lead, reason: 'must be a UUID' }]);
    const issues: InputIssue[] = [];
    const limit = integerFlag('limit', opts.limit, 1, 5000, issues);
    if (issues.length) throw new InputError('invalid options for assignment assign', issues);
    await withDatabase(opts, async (db) => {
      if (opts.lead) {
        const r = await assignLead(db, opts.lead, await cliActor(db));
        if (opts.json) printJson(r);
        else printAssignment(r);
        return;
      }
      const r = await assignUnassigned(db, await cliActor(db), { limit });
      if (opts.json) return printJson(r);
      r.results.forEach(printAssignment);
      process.stdout.write(`assigned ${r.assigned}, queued ${r.queued}\n`);
    });
  });

  withDataOptions(
    cmd.command('policy')
      .description('Show the active assignment policy, or choose one with --set')
      .option('--set <name>', `one of ${POLICY_NAMES.join(', ')}`)
      .option('--params <json>', 'policy parameters, e.g. \'{"c": 1.41}\' for ucb1', '{}')
      .option('--json', 'print JSON'),
  ).action(async (opts) => {
    await withDatabase(opts, async (db) => {
      if (opts.set) {
        let params: unknown;
        try {
          params = JSON.parse(opts.params);
        } catch {
          throw new InputError('invalid --params', [{ column: '--params', value: opts.params, reason: 'must be a JSON object' }]);
        }
        await setPolicy(db, { policy: opts.set, params }, null);
      }
      const p = await readPolicy(db);
      const out = { policy: p.policy, params: p.params, version: p.version, fairness: p.fairness, updated_at: p.updated_at };
      if (opts.json) printJson(out);
      else process.stdout.write(`policy ${p.policy} (version ${p.version}) params ${JSON.stringify(p.params)} fairness ${JSON.stringify(p.fairness)}\n`);
    });
  });

  withDataOptions(
    cmd.command('evaluate')
      .description('Off-policy estimates of candidate policies from the logged assignments and their outcomes')
      .option('--resamples <n>', 'bootstrap resamples for the 95% intervals', '300')
      .option('--json', 'print one JSON object'),
  ).action(async (opts) => {
    const issues: InputIssue[] = [];
    const resamples = integerFlag('resamples', opts.resamples, 50, 5000, issues);
    if (issues.length) throw new InputError('invalid options for assignment evaluate', issues);
    await withDatabase(opts, async (db) => {
      const r = await evaluateFromLog(db, { resamples });
      if (opts.json) return printJson(r);
      if (r.note) return void process.stdout.write(`${r.note}\n`);
      const f = (e: { estimate: number; low: number; high: number }) => `${e.estimate.toFixed(3)} [${e.low.toFixed(3)}, ${e.high.toFixed(3)}]`;
      const lines = [
        `Off-policy evaluation: ${r.logged} rewarded assignments; candidates learn from the first half and are scored on the last ${r.evaluated}.`,
        `Logged policy's mean reward on those: ${r.logged_reward_mean?.toFixed(3)}. Estimates with 95% bootstrap intervals:`,
        `${'candidate'.padEnd(28)}${'replay'.padEnd(26)}${'IPS'.padEnd(26)}${'self-normalised IPS'.padEnd(26)}doubly robust`,
        ...r.candidates.map((c) => `${c.policy.padEnd(28)}${f(c.replay).padEnd(26)}${f(c.ips).padEnd(26)}${f(c.snips).padEnd(26)}${f(c.dr)}`),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
  });
}
