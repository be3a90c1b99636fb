// Learning and evaluating a next-best-action policy offline, with cross-fitting: each fold's
// episodes are evaluated by a policy, behaviour model and Q̂ fitted on the other folds only.
import { Rng } from '../random.ts';
import { estimateBehaviour, type BehaviourPolicy } from './behaviour.ts';
import { conservativeImprovement, fittedQEvaluation, monteCarloQ, type ConservativeOptions, type ImprovedPolicy, type QTable } from './fitted-q.ts';
import type { Episode } from './mdp.ts';
import { evaluateOffPolicy, perEpisode, type OffPolicyEvaluation } from './ope.ts';

export interface LearnedPolicy {
  behaviour: BehaviourPolicy;
  qBehaviour: QTable;
  improved: ImprovedPolicy;
  qPolicy: QTable;
}

export function learnPolicy(episodes: readonly Episode[], options: ConservativeOptions = {}): LearnedPolicy {
  const behaviour = estimateBehaviour(episodes);
  const qBehaviour = monteCarloQ(episodes);
  const improved = conservativeImprovement(behaviour, qBehaviour, options);
  const qPolicy = fittedQEvaluation(episodes, improved.policy);
  return { behaviour, qBehaviour, improved, qPolicy };
}

export function crossFittedEvaluation(
  episodes: readonly Episode[],
  options: ConservativeOptions & { folds?: number; seed?: number; resamples?: number } = {},
): OffPolicyEvaluation {
  const folds = options.folds ?? 2;
  const order = new Rng(options.seed ?? 1).shuffle([...episodes.keys()]);
  const rows = [];
  for (let f = 0; f < folds; f++) {
    const test = order.filter((_, i) => i % folds === f).map((i) => episodes[i]);
    const train = order.filter((_, i) => i % folds !== f).map((i) => episodes[i]);
    const m = learnPolicy(train, options);
    rows.push(...perEpisode(test, {
      target: m.improved.policy,
      behaviour: m.behaviour.policy,
      q: (s, a) => m.qPolicy.q.get(s)?.get(a),
      v: (s) => m.qPolicy.value(s),
    }));
  }
  return evaluateOffPolicy(rows, { resamples: options.resamples, seed: options.seed });
}
