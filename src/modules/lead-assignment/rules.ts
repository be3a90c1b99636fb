// The rules every assignment obeys, applied before any policy chooses: capacity, quota,
// territory, language, product skills, working hours, absences, and a fairness floor for new reps.
// Pure: the caller supplies each rep's current load and the time; nothing here reads a clock or a database.
import type { Text } from '../../core/i18n.ts';
import { joinTexts, msg } from './messages.ts';

export interface WorkingHours {
  /** Days worked, 0 = Sunday … 6 = Saturday, in the rep's local time. */
  days: number[];
  /** Local hours [startHour, endHour); endHour < startHour means a shift across midnight. */
  startHour: number;
  endHour: number;
  utcOffsetHours: number;
}

/** Time away, epoch milliseconds, [from, to). */
export interface Absence {
  from: number;
  to: number;
}

export interface RepProfile {
  id: string;
  name: string;
  maxOpenLeads: number;
  /** Most new leads per period (the caller decides the period, e.g. a week); absent = no quota. */
  quotaPerPeriod?: number;
  /** Empty list = no restriction. */
  territories: string[];
  languages: string[];
  products: string[];
  /** Absent = always reachable. */
  workingHours?: WorkingHours;
  absences: Absence[];
}

export interface RepLoad {
  open: number;
  assignedThisPeriod: number;
  assignedTotal: number;
  /** Leads the whole team received since this rep joined (the fairness floor's denominator). */
  teamAssignedSinceJoined: number;
}

export interface LeadFacts {
  id: string;
  segment: string;
  territory?: string;
  language?: string;
  product?: string;
}

export interface FairnessFloor {
  /** A new rep below this share of the team's leads since joining is served first. */
  minShare: number;
  /** A rep counts as new until they have had this many leads. */
  learningLeads: number;
}

export interface RuleSettings {
  fairness?: FairnessFloor;
  /** The quota period named in reasons: "weekly" or "monthly" (anything else reads "period"). */
  periodName?: string;
}

export interface RepRejection {
  rep: string;
  /** Each rendered in the reader's language (render(r, 'en') for the English sentence). */
  reasons: Text[];
}

export interface RuleVerdict {
  eligible: string[];
  rejected: RepRejection[];
  /** Set when the fairness floor narrowed the choice to these new reps. */
  fairnessReps: string[];
}

export function isWorking(hours: WorkingHours, now: number): boolean {
  const local = new Date(now + hours.utcOffsetHours * 3_600_000);
  const hour = local.getUTCHours() + local.getUTCMinutes() / 60;
  const day = local.getUTCDay();
  if (hours.startHour <= hours.endHour) return hours.days.includes(day) && hour >= hours.startHour && hour < hours.endHour;
  // Overnight shift: the part after midnight belongs to the previous day's shift.
  if (hour >= hours.startHour) return hours.days.includes(day);
  return hour < hours.endHour && hours.days.includes((day + 6) % 7);
}

function describeHours(h: WorkingHours): Text {
  const days = joinTexts(h.days.map((d) => msg(`assign.day.${d}` as Parameters<typeof msg>[0])), 'assign.join.tight');
  const offset = h.utcOffsetHours === 0 ? 'UTC' : `UTC${h.utcOffsetHours > 0 ? '+' : '−'}${Math.abs(h.utcOffsetHours)}`;
  return msg('assign.hours', { days, start: String(h.startHour), end: String(h.endHour), offset });
}

function covers(list: string[], value: string | undefined): boolean {
  return list.length === 0 || value === undefined || list.includes(value);
}

/** Every hard rule the rep breaks for this lead right now (empty = may take it). */
export function hardRuleReasons(lead: LeadFacts, rep: RepProfile, load: RepLoad, now: number, settings: RuleSettings = {}): Text[] {
  const reasons: Text[] = [];
  const absence = rep.absences.find((a) => now >= a.from && now < a.to);
  if (absence) reasons.push(msg('assign.reason.absent', { date: new Date(absence.to).toISOString().slice(0, 10) }));
  if (rep.workingHours && !isWorking(rep.workingHours, now)) reasons.push(msg('assign.reason.hours', { hours: describeHours(rep.workingHours) }));
  if (load.open >= rep.maxOpenLeads) reasons.push(msg('assign.reason.capacity', { open: String(load.open), max: String(rep.maxOpenLeads) }));
  if (rep.quotaPerPeriod !== undefined && load.assignedThisPeriod >= rep.quotaPerPeriod) {
    const key = settings.periodName === 'weekly' ? 'assign.reason.quota.weekly' : settings.periodName === 'monthly' ? 'assign.reason.quota.monthly' : 'assign.reason.quota.period';
    reasons.push(msg(key, { assigned: String(load.assignedThisPeriod), quota: String(rep.quotaPerPeriod) }));
  }
  // Territories, languages and products are the team's own codes: data, shown as they are.
  if (!covers(rep.territories, lead.territory)) reasons.push(msg('assign.reason.territory', { territory: lead.territory!, covered: joinTexts(rep.territories) }));
  if (!covers(rep.languages, lead.language)) reasons.push(msg('assign.reason.language', { language: lead.language!, covered: joinTexts(rep.languages) }));
  if (!covers(rep.products, lead.product)) reasons.push(msg('assign.reason.product', { product: lead.product!, covered: joinTexts(rep.products) }));
  return reasons;
}

/** True while the rep is new and has had fewer than minShare of the team's leads since joining. */
export function belowFairnessFloor(load: RepLoad, floor: FairnessFloor): boolean {
  return load.assignedTotal < floor.learningLeads && load.assignedTotal < floor.minShare * load.teamAssignedSinceJoined;
}

const NO_LOAD: RepLoad = { open: 0, assignedThisPeriod: 0, assignedTotal: 0, teamAssignedSinceJoined: 0 };

/**
 * Which reps may take the lead. Hard rules first; then, if any qualifying new rep is below the
 * fairness floor, only those reps remain eligible (the others are listed with that reason).
 */
export function evaluateRules(
  lead: LeadFacts,
  reps: readonly RepProfile[],
  loads: ReadonlyMap<string, RepLoad>,
  now: number,
  settings: RuleSettings = {},
): RuleVerdict {
  const eligible: string[] = [];
  const rejected: RepRejection[] = [];
  for (const rep of reps) {
    const reasons = hardRuleReasons(lead, rep, loads.get(rep.id) ?? NO_LOAD, now, settings);
    if (reasons.length) rejected.push({ rep: rep.id, reasons });
    else eligible.push(rep.id);
  }
  const floor = settings.fairness;
  if (!floor) return { eligible, rejected, fairnessReps: [] };
  const fairnessReps = eligible.filter((id) => belowFairnessFloor(loads.get(id) ?? NO_LOAD, floor));
  if (fairnessReps.length === 0) return { eligible, rejected, fairnessReps };
  for (const id of eligible) {
    if (!fairnessReps.includes(id)) rejected.push({ rep: id, reasons: [msg('assign.reason.fairness')] });
  }
  return { eligible: fairnessReps, rejected, fairnessReps };
}
