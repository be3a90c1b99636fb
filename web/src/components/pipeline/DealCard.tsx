// A deal on the Kanban board: name, amount, owner, expected close, win probability, risk
// signals and the next best action; draggable, with a "Move to stage" select for the keyboard.
import { memo } from 'react';
import { Link } from 'react-router';
import type { Opportunity } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useI18n } from '../../i18n.tsx';
import { actionText, type DealInsight } from '../../revenue.ts';
import { STAGES, isClosed } from './stages.ts';
import { useNextAction } from './useNextAction.ts';

export function probabilityClass(p: number | null | undefined): string {
  if (p == null) return 'prob-none';
  return p >= 0.7 ? 'prob-high' : p >= 0.4 ? 'prob-mid' : 'prob-low';
}

export const DealCard = memo(function DealCard({ deal, insight, onMove, dragType }: {
  deal: Opportunity;
  insight?: DealInsight;
  onMove: (id: string, stage: string) => void;
  dragType: string;
}) {
  const { users } = useAuth();
  const { t, tOr, formatMoney, formatDate, formatPercent } = useI18n();
  const name = deal.name ?? t('deal.unnamed');
  const p = insight?.win_probability;
  const { ref, nba } = useNextAction(deal.id, !isClosed(deal.stage));
  const action = actionText(insight?.next_action ?? null) ?? (nba?.recommended ? tOr(`action.${nba.recommended}`, nba.recommended) : null);
  return (
    <li
      ref={ref}
      className="deal-card"
      draggable
      data-deal-id={deal.id}
      data-testid="deal-card"
      onDragStart={(e) => {
        e.dataTransfer.setData(dragType, deal.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
    >
      <div className="deal-card-head">
        <Link to={`/pipeline/${deal.id}`} className="deal-name">{name}</Link>
        <span className="deal-amount">{formatMoney(deal.amount, deal.currency)}</span>
      </div>
      <div className="muted small">
        {insight?.account_name && deal.account_id ? <Link to={`/accounts/${deal.account_id}`} data-testid="deal-card-account">{insight.account_name}</Link> : insight?.account_name}
        {insight?.account_name && deal.owner_id && users.get(deal.owner_id) ? ' · ' : ''}{deal.owner_id ? users.get(deal.owner_id)?.name : null}
      </div>
      {deal.expected_close && <div className="muted small">{t('pipeline.expectedClose')}: {formatDate(deal.expected_close)}</div>}
      {p != null && (
        <div className={`prob ${probabilityClass(p)}`} title={t('pipeline.winProbability')} data-testid="win-probability">
          <span className="prob-bar" aria-hidden="true"><span style={{ width: `${Math.round(p * 100)}%` }} /></span>
          <span>{t('pipeline.win', { value: formatPercent(p) })}</span>
        </div>
      )}
      {insight?.risks && insight.risks.length > 0 && (
        <ul className="risk-list" aria-label={t('pipeline.risks')}>
          {insight.risks.slice(0, 2).map((r) => <li key={r.code} className="risk">⚠ {tOr(`risk.${r.code}`, r.message)}</li>)}
        </ul>
      )}
      {action && <div className="next-action small" data-testid="next-action"><strong>{t('pipeline.nextAction')}:</strong> {action}</div>}
      <label className="move-select">
        <span className="sr-only">{t('pipeline.moveTo')} ({name})</span>
        <select value={deal.stage} onChange={(e) => onMove(deal.id, e.target.value)} aria-label={`${t('pipeline.moveTo')}: ${name}`} data-testid="move-stage">
          {STAGES.map((s) => <option key={s} value={s}>{tOr(`stage.${s}`, s)}</option>)}
        </select>
      </label>
    </li>
  );
});
