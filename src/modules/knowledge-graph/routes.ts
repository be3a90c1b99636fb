// The knowledge graph over HTTP: who knows an account, content that wins deals for a product,
// competitors by product, and generic neighbourhoods.
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../api/context.ts';
import { neighbors } from './neighbors.ts';
import { competitorsByProduct, whoKnows, winningContent } from './queries.ts';

const tags = ['knowledge graph'];
const limit = { type: 'string', pattern: '^[0-9]{1,3}$' };

export async function knowledgeGraphRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.ctx;

  app.get('/api/v1/graph/who-knows', {
    schema: {
      tags,
      summary: 'Who in the company knows an account: users ranked by owned and won deals and activities, with evidence',
      querystring: { type: 'object', properties: { account_id: { type: 'string', format: 'uuid' }, limit }, required: ['account_id'], additionalProperties: false },
    },
  }, async (request) => {
    const q = request.query as { account_id: string; limit?: string };
    return whoKnows(db, actorOf(request), q.account_id, Math.max(1, Number(q.limit ?? 10)));
  });

  app.get('/api/v1/graph/winning-content', {
    schema: {
      tags,
      summary: 'Articles (ranked by win-rate lift vs the product baseline) and calls linked to won deals for a product',
      querystring: { type: 'object', properties: { product_id: { type: 'string', format: 'uuid' }, limit }, required: ['product_id'], additionalProperties: false },
    },
  }, async (request) => {
    const q = request.query as { product_id: string; limit?: string };
    return winningContent(db, actorOf(request), q.product_id, Math.max(1, Number(q.limit ?? 10)));
  });

  app.get('/api/v1/graph/competitors', {
    schema: { tags, summary: 'Which competitors appear with which products, with deal counts and win rates' },
  }, async (request) => competitorsByProduct(db, actorOf(request)));

  app.get('/api/v1/graph/neighbors', {
    schema: {
      tags,
      summary: 'Nodes and edges within 1 or 2 hops of a node (type:id, e.g. account:<uuid> or competitor:<name>)',
      querystring: {
        type: 'object',
        properties: { node: { type: 'string', minLength: 3, maxLength: 200 }, depth: { type: 'string', enum: ['1', '2'] }, limit },
        required: ['node'],
        additionalProperties: false,
      },
    },
  }, async (request) => {
    const q = request.query as { node: string; depth?: string; limit?: string };
    return neighbors(db, actorOf(request), q.node, Number(q.depth ?? 1), Math.max(1, Number(q.limit ?? 200)));
  });
}
