// The next best action of a deal on the board, fetched only for cards that scroll into view
// (GET /api/v1/opportunities/:id/next-best-action, four at a time, cached). When the server has
// no such route, nothing more is asked.
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api.ts';
import { isUnavailable } from '../Async.tsx';

export interface NbaAction { action: string; expected_uplift: number | null; ci?: [number, number] | null; support?: number; supported?: boolean }
export interface Nba { opportunity_id: string; actions: NbaAction[]; recommended: string | null; note: string | null; state?: Record<string, string> }

const cache = new Map<string, Nba | null>();
const queue: Array<() => void> = [];
let running = 0;
let unavailable = false;

function schedule(job: () => Promise<void>) {
  const run = () => {
    running += 1;
    job().finally(() => {
      running -= 1;
      queue.shift()?.();
    });
  };
  if (running < 4) run();
  else queue.push(run);
}

export function useNextAction(id: string, enabled: boolean): { ref: React.RefObject<HTMLLIElement | null>; nba: Nba | null | undefined } {
  const ref = useRef<HTMLLIElement | null>(null);
  const [nba, setNba] = useState<Nba | null | undefined>(cache.get(id));
  useEffect(() => {
    if (!enabled || unavailable || cache.has(id) || !ref.current) return;
    let live = true;
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      schedule(async () => {
        if (unavailable || cache.has(id)) {
          if (live) setNba(cache.get(id) ?? null);
          return;
        }
        try {
          const r = await api<Nba>(`/api/v1/opportunities/${id}/next-best-action`);
          cache.set(id, r);
          if (live) setNba(r);
        } catch (e) {
          if (isUnavailable(e)) unavailable = true;
          cache.set(id, null);
          if (live) setNba(null);
        }
      });
    });
    observer.observe(ref.current);
    return () => {
      live = false;
      observer.disconnect();
    };
  }, [id, enabled]);
  return { ref, nba };
}

export function forgetNextAction(id: string): void {
  cache.delete(id);
}
