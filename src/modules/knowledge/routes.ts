// Knowledge base HTTP routes: versioned articles, hybrid search, cited answers, chat with
// streaming (SSE) and feedback, FAQ routing. See docs/api/knowledge.md.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ForbiddenError, InputError } from '../../core/errors.ts';
import { renderDeep, requestLocale } from '../../core/i18n.ts';
import { actorOf } from '../../api/context.ts';
import { articleHistory, createArticle, getArticle, listArticles, updateArticle, validateArticle } from './articles.ts';
import { answerMessage, createConversation, getConversation, listConversations, messageFeedback, postMessage } from './chat.ts';
import { refitOfflineEmbedding } from './embeddings.ts';
import { importFaqCsv, routeFaq, trainFaq } from './faq.ts';
import { faqHoldoutReport, faqModelSettings } from './faq-report.ts';
import { askKnowledge, knowledgeIndex, markKnowledgeStale, registerKnowledgeHooks, searchKnowledge } from './service.ts';
import { recordAnswerCitations, recordArticleView } from './usage.ts';
import { knowledgeUploadRoutes } from './upload-routes.ts';

const idParams = { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] };
const articleBody = {
  type: 'object',
  properties: {
    title: { type: 'string', maxLength: 500 },
    body: { type: 'string' },
    format: { type: 'string', enum: ['markdown', 'html', 'text'] },
    tags: { type: 'array', items: { type: 'string', maxLength: 100 } },
    status: { type: 'string', enum: ['draft', 'published', 'archived'] },
    language: { type: ['string', 'null'] },
    external_id: { type: ['string', 'null'] },
    attributes: { type: 'object' },
  },
};
const questionBody = (key: string) => ({
  type: 'object',
  required: [key],
  additionalProperties: false,
  properties: { [key]: { type: 'string', minLength: 1, maxLength: 4000 }, k: { type: 'integer', minimum: 1, maximum: 20 } },
});

function nonBlank(value: string, column: string): string {
  if (!value.trim()) throw new InputError(`${column} is empty`, [{ column, value, reason: 'must contain text' }]);
  return value;
}

function sse(reply: FastifyReply) {
  reply.hijack();
  reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  return (event: string, data: unknown) => reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

export async function knowledgeRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.ctx;
  registerKnowledgeHooks(app.ctx.repo, db);

  // ---------- articles ----------
  const tags = ['knowledge'];
  app.get('/api/v1/knowledge/articles', {
    schema: {
      tags, summary: 'List knowledge articles (without bodies)',
      querystring: {
        type: 'object', additionalProperties: false,
        properties: { tag: { type: 'string' }, q: { type: 'string', maxLength: 200 }, status: { type: 'string', enum: ['draft', 'published', 'archived'] }, limit: { type: 'string', pattern: '^[0-9]{1,3}$' }, offset: { type: 'string', pattern: '^[0-9]{1,7}$' } },
      },
    },
  }, async (request) => {
    const q = request.query as { tag?: string; q?: string; status?: string; limit?: string; offset?: string };
    return listArticles(db, { ...q, limit: q.limit ? Number(q.limit) : undefined, offset: q.offset ? Number(q.offset) : undefined });
  });

  app.get('/api/v1/knowledge/articles/:id', { schema: { tags, summary: 'One knowledge article with its body (a view by anyone but its author counts as a use)', params: idParams } },
    async (request) => {
      const article = await getArticle(db, (request.params as { id: string }).id);
      await recordArticleView(db, actorOf(request), article); // usage hook (usage.ts)
      return article;
    });

  app.post('/api/v1/knowledge/articles', { schema: { tags, summary: 'Create a knowledge article (version 1)', body: articleBody } }, async (request, reply) => {
    const article = await createArticle(db, actorOf(request), validateArticle(request.body, 'create'));
    markKnowledgeStale(db);
    return reply.code(201).send(article);
  });

  app.patch('/api/v1/knowledge/articles/:id', { schema: { tags, summary: 'Update a knowledge article (a new version)', params: idParams, body: articleBody } }, async (request) => {
    const article = await updateArticle(db, actorOf(request), (request.params as { id: string }).id, validateArticle(request.body, 'update'));
    markKnowledgeStale(db);
    return article;
  });

  await app.register(knowledgeUploadRoutes); // POST /api/v1/knowledge/articles/upload (upload-routes.ts)

  app.get('/api/v1/knowledge/articles/:id/history', { schema: { tags, summary: 'Every version of an article, newest first', params: idParams } },
    async (request) => articleHistory(db, (request.params as { id: string }).id));

  // ---------- search and answers ----------
  app.get('/api/v1/knowledge/search', {
    schema: {
      tags, summary: 'Hybrid search (BM25 + embeddings, RRF) over article passages',
      querystring: { type: 'object', required: ['q'], additionalProperties: false, properties: { q: { type: 'string', minLength: 1, maxLength: 2000 }, k: { type: 'string', pattern: '^[0-9]{1,2}$' } } },
    },
  }, async (request) => {
    const { q, k } = request.query as { q: string; k?: string };
    const hits = await searchKnowledge(db, nonBlank(q, 'q'), { k: Math.max(1, Number(k ?? 10)), actor: actorOf(request) });
    return { query: q, data: hits.map(({ text: _text, coverage: _coverage, ...hit }) => ({ ...hit, score: Math.round(hit.score * 1e6) / 1e6 })) };
  });

  app.post('/api/v1/knowledge/ask', { schema: { tags, summary: 'A cited answer from the knowledge base, or "I don\'t know" with the closest articles', body: questionBody('question') } }, async (request) => {
    const { question, k } = request.body as { question: string; k?: number };
    const { chunk_ids: _chunks, ...answer } = await askKnowledge(db, actorOf(request), nonBlank(question, 'question'), { k });
    await recordAnswerCitations(db, actorOf(request), answer); // usage hook (usage.ts)
    return answer;
  });

  app.post('/api/v1/knowledge/reindex', { schema: { tags, summary: 'Refit the offline embeddings on the corpus and rebuild the index (admins)' } }, async (request) => {
    const actor = actorOf(request);
    if (actor.role !== 'admin') throw new ForbiddenError('only admins can reindex the knowledge base');
    const model = await refitOfflineEmbedding(db, actor);
    markKnowledgeStale(db);
    const index = await knowledgeIndex(db, actor);
    return { model_version: model.version, dims: model.lsa.dim, documents: model.documents, chunks: index.chunks.length, embedding_model: index.model, calibration: index.calibration };
  });

  // ---------- chat ----------
  const chatTags = ['chat'];
  app.post('/api/v1/chat/conversations', {
    schema: { tags: chatTags, summary: 'Start a conversation', body: { type: 'object', additionalProperties: false, properties: { title: { type: 'string', maxLength: 200 } } } },
  }, async (request, reply) => reply.code(201).send(await createConversation(db, actorOf(request), (request.body as { title?: string } | undefined)?.title)));

  app.get('/api/v1/chat/conversations', { schema: { tags: chatTags, summary: 'Your conversations, latest first' } },
    async (request) => listConversations(db, actorOf(request)));

  app.get('/api/v1/chat/conversations/:id', { schema: { tags: chatTags, summary: 'A conversation with its messages', params: idParams } },
    async (request) => getConversation(db, actorOf(request), (request.params as { id: string }).id));

  app.post('/api/v1/chat/conversations/:id/messages', {
    schema: { tags: chatTags, summary: 'Ask in a conversation; Accept: text/event-stream streams delta, citations and done events', params: idParams, body: questionBody('content') },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const { id } = request.params as { id: string };
    const content = nonBlank((request.body as { content: string }).content, 'content');
    if (!String(request.headers.accept ?? '').includes('text/event-stream')) return reply.code(201).send(await answerMessage(db, actor, id, content));
    // The stream does not go through reply.send: it is rendered here, in the request's language.
    const locale = requestLocale(request);
    const turn = await postMessage(db, actor, id, content, locale); // errors before streaming answer as problems
    const send = sse(reply);
    try {
      for await (const text of turn.deltas) send('delta', { text });
      const { message, answer } = await turn.finished;
      send('citations', renderDeep({ citations: answer.citations, confident: answer.confident, closest: answer.closest }, locale));
      send('done', { message_id: message.id, user_message_id: turn.userMessage.id });
    } catch (error) {
      request.log.error(error);
      send('error', { detail: (error as Error).message });
    }
    reply.raw.end();
  });

  app.post('/api/v1/chat/messages/:id/feedback', {
    schema: { tags: chatTags, summary: 'Helpful or not: adjusts the ranking of the chunks the answer used', params: idParams, body: { type: 'object', required: ['helpful'], additionalProperties: false, properties: { helpful: { type: 'boolean' } } } },
  }, async (request) => {
    await messageFeedback(db, actorOf(request), (request.params as { id: string }).id, (request.body as { helpful: boolean }).helpful);
    return { ok: true };
  });

  // ---------- FAQ ----------
  app.post('/api/v1/faq/route', { schema: { tags: ['faq'], summary: 'Route a question to an FAQ entry, or none fits', body: questionBody('question') } },
    async (request) => routeFaq(db, (request.body as { question: string }).question));

  app.post('/api/v1/faq/train', {
    bodyLimit: 12 * 1024 * 1024,
    schema: {
      tags: ['faq'],
      summary: 'Retrain FAQ routing from FAQ articles and imported examples (admins, managers); optionally import a CSV of text,label rows first; answers with a held-out report',
      body: {
        type: ['object', 'null'],
        additionalProperties: false,
        properties: {
          csv: { type: 'string', minLength: 1, maxLength: 10 * 1024 * 1024, description: 'CSV text with a header row: text,label (replaces the previously imported rows)' },
          filename: { type: 'string', maxLength: 200, description: 'name of the uploaded file, used in error messages' },
          holdout: { type: 'number', minimum: 0.05, maximum: 0.5, description: 'share of each intent held out for the report (default 0.2)' },
        },
      },
    },
  }, async (request) => {
    const actor = actorOf(request);
    if (actor.role === 'rep') throw new ForbiddenError('only admins and managers can train FAQ routing');
    const body = (request.body ?? {}) as { csv?: string; filename?: string; holdout?: number };
    let trained: { model_version: number; intents: number; examples: number; imported?: number };
    if (body.csv !== undefined) {
      // The CSV goes through the same reader as `salesbloom faq train FILE` (a temporary file), with issues naming the upload.
      const name = (body.filename ?? 'upload.csv').replace(/[^\w.\- ]+/g, '_').slice(0, 100) || 'upload.csv';
      const dir = await mkdtemp(join(tmpdir(), 'faq-'));
      const file = join(dir, name);
      try {
        await writeFile(file, body.csv, 'utf8');
        trained = await importFaqCsv(db, file, actor);
      } catch (error) {
        if (error instanceof InputError) {
          throw new InputError(error.message.split(file).join(name), error.issues.map((i) => ({ ...i, file: i.file === undefined ? undefined : name })));
        }
        throw error;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    } else {
      trained = await trainFaq(db, actor);
    }
    const [settings, report] = await Promise.all([faqModelSettings(db, trained.model_version), faqHoldoutReport(db, body.holdout ?? 0.2)]);
    return { ...trained, ...settings, report };
  });
}
