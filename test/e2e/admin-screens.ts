// Screen checks for web.test.ts (see context.ts): the admin tunes lead assignment, the grade-A
// threshold of lead scoring and the FAQ router, each through the UI, and every change is
// confirmed through the API.
import assert from 'node:assert/strict';
import type { ScreenContext } from './context.ts';

const FAQ_CSV = [
  'text,label',
  'where is my parcel,Shipping status',
  'when will my order arrive,Shipping status',
  'track my delivery,Shipping status',
  'how long does shipping take,Shipping status',
  'my package has not come yet,Shipping status',
  'has my order been shipped,Shipping status',
  'what is the delivery date of my order,Shipping status',
  'my parcel is late,Shipping status',
  'tracking number for my package,Shipping status',
  '我的包裹到哪里了,Shipping status',
  'can I get my money back,Refund request',
  'I want a refund,Refund request',
  'return the product for a refund,Refund request',
  'refund my payment please,Refund request',
  'how do I get reimbursed,Refund request',
  'I was charged twice and want my money back,Refund request',
  'cancel my order and refund me,Refund request',
  'how long does a refund take,Refund request',
  'send the money back to my card,Refund request',
  '退款怎么申请,Refund request',
  'I forgot my password,Account access',
  'cannot log in to my account,Account access',
  'reset my password please,Account access',
  'my login does not work,Account access',
  'how do I change my password,Account access',
  'locked out of my account,Account access',
  'two factor code not arriving,Account access',
  'I cannot sign in,Account access',
  'my account is blocked,Account access',
  '忘记密码怎么办,Account access',
].join('\n');

export async function checkAdminScreens(ctx: ScreenContext): Promise<void> {
  await checkAssignment(ctx);
  await checkScoring(ctx);
  await checkFaq(ctx);
}

async function checkAssignment(ctx: ScreenContext): Promise<void> {
  const { page, server } = ctx;
  const admin = server.users.admin;
  if (!ctx.has('POST', '/api/v1/assignment/preview')) throw new Error('POST /api/v1/assignment/preview is missing');

  // Room for new leads: the demo reps already own hundreds of open leads (the default cap is 30).
  for (const p of (await server.call(admin, 'GET', '/api/v1/assignment/profiles')).body.data as { user_id: string }[]) {
    const put = await server.call(admin, 'PUT', `/api/v1/assignment/profiles/${p.user_id}`, { max_open_leads: 5000 });
    assert.equal(put.status, 200, JSON.stringify(put.body));
  }
  // A history to evaluate: 40 leads assigned by the policy, each with an outcome (1 in 3 converts).
  const bulk = await server.call(admin, 'POST', '/api/v1/leads/bulk', {
    items: Array.from({ length: 40 }, (_, i) => ({ name: `E2E History Lead ${i}`, industry: ['Retail', 'Manufacturing', 'Finance'][i % 3], status: 'new' })),
  });
  assert.equal(bulk.status, 200, JSON.stringify(bulk.body).slice(0, 500));
  const historyIds = (bulk.body.data as { id: string }[]).map((r) => r.id);
  for (const [i, id] of historyIds.entries()) {
    const a = await server.call(admin, 'POST', '/api/v1/assignment/assign', { lead_id: id });
    assert.equal(a.status, 200, JSON.stringify(a.body));
    if (a.body.status === 'assigned') {
      const o = await server.call(admin, 'POST', '/api/v1/assignment/outcomes', { lead_id: id, reward: i % 3 === 0 ? 1 : 0, key: `e2e-${id}` });
      assert.equal(o.status, 200, JSON.stringify(o.body));
    }
  }
  // One lead waiting for an owner.
  const lead = await server.call(admin, 'POST', '/api/v1/leads', { name: 'E2E Unassigned Lead', industry: 'Retail', status: 'new' });
  assert.equal(lead.status, 201, JSON.stringify(lead.body));
  const leadId = lead.body.id as string;

  await ctx.visit('/admin/assignment', 'assignment');
  const profiles = (await server.call(admin, 'GET', '/api/v1/assignment/profiles')).body.data as { user_id: string; name: string }[];
  assert.ok(profiles.length > 0);
  await page.getByTestId('profiles-table').waitFor();
  assert.equal(await page.getByTestId('profiles-table').locator('tbody tr').count(), profiles.length, 'one row per rep');

  // The queue recommends a rep for the new lead and assigns it.
  const row = page.locator(`[data-testid="queue-table"] tr[data-lead-id="${leadId}"]`);
  await row.waitFor();
  const recommended = (await row.getByTestId('recommended').innerText()).trim();
  assert.ok(recommended.length > 0);
  await row.getByRole('button', { name: /Assign E2E Unassigned Lead/ }).click();
  await page.getByTestId('queue-message').waitFor();
  const owner = (await server.call(admin, 'GET', `/api/v1/leads/${leadId}`)).body.owner_id as string | null;
  assert.ok(owner, 'the lead got an owner');
  const log = (await server.call(admin, 'GET', `/api/v1/assignment/log?lead_id=${leadId}`)).body.data;
  assert.equal(log[0].rep_id, owner);
  const ownerName = profiles.find((p) => p.user_id === owner)?.name ?? '';
  assert.ok(recommended.startsWith(ownerName), `recommended "${recommended}", assigned ${ownerName}`);
  await page.locator(`[data-testid="log-table"] tr[data-lead-id="${leadId}"]`).waitFor();

  // Edit one rep's rules.
  const rep = profiles.find((p) => p.user_id === ctx.demo.repId) ?? profiles[0];
  await page.locator(`[data-testid="profiles-table"] tr[data-rep-id="${rep.user_id}"]`).getByRole('button', { name: `Edit rules of ${rep.name}` }).click();
  await page.getByTestId('profile-capacity').fill('42');
  await page.getByTestId('profile-languages').fill('en, zh');
  await page.getByTestId('profile-save').click();
  await page.locator(`[data-testid="profiles-table"] tr[data-rep-id="${rep.user_id}"] [data-field="max_open_leads"]`, { hasText: '42' }).waitFor();
  const saved = (await server.call(admin, 'GET', `/api/v1/assignment/profiles/${rep.user_id}`)).body;
  assert.deepEqual([saved.max_open_leads, saved.languages, saved.stored], [42, ['en', 'zh'], true]);

  // The off-policy evaluation, with its intervals.
  await page.getByTestId('evaluation-table').waitFor();
  await page.getByTestId('chart-evaluation').locator('canvas').waitFor();
  const evaluation = (await server.call(admin, 'GET', '/api/v1/assignment/evaluation?resamples=50')).body;
  assert.equal(await page.getByTestId('evaluation-table').locator('tbody tr').count(), evaluation.candidates.length);

  // Change the policy, then put the old one back through the API.
  const before = (await server.call(admin, 'GET', '/api/v1/assignment/policy')).body;
  await page.getByTestId('policy-select').selectOption('epsilon-greedy');
  await page.getByTestId('param-epsilon').fill('0.2');
  await page.getByTestId('policy-save').click();
  await page.getByTestId('policy-version').getByText(`Version ${before.version + 1}`).waitFor();
  const after = (await server.call(admin, 'GET', '/api/v1/assignment/policy')).body;
  assert.deepEqual([after.policy, after.params], ['epsilon-greedy', { epsilon: 0.2 }]);
  await ctx.screenshot('admin-assignment-after');
  const restore = await server.call(admin, 'PUT', '/api/v1/assignment/policy', { policy: before.policy, params: before.params, fairness: before.fairness });
  assert.equal(restore.status, 200);
}

async function checkScoring(ctx: ScreenContext): Promise<void> {
  const { page, server } = ctx;
  const admin = server.users.admin;
  const state = await ctx.visit('/admin/scoring', 'scoring', null);
  const models = (await server.call(admin, 'GET', '/api/v1/lead-scoring/models')).body.data as { version: number; active: boolean }[];
  if (models.length === 0) {
    assert.equal(state, 'empty');
    return;
  }
  assert.equal(state, 'ready');
  assert.equal(await page.getByTestId('scoring-models-table').locator('tbody tr').count(), models.length);
  // Every rule previewed; the capacity rule chosen, changed and applied.
  await page.getByTestId('rule-comparison').locator('tbody tr').nth(2).waitFor();
  await page.locator('label', { has: page.getByTestId('rule-capacity') }).click();
  assert.ok(await page.getByTestId('rule-capacity').isChecked());
  await page.getByTestId('capacity').fill('5');
  const capacityRow = page.locator('[data-testid="rule-comparison"] tr[data-rule="capacity"]');
  const dry = (await server.call(admin, 'POST', '/api/v1/lead-scoring/thresholds', { capacity: 5, per: 'week', dry_run: true })).body;
  const shown = new Intl.NumberFormat('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(dry.threshold);
  await capacityRow.getByText(shown, { exact: true }).waitFor();
  await page.getByTestId('chart-tradeoff').locator('canvas').waitFor();
  await page.getByTestId('grade-counts').locator('tbody tr[data-grade="A"]').waitFor();
  await page.getByTestId('apply-threshold').click();
  await page.getByTestId('threshold-applied').waitFor();
  const report = (await server.call(admin, 'GET', '/api/v1/lead-scoring/model')).body;
  assert.equal(report.threshold_choice.rule, 'capacity');
  assert.equal(report.threshold_choice.target.capacity, 5);
  assert.equal(report.grade_cutoffs[0], dry.threshold);
  await page.getByTestId('active-choice').getByText(shown).waitFor();
  await ctx.screenshot('admin-scoring-after');
}

async function checkFaq(ctx: ScreenContext): Promise<void> {
  const { page, server } = ctx;
  const admin = server.users.admin;
  await ctx.visit('/knowledge?tab=faq', 'knowledge');
  await page.getByTestId('faq-file').setInputFiles({ name: 'faq-e2e.csv', mimeType: 'text/csv', buffer: Buffer.from(FAQ_CSV, 'utf8') });
  await page.getByTestId('faq-file-summary').getByText('30 rows, 3 labels in faq-e2e.csv').waitFor();
  await page.getByTestId('faq-train').click();
  const report = page.getByTestId('faq-report');
  await report.waitFor({ timeout: 60_000 });
  const accuracy = await page.getByTestId('faq-accuracy').innerText();
  assert.match(accuracy, /^\d{1,3}(\.\d)?%$/);
  const { rows: examples } = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM faq_examples');
  assert.equal(examples[0].n, 30, 'the uploaded rows were imported');
  const { rows: versions } = await server.db.query<{ v: number }>("SELECT max(version)::int AS v FROM models WHERE kind = 'faq-router'");
  await report.getByText(`version ${versions[0].v}`).waitFor();

  const question = 'when will my parcel arrive';
  await page.getByTestId('faq-input').fill(question);
  await page.getByRole('button', { name: 'Route' }).click();
  await page.getByTestId('faq-result').waitFor();
  const routed = (await server.call(admin, 'POST', '/api/v1/faq/route', { question })).body;
  assert.equal(routed.intent, 'Shipping status');
  assert.equal(await page.getByTestId('faq-intent').innerText(), routed.intent);
  assert.equal(await page.getByTestId('faq-result').getAttribute('data-none-fits'), String(routed.none_fits));
  assert.equal(await page.getByTestId('faq-result').locator('tbody tr').count(), routed.top5.length);
  await ctx.screenshot('admin-faq-after');
}
