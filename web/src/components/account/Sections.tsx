// The account page's sections that load on their own: recent activity, customer analytics and
// who in the team knows the account.
import { api, ApiError, withQuery, type Activity, type Opportunity } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useI18n } from '../../i18n.tsx';
import { useAsync } from '../../useAsync.ts';
import { AsyncBlock, isUnavailable } from '../Async.tsx';
import type { CustomerDetail } from '../../revenue.ts';
import { MAX_IN, type Contact, type WhoKnowsRow } from './types.ts';

export function ActivitiesSection({ accountId, deals, contacts }: { accountId: string; deals: Opportunity[] | undefined; contacts: Contact[] | undefined }) {
  const { t, tOr, formatDateTime } = useI18n();
  const { users } = useAuth();
  const dealIds = (deals ?? []).slice(0, MAX_IN).map((d) => d.id).join(',');
  const contactIds = (contacts ?? []).slice(0, MAX_IN).map((c) => c.id).join(',');
  const ready = deals !== undefined && contacts !== undefined;
  // Activities on the account itself, on its deals and on its people (each within the user's scope).
  const state = useAsync(async (signal) => {
    if (!ready) return new Promise<Activity[]>(() => {});
    const page = (q: Record<string, string>) => api<{ data: Activity[] }>(withQuery('/api/v1/activities', { ...q, sort: '-occurred_at', limit: 30 }), { signal }).then((r) => r.data);
    const parts = await Promise.all([
      page({ account_id: accountId }),
      dealIds ? page({ 'opportunity_id[in]': dealIds }) : Promise.resolve([]),
      contactIds ? page({ 'contact_id[in]': contactIds }) : Promise.resolve([]),
    ]);
    const byId = new Map<string, Activity>();
    for (const a of parts.flat()) byId.set(a.id, a);
    const when = (a: Activity) => new Date(a.occurred_at ?? a.due_at ?? a.created_at).getTime();
    return [...byId.values()].sort((x, y) => when(y) - when(x)).slice(0, 20);
  }, [accountId, ready, dealIds, contactIds]);
  return (
    <AsyncBlock state={state} isEmpty={(a) => a.length === 0} empty={t('account.noActivities')} testId="account-activities">
      {(rows) => (
        <ol className="timeline" data-testid="account-timeline">
          {rows.map((a) => (
            <li key={a.id} className="timeline-item">
              <span className={`timeline-icon timeline-${a.type}`} aria-hidden="true">{tOr(`activity.${a.type}`, a.type).slice(0, 1).toUpperCase()}</span>
              <div className="timeline-body">
                <div className="timeline-head">
                  <strong>{a.subject ?? tOr(`activity.${a.type}`, a.type)}</strong>
                  <span className="muted small">{tOr(`activity.${a.type}`, a.type)} · {formatDateTime(a.occurred_at ?? a.due_at ?? a.created_at)}{a.owner_id ? ` · ${users.get(a.owner_id)?.name ?? ''}` : ''}</span>
                </div>
                {a.body && <p className="timeline-text">{a.body.length > 180 ? `${a.body.slice(0, 180)}…` : a.body}</p>}
              </div>
            </li>
          ))}
        </ol>
      )}
    </AsyncBlock>
  );
}

export function CustomerSection({ accountId }: { accountId: string }) {
  const { t, tOr, formatPercent, formatMoney, formatDecimal, formatDate, formatNumber } = useI18n();
  // 404 means this account is not a customer in the latest snapshot (no orders) or not in the
  // user's customer scope (customer analytics scopes accounts by their owner): shown as "empty".
  const state = useAsync(async (signal) => {
    try {
      return await api<CustomerDetail>(`/api/v1/customers/${accountId}`, { signal });
    } catch (e) {
      if (e instanceof ApiError && e.status === 404 && !isUnavailable(e)) return null;
      throw e;
    }
  }, [accountId]);
  return (
    <AsyncBlock state={state} what="GET /api/v1/customers/:account_id" isEmpty={(c) => c === null} empty={t('account.notCustomer')} testId="account-customer">
      {(c) => c && (
        <div data-testid="account-customer-data">
          <dl className="fields">
            <div className="field-row"><dt>{t('account.segment')}</dt><dd data-testid="account-segment">{c.segment ?? '—'}</dd></div>
            <div className="field-row"><dt>{t('account.pAlive')}</dt><dd data-testid="account-p-alive">{formatPercent(c.p_alive)}</dd></div>
            <div className="field-row"><dt>{t('account.churnRisk')}</dt><dd>{formatPercent(c.churn_risk)}</dd></div>
            <div className="field-row"><dt>{t('account.expectedPurchases')}</dt><dd>{formatDecimal(c.expected_purchases_12m ?? null, 1)}</dd></div>
            <div className="field-row"><dt>{t('account.value12m')}</dt><dd data-testid="account-value-12m">{formatMoney(c.value_12m)}</dd></div>
            <div className="field-row"><dt>{t('account.lastOrder')}</dt><dd>{formatDate(c.last_order)}{c.orders != null ? ` (${formatNumber(c.orders)})` : ''}</dd></div>
          </dl>
          <h3>{t('account.recommendations')}</h3>
          {!c.recommendations?.length ? <p className="muted">{t('account.noRecommendations')}</p> : (
            <ol className="recs" data-testid="account-recommendations">
              {c.recommendations.map((r) => (
                <li key={r.product_id}>
                  <strong>{r.name}</strong>{r.source && <span className="chip"> {tOr(`account.source.${r.source}`, r.source)}</span>}
                  <div className="small">{r.explanation ?? (r.because?.length ? t('account.because', { items: r.because.join(', ') }) : '')}</div>
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </AsyncBlock>
  );
}

export function WhoKnowsSection({ accountId }: { accountId: string }) {
  const { t, formatMoney, formatDate, formatNumber } = useI18n();
  const state = useAsync((signal) => api<{ data: WhoKnowsRow[] }>(withQuery('/api/v1/graph/who-knows', { account_id: accountId, limit: 8 }), { signal }).then((r) => r.data), [accountId]);
  return (
    <AsyncBlock state={state} what="GET /api/v1/graph/who-knows" isEmpty={(d) => d.length === 0} empty={t('account.nobody')} testId="account-who-knows">
      {(rows) => (
        <div className="table-scroll">
          <table className="table table-compact" data-testid="account-who-knows-table">
            <thead><tr><th scope="col">{t('account.person')}</th><th scope="col">{t('account.evidence')}</th><th scope="col">{t('account.lastInteraction')}</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.user_id}>
                  <td>{r.name}{r.evidence.owns_account && <> <span className="chip chip-ok">{t('account.ownsAccount')}</span></>}{r.team && <div className="muted small">{r.team}</div>}</td>
                  <td className="small">{t('account.evidenceText', { deals: formatNumber(r.evidence.deals_owned), won: formatNumber(r.evidence.deals_won), amount: formatMoney(r.evidence.won_amount, 'USD', true), activities: formatNumber(r.evidence.activities), calls: formatNumber(r.evidence.calls) })}</td>
                  <td>{formatDate(r.evidence.last_interaction_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AsyncBlock>
  );
}
