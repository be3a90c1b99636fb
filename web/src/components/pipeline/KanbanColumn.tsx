// One stage of the Kanban board: a drop target for dragged cards, its count and amount, and
// its cards (the first 40, then "show more", so large pipelines stay light in the DOM).
import { memo, useState, type DragEvent } from 'react';
import type { Opportunity } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import type { DealInsight } from '../../revenue.ts';
import { DealCard } from './DealCard.tsx';

const PAGE = 40;
const DRAG_TYPE = 'application/x-salesbloom-deal';

export const KanbanColumn = memo(function KanbanColumn({ stage, deals, insights, onMove }: {
  stage: string;
  deals: Opportunity[];
  insights: Map<string, DealInsight>;
  onMove: (id: string, stage: string) => void;
}) {
  const { t, tOr, formatMoney, formatNumber } = useI18n();
  const [shown, setShown] = useState(PAGE);
  const [over, setOver] = useState(false);
  const amount = deals.reduce((s, d) => s + (d.amount ?? 0), 0);
  const currency = deals[0]?.currency ?? 'USD';
  const label = tOr(`stage.${stage}`, stage);

  const onDragOver = (e: DragEvent) => {
    if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    if (!over) setOver(true);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const id = e.dataTransfer.getData(DRAG_TYPE);
    if (id) onMove(id, stage);
  };
  return (
    <section
      className={`kanban-column kanban-${stage}${over ? ' kanban-over' : ''}`}
      aria-labelledby={`col-${stage}`}
      data-stage={stage}
      data-count={deals.length}
      onDragOver={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <header className="kanban-head">
        <h2 id={`col-${stage}`}>{label}</h2>
        <p className="muted small">{t('pipeline.column', { count: formatNumber(deals.length), amount: formatMoney(amount, currency, true) })}</p>
      </header>
      <ul className="kanban-cards" aria-label={label}>
        {deals.length === 0 && <li className="kanban-empty muted small">{over ? t('pipeline.drop', { stage: label }) : t('pipeline.emptyColumn')}</li>}
        {deals.slice(0, shown).map((d) => (
          <DealCard key={d.id} deal={d} insight={insights.get(d.id)} onMove={onMove} dragType={DRAG_TYPE} />
        ))}
      </ul>
      {deals.length > shown && (
        <button type="button" className="btn btn-ghost btn-block" onClick={() => setShown((n) => n + PAGE)}>
          {t('pipeline.showMore', { count: formatNumber(Math.min(PAGE, deals.length - shown)) })}
        </button>
      )}
    </section>
  );
});
