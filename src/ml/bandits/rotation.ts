// Baselines: plain and weighted rotation. Written by hand because they are a few lines each.
// Reps the rules excluded (vacation, full, wrong territory) are skipped and bank no credit,
// so a rep back from holiday is not flooded with "missed" leads.
import type { Rng } from '../random.ts';
import { EventLedger, assertEligible, type BanditPolicy, type LeadContext, type PolicyState, type RewardEvent, type Selection } from './policy.ts';

/** Gives each lead to the next eligible rep after the last one served, in rep-id order. */
export class RoundRobinPolicy implements BanditPolicy {
  readonly name = 'round-robin';
  private lastRep: string | null;
  private readonly ledger: EventLedger;

  constructor(state?: { lastRep: string | null }, appliedEvents: string[] = []) {
    this.lastRep = state?.lastRep ?? null;
    this.ledger = new EventLedger(appliedEvents);
  }

  select(_context: LeadContext, eligibleReps: readonly string[], _rng: Rng): Selection {
    assertEligible(eligibleReps);
    const sorted = [...eligibleReps].sort();
    const last = this.lastRep;
    const rep = (last === null ? undefined : sorted.find((r) => r > last)) ?? sorted[0];
    this.lastRep = rep;
    return { rep, propensity: 1, why: [{ code: 'rotation' }], exploring: false };
  }

  /** Rotation ignores outcomes; the event is still recorded so replays behave the same for every policy. */
  update(event: RewardEvent): boolean {
    return this.ledger.claim(event.eventId);
  }

  toJSON(): PolicyState {
    return { policy: this.name, version: 1, options: {}, state: { lastRep: this.lastRep }, appliedEvents: this.ledger.toJSON() };
  }
}

export interface WeightedRotationOptions {
  /** Relative share per rep (e.g. 2 for a senior rep, 0.5 for a part-timer); unlisted reps weigh 1. */
  weights?: Record<string, number>;
}

/**
 * Smooth weighted round-robin (the nginx scheme): every eligible rep gains its weight,
 * the richest is served and pays back the total. Shares follow the weights, evenly interleaved.
 */
export class WeightedRotationPolicy implements BanditPolicy {
  readonly name = 'weighted-rotation';
  private readonly weights: Record<string, number>;
  private readonly credit: Map<string, number>;
  private readonly ledger: EventLedger;

  constructor(options: WeightedRotationOptions = {}, state?: { credit: Record<string, number> }, appliedEvents: string[] = []) {
    this.weights = { ...(options.weights ?? {}) };
    this.credit = new Map(Object.entries(state?.credit ?? {}));
    this.ledger = new EventLedger(appliedEvents);
  }

  private weightOf(rep: string): number {
    return this.weights[rep] ?? 1;
  }

  select(_context: LeadContext, eligibleReps: readonly string[], _rng: Rng): Selection {
    assertEligible(eligibleReps);
    const sorted = [...eligibleReps].sort(); // deterministic tie order
    let total = 0;
    let rep = sorted[0];
    let best = -Infinity;
    for (const r of sorted) {
      const w = this.weightOf(r);
      total += w;
      const c = (this.credit.get(r) ?? 0) + w;
      this.credit.set(r, c);
      if (c > best) {
        best = c;
        rep = r;
      }
    }
    this.credit.set(rep, best - total);
    return { rep, propensity: 1, why: [{ code: 'weightedRotation', weight: this.weightOf(rep) }], exploring: false };
  }

  update(event: RewardEvent): boolean {
    return this.ledger.claim(event.eventId);
  }

  toJSON(): PolicyState {
    return {
      policy: this.name,
      version: 1,
      options: { weights: this.weights },
      state: { credit: Object.fromEntries(this.credit) },
      appliedEvents: this.ledger.toJSON(),
    };
  }
}
