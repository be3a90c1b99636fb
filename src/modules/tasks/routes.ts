// Tasks, comments with @mentions, and the user's notifications over HTTP.
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../api/context.ts';
import { addComment, listComments } from './comments.ts';
import { listNotifications, markAllRead, markRead } from './notifications.ts';
import { createTask } from './service.ts';
import { checkTaskRefs, deleteTask, getTask, listTasks, nonEmpty, notifyAssigned, parseTime, TASK_PRIORITIES, TASK_STATUSES, updateTask } from './tasks.ts';

const tags = ['tasks'];
const idParams = { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] };
const uuid = { type: 'string', format: 'uuid' };
const nullableUuid = { type: ['string', 'null'], format: 'uuid' };
const list = (values: readonly string[]) => ({ type: 'string', pattern: `^(${values.join('|')})(,(${values.join('|')}))*$` });

export async function taskRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.ctx;

  app.get('/api/v1/tasks', {
    schema: {
      tags,
      summary: 'Tasks: mine (default), created by me, or all in my scope; filter by status, priority, due date and linked record',
      querystring: {
        type: 'object',
        properties: {
          view: { type: 'string', enum: ['mine', 'created', 'all'] },
          status: list(TASK_STATUSES),
          priority: list(TASK_PRIORITIES),
          opportunity_id: uuid, account_id: uuid, lead_id: uuid,
          due_before: { type: 'string', maxLength: 40 }, due_after: { type: 'string', maxLength: 40 },
          overdue: { type: 'string', enum: ['true', 'false'] },
          limit: { type: 'string', pattern: '^[0-9]{1,4}$' },
        },
        additionalProperties: false,
      },
    },
  }, async (request) => {
    const q = request.query as Record<string, string | undefined>;
    return listTasks(db, actorOf(request), {
      view: q.view as 'mine' | 'created' | 'all' | undefined,
      status: q.status?.split(','), priority: q.priority?.split(','),
      opportunityId: q.opportunity_id, accountId: q.account_id, leadId: q.lead_id,
      dueBefore: q.due_before, dueAfter: q.due_after, overdue: q.overdue === 'true',
      limit: q.limit ? Number(q.limit) : undefined,
    });
  });

  app.post('/api/v1/tasks', {
    schema: {
      tags,
      summary: 'Create a task (owner defaults to me); the owner is notified',
      body: {
        type: 'object',
        properties: {
          title: { type: 'string', minLength: 1, maxLength: 500 },
          description: { type: ['string', 'null'], maxLength: 20000 },
          owner_id: nullableUuid,
          due_at: { type: ['string', 'null'], maxLength: 40 },
          priority: { type: 'string', enum: [...TASK_PRIORITIES] },
          lead_id: nullableUuid, account_id: nullableUuid, opportunity_id: nullableUuid,
        },
        required: ['title'],
        additionalProperties: false,
      },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const b = request.body as { title: string; description?: string | null; owner_id?: string | null; due_at?: string | null; priority?: 'low' | 'normal' | 'high' | 'urgent'; lead_id?: string | null; account_id?: string | null; opportunity_id?: string | null };
    await checkTaskRefs(db, actor, { ownerId: b.owner_id, opportunityId: b.opportunity_id, accountId: b.account_id, leadId: b.lead_id });
    const created = await createTask(db, actor, {
      title: nonEmpty('title', b.title), description: b.description, ownerId: b.owner_id ?? actor.id,
      dueAt: b.due_at ? parseTime('due_at', b.due_at) : null, priority: b.priority,
      leadId: b.lead_id, accountId: b.account_id, opportunityId: b.opportunity_id,
    });
    if (created.owner_id && created.owner_id !== actor.id) await notifyAssigned(db, actor, created, created.owner_id);
    return reply.code(201).send(await getTask(db, actor, created.id));
  });

  app.get('/api/v1/tasks/:id', {
    schema: { tags, summary: 'One task with its comments', params: idParams },
  }, async (request) => {
    const actor = actorOf(request);
    const { id } = request.params as { id: string };
    const task = await getTask(db, actor, id);
    return { ...task, comments: await listComments(db, actor, id) };
  });

  app.patch('/api/v1/tasks/:id', {
    schema: {
      tags,
      summary: 'Change a task; status "done" records completed_at',
      params: idParams,
      body: {
        type: 'object',
        properties: {
          title: { type: 'string', minLength: 1, maxLength: 500 },
          description: { type: ['string', 'null'], maxLength: 20000 },
          status: { type: 'string', enum: [...TASK_STATUSES] },
          priority: { type: 'string', enum: [...TASK_PRIORITIES] },
          owner_id: nullableUuid,
          due_at: { type: ['string', 'null'], maxLength: 40 },
        },
        additionalProperties: false,
      },
    },
  }, async (request) => updateTask(db, actorOf(request), (request.params as { id: string }).id, request.body as Record<string, never>));

  app.delete('/api/v1/tasks/:id', {
    schema: { tags, summary: 'Delete a task', params: idParams },
  }, async (request, reply) => {
    await deleteTask(db, actorOf(request), (request.params as { id: string }).id);
    return reply.code(204).send();
  });

  app.get('/api/v1/tasks/:id/comments', {
    schema: { tags, summary: 'Comments on a task, oldest first', params: idParams },
  }, async (request) => ({ data: await listComments(db, actorOf(request), (request.params as { id: string }).id) }));

  app.post('/api/v1/tasks/:id/comments', {
    schema: {
      tags,
      summary: 'Comment on a task; @email or @Full Name mentions notify those users',
      params: idParams,
      body: { type: 'object', properties: { body: { type: 'string', minLength: 1, maxLength: 20000 } }, required: ['body'], additionalProperties: false },
    },
  }, async (request, reply) => {
    const comment = await addComment(db, actorOf(request), (request.params as { id: string }).id, (request.body as { body: string }).body);
    return reply.code(201).send(comment);
  });

  const ntags = ['notifications'];
  app.get('/api/v1/notifications', {
    schema: {
      tags: ntags,
      summary: 'My notifications, newest first, with the unread count',
      querystring: { type: 'object', properties: { unread: { type: 'string', enum: ['true', 'false'] }, limit: { type: 'string', pattern: '^[0-9]{1,3}$' } }, additionalProperties: false },
    },
  }, async (request) => {
    const q = request.query as { unread?: string; limit?: string };
    return listNotifications(db, actorOf(request).id, { unreadOnly: q.unread === 'true', limit: q.limit ? Number(q.limit) : undefined });
  });

  app.post('/api/v1/notifications/read-all', {
    schema: { tags: ntags, summary: 'Mark all my notifications read' },
  }, async (request) => markAllRead(db, actorOf(request).id));

  app.post('/api/v1/notifications/:id/read', {
    schema: { tags: ntags, summary: 'Mark one of my notifications read', params: idParams },
  }, async (request) => markRead(db, actorOf(request).id, (request.params as { id: string }).id));
}
