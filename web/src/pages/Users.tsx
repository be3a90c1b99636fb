// Admin: users (role, team, active: changed in place with PATCH /api/v1/users/:id), teams
// (manager, region; add a team) and what each role may see.
import { useState, type FormEvent } from 'react';
import { api, listAll, type Team, type User } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { useAsync } from '../useAsync.ts';
import { Empty, ErrorState, Loading } from '../components/States.tsx';

const ROLES = ['admin', 'manager', 'rep'] as const;

export default function Users() {
  const { t } = useI18n();
  const { data, error, loading, reload } = useAsync(async (signal) => {
    const [users, teams] = await Promise.all([listAll<User>('/api/v1/users', {}, signal), listAll<Team>('/api/v1/teams', {}, signal)]);
    return { users, teams };
  }, []);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [teamName, setTeamName] = useState('');
  const [region, setRegion] = useState('');

  const patch = async (path: string, body: Record<string, unknown>, label: string) => {
    setNote(null);
    try {
      await api(path, { method: 'PATCH', body });
      setNote({ ok: true, text: t('admin.changed', { name: label }) });
      reload();
    } catch (e) {
      setNote({ ok: false, text: e instanceof Error ? e.message : String(e) });
    }
  };
  const addTeam = async (e: FormEvent) => {
    e.preventDefault();
    if (!teamName.trim()) return;
    try {
      await api('/api/v1/teams', { method: 'POST', body: { name: teamName.trim(), ...(region.trim() ? { region: region.trim() } : {}) } });
      setTeamName('');
      setRegion('');
      setNote({ ok: true, text: t('admin.changed', { name: teamName.trim() }) });
      reload();
    } catch (err) {
      setNote({ ok: false, text: err instanceof Error ? err.message : String(err) });
    }
  };

  const teamNames = new Map((data?.teams ?? []).map((x) => [x.id, x.name]));
  const managers = (data?.users ?? []).filter((u) => u.role !== 'rep');
  return (
    <section className="page" data-page="users" data-state={data ? 'ready' : loading ? 'loading' : 'error'} aria-labelledby="users-title">
      <header className="page-header">
        <div>
          <h1 id="users-title">{t('nav.teams')}</h1>
          <p className="muted">{t('admin.users.subtitle')}</p>
        </div>
      </header>
      <p role="status" aria-live="polite" className={note ? `notice ${note.ok ? 'notice-ok' : 'notice-error'}` : 'sr-only'}>{note?.text}</p>
      {loading && !data && <Loading />}
      {error != null && <ErrorState error={error} onRetry={reload} />}
      {data && (data.users.length === 0 ? <Empty /> : (
        <div className="card table-scroll">
          <h2>{t('users.title')}</h2>
          <table className="table" data-testid="users-table">
            <thead>
              <tr>
                <th scope="col">{t('col.name')}</th><th scope="col">{t('users.email')}</th><th scope="col">{t('users.role')}</th>
                <th scope="col">{t('users.team')}</th><th scope="col">{t('users.active')}</th><th scope="col">{t('users.locale')}</th>
              </tr>
            </thead>
            <tbody>
              {data.users.map((u) => (
                <tr key={u.id} data-user={u.email ?? u.id}>
                  <td>{u.name}</td><td>{u.email ?? '—'}</td>
                  <td>
                    <select value={u.role} aria-label={`${t('users.role')}: ${u.name}`} onChange={(e) => void patch(`/api/v1/users/${u.id}`, { role: e.target.value }, u.name)}>
                      {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
                    </select>
                  </td>
                  <td>
                    <select value={u.team_id ?? ''} aria-label={`${t('users.team')}: ${u.name}`} onChange={(e) => void patch(`/api/v1/users/${u.id}`, { team_id: e.target.value || null }, u.name)}>
                      <option value="">{t('admin.noTeam')}</option>
                      {data.teams.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
                    </select>
                  </td>
                  <td>
                    <input type="checkbox" checked={u.active} aria-label={`${t('users.active')}: ${u.name}`} onChange={(e) => void patch(`/api/v1/users/${u.id}`, { active: e.target.checked }, u.name)} />
                  </td>
                  <td>{u.locale ? t(`lang.${u.locale === 'zh' ? 'zh' : 'en'}`) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {data && (
        <div className="two-col">
          <section className="card" aria-labelledby="teams-title">
            <h2 id="teams-title">{t('admin.teams')}</h2>
            <div className="table-scroll">
              <table className="table" data-testid="teams-table">
                <thead><tr><th scope="col">{t('admin.teamName')}</th><th scope="col">{t('admin.region')}</th><th scope="col">{t('admin.manager')}</th><th scope="col">{t('admin.members')}</th></tr></thead>
                <tbody>
                  {data.teams.map((x) => (
                    <tr key={x.id}>
                      <td>{x.name}</td>
                      <td>{x.region ?? '—'}</td>
                      <td>
                        <select value={x.manager_id ?? ''} aria-label={`${t('admin.manager')}: ${x.name}`} onChange={(e) => void patch(`/api/v1/teams/${x.id}`, { manager_id: e.target.value || null }, x.name)}>
                          <option value="">{t('admin.noManager')}</option>
                          {managers.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
                        </select>
                      </td>
                      <td>{data.users.filter((u) => u.team_id === x.id).length}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <form className="form-row" onSubmit={(e) => void addTeam(e)}>
              <label className="field"><span>{t('admin.teamName')}</span><input value={teamName} onChange={(e) => setTeamName(e.target.value)} required /></label>
              <label className="field"><span>{t('admin.region')}</span><input value={region} onChange={(e) => setRegion(e.target.value)} /></label>
              <button type="submit" className="btn" disabled={!teamName.trim()}>{t('admin.addTeam')}</button>
            </form>
          </section>
          <section className="card" aria-labelledby="roles-title">
            <h2 id="roles-title">{t('admin.roles')}</h2>
            <dl className="fields">
              {ROLES.map((r) => (
                <div className="field-row" key={r}>
                  <dt>{t(`role.${r}`)} ({data.users.filter((u) => u.role === r).length})</dt>
                  <dd>{t(`admin.roleHelp.${r}`)}</dd>
                </div>
              ))}
            </dl>
            <p className="muted small">{teamNames.size} {t('admin.teams').toLowerCase()}</p>
          </section>
        </div>
      )}
    </section>
  );
}
