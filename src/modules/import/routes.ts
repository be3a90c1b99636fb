// File import over HTTP (the web app's import wizard): the body is the file itself,
// streamed to a temporary file and imported exactly as `salesbloom import` would.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import { ForbiddenError, InputError } from '../../core/errors.ts';
import { actorOf } from '../../api/context.ts';
import { ENTITIES, ENTITY_NAMES, type EntityName } from '../crm/entities.ts';
import { localizedIssue } from '../../core/issue-messages.ts';
import { importFile } from './importer.ts';

const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

export async function importRoutes(app: FastifyInstance): Promise<void> {
  // Import bodies are streamed, not parsed.
  app.addContentTypeParser(['text/csv', 'application/x-ndjson', 'application/jsonl', 'application/octet-stream'], { bodyLimit: MAX_IMPORT_BYTES }, (_req, payload, done) => done(null, payload));

  app.post('/api/v1/imports/:entity', {
    bodyLimit: MAX_IMPORT_BYTES,
    schema: {
      tags: ['import'],
      summary: 'Import a CSV or JSON Lines file (request body) into an entity; all-or-nothing unless on_error=skip',
      params: { type: 'object', properties: { entity: { type: 'string', enum: ENTITY_NAMES.map((n) => n.replace(/_/g, '-')) } }, required: ['entity'] },
      querystring: {
        type: 'object',
        properties: {
          on_error: { type: 'string', enum: ['abort', 'skip'] },
          dry_run: { type: 'string', enum: ['true', 'false'] },
          delimiter: { type: 'string', maxLength: 1 },
          mapping: { type: 'string', maxLength: 100_000, description: 'JSON {"columns": {"CSV header": "field"}}' },
        },
        additionalProperties: false,
      },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const entity = ENTITIES[(request.params as { entity: string }).entity.replace(/-/g, '_') as EntityName];
    if (!entity.writeRoles.includes(actor.role) || actor.role === 'rep') throw new ForbiddenError('only admins and managers can import');
    const q = request.query as { on_error?: 'abort' | 'skip'; dry_run?: string; delimiter?: string; mapping?: string };
    let mapping;
    if (q.mapping) {
      try {
        mapping = JSON.parse(q.mapping);
      } catch {
        throw new InputError('mapping is not valid JSON', [{ column: 'mapping', reason: 'must be JSON like {"columns": {"CSV header": "field"}}' }]);
      }
    }
    const contentType = request.headers['content-type'] ?? '';
    const dir = await mkdtemp(join(tmpdir(), 'salesbloom-import-'));
    const path = join(dir, contentType.includes('ndjson') || contentType.includes('jsonl') ? 'upload.jsonl' : 'upload.csv');
    try {
      await pipeline(request.body as NodeJS.ReadableStream, createWriteStream(path));
      const summary = await importFile(app.ctx.db, {
        entity: entity.name,
        file: path,
        label: 'uploaded file',
        delimiter: q.delimiter,
        mapping,
        onError: q.on_error ?? 'abort',
        dryRun: q.dry_run === 'true',
        actor,
        requestId: String(request.id),
      });
      return { ...summary, errors: summary.errors.map(localizedIssue) };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
