// Competency assessment over HTTP: the model, assessments, scorecards and manager ratings.
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../api/context.ts';
import { addRating, listRatings } from './ratings.ts';
import { DEFAULT_MODEL } from './model.ts';
import { assess, currentModel, repScorecard, teamScorecards, updateModel } from './service.ts';

const tags = ['competency'];
const periodQuery = { type: 'object', properties: { period: { type: 'string', maxLength: 40 } }, additionalProperties: false };
const uuidParam = (name: string) => ({ type: 'object', properties: { [name]: { type: 'string', format: 'uuid' } }, required: [name] });

export async function competencyRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/v1/competency/model', { schema: { tags, summary: 'The competency model: competencies and their weighted evidence metrics' } }, async () => currentModel(app.ctx.db));

  app.put('/api/v1/competency/model', {
    schema: {
      tags, summary: 'Replace the competency model (managers, admins)',
      body: { type: 'object', properties: { competencies: { type: 'array', maxItems: 30 } }, required: ['competencies'] },
    },
  }, async (request) => updateModel(app.ctx.db, actorOf(request), (request.body as { competencies: unknown }).competencies));

  // Reset: the default model saved as a new version (history and audit kept, like any edit).
  app.post('/api/v1/competency/model/reset', {
    schema: { tags, summary: 'Replace the competency model with the default one, as a new version (managers, admins)' },
  }, async (request) => updateModel(app.ctx.db, actorOf(request), DEFAULT_MODEL));

  app.post('/api/v1/competency/assess', {
    schema: { tags, summary: 'Assess every rep for a period (managers, admins); returns your reps', body: { type: 'object', properties: { period: { type: 'string', maxLength: 40 } }, additionalProperties: false } },
  }, async (request) => assess(app.ctx.db, actorOf(request), { period: (request.body as { period?: string } | undefined)?.period }));

  app.get('/api/v1/competency/reps/:user_id', {
    schema: { tags, summary: 'A rep\u2019s scorecard: scores, percentiles, trends, evidence and what would raise each', params: uuidParam('user_id'), querystring: periodQuery },
  }, async (request) => repScorecard(app.ctx.db, actorOf(request), (request.params as { user_id: string }).user_id, { period: (request.query as { period?: string }).period, requestId: String(request.id) }));

  app.get('/api/v1/competency/team/:team_id', {
    schema: { tags, summary: 'Scorecards of a team\u2019s reps (its manager, admins)', params: uuidParam('team_id'), querystring: periodQuery },
  }, async (request) => teamScorecards(app.ctx.db, actorOf(request), (request.params as { team_id: string }).team_id, { period: (request.query as { period?: string }).period, requestId: String(request.id) }));

  app.post('/api/v1/competency/ratings', {
    schema: {
      tags, summary: 'Rate a rep\u2019s competency 0–100 (their manager, admins)',
      body: {
        type: 'object',
        properties: { user_id: { type: 'string', format: 'uuid' }, competency: { type: 'string', maxLength: 40 }, rating: { type: 'number' }, period: { type: 'string', maxLength: 40 } },
        required: ['user_id', 'competency', 'rating'], additionalProperties: false,
      },
    },
  }, async (request, reply) => {
    reply.code(201);
    return addRating(app.ctx.db, actorOf(request), request.body as { user_id: string; competency: string; rating: number; period?: string });
  });

  app.get('/api/v1/competency/ratings', {
    schema: { tags, summary: 'Ratings you may see', querystring: { type: 'object', properties: { user_id: { type: 'string', format: 'uuid' } }, additionalProperties: false } },
  }, async (request) => ({ data: await listRatings(app.ctx.db, actorOf(request), (request.query as { user_id?: string }).user_id) }));
}
