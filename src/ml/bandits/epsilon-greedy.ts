// ε-greedy per segment: a simple learner whose propensities are exact, which makes it the
// natural logging policy when you want to evaluate other policies offline later
// (ε = 1 is uniform random assignment). Written by hand: a few lines.
import type { Rng } from '../random.ts';
import { EventLedger, argmaxRandomTies, assertEligible, type BanditPolicy, type LeadContext, type PolicyState, type RewardEvent, type Selection } from './policy.ts';

export interface EpsilonGreedyOptions {
  /** Share of leads assigned uniformly at random among the eligible reps. */
  epsilon?: number;
}

interface Tally {
  wins: number;
  total: number;
}

export class EpsilonGreedyPolicy implements BanditPolicy {
  readonly name = 'epsilon-greedy';
  readonly epsilon: number;
  private readonly tallies: Map<string, Tally>;
  private readonly ledger: EventLedger;

  constructor(options: EpsilonGreedyOptions = {}, state?: { tallies: Record<string, Tally> }, appliedEvents: string[] = []) {
    this.epsilon = options.epsilon ?? 0.1;
    this.tallies = new Map(Object.entries(state?.tallies ?? {}).map(([k, v]) => [k, { ...v }]));
    this.ledger = new EventLedger(appliedEvents);
  }

  // Unit separator, not NUL: the state is stored as jsonb, which rejects \u0000.
  private key(rep: string, segment: string): string {
    return `${rep}\u001f${segment}`;
  }

  /** Win rate of the rep in the segment with one pseudo-win in two leads, so untried reps look average-ish. */
  estimate(rep: string, segment: string): number {
    const t = this.tallies.get(this.key(rep, segment));
    return ((t?.wins ?? 0) + 0.5) / ((t?.total ?? 0) + 1);
  }

  /** Exact probability of each eligible rep being chosen (ties of the greedy choice share its mass). */
  probabilities(context: LeadContext, eligibleReps: readonly string[]): Float64Array {
    const est = eligibleReps.map((r) => this.estimate(r, context.segment));
    const best = Math.max(...est);
    const ties = est.filter((e) => e === best).length;
    const k = eligibleReps.length;
    return Float64Array.from(est, (e) => this.epsilon / k + (e === best ? (1 - this.epsilon) / ties : 0));
  }

  select(context: LeadContext, eligibleReps: readonly string[], rng: Rng): Selection {
    assertEligible(eligibleReps);
    const probs = this.probabilities(context, eligibleReps);
    const explore = rng.bernoulli(this.epsilon);
    const est = eligibleReps.map((r) => this.estimate(r, context.segment));
    const index = explore ? rng.int(eligibleReps.length) : argmaxRandomTies(est, rng).index;
    const rep = eligibleReps[index];
    const exploring = est[index] < Math.max(...est);
    return {
      rep,
      propensity: probs[index],
      why: [{ code: 'winsSegmentPlain', rate: est[index], segment: context.segment }, { code: exploring || explore ? 'randomPick' : 'bestSoFar' }],
      exploring: exploring || explore,
    };
  }

  update(event: RewardEvent): boolean {
    if (!this.ledger.claim(event.eventId)) return false;
    const key = this.key(event.rep, event.context.segment);
    const t = this.tallies.get(key) ?? { wins: 0, total: 0 };
    t.wins += Math.min(1, Math.max(0, event.reward));
    t.total++;
    this.tallies.set(key, t);
    return true;
  }

  toJSON(): PolicyState {
    return {
      policy: this.name,
      version: 1,
      options: { epsilon: this.epsilon },
      state: { tallies: Object.fromEntries([...this.tallies].map(([k, v]) => [k, { ...v }])) },
      appliedEvents: this.ledger.toJSON(),
    };
  }
}
