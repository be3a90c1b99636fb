// Shared data states for pages built on endpoints that may not exist yet: a route the server
// does not have (404 problem "no route …", or 501) is "not available yet", never a crash.
import type { ReactNode } from 'react';
import { ApiError, api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import type { AsyncState } from '../useAsync.ts';
import { Empty, ErrorState, Loading } from './States.tsx';

export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.status === 501) return true;
  if (error.status !== 404) return false;
  const text = `${error.problem.detail ?? ''} ${error.problem.title ?? ''}`;
  return /no route/i.test(text);
}

/** GET that answers null when the server has no such route (an optional enrichment). */
export async function optional<T>(path: string, signal?: AbortSignal): Promise<T | null> {
  try {
    return await api<T>(path, { signal });
  } catch (e) {
    if (isUnavailable(e)) return null;
    throw e;
  }
}

/** Like optional(), but any failure (404 out of scope, 409 no model yet, …) becomes null too. */
export async function soft<T>(path: string, signal?: AbortSignal): Promise<T | null> {
  try {
    return await api<T>(path, { signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    return null;
  }
}

export function Unavailable({ what }: { what?: string }) {
  const { t } = useI18n();
  return (
    <div className="state state-unavailable" data-state-kind="unavailable" role="status">
      <strong>{t('state.unavailable')}</strong>
      {what && <p className="muted small">{t('state.unavailableBody', { what })}</p>}
    </div>
  );
}

export type PageState = 'loading' | 'ready' | 'error' | 'unavailable' | 'empty';

export function pageState(s: { data: unknown; error: unknown; loading: boolean }, isEmpty?: boolean): PageState {
  if (s.error != null) return isUnavailable(s.error) ? 'unavailable' : 'error';
  if (s.data === undefined) return 'loading';
  return isEmpty ? 'empty' : 'ready';
}

/** The loading, not-available, error and empty views of a page's or block's state (nothing when ready). */
export function StateViews({ state, of, what, empty }: {
  state: PageState;
  of: { error: unknown; reload(): void };
  what?: string;
  /** Shown in the empty state; without it the caller draws its own. */
  empty?: ReactNode;
}) {
  return (
    <>
      {state === 'loading' && <Loading />}
      {state === 'unavailable' && <Unavailable what={what} />}
      {state === 'error' && <ErrorState error={of.error} onRetry={of.reload} />}
      {state === 'empty' && empty !== undefined && <Empty>{empty}</Empty>}
    </>
  );
}

/** Loading, error, not-available and empty states around a block of content. */
export function AsyncBlock<T>({ state, what, isEmpty, empty, children, testId }: {
  state: AsyncState<T>;
  what?: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
  testId?: string;
}) {
  const s = pageState(state, state.data !== undefined && isEmpty !== undefined && isEmpty(state.data));
  return (
    <div className="async-block" data-section={testId} data-section-state={s}>
      <StateViews state={s} of={state} what={what} empty={empty ?? null} />
      {s === 'ready' && children(state.data as T)}
    </div>
  );
}
