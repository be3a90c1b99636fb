// Serves the built web app (web/dist, from `npm run build`) at /. Hashed assets are cached for
// a year; any other GET that is not an API or docs path and accepts HTML answers index.html, so
// the app's own routes (/leads/…) survive a reload. Without a build, / says how to make one.
import { existsSync, statSync } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';
import { PROJECT_ROOT } from '../core/paths.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';

export const WEB_DIST = join(PROJECT_ROOT, 'web', 'dist');

const MISSING_BUILD = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SalesBloom</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem">
<h1>SalesBloom</h1>
<p>The web app has not been built. Run <code>npm run build</code>, then restart <code>salesbloom serve</code>.</p>
<p>The API is running: see <a href="/docs">/docs</a>.</p>
</body></html>`;

const wantsHtml = (request: FastifyRequest) => (request.headers.accept ?? '').includes('text/html');
const isReserved = (path: string) => path === 'api' || path.startsWith('api/') || path === 'docs' || path.startsWith('docs/') || path === 'openapi.json' || path === 'healthz';

export async function webRoutes(app: FastifyInstance, options: { root?: string } = {}): Promise<void> {
  const root = resolve(options.root ?? WEB_DIST);
  await app.register(fastifyStatic, { root, serve: false, index: false });

  const sendIndex = (reply: FastifyReply) => {
    if (!existsSync(join(root, 'index.html'))) return reply.type('text/html; charset=utf-8').send(MISSING_BUILD);
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html', root, { cacheControl: false });
  };

  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    let path: string;
    try {
      path = decodeURIComponent((request.params as { '*': string })['*'] ?? '').replace(/^\/+/, '');
    } catch {
      return reply.callNotFound();
    }
    if (isReserved(path)) return reply.callNotFound();
    if (path) {
      const file = normalize(join(root, path));
      if (file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile()) {
        const immutable = path.startsWith('assets/');
        return reply.sendFile(path, root, immutable ? { maxAge: 365 * 24 * 3600 * 1000, immutable: true } : { cacheControl: false });
      }
    }
    if (!path || wantsHtml(request)) return sendIndex(reply);
    return reply.callNotFound();
  });
}
