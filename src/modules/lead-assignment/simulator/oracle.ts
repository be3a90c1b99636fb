// The yardstick: a policy that knows every rep's true conversion rate per segment and,
// under the same rules, always picks the best eligible rep.
import type { Rng } from '../../../ml/random.ts';
import { EventLedger, argmaxRandomTies, type BanditPolicy, type LeadContext, type PolicyState, type RewardEvent, type Selection } from '../../../ml/bandits/policy.ts';
import type { World } from './world.ts';

export class OraclePolicy implements BanditPolicy {
  readonly name = 'oracle';
  private readonly repIndex: Map<string, number>;
  private readonly segmentIndex: Map<string, number>;
  private readonly ledger = new EventLedger();

  constructor(private readonly world: World) {
    this.repIndex = new Map(world.reps.map((r, i) => [r.id, i]));
    this.segmentIndex = new Map(world.segments.map((s, i) => [s, i]));
  }

  trueRate(rep: string, segment: string): number {
    return this.world.rates[this.repIndex.get(rep)! * this.world.segments.length + this.segmentIndex.get(segment)!];
  }

  select(context: LeadContext, eligibleReps: readonly string[], rng: Rng): Selection {
    const rates = eligibleReps.map((r) => this.trueRate(r, context.segment));
    const { index, ties } = argmaxRandomTies(rates, rng);
    return { rep: eligibleReps[index], propensity: 1 / ties, why: [{ code: 'winsSegmentPlain', rate: rates[index], segment: context.segment }], exploring: false };
  }

  update(event: RewardEvent): boolean {
    return this.ledger.claim(event.eventId);
  }

  toJSON(): PolicyState {
    return { policy: this.name, version: 1, options: {}, state: null, appliedEvents: this.ledger.toJSON() };
  }
}
