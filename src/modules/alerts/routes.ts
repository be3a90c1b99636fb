// Alert feed, acknowledgement, rules and the scan over HTTP.
import type { FastifyInstance } from 'fastify';
import { ForbiddenError } from '../../core/errors.ts';
import { actorOf } from '../../api/context.ts';
import { KPI_KEYS } from '../kpis/catalog.ts';
import { parseDay } from '../kpis/service.ts';
import { acknowledgeAlert, getAlert, listAlerts } from './feed.ts';
import { createRule, deleteRule, listRules, updateRule, type NewRule } from './rules.ts';
import { scanAlerts } from './scan.ts';

const tags = ['alerts'];
const idParams = { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] };
const paramsSchema = {
  type: 'object',
  properties: {
    sensitivity: { type: 'string', enum: ['low', 'medium', 'high'] },
    lookback: { type: 'integer' }, recent: { type: 'integer' },
    op: { type: 'string', enum: ['lt', 'gt'] }, value: { type: 'number' },
  },
  additionalProperties: false,
};

export async function alertRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.ctx;

  app.get('/api/v1/alerts', {
    schema: {
      tags,
      summary: 'The alert feed in my scope, newest period first, with the evidence behind each alert',
      querystring: {
        type: 'object',
        properties: { status: { type: 'string', enum: ['open', 'acknowledged', 'resolved', 'all'] }, kpi: { type: 'string', enum: KPI_KEYS }, limit: { type: 'string', pattern: '^[0-9]{1,4}$' } },
        additionalProperties: false,
      },
    },
  }, async (request) => {
    const q = request.query as { status?: string; kpi?: string; limit?: string };
    return listAlerts(db, actorOf(request), { status: q.status, kpi: q.kpi, limit: q.limit ? Number(q.limit) : undefined });
  });

  app.post('/api/v1/alerts/scan', {
    schema: {
      tags,
      summary: 'Scan KPI series for anomalies, threshold crossings and missed targets; store and notify new alerts (admins: all rules, managers: their scope)',
      body: { type: ['object', 'null'], properties: { as_of: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } }, additionalProperties: false },
    },
  }, async (request) => {
    const actor = actorOf(request);
    if (actor.role === 'rep') throw new ForbiddenError('only managers and admins can run the alert scan');
    const asOf = (request.body as { as_of?: string } | null)?.as_of;
    return scanAlerts(db, actor, { asOf: asOf ? parseDay('as_of', asOf) : undefined });
  });

  app.get('/api/v1/alerts/rules', {
    schema: { tags, summary: 'Alert rules in my scope' },
  }, async (request) => ({ data: await listRules(db, actorOf(request)) }));

  app.post('/api/v1/alerts/rules', {
    schema: {
      tags,
      summary: 'Create an alert rule on a KPI series (anomaly with sensitivity, threshold, or target)',
      body: {
        type: 'object',
        properties: {
          name: { type: 'string', maxLength: 200 },
          kpi: { type: 'string', enum: KPI_KEYS },
          scope: { type: 'string', enum: ['company', 'team', 'rep'] },
          scope_id: { type: ['string', 'null'], format: 'uuid' },
          frequency: { type: 'string', enum: ['day', 'week', 'month'] },
          kind: { type: 'string', enum: ['threshold', 'anomaly', 'target'] },
          params: paramsSchema,
          enabled: { type: 'boolean' },
        },
        required: ['kpi', 'kind'],
        additionalProperties: false,
      },
    },
  }, async (request, reply) => reply.code(201).send(await createRule(db, actorOf(request), request.body as NewRule)));

  app.patch('/api/v1/alerts/rules/:id', {
    schema: {
      tags,
      summary: 'Change an alert rule (name, params, enabled, frequency)',
      params: idParams,
      body: {
        type: 'object',
        properties: { name: { type: 'string', maxLength: 200 }, params: paramsSchema, enabled: { type: 'boolean' }, frequency: { type: 'string', enum: ['day', 'week', 'month'] } },
        additionalProperties: false,
      },
    },
  }, async (request) => updateRule(db, actorOf(request), (request.params as { id: string }).id, request.body as Record<string, never>));

  app.delete('/api/v1/alerts/rules/:id', {
    schema: { tags, summary: 'Delete an alert rule and its alerts', params: idParams },
  }, async (request, reply) => {
    await deleteRule(db, actorOf(request), (request.params as { id: string }).id);
    return reply.code(204).send();
  });

  app.get('/api/v1/alerts/:id', {
    schema: { tags, summary: 'One alert with its evidence and suggestion links', params: idParams },
  }, async (request) => getAlert(db, actorOf(request), (request.params as { id: string }).id));

  app.post('/api/v1/alerts/:id/ack', {
    schema: { tags, summary: 'Acknowledge an alert', params: idParams },
  }, async (request) => acknowledgeAlert(db, actorOf(request), (request.params as { id: string }).id));
}
