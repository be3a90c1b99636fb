// A search-as-you-type picker for CRM rows (accounts, products): an ARIA combobox over the list
// endpoint's name filter (`name[contains]=…`), debounced, keyboard-operable (↑ ↓ Enter Escape).
import { useEffect, useId, useRef, useState } from 'react';
import { api, withQuery, type Page } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';

export interface Picked { id: string; name: string }

export function EntityPicker({ entity, label, placeholder, value, onChange, testId }: {
  entity: 'accounts' | 'products';
  label: string;
  placeholder: string;
  value: Picked | null;
  onChange: (value: Picked) => void;
  testId?: string;
}) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState(value?.name ?? '');
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<Picked[]>([]);
  const [active, setActive] = useState(0);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const typed = useRef(false);

  useEffect(() => {
    if (!typed.current) setText(value?.name ?? '');
  }, [value]);

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setSearching(true);
      const q = typed.current ? text.trim() : '';
      api<Page<Picked>>(withQuery(`/api/v1/${entity}`, { 'name[contains]': q || undefined, sort: 'name', limit: 12 }), { signal: controller.signal })
        .then((page) => {
          setOptions(page.data.map((r) => ({ id: r.id, name: r.name })));
          setActive(0);
          setError(null);
        })
        .catch((e) => {
          if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
        })
        .finally(() => {
          if (!controller.signal.aborted) setSearching(false);
        });
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, open, entity]);

  const choose = (o: Picked) => {
    typed.current = false;
    setText(o.name);
    setOpen(false);
    onChange(o);
  };
  const listId = `${id}-list`;
  return (
    <div className="field picker" data-testid={testId}>
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        type="search"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && options[active] ? `${id}-opt-${active}` : undefined}
        placeholder={placeholder}
        value={text}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onChange={(e) => {
          typed.current = true;
          setText(e.target.value);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(a + 1, Math.max(0, options.length - 1)));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === 'Enter' && open && options[active]) {
            e.preventDefault();
            choose(options[active]);
          } else if (e.key === 'Escape') {
            setOpen(false);
          }
        }}
      />
      {open && (
        <ul id={listId} role="listbox" className="picker-list" aria-label={label}>
          {searching && options.length === 0 && <li className="muted small" role="presentation">{t('kg.searching')}</li>}
          {error && <li className="notice-error small" role="presentation">{error}</li>}
          {!searching && !error && options.length === 0 && <li className="muted small" role="presentation">{t('kg.noMatch')}</li>}
          {options.map((o, i) => (
            <li
              key={o.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'picker-option active' : 'picker-option'}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(o);
              }}
              onMouseEnter={() => setActive(i)}
            >
              {o.name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
