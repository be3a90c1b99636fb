// Lead assignment over HTTP: assign one lead or every unowned one, the log and the queue, rep
// profiles (the rules), outcomes, the active policy, and off-policy evaluation. See docs/api/lead-assignment.md.
import type { FastifyInstance } from 'fastify';
import { ForbiddenError, NotFoundError } from '../../core/errors.ts';
import { actorOf } from '../../api/context.ts';
import { POLICY_NAMES } from '../../ml/bandits/registry.ts';
import type { Actor } from '../crm/access.ts';
import { ENTITIES } from '../crm/entities.ts';
import { writeAudit } from '../crm/audit.ts';
import { evaluateFromLog } from './log-evaluation.ts';
import { leadHistory, listLog, listQueue } from './log.ts';
import { outcomeFromLeadUpdate, recordOutcome } from './outcomes.ts';
import { readPolicy, setPolicy } from './policy-store.ts';
import { getProfile, loadProfiles, mergeProfilePatch, profileJson, saveProfile } from './profiles.ts';
import { assignLead, assignUnassigned, candidateReps, type AssignmentResult } from './service.ts';

const TAGS = ['lead assignment'];
const uuid = { type: 'string', format: 'uuid' };
const leadBody = { type: 'object', properties: { lead_id: uuid, team_id: uuid }, required: ['lead_id'], additionalProperties: false };

function requireManager(actor: Actor): void {
  if (actor.role === 'rep') throw new ForbiddenError('only managers and admins can do this');
}

/** Reps a manager may configure: their teams' reps (admins: everyone; reps: themselves, read-only). */
async function checkProfileAccess(app: FastifyInstance, actor: Actor, userId: string, write: boolean): Promise<void> {
  if (actor.role === 'admin') return;
  if (actor.role === 'rep') {
    if (write) throw new ForbiddenError('only managers and admins change assignment profiles');
    if (userId !== actor.id) throw new NotFoundError(`user ${userId} not found`);
    return;
  }
  const reps = await candidateReps(app.ctx.db, actor);
  if (!reps.includes(userId)) throw new NotFoundError(`user ${userId} not found`);
}

async function policyJson(app: FastifyInstance) {
  const p = await readPolicy(app.ctx.db);
  const { rows } = await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM lead_assignments WHERE reward_key IS NOT NULL');
  return { policy: p.policy, params: p.params, version: p.version, updated_at: p.updated_at, fairness: p.fairness, available: [...POLICY_NAMES], outcomes_applied: rows[0].n };
}

/** Thrown to roll back a preview's transaction while carrying its decision out. */
class PreviewRollback extends Error {
  constructor(readonly result: AssignmentResult) {
    super('assignment preview');
  }
}

/**
 * The decision assignLead would make now, with nothing kept: it runs in a transaction that is
 * rolled back, so the owner, the log row, the audit entry and the policy state stay as they were
 * (a later assign with unchanged loads and policy makes the same, seeded, choice).
 */
async function previewLead(app: FastifyInstance, leadId: string, actor: Actor, teamId?: string): Promise<AssignmentResult> {
  try {
    await app.ctx.db.transaction(async (tx) => {
      throw new PreviewRollback(await assignLead(tx, leadId, actor, { teamId }));
    });
  } catch (error) {
    if (error instanceof PreviewRollback) return error.result;
    throw error;
  }
  throw new Error('unreachable: the preview transaction always rolls back');
}

export async function leadAssignmentRoutes(app: FastifyInstance): Promise<void> {
  // Outcomes follow the CRM: a lead that converts (or is disqualified) rewards its assignment, in the same transaction.
  app.ctx.repo.onWrite(async (event) => {
    if (event.entity.name !== 'leads' || event.action !== 'update' || !event.before || !event.after) return;
    const outcome = outcomeFromLeadUpdate(event.before, event.after);
    if (!outcome) return;
    // The revenue policy learns from amounts, which a converted flag does not carry: only losses (0) are derived for it.
    if (outcome.reward > 0 && (await readPolicy(event.tx)).policy === 'thompson-revenue') return;
    await recordOutcome(event.tx, { leadId: String(event.after.id), ...outcome });
  });

  app.post('/api/v1/assignment/assign', {
    schema: { tags: TAGS, summary: 'Assign one lead by the rules and the active policy (or queue it with the reason)', body: leadBody },
  }, async (request) => {
    const { lead_id, team_id } = request.body as { lead_id: string; team_id?: string };
    return assignLead(app.ctx.db, lead_id, actorOf(request), { teamId: team_id });
  });

  app.post('/api/v1/assignment/assign-unassigned', {
    schema: {
      tags: TAGS,
      summary: 'Assign every unowned lead, oldest first',
      body: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 5000 }, team_id: uuid }, additionalProperties: false },
    },
  }, async (request) => {
    const body = (request.body ?? {}) as { limit?: number; team_id?: string };
    return assignUnassigned(app.ctx.db, actorOf(request), { limit: body.limit, teamId: body.team_id });
  });

  app.post('/api/v1/assignment/preview', {
    schema: {
      tags: TAGS,
      summary: 'Who would get each lead now, and why, without assigning (the given leads, or the oldest unowned open leads)',
      body: {
        type: ['object', 'null'],
        properties: { lead_ids: { type: 'array', items: uuid, minItems: 1, maxItems: 100 }, limit: { type: 'integer', minimum: 1, maximum: 100 }, team_id: uuid },
        additionalProperties: false,
      },
    },
  }, async (request) => {
    const actor = actorOf(request);
    requireManager(actor);
    const body = (request.body ?? {}) as { lead_ids?: string[]; limit?: number; team_id?: string };
    const ids = body.lead_ids ?? (await app.ctx.db.query<{ id: string }>(
      `SELECT id FROM leads WHERE owner_id IS NULL AND status NOT IN ('converted', 'disqualified') AND converted IS NOT TRUE ORDER BY created_at, id LIMIT ${body.limit ?? 50}`,
    )).rows.map((r) => r.id);
    const { rows: names } = await app.ctx.db.query<{ id: string; name: string | null }>('SELECT id, name FROM leads WHERE id = ANY($1::uuid[])', [ids]);
    const nameOf = new Map(names.map((r) => [r.id, r.name]));
    const data = [];
    for (const id of ids) {
      const r = await previewLead(app, id, actor, body.team_id);
      data.push({ lead_id: id, lead_name: nameOf.get(id) ?? null, status: r.status, rep: r.rep, policy: r.policy, propensity: r.propensity, segment: r.why.segment ?? null, explanation: r.explanation, why: r.why, queued_reason: r.queued_reason });
    }
    return { data };
  });

  app.get('/api/v1/assignment/log', {
    schema: {
      tags: TAGS,
      summary: 'Assignment decisions with their reasons, newest first (scoped to your teams)',
      querystring: {
        type: 'object',
        properties: { lead_id: { type: 'string' }, rep_id: { type: 'string' }, limit: { type: 'string', pattern: '^[0-9]{1,4}$' }, before_id: { type: 'string', pattern: '^[0-9]{1,19}$' } },
        additionalProperties: false,
      },
    },
  }, async (request) => listLog(app.ctx.db, actorOf(request), request.query as Record<string, string>));

  app.get('/api/v1/leads/:id/assignments', {
    schema: { tags: TAGS, summary: 'Assignment history of a lead, with why', params: { type: 'object', properties: { id: uuid }, required: ['id'] } },
  }, async (request) => {
    const { id } = request.params as { id: string };
    await app.ctx.repo.get(ENTITIES.leads, actorOf(request), id);
    return leadHistory(app.ctx.db, id);
  });

  app.get('/api/v1/assignment/queue', {
    schema: { tags: TAGS, summary: 'Unowned leads waiting because no rep qualified, with the reason' },
  }, async (request) => listQueue(app.ctx.db, actorOf(request)));

  app.post('/api/v1/assignment/outcomes', {
    schema: {
      tags: TAGS,
      summary: 'Record the outcome of a lead (idempotent per key)',
      body: {
        type: 'object',
        properties: { lead_id: uuid, reward: { type: 'number', minimum: 0 }, key: { type: 'string', minLength: 1, maxLength: 300 } },
        required: ['lead_id', 'reward', 'key'],
        additionalProperties: false,
      },
    },
  }, async (request) => {
    const actor = actorOf(request);
    requireManager(actor);
    const { lead_id, reward, key } = request.body as { lead_id: string; reward: number; key: string };
    if (actor.role !== 'admin') {
      const { rows } = await app.ctx.db.query<{ owner_id: string | null }>('SELECT owner_id FROM leads WHERE id = $1', [lead_id]);
      if (rows[0]?.owner_id) await app.ctx.repo.get(ENTITIES.leads, actor, lead_id); // 404 outside scope
    }
    return recordOutcome(app.ctx.db, { leadId: lead_id, reward, key });
  });

  app.get('/api/v1/assignment/profiles', {
    schema: { tags: TAGS, summary: 'Assignment rules of the reps you manage (admins: all reps)' },
  }, async (request) => {
    const actor = actorOf(request);
    const ids = actor.role === 'rep' ? [actor.id] : await candidateReps(app.ctx.db, actor);
    return { data: (await loadProfiles(app.ctx.db, ids)).map(profileJson) };
  });

  app.get('/api/v1/assignment/profiles/:user_id', {
    schema: { tags: TAGS, summary: "A rep's assignment rules", params: { type: 'object', properties: { user_id: uuid }, required: ['user_id'] } },
  }, async (request) => {
    const { user_id } = request.params as { user_id: string };
    await checkProfileAccess(app, actorOf(request), user_id, false);
    return profileJson(await getProfile(app.ctx.db, user_id));
  });

  app.put('/api/v1/assignment/profiles/:user_id', {
    schema: {
      tags: TAGS,
      summary: "Change a rep's assignment rules (capacity, quota, territories, languages, products, hours, absences)",
      params: { type: 'object', properties: { user_id: uuid }, required: ['user_id'] },
      body: { type: 'object' },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const { user_id } = request.params as { user_id: string };
    await checkProfileAccess(app, actor, user_id, true);
    return app.ctx.db.transaction(async (tx) => {
      const before = await getProfile(tx, user_id);
      const after = mergeProfilePatch(before, request.body);
      await saveProfile(tx, after, actor.id);
      const saved = await getProfile(tx, user_id);
      await writeAudit(tx, actor, { action: 'update', entity: 'assignment_profiles', entityId: user_id, before: profileJson(before), after: profileJson(saved), requestId: String(request.id) });
      return profileJson(saved);
    });
  });

  app.get('/api/v1/assignment/policy', {
    schema: { tags: TAGS, summary: 'The active assignment policy and its parameters' },
  }, async () => policyJson(app));

  app.put('/api/v1/assignment/policy', {
    schema: {
      tags: TAGS,
      summary: 'Choose the assignment policy (admins); replays logged outcomes into it',
      body: {
        type: 'object',
        properties: { policy: { type: 'string', enum: [...POLICY_NAMES] }, params: { type: 'object' }, fairness: { type: 'object' } },
        required: ['policy'],
        additionalProperties: false,
      },
    },
  }, async (request) => {
    const actor = actorOf(request);
    if (actor.role !== 'admin') throw new ForbiddenError('only admins choose the assignment policy');
    const body = request.body as { policy: string; params?: unknown; fairness?: unknown };
    const before = await readPolicy(app.ctx.db);
    await setPolicy(app.ctx.db, body, actor.id);
    const after = await policyJson(app);
    await writeAudit(app.ctx.db, actor, {
      action: 'update', entity: 'assignment_policy', entityId: '1', requestId: String(request.id),
      before: { policy: before.policy, params: before.params, fairness: before.fairness, version: before.version },
      after: { policy: after.policy, params: after.params, fairness: after.fairness, version: after.version },
    });
    return after;
  });

  app.get('/api/v1/assignment/evaluation', {
    schema: {
      tags: TAGS,
      summary: 'Off-policy estimates (replay, IPS, self-normalised IPS, doubly robust) of candidate policies from the log',
      querystring: { type: 'object', properties: { resamples: { type: 'string', pattern: '^[0-9]{1,5}$' } }, additionalProperties: false },
    },
  }, async (request) => {
    requireManager(actorOf(request));
    const { resamples } = request.query as { resamples?: string };
    return evaluateFromLog(app.ctx.db, { resamples: resamples === undefined ? undefined : Number(resamples) });
  });
}
