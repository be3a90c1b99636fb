// Pipeline forecast and win probability: HTTP routes. See docs/api/revenue.md.
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../api/context.ts';
import { ForbiddenError } from '../../core/errors.ts';
import { trainWinModel } from './model.ts';
import { dealWinProbability, parsePipelineOptions, pipelineForecast, scoreOpenDeals } from './service.ts';

const tags = ['pipeline'];

export async function pipelineRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/v1/pipeline/forecast', {
    schema: {
      tags,
      summary: 'Seeded Monte-Carlo of bookings by month (P10/P50/P90), commit/best case/pipeline, and the run-rate forecast',
      querystring: {
        type: 'object',
        properties: {
          months: { type: 'string', description: 'calendar months from the current one, 1–12 (default 3)' },
          simulations: { type: 'string', description: '100–100000 (default 5000)' },
          seed: { type: 'string', description: 'random seed (default 1)' },
          slip: { type: 'string', description: 'true (default) or false: slip close dates as history did' },
        },
        additionalProperties: false,
      },
    },
  }, async (request) => pipelineForecast(app.ctx.db, actorOf(request), parsePipelineOptions(request.query as Record<string, string>)));

  app.get('/api/v1/pipeline/deals', {
    schema: {
      tags,
      summary: 'Open deals with win probability, category, top reasons and risk signals',
      querystring: { type: 'object', properties: { stage: { type: 'string' }, owner_id: { type: 'string' } }, additionalProperties: false },
    },
  }, async (request) => {
    const q = request.query as { stage?: string; owner_id?: string };
    return scoreOpenDeals(app.ctx.db, actorOf(request), { stage: q.stage || undefined, ownerId: q.owner_id || undefined });
  });

  app.get('/api/v1/opportunities/:id/win-probability', {
    schema: { tags, summary: 'Win probability of one open opportunity, with reasons and risks', params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } },
  }, async (request) => dealWinProbability(app.ctx.db, actorOf(request), (request.params as { id: string }).id));

  app.post('/api/v1/pipeline/train', {
    schema: { tags, summary: 'Train the win-probability model on closed deals (managers and admins); reports hold-out AUC and Brier' },
  }, async (request) => {
    const actor = actorOf(request);
    if (actor.role === 'rep') throw new ForbiddenError('only managers and admins can train the win-probability model');
    const m = await trainWinModel(app.ctx.db, actor);
    return { version: m.version, ...m.metrics, features: m.scorer.pipeline.encoders.map((e) => e.column) };
  });
}
