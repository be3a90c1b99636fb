// The account page, checked as a demo rep (see context.ts): an account of the rep's with deals,
// orders and customer analytics is opened; each section must show the API's own data (names,
// amounts, segment, recommendations, who knows it); the industry is edited through the form and
// confirmed through the API (then restored); a deal opens from it and links back; the page
// switches to Chinese and back; an unknown id, and another rep's account when the API hides it,
// show "not found". All reads are made as the rep (the page's own session), so the expectations
// are what the API lets the rep see.
import assert from 'node:assert/strict';
import type { ScreenContext } from './context.ts';

interface Deal { id: string; name: string | null; stage: string; amount: number | null; currency: string | null; account_id: string | null; owner_id: string | null; closed_at: string | null }
interface Activity { id: string; subject: string | null; occurred_at: string | null; due_at: string | null; created_at: string }

const CLOSED = new Set(['won', 'lost']);
const money = (v: number, currency = 'USD') => new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(v);

export async function checkAccountScreens(ctx: ScreenContext): Promise<void> {
  const { page, server, demo } = ctx;
  const admin = server.users.admin;
  /** GET as the logged-in rep (the page's own session cookie): null on 404. */
  const asRep = async <T = any>(path: string): Promise<T | null> => {
    const r = await page.request.get(`${server.url}${path}`);
    if (r.status() === 404) return null;
    assert.equal(r.status(), 200, `${path}: ${r.status()} ${await r.text()}`);
    return (await r.json()) as T;
  };
  const all = async <T>(path: string): Promise<T[]> => {
    const rows: T[] = [];
    let cursor: string | null = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const p: { data: T[]; next_cursor: string | null } = (await asRep(`${path}${sep}limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`))!;
      rows.push(...p.data);
      cursor = p.next_cursor;
    } while (cursor);
    return rows;
  };

  // ── Find an account of the rep's with open and closed deals, orders and customer figures ───
  const myDeals = await all<Deal>(`/api/v1/opportunities?owner_id=${demo.repId}&account_id[null]=false`);
  const byAccount = new Map<string, Deal[]>();
  for (const d of myDeals) byAccount.set(d.account_id!, [...(byAccount.get(d.account_id!) ?? []), d]);
  // Customers are accounts; customer analytics shows the rep the accounts the rep owns.
  const hasCustomers = ctx.has('GET', '/api/v1/customers/:account_id');
  const customers = hasCustomers ? (await asRep<{ data: { account_id: string }[] }>('/api/v1/customers?sort=value&limit=1000'))?.data ?? [] : [];
  const isCustomer = new Set(customers.map((c) => c.account_id));
  const merit = (id: string) => {
    const ds = byAccount.get(id) ?? [];
    return (isCustomer.has(id) ? 8 : 0) + (ds.some((d) => !CLOSED.has(d.stage)) ? 4 : 0) + (ds.some((d) => CLOSED.has(d.stage)) ? 2 : 0) + Math.min(ds.length, 20) / 100;
  };
  const candidates = [...new Set([...byAccount.keys(), ...isCustomer])].sort((a, b) => merit(b) - merit(a));
  assert.ok(candidates.length > 0, 'the demo rep has deals with accounts or customers');
  const accountId = candidates[0];
  if (!(byAccount.get(accountId) ?? []).some((d) => !CLOSED.has(d.stage))) {
    // The rep's customers have no open deal of the rep's in the demo: open one, as a rep would.
    const created = await server.call(admin, 'POST', '/api/v1/opportunities', {
      name: 'E2E expansion deal', account_id: accountId, owner_id: demo.repId, stage: 'proposal', amount: 12_500, currency: 'USD',
      opened_at: new Date(Date.now() - 20 * 86_400_000).toISOString(), expected_close: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
  }
  const account = (await asRep<{ id: string; name: string; industry: string | null; country: string | null; attributes: Record<string, unknown> }>(`/api/v1/accounts/${accountId}`))!;
  const deals = await all<Deal>(`/api/v1/opportunities?account_id=${accountId}&sort=-created_at`);
  const open = deals.filter((d) => !CLOSED.has(d.stage));
  const closed = deals.filter((d) => CLOSED.has(d.stage));
  const contacts = await all<{ id: string; name: string }>(`/api/v1/contacts?account_id=${accountId}&sort=name`);
  const orders = await all<{ id: string; status: string; total: number | null; currency: string | null }>(`/api/v1/orders?account_id=${accountId}&sort=-ordered_at`);
  const customer = hasCustomers ? await asRep<{ segment: string; value_12m: number; recommendations?: { name: string; explanation?: string }[] }>(`/api/v1/customers/${accountId}`) : null;
  const whoKnows = ctx.has('GET', '/api/v1/graph/who-knows') ? (await asRep<{ data: { name: string }[] }>(`/api/v1/graph/who-knows?account_id=${accountId}&limit=8`))!.data : null;
  console.log(`account page: "${account.name}" with ${open.length} open and ${closed.length} closed deals, ${contacts.length} contacts, ${orders.length} orders, customer figures: ${customer ? 'yes' : 'no'}`);

  // ── The page shows each section's real data ──────────────────────────────────────────────
  await ctx.visit(`/accounts/${accountId}`, 'account');
  assert.equal((await page.getByTestId('account-name').innerText()).trim(), account.name);
  if (account.industry) assert.equal((await page.locator('[data-testid="account-fields"] [data-field="industry"]').innerText()).trim(), account.industry);
  if (account.country) assert.equal((await page.locator('[data-testid="account-fields"] [data-field="country"]').innerText()).trim(), account.country);
  if (typeof account.attributes?.city === 'string') assert.equal((await page.locator('[data-testid="account-fields"] [data-field="city"]').innerText()).trim(), account.attributes.city);

  const sectionState = async (id: string, state: string) => page.waitForSelector(`[data-section="${id}"][data-section-state="${state}"]`);
  if (contacts.length) {
    await sectionState('account-contacts', 'ready');
    await page.getByTestId('account-contacts-table').getByText(contacts[0].name, { exact: true }).first().waitFor();
  } else await sectionState('account-contacts', 'empty');

  if (open.length) {
    await sectionState('account-open-deals', 'ready');
    const table = page.getByTestId('account-open-deals-table');
    const row = table.locator(`tr[data-deal-id="${open[0].id}"]`);
    assert.equal((await row.getByTestId('account-deal-link').innerText()).trim(), open[0].name ?? '(no name)');
    if (open[0].amount != null) assert.match(await row.innerText(), new RegExp(money(open[0].amount, open[0].currency ?? 'USD').replace(/[$.]/g, '\\$&')));
    if (ctx.has('GET', '/api/v1/opportunities/:id/win-probability')) {
      await table.getByTestId('account-deal-probability').filter({ hasText: /\d%/ }).first().waitFor();
    }
    assert.equal(await table.locator('tr[data-deal-id]').count(), open.length, 'every open deal the rep can see, and no other');
  } else await sectionState('account-open-deals', 'empty');
  if (closed.length) {
    await sectionState('account-closed-deals', 'ready');
    const row = page.getByTestId('account-closed-deals-table').locator(`tr[data-deal-id="${closed[0].id}"]`);
    assert.equal((await row.getByTestId('account-deal-link').innerText()).trim(), closed[0].name ?? '(no name)');
  } else await sectionState('account-closed-deals', 'empty');

  if (orders.length) {
    await sectionState('account-orders', 'ready');
    const revenue = orders.filter((o) => o.status === 'completed' || o.status === 'pending');
    const currency = revenue[0]?.currency ?? 'USD';
    const total = revenue.filter((o) => (o.currency ?? 'USD') === currency).reduce((s, o) => s + (o.total ?? 0), 0);
    const summary = await page.getByTestId('account-orders-summary').innerText();
    assert.ok(summary.includes(`${orders.length.toLocaleString('en-US')} orders`), summary);
    assert.ok(summary.includes(money(total, currency)), `${summary} should show ${money(total, currency)}`);
    if (revenue.length) await page.locator('[data-testid="account-revenue-chart"] canvas').first().waitFor();
  } else await sectionState('account-orders', 'empty');

  if (hasCustomers) {
    if (customer) {
      await sectionState('account-customer', 'ready');
      assert.equal((await page.getByTestId('account-segment').innerText()).trim(), customer.segment);
      assert.equal((await page.getByTestId('account-value-12m').innerText()).trim(), money(customer.value_12m));
      assert.match(await page.getByTestId('account-p-alive').innerText(), /\d%/);
      if (customer.recommendations?.length) {
        const recs = page.getByTestId('account-recommendations');
        await recs.getByText(customer.recommendations[0].name, { exact: true }).first().waitFor();
        if (customer.recommendations[0].explanation) await recs.getByText(customer.recommendations[0].explanation).first().waitFor();
      }
    } else await sectionState('account-customer', 'empty');
  } else await sectionState('account-customer', 'unavailable');

  if (whoKnows) {
    if (whoKnows.length) {
      await sectionState('account-who-knows', 'ready');
      await page.getByTestId('account-who-knows-table').getByText(whoKnows[0].name).first().waitFor();
    } else await sectionState('account-who-knows', 'empty');
  }

  // The timeline: the newest activity on the account, its deals or its people that the rep may see.
  const inList = (ids: string[]) => ids.slice(0, 100).join(',');
  const activityPages = await Promise.all([
    asRep<{ data: Activity[] }>(`/api/v1/activities?account_id=${accountId}&sort=-occurred_at&limit=30`),
    deals.length ? asRep<{ data: Activity[] }>(`/api/v1/activities?opportunity_id[in]=${inList(deals.map((d) => d.id))}&sort=-occurred_at&limit=30`) : null,
    contacts.length ? asRep<{ data: Activity[] }>(`/api/v1/activities?contact_id[in]=${inList(contacts.map((c) => c.id))}&sort=-occurred_at&limit=30`) : null,
  ]);
  const activities = activityPages.flatMap((p) => p?.data ?? []);
  if (activities.length) {
    await sectionState('account-activities', 'ready');
    const when = (a: Activity) => new Date(a.occurred_at ?? a.due_at ?? a.created_at).getTime();
    const newest = activities.sort((a, b) => when(b) - when(a)).find((a) => a.subject);
    if (newest) await page.getByTestId('account-timeline').getByText(newest.subject!, { exact: true }).first().waitFor();
  } else await sectionState('account-activities', 'empty');
  await ctx.screenshot('rep-account-sections');

  // ── One real action: edit the industry through the form, confirm through the API ─────────
  const industry = `E2E Industry ${Date.now().toString(36)}`;
  await page.getByTestId('account-edit').click();
  const input = page.getByLabel('Industry', { exact: true });
  assert.equal(await input.inputValue(), account.industry ?? '');
  await input.fill(industry);
  await ctx.screenshot('rep-account-edit');
  await page.getByTestId('account-save').click();
  await page.getByTestId('account-saved').waitFor();
  await page.locator('[data-testid="account-fields"] [data-field="industry"]', { hasText: industry }).waitFor();
  const after = (await server.call(admin, 'GET', `/api/v1/accounts/${accountId}`)).body;
  assert.equal(after.industry, industry, 'the edit reached the API');
  assert.equal(after.name, account.name, 'only the changed field was sent');
  const restored = await server.call(admin, 'PATCH', `/api/v1/accounts/${accountId}`, { industry: account.industry });
  assert.equal(restored.status, 200, JSON.stringify(restored.body));

  // ── Chinese once, then back to English ────────────────────────────────────────────────
  await page.getByTestId('language').selectOption('zh');
  await page.getByRole('heading', { name: '联系人', exact: true }).waitFor();
  await page.getByRole('heading', { name: '谁了解这个客户', exact: true }).waitFor();
  await ctx.ready('account');
  await ctx.screenshot('rep-account-zh');
  await page.getByTestId('language').selectOption('en');
  await page.getByRole('heading', { name: 'Contacts', exact: true }).waitFor();
  await ctx.ready('account');

  // ── Open a deal from the account, and come back through the deal's account link ──────────
  const deal = open[0] ?? closed[0];
  if (deal) {
    await page.locator(`tr[data-deal-id="${deal.id}"]`).getByTestId('account-deal-link').first().click();
    await ctx.ready('deal');
    assert.equal((await page.locator('#deal-title').innerText()).trim(), deal.name ?? '(no name)');
    const back = page.getByTestId('deal-account-link');
    await back.filter({ hasText: account.name }).waitFor();
    await back.click();
    await ctx.ready('account');
    assert.equal(new URL(page.url()).pathname, `/accounts/${accountId}`);
  }

  // ── The Customers page links its customers (accounts) to the account page ──────────────
  if (customer && (await ctx.visit('/customers', 'customers', null)) === 'ready') {
    await page.getByTestId('customers-table').locator('tbody tr').first().waitFor();
    const link = page.getByTestId('customers-table').locator(`a[href="/accounts/${accountId}"]`);
    if (await link.count()) {
      await link.first().click();
      await ctx.ready('account');
      assert.equal((await page.getByTestId('account-name').innerText()).trim(), account.name);
      console.log('account page: opened from the Customers table');
    }
  }

  // ── Not found: an unknown id, and another rep's account when the API hides it from this rep ──
  await ctx.visit('/accounts/00000000-0000-4000-8000-000000000000', 'account', 'not-found');
  await ctx.visit('/accounts/not-an-id', 'account', 'not-found');
  const theirs = (await server.call(admin, 'GET', `/api/v1/accounts?owner_id=${demo.otherRepId}&limit=1`)).body.data[0] as { id: string } | undefined;
  if (theirs) {
    const visible = await asRep(`/api/v1/accounts/${theirs.id}`);
    if (!visible) {
      await ctx.visit(`/accounts/${theirs.id}`, 'account', 'not-found');
    } else {
      // Accounts are shared in the CRM (every rep reads every account); what is the other rep's
      // stays hidden: their deals are not listed and customer analytics (scoped by owner) says so.
      await ctx.visit(`/accounts/${theirs.id}`, 'account');
      const theirDeals = (await all<Deal>(`/api/v1/opportunities?account_id=${theirs.id}`));
      assert.ok(theirDeals.every((d) => d.owner_id === demo.repId), 'the API lists only the rep\'s own deals');
      await page.waitForSelector('[data-section="account-open-deals"]:not([data-section-state="loading"])');
      assert.equal(await page.locator('[data-testid="account-open-deals-table"] tr[data-deal-id]').count(), theirDeals.filter((d) => !CLOSED.has(d.stage)).length);
      if (hasCustomers) await sectionState('account-customer', 'empty');
      await ctx.screenshot('rep-account-other-reps');
    }
  }
}
