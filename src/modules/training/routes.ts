// Training plans over HTTP: generate from a rep's gaps, list, and read with progress and KPIs.
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../api/context.ts';
import { createPlan, getPlan, listPlans } from './service.ts';

const tags = ['training'];

export async function trainingRoutes(app: FastifyInstance): Promise<void> {
  app.post('/api/v1/training-plans', {
    schema: {
      tags, summary: 'Generate a training plan from a rep\u2019s largest competency gaps; each step becomes a task',
      body: {
        type: 'object',
        properties: { user_id: { type: 'string', format: 'uuid' }, period: { type: 'string', maxLength: 40 }, weeks: { type: 'integer' }, gaps: { type: 'integer' } },
        required: ['user_id'], additionalProperties: false,
      },
    },
  }, async (request, reply) => {
    reply.code(201);
    return createPlan(app.ctx.db, actorOf(request), request.body as { user_id: string; period?: string; weeks?: number; gaps?: number });
  });

  app.get('/api/v1/training-plans', {
    schema: { tags, summary: 'Training plans you may see', querystring: { type: 'object', properties: { user_id: { type: 'string', format: 'uuid' } }, additionalProperties: false } },
  }, async (request) => ({ data: await listPlans(app.ctx.db, actorOf(request), (request.query as { user_id?: string }).user_id) }));

  app.get('/api/v1/training-plans/:id', {
    schema: { tags, summary: 'A training plan: steps with status, progress, targeted KPIs before and after', params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] } },
  }, async (request) => getPlan(app.ctx.db, actorOf(request), (request.params as { id: string }).id, { requestId: String(request.id) }));
}
