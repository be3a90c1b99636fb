// KPI catalogue, series and the dashboard summary over HTTP.
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../api/context.ts';
import { KPI_CATALOG, KPI_KEYS } from './catalog.ts';
import { kpiSeries, kpiSummary } from './service.ts';

const tags = ['kpis'];
const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const scopeProps = {
  scope: { type: 'string', enum: ['company', 'team', 'rep'] },
  id: { type: 'string', format: 'uuid' },
  frequency: { type: 'string', enum: ['day', 'week', 'month'] },
};

export async function kpiRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.ctx;

  app.get('/api/v1/kpis/catalog', {
    schema: { tags, summary: 'The KPI catalogue: key, labels (en/zh), unit, good direction, definition' },
  }, async () => ({ data: KPI_CATALOG }));

  app.get('/api/v1/kpis', {
    schema: {
      tags,
      summary: 'One KPI as a zero-filled series per day/week/month for the company, a team or a rep, with trend and change',
      querystring: {
        type: 'object',
        properties: { kpi: { type: 'string', enum: KPI_KEYS }, ...scopeProps, from: day, to: day },
        required: ['kpi'],
        additionalProperties: false,
      },
    },
  }, async (request) => kpiSeries(db, actorOf(request), request.query as { kpi: string }));

  app.get('/api/v1/kpis/summary', {
    schema: {
      tags,
      summary: 'Headline KPIs of the last complete period with trend and sparkline (home dashboard)',
      querystring: { type: 'object', properties: { ...scopeProps, as_of: day }, additionalProperties: false },
    },
  }, async (request) => {
    const q = request.query as { scope?: string; id?: string; frequency?: string; as_of?: string };
    return kpiSummary(db, actorOf(request), { ...q, asOf: q.as_of });
  });
}
