// Lead scoring over HTTP: train and manage model versions, read the active model's evaluation,
// score leads (batch, on every lead write, and what-if payloads), and read scores with access checks.
import type { FastifyInstance } from 'fastify';
import { ForbiddenError, NotFoundError } from '../../core/errors.ts';
import { actorOf } from '../../api/context.ts';
import type { Actor } from '../crm/access.ts';
import { ENTITIES } from '../crm/entities.ts';
import {
  activateModel, activeModel, activeReport, leadScore, listLeadScores, listModels, scoreAllLeads, scoreLeadInTransaction,
  scorePayload, setGradeThreshold, trainLeadModel,
} from './service.ts';
import { parseThresholdRule } from './thresholds.ts';
import type { ModelChoice } from './scorer.ts';

const tags = ['lead scoring'];

function requireRole(actor: Actor, roles: Actor['role'][], what: string): void {
  if (!roles.includes(actor.role)) throw new ForbiddenError(`a ${actor.role} cannot ${what}`);
}

const whatIfProperties = {
  title: { type: 'string' }, industry: { type: 'string' }, country: { type: 'string' }, city: { type: 'string' }, language: { type: 'string' },
  source: { type: 'string' }, owner_name: { type: 'string' }, email: { type: 'string' }, phone: { type: 'string' }, notes: { type: 'string', maxLength: 100_000 },
  created_at: { type: 'string', format: 'date-time' }, attributes: { type: 'object' },
  calls: { type: 'number', minimum: 0 }, emails: { type: 'number', minimum: 0 }, meetings: { type: 'number', minimum: 0 }, notes_logged: { type: 'number', minimum: 0 },
  tasks: { type: 'number', minimum: 0 }, inbound: { type: 'number', minimum: 0 }, first_response_hours: { type: 'number', minimum: 0 }, days_since_last_activity: { type: 'number', minimum: 0 },
};

export async function leadScoringRoutes(app: FastifyInstance): Promise<void> {
  // Score-on-write: every lead created or updated through the API gets a score in the same transaction.
  app.ctx.repo.onWrite(async (event) => {
    if (event.entity.name !== 'leads' || event.action === 'delete' || !event.after) return;
    await scoreLeadInTransaction(event.tx, app.ctx.db, event.actor, String(event.after.id));
  });

  app.post('/api/v1/lead-scoring/train', {
    schema: {
      tags, summary: 'Train a lead scorer on stored leads; promote it if its hold-out log loss is no worse than the active model',
      body: { type: 'object', properties: { model: { type: 'string', enum: ['auto', 'logistic', 'gbdt'] }, force_promote: { type: 'boolean' } }, additionalProperties: false },
    },
  }, async (request) => {
    const actor = actorOf(request);
    requireRole(actor, ['admin', 'manager'], 'train lead-scoring models');
    const body = (request.body ?? {}) as { model?: ModelChoice; force_promote?: boolean };
    const r = await trainLeadModel(app.ctx.db, actor, { model: body.model, forcePromote: body.force_promote === true });
    const m = r.metrics as Record<string, unknown>;
    const headline = ['auc', 'pr_auc', 'log_loss', 'brier', 'base_rate', 'train_rows', 'holdout_rows', 'holdout_from'];
    return { ...r, metrics: Object.fromEntries(headline.map((k) => [k, m[k]])) };
  });

  app.get('/api/v1/lead-scoring/models', { schema: { tags, summary: 'Lead-scoring model versions with hold-out metrics' } }, async () => ({ data: await listModels(app.ctx.db) }));

  app.post('/api/v1/lead-scoring/models/:version/activate', {
    schema: { tags, summary: 'Make a model version the active one (admins)', params: { type: 'object', properties: { version: { type: 'string', pattern: '^[1-9][0-9]{0,8}$' } }, required: ['version'] } },
  }, async (request) => {
    requireRole(actorOf(request), ['admin'], 'activate models');
    const version = Number((request.params as { version: string }).version);
    await activateModel(app.ctx.db, version);
    return { version, active: true };
  });

  app.get('/api/v1/lead-scoring/model', { schema: { tags, summary: "The active model's evaluation: metrics, ROC, reliability, lift, importances, thresholds" } }, async () => activeReport(app.ctx.db));

  app.post('/api/v1/lead-scoring/score-all', {
    schema: { tags, summary: 'Score open (or all) leads with the active model and record drift', body: { type: 'object', properties: { scope: { type: 'string', enum: ['open', 'all'] } }, additionalProperties: false } },
  }, async (request) => {
    const actor = actorOf(request);
    requireRole(actor, ['admin', 'manager'], 'score all leads');
    const summary = await scoreAllLeads(app.ctx.db, actor, ((request.body ?? {}) as { scope?: 'open' | 'all' }).scope ?? 'open');
    if (!summary) throw new NotFoundError('no lead-scoring model is active: train one first');
    return summary;
  });

  app.get('/api/v1/leads/:id/score', {
    schema: { tags, summary: "A lead's latest score, grade, every reason code and the score history", params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] } },
  }, async (request) => {
    const { id } = request.params as { id: string };
    await app.ctx.repo.get(ENTITIES.leads, actorOf(request), id); // 404 outside the actor's scope
    return leadScore(app.ctx.db, id);
  });

  app.get('/api/v1/lead-scores', {
    schema: {
      tags, summary: 'Your visible leads with their latest score, best first',
      querystring: {
        type: 'object',
        properties: { grade: { type: 'string', enum: ['A', 'B', 'C', 'D'] }, owner_id: { type: 'string', format: 'uuid' }, limit: { type: 'string', pattern: '^[0-9]{1,4}$' }, offset: { type: 'string', pattern: '^[0-9]{1,9}$' } },
        additionalProperties: false,
      },
    },
  }, async (request) => {
    const q = request.query as { grade?: string; owner_id?: string; limit?: string; offset?: string };
    const limit = q.limit === undefined ? undefined : Number(q.limit);
    return listLeadScores(app.ctx.db, actorOf(request), { grade: q.grade, ownerId: q.owner_id, limit, offset: q.offset === undefined ? undefined : Number(q.offset) });
  });

  app.post('/api/v1/lead-scoring/score', {
    schema: { tags, summary: 'Score a lead payload without storing it (what-if)', body: { type: 'object', properties: whatIfProperties, additionalProperties: false } },
  }, async (request) => {
    const actor = actorOf(request);
    const model = await activeModel(app.ctx.db);
    if (!model) throw new NotFoundError('no lead-scoring model is active: train one first');
    return { model_version: model.version, ...(await scorePayload(app.ctx.db, actor, model, (request.body ?? {}) as Record<string, unknown>)) };
  });

  app.post('/api/v1/lead-scoring/thresholds', {
    schema: {
      tags, summary: 'Choose the grade-A cut-off by capacity or target precision/recall on the hold-out, and store it',
      body: {
        type: 'object',
        properties: { capacity: { type: 'number' }, per: { type: 'string', enum: ['day', 'week', 'month'] }, precision: { type: 'number' }, recall: { type: 'number' }, dry_run: { type: 'boolean' } },
        additionalProperties: false,
      },
    },
  }, async (request) => {
    const actor = actorOf(request);
    requireRole(actor, ['admin', 'manager'], 'change grade thresholds');
    const body = (request.body ?? {}) as { capacity?: number; per?: string; precision?: number; recall?: number; dry_run?: boolean };
    return setGradeThreshold(app.ctx.db, actor, parseThresholdRule(body), body.dry_run === true);
  });
}
