import { useI18n, type MessageKey } from '../i18n.tsx';

const KNOWN = new Set(['new', 'working', 'nurturing', 'qualified', 'converted', 'disqualified']);

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const label = KNOWN.has(status) ? t(`status.${status}` as MessageKey) : status;
  return <span className={`badge badge-${KNOWN.has(status) ? status : 'other'}`}>{label}</span>;
}
