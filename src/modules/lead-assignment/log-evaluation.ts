// Off-policy evaluation from the stored assignment log: each candidate policy learns from the first
// half of the rewarded assignments (by time) and is scored on the second half with replay, IPS,
// self-normalised IPS and doubly robust estimates, using the propensities logged with each decision.
import type { Db } from '../../db/client.ts';
import { InputError } from '../../core/errors.ts';
import { createPolicy, type PolicyName } from '../../ml/bandits/registry.ts';
import {
  doublyRobustEstimate, ipsEstimate, replayEstimate,
  type LoggedDecision, type OffPolicyEstimate, type TargetPolicy,
} from '../../ml/bandits/off-policy.ts';

export const MIN_LOGGED = 20;
const LEARNED_CANDIDATES: PolicyName[] = ['ucb1', 'thompson', 'contextual-thompson', 'linucb'];

interface EstimateJson {
  estimate: number;
  low: number;
  high: number;
  n: number;
  effective_sample_size: number;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
const json = (e: OffPolicyEstimate): EstimateJson => ({
  estimate: round(e.estimate), low: round(e.low), high: round(e.high), n: e.n, effective_sample_size: Math.round(e.effectiveSampleSize * 10) / 10,
});

function greedy(score: (context: LoggedDecision['context'], eligible: readonly string[]) => number[]): TargetPolicy {
  return (context, eligible) => {
    const s = score(context, eligible);
    let best = 0;
    for (let k = 1; k < s.length; k++) if (s[k] > s[best]) best = k;
    return Float64Array.from(eligible, (_, k) => (k === best ? 1 : 0));
  };
}

export async function evaluateFromLog(db: Db, options: { resamples?: number; seed?: number } = {}) {
  const resamples = options.resamples ?? 300;
  if (!Number.isInteger(resamples) || resamples < 50 || resamples > 5000) {
    throw new InputError('invalid resamples', [{ column: 'resamples', value: String(options.resamples), reason: 'must be a whole number from 50 to 5000' }]);
  }
  const { rows } = await db.query<{ segment: string; eligible: string[]; rep_id: string; propensity: number; reward: number }>(
    `SELECT segment, eligible, rep_id, propensity, reward FROM lead_assignments
     WHERE status = 'assigned' AND rep_id IS NOT NULL AND reward IS NOT NULL AND propensity IS NOT NULL
     ORDER BY assigned_at, id`,
  );
  const logs: LoggedDecision[] = rows
    .filter((r) => r.eligible.includes(r.rep_id))
    .map((r) => ({ context: { segment: r.segment }, eligible: r.eligible, rep: r.rep_id, propensity: r.propensity, reward: r.reward }));
  if (logs.length < MIN_LOGGED) {
    return { logged: logs.length, evaluated: 0, logged_reward_mean: null, candidates: [], note: `needs at least ${MIN_LOGGED} rewarded assignments with logged propensities; has ${logs.length}` };
  }
  const half = Math.floor(logs.length / 2);
  const train = logs.slice(0, half);
  const test = logs.slice(half);
  const targets: Array<[string, TargetPolicy]> = [['uniform random (rotation)', (_c, eligible) => new Float64Array(eligible.length).fill(1 / eligible.length)]];
  for (const name of LEARNED_CANDIDATES) {
    const policy = createPolicy(name, { propensityDraws: 0 });
    train.forEach((d, i) => {
      policy.observeAssignment?.(d.context, d.rep);
      policy.update({ eventId: `train-${i}`, context: d.context, rep: d.rep, reward: d.reward });
    });
    targets.push([name, greedy((context, eligible) => policy.meanRewards!(context, eligible))]);
  }
  const est = { resamples, seed: options.seed ?? 1 };
  const candidates = targets.map(([policy, target]) => ({
    policy,
    replay: json(replayEstimate(test, target, est)),
    ips: json(ipsEstimate(test, target, est)),
    snips: json(ipsEstimate(test, target, { ...est, selfNormalised: true })),
    dr: json(doublyRobustEstimate(test, target, est)),
  }));
  const mean = test.reduce((s, d) => s + d.reward, 0) / test.length;
  return { logged: logs.length, evaluated: test.length, logged_reward_mean: round(mean), candidates, note: null };
}
