// Loading, empty, error and not-found states, shared by every page.
import { Link } from 'react-router';
import { ApiError } from '../api.ts';
import { useI18n } from '../i18n.tsx';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('state.loading')}</span>
    </div>
  );
}

export function Empty({ children }: { children?: React.ReactNode }) {
  const { t } = useI18n();
  return <div className="state state-empty">{children ?? t('state.empty')}</div>;
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const message = error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error);
  const requestId = error instanceof ApiError ? error.problem.request_id : undefined;
  return (
    <div className="state state-error" role="alert">
      <strong>{t('state.error')}</strong>
      <p>{message}</p>
      {requestId && <p className="muted small">request id: <code>{requestId}</code></p>}
      {onRetry && <button type="button" className="btn" onClick={onRetry}>{t('state.retry')}</button>}
    </div>
  );
}

export function NotFound({ page = 'not-found' }: { page?: string }) {
  const { t } = useI18n();
  return (
    <section className="state state-notfound" data-page={page} data-state="not-found" aria-labelledby="nf-title">
      <h1 id="nf-title">{t('state.notFound')}</h1>
      <p>{t('state.notFoundBody')}</p>
      <Link className="btn" to="/">{t('state.backHome')}</Link>
    </section>
  );
}

/** Renders error as not-found when the API said 404 (rows outside your scope answer 404). */
export function LoadError({ error, onRetry, page }: { error: unknown; onRetry?: () => void; page?: string }) {
  if (error instanceof ApiError && error.status === 404) return <NotFound page={page} />;
  return <ErrorState error={error} onRetry={onRetry} />;
}
