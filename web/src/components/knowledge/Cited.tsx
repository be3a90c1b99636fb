// An answer's text with its citation markers ([1], [2]) linked to the numbered sources below it.
import { Fragment } from 'react';

export interface Citation { n: number; article_id: string; title: string; chunk_id?: string; heading?: string; snippet?: string }

export function CitedText({ text, idPrefix }: { text: string; idPrefix: string }) {
  const parts = text.split(/(\[\d+\])/g);
  return (
    <>
      {parts.map((p, i) => {
        const m = /^\[(\d+)\]$/.exec(p);
        return m
          ? <sup key={i}><a href={`#${idPrefix}-${m[1]}`} className="cite" data-testid="citation-marker">{p}</a></sup>
          : <Fragment key={i}>{p}</Fragment>;
      })}
    </>
  );
}

export function Sources({ citations, idPrefix, label }: { citations: Citation[]; idPrefix: string; label: string }) {
  if (!citations.length) return null;
  return (
    <div className="sources">
      <h4>{label}</h4>
      <ol>
        {citations.map((c) => (
          <li key={c.n} id={`${idPrefix}-${c.n}`} value={c.n} data-testid="citation">
            <strong>{c.title}</strong>{c.heading && c.heading !== c.title ? <span className="muted small"> · {c.heading}</span> : null}
            {c.snippet && <div className="small muted">{c.snippet}</div>}
          </li>
        ))}
      </ol>
    </div>
  );
}
