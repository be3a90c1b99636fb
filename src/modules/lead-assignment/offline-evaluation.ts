// Off-policy evaluation on simulated logs, where the truth is known: assignments are logged by an
// ε-greedy policy (exact propensities), then candidate policies are scored from the logs alone
// and compared with their true expected conversion rate on the same leads.
import { EpsilonGreedyPolicy } from '../../ml/bandits/epsilon-greedy.ts';
import { SegmentThompsonPolicy } from '../../ml/bandits/segment-thompson.ts';
import {
  doublyRobustEstimate, ipsEstimate, replayEstimate,
  type LoggedDecision, type OffPolicyEstimate, type TargetPolicy,
} from '../../ml/bandits/off-policy.ts';
import { simulate } from './simulator/simulate.ts';
import { generateWorld, type World } from './simulator/world.ts';

export interface OfflineEvaluationOptions {
  reps: number;
  leads: number;
  segments: number;
  seed: number;
  /** Exploration share of the logging policy. */
  epsilon: number;
  resamples?: number;
}

export interface TargetReport {
  target: string;
  /** True expected conversion rate of the target on the evaluated leads. */
  truth: number;
  replay: OffPolicyEstimate;
  ips: OffPolicyEstimate;
  clippedIps: OffPolicyEstimate;
  selfNormalisedIps: OffPolicyEstimate;
  doublyRobust: OffPolicyEstimate;
}

function greedyOn(score: (segment: string, rep: string) => number): TargetPolicy {
  return (context, eligible) => {
    let best = 0;
    for (let k = 1; k < eligible.length; k++) if (score(context.segment, eligible[k]) > score(context.segment, eligible[best])) best = k;
    return Float64Array.from(eligible, (_, k) => (k === best ? 1 : 0));
  };
}

function trueRate(world: World): (segment: string, rep: string) => number {
  const r = new Map(world.reps.map((x, i) => [x.id, i]));
  const s = new Map(world.segments.map((x, i) => [x, i]));
  return (segment, rep) => world.rates[r.get(rep)! * world.segments.length + s.get(segment)!];
}

export function evaluateOffPolicyOnSimulation(options: OfflineEvaluationOptions): { loggingConversionRate: number; logged: number; targets: TargetReport[] } {
  const world = generateWorld(options);
  const logging = new EpsilonGreedyPolicy({ epsilon: options.epsilon });
  const run = simulate(world, logging, { seed: options.seed + 7919, keepLog: true });
  const logs: LoggedDecision[] = run.log!.map((e) => ({ context: { segment: e.segment }, eligible: e.eligible, rep: e.rep, propensity: e.propensity!, reward: e.reward }));
  // Learn a candidate from the first half, evaluate everything on the second half.
  const half = Math.floor(logs.length / 2);
  const learned = new SegmentThompsonPolicy({ propensityDraws: 0 });
  logs.slice(0, half).forEach((d, i) => learned.update({ eventId: String(i), context: d.context, rep: d.rep, reward: d.reward }));
  const evaluated = logs.slice(half);
  const rate = trueRate(world);
  const targets: Record<string, TargetPolicy> = {
    'oracle (true rates)': greedyOn(rate),
    'contextual-thompson, learned from first half': greedyOn((segment, rep) => {
      const p = learned.posterior(rep, segment);
      return p.a / (p.a + p.b);
    }),
    'uniform random': (_c, eligible) => new Float64Array(eligible.length).fill(1 / eligible.length),
  };
  const est = { resamples: options.resamples ?? 300, seed: options.seed };
  const reports = Object.entries(targets).map(([name, target]) => {
    let truth = 0;
    for (const d of evaluated) {
      const probs = target(d.context, d.eligible);
      d.eligible.forEach((rep, k) => (truth += probs[k] * rate(d.context.segment, rep)));
    }
    return {
      target: name,
      truth: truth / evaluated.length,
      replay: replayEstimate(evaluated, target, est),
      ips: ipsEstimate(evaluated, target, est),
      clippedIps: ipsEstimate(evaluated, target, { ...est, clip: 10 }),
      selfNormalisedIps: ipsEstimate(evaluated, target, { ...est, selfNormalised: true }),
      doublyRobust: doublyRobustEstimate(evaluated, target, est),
    };
  });
  return { loggingConversionRate: run.conversions / Math.max(1, run.assigned), logged: evaluated.length, targets: reports };
}
