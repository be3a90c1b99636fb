// Files as knowledge articles over HTTP: JSON with the file base64-encoded (PDF, Markdown, HTML or
// text, by the file name's extension), the same decoding as `salesbloom kb import`. Base64 in JSON
// keeps to the article API's JSON-only style (no multipart parser is among the dependencies); the
// route's own body limit admits a PDF of MAX_PDF_BYTES. See docs/api/knowledge.md.
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../api/context.ts';
import { InputError, type InputIssue } from '../../core/errors.ts';
import { getArticle } from './articles.ts';
import { decodeDocument, IMPORT_EXTENSIONS, storeDocument } from './import-files.ts';
import { MAX_PDF_BYTES } from './pdf.ts';
import { markKnowledgeStale } from './service.ts';

const tags = ['knowledge'];

export async function knowledgeUploadRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.ctx;
  const uploadLimit = Math.ceil((MAX_PDF_BYTES * 4) / 3) + 64 * 1024;
  app.post('/api/v1/knowledge/articles/upload', {
    bodyLimit: uploadLimit,
    schema: {
      tags, summary: `Import a file (${IMPORT_EXTENSIONS.join(', ')}; PDF up to ${MAX_PDF_BYTES / 1024 / 1024} MB) sent base64-encoded; re-uploading the same file name makes a new version`,
      body: {
        type: 'object', required: ['file_name', 'content_base64'], additionalProperties: false,
        properties: {
          file_name: { type: 'string', minLength: 1, maxLength: 255 },
          content_base64: { type: 'string', minLength: 1, maxLength: uploadLimit },
          title: { type: 'string', minLength: 1, maxLength: 500 },
          tags: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 }, maxItems: 50 },
        },
      },
    },
  }, async (request, reply) => {
    const body = request.body as { file_name: string; content_base64: string; title?: string; tags?: string[] };
    const fileName = body.file_name.replace(/^.*[\\/]/, '').trim();
    const b64 = body.content_base64.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
    if (!fileName || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 === 1) {
      throw new InputError(`cannot import ${body.file_name}: content_base64 is not base64`, [{ file: body.file_name, column: fileName ? 'content_base64' : 'file_name', reason: fileName ? 'must be the file encoded as base64' : 'must name a file' }]);
    }
    const issues: InputIssue[] = [];
    const doc = await decodeDocument(fileName, Buffer.from(b64, 'base64'), issues);
    if (!doc) throw new InputError(`cannot import ${fileName}: ${issues.map((i) => i.reason).join('; ')}`, issues.map((i) => ({ ...i, column: i.column ?? 'content_base64' })));
    const stored = await storeDocument(db, doc, `upload:${fileName}`, { actor: actorOf(request), tags: body.tags?.map((t) => t.trim()), title: body.title });
    markKnowledgeStale(db);
    return reply.code(stored.action === 'created' ? 201 : 200).send({ action: stored.action, file_name: fileName, article: await getArticle(db, stored.id) });
  });
}
