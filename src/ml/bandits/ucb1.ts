// UCB1 (Auer, Cesa-Bianchi & Fischer 2002) as the product spec states it:
//   a* = argmax_a [ r̄_a + c·sqrt(ln n / n_a) ],  r̄_a rep a's AVERAGE reward, n assignments so far,
//   n_a rep a's assignments; every rep is tried once before the formula applies.
// Written by hand: it is a dozen lines and no maintained JS library offers it with delayed rewards.
// Delayed rewards: n and n_a count assignments (made at select), r̄_a averages the outcomes received
// so far; a rep assigned but not yet resolved borrows the team's average so it is neither punished nor favoured.
import type { Rng } from '../random.ts';
import { EventLedger, argmaxRandomTies, assertEligible, verdictClause, type BanditPolicy, type LeadContext, type PolicyState, type RewardEvent, type Selection, type WhyClause } from './policy.ts';

export interface Ucb1Options {
  /** Exploration weight c; √2 is the classic UCB1 constant for rewards in [0, 1]. */
  c?: number;
}

interface ArmStats {
  assigned: number;
  resolved: number;
  rewardSum: number;
}

export class Ucb1Policy implements BanditPolicy {
  readonly name = 'ucb1';
  readonly c: number;
  private readonly arms: Map<string, ArmStats>;
  private totalAssigned: number;
  private readonly ledger: EventLedger;

  constructor(options: Ucb1Options = {}, state?: { arms: Record<string, ArmStats>; totalAssigned: number }, appliedEvents: string[] = []) {
    this.c = options.c ?? Math.SQRT2;
    this.arms = new Map(Object.entries(state?.arms ?? {}).map(([k, v]) => [k, { ...v }]));
    this.totalAssigned = state?.totalAssigned ?? 0;
    this.ledger = new EventLedger(appliedEvents);
  }

  private arm(rep: string): ArmStats {
    let a = this.arms.get(rep);
    if (!a) this.arms.set(rep, (a = { assigned: 0, resolved: 0, rewardSum: 0 }));
    return a;
  }

  private teamAverage(): number {
    let sum = 0;
    let n = 0;
    for (const a of this.arms.values()) {
      sum += a.rewardSum;
      n += a.resolved;
    }
    return n > 0 ? sum / n : 0;
  }

  /** r̄_a: the rep's average outcome, or the team's while the rep has none resolved yet. */
  average(rep: string): number {
    const a = this.arms.get(rep);
    return a && a.resolved > 0 ? a.rewardSum / a.resolved : this.teamAverage();
  }

  /** The UCB1 index; Infinity for a rep never assigned (tried first). */
  index(rep: string): number {
    const a = this.arms.get(rep);
    if (!a || a.assigned === 0) return Infinity;
    return this.average(rep) + this.c * Math.sqrt(Math.log(this.totalAssigned) / a.assigned);
  }

  select(_context: LeadContext, eligibleReps: readonly string[], rng: Rng): Selection {
    assertEligible(eligibleReps);
    const scores = eligibleReps.map((r) => this.index(r));
    const { index, ties } = argmaxRandomTies(scores, rng);
    const rep = eligibleReps[index];
    const why = this.explain(rep, eligibleReps);
    const exploring = scores[index] === Infinity || this.average(rep) < Math.max(...eligibleReps.map((r) => this.average(r)));
    this.observeAssignment(_context, rep);
    return { rep, propensity: 1 / ties, why, exploring: why[0].code === 'untried' || exploring };
  }

  private explain(rep: string, eligibleReps: readonly string[]): WhyClause[] {
    const a = this.arms.get(rep);
    if (!a || a.assigned === 0) return [{ code: 'untried' }];
    const bonus = this.index(rep) - this.average(rep);
    const best = Math.max(...eligibleReps.map((r) => this.average(r)));
    const basis: WhyClause = a.resolved > 0 ? { code: 'averages', rate: this.average(rep), resolved: a.resolved } : { code: 'noOutcomes' };
    return [basis, { code: 'bonus', bonus }, verdictClause(this.average(rep) < best)];
  }

  /** n and n_a count assignments: select() calls this; replays of logged assignments call it directly. */
  observeAssignment(_context: LeadContext, rep: string): void {
    this.arm(rep).assigned++;
    this.totalAssigned++;
  }

  /** r̄_a of each eligible rep. */
  meanRewards(_context: LeadContext, eligibleReps: readonly string[]): number[] {
    return eligibleReps.map((r) => this.average(r));
  }

  update(event: RewardEvent): boolean {
    if (!this.ledger.claim(event.eventId)) return false;
    const a = this.arm(event.rep);
    a.resolved++;
    a.rewardSum += event.reward;
    return true;
  }

  toJSON(): PolicyState {
    return {
      policy: this.name,
      version: 1,
      options: { c: this.c },
      state: { arms: Object.fromEntries([...this.arms].map(([k, v]) => [k, { ...v }])), totalAssigned: this.totalAssigned },
      appliedEvents: this.ledger.toJSON(),
    };
  }
}
