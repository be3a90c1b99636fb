// Texts the knowledge base writes for people itself (the "I don't know" answer, a new
// conversation's name, FAQ report notes), in English and Simplified Chinese. Answers quoted or
// generated from articles are in the articles' language and stay as they are, as do citations.
import { defineMessages, render, type Text } from '../../core/i18n.ts';

export const msg = defineMessages(
  {
    'knowledge.dontKnow': "I don't know: the knowledge base has nothing that answers this confidently.",
    'knowledge.newConversation': 'New conversation',
    'knowledge.faq.noHoldout': 'no intent has two or more examples, so none can be held out: add example questions',
    'knowledge.faq.tooFewIntents': 'fewer than two intents remain to train on after the hold-out',
  },
  {
    'knowledge.dontKnow': '我不知道：知识库中没有能可靠回答这个问题的内容。',
    'knowledge.newConversation': '新对话',
    'knowledge.faq.noHoldout': '没有任何意图有两个或以上的示例，无法留出测试：请添加示例问题',
    'knowledge.faq.tooFewIntents': '留出测试后可用于训练的意图少于两个',
  },
);

/** The answer when retrieval is too weak to answer: a Text, rendered in the reader's language. */
export const DONT_KNOW_TEXT: Text = msg('knowledge.dontKnow');
export const DONT_KNOW_EN = render(DONT_KNOW_TEXT, 'en');
export const NEW_CONVERSATION_EN = render(msg('knowledge.newConversation'), 'en');

/**
 * A stored chat message or conversation as readers get it: the server's own words (stored in
 * English, as before) become Texts again; everything else (questions, quoted or generated answers)
 * is returned as stored.
 */
export function localizeMessage<T extends { role?: string; content?: unknown }>(m: T): T {
  return m.role === 'assistant' && m.content === DONT_KNOW_EN ? { ...m, content: DONT_KNOW_TEXT } : m;
}

export function localizeConversation<T extends object>(c: T): T {
  return (c as { title?: unknown }).title === NEW_CONVERSATION_EN ? { ...c, title: msg('knowledge.newConversation') } : c;
}
