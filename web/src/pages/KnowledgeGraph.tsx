// Knowledge graph: who in the company knows an account, which articles and calls helped win deals
// for a product, which competitors appear with which products (heat map), and a neighbourhood
// explorer (docs/api/monitor.md, "Knowledge graph"). Everyone may use it; the API leaves out
// deals and activities outside the user's scope.
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, withQuery, type Page } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { useAsync } from '../useAsync.ts';
import { pageState, StateViews } from '../components/Async.tsx';
import { EntityPicker, type Picked } from '../components/graph/EntityPicker.tsx';
import { WhoKnows } from '../components/graph/WhoKnows.tsx';
import { WinningContent } from '../components/graph/WinningContent.tsx';
import { CompetitorHeatmap, loadCompetitors } from '../components/graph/CompetitorHeatmap.tsx';
import { Explorer } from '../components/graph/Explorer.tsx';
import { preloadGraphChart } from '../components/graph/LazyGraphChart.tsx';
import type { GraphNode } from '../components/graph/nodes.ts';

preloadGraphChart();

const first = async (entity: 'accounts' | 'products', signal: AbortSignal): Promise<Picked | null> => {
  const page = await api<Page<Picked>>(withQuery(`/api/v1/${entity}`, { sort: 'name', limit: 1 }), { signal });
  return page.data[0] ? { id: page.data[0].id, name: page.data[0].name } : null;
};

export default function KnowledgeGraph() {
  const { t } = useI18n();
  // Start with the first account and product so every view shows something at once.
  const initial = useAsync(async (signal) => {
    const [account, product] = await Promise.all([first('accounts', signal), first('products', signal)]);
    return { account, product };
  }, []);
  const competitors = useAsync(loadCompetitors, []);
  const [account, setAccount] = useState<Picked | null>(null);
  const [product, setProduct] = useState<Picked | null>(null);
  const [start, setStart] = useState<GraphNode | null>(null);
  const acc = account ?? initial.data?.account ?? null;
  const prod = product ?? initial.data?.product ?? null;
  const startNode = useMemo(() => start ?? (acc ? { id: `account:${acc.id}`, type: 'account' as const, label: acc.name } : null), [start, acc]);

  const state = pageState(initial, initial.data ? !initial.data.account && !initial.data.product : false);
  return (
    <section className="page" data-page="graph" data-state={state} aria-labelledby="kg-title">
      <header className="page-header">
        <div>
          <h1 id="kg-title">{t('kg.title')}</h1>
          <p className="muted">{t('kg.subtitle')}</p>
        </div>
      </header>
      <StateViews state={state} of={initial} what="GET /api/v1/accounts" />
      {state === 'empty' && <p className="muted">{t('state.noData')}</p>}
      {initial.data && (
        <>
          <div className="grid-2 kg-grid">
            <section className="card" aria-labelledby="kg-who">
              <h2 id="kg-who">{t('kg.whoKnows')}</h2>
              <EntityPicker entity="accounts" label={t('kg.account')} placeholder={t('kg.searchAccount')} value={acc} onChange={(v) => setAccount(v)} testId="account-picker" />
              {acc && <p className="small"><Link to={`/accounts/${acc.id}`} data-testid="kg-open-account">{t('account.openAccount')}: {acc.name}</Link></p>}
              <WhoKnows accountId={acc?.id ?? null} />
            </section>
            <section className="card" aria-labelledby="kg-win">
              <h2 id="kg-win">{t('kg.winning')}</h2>
              <EntityPicker entity="products" label={t('kg.product')} placeholder={t('kg.searchProduct')} value={prod} onChange={(v) => setProduct(v)} testId="product-picker" />
              <WinningContent productId={prod?.id ?? null} />
            </section>
          </div>
          <section className="card" aria-labelledby="kg-comp">
            <h2 id="kg-comp">{t('kg.competitors')}</h2>
            <p className="muted small">{t('kg.competitorsHint')}</p>
            <CompetitorHeatmap state={competitors} />
          </section>
          <section className="card" aria-labelledby="kg-explore">
            <div className="card-header">
              <h2 id="kg-explore">{t('kg.explorer')}</h2>
              <div className="button-row">
                <button type="button" className="btn" disabled={!acc} onClick={() => acc && setStart({ id: `account:${acc.id}`, type: 'account', label: acc.name })} data-testid="explore-account">
                  {t('kg.exploreAccount')}{acc ? `: ${acc.name}` : ''}
                </button>
                <button type="button" className="btn" disabled={!prod} onClick={() => prod && setStart({ id: `product:${prod.id}`, type: 'product', label: prod.name })} data-testid="explore-product">
                  {t('kg.exploreProduct')}{prod ? `: ${prod.name}` : ''}
                </button>
              </div>
            </div>
            <p className="muted small">{t('kg.explorerHint')}</p>
            <Explorer key={startNode?.id ?? 'none'} start={startNode} />
          </section>
        </>
      )}
    </section>
  );
}
