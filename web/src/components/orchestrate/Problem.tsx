// The problem an API call answered (RFC 9457 problem+json), shown where the action was taken:
// its detail and, for 400s, each field error (field, value, reason), so "unknown variable
// {{budget}}" or "no delivery configured" reads as the API said it.
import { ApiError } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';

export function Problem({ error, testId = 'problem' }: { error: unknown; testId?: string }) {
  const { t } = useI18n();
  if (error == null) return null;
  const problem = error instanceof ApiError ? error.problem : null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="notice notice-error" role="alert" data-testid={testId} data-status={problem?.status}>
      <strong>{problem?.title && problem.title !== message ? `${problem.title}: ` : ''}</strong>{message}
      {problem?.errors && problem.errors.length > 0 && (
        <ul className="problem-errors small">
          {problem.errors.map((e, i) => (
            <li key={i}>{e.field && <code>{e.field}</code>} {e.value !== undefined && e.value !== null && <>{t('orch.problem.value')} <code>{typeof e.value === 'string' ? e.value : JSON.stringify(e.value)}</code></>} {e.reason}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Runs an action, keeping its error (for <Problem>) and a busy flag. */
export async function attempt<T>(setBusy: (b: boolean) => void, setError: (e: unknown) => void, fn: () => Promise<T>): Promise<T | undefined> {
  setBusy(true);
  setError(null);
  try {
    return await fn();
  } catch (e) {
    setError(e);
    return undefined;
  } finally {
    setBusy(false);
  }
}
