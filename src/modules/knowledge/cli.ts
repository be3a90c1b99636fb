// `salesbloom kb import|ask|search|reindex` and `salesbloom faq train|route`.
import { cliLocale, render } from '../../core/i18n.ts';
import type { Command } from 'commander';
import { printJson, withDataOptions, withDatabase } from '../../cli/options.ts';
import { InputError } from '../../core/errors.ts';
import { refitOfflineEmbedding } from './embeddings.ts';
import { importFaqCsv, routeFaq } from './faq.ts';
import { importKnowledgeFiles } from './import-files.ts';
import { askKnowledge, knowledgeIndex, searchKnowledge } from './service.ts';

const out = (s: string) => process.stdout.write(`${s}\n`);

function positiveInt(name: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 100) throw new InputError(`${name} must be a whole number from 1 to 100`, [{ column: name, value, reason: 'must be 1–100' }]);
    return n;
  };
}

export function registerKnowledgeCommands(program: Command): void {
  const kb = program.command('kb').description('Knowledge base: import articles, search, ask questions with cited answers');

  withDataOptions(
    kb.command('import').description('Import .md, .html, .txt and .pdf files or folders as articles (re-import updates them as new versions)')
      .argument('<paths...>', 'files or folders')
      .option('--tags <list>', 'comma-separated tags to add')
      .option('--json', 'print JSON'),
  ).action(async (paths: string[], opts) => {
    const tags = opts.tags ? String(opts.tags).split(',').map((t: string) => t.trim()).filter(Boolean) : [];
    const result = await withDatabase(opts, (db) => importKnowledgeFiles(db, paths, { tags }));
    if (opts.json) return printJson(result);
    out(`imported ${result.files} files: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged`);
    for (const a of result.articles) out(`  ${a.action.padEnd(9)} v${a.version} ${a.title}  (${a.file})`);
    if (result.skipped.length) out(`  skipped ${result.skipped.length} files of other types`);
  });

  withDataOptions(kb.command('ask').description('Answer a question from the knowledge base, with citations').argument('<question>').option('--json', 'print JSON')).action(async (question: string, opts) => {
    if (!question.trim()) throw new InputError('question is empty', [{ column: 'question', value: question, reason: 'must contain text' }]);
    const { chunk_ids: _c, ...answer } = await withDatabase(opts, (db) => askKnowledge(db, null, question));
    if (opts.json) return printJson(answer);
    out(render(answer.answer, cliLocale()));
    for (const c of answer.citations) out(`  [${c.n}] ${c.heading}  (${c.article_id})`);
    if (!answer.confident) out(`(confidence ${answer.confidence} is below this knowledge base's calibrated threshold ${answer.threshold})`);
    if (!answer.confident && answer.closest.length) out(`closest articles:\n${answer.closest.map((c) => `  - ${c.title}`).join('\n')}`);
  });

  withDataOptions(
    kb.command('search').description('Hybrid search over article passages').argument('<query>').option('--k <n>', 'results', positiveInt('k'), 10).option('--json', 'print JSON'),
  ).action(async (query: string, opts) => {
    if (!query.trim()) throw new InputError('query is empty', [{ column: 'query', value: query, reason: 'must contain text' }]);
    const hits = await withDatabase(opts, (db) => searchKnowledge(db, query, { k: opts.k }));
    const data = hits.map(({ text: _t, coverage: _c, ...h }) => ({ ...h, score: Math.round(h.score * 1e6) / 1e6 }));
    if (opts.json) return printJson({ query, data });
    data.forEach((h, i) => out(`${i + 1}. ${h.heading}  (${h.score.toFixed(4)})\n   ${h.snippet}`));
  });

  withDataOptions(kb.command('reindex').description('Refit the offline embeddings on articles, notes and emails; rebuild the index').option('--json', 'print JSON')).action(async (opts) => {
    const result = await withDatabase(opts, async (db) => {
      const model = await refitOfflineEmbedding(db);
      const index = await knowledgeIndex(db, null);
      return { model_version: model.version, dims: model.lsa.dim, documents: model.documents, chunks: index.chunks.length, embedding_model: index.model, calibration: index.calibration };
    });
    if (opts.json) return printJson(result);
    out(`offline embedding v${result.model_version}: ${result.dims} dimensions fitted on ${result.documents} texts; ${result.chunks} passages indexed with ${result.embedding_model}`);
    const c = result.calibration;
    out(c.method === 'default'
      ? `"I don't know" threshold: ${c.threshold} (default: too few articles to calibrate)`
      : `"I don't know" threshold: ${c.threshold} (leave-article-out on ${c.questions} questions: ${Math.round(c.answered_when_indexed! * 100)} % answered with their article, ${Math.round(c.abstained_when_held_out! * 100)} % abstained without it)`);
  });

  const faq = program.command('faq').description('FAQ mode: route questions to FAQ entries');
  withDataOptions(faq.command('train').description('Import labelled questions (CSV text,label) and retrain FAQ routing with the FAQ articles').argument('<file>').option('--json', 'print JSON')).action(async (file: string, opts) => {
    const result = await withDatabase(opts, (db) => importFaqCsv(db, file));
    if (opts.json) return printJson(result);
    out(`imported ${result.imported} examples; FAQ router v${result.model_version}: ${result.intents} intents from ${result.examples} examples`);
  });
  withDataOptions(faq.command('route').description('Route a question to an FAQ entry').argument('<question>').option('--json', 'print JSON')).action(async (question: string, opts) => {
    const result = await withDatabase(opts, (db) => routeFaq(db, question));
    if (opts.json) return printJson(result);
    out(result.none_fits ? `none fits (closest: ${result.intent}, ${result.score})` : `${result.intent} (${result.score})`);
  });
}
