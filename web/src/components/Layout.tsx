// The app shell: a left navigation grouped by the BLOOM modules, a header with the language
// switch and the user, and the page in <main>.
import { Suspense } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { useAuth } from '../auth.tsx';
import { LOCALES, useI18n, type Locale, type MessageKey } from '../i18n.tsx';
import { Loading } from './States.tsx';
import { Icon, type IconName } from './Icon.tsx';

interface NavItem { to: string; label: MessageKey; icon: IconName; roles?: readonly string[] }
interface NavGroup { label: MessageKey; items: NavItem[] }

const NAV: NavGroup[] = [
  {
    label: 'nav.monitor',
    items: [
      { to: '/', label: 'nav.home', icon: 'home' },
      { to: '/tasks', label: 'nav.tasks', icon: 'bell' },
      { to: '/alerts', label: 'orch.alerts.title', icon: 'forecast' },
    ],
  },
  {
    label: 'nav.optimize',
    items: [
      { to: '/leads', label: 'nav.leads', icon: 'leads' },
      { to: '/pipeline', label: 'nav.pipeline', icon: 'pipeline' },
      { to: '/forecast', label: 'nav.forecast', icon: 'forecast' },
      { to: '/customers', label: 'nav.customers', icon: 'customers' },
    ],
  },
  { label: 'nav.boost', items: [{ to: '/team', label: 'nav.team', icon: 'team' }] },
  { label: 'nav.learn', items: [{ to: '/knowledge', label: 'nav.knowledge', icon: 'book' }, { to: '/graph', label: 'nav.graph', icon: 'graph' }] },
  {
    label: 'nav.orchestrate',
    items: [
      { to: '/writer', label: 'nav.writer', icon: 'pen' },
      { to: '/calls', label: 'nav.calls', icon: 'phone' },
      { to: '/import', label: 'nav.import', icon: 'import', roles: ['admin', 'manager'] },
    ],
  },
  {
    label: 'nav.admin',
    items: [
      { to: '/admin/users', label: 'nav.teams', icon: 'users', roles: ['admin'] },
      { to: '/admin/tokens', label: 'nav.tokens', icon: 'key', roles: ['admin'] },
      { to: '/admin/models', label: 'nav.models', icon: 'cpu', roles: ['admin', 'manager'] },
      { to: '/admin/scoring', label: 'nav.scoringAdmin', icon: 'forecast', roles: ['admin', 'manager'] },
      { to: '/admin/assignment', label: 'nav.assignmentAdmin', icon: 'users', roles: ['admin', 'manager'] },
      { to: '/admin/provider', label: 'nav.provider', icon: 'settings', roles: ['admin'] },
      { to: '/admin/audit', label: 'nav.audit', icon: 'log', roles: ['admin'] },
    ],
  },
];

export function Layout() {
  const { me, logout, changeLocale } = useAuth();
  const { t, locale } = useI18n();
  const location = useLocation();
  if (!me) return null;
  const groups = NAV.map((g) => ({ ...g, items: g.items.filter((i) => !i.roles || i.roles.includes(me.role)) })).filter((g) => g.items.length);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">{t('app.skip')}</a>
      <aside className="sidebar">
        <div className="brand"><span className="brand-mark" aria-hidden="true">✿</span> {t('app.name')}</div>
        <nav aria-label={t('nav.label')}>
          {groups.map((g) => (
            <div className="nav-group" key={g.label}>
              <div className="nav-group-label">{t(g.label)}</div>
              <ul>
                {g.items.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} end={item.to === '/'} className="nav-link">
                      <span className="nav-icon"><Icon name={item.icon} /></span>
                      {t(item.label)}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
      </aside>
      <div className="main-column">
        <header className="topbar">
          <div className="topbar-user">{t('header.signedInAs', { name: me.name, role: t(`role.${me.role}`) })}</div>
          <label className="lang-switch">
            <span className="sr-only">{t('header.language')}</span>
            <Icon name="globe" />
            <select value={locale} onChange={(e) => changeLocale(e.target.value as Locale)} aria-label={t('header.language')} data-testid="language">
              {LOCALES.map((l) => <option key={l.code} value={l.code}>{l.label}</option>)}
            </select>
          </label>
          <button type="button" className="btn btn-ghost" onClick={() => void logout()}>{t('header.logout')}</button>
        </header>
        <main id="main" tabIndex={-1}>
          <Suspense fallback={<Loading />}>
            <ErrorBoundary resetKey={location.pathname}>
              {/* Keyed by language: the page reloads its data, whose explanations the server writes in it. */}
              <Outlet key={locale} />
            </ErrorBoundary>
          </Suspense>
        </main>
      </div>
    </div>
  );
}
