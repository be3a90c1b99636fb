// Every lead in the user's scope, loaded page by page (1,000 a request, the first shown at
// once), and their latest scores (GET /api/v1/lead-scores, when lead scoring is available).
// Filtering and sorting then happen in memory, so a filter over 10,000 leads takes milliseconds.
import { useEffect, useState } from 'react';
import { api, withQuery, type Lead, type Page } from '../../api.ts';
import { isUnavailable } from '../Async.tsx';

export interface LeadScore {
  lead_id: string;
  score: number | null;
  grade: string | null;
  model_version?: number | null;
  top_reasons?: { code: string; label: string; direction: string; points: number }[];
}

export function useAllLeads(nonce: number) {
  const [state, setState] = useState<{ rows: Lead[]; complete: boolean; error: unknown }>({ rows: [], complete: false, error: null });
  useEffect(() => {
    const controller = new AbortController();
    setState({ rows: [], complete: false, error: null });
    (async () => {
      let cursor: string | null = null;
      let first = true;
      const all: Lead[] = [];
      do {
        const page: Page<Lead> = await api<Page<Lead>>(withQuery('/api/v1/leads', { sort: '-created_at', limit: first ? 300 : 1000, cursor }), { signal: controller.signal });
        first = false;
        all.push(...page.data);
        cursor = page.next_cursor;
        if (!controller.signal.aborted) setState({ rows: all.slice(), complete: !cursor, error: null });
      } while (cursor && !controller.signal.aborted && all.length < 100_000);
    })().catch((error) => {
      if (!controller.signal.aborted) setState((s) => ({ ...s, error }));
    });
    return () => controller.abort();
  }, [nonce]);
  return state;
}

export function useLeadScores(nonce: number) {
  const [state, setState] = useState<{ scores: Map<string, LeadScore>; available: boolean | null }>({ scores: new Map(), available: null });
  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      const map = new Map<string, LeadScore>();
      let offset = 0;
      for (;;) {
        const page = await api<{ data: LeadScore[]; total?: number }>(withQuery('/api/v1/lead-scores', { limit: 1000, offset }), { signal: controller.signal });
        for (const s of page.data) map.set(s.lead_id, s);
        offset += page.data.length;
        if (!controller.signal.aborted) setState({ scores: new Map(map), available: true });
        if (page.data.length < 1000 || (page.total != null && offset >= page.total) || offset >= 100_000) break;
      }
    })().catch((error) => {
      if (!controller.signal.aborted) setState({ scores: new Map(), available: isUnavailable(error) ? false : null });
    });
    return () => controller.abort();
  }, [nonce]);
  return state;
}
