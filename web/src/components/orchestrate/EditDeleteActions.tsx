// Edit and two-step delete buttons for a row of a managed list (templates, trackers, alert
// rules): the first delete click asks, the second deletes; no browser pop-up.
import { useI18n } from '../../i18n.tsx';

export function EditDeleteActions({ name, confirming, busy, onEdit, onAskDelete, onDelete }: {
  name: string;
  confirming: boolean;
  busy: boolean;
  onEdit(): void;
  onAskDelete(): void;
  onDelete(): void;
}) {
  const { t } = useI18n();
  return (
    <div className="button-row">
      <button type="button" className="btn btn-ghost" onClick={onEdit} aria-label={t('orch.editNamed', { name })}>{t('common.edit')}</button>
      {confirming
        ? <button type="button" className="btn btn-danger" onClick={onDelete} disabled={busy} aria-label={t('orch.confirmDeleteNamed', { name })}>{t('orch.confirmDelete')}</button>
        : <button type="button" className="btn btn-ghost btn-danger" onClick={onAskDelete} aria-label={t('orch.deleteNamed', { name })}>{t('common.delete')}</button>}
    </div>
  );
}
