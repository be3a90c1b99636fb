// `salesbloom eval assignment --simulate`: compares assignment policies in a seeded simulator
// whose true conversion rates are known, so regret against the best possible choice is exact.
import type { Command } from 'commander';
import { InputError, type InputIssue } from '../../core/errors.ts';
import { comparePolicies, type PolicySummary } from './compare.ts';

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
    .option('--simulate', 'run the simulator (required: evaluation from stored assignment logs comes with the database)')
    .option('--reps <n>', 'sales reps in the simulated team', '20')
    .option('--leads <n>', 'leads to assign', '10000')
    .option('--segments <n>', 'lead segments (industries) whose win rates differ by rep', '8')
    .option('--seed <n>', 'seed of the first simulated world', '1')
    .option('--runs <n>', 'worlds to average over (seeds seed … seed+runs−1)', '1')
    .option('--json', 'print one JSON object keyed by policy name')
    .action((flags: AssignmentEvalFlags) => {
      if (!flags.simulate) {
        throw new InputError('eval assignment needs --simulate for now: evaluating stored assignment logs arrives with the database', [
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

/** `salesbloom` commands of this capability (placeholder until it lands). */
export function registerAssignmentCommands(_program: Command): void {}
