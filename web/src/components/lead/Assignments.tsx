// A lead's assignment history: who got it, when, and why (the policy's own explanation and the
// reps it considered or excluded).
import { useI18n } from '../../i18n.tsx';

export interface AssignmentEntry {
  id: number; rep_id: string | null; rep_name: string | null; explanation: string | null; queued_reason: string | null; assigned_at: string; reward?: number | null; policy?: string;
  why?: { eligible?: { id: string; name: string }[]; excluded?: { id: string; name: string; reasons: string[] }[]; policy_reason?: string; segment?: string };
}

export function Assignments({ rows }: { rows: AssignmentEntry[] }) {
  const { t, formatDateTime } = useI18n();
  if (!rows.length) return <p className="muted">{t('lead.noAssignments')}</p>;
  return (
    <ol className="timeline" data-testid="assignments">
      {rows.map((a) => (
        <li key={a.id} className="timeline-item">
          <span className="timeline-icon" aria-hidden="true">→</span>
          <div className="timeline-body">
            <div className="timeline-head">
              <strong>{a.rep_name ? t('lead.assignedTo', { name: a.rep_name }) : a.queued_reason ?? '—'}</strong>
              <span className="muted small">{formatDateTime(a.assigned_at)}{a.policy ? ` · ${a.policy}` : ''}</span>
            </div>
            {a.explanation && <p className="timeline-text"><strong>{t('common.why')}:</strong> {a.explanation}</p>}
            {a.why?.excluded && a.why.excluded.length > 0 && (
              <ul className="small muted">{a.why.excluded.map((x) => <li key={x.id}>{x.name}: {x.reasons.join('; ')}</li>)}</ul>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
