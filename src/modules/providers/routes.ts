// Model provider settings (admins only): read and change the provider, test it, and see the
// token and cost accounting of every audited model call.
import type { FastifyInstance } from 'fastify';
import { ForbiddenError, InputError } from '../../core/errors.ts';
import { actorOf } from '../../api/context.ts';
import { loadProviderConfig, maskKey, modelUsage, testModelProvider, updateProviderConfig } from './service.ts';

const tags = ['model provider'];

function requireAdmin(request: { actor: import('../crm/access.ts').Actor | null }) {
  const actor = actorOf(request);
  if (actor.role !== 'admin') throw new ForbiddenError('only admins can manage the model provider');
  return actor;
}

const price = { type: 'object', properties: { inputPer1k: { type: 'number', minimum: 0 }, outputPer1k: { type: 'number', minimum: 0 } }, required: ['inputPer1k', 'outputPer1k'] };
const settingsBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: ['offline', 'openai', 'local'] },
    baseUrl: { type: 'string', maxLength: 2000 },
    apiKey: { type: 'string', maxLength: 2000, description: 'write-only; "••••" or omitted keeps the stored key, "" clears it' },
    chatModel: { type: 'string', maxLength: 300 },
    embeddingModel: { type: 'string', maxLength: 300 },
    modelDir: { type: 'string', maxLength: 2000 },
    allowDownloads: { type: 'boolean' },
    allowRemote: { type: 'boolean', description: 'false = text never leaves this machine' },
    treatLocalAsRemote: { type: 'boolean', description: 'redact and obey allowRemote even for a localhost server (a proxy to a cloud model)' },
    timeoutMs: { type: 'integer' },
    maxRetries: { type: 'integer' },
    requestsPerMinute: { type: 'integer' },
    prices: { type: 'object', additionalProperties: price },
  },
};

function parseDate(value: string | undefined, column: string): Date | null {
  if (value === undefined || value === '') return null;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new InputError(`${column} is not a date`, [{ column, value, reason: 'must be an ISO 8601 date or timestamp' }]);
  return d;
}

export async function providerRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/v1/settings/model-provider', {
    schema: { tags, summary: 'The model provider configuration (API key masked)' },
  }, async (request) => {
    requireAdmin(request);
    return maskKey(await loadProviderConfig(app.ctx.db));
  });

  app.put('/api/v1/settings/model-provider', {
    schema: { tags, summary: 'Change the model provider (fields left out keep their value)', body: settingsBody },
  }, async (request) => {
    const actor = requireAdmin(request);
    await updateProviderConfig(app.ctx.db, actor, request.body as Record<string, unknown>);
    return maskKey(await loadProviderConfig(app.ctx.db));
  });

  app.post('/api/v1/settings/model-provider/test', {
    schema: { tags, summary: 'Embed and generate one short text with the configured provider; reports latency' },
  }, async (request) => testModelProvider(app.ctx.db, requireAdmin(request)));

  app.get('/api/v1/settings/model-usage', {
    schema: {
      tags,
      summary: 'Tokens and cost of the audited model calls, by provider, model and purpose',
      querystring: { type: 'object', properties: { since: { type: 'string', maxLength: 40 }, until: { type: 'string', maxLength: 40 } }, additionalProperties: false },
    },
  }, async (request) => {
    requireAdmin(request);
    const q = request.query as { since?: string; until?: string };
    return modelUsage(app.ctx.db, { since: parseDate(q.since, 'since'), until: parseDate(q.until, 'until') });
  });
}
