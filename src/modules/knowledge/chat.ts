// Conversations with the knowledge base: each question is answered from retrieved passages (a
// short follow-up is retrieved together with the previous question), each answer stores the
// chunks it used, and feedback on an answer becomes a ranking prior for those chunks.
import { InputError, NotFoundError } from '../../core/errors.ts';
import { render, type Locale } from '../../core/i18n.ts';
import type { Db, Row } from '../../db/client.ts';
import type { ChatMessage } from '../../llm/types.ts';
import { tokenize } from '../../ml/text/tokenize.ts';
import type { Actor } from '../crm/access.ts';
import { getModelProvider } from '../providers/service.ts';
import { answerMessages, extractiveAnswer, finishGenerated, isConfident, MAX_SOURCES, notConfident, type Answer } from './answer.ts';
import { localizeConversation, localizeMessage, NEW_CONVERSATION_EN } from './messages.ts';
import { knowledgeIndex, recordFeedback } from './service.ts';
import { recordAnswerCitations, recordHelpfulAnswer } from './usage.ts';

const MESSAGE_COLUMNS = 'id, conversation_id, role, content, citations, chunk_ids, query, confident, mode, feedback, created_at';

export async function createConversation(db: Db, actor: Actor, title?: string): Promise<Row> {
  const { rows } = await db.query(
    `INSERT INTO chat_conversations (user_id, title) VALUES ($1, $2) RETURNING id, title, created_at, updated_at`,
    [actor.id, title?.trim() || NEW_CONVERSATION_EN],
  );
  return localizeConversation(rows[0]);
}

export async function listConversations(db: Db, actor: Actor) {
  const { rows } = await db.query(`SELECT id, title, created_at, updated_at FROM chat_conversations WHERE user_id = $1 ORDER BY updated_at DESC LIMIT 200`, [actor.id]);
  return { data: rows.map(localizeConversation) };
}

async function ownConversation(db: Db, actor: Actor, id: string): Promise<Row> {
  const { rows } = await db.query(`SELECT id, user_id, title, created_at, updated_at FROM chat_conversations WHERE id = $1`, [id]);
  // Another user's conversation answers 404, so its existence does not leak.
  if (!rows[0] || rows[0].user_id !== actor.id) throw new NotFoundError('conversation not found');
  return rows[0];
}

export async function getConversation(db: Db, actor: Actor, id: string) {
  const conversation = await ownConversation(db, actor, id);
  const { rows } = await db.query(`SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE conversation_id = $1 ORDER BY created_at, id`, [id]);
  const { user_id: _owner, ...rest } = conversation;
  return localizeConversation({ ...rest, messages: rows.map(localizeMessage) });
}

/** Retrieval text for a question: a short follow-up ("and for 30%?") is joined to the previous question. */
export function retrievalQuery(question: string, previousQuestions: readonly string[]): string {
  const previous = previousQuestions.at(-1);
  return previous && tokenize(question).length <= 6 ? `${previous} ${question}` : question;
}

export interface Turn {
  userMessage: Row;
  /** Answer text deltas as they are produced. */
  deltas: AsyncIterable<string>;
  /** Resolves once the answer is complete and stored. */
  finished: Promise<{ message: Row; answer: Answer }>;
}

/** Splits a finished text into word-sized deltas (the offline answer is not generated token by token). */
async function* wordsOf(text: string): AsyncIterable<string> {
  for (const piece of text.match(/\S+\s*/g) ?? []) yield piece;
}

/**
 * Asks in a conversation. The deltas are rendered in `locale` (the server's own "I don't know" is
 * the only text of ours in them); the stored message keeps the English and reads in the reader's
 * language later (localizeMessage).
 */
export async function postMessage(db: Db, actor: Actor, conversationId: string, content: string, locale: Locale = 'en'): Promise<Turn> {
  await ownConversation(db, actor, conversationId);
  const { rows: previous } = await db.query<{ role: 'user' | 'assistant'; content: string; query: string | null }>(
    `SELECT role, content, query FROM chat_messages WHERE conversation_id = $1 ORDER BY created_at, id`,
    [conversationId],
  );
  const query = retrievalQuery(content, previous.filter((m) => m.role === 'user').map((m) => m.query ?? m.content));
  const userMessage = (await db.query(
    `INSERT INTO chat_messages (conversation_id, role, content, query) VALUES ($1, 'user', $2, $3) RETURNING ${MESSAGE_COLUMNS}`,
    [conversationId, content, query],
  )).rows[0];
  if (previous.length === 0) await db.query(`UPDATE chat_conversations SET title = $2 WHERE id = $1 AND title = $3`, [conversationId, content.slice(0, 80), NEW_CONVERSATION_EN]);
  const index = await knowledgeIndex(db, actor);
  const hits = await index.search(query, 5);
  const threshold = index.calibration.threshold;
  const provider = await getModelProvider(db, actor);

  let resolveText!: (a: Answer) => void;
  let rejectText!: (e: unknown) => void;
  const answerReady = new Promise<Answer>((res, rej) => ((resolveText = res), (rejectText = rej)));
  answerReady.catch(() => {});

  async function* deltas(): AsyncIterable<string> {
    try {
      if (!provider) {
        const answer = extractiveAnswer(query, hits, threshold);
        yield* wordsOf(render(answer.answer, locale));
        resolveText(answer);
        return;
      }
      const { confident, confidence } = isConfident(hits, threshold);
      if (!confident) {
        const answer: Answer = notConfident(hits, confidence, threshold);
        yield* wordsOf(render(answer.answer, locale));
        resolveText(answer);
        return;
      }
      const history: ChatMessage[] = previous.slice(-6).map((m) => ({ role: m.role, content: m.content }));
      const sources = hits.slice(0, MAX_SOURCES);
      let text = '';
      for await (const d of provider.stream({ messages: answerMessages(content, sources, history), temperature: 0, maxTokens: 600, purpose: 'knowledge-chat' })) {
        text += d;
        yield d;
      }
      resolveText(finishGenerated(text, [], sources, confidence, threshold));
    } catch (error) {
      rejectText(error);
      throw error;
    }
  }

  const iterator = deltas();
  const finished = (async () => {
    const answer = await answerReady;
    const message = (await db.query(
      `INSERT INTO chat_messages (conversation_id, role, content, citations, chunk_ids, query, confident, mode)
       VALUES ($1, 'assistant', $2, $3, $4, $5, $6, $7) RETURNING ${MESSAGE_COLUMNS}`,
      [conversationId, render(answer.answer, 'en'), JSON.stringify(answer.citations), answer.chunk_ids, query, answer.confident, answer.mode],
    )).rows[0];
    await db.query(`UPDATE chat_conversations SET updated_at = now() WHERE id = $1`, [conversationId]);
    await recordAnswerCitations(db, actor, answer, String(message.id)); // usage hook (usage.ts)
    return { message: localizeMessage(message), answer };
  })();
  finished.catch(() => {});
  return { userMessage, deltas: iterator, finished };
}

/** Runs a turn to the end (the JSON, non-streaming variant). */
export async function answerMessage(db: Db, actor: Actor, conversationId: string, content: string) {
  const turn = await postMessage(db, actor, conversationId, content);
  for await (const _ of turn.deltas);
  const { message } = await turn.finished;
  return { user_message: turn.userMessage, message };
}

/**
 * Feedback on an assistant answer: the chunks it cited (or, for an uncited answer, the chunks it
 * was grounded in) get a vote for the question it answered.
 */
export async function messageFeedback(db: Db, actor: Actor, messageId: string, helpful: boolean): Promise<void> {
  const { rows } = await db.query<{ role: string; chunk_ids: string[]; citations: { chunk_id: string }[]; query: string | null; user_id: string }>(
    `SELECT m.role, m.chunk_ids, m.citations, m.query, c.user_id FROM chat_messages m JOIN chat_conversations c ON c.id = m.conversation_id WHERE m.id = $1`,
    [messageId],
  );
  const m = rows[0];
  if (!m || m.user_id !== actor.id) throw new NotFoundError('message not found');
  if (m.role !== 'assistant') throw new InputError('feedback applies to assistant answers only', [{ column: 'id', value: messageId, reason: 'is a user message' }]);
  await db.query(`UPDATE chat_messages SET feedback = $2 WHERE id = $1`, [messageId, helpful]);
  const cited = m.citations.map((c) => c.chunk_id);
  const chunks = cited.length ? cited : m.chunk_ids.slice(0, 1);
  await recordFeedback(db, actor, chunks.map((chunk_id) => ({ chunk_id, query: m.query ?? '', helpful })), messageId);
  if (helpful) await recordHelpfulAnswer(db, actor, messageId, chunks); // usage hook (usage.ts)
}
