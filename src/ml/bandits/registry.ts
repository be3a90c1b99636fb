// Builds policies by name and brings them back from their saved JSON state.
import type { BanditPolicy, PolicyState } from './policy.ts';
import { RoundRobinPolicy, WeightedRotationPolicy } from './rotation.ts';
import { Ucb1Policy } from './ucb1.ts';
import { BetaThompsonPolicy, RevenueThompsonPolicy } from './thompson.ts';
import { SegmentThompsonPolicy } from './segment-thompson.ts';
import { EpsilonGreedyPolicy } from './epsilon-greedy.ts';
import { LinUcbPolicy } from './linucb.ts';

export const POLICY_NAMES = [
  'round-robin',
  'weighted-rotation',
  'ucb1',
  'thompson',
  'thompson-revenue',
  'contextual-thompson',
  'linucb',
  'epsilon-greedy',
] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];

export function isPolicyName(name: string): name is PolicyName {
  return (POLICY_NAMES as readonly string[]).includes(name);
}

/** A fresh policy; options are those of the policy's class (e.g. { c } for ucb1, { alpha, ridge } for linucb, { epsilon } for epsilon-greedy). */
export function createPolicy(name: PolicyName, options: Record<string, unknown> = {}): BanditPolicy {
  return build(name, options, undefined, []);
}

/** Rebuilds a policy exactly as it was saved with toJSON(). */
export function restorePolicy(saved: PolicyState): BanditPolicy {
  if (!isPolicyName(saved.policy)) throw new Error(`unknown policy "${saved.policy}" in saved state`);
  return build(saved.policy, saved.options, saved.state, saved.appliedEvents);
}

// The saved state is trusted here: it was written by toJSON() of the same class.
function build(name: PolicyName, options: Record<string, unknown>, state: any, events: string[]): BanditPolicy {
  switch (name) {
    case 'round-robin':
      return new RoundRobinPolicy(state, events);
    case 'weighted-rotation':
      return new WeightedRotationPolicy(options, state, events);
    case 'ucb1':
      return new Ucb1Policy(options, state, events);
    case 'thompson':
      return new BetaThompsonPolicy(options, state, events);
    case 'thompson-revenue':
      return new RevenueThompsonPolicy(options, state, events);
    case 'contextual-thompson':
      return new SegmentThompsonPolicy(options, state, events);
    case 'linucb':
      return new LinUcbPolicy(options, state, events);
    case 'epsilon-greedy':
      return new EpsilonGreedyPolicy(options, state, events);
  }
}
