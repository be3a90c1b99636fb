// FAQ mode: route a question to one FAQ entry (or "none fits") with the intent router, trained
// on FAQ articles (tag 'faq': the title and the example questions of a "Questions" section or
// attributes.questions) plus labelled rows imported from CSV (text,label).
import { ConflictError, InputError } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import { trainIntentRouter, type IntentRouter } from '../../ml/text/intent-router.ts';
import type { Actor } from '../crm/access.ts';
import { loadLabelledCsv } from '../intents/dataset.ts';

export const FAQ_KIND = 'faq-router';
const SEED = 1;

interface FaqArticle {
  id: string;
  title: string;
  body: string;
  attributes: { questions?: unknown; intent?: unknown };
}

/** Example questions of an FAQ article: list items or lines ending in "?" under a "Questions" heading. */
export function exampleQuestions(article: Pick<FaqArticle, 'body' | 'attributes'>): string[] {
  const out: string[] = [];
  let inQuestions = false;
  for (const line of article.body.split(/\r?\n/)) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      inQuestions = /questions|问题/i.test(heading[1]);
      continue;
    }
    const item = line.replace(/^\s*[-*+]\s+|^\s*\d+[.)]\s+/, '').trim();
    if (inQuestions && item) out.push(item);
  }
  const attr = article.attributes?.questions;
  if (Array.isArray(attr)) out.push(...attr.filter((q): q is string => typeof q === 'string' && q.trim() !== ''));
  return out;
}

interface Trained {
  version: number;
  router: IntentRouter;
  articles: Map<string, { id: string; title: string }>;
}
const routers = new WeakMap<Db, Trained>();

/** The FAQ training rows: FAQ articles' titles and example questions, then imported CSV rows. */
export async function trainingSet(db: Db) {
  const { rows } = await db.query<FaqArticle>(
    `SELECT id, title, body, attributes FROM knowledge_articles WHERE status = 'published' AND 'faq' = ANY(tags) ORDER BY id`,
  );
  const texts: string[] = [];
  const labels: string[] = [];
  const articles = new Map<string, { id: string; title: string }>();
  for (const a of rows) {
    const label = typeof a.attributes?.intent === 'string' ? a.attributes.intent : a.title;
    articles.set(label, { id: a.id, title: a.title });
    for (const q of [a.title, ...exampleQuestions(a)]) (texts.push(q), labels.push(label));
  }
  const csv = await db.query<{ text: string; label: string }>(`SELECT text, label FROM faq_examples ORDER BY id`);
  for (const r of csv.rows) (texts.push(r.text), labels.push(r.label));
  return { texts, labels, articles };
}

async function fitRouter(db: Db) {
  const { texts, labels, articles } = await trainingSet(db);
  const intents = new Set(labels).size;
  if (intents < 2) {
    throw new InputError('FAQ routing needs at least two FAQ entries', [{ column: 'label', value: intents, reason: "tag at least two articles 'faq' or import a CSV of text,label rows" }]);
  }
  return { router: trainIntentRouter(texts, labels, { seed: SEED }), articles, texts, intents };
}

/** Trains the router and records a model version; throws InputError when fewer than two intents exist. */
export async function trainFaq(db: Db, actor: Actor | null = null) {
  const { router, articles, texts, intents } = await fitRouter(db);
  const { rows } = await db.query<{ version: number }>(
    `INSERT INTO models (kind, version, params, metrics, active, created_by)
     SELECT $1, coalesce(max(version), 0) + 1, $2, $3, false, $4 FROM models WHERE kind = $1 RETURNING version`,
    [FAQ_KIND, JSON.stringify({ seed: SEED, features: 'word 1-2 + char_wb 2-5 TF-IDF, linear SVM' }),
      JSON.stringify({ intents, examples: texts.length, temperature: router.temperature, threshold: router.threshold }), actor?.id ?? null],
  );
  const version = Number(rows[0].version);
  routers.set(db, { version, router, articles });
  return { model_version: version, intents, examples: texts.length };
}

export async function importFaqCsv(db: Db, file: string, actor: Actor | null = null) {
  const data = loadLabelledCsv(file);
  await db.transaction(async (tx) => {
    await tx.query(`DELETE FROM faq_examples WHERE source = 'csv'`);
    for (let i = 0; i < data.texts.length; i += 1000) {
      await tx.query(`INSERT INTO faq_examples (text, label) SELECT * FROM unnest($1::text[], $2::text[])`, [data.texts.slice(i, i + 1000), data.labels.slice(i, i + 1000)]);
    }
  });
  return { imported: data.texts.length, ...(await trainFaq(db, actor)) };
}

export async function routeFaq(db: Db, question: string) {
  if (!question.trim()) throw new InputError('question is empty', [{ column: 'question', value: question, reason: 'must not be empty' }]);
  let trained = routers.get(db);
  const latest = (await db.query<{ v: number | null }>(`SELECT max(version) AS v FROM models WHERE kind = $1`, [FAQ_KIND])).rows[0].v;
  if (latest === null) throw new ConflictError('no FAQ model yet: train one with POST /api/v1/faq/train or `salesbloom faq train FILE`');
  if (!trained || trained.version !== Number(latest)) {
    // Trained in another process: refit here (seeded, so the same data gives the same router).
    const { router, articles } = await fitRouter(db);
    trained = { version: Number(latest), router, articles };
    routers.set(db, trained);
  }
  const r = trained.router.route(question);
  const article = trained.articles.get(r.label) ?? null;
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  return {
    intent: r.label,
    article_id: article?.id ?? null,
    title: article?.title ?? null,
    score: round(r.confidence),
    none_fits: r.abstain,
    top5: r.top.slice(0, 5).map((t) => ({ intent: t.label, score: round(t.score) })),
    model_version: trained.version,
  };
}
