// Runs one policy through a world: leads arrive, the rules filter reps, the policy picks,
// leads close days or weeks later (freeing capacity) and only then report their outcome.
// Regret is measured per assignment against the best rep the same rules allowed at that
// moment (known only to the simulator), so it isolates the quality of the policy's choices.
import { render } from '../../../core/i18n.ts';
import { Rng } from '../../../ml/random.ts';
import type { BanditPolicy } from '../../../ml/bandits/policy.ts';
import { assignLead } from '../assign.ts';
import type { FairnessFloor, RepLoad } from '../rules.ts';
import { ruleBreaches, type TeamState } from './check.ts';
import { EventQueue } from './event-queue.ts';
import type { SimLead, World } from './world.ts';

export interface SimulationOptions {
  /** Policy randomness; use the same seed for every policy being compared. */
  seed: number;
  /** What the policy learns from: won/lost, or the revenue of won leads. */
  reward?: 'conversion' | 'revenue';
  fairness?: FairnessFloor;
  /** Keep every assignment with its logged propensity (for off-policy evaluation). */
  keepLog?: boolean;
}

export interface LoggedAssignment {
  leadId: string;
  segment: string;
  eligible: string[];
  rep: string;
  propensity: number | null;
  /** 1 won, 0 lost. */
  reward: number;
}

export interface SimulationResult {
  policy: string;
  /** Σ over assignments of (best eligible rep's true rate − chosen rep's true rate). */
  regret: number;
  conversions: number;
  /** Σ of the chosen reps' true rates: conversions without the luck. */
  expectedConversions: number;
  revenue: number;
  violations: number;
  violationsByRule: Record<string, number>;
  assigned: number;
  /** Leads that waited in the queue because no rep qualified on arrival. */
  queued: number;
  /** Leads still queued when the simulation ended. */
  unassigned: number;
  averageWaitHours: number;
  /** Outcome events delivered twice that the policy correctly ignored. */
  duplicatesIgnored: number;
  /** For leads queued on arrival: how often each kind of rule excluded a rep (e.g. "outside working hours"). */
  queueReasons: Record<string, number>;
  log?: LoggedAssignment[];
}

export const DEFAULT_FAIRNESS: FairnessFloor = { minShare: 0.02, learningLeads: 10 };

type SimEvent = { kind: 'close' | 'redeliver'; lead: SimLead; rep: number; reward: number };

export function simulate(world: World, policy: BanditPolicy, options: SimulationOptions): SimulationResult {
  const rng = new Rng(options.seed);
  const fairness = options.fairness ?? DEFAULT_FAIRNESS;
  const R = world.reps.length;
  const S = world.segments.length;
  const repIndex = new Map(world.reps.map((r, i) => [r.id, i]));
  const team: TeamState = { open: new Int32Array(R), assignedThisWeek: new Int32Array(R), assignedTotal: new Int32Array(R), teamAssigned: 0 };
  const loads = new Map<string, RepLoad>(world.reps.map((r) => [r.id, { open: 0, assignedThisPeriod: 0, assignedTotal: 0, teamAssignedSinceJoined: 0 }]));
  const events = new EventQueue<SimEvent>();
  const result: SimulationResult = {
    policy: policy.name, regret: 0, conversions: 0, expectedConversions: 0, revenue: 0, violations: 0, violationsByRule: {},
    assigned: 0, queued: 0, unassigned: 0, averageWaitHours: 0, duplicatesIgnored: 0, queueReasons: {}, log: options.keepLog ? [] : undefined,
  };
  let week = 0;
  let waitMs = 0;
  let queue: SimLead[] = [];

  const syncLoads = () => {
    for (let a = 0; a < R; a++) {
      const l = loads.get(world.reps[a].id)!;
      l.open = team.open[a];
      l.assignedThisPeriod = team.assignedThisWeek[a];
      l.assignedTotal = team.assignedTotal[a];
      l.teamAssignedSinceJoined = team.teamAssigned; // the whole team starts on day one
    }
  };

  const deliver = (e: SimEvent) => {
    const applied = policy.update({ eventId: `${e.lead.id}:outcome`, context: { segment: e.lead.segment }, rep: world.reps[e.rep].id, reward: e.reward });
    if (!applied) result.duplicatesIgnored++;
  };

  // The queue is retried only when something may have changed: a lead closed, or an hour passed.
  let changedSinceRetry = false;
  let lastRetryHour = -1;
  const retryQueue = (now: number) => {
    const hour = Math.floor(now / 3_600_000);
    if (queue.length === 0 || (!changedSinceRetry && hour === lastRetryHour)) return;
    changedSinceRetry = false;
    lastRetryHour = hour;
    queue = queue.filter((q) => !tryAssign(q, now));
  };

  const processEventsUntil = (now: number) => {
    while (events.size > 0 && events.peekTime() <= now) {
      const time = events.peekTime();
      const e = events.pop();
      if (e.kind === 'close') {
        team.open[e.rep]--;
        changedSinceRetry = true;
        deliver(e);
        if (e.lead.duplicated) events.push(time + 86_400_000, { ...e, kind: 'redeliver' });
      } else {
        deliver(e);
      }
    }
  };

  const tryAssign = (lead: SimLead, now: number, onArrival = false): boolean => {
    syncLoads();
    const decision = assignLead(lead, world.reps, loads, policy, rng, now, { fairness, periodName: 'weekly' });
    if (decision.status === 'queued') {
      if (onArrival) {
        for (const { reasons } of decision.reasons) {
          for (const r of reasons) {
            const kind = render(r, 'en').split(/[:(]| until| \d/)[0].trim();
            result.queueReasons[kind] = (result.queueReasons[kind] ?? 0) + 1;
          }
        }
      }
      return false;
    }
    const a = repIndex.get(decision.rep)!;
    const breaches = ruleBreaches(world, lead, a, team, now, fairness);
    result.violations += breaches.length ? 1 : 0;
    for (const b of breaches) result.violationsByRule[b] = (result.violationsByRule[b] ?? 0) + 1;

    const rate = world.rates[a * S + lead.segmentIndex];
    let best = 0;
    for (const id of decision.eligible) best = Math.max(best, world.rates[repIndex.get(id)! * S + lead.segmentIndex]);
    result.regret += best - rate;
    result.expectedConversions += rate;
    const won = lead.convertDraw < rate;
    const revenue = won ? lead.dealSize * world.dealMultiplier[a] : 0;
    result.conversions += won ? 1 : 0;
    result.revenue += revenue;
    result.assigned++;
    waitMs += now - lead.arrival;

    team.open[a]++;
    team.assignedThisWeek[a]++;
    team.assignedTotal[a]++;
    team.teamAssigned++;
    const closeAt = now + lead.closeDays * (won ? world.wonDelayFactor : 1) * 86_400_000;
    const reward = options.reward === 'revenue' ? revenue : won ? 1 : 0;
    events.push(closeAt, { kind: 'close', lead, rep: a, reward });
    result.log?.push({ leadId: lead.id, segment: lead.segment, eligible: decision.eligible, rep: decision.rep, propensity: decision.propensity, reward: won ? 1 : 0 });
    return true;
  };

  const advanceTo = (now: number) => {
    processEventsUntil(now);
    const w = Math.floor((now - world.start) / world.weekMs);
    if (w !== week) {
      week = w;
      team.assignedThisWeek.fill(0);
      changedSinceRetry = true;
    }
    retryQueue(now);
  };

  for (const lead of world.leads) {
    advanceTo(lead.arrival);
    if (!tryAssign(lead, lead.arrival, true)) {
      queue.push(lead);
      result.queued++;
    }
  }
  // After the last arrival, keep working the queue hour by hour for up to two weeks.
  const last = world.leads.length ? world.leads[world.leads.length - 1].arrival : world.start;
  for (let h = 1; h <= 14 * 24 && queue.length; h++) advanceTo(last + h * 3_600_000);
  processEventsUntil(Infinity);
  result.unassigned = queue.length;
  result.averageWaitHours = result.assigned ? waitMs / result.assigned / 3_600_000 : 0;
  return result;
}
