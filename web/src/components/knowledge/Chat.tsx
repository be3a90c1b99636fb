// The knowledge chat: a conversation (POST /api/v1/chat/conversations), each question streamed
// back as Server-Sent Events (delta, citations, done), citations linked to their sources, and
// feedback on each answer. Without the chat routes it falls back to POST /api/v1/knowledge/ask.
import { useRef, useState, type FormEvent } from 'react';
import { api, ApiError, streamPost } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import { isUnavailable, Unavailable } from '../Async.tsx';
import { CitedText, Sources, type Citation } from './Cited.tsx';

interface Message { key: string; role: 'user' | 'assistant'; content: string; citations: Citation[]; confident?: boolean; id?: string; streaming?: boolean; closest?: { article_id: string; title: string }[]; feedback?: boolean }
interface AskAnswer { answer: string; citations: Citation[]; confident: boolean; closest?: { article_id: string; title: string }[] }

export function Chat() {
  const { t } = useI18n();
  const [messages, setMessages] = useState<Message[]>([]);
  const [question, setQuestion] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const conversation = useRef<string | null>(null);
  const useAsk = useRef(false);

  const update = (key: string, patch: (m: Message) => Message) => setMessages((all) => all.map((m) => (m.key === key ? patch(m) : m)));

  const ask = async (e: FormEvent) => {
    e.preventDefault();
    const q = question.trim();
    if (!q || busy) return;
    setBusy(true);
    setError(null);
    setQuestion('');
    const key = `${Date.now()}`;
    setMessages((all) => [...all, { key: `${key}u`, role: 'user', content: q, citations: [] }, { key, role: 'assistant', content: '', citations: [], streaming: true }]);
    try {
      if (!useAsk.current) {
        try {
          if (!conversation.current) conversation.current = (await api<{ id: string }>('/api/v1/chat/conversations', { method: 'POST', body: { title: q.slice(0, 80) } })).id;
        } catch (err) {
          if (!isUnavailable(err)) throw err;
          useAsk.current = true;
        }
      }
      if (useAsk.current) {
        const r = await api<AskAnswer>('/api/v1/knowledge/ask', { method: 'POST', body: { question: q, k: 5 } });
        update(key, (m) => ({ ...m, content: r.answer, citations: r.citations, confident: r.confident, closest: r.closest, streaming: false }));
      } else {
        await streamPost(`/api/v1/chat/conversations/${conversation.current}/messages`, { content: q }, (ev) => {
          const data = (() => { try { return JSON.parse(ev.data); } catch { return {}; } })();
          if (ev.event === 'delta') update(key, (m) => ({ ...m, content: m.content + (data.text ?? '') }));
          else if (ev.event === 'citations') update(key, (m) => ({ ...m, citations: data.citations ?? [], confident: data.confident }));
          else if (ev.event === 'done') update(key, (m) => ({ ...m, id: data.message_id, streaming: false }));
          else if (ev.event === 'error') throw new ApiError({ status: 500, detail: data.detail ?? 'the answer failed' });
          else if (ev.event === 'json') {
            const msg = data.message ?? data;
            update(key, (m) => ({ ...m, content: msg.content ?? msg.answer ?? '', citations: msg.citations ?? [], confident: msg.confident, id: msg.id, streaming: false }));
          }
        });
        update(key, (m) => ({ ...m, streaming: false }));
      }
    } catch (err) {
      setError(err);
      setMessages((all) => all.filter((m) => m.key !== key));
    } finally {
      setBusy(false);
    }
  };

  const feedback = async (m: Message, helpful: boolean) => {
    if (!m.id) return;
    try {
      await api(`/api/v1/chat/messages/${m.id}/feedback`, { method: 'POST', body: { helpful } });
      update(m.key, (x) => ({ ...x, feedback: helpful }));
    } catch {
      /* feedback is best effort */
    }
  };

  if (error && isUnavailable(error) && messages.length === 0) return <Unavailable what="POST /api/v1/knowledge/ask" />;
  return (
    <div className="chat" data-testid="chat">
      <div className="chat-log" aria-live="polite">
        {messages.length === 0 && <p className="muted">{t('kb.emptyChat')}</p>}
        {messages.map((m) => (
          <div key={m.key} className={`chat-msg chat-${m.role}`} data-testid={m.role === 'assistant' ? 'chat-answer' : 'chat-question'} data-streaming={m.streaming ? 'true' : 'false'}>
            <div className="chat-who">{m.role === 'user' ? t('kb.you') : t('kb.assistant')}</div>
            <div className="chat-text">{m.role === 'assistant' ? <CitedText text={m.content || (m.streaming ? t('kb.thinking') : '')} idPrefix={`c${m.key}`} /> : m.content}</div>
            {m.role === 'assistant' && !m.streaming && (
              <>
                <Sources citations={m.citations} idPrefix={`c${m.key}`} label={t('kb.sources')} />
                {m.confident === false && m.closest && m.closest.length > 0 && (
                  <p className="small muted">{t('kb.notConfident')} {m.closest.map((c) => c.title).join(' · ')}</p>
                )}
                {m.id && (
                  <div className="button-row">
                    {m.feedback === undefined ? (
                      <>
                        <button type="button" className="btn btn-ghost" onClick={() => void feedback(m, true)}>👍 {t('kb.helpful')}</button>
                        <button type="button" className="btn btn-ghost" onClick={() => void feedback(m, false)}>👎 {t('kb.notHelpful')}</button>
                      </>
                    ) : <span className="muted small">{t('kb.thanks')}</span>}
                  </div>
                )}
              </>
            )}
          </div>
        ))}
      </div>
      {error != null && <p className="notice notice-error" role="alert">{error instanceof Error ? error.message : String(error)}</p>}
      <form className="chat-form" onSubmit={(e) => void ask(e)}>
        <label className="field chat-input">
          <span>{t('kb.ask')}</span>
          <input value={question} onChange={(e) => setQuestion(e.target.value)} placeholder={t('kb.askPlaceholder')} data-testid="chat-input" />
        </label>
        <button type="submit" className="btn btn-primary" disabled={busy || !question.trim()}>{busy ? t('kb.thinking') : t('kb.send')}</button>
        {messages.length > 0 && <button type="button" className="btn btn-ghost" onClick={() => { conversation.current = null; setMessages([]); }}>{t('kb.newChat')}</button>}
      </form>
    </div>
  );
}
