// Assembles the HTTP server from the modules' route plugins. Owns cross-cutting concerns only:
// request ids, logging, limits, authentication, problem+json errors and the OpenAPI document.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { AuthError, ForbiddenError, NotFoundError } from '../core/errors.ts';
import { renderDeep, requestLocale } from '../core/i18n.ts';
import type { Db } from '../db/client.ts';
import { authRoutes, SESSION_COOKIE } from '../modules/auth/routes.ts';
import { authenticateSession, authenticateToken } from '../modules/auth/service.ts';
import { crmRoutes } from '../modules/crm/routes.ts';
import { importRoutes } from '../modules/import/routes.ts';
import { createContext } from './context.ts';
import { capabilityRoutes } from './modules.ts';
import { sendProblem, toProblem } from './problem.ts';

export interface ServerOptions {
  db: Db;
  logLevel?: string;
  /** Maximum request body in bytes (default 1 MiB; imports have their own larger limit). */
  bodyLimit?: number;
  version?: string;
}

const PUBLIC_PATHS = new Set(['/healthz', '/openapi.json', '/api/v1/auth/login']);
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info' },
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    requestTimeout: 60_000,
    connectionTimeout: 60_000,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true } },
  });
  app.decorate('ctx', createContext(options.db));
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // Texts the services wrote as message keys are rendered here, in the reader's language:
  // Accept-Language first (the web app sends its current choice), else the user's saved locale.
  app.addHook('preSerialization', async (request, reply, payload) => {
    const locale = requestLocale(request);
    reply.header('content-language', locale === 'zh' ? 'zh-CN' : 'en');
    return renderDeep(payload, locale);
  });
  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error, request);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, toProblem(new NotFoundError(`no route ${request.method} ${request.url.split('?')[0]}`), request)));

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'SalesBloom API',
        version: options.version ?? '0.1.0',
        description: 'Every call needs `Authorization: Bearer <token>` (create one with `salesbloom tokens create`) or a session cookie from /api/v1/auth/login. Errors are RFC 9457 application/problem+json.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0];
    if (!path.startsWith('/api/') || PUBLIC_PATHS.has(path)) return;
    const header = request.headers.authorization;
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m) throw new AuthError('use Authorization: Bearer <token>');
      request.actor = await authenticateToken(app.ctx.db, m[1]);
      return;
    }
    const sessionId = request.cookies[SESSION_COOKIE];
    if (!sessionId) throw new AuthError();
    const session = await authenticateSession(app.ctx.db, sessionId);
    // Cookie-authenticated writes must echo the session's CSRF token.
    if (UNSAFE.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
      throw new ForbiddenError('missing or wrong X-CSRF-Token header');
    }
    request.actor = session.actor;
    request.csrfToken = session.csrfToken;
  });

  app.get('/healthz', { schema: { hide: true } }, async () => {
    await app.ctx.db.query('SELECT 1');
    return { status: 'ok', database: app.ctx.db.kind };
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(authRoutes);
  await app.register(crmRoutes);
  await app.register(importRoutes);
  for (const routes of capabilityRoutes) await app.register(routes);
  await app.register((await import('./web.ts')).webRoutes); // the web app at / (web/dist), registered last
  return app;
}
