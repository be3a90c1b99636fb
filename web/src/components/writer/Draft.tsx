// A generated draft with its fact-check flags highlighted in the text: claims not in the facts
// (invented prices, numbers, dates, products) and spammy phrases, plus length problems.
import { Fragment } from 'react';
import { useI18n } from '../../i18n.tsx';

export interface Flag { text: string; kind: string }
export interface Checks { ok: boolean; invented: Flag[]; spam: Flag[]; length?: { subject_chars?: number; body_words?: number; target_words?: [number, number]; ok: boolean; problems: string[] } }
export interface DraftData { id?: string; variant: number; subject: string; body: string; language?: string; checks: Checks }
export interface WriterResponse { provider: string; facts: Record<string, unknown>; drafts: DraftData[] }

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function FlaggedText({ text, flags }: { text: string; flags: (Flag & { cls: string })[] }) {
  const usable = flags.filter((f) => f.text.trim());
  if (!usable.length) return <>{text}</>;
  const re = new RegExp(`(${usable.map((f) => escape(f.text)).sort((a, b) => b.length - a.length).join('|')})`, 'gi');
  return (
    <>
      {text.split(re).map((part, i) => {
        const f = usable.find((x) => x.text.toLowerCase() === part.toLowerCase());
        return f ? <mark key={i} className={`flag ${f.cls}`} title={f.kind} data-testid="flag">{part}</mark> : <Fragment key={i}>{part}</Fragment>;
      })}
    </>
  );
}

export function Draft({ draft }: { draft: DraftData }) {
  const { t } = useI18n();
  const flags = [
    ...draft.checks.invented.map((f) => ({ ...f, cls: 'flag-invented' })),
    ...draft.checks.spam.map((f) => ({ ...f, cls: 'flag-spam' })),
  ];
  const count = flags.length + (draft.checks.length && !draft.checks.length.ok ? 1 : 0);
  return (
    <article className="card draft" data-testid="draft" aria-label={t('writer.variant', { n: draft.variant })}>
      <header className="card-header">
        <h3>{t('writer.variant', { n: draft.variant })}</h3>
        {count === 0
          ? <span className="badge badge-qualified">✓ {t('writer.checksOk')}</span>
          : <span className="badge badge-disqualified">{t('writer.flags', { count })}</span>}
      </header>
      <p><strong>{t('writer.subject')}:</strong> <FlaggedText text={draft.subject} flags={flags} /></p>
      <div className="draft-body"><FlaggedText text={draft.body} flags={flags} /></div>
      {count > 0 && (
        <ul className="flag-legend small">
          {draft.checks.invented.map((f, i) => <li key={`i${i}`}><mark className="flag flag-invented">{f.text}</mark> {t('writer.invented')} ({f.kind})</li>)}
          {draft.checks.spam.map((f, i) => <li key={`s${i}`}><mark className="flag flag-spam">{f.text}</mark> {t('writer.spam')}</li>)}
          {draft.checks.length && !draft.checks.length.ok && draft.checks.length.problems.map((p, i) => <li key={`l${i}`}>{t('writer.lengthProblem')}: {p}</li>)}
        </ul>
      )}
    </article>
  );
}
