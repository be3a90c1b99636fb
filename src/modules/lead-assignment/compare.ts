// The honest comparison behind `eval assignment` and the benchmark: every policy faces the
// same worlds (same reps, lead stream, outcome draws and rules) and the same policy seed,
// and figures are averaged over several seeds.
import { createPolicy, type PolicyName } from '../../ml/bandits/registry.ts';
import type { BanditPolicy } from '../../ml/bandits/policy.ts';
import { OraclePolicy } from './simulator/oracle.ts';
import { simulate, type SimulationResult } from './simulator/simulate.ts';
import { generateWorld, type World } from './simulator/world.ts';

export const COMPARED_POLICIES = ['round-robin', 'weighted-rotation', 'ucb1', 'epsilon-greedy', 'thompson', 'thompson-revenue', 'contextual-thompson', 'linucb', 'oracle'] as const;
export type ComparedPolicy = (typeof COMPARED_POLICIES)[number];

export interface ComparisonOptions {
  reps: number;
  leads: number;
  segments: number;
  /** Worlds to average over; each seed builds its own team and lead stream. */
  seeds: number[];
  policies?: readonly ComparedPolicy[];
  onProgress?: (message: string) => void;
}

export interface PolicySummary {
  /** Means over seeds. */
  regret: number;
  conversions: number;
  expectedConversions: number;
  revenue: number;
  violations: number;
  queued: number;
  unassigned: number;
  averageWaitHours: number;
  duplicatesIgnored: number;
  /** Regret in each seed's world, in seed order. */
  regretBySeed: number[];
}

function buildPolicy(name: ComparedPolicy, world: World): BanditPolicy {
  if (name === 'oracle') return new OraclePolicy(world);
  // Simulations skip propensity estimation (it only matters for logged assignments) to stay fast.
  const options: Record<string, unknown> = { propensityDraws: 0 };
  // The usual manual baseline: share leads in proportion to each rep's capacity.
  if (name === 'weighted-rotation') options.weights = Object.fromEntries(world.reps.map((r) => [r.id, r.maxOpenLeads]));
  return createPolicy(name as PolicyName, options);
}

export function comparePolicies(options: ComparisonOptions): Record<string, PolicySummary> {
  const names = options.policies ?? COMPARED_POLICIES;
  const runs = new Map<string, SimulationResult[]>(names.map((n) => [n, []]));
  for (const seed of options.seeds) {
    const world = generateWorld({ reps: options.reps, leads: options.leads, segments: options.segments, seed });
    for (const name of names) {
      const result = simulate(world, buildPolicy(name, world), { seed: seed + 7919, reward: name === 'thompson-revenue' ? 'revenue' : 'conversion' });
      runs.get(name)!.push(result);
      options.onProgress?.(`seed ${seed}: ${name} regret ${result.regret.toFixed(1)}`);
    }
  }
  const summary: Record<string, PolicySummary> = {};
  for (const [name, results] of runs) {
    const mean = (f: (r: SimulationResult) => number) => results.reduce((s, r) => s + f(r), 0) / results.length;
    summary[name] = {
      regret: mean((r) => r.regret),
      conversions: mean((r) => r.conversions),
      expectedConversions: mean((r) => r.expectedConversions),
      revenue: mean((r) => r.revenue),
      violations: mean((r) => r.violations),
      queued: mean((r) => r.queued),
      unassigned: mean((r) => r.unassigned),
      averageWaitHours: mean((r) => r.averageWaitHours),
      duplicatesIgnored: mean((r) => r.duplicatesIgnored),
      regretBySeed: results.map((r) => r.regret),
    };
  }
  return summary;
}
