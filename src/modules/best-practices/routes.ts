// Best practices over HTTP: team playbooks and "deals like this one".
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../api/context.ts';
import { InputError } from '../../core/errors.ts';
import { ENTITIES } from '../crm/entities.ts';
import { playbooks, similarDeals } from './service.ts';

const tags = ['best practices'];

export async function bestPracticeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/v1/best-practices/playbooks', {
    schema: {
      tags, summary: 'Patterns separating won from lost deals, with support, lift, Fisher p and BH q-values, linked to example deals',
      querystring: {
        type: 'object',
        properties: { min_support: { type: 'string', pattern: '^0(\\.[0-9]{1,4})?$' }, alpha: { type: 'string', pattern: '^0\\.[0-9]{1,4}$' } },
        additionalProperties: false,
      },
    },
  }, async (request) => {
    const q = request.query as { min_support?: string; alpha?: string };
    const minSupport = q.min_support === undefined ? undefined : Number(q.min_support);
    const alpha = q.alpha === undefined ? undefined : Number(q.alpha);
    if ((minSupport !== undefined && minSupport > 0.5) || alpha === 0 || (alpha !== undefined && alpha > 0.5)) {
      throw new InputError('min_support must be 0–0.5 and alpha in (0, 0.5]', [{ column: minSupport !== undefined && minSupport > 0.5 ? 'min_support' : 'alpha', value: minSupport !== undefined && minSupport > 0.5 ? q.min_support : q.alpha, reason: 'out of range' }]);
    }
    return playbooks(app.ctx.db, actorOf(request), { minSupport, alpha });
  });

  app.get('/api/v1/opportunities/:id/similar', {
    schema: {
      tags, summary: 'Nearest won and lost deals (within your scope) and what the won ones did differently',
      params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] },
      querystring: { type: 'object', properties: { k: { type: 'string', pattern: '^([1-9]|1[0-9]|20)$' } }, additionalProperties: false },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const { id } = request.params as { id: string };
    await app.ctx.repo.get(ENTITIES.opportunities, actor, id);
    return similarDeals(app.ctx.db, actor, id, Number((request.query as { k?: string }).k ?? 5));
  });
}
