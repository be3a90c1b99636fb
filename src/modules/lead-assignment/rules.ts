// The rules every assignment obeys, applied before any policy chooses: capacity, quota,
// territory, language, product skills, working hours, absences, and a fairness floor for new reps.
// Pure: the caller supplies each rep's current load and the time; nothing here reads a clock or a database.

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
  /** Word for the quota period in reasons, e.g. "weekly". */
  periodName?: string;
}

export interface RepRejection {
  rep: string;
  reasons: string[];
}

export interface RuleVerdict {
  eligible: string[];
  rejected: RepRejection[];
  /** Set when the fairness floor narrowed the choice to these new reps. */
  fairnessReps: string[];
}

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function isWorking(hours: WorkingHours, now: number): boolean {
  const local = new Date(now + hours.utcOffsetHours * 3_600_000);
  const hour = local.getUTCHours() + local.getUTCMinutes() / 60;
  const day = local.getUTCDay();
  if (hours.startHour <= hours.endHour) return hours.days.includes(day) && hour >= hours.startHour && hour < hours.endHour;
  // Overnight shift: the part after midnight belongs to the previous day's shift.
  if (hour >= hours.startHour) return hours.days.includes(day);
  return hour < hours.endHour && hours.days.includes((day + 6) % 7);
}

function describeHours(h: WorkingHours): string {
  const days = h.days.map((d) => DAY_NAMES[d]).join(',');
  const offset = h.utcOffsetHours === 0 ? 'UTC' : `UTC${h.utcOffsetHours > 0 ? '+' : '−'}${Math.abs(h.utcOffsetHours)}`;
  return `${days} ${h.startHour}:00–${h.endHour}:00 ${offset}`;
}

function covers(list: string[], value: string | undefined): boolean {
  return list.length === 0 || value === undefined || list.includes(value);
}

/** Every hard rule the rep breaks for this lead right now (empty = may take it). */
export function hardRuleReasons(lead: LeadFacts, rep: RepProfile, load: RepLoad, now: number, settings: RuleSettings = {}): string[] {
  const reasons: string[] = [];
  const absence = rep.absences.find((a) => now >= a.from && now < a.to);
  if (absence) reasons.push(`absent until ${new Date(absence.to).toISOString().slice(0, 10)}`);
  if (rep.workingHours && !isWorking(rep.workingHours, now)) reasons.push(`outside working hours (${describeHours(rep.workingHours)})`);
  if (load.open >= rep.maxOpenLeads) reasons.push(`at capacity: ${load.open}/${rep.maxOpenLeads} open leads`);
  if (rep.quotaPerPeriod !== undefined && load.assignedThisPeriod >= rep.quotaPerPeriod) {
    reasons.push(`${settings.periodName ?? 'period'} quota reached: ${load.assignedThisPeriod}/${rep.quotaPerPeriod} leads`);
  }
  if (!covers(rep.territories, lead.territory)) reasons.push(`territory ${lead.territory} not covered (covers ${rep.territories.join(', ')})`);
  if (!covers(rep.languages, lead.language)) reasons.push(`does not speak ${lead.language} (speaks ${rep.languages.join(', ')})`);
  if (!covers(rep.products, lead.product)) reasons.push(`not skilled in ${lead.product} (sells ${rep.products.join(', ')})`);
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
    if (!fairnessReps.includes(id)) rejected.push({ rep: id, reasons: ['a new rep below the minimum share is served first'] });
  }
  return { eligible: fairnessReps, rejected, fairnessReps };
}
