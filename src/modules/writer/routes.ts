// Sales email and marketing copy over HTTP: generate fact-checked drafts, edit and send them,
// fact-check any text, and manage templates. Documented in docs/api/writer-calls.md.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ForbiddenError } from '../../core/errors.ts';
import { actorOf } from '../../api/context.ts';
import { KINDS, LANGUAGES, TONES } from '../../ml/writing/compose.ts';
import { CHANNELS, checkText, EMAIL_KINDS, generateCopy, generateEmail, LENGTH_NAMES, listDrafts, MAX_VARIANTS, sendDraft, updateDraft } from './service.ts';
import { DELIVERY_KINDS, deliveryView, loadDelivery, SMTP_SECURITY, updateDelivery } from './delivery.ts';
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
    schema: { tags, summary: 'Send a draft through the configured delivery, SMTP or webhook (GET/PUT /api/v1/writer/delivery); 409 when none is configured, 503 problem with the server\'s reason when delivery fails (the draft stays unsent)', params: idParams },
  }, async (request) => sendDraft(db, repo, actorOf(request), (request.params as { id: string }).id));

  const adminOnly = (request: FastifyRequest) => {
    const actor = actorOf(request);
    if (actor.role !== 'admin') throw new ForbiddenError('only admins can see or change email delivery');
    return actor;
  };
  app.get('/api/v1/writer/delivery', { schema: { tags, summary: 'The email delivery settings (admins); the SMTP password is never returned, only password_set' } }, async (request) => {
    adminOnly(request);
    return { delivery: deliveryView(await loadDelivery(db)) };
  });
  app.put('/api/v1/writer/delivery', {
    schema: {
      tags, summary: 'Set email delivery (admins): kind smtp or webhook; fields left out keep their stored value; password "" or null clears it',
      body: {
        type: 'object', additionalProperties: false,
        properties: {
          kind: { type: 'string', enum: [...DELIVERY_KINDS] },
          url: { type: ['string', 'null'], maxLength: 2000 },
          host: { type: ['string', 'null'], maxLength: 255 },
          port: { type: ['integer', 'null'], minimum: 1, maximum: 65535 },
          security: { type: ['string', 'null'], enum: [...SMTP_SECURITY, null] },
          user: { type: ['string', 'null'], maxLength: 255 },
          password: { type: ['string', 'null'], maxLength: 1000 },
          from: { type: ['string', 'null'], maxLength: 320 },
          tls_reject_unauthorized: { type: ['boolean', 'null'] },
        },
      },
    },
  }, async (request) => ({ delivery: await updateDelivery(db, adminOnly(request), (request.body ?? {}) as Record<string, unknown>) }));

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
