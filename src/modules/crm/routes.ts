// REST routes for every CRM entity: list (filter, sort, cursor pages), get, create, update,
// delete and bulk upsert; plus stage history, custom field definitions and the audit log.
import type { FastifyInstance } from 'fastify';
import { ForbiddenError, InputError, type InputIssue } from '../../core/errors.ts';
import { actorOf } from '../../api/context.ts';
import type { Actor } from './access.ts';
import { ENTITIES, ENTITY_NAMES, type EntityDef } from './entities.ts';
import { parseListQuery } from './query.ts';
import { parseBody } from './repository.ts';
import { listQuerySchema, pageSchema, rowSchema, writeSchema } from './schemas.ts';

const MAX_BULK = 1000;
const idParams = { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] };

function requireWrite(entity: EntityDef, actor: Actor): void {
  if (!entity.writeRoles.includes(actor.role)) throw new ForbiddenError(`a ${actor.role} cannot change ${entity.name}`);
}

export async function crmRoutes(app: FastifyInstance): Promise<void> {
  for (const name of ENTITY_NAMES) app.addSchema(rowSchema(ENTITIES[name]));
  for (const name of ENTITY_NAMES) registerEntity(app, ENTITIES[name]);

  app.get('/api/v1/opportunities/:id/stage-history', {
    schema: { tags: ['opportunities'], summary: 'Stage changes of an opportunity', params: idParams },
  }, async (request) => {
    const { id } = request.params as { id: string };
    await app.ctx.repo.get(ENTITIES.opportunities, actorOf(request), id);
    const { rows } = await app.ctx.db.query(
      'SELECT from_stage, to_stage, changed_at, changed_by FROM opportunity_stage_history WHERE opportunity_id = $1 ORDER BY changed_at, id',
      [id],
    );
    return { data: rows };
  });

  app.get('/api/v1/field-definitions', {
    schema: { tags: ['custom fields'], summary: 'Custom attributes and their types, per entity' },
  }, async () => {
    const { rows } = await app.ctx.db.query('SELECT entity, key, label, type, created_at FROM field_definitions ORDER BY entity, key');
    return { data: rows };
  });

  app.get('/api/v1/models', {
    schema: {
      tags: ['model registry'],
      summary: 'Trained model versions with their parameters and held-out metrics',
      querystring: { type: 'object', properties: { kind: { type: 'string', maxLength: 100 } }, additionalProperties: false },
    },
  }, async (request) => {
    const { kind } = request.query as { kind?: string };
    const { rows } = await app.ctx.db.query(
      `SELECT id, kind, version, params, metrics, active, notes, created_by, created_at FROM models
       WHERE ($1::text IS NULL OR kind = $1) ORDER BY kind, version DESC`,
      [kind ?? null],
    );
    return { data: rows };
  });

  app.get('/api/v1/audit-log', {
    schema: {
      tags: ['audit'],
      summary: 'Who changed what and when (admins only)',
      querystring: {
        type: 'object',
        properties: { entity: { type: 'string' }, entity_id: { type: 'string' }, limit: { type: 'string', pattern: '^[0-9]{1,4}$' }, before_id: { type: 'string', pattern: '^[0-9]{1,19}$' } },
        additionalProperties: false,
      },
    },
  }, async (request) => {
    if (actorOf(request).role !== 'admin') throw new ForbiddenError('only admins can read the audit log');
    const q = request.query as { entity?: string; entity_id?: string; limit?: string; before_id?: string };
    const limit = Math.min(Number(q.limit ?? 100), 1000);
    const { rows } = await app.ctx.db.query(
      `SELECT id, at, actor_id, actor, action, entity, entity_id, request_id, before, after, detail FROM audit_log
       WHERE ($1::text IS NULL OR entity = $1) AND ($2::text IS NULL OR entity_id = $2) AND ($3::bigint IS NULL OR id < $3)
       ORDER BY id DESC LIMIT ${limit}`,
      [q.entity ?? null, q.entity_id ?? null, q.before_id ?? null],
    );
    return { data: rows, next_before_id: rows.length === limit ? rows[rows.length - 1].id : null };
  });
}

function registerEntity(app: FastifyInstance, entity: EntityDef): void {
  const base = `/api/v1/${entity.name.replace(/_/g, '-')}`;
  const tags = [entity.name];
  const row = { $ref: `${entity.name}#` };
  const { repo } = app.ctx;

  app.get(base, {
    schema: { tags, summary: `List ${entity.name}`, querystring: listQuerySchema, response: { 200: pageSchema(entity) } },
  }, async (request) => repo.list(entity, actorOf(request), parseListQuery(entity, request.query as Record<string, string>)));

  app.get(`${base}/count`, {
    schema: {
      tags, summary: `Count ${entity.name} matching the list's filters (within what the caller may see)`, querystring: listQuerySchema,
      response: { 200: { type: 'object', properties: { count: { type: 'integer' } }, required: ['count'] } },
    },
  }, async (request) => ({ count: await repo.count(entity, actorOf(request), parseListQuery(entity, request.query as Record<string, string>)) }));

  app.get(`${base}/:id`, {
    schema: { tags, summary: `Get one ${entity.singular}`, params: idParams, response: { 200: row } },
  }, async (request) => repo.get(entity, actorOf(request), (request.params as { id: string }).id));

  app.post(base, {
    schema: { tags, summary: `Create a ${entity.singular}`, body: writeSchema(entity, 'create'), response: { 201: row } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    requireWrite(entity, actor);
    const created = await repo.create(entity, actor, parseBody(entity, request.body, 'create'), { requestId: String(request.id) });
    return reply.code(201).send(created);
  });

  app.patch(`${base}/:id`, {
    schema: { tags, summary: `Update a ${entity.singular}`, params: idParams, body: writeSchema(entity, 'update'), response: { 200: row } },
  }, async (request) => {
    const actor = actorOf(request);
    requireWrite(entity, actor);
    return repo.update(entity, actor, (request.params as { id: string }).id, parseBody(entity, request.body, 'update'), { requestId: String(request.id) });
  });

  app.delete(`${base}/:id`, {
    schema: { tags, summary: `Delete a ${entity.singular}`, params: idParams },
  }, async (request, reply) => {
    const actor = actorOf(request);
    requireWrite(entity, actor);
    await repo.remove(entity, actor, (request.params as { id: string }).id, { requestId: String(request.id) });
    return reply.code(204).send();
  });

  app.post(`${base}/bulk`, {
    schema: {
      tags,
      summary: `Create or update up to ${MAX_BULK} ${entity.name} in one transaction (all or nothing); rows with a known external_id are updated`,
      body: {
        type: 'object',
        properties: { items: { type: 'array', minItems: 1, maxItems: MAX_BULK, items: writeSchema(entity, 'update') } },
        required: ['items'],
        additionalProperties: false,
      },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    requireWrite(entity, actor);
    const items = (request.body as { items: unknown[] }).items;
    const issues: InputIssue[] = [];
    const parsed = items.map((item, index) => {
      try {
        const hasId = typeof (item as Record<string, unknown>).external_id === 'string';
        return { data: parseBody(entity, item, hasId ? 'update' : 'create'), hasId };
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        issues.push(...error.issues.map((i) => ({ ...i, row: index, column: `items[${index}].${i.column ?? ''}` })));
        return null;
      }
    });
    if (issues.length) throw new InputError('invalid items; nothing was written', issues);
    const results = await app.ctx.db.transaction(async (tx) => {
      const out: { id: unknown; external_id: unknown; created: boolean }[] = [];
      for (const item of parsed) {
        const { data, hasId } = item!;
        const existing = hasId
          ? (await tx.query<{ id: string }>(`SELECT id FROM ${entity.name} WHERE external_id = $1`, [data.external_id])).rows[0]
          : undefined;
        if (existing) {
          const updated = await repo.update(entity, actor, existing.id, data, { requestId: String(request.id) }, tx);
          out.push({ id: updated.id, external_id: updated.external_id, created: false });
        } else {
          const created = await repo.create(entity, actor, parseBody(entity, data, 'create'), { requestId: String(request.id) }, tx);
          out.push({ id: created.id, external_id: created.external_id, created: true });
        }
      }
      return out;
    });
    return reply.code(200).send({ data: results });
  });
}
