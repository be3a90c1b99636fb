// Screen checks for web.test.ts (see context.ts), run as the demo manager: the competency-model
// editor (validation, edit + add a competency, save, re-assess shows scores moved, reset), manager
// ratings (bad input refused, ratings saved, which scorer is used) and the knowledge-graph views
// (who knows an account, winning content, competitors heat map, neighbourhood explorer).
// Each write is confirmed through the API as the admin.
import assert from 'node:assert/strict';
import type { ScreenContext } from './context.ts';

interface ModelBody { version: number; competencies: { key: string; label: string; label_zh?: string; metrics: { metric: string; weight: number; direction: number }[] }[] }

export async function checkTeamScreens(ctx: ScreenContext): Promise<void> {
  const { page, server } = ctx;
  const admin = server.users.admin;
  /** GET as the logged-in manager (the page's own session cookie). */
  const asManager = async (path: string) => {
    const r = await page.request.get(`${server.url}${path}`);
    assert.equal(r.status(), 200, `${path}: ${r.status()}`);
    return r.json();
  };

  // ── The Team page links to the new screens ──────────────────────────────────────────────
  await ctx.visit('/team', 'team', null);
  await page.getByTestId('team-link-model').click();
  await ctx.ready('competency-model');

  // ── Competency model ──────────────────────────────────────────────────────────────────
  if (!ctx.has('PUT', '/api/v1/competency/model')) {
    await ctx.visit('/team/model', 'competency-model', null);
  } else {
    const before = (await server.call(admin, 'GET', '/api/v1/competency/model')).body as ModelBody;
    const cards = page.getByTestId('cm-competency');
    await cards.first().waitFor();
    assert.equal(await cards.count(), before.competencies.length, 'one card per competency');
    const closingSpec = before.competencies.find((c) => c.key === 'closing');
    assert.ok(closingSpec, 'the model has a closing competency');
    const closing = page.locator('[data-testid="cm-competency"][data-key="closing"]');
    assert.equal(await closing.getByTestId('cm-label').inputValue(), closingSpec.label);
    if (closingSpec.label_zh) assert.equal(await closing.getByTestId('cm-label-zh').inputValue(), closingSpec.label_zh);
    assert.equal(await closing.getByTestId('cm-weight').count(), closingSpec.metrics.length, 'each evidence metric with its weight');
    await ctx.screenshot('manager-competency-model');

    // Validation: a zero weight is refused before anything is sent.
    const firstWeight = closing.getByTestId('cm-weight').first();
    await firstWeight.fill('0');
    await closing.getByText('Each weight must be more than 0').waitFor();
    await page.getByTestId('cm-save').click();
    await page.getByTestId('cm-invalid').waitFor();
    assert.equal((await server.call(admin, 'GET', '/api/v1/competency/model')).body.version, before.version, 'nothing saved while invalid');

    // Edit: re-weight closing, add a competency with a Chinese name, save.
    await firstWeight.fill('0.25');
    await closing.getByTestId('cm-weight').nth(1).fill('8');
    await page.getByTestId('cm-add').click();
    const added = page.getByTestId('cm-competency').last();
    await added.getByTestId('cm-label').fill('Deal hygiene');
    await added.getByTestId('cm-label-zh').fill('交易规范');
    assert.equal(await added.getByTestId('cm-key').inputValue(), 'deal_hygiene', 'the key follows the English name');
    await added.getByTestId('cm-metric').first().selectOption('silence_rate');
    await added.getByTestId('cm-add-metric').click();
    await added.getByTestId('cm-metric').nth(1).selectOption('touch_gap_days');
    await added.getByTestId('cm-weight').nth(1).fill('3');
    // The reps' current scores (the "before" of the comparison) are loaded before saving.
    await page.locator('[data-section="cm-scores"][data-section-state="ready"]').waitFor({ timeout: 60_000 });
    await page.getByTestId('cm-save').click();
    await page.getByTestId('cm-notice').waitFor();
    const saved = (await server.call(admin, 'GET', '/api/v1/competency/model')).body as ModelBody;
    assert.equal(saved.version, before.version + 1);
    const savedClosing = saved.competencies.find((c) => c.key === 'closing')!;
    assert.deepEqual(savedClosing.metrics.slice(0, 2).map((m) => m.weight), [0.25, 8]);
    const hygiene = saved.competencies.find((c) => c.key === 'deal_hygiene');
    assert.ok(hygiene, 'the new competency was saved');
    assert.equal(hygiene.label_zh, '交易规范');
    assert.deepEqual(hygiene.metrics.map((m) => m.metric), ['silence_rate', 'touch_gap_days']);

    // Re-assess: the reps' scores move, and the new competency is scored.
    await page.getByTestId('cm-assess').click();
    const result = page.getByTestId('cm-assess-result');
    await result.waitFor({ timeout: 60_000 });
    const changed = Number(await page.getByTestId('cm-changed-count').getAttribute('data-changed'));
    assert.ok(changed > 0, `re-assessing changed ${changed} reps' overall scores`);
    const card = (await server.call(admin, 'GET', `/api/v1/competency/reps/${ctx.demo.repId}`)).body;
    assert.ok(card.scores.some((s: { competency: string }) => s.competency === 'deal_hygiene'), 'the stored scorecard has the new competency');
    await ctx.screenshot('manager-competency-reassessed');

    // Reset to the default (confirmed in a dialog) saves the default as a new version.
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('cm-reset').click();
    await page.getByText('The default model is back').waitFor();
    const reset = (await server.call(admin, 'GET', '/api/v1/competency/model')).body as ModelBody;
    assert.equal(reset.version, saved.version + 1);
    assert.ok(!reset.competencies.some((c) => c.key === 'deal_hygiene'));
    assert.equal(await page.getByTestId('cm-competency').count(), reset.competencies.length);
  }

  // ── Manager ratings ───────────────────────────────────────────────────────────────────
  await ctx.visit('/team/ratings', 'competency-ratings');
  if (ctx.has('POST', '/api/v1/competency/ratings')) {
    await page.getByTestId('rt-rep').selectOption(ctx.demo.repId);
    await page.getByTestId('rt-mode').waitFor();
    const row = (key: string) => page.locator(`[data-testid="rt-table"] tr[data-competency="${key}"]`);
    await row('closing').getByTestId('rt-input').fill('72');
    await row('discovery').getByTestId('rt-input').fill('150');
    assert.equal(await page.getByTestId('rt-save').isDisabled(), true, 'a rating above 100 cannot be saved');
    assert.equal(await row('discovery').getByTestId('rt-input').getAttribute('aria-invalid'), 'true');
    await row('discovery').getByTestId('rt-input').fill('65');
    await page.getByTestId('rt-save').click();
    await page.getByTestId('rt-notice').waitFor();
    const ratings = (await server.call(admin, 'GET', `/api/v1/competency/ratings?user_id=${ctx.demo.repId}`)).body.data as { competency: string; rating: number }[];
    assert.ok(ratings.some((r) => r.competency === 'closing' && r.rating === 72), JSON.stringify(ratings));
    assert.ok(ratings.some((r) => r.competency === 'discovery' && r.rating === 65));
    await page.locator('[data-testid="rt-history"] tbody tr').first().waitFor();
    const mode = await page.getByTestId('rt-mode').getAttribute('data-mode');
    assert.ok(mode === 'rubric' || mode === 'supervised');
    // With ratings for at least 8 reps (the others' added through the API as the admin), a
    // re-assessment fits the supervised model for that competency; its cross-validated accuracy shows.
    const allReps = (await server.call(admin, 'GET', '/api/v1/users?role=rep&limit=100')).body.data as { id: string }[];
    for (const [i, r] of allReps.entries()) {
      if (r.id !== ctx.demo.repId) assert.equal((await server.call(admin, 'POST', '/api/v1/competency/ratings', { user_id: r.id, competency: 'closing', rating: 30 + ((i * 37) % 60) })).status, 201);
    }
    await page.getByTestId('rt-reassess').click();
    await page.getByTestId('rt-assessed').waitFor({ timeout: 60_000 });
    const fitted = page.locator('[data-testid="rt-models"] tr[data-competency="closing"][data-fitted="true"]');
    await fitted.waitFor({ timeout: 30_000 });
    const info = ((await server.call(admin, 'GET', `/api/v1/competency/reps/${ctx.demo.repId}`)).body.model.supervised as { competency: string; rated_reps: number; used: boolean; cv_mae: number }[]).find((x) => x.competency === 'closing');
    assert.ok(info && info.rated_reps >= 8, JSON.stringify(info));
    const cells = await fitted.locator('td').allTextContents();
    assert.equal(cells[0], `${info.rated_reps} / 8`);
    assert.equal(cells[1], info.used ? 'Yes' : 'No');
    assert.equal(cells[2], info.cv_mae.toFixed(1));
    assert.equal(await page.getByTestId('rt-mode').getAttribute('data-mode'), info.used ? 'supervised' : 'rubric');
    await ctx.screenshot('manager-competency-ratings');
  }

  // ── Knowledge graph ───────────────────────────────────────────────────────────────────
  if (!ctx.has('GET', '/api/v1/graph/neighbors')) {
    await ctx.visit('/graph', 'graph', null);
    return;
  }
  // The demo company names no competitors: name two on some of the rep's deals.
  const { rows: deals } = await server.db.query<{ id: string; account_id: string; account: string; product_id: string; product: string }>(
    `SELECT o.id, o.account_id, a.name AS account, o.product_id, p.name AS product
     FROM opportunities o JOIN accounts a ON a.id = o.account_id JOIN products p ON p.id = o.product_id
     WHERE o.owner_id = $1 ORDER BY o.stage = 'won' DESC, o.id LIMIT 12`,
    [ctx.demo.repId],
  );
  assert.ok(deals.length > 0, 'the demo rep has deals with an account and a product');
  await server.db.query(
    `UPDATE opportunities SET attributes = coalesce(attributes, '{}'::jsonb) || jsonb_build_object('competitor', CASE WHEN (ord % 2) = 0 THEN 'Acme Edge' ELSE 'Northwind CRM' END)
     FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, ord) WHERE opportunities.id = x.id`,
    [deals.map((d) => d.id)],
  );
  const deal = deals[0];

  await ctx.visit('/graph', 'graph');
  // Who knows the account: pick it by typing part of its name.
  const accountBox = page.getByTestId('account-picker').getByRole('combobox');
  await accountBox.fill(deal.account);
  await page.getByTestId('account-picker').getByRole('option', { name: deal.account, exact: true }).first().click();
  const who = await asManager(`/api/v1/graph/who-knows?account_id=${deal.account_id}&limit=10`);
  assert.ok(who.data.length > 0);
  const whoTable = page.locator(`[data-testid="who-knows-table"][data-account="${deal.account_id}"]`);
  await whoTable.waitFor();
  await whoTable.getByText(who.data[0].name, { exact: false }).first().waitFor();
  assert.equal(await whoTable.locator('tbody tr').count(), who.data.length);

  // Winning content for the product.
  const productBox = page.getByTestId('product-picker').getByRole('combobox');
  await productBox.fill(deal.product);
  await page.getByTestId('product-picker').getByRole('option', { name: deal.product, exact: true }).first().click();
  const win = await asManager(`/api/v1/graph/winning-content?product_id=${deal.product_id}&limit=10`);
  await page.locator(`[data-testid="winning-content"][data-product="${deal.product_id}"]`).waitFor();
  if (win.calls.length) await page.getByTestId('winning-calls').locator('tbody tr').first().waitFor();
  if (win.articles.length) await page.getByTestId('winning-articles').locator('tbody tr').first().waitFor();

  // Competitors by product: the heat map and its table.
  const comp = await asManager('/api/v1/graph/competitors');
  assert.ok(comp.data.some((r: { competitor: string }) => r.competitor === 'acme edge'), JSON.stringify(comp.data));
  await page.getByTestId('competitor-heatmap').waitFor();
  assert.ok((await page.getByTestId('competitor-table').textContent())!.includes('acme edge'));

  // The explorer starts at the picked account; expanding a deal adds its neighbours.
  const explorer = page.getByTestId('graph-explorer');
  await page.getByTestId('graph-chart').waitFor();
  const nodes = page.getByTestId('graph-nodes');
  const oppRow = nodes.locator(`tr[data-node="opportunity:${deal.id}"]`);
  await oppRow.waitFor();
  const countBefore = await nodes.locator('tbody tr').count();
  await oppRow.getByRole('button').click();
  await oppRow.getByRole('button', { name: /Expanded/ }).waitFor();
  await page.waitForSelector('[data-testid="graph-explorer"][data-busy="false"]');
  const countAfter = await nodes.locator('tbody tr').count();
  const around = await asManager(`/api/v1/graph/neighbors?node=opportunity:${deal.id}&depth=1`);
  assert.ok(countAfter >= countBefore && around.nodes.every((n: { id: string }) => n.id), 'the deal was expanded');
  for (const n of around.nodes as { id: string }[]) await nodes.locator(`tr[data-node="${n.id}"]`).waitFor();
  assert.ok(await nodes.locator('tr[data-node^="competitor:"]').count() > 0, 'the deal’s competitor appears');
  assert.equal(await explorer.getByTestId('graph-selected').getByRole('link').getAttribute('href'), `/pipeline/${deal.id}`);
  await ctx.screenshot('manager-graph');
  // A deal opens its page.
  await oppRow.getByRole('link').click();
  await ctx.ready('deal');
}
