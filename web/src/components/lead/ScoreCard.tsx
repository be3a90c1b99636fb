// A lead's score with the full explanation: every reason code (points ≈ log-odds × 10, summing
// from the base rate to the score), the interval for low-confidence models, and the history.
import { useI18n } from '../../i18n.tsx';

export interface ScoreReason { code: string; label: string; column?: string; direction: string; contribution: number; points: number }
export interface LeadScoreDetail {
  lead_id: string; model_version: number | null; score: number | null; grade: string | null; log_odds?: number | null;
  base_rate?: number | null; interval?: [number, number] | { lo: number; hi: number } | null; scored_at?: string | null;
  reasons: ScoreReason[]; history?: { score: number; grade: string; model_version: number; scored_at: string }[];
}

export function ScoreCard({ s }: { s: LeadScoreDetail }) {
  const { t, formatPercent, formatDateTime } = useI18n();
  if (s.score == null) return <p className="muted">{t('lead.notScored')}</p>;
  const interval = Array.isArray(s.interval) ? { lo: s.interval[0], hi: s.interval[1] } : s.interval ?? null;
  const max = Math.max(1, ...s.reasons.map((r) => Math.abs(r.points)));
  return (
    <div data-testid="lead-score">
      <div className="score-head">
        <span className={`grade grade-large grade-${s.grade ?? 'none'}`}>{s.grade ?? '–'}</span>
        <div>
          <div className="kpi-value">{formatPercent(s.score)}</div>
          <div className="muted small">
            {interval ? `${t('lead.interval', { lo: formatPercent(interval.lo), hi: formatPercent(interval.hi) })} · ` : ''}
            {s.model_version != null ? t('lead.model', { version: s.model_version }) : ''}{s.scored_at ? ` · ${formatDateTime(s.scored_at)}` : ''}
          </div>
        </div>
      </div>
      <h3>{t('lead.scoreExplain')}</h3>
      {s.base_rate != null && <p className="muted small">{t('lead.baseRate', { rate: formatPercent(s.base_rate, 1) })}</p>}
      <ul className="reason-bars" data-testid="score-reasons">
        {s.reasons.map((r) => (
          <li key={r.code + r.label}>
            <span className="reason-label">{r.label}</span>
            <span className="reason-bar" aria-hidden="true">
              <span className={r.points >= 0 ? 'bar-up' : 'bar-down'} style={{ width: `${(Math.abs(r.points) / max) * 50}%`, [r.points >= 0 ? 'left' : 'right']: '50%' }} />
            </span>
            <span className={r.points >= 0 ? 'pos' : 'neg'}>{t('lead.points', { value: `${r.points >= 0 ? '+' : ''}${r.points.toFixed(1)}` })}</span>
          </li>
        ))}
      </ul>
      {s.history && s.history.length > 1 && (
        <>
          <h3>{t('lead.scoreHistory')}</h3>
          <ol className="small">{s.history.slice(0, 8).map((h, i) => <li key={i}>{h.grade} · {formatPercent(h.score)} · v{h.model_version} · {formatDateTime(h.scored_at)}</li>)}</ol>
        </>
      )}
    </div>
  );
}
