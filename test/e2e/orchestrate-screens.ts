// Screen checks for web.test.ts (see context.ts), run as the demo manager: Writer templates
// (create with an unknown variable refused, then create, edit, write an email with it, delete) and drafts (edit, send →
// the API's "no delivery" problem), call trackers (create, edit, delete), alerts (a rule created
// in the UI, a scan, the alert's evidence chart, acknowledge; edit and delete the rule) and a
// task's detail (a mention notification marked read, a comment with an @mention picked from the
// suggestions). Each action is confirmed through the API or the database.
import assert from 'node:assert/strict';
import type { ScreenContext } from './context.ts';

export async function checkOrchestrateScreens(ctx: ScreenContext): Promise<void> {
  const { page, server: s, demo } = ctx;
  const admin = s.users.admin;
  const ok = (r: { status: number; body: unknown }, what: string) => assert.ok(r.status >= 200 && r.status < 300, `${what}: ${r.status} ${JSON.stringify(r.body)}`);
  const userByEmail = async (email: string) => (await s.call(admin, 'GET', `/api/v1/users?email=${encodeURIComponent(email)}`)).body.data[0] as { id: string; name: string };
  const manager = await userByEmail(demo.manager);
  const rep = await userByEmail(demo.rep);
  const leads = await s.call(admin, 'GET', `/api/v1/leads?owner_id=${demo.repId}&limit=1`);
  ok(leads, 'a lead of the rep');
  const leadId = leads.body.data[0].id as string;

  // ---- Writer templates: an unknown variable is refused with the API's problem, then create, edit, delete.
  await ctx.visit('/writer/templates', 'writer-templates', null);
  await page.getByTestId('template-new').click();
  await page.getByTestId('template-name').fill('E2E follow-up');
  await page.getByTestId('template-subject').fill('Hello {{recipient_name}}');
  await page.getByTestId('template-body').fill('Hi {{recipient_name}},\n\n{{company}} has a budget of {{budget}}.\n\n{{sender_name}}');
  await page.locator('[data-testid="template-variables"] [data-variable="budget"][data-known="false"]').waitFor();
  assert.equal(await page.locator('[data-testid="template-variables"] [data-variable="company"]').getAttribute('data-known'), 'true');
  await page.getByTestId('template-save').click();
  const refused = page.getByTestId('problem').filter({ hasText: 'budget' });
  await refused.waitFor();
  assert.equal(await refused.getAttribute('data-status'), '400');
  await ctx.screenshot('manager-writer-template-refused');
  await page.getByTestId('template-body').fill('Hi {{recipient_name}},\n\n[[Thanks|Thank you]] for your time with {{company}}.{{#key_sentence}} You said: "{{key_sentence}}"{{/key_sentence}}\n\n{{sender_name}}');
  await page.getByTestId('template-save').click();
  const row = page.getByTestId('templates-table').locator('tr', { hasText: 'E2E follow-up' });
  await row.waitFor();
  let templates = (await s.call(admin, 'GET', '/api/v1/writer/templates')).body.data as { id: string; name: string; variables: string[]; created_by: string }[];
  const created = templates.find((x) => x.name === 'E2E follow-up');
  assert.ok(created, 'the template was created');
  assert.equal(created.created_by, manager.id);
  assert.deepEqual([...created.variables].sort(), ['company', 'key_sentence', 'recipient_name', 'sender_name']);
  await ctx.screenshot('manager-writer-templates');
  await row.getByRole('button', { name: 'Edit E2E follow-up' }).click();
  await page.getByTestId('template-name').fill('E2E follow-up v2');
  await page.getByTestId('template-save').click();
  await page.getByTestId('templates-table').locator('tr', { hasText: 'E2E follow-up v2' }).waitFor();
  templates = (await s.call(admin, 'GET', '/api/v1/writer/templates')).body.data;
  assert.equal(templates.find((x) => x.id === created.id)?.name, 'E2E follow-up v2');
  // The Writer uses it: an email for a lead written from the template (drafts are owned by their writer).
  await ctx.visit('/writer', 'writer');
  await page.getByTestId('writer-record').selectOption({ index: 1 });
  await page.getByTestId('writer-template').selectOption({ label: 'E2E follow-up v2' });
  await page.getByTestId('writer-generate').click();
  await page.getByTestId('draft').first().waitFor({ timeout: 30_000 });
  assert.match(await page.getByTestId('draft').first().innerText(), /Thank/, 'the draft follows the template');
  await ctx.visit('/writer/templates', 'writer-templates');
  const row2 = page.getByTestId('templates-table').locator(`tr[data-template-id="${created.id}"]`);
  await row2.getByRole('button', { name: 'Delete E2E follow-up v2' }).click();
  await row2.getByRole('button', { name: 'Confirm: delete E2E follow-up v2' }).click();
  await row2.waitFor({ state: 'detached' });
  templates = (await s.call(admin, 'GET', '/api/v1/writer/templates')).body.data;
  assert.equal(templates.some((x) => x.id === created.id), false, 'the template was deleted');

  // ---- Writer drafts: the draft just written from the template (newest first), edited and sent.
  await ctx.visit('/writer/drafts', 'writer-drafts');
  const draftId = (await page.locator('[data-testid="drafts-table"] tr[data-draft-id]').first().getAttribute('data-draft-id'))!;
  await page.locator(`[data-testid="drafts-table"] tr[data-draft-id="${draftId}"] button`).click();
  const editor = page.locator(`[data-testid="draft-editor"][data-draft-id="${draftId}"]`);
  await editor.waitFor();
  await page.getByTestId('draft-subject').fill('E2E edited subject');
  await page.getByTestId('draft-save').click();
  await page.getByTestId('draft-note').waitFor();
  const drafts = (await s.call(admin, 'GET', '/api/v1/writer/drafts?limit=100')).body.data as { id: string; subject: string; status: string }[];
  assert.equal(drafts.find((d) => d.id === draftId)?.subject, 'E2E edited subject', 'the edit was saved');
  await page.getByTestId('draft-send').click();
  const sendProblem = page.getByTestId('draft-problem');
  await sendProblem.waitFor();
  assert.equal(await sendProblem.getAttribute('data-status'), '409');
  assert.match(await sendProblem.innerText(), /deliver/i);
  await ctx.screenshot('manager-writer-draft-send-problem');

  // ---- Call trackers: linked from Calls; create, edit, delete.
  await ctx.visit('/calls/trackers', 'trackers');
  await page.locator('[data-testid="trackers-table"] tr[data-tracker-key="pricing"]').waitFor();
  await page.getByTestId('tracker-new').click();
  await page.getByTestId('tracker-name').fill('Security review');
  await page.getByTestId('tracker-keywords').fill('security, SOC 2\npenetration test');
  await page.getByTestId('tracker-examples').fill('Has your security team reviewed it?');
  await page.getByTestId('tracker-save').click();
  const trackerRow = page.locator('[data-testid="trackers-table"] tr[data-tracker-key="security-review"]');
  await trackerRow.waitFor();
  let trackers = (await s.call(admin, 'GET', '/api/v1/calls/trackers')).body.data as { id: string; key: string; keywords: string[]; examples: string[]; threshold: number | null }[];
  const tracker = trackers.find((x) => x.key === 'security-review');
  assert.ok(tracker, 'the tracker was created');
  assert.deepEqual(tracker.keywords, ['security', 'SOC 2', 'penetration test']);
  assert.deepEqual(tracker.examples, ['Has your security team reviewed it?']);
  await ctx.screenshot('manager-trackers');
  await trackerRow.getByRole('button', { name: 'Edit Security review' }).click();
  await page.getByLabel('Similarity threshold').fill('0.7');
  await page.getByTestId('tracker-save').click();
  await page.getByText('Tracker “Security review” saved.').waitFor();
  trackers = (await s.call(admin, 'GET', '/api/v1/calls/trackers')).body.data;
  assert.equal(trackers.find((x) => x.id === tracker.id)?.threshold, 0.7);
  await trackerRow.getByRole('button', { name: 'Delete Security review' }).click();
  await trackerRow.getByRole('button', { name: 'Confirm: delete Security review' }).click();
  await trackerRow.waitFor({ state: 'detached' });
  trackers = (await s.call(admin, 'GET', '/api/v1/calls/trackers')).body.data;
  assert.equal(trackers.some((x) => x.id === tracker.id), false, 'the tracker was deleted');

  // ---- Alerts: a threshold rule that must fire (weekly activities above -1 for the team), a scan,
  // the alert's evidence chart and suggestions, acknowledge; then edit and delete the rule.
  await ctx.visit('/alerts', 'alerts');
  await page.locator('[data-section="rules"]:not([data-section-state="loading"])').first().waitFor();
  await page.getByTestId('rule-new').click();
  await page.getByTestId('rule-name').fill('E2E activities watch');
  await page.getByTestId('rule-kpi').selectOption('activities');
  await page.getByTestId('rule-scope').selectOption('team');
  await page.getByTestId('rule-frequency').selectOption('week');
  await page.getByTestId('rule-kind').selectOption('threshold');
  await page.getByTestId('rule-op').selectOption('gt');
  await page.getByTestId('rule-value').fill('-1');
  await page.getByTestId('rule-save').click();
  await page.getByTestId('rules-table').locator('tr', { hasText: 'E2E activities watch' }).waitFor();
  let rules = (await s.call(admin, 'GET', '/api/v1/alerts/rules')).body.data as { id: string; name: string; kpi: string; scope: string; owner_id: string; kind: string; params: { op?: string; value?: number; sensitivity?: string } }[];
  const rule = rules.find((r) => r.name === 'E2E activities watch');
  assert.ok(rule, 'the rule was created');
  assert.deepEqual([rule.kpi, rule.scope, rule.kind, rule.params.op, rule.params.value, rule.owner_id], ['activities', 'team', 'threshold', 'gt', -1, manager.id]);
  await page.getByRole('button', { name: 'Scan for anomalies' }).click();
  await page.getByTestId('alerts-note').filter({ hasText: 'Scanned' }).waitFor({ timeout: 90_000 });
  const ours = (await s.call(admin, 'GET', '/api/v1/alerts?status=open&limit=1000')).body.data.filter((a: { rule_id: string }) => a.rule_id === rule.id) as { id: string }[];
  assert.ok(ours.length >= 1, 'the scan raised an alert for the rule');
  await page.locator(`[data-testid="alerts-list"] li[data-alert-id="${ours[0].id}"] a`).click();
  const detail = page.locator(`[data-testid="alert-detail"][data-alert-id="${ours[0].id}"]`);
  await detail.waitFor();
  await detail.getByTestId('alert-chart').locator('canvas').waitFor();
  assert.ok((await detail.getByTestId('alert-links').locator('a').count()) >= 1, 'suggestion links are shown');
  await ctx.screenshot('manager-alert-evidence');
  await detail.getByTestId('alert-ack').click();
  await page.locator(`[data-testid="alert-detail"][data-alert-id="${ours[0].id}"][data-status="acknowledged"]`).waitFor();
  assert.equal((await s.call(admin, 'GET', `/api/v1/alerts/${ours[0].id}`)).body.status, 'acknowledged');
  // Anomaly rules: the default weekly rules from the set-up scan are listed; one of them with its evidence.
  const ruleRow = page.getByTestId('rules-table').locator(`tr[data-rule-id="${rule.id}"]`);
  await ruleRow.getByRole('button', { name: 'Edit E2E activities watch' }).click();
  await page.getByTestId('rule-value').fill('5');
  await page.getByTestId('rule-frequency').selectOption('month');
  await page.getByTestId('rule-save').click();
  await page.getByTestId('rules-note').filter({ hasText: 'saved' }).waitFor();
  rules = (await s.call(admin, 'GET', '/api/v1/alerts/rules')).body.data;
  const edited = rules.find((r) => r.id === rule.id)!;
  assert.equal(edited.params.value, 5);
  assert.equal((edited as unknown as { frequency: string }).frequency, 'month');
  await ruleRow.getByRole('button', { name: 'Delete E2E activities watch' }).click();
  await ruleRow.getByRole('button', { name: 'Confirm: delete E2E activities watch' }).click();
  await ruleRow.waitFor({ state: 'detached' });
  rules = (await s.call(admin, 'GET', '/api/v1/alerts/rules')).body.data;
  assert.equal(rules.some((r) => r.id === rule.id), false, 'the rule was deleted');
  await ctx.screenshot('manager-alerts');

  // ---- Task detail: a task of the rep's (the manager sees the team's), the admin's @mention of the
  // manager in the notifications (marked read here), and a comment mentioning the rep.
  const task = await s.call(admin, 'POST', '/api/v1/tasks', { title: 'E2E prepare the renewal', owner_id: demo.repId, lead_id: leadId, priority: 'high', description: 'Check the usage numbers first.' });
  ok(task, 'a task');
  const taskId = task.body.id as string;
  ok(await s.call(admin, 'POST', `/api/v1/tasks/${taskId}/comments`, { body: `@${manager.name} can you review this before Friday?` }), 'the admin\'s comment');
  await ctx.visit('/tasks', 'tasks', null);
  await page.getByTestId('all-alerts').waitFor();
  await ctx.visit(`/tasks/${taskId}`, 'task');
  await page.getByTestId('task-links').getByRole('link').first().waitFor();
  assert.match(await page.getByTestId('task-fields').innerText(), new RegExp(rep.name));
  const notification = page.locator('[data-testid="task-notifications"] li[data-read="false"]').filter({ hasText: 'mentioned you' });
  await notification.waitFor();
  const notificationId = (await notification.getAttribute('data-notification-id'))!;
  await notification.getByRole('button', { name: /^Mark read/ }).click();
  await page.locator(`[data-testid="task-notifications"] li[data-notification-id="${notificationId}"][data-read="true"]`).waitFor();
  const read = await s.db.query<{ read_at: Date | null }>('SELECT read_at FROM notifications WHERE id = $1', [notificationId]);
  assert.ok(read.rows[0].read_at, 'the notification was marked read');

  const input = page.getByTestId('comment-input');
  const prefix = rep.name.split(/\s+/)[0].slice(0, 3);
  await input.fill('');
  await input.pressSequentially(`Thanks. @${prefix}`);
  const option = page.getByTestId('mention-suggestions').getByRole('option').filter({ hasText: rep.name });
  await option.first().waitFor();
  await ctx.screenshot('manager-task-mention-suggestions');
  await option.first().click();
  await input.pressSequentially('please call them tomorrow.');
  assert.equal(await input.inputValue(), `Thanks. @${rep.name} please call them tomorrow.`);
  await page.getByTestId('comment-post').click();
  await page.getByTestId('comments').locator('li', { hasText: 'please call them tomorrow.' }).waitFor();
  const comments = (await s.call(admin, 'GET', `/api/v1/tasks/${taskId}/comments`)).body.data as { author_id: string; body: string; mentions: { id: string }[] }[];
  const mine = comments.find((c) => c.author_id === manager.id);
  assert.ok(mine, 'the comment was posted as the manager');
  assert.deepEqual(mine.mentions.map((m) => m.id), [demo.repId]);
  const notified = await s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = 'mention' AND link = $2`, [demo.repId, `/tasks/${taskId}`]);
  assert.equal(notified.rows[0].n, 1, 'the rep was notified of the mention');
  await ctx.screenshot('manager-task-detail');
}
