// API tokens: create (the token is shown once), list and revoke.
import { useState, type FormEvent } from 'react';
import { api, type User } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n.tsx';
import { useAsync } from '../useAsync.ts';
import { Empty, ErrorState, Loading } from '../components/States.tsx';

interface TokenRow { id: string; name: string; prefix: string; user_email: string; created_at: string; expires_at: string | null; last_used_at: string | null; revoked_at: string | null }

export default function Tokens() {
  const { me, users } = useAuth();
  const { t, formatDateTime } = useI18n();
  const { data, error, loading, reload } = useAsync((signal) => api<{ data: TokenRow[] }>('/api/v1/tokens', { signal }).then((r) => r.data), []);
  const [name, setName] = useState('');
  const [userId, setUserId] = useState('');
  const [days, setDays] = useState('');
  const [issued, setIssued] = useState<{ name: string; token: string } | null>(null);
  const [formError, setFormError] = useState<unknown>(null);
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFormError(null);
    setCopied(false);
    try {
      const body: Record<string, unknown> = { name: name.trim() };
      if (userId) body.user_id = userId;
      if (days) body.expires_in_days = Number(days);
      const result = await api<{ token: string; name: string }>('/api/v1/tokens', { method: 'POST', body });
      setIssued({ name: result.name, token: result.token });
      setName('');
      setDays('');
      reload();
    } catch (err) {
      setFormError(err);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (row: TokenRow) => {
    if (!window.confirm(t('tokens.confirmRevoke', { name: row.name }))) return;
    try {
      await api(`/api/v1/tokens/${row.id}`, { method: 'DELETE' });
      reload();
    } catch (err) {
      setFormError(err);
    }
  };
  const userList: User[] = [...users.values()].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <section className="page" data-page="tokens" data-state={data ? 'ready' : loading ? 'loading' : 'error'} aria-labelledby="tokens-title">
      <header className="page-header">
        <div><h1 id="tokens-title">{t('tokens.title')}</h1><p className="muted">{t('tokens.intro')}</p></div>
      </header>
      <form className="card form-row" onSubmit={create} aria-label={t('tokens.create')}>
        <label className="field">
          <span>{t('tokens.name')}</span>
          <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} data-testid="token-name" />
        </label>
        <label className="field">
          <span>{t('tokens.user')}</span>
          <select value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">{me?.name}</option>
            {userList.filter((u) => u.id !== me?.id).map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('tokens.expires')}</span>
          <input type="number" min={1} max={3650} value={days} onChange={(e) => setDays(e.target.value)} />
        </label>
        <button type="submit" className="btn btn-primary" disabled={busy || !name.trim()}>{t('tokens.create')}</button>
      </form>
      {formError != null && <ErrorState error={formError} />}
      {issued && (
        <div className="notice notice-ok token-once" role="status" data-testid="token-issued">
          <p>{t('tokens.created')}</p>
          <code className="token-value">{issued.token}</code>
          <button type="button" className="btn" onClick={() => { void navigator.clipboard?.writeText(issued.token).then(() => setCopied(true), () => undefined); }}>
            {copied ? t('tokens.copied') : t('tokens.copy')}
          </button>
        </div>
      )}
      {loading && !data && <Loading />}
      {error != null && <ErrorState error={error} onRetry={reload} />}
      {data && (data.length === 0 ? <Empty /> : (
        <div className="card table-scroll">
          <table className="table" data-testid="tokens-table">
            <thead>
              <tr>
                <th scope="col">{t('tokens.name')}</th><th scope="col">{t('tokens.user')}</th><th scope="col">{t('tokens.prefix')}</th>
                <th scope="col">{t('tokens.createdAt')}</th><th scope="col">{t('tokens.expiresAt')}</th><th scope="col">{t('tokens.lastUsed')}</th>
                <th scope="col">{t('tokens.status')}</th><th scope="col"><span className="sr-only">{t('tokens.revoke')}</span></th>
              </tr>
            </thead>
            <tbody>
              {data.map((row) => (
                <tr key={row.id} data-token-name={row.name}>
                  <td>{row.name}</td><td>{row.user_email}</td><td><code>{row.prefix}…</code></td>
                  <td>{formatDateTime(row.created_at)}</td><td>{row.expires_at ? formatDateTime(row.expires_at) : t('tokens.never')}</td>
                  <td>{row.last_used_at ? formatDateTime(row.last_used_at) : t('tokens.never')}</td>
                  <td>{row.revoked_at ? <span className="badge badge-disqualified">{t('tokens.revoked')}</span> : <span className="badge badge-qualified">{t('tokens.active')}</span>}</td>
                  <td>{!row.revoked_at && <button type="button" className="btn btn-ghost btn-danger" onClick={() => void revoke(row)} aria-label={`${t('tokens.revoke')} ${row.name}`}>{t('tokens.revoke')}</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
