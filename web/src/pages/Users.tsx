import { listAll, type Team, type User } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { useAsync } from '../useAsync.ts';
import { Empty, ErrorState, Loading } from '../components/States.tsx';

export default function Users() {
  const { t } = useI18n();
  const { data, error, loading, reload } = useAsync(async (signal) => {
    const [users, teams] = await Promise.all([listAll<User>('/api/v1/users', {}, signal), listAll<Team>('/api/v1/teams', {}, signal)]);
    return { users, teams: new Map(teams.map((x) => [x.id, x.name])) };
  }, []);
  return (
    <section className="page" data-page="users" data-state={data ? 'ready' : loading ? 'loading' : 'error'} aria-labelledby="users-title">
      <header className="page-header"><h1 id="users-title">{t('users.title')}</h1></header>
      {loading && !data && <Loading />}
      {error != null && <ErrorState error={error} onRetry={reload} />}
      {data && (data.users.length === 0 ? <Empty /> : (
        <div className="card table-scroll">
          <table className="table" data-testid="users-table">
            <thead>
              <tr>
                <th scope="col">{t('col.name')}</th><th scope="col">{t('users.email')}</th><th scope="col">{t('users.role')}</th>
                <th scope="col">{t('users.team')}</th><th scope="col">{t('users.active')}</th><th scope="col">{t('users.locale')}</th>
              </tr>
            </thead>
            <tbody>
              {data.users.map((u) => (
                <tr key={u.id}>
                  <td>{u.name}</td><td>{u.email ?? '—'}</td><td>{t(`role.${u.role}`)}</td>
                  <td>{u.team_id ? data.teams.get(u.team_id) ?? '—' : '—'}</td>
                  <td>{u.active ? t('users.yes') : t('users.no')}</td><td>{u.locale ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
