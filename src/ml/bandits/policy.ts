// The contract every lead-assignment policy honours, and the small pieces they share.
// Policies are pure: they see a lead's context and the reps the rules engine already
// allowed, never the database. Their whole state serialises to JSON so it survives restarts.
import type { Rng } from '../random.ts';

/** What a policy may know about a lead when choosing a rep. */
export interface LeadContext {
  /** The kind of lead the contextual policies learn about, e.g. an industry ("Manufacturing"). */
  segment: string;
  /** Numeric features for LinUCB (e.g. one-hot segment, territory, product); others ignore them. */
  features?: readonly number[];
}

export interface Selection {
  rep: string;
  /**
   * Probability that this policy, in this state, picks this rep: logged for off-policy evaluation.
   * Exact for deterministic and ε-policies; a Monte Carlo estimate for Thompson sampling;
   * null when the policy was told not to estimate it (propensityDraws: 0), e.g. in fast simulations.
   */
  propensity: number | null;
  /** Why, clause by clause (e.g. wins 31% ±6% of Manufacturing leads; exploring), worded by the module. */
  why: WhyClause[];
  /** True when the pick is not the rep currently believed best (the policy is learning). */
  exploring: boolean;
}

/**
 * One reason for a pick, as a code with its numbers (rates are fractions): the lead-assignment
 * module words each one in the reader's language, so the policies write no prose.
 */
export type WhyClause =
  | { code: 'winsSegment'; rate: number; sd: number; segment: string; outcomes: number; prior: number }
  | { code: 'winsSegmentPlain'; rate: number; segment: string }
  | { code: 'winsOutcomes'; rate: number; sd: number; outcomes: number }
  | { code: 'wins'; rate: number; sd: number }
  | { code: 'typicalDeal' | 'expectedPerLead'; amount: number }
  | { code: 'bonus'; bonus: number }
  | { code: 'averages'; rate: number; resolved: number }
  | { code: 'weightedRotation'; weight: number }
  | { code: 'exploring' | 'randomPick' | 'bestSoFar' | 'rotation' | 'untried' | 'noOutcomes' };

/** The closing clause of most policies: is this pick the current favourite or a bet to learn? */
export const verdictClause = (exploring: boolean): WhyClause => ({ code: exploring ? 'exploring' : 'bestSoFar' });

/** An outcome that arrives later (a conversion weeks on, or revenue), applied once per eventId. */
export interface RewardEvent {
  eventId: string;
  context: LeadContext;
  rep: string;
  /** 1/0 for won/lost (fractions allowed), or revenue for the revenue policy. */
  reward: number;
}

export interface PolicyState {
  policy: string;
  version: 1;
  options: Record<string, unknown>;
  state: unknown;
  appliedEvents: string[];
}

export interface BanditPolicy {
  readonly name: string;
  /** Chooses among eligibleReps (non-empty, already filtered by the rules). May record the assignment. */
  select(context: LeadContext, eligibleReps: readonly string[], rng: Rng): Selection;
  /** Applies a delayed outcome. Returns false (and changes nothing) when eventId was already applied. */
  update(event: RewardEvent): boolean;
  toJSON(): PolicyState;
  /** Learning policies: the estimated reward of each eligible rep (greedy targets for off-policy evaluation). */
  meanRewards?(context: LeadContext, eligibleReps: readonly string[]): number[];
  /** Policies that count assignments (UCB1, LinUCB): record one made earlier, when rebuilding state from a log. */
  observeAssignment?(context: LeadContext, rep: string): void;
}

/** Remembers which outcome events were applied, so at-least-once delivery stays exactly-once in effect. */
export class EventLedger {
  private readonly seen: Set<string>;
  constructor(ids: readonly string[] = []) {
    this.seen = new Set(ids);
  }
  /** Records the id; false when it was already there. */
  claim(eventId: string): boolean {
    if (this.seen.has(eventId)) return false;
    this.seen.add(eventId);
    return true;
  }
  toJSON(): string[] {
    return [...this.seen];
  }
}

/** Index of the largest score; ties broken uniformly at random so no rep is favoured by list order. */
export function argmaxRandomTies(scores: ArrayLike<number>, rng: Rng): { index: number; ties: number } {
  let best = -Infinity;
  let index = 0;
  let ties = 0;
  for (let i = 0; i < scores.length; i++) {
    if (scores[i] > best) {
      best = scores[i];
      index = i;
      ties = 1;
    } else if (scores[i] === best) {
      ties++;
      if (rng.int(ties) === 0) index = i; // reservoir sampling over the tied
    }
  }
  return { index, ties };
}

export function assertEligible(eligibleReps: readonly string[]): void {
  if (eligibleReps.length === 0) throw new Error('select() needs at least one eligible rep; queue the lead instead');
}

/**
 * Monte Carlo estimate of P(this rep is picked) for a randomised argmax policy (Thompson sampling):
 * the share of fresh posterior draws in which `chosen` wins, counting the draw actually used,
 * so the estimate is never 0 for a rep that was in fact chosen.
 */
export function monteCarloPropensity(draw: (out: Float64Array) => void, size: number, chosen: number, draws: number, rng: Rng): number {
  const scores = new Float64Array(size);
  let wins = 1;
  for (let d = 0; d < draws; d++) {
    draw(scores);
    if (argmaxRandomTies(scores, rng).index === chosen) wins++;
  }
  return wins / (draws + 1);
}

/** Mean and standard deviation of Beta(a, b). */
export function betaMoments(a: number, b: number): { mean: number; sd: number } {
  const s = a + b;
  return { mean: a / s, sd: Math.sqrt((a * b) / (s * s * (s + 1))) };
}
