// Customer analytics: HTTP routes. See docs/api/revenue.md.
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../api/context.ts';
import { ForbiddenError } from '../../core/errors.ts';
import { customerProfile, customerSegments, listCustomers, recomputeCustomers } from './service.ts';

const tags = ['customers'];

export async function customerRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/v1/customers/segments', {
    schema: { tags, summary: 'Customer segments (RFM + k-means) described in plain words, with sizes and 12-month value' },
  }, async (request) => customerSegments(app.ctx.db, actorOf(request)));

  app.get('/api/v1/customers', {
    schema: {
      tags,
      summary: 'Customers with segment, P(alive), expected purchases, 12-month value and churn risk',
      querystring: {
        type: 'object',
        properties: { segment: { type: 'string' }, sort: { type: 'string', description: 'churn_risk (default) or value' }, limit: { type: 'string', description: '1–1000 (default 50)' } },
        additionalProperties: false,
      },
    },
  }, async (request) => listCustomers(app.ctx.db, actorOf(request), request.query as { segment?: string; sort?: string; limit?: string }));

  app.get('/api/v1/customers/:account_id', {
    schema: { tags, summary: 'One customer: figures and explained recommendations', params: { type: 'object', properties: { account_id: { type: 'string' } }, required: ['account_id'] } },
  }, async (request) => customerProfile(app.ctx.db, actorOf(request), (request.params as { account_id: string }).account_id));

  app.post('/api/v1/customers/recompute', {
    schema: { tags, summary: 'Recompute the customer-analytics snapshot (managers and admins)' },
  }, async (request) => {
    if (actorOf(request).role === 'rep') throw new ForbiddenError('only managers and admins can recompute customer analytics');
    return recomputeCustomers(app.ctx.db);
  });
}
