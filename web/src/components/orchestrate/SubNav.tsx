// Links between the pages of one area (the Writer's compose, templates and drafts; Calls and its
// trackers; Tasks and Alerts), shown under the page title.
import { NavLink } from 'react-router';
import { useI18n, type MessageKey } from '../../i18n.tsx';

export function SubNav({ label, items }: { label: MessageKey; items: { to: string; label: MessageKey; end?: boolean }[] }) {
  const { t } = useI18n();
  return (
    <nav className="subnav" aria-label={t(label)}>
      {items.map((i) => <NavLink key={i.to} to={i.to} end={i.end ?? true} className="subnav-link">{t(i.label)}</NavLink>)}
    </nav>
  );
}

export const WRITER_NAV: { to: string; label: MessageKey }[] = [
  { to: '/writer', label: 'orch.writer.compose' },
  { to: '/writer/templates', label: 'orch.writer.templates' },
  { to: '/writer/drafts', label: 'orch.writer.drafts' },
];

export const ALERTS_NAV: { to: string; label: MessageKey; end: boolean }[] = [
  { to: '/tasks', label: 'nav.tasks', end: false },
  { to: '/alerts', label: 'orch.alerts.title', end: false },
];
