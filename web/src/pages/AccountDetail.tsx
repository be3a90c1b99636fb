// One account (a customer company) on one page: its fields (editable through the generic CRUD
// PATCH by the roles the API lets write accounts), contacts, open and closed opportunities with
// win probability, recent activity, orders with revenue by month, customer analytics (segment,
// P(alive), 12-month value, recommended products) and who in the team knows it. Every section
// shows only what the API returns for the user: an account the API answers 404 for shows as not
// found, and deals and activities outside the user's scope are simply absent.
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, listAll, type Opportunity } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n, type MessageKey } from '../i18n.tsx';
import { useAsync } from '../useAsync.ts';
import { AsyncBlock, isUnavailable } from '../components/Async.tsx';
import { LoadError, Loading, NotFound } from '../components/States.tsx';
import { preloadChart } from '../components/Chart.tsx';
import { AccountForm } from '../components/account/AccountForm.tsx';
import { DealTable, OrdersView } from '../components/account/DealsAndOrders.tsx';
import { ActivitiesSection, CustomerSection, WhoKnowsSection } from '../components/account/Sections.tsx';
import { ACCOUNT_WRITE_ROLES, CLOSED, scalar, type AccountRow, type Contact, type Order } from '../components/account/types.ts';

preloadChart();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default function AccountDetail() {
  const { id = '' } = useParams();
  const valid = UUID.test(id);
  const { me, users } = useAuth();
  const { t, formatMoney, formatNumber } = useI18n();
  const account = useAsync((signal) => (valid ? api<AccountRow>(`/api/v1/accounts/${id}`, { signal }) : Promise.resolve(null)), [id]);
  const contacts = useAsync((signal) => (valid ? listAll<Contact>('/api/v1/contacts', { account_id: id, sort: 'name' }, signal, 500) : Promise.resolve([])), [id]);
  const deals = useAsync((signal) => (valid ? listAll<Opportunity>('/api/v1/opportunities', { account_id: id, sort: '-created_at' }, signal, 1000) : Promise.resolve([])), [id]);
  const orders = useAsync((signal) => (valid ? listAll<Order>('/api/v1/orders', { account_id: id, sort: '-ordered_at' }, signal, 5000) : Promise.resolve([])), [id]);
  const [editing, setEditing] = useState(false);
  const [savedNote, setSavedNote] = useState(false);

  if (!valid) return <NotFound page="account" />;
  if (account.error instanceof ApiError && account.error.status === 404 && !isUnavailable(account.error)) return <NotFound page="account" />;
  if (account.error != null) return <section className="page" data-page="account" data-state="error"><LoadError error={account.error} onRetry={account.reload} page="account" /></section>;
  if (!account.data) return <section className="page" data-page="account" data-state="loading"><Loading /></section>;
  const a = account.data;
  const city = typeof a.attributes?.city === 'string' ? a.attributes.city : null;
  const owner = a.owner_id ? users.get(a.owner_id)?.name ?? null : null;
  const canEdit = !!me && ACCOUNT_WRITE_ROLES.includes(me.role);
  const open = deals.data?.filter((d) => !CLOSED.has(d.stage)) ?? [];
  const won = deals.data?.filter((d) => d.stage === 'won') ?? [];
  const lost = deals.data?.filter((d) => d.stage === 'lost') ?? [];
  const sum = (rows: Opportunity[]) => rows.reduce((s, d) => s + (d.amount ?? 0), 0);

  return (
    <section className="page" data-page="account" data-state="ready" data-account-id={a.id} aria-labelledby="account-title">
      <nav aria-label="breadcrumb" className="breadcrumb"><Link to="/customers">← {t('nav.customers')}</Link></nav>
      <header className="page-header">
        <div>
          <p className="muted small">{t('account.kicker')}</p>
          <h1 id="account-title" data-testid="account-name">{a.name || t('account.unnamed')}</h1>
          <p className="muted" data-testid="account-summary">
            {[a.industry, [city, a.country].filter(Boolean).join(', '), owner].filter(Boolean).join(' · ')}
          </p>
          {deals.data && (
            <p className="small" data-testid="account-deal-summary">
              {t('account.dealsSummary', { open: formatNumber(open.length), openAmount: formatMoney(sum(open), open[0]?.currency), won: formatNumber(won.length), wonAmount: formatMoney(sum(won), won[0]?.currency), lost: formatNumber(lost.length) })}
            </p>
          )}
        </div>
        {canEdit && !editing && (
          <button type="button" className="btn" onClick={() => { setEditing(true); setSavedNote(false); }} data-testid="account-edit">{t('account.edit')}</button>
        )}
      </header>
      {savedNote && <p className="notice notice-ok" role="status" data-testid="account-saved">{t('account.saved')}</p>}
      <div className="detail-grid">
        <div className="detail-side">
          {editing && canEdit
            ? <AccountForm account={a} users={users} onCancel={() => setEditing(false)} onSaved={() => { setEditing(false); setSavedNote(true); account.reload(); }} />
            : <AccountFields account={a} city={city} owner={owner} />}
          <section className="card" aria-labelledby="account-who">
            <h2 id="account-who">{t('account.whoKnows')}</h2>
            <WhoKnowsSection accountId={a.id} />
          </section>
          <section className="card" aria-labelledby="account-customer">
            <h2 id="account-customer">{t('account.customer')}</h2>
            <CustomerSection accountId={a.id} />
          </section>
        </div>
        <div className="detail-main">
          <section className="card" aria-labelledby="account-deals">
            <h2 id="account-deals">{t('account.openDeals')}</h2>
            <AsyncBlock state={deals} isEmpty={(d) => d.every((x) => CLOSED.has(x.stage))} empty={t('account.noOpenDeals')} testId="account-open-deals">
              {() => <DealTable deals={open} withProbability />}
            </AsyncBlock>
          </section>
          <section className="card" aria-labelledby="account-closed">
            <h2 id="account-closed">{t('account.closedDeals')}</h2>
            <AsyncBlock state={deals} isEmpty={(d) => !d.some((x) => CLOSED.has(x.stage))} empty={t('account.noClosedDeals')} testId="account-closed-deals">
              {(d) => <DealTable deals={d.filter((x) => CLOSED.has(x.stage)).slice(0, 50)} />}
            </AsyncBlock>
          </section>
          <section className="card" aria-labelledby="account-orders">
            <h2 id="account-orders">{t('account.orders')}</h2>
            <AsyncBlock state={orders} isEmpty={(o) => o.length === 0} empty={t('account.noOrders')} testId="account-orders">
              {(o) => <OrdersView orders={o} />}
            </AsyncBlock>
          </section>
          <section className="card" aria-labelledby="account-contacts">
            <h2 id="account-contacts">{t('account.contacts')}</h2>
            <AsyncBlock state={contacts} isEmpty={(c) => c.length === 0} empty={t('account.noContacts')} testId="account-contacts">
              {(rows) => (
                <div className="table-scroll">
                  <table className="table table-compact" data-testid="account-contacts-table">
                    <thead><tr><th scope="col">{t('account.contactName')}</th><th scope="col">{t('account.contactTitle')}</th><th scope="col">{t('account.contactEmail')}</th><th scope="col">{t('account.contactPhone')}</th></tr></thead>
                    <tbody>
                      {rows.slice(0, 100).map((c) => (
                        <tr key={c.id}>
                          <td>{c.name}</td>
                          <td>{c.title ?? '—'}</td>
                          <td>{c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : '—'}</td>
                          <td>{c.phone ?? '—'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </AsyncBlock>
          </section>
          <section className="card" aria-labelledby="account-activities">
            <h2 id="account-activities">{t('account.activities')}</h2>
            <ActivitiesSection accountId={a.id} deals={deals.data} contacts={contacts.data} />
          </section>
        </div>
      </div>
    </section>
  );
}

function AccountFields({ account: a, city, owner }: { account: AccountRow; city: string | null; owner: string | null }) {
  const { t, formatMoney, formatNumber } = useI18n();
  const attributes = Object.entries(a.attributes ?? {}).filter(([, v]) => v !== null && v !== undefined && v !== '');
  const row = (label: MessageKey, value: ReactNode, key: string) => (
    <div className="field-row" key={key}><dt>{t(label)}</dt><dd data-field={key}>{value ?? '—'}</dd></div>
  );
  return (
    <section className="card" aria-labelledby="account-fields" data-testid="account-fields">
      <h2 id="account-fields">{t('account.details')}</h2>
      <dl className="fields">
        {row('account.industry', a.industry, 'industry')}
        {row('account.region', a.region, 'region')}
        {row('account.country', a.country, 'country')}
        {row('account.city', city, 'city')}
        {row('account.owner', owner ?? t('account.noOwner'), 'owner_id')}
        {row('account.employees', a.employees == null ? null : formatNumber(a.employees), 'employees')}
        {row('account.revenue', a.annual_revenue == null ? null : formatMoney(a.annual_revenue), 'annual_revenue')}
        {row('account.website', a.website ? <a href={/^https?:\/\//i.test(a.website) ? a.website : `https://${a.website}`} target="_blank" rel="noreferrer noopener">{a.website}</a> : null, 'website')}
        {a.parent_account_id && row('account.parent', <Link to={`/accounts/${a.parent_account_id}`}>{t('account.openAccount')}</Link>, 'parent_account_id')}
      </dl>
      <h3>{t('account.attributes')}</h3>
      {attributes.length === 0 ? <p className="muted">{t('account.noAttributes')}</p> : (
        <dl className="fields" data-testid="account-attributes">
          {attributes.map(([k, v]) => <div className="field-row" key={k}><dt>{k}</dt><dd data-attribute={k}>{scalar(v) ? String(v) : JSON.stringify(v)}</dd></div>)}
        </dl>
      )}
    </section>
  );
}
