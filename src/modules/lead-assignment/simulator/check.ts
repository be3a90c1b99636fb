// An independent referee: re-checks every assignment the simulator makes against the world's
// own data, with its own arithmetic, so a bug in the rules engine or a policy that picks an
// ineligible rep shows up as a violation instead of hiding behind shared code.
import type { FairnessFloor } from '../rules.ts';
import type { SimLead, World } from './world.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface TeamState {
  open: Int32Array;
  assignedThisWeek: Int32Array;
  assignedTotal: Int32Array;
  teamAssigned: number;
}

function breachesHardRules(world: World, lead: SimLead, a: number, state: TeamState, now: number): string[] {
  const rep = world.reps[a];
  const out: string[] = [];
  if (rep.absences.some((x) => x.from <= now && now < x.to)) out.push('absent');
  const h = rep.workingHours;
  if (h) {
    const local = now + h.utcOffsetHours * HOUR_MS;
    const weekday = (Math.floor(local / DAY_MS) + 4) % 7; // 1970-01-01 was a Thursday
    const hour = (((local % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
    if (!h.days.includes(weekday) || hour < h.startHour || hour >= h.endHour) out.push('off hours');
  }
  if (state.open[a] >= rep.maxOpenLeads) out.push('capacity');
  if (rep.quotaPerPeriod !== undefined && state.assignedThisWeek[a] >= rep.quotaPerPeriod) out.push('quota');
  if (lead.territory && !rep.territories.includes(lead.territory)) out.push('territory');
  if (lead.language && !rep.languages.includes(lead.language)) out.push('language');
  if (lead.product && !rep.products.includes(lead.product)) out.push('product');
  return out;
}

/** Names of the rules broken by giving `lead` to rep index `a` at `now` (empty when the assignment is valid). */
export function ruleBreaches(world: World, lead: SimLead, a: number, state: TeamState, now: number, fairness?: FairnessFloor): string[] {
  const out = breachesHardRules(world, lead, a, state, now);
  if (fairness && out.length === 0) {
    const starved = (i: number) =>
      state.assignedTotal[i] < fairness.learningLeads && state.assignedTotal[i] < fairness.minShare * state.teamAssigned;
    if (!starved(a)) {
      for (let i = 0; i < world.reps.length; i++) {
        if (starved(i) && breachesHardRules(world, lead, i, state, now).length === 0) {
          out.push('fairness floor');
          break;
        }
      }
    }
  }
  return out;
}
