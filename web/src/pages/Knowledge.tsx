// Knowledge: the cited-answer chat (streaming), article search and editor, and the FAQ tester,
// as tabs (arrow keys move between tabs).
import { useRef, type KeyboardEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n, type MessageKey } from '../i18n.tsx';
import { Chat } from '../components/knowledge/Chat.tsx';
import { Articles } from '../components/knowledge/Articles.tsx';
import { FaqTester } from '../components/knowledge/FaqTester.tsx';

const TABS = ['chat', 'articles', 'faq'] as const;
type Tab = (typeof TABS)[number];

export default function Knowledge() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'chat';
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const select = (next: Tab) => {
    setParams({ tab: next }, { replace: true });
    refs.current[next]?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    if (e.key === 'ArrowRight') select(TABS[(i + 1) % TABS.length]);
    if (e.key === 'ArrowLeft') select(TABS[(i + TABS.length - 1) % TABS.length]);
  };
  return (
    <section className="page" data-page="knowledge" data-state="ready" aria-labelledby="kb-title">
      <header className="page-header">
        <div>
          <h1 id="kb-title">{t('kb.title')}</h1>
          <p className="muted">{t('kb.subtitle')}</p>
        </div>
      </header>
      <div role="tablist" aria-label={t('kb.title')} className="tabs" onKeyDown={onKey}>
        {TABS.map((x) => (
          <button key={x} ref={(el) => { refs.current[x] = el; }} role="tab" id={`tab-${x}`} aria-controls={`panel-${x}`} aria-selected={tab === x} tabIndex={tab === x ? 0 : -1} className="tab" onClick={() => select(x)}>
            {t(`kb.tab.${x}` as MessageKey)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="card tab-panel">
        {tab === 'chat' && <Chat />}
        {tab === 'articles' && <Articles />}
        {tab === 'faq' && <FaqTester />}
      </div>
    </section>
  );
}
