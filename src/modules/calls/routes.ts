// Conversation intelligence over HTTP: analysed calls and email threads, their highlights, the
// trackers, and behaviours per rep related to outcomes. Documented in docs/api/writer-calls.md.
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../api/context.ts';
import { behaviourReport } from './behaviour.ts';
import { analyzeActivity, analyzeAll, getCall, listCalls } from './service.ts';
import { createTracker, deleteTracker, listTrackers, updateTracker } from './trackers.ts';
import { trackerName } from './messages.ts';

const tags = ['calls'];
const uuid = { type: 'string', format: 'uuid' };
const activityParams = { type: 'object', properties: { activity_id: uuid }, required: ['activity_id'] };
const trackerParams = { type: 'object', properties: { id: { type: 'string', maxLength: 100 } }, required: ['id'] };
const trackerBody = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    keywords: { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 500 },
    examples: { type: 'array', items: { type: 'string', maxLength: 500 }, maxItems: 100 },
    threshold: { type: ['number', 'null'], exclusiveMinimum: 0, maximum: 1 },
  },
  additionalProperties: false,
};

export async function callsRoutes(app: FastifyInstance): Promise<void> {
  const { db, repo } = app.ctx;

  app.get('/api/v1/calls', {
    schema: {
      tags, summary: 'Analysed calls and email threads in your scope, newest first',
      querystring: { type: 'object', properties: { owner_id: uuid, limit: { type: 'string', pattern: '^[0-9]{1,3}$' } }, additionalProperties: false },
    },
  }, async (request) => {
    const q = request.query as { owner_id?: string; limit?: string };
    return { data: await listCalls(db, actorOf(request), { ownerId: q.owner_id, limit: q.limit ? Number(q.limit) : undefined }) };
  });

  app.get('/api/v1/calls/trackers', { schema: { tags, summary: 'Trackers: built-in and user-defined (keywords and example phrases)' } }, async () => ({ data: (await listTrackers(db)).map((t) => ({ ...t, name: trackerName(t.key, t.name) })) }));

  app.post('/api/v1/calls/trackers', {
    schema: { tags, summary: 'Define a tracker (managers and admins)', body: { ...trackerBody, required: ['name'] } },
  }, async (request, reply) => reply.code(201).send(await createTracker(db, actorOf(request), request.body as never)));

  app.patch('/api/v1/calls/trackers/:id', {
    schema: { tags, summary: 'Change a user-defined tracker (managers and admins)', params: trackerParams, body: trackerBody },
  }, async (request) => updateTracker(db, actorOf(request), (request.params as { id: string }).id, request.body as never));

  app.delete('/api/v1/calls/trackers/:id', {
    schema: { tags, summary: 'Delete a user-defined tracker (managers and admins)', params: trackerParams },
  }, async (request, reply) => {
    await deleteTracker(db, actorOf(request), (request.params as { id: string }).id);
    return reply.code(204).send();
  });

  app.get('/api/v1/calls/behaviour', {
    schema: {
      tags, summary: 'Conversation behaviours per rep and period, and their relation to won deals with confidence intervals',
      querystring: {
        type: 'object',
        properties: { owner_id: uuid, team_id: uuid, period: { type: 'string', enum: ['week', 'month', 'quarter'] }, from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' } },
        additionalProperties: false,
      },
    },
  }, async (request) => {
    const q = request.query as { owner_id?: string; team_id?: string; period?: 'week' | 'month' | 'quarter'; from?: string; to?: string };
    return behaviourReport(db, actorOf(request), { ownerId: q.owner_id, teamId: q.team_id, period: q.period, from: q.from, to: q.to });
  });

  app.post('/api/v1/calls/analyze-all', {
    schema: {
      tags, summary: 'Analyse every call with a transcript and every email in your scope (by default only those not analysed yet)',
      body: { type: ['object', 'null'], properties: { limit: { type: 'integer', minimum: 1, maximum: 20000 }, only_missing: { type: 'boolean' } }, additionalProperties: false },
    },
  }, async (request) => {
    const b = (request.body ?? {}) as { limit?: number; only_missing?: boolean };
    return analyzeAll(db, repo, actorOf(request), { limit: b.limit, onlyMissing: b.only_missing });
  });

  app.get('/api/v1/calls/:activity_id', {
    schema: { tags, summary: 'One analysed call: turns, tracker highlights (character offsets), sentiment line, summary, action items, metrics', params: activityParams },
  }, async (request) => getCall(db, repo, actorOf(request), (request.params as { activity_id: string }).activity_id));

  app.post('/api/v1/calls/:activity_id/analyze', {
    schema: { tags, summary: 'Analyse (or re-analyse) one call or email; the rep\'s action items become tasks once', params: activityParams },
  }, async (request) => {
    const r = await analyzeActivity(db, repo, actorOf(request), (request.params as { activity_id: string }).activity_id);
    return { ...r.view, tasks_created: r.tasksCreated };
  });
}
