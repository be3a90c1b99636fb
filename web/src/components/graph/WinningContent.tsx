// "Which articles and calls helped win deals for this product": articles by win-rate lift over
// the product's baseline, and calls on its won deals (each opening its call and deal pages).
import { Link } from 'react-router';
import { api, withQuery } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import { useAsync } from '../../useAsync.ts';
import { AsyncBlock } from '../Async.tsx';
import { Empty } from '../States.tsx';

interface Winning {
  product: { id: string; name: string };
  baseline_win_rate: number | null;
  closed_deals: number;
  articles: { id: string; title: string; deals: number; won: number; win_rate: number; lift: number | null }[];
  calls: { id: string; subject: string | null; opportunity_id: string; opportunity_name: string | null; owner_name: string | null; occurred_at: string | null; amount: number | null }[];
}

export function WinningContent({ productId }: { productId: string | null }) {
  const { t, formatPercent, formatDecimal, formatMoney, formatDate, formatNumber } = useI18n();
  const state = useAsync((signal) => (productId ? api<Winning>(withQuery('/api/v1/graph/winning-content', { product_id: productId, limit: 10 }), { signal }) : Promise.resolve(null)), [productId]);
  if (!productId) return <Empty>{t('kg.pickProduct')}</Empty>;
  return (
    <AsyncBlock state={state} what="GET /api/v1/graph/winning-content" isEmpty={(d) => !d} testId="winning-content">
      {(d) => d && (
        <div data-testid="winning-content" data-product={d.product.id}>
          <p className="muted small">{t('kg.baseline', { rate: formatPercent(d.baseline_win_rate), deals: formatNumber(d.closed_deals) })}</p>
          <h3>{t('kg.articles')}</h3>
          {d.articles.length === 0 ? <p className="muted">{t('kg.noArticles')}</p> : (
            <table className="table table-compact" data-testid="winning-articles">
              <thead><tr><th scope="col">{t('kg.article')}</th><th scope="col">{t('kg.deals')}</th><th scope="col">{t('kg.winRate')}</th><th scope="col">{t('kg.lift')}</th></tr></thead>
              <tbody>
                {d.articles.map((a) => (
                  <tr key={a.id}><td>{a.title}</td><td>{formatNumber(a.deals)}</td><td>{formatPercent(a.win_rate)}</td><td>{a.lift == null ? '—' : `× ${formatDecimal(a.lift)}`}</td></tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>{t('kg.callsWon')}</h3>
          {d.calls.length === 0 ? <p className="muted">{t('kg.noCalls')}</p> : (
            <div className="table-scroll">
              <table className="table table-compact" data-testid="winning-calls">
                <thead><tr><th scope="col">{t('kg.call')}</th><th scope="col">{t('kg.deal')}</th><th scope="col">{t('kg.owner')}</th><th scope="col">{t('kg.amount')}</th><th scope="col">{t('kg.date')}</th></tr></thead>
                <tbody>
                  {d.calls.map((c) => (
                    <tr key={c.id}>
                      <td><Link to={`/calls/${c.id}`}>{c.subject || t('kg.call')}</Link></td>
                      <td><Link to={`/pipeline/${c.opportunity_id}`}>{c.opportunity_name || t('kg.deal')}</Link></td>
                      <td>{c.owner_name ?? '—'}</td>
                      <td>{formatMoney(c.amount, 'USD', true)}</td>
                      <td>{formatDate(c.occurred_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </AsyncBlock>
  );
}
