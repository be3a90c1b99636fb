// Login, logout, the current user, and API tokens.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ForbiddenError } from '../../core/errors.ts';
import { actorOf } from '../../api/context.ts';
import { writeAudit } from '../crm/audit.ts';
import { createToken, listTokens, login, logout, revokeToken } from './service.ts';

export const SESSION_COOKIE = 'sb_session';

const Me = Type.Object({
  id: Type.String(), name: Type.String(), role: Type.String(), csrf_token: Type.Union([Type.String(), Type.Null()]),
  locale: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

export async function authRoutes(app: FastifyInstance): Promise<void> {
  app.post('/api/v1/auth/login', {
    schema: {
      tags: ['auth'],
      summary: 'Log in with email and password; sets a session cookie for the web app',
      security: [],
      body: Type.Object({ email: Type.String({ minLength: 3, maxLength: 320 }), password: Type.String({ minLength: 1, maxLength: 1024 }) }, { additionalProperties: false }),
      response: { 200: Me },
    },
  }, async (request, reply) => {
    const { email, password } = request.body as { email: string; password: string };
    const session = await login(app.ctx.db, email, password);
    reply.setCookie(SESSION_COOKIE, session.sessionId, {
      path: '/', httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https', expires: session.expires,
    });
    return { ...session.actor, csrf_token: session.csrfToken, locale: session.actor.locale ?? null };
  });

  app.post('/api/v1/auth/logout', { schema: { tags: ['auth'], summary: 'End the browser session' } }, async (request, reply) => {
    const sessionId = request.cookies[SESSION_COOKIE];
    if (sessionId) await logout(app.ctx.db, sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get('/api/v1/me', { schema: { tags: ['auth'], summary: 'The authenticated user', response: { 200: Me } } }, async (request) => {
    const actor = actorOf(request);
    return { ...actor, csrf_token: request.csrfToken, locale: actor.locale ?? null }; // the auth hook read it with the user
  });

  app.patch('/api/v1/me', {
    schema: {
      tags: ['auth'],
      summary: 'Change your own preferences (the web app\'s language: en or zh)',
      body: Type.Object({ locale: Type.Union([Type.Literal('en'), Type.Literal('zh')]) }, { additionalProperties: false }),
      response: { 200: Me },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const { locale } = request.body as { locale: 'en' | 'zh' };
    await app.ctx.db.transaction(async (tx) => {
      const before = (await tx.query<{ locale: string | null }>('SELECT locale FROM users WHERE id = $1 FOR UPDATE', [actor.id])).rows[0]?.locale ?? null;
      if (before === locale) return;
      await tx.query('UPDATE users SET locale = $2, updated_at = now() WHERE id = $1', [actor.id, locale]);
      await writeAudit(tx, actor, { action: 'update', entity: 'users', entityId: actor.id, requestId: request.id, before: { locale: before }, after: { locale } });
    });
    return { ...actor, csrf_token: request.csrfToken, locale };
  });

  app.get('/api/v1/tokens', { schema: { tags: ['auth'], summary: 'API tokens (yours; an admin sees all)' } }, async (request) => {
    const actor = actorOf(request);
    return { data: await listTokens(app.ctx.db, actor.role === 'admin' ? null : actor.id) };
  });

  app.post('/api/v1/tokens', {
    schema: {
      tags: ['auth'],
      summary: 'Create an API token (shown once)',
      body: Type.Object({
        name: Type.String({ minLength: 1, maxLength: 200 }),
        user_id: Type.Optional(Type.String({ format: 'uuid' })),
        expires_in_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
      }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const body = request.body as { name: string; user_id?: string; expires_in_days?: number };
    const userId = body.user_id ?? actor.id;
    if (userId !== actor.id && actor.role !== 'admin') throw new ForbiddenError('only an admin can create tokens for other users');
    const issued = await app.ctx.db.transaction((tx) => createToken(tx, userId, body.name, body.expires_in_days, actor));
    return reply.code(201).send(issued);
  });

  app.delete('/api/v1/tokens/:id', {
    schema: { tags: ['auth'], summary: 'Revoke an API token', params: Type.Object({ id: Type.String() }) },
  }, async (request, reply) => {
    const { id } = request.params as { id: string };
    await app.ctx.db.transaction((tx) => revokeToken(tx, id, actorOf(request)));
    return reply.code(204).send();
  });
}
