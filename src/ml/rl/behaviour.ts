// The behaviour policy μ(a|s) estimated from logged frequencies: what reps actually did in each state.
// Hand-written for the reason given in mdp.ts (no maintained JS offline-RL library).
import { countVisits, type Counts, type Episode, type Policy } from './mdp.ts';

export interface BehaviourPolicy {
  counts: Counts;
  policy: Policy;
}

const EMPTY: ReadonlyMap<string, number> = new Map();

/** Maximum-likelihood μ(a|s) = n(s,a)/n(s); unseen states get an empty distribution (callers fall back). */
export function estimateBehaviour(episodes: readonly Episode[]): BehaviourPolicy {
  const counts = countVisits(episodes);
  const tables = new Map<string, Map<string, number>>();
  for (const [state, actions] of counts.bySA) {
    const n = counts.byS.get(state)!;
    tables.set(state, new Map([...actions].map(([a, k]) => [a, k / n])));
  }
  return { counts, policy: (state) => tables.get(state) ?? EMPTY };
}
