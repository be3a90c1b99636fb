// A comment box that suggests people as you type "@": the API turns "@Full Name" or "@email" into a
// mention (src/modules/tasks/mentions.ts, longest active user name first), so picking a suggestion
// writes "@Full Name ". Keyboard: ↑/↓ choose, Enter or Tab pick, Escape closes (ARIA combobox).
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n.tsx';

export interface Person { id: string; name: string; email: string | null }

const WORD = /[\p{L}\p{N}_]/u;

/** The "@query" being typed just before the caret, or null. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  if (at > 0 && WORD.test(before[at - 1])) return null;
  const query = before.slice(at + 1);
  if (query.length > 40 || /[\n@]/.test(query)) return null;
  // A finished mention ("@Ana Rep and …") is no longer a query once it has two spaces in a row or ends a sentence.
  if (/\s{2}|[,.;:!?，。；：！？]/.test(query)) return null;
  return { start: at, query };
}

export function suggest(people: readonly Person[], query: string, limit = 6): Person[] {
  const q = query.trim().toLowerCase();
  const scored = people
    .map((p) => {
      const name = p.name.toLowerCase();
      const email = (p.email ?? '').toLowerCase();
      const rank = !q ? 2 : name.startsWith(q) ? 0 : email.startsWith(q) || name.split(/\s+/).some((w) => w.startsWith(q)) ? 1 : name.includes(q) ? 2 : -1;
      return { p, rank };
    })
    .filter((x) => x.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.p.name.localeCompare(b.p.name));
  return scored.slice(0, limit).map((x) => x.p);
}

export function MentionInput({ value, onChange, people, label, disabled, testId = 'comment-input' }: {
  value: string; onChange: (v: string) => void; people: readonly Person[]; label: string; disabled?: boolean; testId?: string;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [closed, setClosed] = useState(false);
  const q = mentionQuery(value, caret);
  const options = useMemo(() => (q ? suggest(people, q.query) : []), [q?.query, people]); // eslint-disable-line react-hooks/exhaustive-deps
  const open = !closed && q != null && options.length > 0;

  const pick = (p: Person) => {
    if (!q) return;
    const insert = `@${p.name} `;
    const next = value.slice(0, q.start) + insert + value.slice(caret);
    const pos = q.start + insert.length;
    onChange(next);
    setCaret(pos);
    setClosed(true);
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(pos, pos);
    });
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return;
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => (a + 1) % options.length); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => (a - 1 + options.length) % options.length); }
    else if (e.key === 'Enter' || e.key === 'Tab') { e.preventDefault(); pick(options[Math.min(active, options.length - 1)]); }
    else if (e.key === 'Escape') { e.preventDefault(); setClosed(true); }
  };
  const track = () => setCaret(ref.current?.selectionStart ?? value.length);

  return (
    <div className="mention-box">
      <label className="field">
        <span>{label}</span>
        <textarea
          ref={ref} value={value} rows={3} disabled={disabled} maxLength={20000} data-testid={testId}
          role="combobox" aria-autocomplete="list" aria-expanded={open} aria-controls={listId}
          aria-activedescendant={open ? `${listId}-${Math.min(active, options.length - 1)}` : undefined}
          aria-describedby={`${listId}-help`}
          onChange={(e) => { onChange(e.target.value); setCaret(e.target.selectionStart); setActive(0); setClosed(false); }}
          onKeyDown={onKey} onKeyUp={track} onClick={track} onBlur={() => setTimeout(() => setClosed(true), 150)}
        />
      </label>
      <p id={`${listId}-help`} className="muted small">{t('orch.task.mentionHelp')}</p>
      <ul id={listId} role="listbox" className="mention-list" hidden={!open} aria-label={t('orch.task.suggestions')} data-testid="mention-suggestions">
        {open && options.map((p, i) => (
          <li key={p.id} id={`${listId}-${i}`} role="option" aria-selected={i === active} className={i === active ? 'active' : undefined}
            onMouseDown={(e) => { e.preventDefault(); pick(p); }}>
            <strong>{p.name}</strong> {p.email && <span className="muted small">{p.email}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Comment text with each "@Name" of a mentioned user highlighted. */
export function WithMentions({ text, names }: { text: string; names: string[] }) {
  const usable = names.filter(Boolean).sort((a, b) => b.length - a.length);
  if (!usable.length) return <>{text}</>;
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(@(?:${usable.map(esc).join('|')}))`, 'gi');
  return <>{text.split(re).map((part, i) => (i % 2 === 1 ? <mark key={i} className="mention">{part}</mark> : <span key={i}>{part}</span>))}</>;
}
