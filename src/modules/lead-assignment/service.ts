// Lead assignment as a product: loads the lead, the candidate reps' rules and their current loads
// from the database, lets the rules and the active policy decide, and writes the owner, the log row
// with its reason, the audit entry and the policy's new state in one transaction.
import { createHash } from 'node:crypto';
import type { Text } from '../../core/i18n.ts';
import type { Db } from '../../db/client.ts';
import { ForbiddenError, InputError, NotFoundError } from '../../core/errors.ts';
import { Rng } from '../../ml/random.ts';
import type { Actor } from '../crm/access.ts';
import { writeAudit } from '../crm/audit.ts';
import { assignLead as decide } from './assign.ts';
import { joinTexts, msg } from './messages.ts';
import { lockPolicy, saveState } from './policy-store.ts';
import { loadProfiles, toRepProfile, type ProfileRow } from './profiles.ts';
import type { LeadFacts, RepLoad } from './rules.ts';

export interface AssignOptions {
  /** Decision time (tests); default now. */
  now?: Date;
  /** Admins: only reps of this team. */
  teamId?: string;
}

export interface RepRef {
  id: string;
  name: string;
}

export interface AssignmentResult {
  assignment_id: number;
  lead_id: string;
  status: 'assigned' | 'queued';
  rep: RepRef | null;
  policy: string;
  propensity: number | null;
  /** Rendered in the reader's language. */
  explanation: Text | string;
  why: Record<string, unknown>;
  queued_reason: Text | string | null;
}

const OPEN_LEAD = `status NOT IN ('converted', 'disqualified') AND converted IS NOT TRUE`;

/** The reps the actor may assign to: their teams' active reps (admins: every active rep, or one team's). */
export async function candidateReps(db: Db, actor: Actor, teamId?: string): Promise<string[]> {
  if (actor.role === 'rep') throw new ForbiddenError('only managers and admins assign leads');
  const { rows } = await db.query<{ id: string }>(
    `SELECT u.id FROM users u LEFT JOIN teams t ON t.id = u.team_id
     WHERE u.role = 'rep' AND u.active AND ($1::boolean OR t.manager_id = $2) AND ($3::uuid IS NULL OR u.team_id = $3)
     ORDER BY u.id`,
    [actor.role === 'admin', actor.id, teamId ?? null],
  );
  return rows.map((r) => r.id);
}

function periodStart(now: Date, period: 'week' | 'month'): Date {
  if (period === 'month') return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const day = (now.getUTCDay() + 6) % 7; // Monday = 0
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - day));
}

/** Current loads from the database: open leads, assignments this period and in total, team leads since joining. */
async function loadLoads(tx: Db, profiles: ProfileRow[], leadId: string, now: Date): Promise<Map<string, RepLoad>> {
  const ids = profiles.map((p) => p.user_id);
  const { rows: open } = await tx.query<{ owner_id: string; n: number }>(
    `SELECT owner_id, count(*)::int AS n FROM leads WHERE owner_id = ANY($1::uuid[]) AND id <> $2 AND ${OPEN_LEAD} GROUP BY owner_id`,
    [ids, leadId],
  );
  const { rows: assigned } = await tx.query<{ rep_id: string; week: number; month: number; total: number }>(
    `SELECT rep_id, count(*) FILTER (WHERE assigned_at >= $2)::int AS week, count(*) FILTER (WHERE assigned_at >= $3)::int AS month, count(*)::int AS total
     FROM lead_assignments WHERE status = 'assigned' AND rep_id = ANY($1::uuid[]) GROUP BY rep_id`,
    [ids, periodStart(now, 'week'), periodStart(now, 'month')],
  );
  const { rows: team } = await tx.query<{ id: string; n: number }>(
    `SELECT u.id, (SELECT count(*)::int FROM lead_assignments la WHERE la.status = 'assigned' AND la.rep_id = ANY($1::uuid[]) AND la.assigned_at >= u.created_at) AS n
     FROM users u WHERE u.id = ANY($1::uuid[])`,
    [ids],
  );
  const openBy = new Map(open.map((r) => [r.owner_id, r.n]));
  const assignedBy = new Map(assigned.map((r) => [r.rep_id, r]));
  const teamBy = new Map(team.map((r) => [r.id, r.n]));
  return new Map(profiles.map((p) => {
    const a = assignedBy.get(p.user_id);
    return [p.user_id, {
      open: openBy.get(p.user_id) ?? 0,
      assignedThisPeriod: (p.quota_period === 'month' ? a?.month : a?.week) ?? 0,
      assignedTotal: a?.total ?? 0,
      teamAssignedSinceJoined: teamBy.get(p.user_id) ?? 0,
    }];
  }));
}

export function leadFacts(lead: Record<string, any>): LeadFacts {
  const attrs = (lead.attributes ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  return {
    id: lead.id,
    segment: text(lead.industry) ?? 'Unknown',
    territory: text(attrs.territory) ?? text(lead.country),
    language: text(lead.language),
    product: text(attrs.product),
  };
}

/** A deterministic seed per decision, so a replayed database gives the same choices. */
function seedFor(leadId: string, version: number, count: number): number {
  return createHash('sha256').update(`${leadId}:${version}:${count}`).digest().readUInt32LE(0);
}

/** Assigns one lead (or queues it with the reason) in one transaction. */
export async function assignLead(db: Db, leadId: string, actor: Actor, options: AssignOptions = {}): Promise<AssignmentResult> {
  if (actor.role === 'rep') throw new ForbiddenError('only managers and admins assign leads');
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    // Locks in the CRM's order, the lead before the policy: a lead update that records an outcome
    // holds the lead and then takes the policy, so the other order could deadlock with it.
    const { rows } = await tx.query('SELECT id, name, industry, country, language, attributes, owner_id FROM leads WHERE id = $1 FOR UPDATE', [leadId]);
    const lead = rows[0];
    if (!lead) throw new NotFoundError(`lead ${leadId} not found`);
    const policy = await lockPolicy(tx); // serialises decisions: loads and policy state stay consistent
    const reps = await candidateReps(tx, actor, options.teamId);
    if (lead.owner_id && actor.role !== 'admin' && !reps.includes(String(lead.owner_id)) && lead.owner_id !== actor.id) {
      throw new NotFoundError(`lead ${leadId} not found`); // owned outside the actor's scope: as if absent
    }
    const profiles = await loadProfiles(tx, reps);
    const accepting = profiles.filter((p) => p.accepting);
    const loads = await loadLoads(tx, accepting, leadId, now);
    const facts = leadFacts(lead);
    const periods = new Set(accepting.map((p) => p.quota_period));
    const periodName = periods.size === 1 ? (periods.has('month') ? 'monthly' : 'weekly') : undefined;
    const { rows: countRows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM lead_assignments WHERE lead_id = $1', [leadId]);
    const rng = new Rng(seedFor(leadId, policy.stored.version, countRows[0].n));
    const repProfiles = accepting.map(toRepProfile);
    const decision = decide(facts, repProfiles, loads, policy.instance, rng, now.getTime(), { fairness: policy.fairness, periodName });
    const names = new Map(profiles.map((p) => [p.user_id, p.name]));
    const ref = (id: string): RepRef => ({ id, name: names.get(id) ?? id });
    const excluded: (RepRef & { reasons: Text[] })[] = profiles.filter((p) => !p.accepting).map((p) => ({ ...ref(p.user_id), reasons: [msg('assign.reason.notAccepting')] }));

    if (decision.status === 'queued') {
      for (const r of decision.reasons) excluded.push({ ...ref(r.rep), reasons: r.reasons });
      const queuedReason = reps.length === 0
        ? msg('assign.queued.noTeamReps')
        : joinTexts(excluded.map((e) => msg('assign.excluded', { name: e.name, reasons: joinTexts(e.reasons) })), 'assign.join.semicolon');
      const why = { segment: facts.segment, territory: facts.territory ?? null, language: facts.language ?? null, product: facts.product ?? null, eligible: [], excluded };
      const id = await insertLog(tx, {
        leadId, status: 'queued', repId: null, policy: policy.stored.policy, version: policy.stored.version, propensity: null,
        segment: facts.segment, eligible: [], explanation: decision.explanation, why, queuedReason, actorId: actor.id, now,
      });
      await writeAudit(tx, actor, { action: 'assignment_queued', entity: 'leads', entityId: leadId, detail: { assignment_id: id, queued_reason: queuedReason } });
      return { assignment_id: id, lead_id: leadId, status: 'queued', rep: null, policy: policy.stored.policy, propensity: null, explanation: decision.explanation, why, queued_reason: queuedReason };
    }

    for (const r of decision.rejected) excluded.push({ ...ref(r.rep), reasons: r.reasons });
    const chosen = accepting.find((p) => p.user_id === decision.rep)!;
    const load = loads.get(decision.rep)!;
    const why = {
      segment: facts.segment,
      territory: facts.territory ?? null,
      language: facts.language ?? null,
      product: facts.product ?? null,
      rep_id: decision.rep,
      rep_name: chosen.name,
      open_leads: load.open,
      max_open_leads: chosen.max_open_leads,
      assigned_this_period: load.assignedThisPeriod,
      quota_per_period: chosen.quota_per_period,
      quota_period: chosen.quota_period,
      policy: policy.stored.policy,
      policy_reason: decision.policyExplanation,
      exploring: decision.exploring,
      fairness_floor: decision.fairnessFloor,
      eligible: decision.eligible.map(ref),
      excluded,
    };
    await tx.query('UPDATE leads SET owner_id = $2, updated_at = now() WHERE id = $1', [leadId, decision.rep]);
    const id = await insertLog(tx, {
      leadId, status: 'assigned', repId: decision.rep, policy: policy.stored.policy, version: policy.stored.version, propensity: decision.propensity,
      segment: facts.segment, eligible: decision.eligible, explanation: decision.explanation, why, queuedReason: null, actorId: actor.id, now,
    });
    await saveState(tx, policy.instance);
    await writeAudit(tx, actor, {
      action: 'assign', entity: 'leads', entityId: leadId,
      before: { owner_id: lead.owner_id ?? null }, after: { owner_id: decision.rep },
      detail: { assignment_id: id, policy: policy.stored.policy, explanation: decision.explanation },
    });
    return {
      assignment_id: id, lead_id: leadId, status: 'assigned', rep: ref(decision.rep), policy: policy.stored.policy,
      propensity: decision.propensity, explanation: decision.explanation, why, queued_reason: null,
    };
  });
}

interface LogInsert {
  leadId: string;
  status: 'assigned' | 'queued';
  repId: string | null;
  policy: string;
  version: number;
  propensity: number | null;
  segment: string;
  eligible: string[];
  explanation: Text;
  why: unknown;
  queuedReason: Text | string | null;
  actorId: string | null;
  now: Date;
}

async function insertLog(tx: Db, e: LogInsert): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO lead_assignments (lead_id, status, rep_id, policy, policy_version, propensity, segment, eligible, explanation, why, queued_reason, assigned_by, assigned_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11::jsonb, (SELECT id FROM users WHERE id = $12), $13) RETURNING id`,
    [e.leadId, e.status, e.repId, e.policy, e.version, e.propensity, e.segment, JSON.stringify(e.eligible), JSON.stringify(e.explanation), JSON.stringify(e.why), e.queuedReason === null ? null : JSON.stringify(e.queuedReason), e.actorId, e.now],
  );
  return rows[0].id;
}

/** Assigns every unowned lead, oldest first, each in its own transaction. */
export async function assignUnassigned(db: Db, actor: Actor, options: AssignOptions & { limit?: number } = {}) {
  if (actor.role === 'rep') throw new ForbiddenError('only managers and admins assign leads');
  const limit = options.limit ?? 500;
  if (!Number.isInteger(limit) || limit < 1 || limit > 5000) throw new InputError('invalid limit', [{ column: 'limit', value: String(limit), reason: 'must be a whole number from 1 to 5000' }]);
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM leads WHERE owner_id IS NULL AND ${OPEN_LEAD} ORDER BY created_at, id LIMIT ${limit}`);
  const results: AssignmentResult[] = [];
  for (const { id } of rows) results.push(await assignLead(db, id, actor, options));
  return {
    assigned: results.filter((r) => r.status === 'assigned').length,
    queued: results.filter((r) => r.status === 'queued').length,
    results: results.map((r) => ({ lead_id: r.lead_id, status: r.status, rep: r.rep, explanation: r.explanation, queued_reason: r.queued_reason })),
  };
}
