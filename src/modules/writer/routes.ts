// Sales email and marketing copy over HTTP: generate fact-checked drafts, edit and send them,
// fact-check any text, and manage templates. Documented in docs/api/writer-calls.md.
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../api/context.ts';
import { KINDS, LANGUAGES, TONES } from '../../ml/writing/compose.ts';
import { CHANNELS, checkText, EMAIL_KINDS, generateCopy, generateEmail, LENGTH_NAMES, listDrafts, MAX_VARIANTS, sendDraft, updateDraft } from './service.ts';
import { createTemplate, deleteTemplate, listTemplates, updateTemplate } from './templates.ts';

const tags = ['writer'];
const uuid = { type: 'string', format: 'uuid' };
const idParams = { type: 'object', properties: { id: uuid }, required: ['id'] };
const controls = {
  tone: { type: 'string', enum: [...TONES] },
  length: { type: 'string', enum: [...LENGTH_NAMES] },
  language: { type: 'string', enum: [...LANGUAGES] },
  call_to_action: { type: 'string', maxLength: 300 },
  variants: { type: 'integer', minimum: 1, maximum: MAX_VARIANTS },
  seed: { type: 'integer', minimum: 0, maximum: 2 ** 31 - 1 },
};
const templateBody = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    kind: { type: 'string', enum: [...KINDS] },
    language: { type: 'string', enum: [...LANGUAGES] },
    subject: { type: 'string', minLength: 1, maxLength: 500 },
    body: { type: 'string', minLength: 1, maxLength: 20_000 },
  },
  additionalProperties: false,
};

export async function writerRoutes(app: FastifyInstance): Promise<void> {
  const { db, repo } = app.ctx;

  app.post('/api/v1/writer/email', {
    schema: {
      tags,
      summary: 'Draft personalised sales emails for one lead, contact, account or opportunity; each draft is fact-checked and saved as an activity draft',
      body: {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: [...EMAIL_KINDS] },
          lead_id: uuid, contact_id: uuid, account_id: uuid, opportunity_id: uuid, template_id: uuid,
          ...controls,
        },
        additionalProperties: false,
      },
    },
  }, async (request) => generateEmail(db, repo, actorOf(request), request.body as never));

  app.post('/api/v1/writer/copy', {
    schema: {
      tags,
      summary: 'Draft marketing copy for a segment or industry; fact-checked and saved as activity drafts',
      body: {
        type: 'object',
        properties: {
          industry: { type: 'string', maxLength: 200 }, segment: { type: 'string', maxLength: 200 },
          product_ids: { type: 'array', items: uuid, maxItems: 5 }, channel: { type: 'string', enum: [...CHANNELS] },
          ...controls,
        },
        additionalProperties: false,
      },
    },
  }, async (request) => generateCopy(db, repo, actorOf(request), request.body as never));

  app.post('/api/v1/writer/check', {
    schema: {
      tags,
      summary: 'Fact-check any text against a fact sheet: invented numbers, prices, dates, products and claims; spam triggers; length',
      body: {
        type: 'object',
        properties: {
          text: { type: 'string', maxLength: 50_000 }, subject: { type: 'string', maxLength: 1000 }, facts: {},
          catalogue: { type: 'array', items: { type: 'string', maxLength: 300 }, maxItems: 5000 },
          length: { type: 'string', enum: [...LENGTH_NAMES] }, language: { type: 'string', enum: [...LANGUAGES] }, channel: { type: 'string', enum: [...CHANNELS] },
        },
        required: ['text'],
        additionalProperties: false,
      },
    },
  }, async (request) => checkText(db, request.body as never));

  app.get('/api/v1/writer/drafts', {
    schema: { tags, summary: 'Generated drafts in your scope, newest first', querystring: { type: 'object', properties: { limit: { type: 'string', pattern: '^[0-9]{1,3}$' } }, additionalProperties: false } },
  }, async (request) => ({ data: await listDrafts(db, actorOf(request), Number((request.query as { limit?: string }).limit ?? 50)) }));

  app.patch('/api/v1/writer/drafts/:id', {
    schema: {
      tags, summary: 'Edit a draft; the checks run again against its fact sheet', params: idParams,
      body: { type: 'object', properties: { subject: { type: 'string', maxLength: 1000 }, body: { type: 'string', maxLength: 50_000 } }, additionalProperties: false },
    },
  }, async (request) => updateDraft(db, repo, actorOf(request), (request.params as { id: string }).id, request.body as never));

  app.post('/api/v1/writer/drafts/:id/send', {
    schema: { tags, summary: 'Send a draft through the configured delivery webhook (settings key email_delivery); 409 when none is configured', params: idParams },
  }, async (request) => sendDraft(db, repo, actorOf(request), (request.params as { id: string }).id));

  app.get('/api/v1/writer/templates', { schema: { tags, summary: 'Email templates with {{variables}}' } }, async () => ({ data: await listTemplates(db) }));

  app.post('/api/v1/writer/templates', {
    schema: { tags, summary: 'Create a template; unknown {{variables}} are rejected by name', body: { ...templateBody, required: ['name', 'subject', 'body'] } },
  }, async (request, reply) => reply.code(201).send(await createTemplate(db, actorOf(request), request.body as never)));

  app.patch('/api/v1/writer/templates/:id', {
    schema: { tags, summary: 'Update a template (reps: only their own)', params: idParams, body: templateBody },
  }, async (request) => updateTemplate(db, actorOf(request), (request.params as { id: string }).id, request.body as never));

  app.delete('/api/v1/writer/templates/:id', {
    schema: { tags, summary: 'Delete a template (reps: only their own)', params: idParams },
  }, async (request, reply) => {
    await deleteTemplate(db, actorOf(request), (request.params as { id: string }).id);
    return reply.code(204).send();
  });
}
