// Sales forecasting: HTTP routes. See docs/api/revenue.md.
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../api/context.ts';
import { FREQUENCIES } from './periods.ts';
import { parseForecastRequest, type RawForecastOptions } from './request.ts';
import { LEVELS, listLevels, MEASURES } from './series.ts';
import { backtestLevel, forecastLevel } from './service.ts';

const tags = ['forecasts'];
const forecastQuery = {
  type: 'object',
  properties: {
    level: { type: 'string', description: LEVELS.join(' | ') },
    key: { type: 'string', maxLength: 200 },
    children: { type: 'string', description: `break down by another level: ${LEVELS.join(' | ')}` },
    frequency: { type: 'string', description: FREQUENCIES.join(' | ') },
    horizon: { type: 'string', description: 'periods to forecast, 1–60 (default 6)' },
    method: { type: 'string', description: 'auto (default), ets, theta, arima, combo, naive2, snaive, naive, croston, tsb' },
    measure: { type: 'string', description: MEASURES.join(' | ') },
    as_of: { type: 'string', description: 'YYYY-MM-DD: end of the history (default: the latest order)' },
    origins: { type: 'string', description: 'backtest origins, 1–24 (default 6)' },
  },
  additionalProperties: false,
};

export async function forecastingRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/v1/forecasts', {
    schema: { tags, summary: 'Sales forecast of a level of the business with 80%/95% intervals, its backtest, and reconciled children', querystring: forecastQuery },
  }, async (request) => forecastLevel(app.ctx.db, actorOf(request), parseForecastRequest(request.query as RawForecastOptions)));

  app.get('/api/v1/forecasts/backtest', {
    schema: { tags, summary: 'Rolling-origin backtest of a forecast, per origin, against naive-2', querystring: forecastQuery },
  }, async (request) => backtestLevel(app.ctx.db, actorOf(request), parseForecastRequest(request.query as RawForecastOptions)));

  app.get('/api/v1/forecasts/levels', {
    schema: { tags, summary: 'Levels and their members available for forecasting (drill-down)' },
  }, async (request) => ({ levels: await listLevels(app.ctx.db, actorOf(request)), frequencies: FREQUENCIES, measures: MEASURES }));
}
