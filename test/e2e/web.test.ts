// End to end: the built web app (web/dist) served by the real API server over the demo company
// (`salesbloom demo --size small`, seed 7) topped up to 10,000 leads, driven in Debian's Chromium
// through playwright-core. Logs in as a demo rep, a demo manager and the admin; checks that each
// page shows real data within the user's scope (a rep cannot open another rep's lead by URL),
// the Kanban drag and stage history, the import wizard's bad row, the chat's cited answer and
// the switch to Chinese; saves a screenshot of each page under test-artifacts/ and prints each
// page's first-render time, the 10,000-lead filter time and scroll frame times.
// Assertions on a capability's data run when the server has that capability's route; pages of
// capabilities the server does not have must show their "not available yet" state (reported).
// Needs `npm run build` and /usr/bin/chromium (.ci/run provides both).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestServer, type TestServer, type TestUser } from '../../src/api/testing.ts';
import { webRoutes } from '../../src/api/web.ts';
import { generateDemo } from '../../src/modules/demo/generate.ts';
import type { ScreenContext } from './context.ts';
import { checkOrchestrateScreens } from './orchestrate-screens.ts';
import { checkAdminScreens } from './admin-screens.ts';
import { checkTeamScreens } from './team-screens.ts';
import { checkAccountScreens } from './account-screens.ts';

const CHROMIUM = '/usr/bin/chromium';
const INDEX = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const skip = !existsSync(INDEX)
  ? 'web/dist/index.html is missing: run `npm run build` first'
  : !existsSync(CHROMIUM)
    ? `${CHROMIUM} is missing: apt-get install chromium`
    : false;

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const TOTAL_LEADS = 10_000;
const NEEDLE = 'Zephyr';
const NEEDLE_EVERY = 40;
const DEMO_PASSWORD = 'demo1234';

test('without a build, / says to run npm run build; paths never escape the build directory', async () => {
  const app = Fastify({ logger: false });
  try {
    await app.register(webRoutes, { root: fileURLToPath(new URL('./no-such-dist/', import.meta.url)) });
    const home = await app.inject({ url: '/', headers: { accept: 'text/html' } });
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /npm run build/);
    assert.equal((await app.inject({ url: '/..%2F..%2Fpackage.json' })).statusCode, 404);
    assert.equal((await app.inject({ url: '/api/v1/leads', headers: { accept: 'text/html' } })).statusCode, 404);
  } finally {
    await app.close();
  }
});

describe('web app on the demo company', { skip }, () => {
  let s: TestServer;
  let browser: Browser | null = null;
  const timings: { page: string; user: string; ms: number; state: string }[] = [];
  const notAvailable = new Set<string>();
  const measures: string[] = [];
  const demo = { rep: '', otherRep: '', manager: '', repId: '', otherRepId: '' };
  let needles = 0;
  const ids: Record<string, string> = {};
  const has = (method: 'GET' | 'POST', url: string) => s.app.hasRoute({ method, url });

  before(async () => {
    const started = performance.now();
    let last = started;
    const step = (what: string) => {
      const t = performance.now();
      console.log(`set-up: ${what} in ${((t - last) / 1000).toFixed(1)} s`);
      last = t;
    };
    s = await startTestServer();
    const summary = await generateDemo(s.db, { seed: 7, size: 'small' });
    step('demo company loaded');
    const reps = summary.logins.filter((l) => l.role === 'rep');
    const manager = summary.logins.find((l) => l.role === 'manager' && l.team === reps[0].team) ?? summary.logins.find((l) => l.role === 'manager')!;
    demo.rep = reps[0].email;
    demo.otherRep = reps[1].email;
    demo.manager = manager.email;
    const { admin } = s.users;
    const userId = async (email: string) => ((await s.call(admin, 'GET', `/api/v1/users?email=${encodeURIComponent(email)}`)).body.data[0].id as string);
    demo.repId = await userId(demo.rep);
    demo.otherRepId = await userId(demo.otherRep);
    const allReps = (await s.call(admin, 'GET', '/api/v1/users?role=rep&limit=100')).body.data.map((u: { id: string }) => u.id) as string[];

    // Models first, on the demo company's own history (the bulk leads below are not outcomes to learn from).
    // Train and run what the pages show (each only when the server has the capability).
    const warm: Promise<unknown>[] = [];
    const timed = async (what: string, p: Promise<unknown>) => {
      const t0 = performance.now();
      const r = await p;
      console.log(`set-up:   ${what}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      return r;
    };
    if (has('POST', '/api/v1/lead-scoring/train')) {
      warm.push((async () => {
        const r = await timed('lead scoring trained', s.call(admin, 'POST', '/api/v1/lead-scoring/train', {})) as { status: number };
        if (r.status === 200 && has('POST', '/api/v1/lead-scoring/score-all')) await timed('leads scored', s.call(admin, 'POST', '/api/v1/lead-scoring/score-all', { scope: 'open' }));
      })());
    }
    if (has('POST', '/api/v1/calls/analyze-all')) warm.push(timed('calls analysed', s.call(admin, 'POST', '/api/v1/calls/analyze-all', { limit: 10, only_missing: true })));
    if (has('POST', '/api/v1/customers/recompute')) warm.push(timed('customer analytics computed', s.call(admin, 'POST', '/api/v1/customers/recompute', {})));
    if (has('POST', '/api/v1/pipeline/train')) warm.push(timed('win probability trained', s.call(admin, 'POST', '/api/v1/pipeline/train', {})));
    if (has('POST', '/api/v1/alerts/scan')) warm.push(timed('alerts scanned', s.call(admin, 'POST', '/api/v1/alerts/scan', {})));
    if (has('POST', '/api/v1/knowledge/ask')) warm.push(timed('knowledge indexed', s.call(admin, 'POST', '/api/v1/knowledge/ask', { question: 'warm up the index' })));
    await Promise.all(warm);
    step('models trained, calls analysed, alerts scanned, knowledge indexed');


    // Top the demo company up to 10,000 leads, every 40th carrying the needle. One INSERT … SELECT:
    // the bulk API would run every capability's per-lead write hooks (minutes on this machine), and
    // the point here is the browser's table, not the write path (tested in the CRM's own tests).
    const existing = Number((await s.db.query<{ n: string }>('SELECT count(*) AS n FROM leads')).rows[0].n);
    const extra = TOTAL_LEADS - existing;
    needles = Math.ceil(extra / NEEDLE_EVERY);
    await s.db.query(
      `INSERT INTO leads (external_id, name, company, source, status, owner_id, created_at, updated_at)
       SELECT 'bulk-' || i,
              CASE WHEN i % $2 = 0 THEN $3 ELSE 'Bulk' END || ' Lead ' || lpad(i::text, 4, '0'),
              'Company ' || (i % 97),
              (ARRAY['web', 'referral', 'event', 'partner'])[1 + i % 4],
              (ARRAY['new', 'working', 'nurturing', 'qualified', 'disqualified'])[1 + i % 5],
              ($4::uuid[])[1 + i % cardinality($4::uuid[])],
              now() - ((400 + i % 300) || ' days')::interval,
              now()
       FROM generate_series(0, $1 - 1) AS i`,
      [extra, NEEDLE_EVERY, NEEDLE, allReps],
    );
    const now = Date.now();
    // One lead of the rep's with an activity, and one of another rep's (the rep must not see it).
    const mine = await s.call(admin, 'POST', '/api/v1/leads', { name: 'Ana Lead Alpha', owner_id: demo.repId, company: 'Alpha Ltd', source: 'web', status: 'qualified', attributes: { tier: 'gold' } });
    assert.equal(mine.status, 201, JSON.stringify(mine.body));
    ids.mine = mine.body.id;
    const act = await s.call(admin, 'POST', '/api/v1/activities', { type: 'call', subject: 'Discovery call with Alpha', body: 'Budget confirmed for Q3.', lead_id: ids.mine, owner_id: demo.repId, occurred_at: new Date(now - 3_600_000).toISOString() });
    assert.equal(act.status, 201, JSON.stringify(act.body));
    const theirs = await s.call(admin, 'POST', '/api/v1/leads', { name: 'Bo Secret Lead', owner_id: demo.otherRepId, company: 'Secret Co', status: 'working' });
    ids.theirs = theirs.body.id;

    step(`topped up to ${TOTAL_LEADS} leads`);
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 30_000 });
    console.log(`set-up (demo company, ${TOTAL_LEADS} leads, models): ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });

  after(async () => {
    try {
      await browser?.close();
    } finally {
      await s?.close();
      if (timings.length) {
        console.log('first-render times (navigation start → page data shown):');
        for (const t of timings) console.log(`  ${t.page.padEnd(18)} ${t.user.padEnd(9)} ${t.ms.toFixed(0).padStart(5)} ms  ${t.state}`);
        const ready = timings.filter((t) => t.state === 'ready' && !t.page.includes('(login)'));
        if (ready.length) console.log(`  slowest: ${Math.max(...ready.map((t) => t.ms)).toFixed(0)} ms (target < 1500 ms)`);
      }
      for (const m of measures) console.log(m);
      if (notAvailable.size) console.log(`not available on this server (their data assertions were skipped): ${[...notAvailable].join(', ')}`);
    }
  });

  // Records, in the page, when each [data-page][data-state][data-query] combination first
  // appears: first-render times measured in the browser, free of the test's polling delays.
  const RECORD_MARKS = `(() => {
    const marks = (window.__sbMarks = {});
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[data-page][data-state]')) {
        const key = el.getAttribute('data-page') + '|' + el.getAttribute('data-state') + '|' + (el.getAttribute('data-query') ?? '');
        if (!(key in marks)) marks[key] = performance.now();
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
  })()`;
  const markOf = (page: Page, key: string): Promise<number> =>
    page.evaluate(`(() => { const m = window.__sbMarks, k = Object.keys(m).filter((x) => x.startsWith(${JSON.stringify(key)})); return k.length ? Math.min(...k.map((x) => m[x])) : NaN; })()`);
  const now = (page: Page): Promise<number> => page.evaluate('performance.now()');

  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser!.newContext({ viewport: { width: 1366, height: 800 }, locale: 'en-US' });
    await context.addInitScript(RECORD_MARKS);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return { context, page };
  }

  const ready = (page: Page, name: string, state = 'ready') => page.waitForSelector(`[data-page="${name}"][data-state="${state}"]`);

  /** Opens a page, waits for its first settled state, records the time and a screenshot. */
  async function visit(page: Page, path: string, name: string, user: string, expect: string | null = 'ready'): Promise<string> {
    await page.goto(`${s.url}${path}`);
    const el = await page.waitForSelector(`[data-page="${name}"]:not([data-state="loading"])`);
    const state = (await el.getAttribute('data-state')) ?? '';
    if (state === 'unavailable') notAvailable.add(`${name} page`);
    else if (expect) assert.equal(state, expect, `${path} as ${user}`);
    timings.push({ page: name, user, ms: await markOf(page, `${name}|${state}|`), state });
    await page.screenshot({ path: `${ARTIFACTS}web-${user}-${name}.png`, fullPage: true });
    return state;
  }

  /** Waits for a section's data; a section whose route the server lacks must say "not available yet". */
  async function section(page: Page, id: string, route: [('GET' | 'POST'), string], dataSelector: string): Promise<boolean> {
    if (!has(...route)) {
      await page.waitForSelector(`[data-section="${id}"][data-section-state="unavailable"]`);
      notAvailable.add(`${route[0]} ${route[1]}`);
      return false;
    }
    await page.locator(dataSelector).first().waitFor();
    return true;
  }

  async function login(page: Page, email: string, password: string, user: string): Promise<void> {
    await page.goto(`${s.url}/`);
    await ready(page, 'login');
    await page.screenshot({ path: `${ARTIFACTS}web-login.png` });
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    const started = await now(page);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await ready(page, 'home');
    timings.push({ page: 'home (login)', user, ms: (await markOf(page, 'home|ready|')) - started, state: 'ready' });
  }

  test('the server answers the app for app routes and problems for API paths', async () => {
    const html = await fetch(`${s.url}/leads/123`, { headers: { accept: 'text/html' } });
    assert.equal(html.status, 200);
    assert.match(await html.text(), /<div id="root">/);
    const api = await fetch(`${s.url}/api/v1/nothing-here`, { headers: { accept: 'text/html' } });
    assert.equal(api.status, 401, 'API paths are never the app');
    const asset = await fetch(`${s.url}/assets/missing.js`);
    assert.equal(asset.status, 404);
  });

  test('a rep sees their own data, a cited answer in the chat, and not another rep\'s lead', async () => {
    const { context, page } = await newPage();
    try {
      await login(page, demo.rep, DEMO_PASSWORD, 'rep');
      await visit(page, '/', 'home', 'rep');
      assert.match(await page.getByTestId('kpi-open-leads').innerText(), /Open leads\s+\d[\d,]*/);
      assert.equal(await page.getByRole('link', { name: 'Import data' }).count(), 0, 'reps cannot import');
      assert.equal(await page.getByRole('link', { name: 'API tokens' }).count(), 0, 'reps see no admin pages');
      await section(page, 'kpi-summary', ['GET', '/api/v1/kpis/summary'], '[data-testid="kpi-summary"] .kpi');

      await visit(page, '/leads', 'leads', 'rep');
      await page.waitForSelector('[data-page="leads"][data-complete="true"]');
      const body = page.getByTestId('leads-body');
      await page.getByTestId('lead-search').fill('Lead Alpha');
      await body.getByText('Ana Lead Alpha', { exact: true }).waitFor();
      await page.getByTestId('lead-search').fill('Secret');
      await page.waitForSelector('[data-page="leads"][data-query="secret"][data-count="0"]');

      await page.goto(`${s.url}/leads/${ids.mine}`);
      await ready(page, 'lead');
      assert.ok(await page.getByTestId('timeline').getByText('Discovery call with Alpha').isVisible());
      assert.match(await page.getByTestId('lead-attributes').innerText(), /tier\s+gold/);
      await section(page, 'score', ['GET', '/api/v1/leads/:id/score'], '[data-section="score"][data-section-state="ready"]');
      await visit(page, `/leads/${ids.mine}`, 'lead', 'rep');

      await visit(page, `/leads/${ids.theirs}`, 'lead', 'rep', 'not-found');
      assert.ok(await page.getByRole('heading', { name: 'Not found' }).isVisible());
      assert.equal(await page.getByText('Bo Secret Lead', { exact: true }).count(), 0);

      await visit(page, '/pipeline', 'pipeline', 'rep', null);
      await visit(page, '/tasks', 'tasks', 'rep', null);
      await page.getByTestId('task-title').fill('Call Alpha back');
      await page.getByRole('button', { name: 'Add a task' }).click();
      if (has('POST', '/api/v1/tasks')) await page.getByTestId('task-list').getByText('Call Alpha back').waitFor();

      await visit(page, '/knowledge', 'knowledge', 'rep');
      if (has('POST', '/api/v1/knowledge/ask') || has('POST', '/api/v1/chat/conversations')) {
        await page.getByTestId('chat-input').fill('Who approves a discount above 25%?');
        const asked = await now(page);
        await page.getByRole('button', { name: 'Ask', exact: true }).click();
        const answer = page.locator('[data-testid="chat-answer"][data-streaming="false"]').first();
        await answer.waitFor({ timeout: 60_000 });
        measures.push(`chat answer (streamed): ${((await now(page)) - asked).toFixed(0)} ms`);
        assert.match(await answer.innerText(), /\[1\]/, 'the answer cites its first source');
        assert.ok((await answer.getByTestId('citation').count()) >= 1, 'the sources are listed');
        assert.ok(await answer.getByTestId('citation-marker').first().isVisible());
        await page.screenshot({ path: `${ARTIFACTS}web-rep-knowledge-chat.png`, fullPage: true });
      } else notAvailable.add('knowledge chat');
    } finally {
      await context.close();
    }
  });

  test('a manager moves a deal on the Kanban, reads forecasts, customers and the team, writes an email and imports a CSV with a bad row', async () => {
    const { context, page } = await newPage();
    try {
      await login(page, demo.manager, DEMO_PASSWORD, 'manager');
      await visit(page, '/', 'home', 'manager');
      await visit(page, '/leads', 'leads', 'manager');

      await visit(page, '/pipeline', 'pipeline', 'manager');
      const columns = page.locator('.kanban-column');
      const from = page.locator('.kanban-column:not([data-stage="won"]):not([data-stage="lost"])').filter({ has: page.getByTestId('deal-card') }).first();
      const fromStage = (await from.getAttribute('data-stage'))!;
      const card = from.getByTestId('deal-card').first();
      const dealId = (await card.getAttribute('data-deal-id'))!;
      const toStage = fromStage === 'negotiation' ? 'proposal' : 'negotiation';
      await card.dragTo(columns.locator(`xpath=self::*[@data-stage="${toStage}"]`));
      await page.locator(`.kanban-column[data-stage="${toStage}"] [data-deal-id="${dealId}"]`).waitFor();
      await page.getByTestId('pipeline-announce').filter({ hasText: 'moved' }).waitFor({ state: 'attached' });
      let stage = '';
      for (let i = 0; i < 50 && stage !== toStage; i += 1) {
        stage = (await s.call(s.users.admin, 'GET', `/api/v1/opportunities/${dealId}`)).body.stage;
        if (stage !== toStage) await page.waitForTimeout(100);
      }
      assert.equal(stage, toStage, 'dragging the card PATCHed the stage');
      // The keyboard alternative: the card's "Move to stage" list.
      await page.locator(`[data-deal-id="${dealId}"]`).getByTestId('move-stage').selectOption('proposal' === toStage ? 'demo' : 'proposal');
      const keyboardStage = 'proposal' === toStage ? 'demo' : 'proposal';
      await page.locator(`.kanban-column[data-stage="${keyboardStage}"] [data-deal-id="${dealId}"]`).waitFor();
      if (has('GET', '/api/v1/pipeline/deals')) await page.getByTestId('win-probability').first().waitFor();
      await page.screenshot({ path: `${ARTIFACTS}web-manager-pipeline-moved.png`, fullPage: true });

      await visit(page, `/pipeline/${dealId}`, 'deal', 'manager');
      const history = await page.getByTestId('stage-history').innerText();
      const label = (x: string) => x[0].toUpperCase() + x.slice(1);
      assert.ok(history.includes(`${label(fromStage)} → ${label(toStage)}`), history);
      assert.ok(history.includes(`${label(toStage)} → ${label(keyboardStage)}`), history);
      await section(page, 'similar', ['GET', '/api/v1/opportunities/:id/similar'], '[data-section="similar"]:not([data-section-state="loading"])');
      await section(page, 'win', ['GET', '/api/v1/opportunities/:id/win-probability'], '[data-testid="deal-win"]');

      if (await visit(page, '/forecast', 'forecast', 'manager') === 'ready') {
        await page.getByTestId('forecast-chart').locator('canvas').waitFor();
        await page.getByTestId('forecast-table').locator('tbody tr').first().waitFor(); // at least one row (the section may render after the page)
        await section(page, 'pipeline-forecast', ['GET', '/api/v1/pipeline/forecast'], '[data-testid="pipeline-quarter"]');
      }
      if (await visit(page, '/customers', 'customers', 'manager', null) === 'ready') {
        await page.getByTestId('segments-table').locator('tbody tr').first().waitFor();
        await page.getByTestId('customers-table').locator('tbody tr button').first().click();
        await page.locator('[data-section="customer-detail"][data-section-state="ready"]').waitFor();
      }
      if (await visit(page, '/team', 'team', 'manager', null) === 'ready') {
        await page.getByTestId('scorecard').locator('details').first().waitFor();
        await page.getByTestId('competency-chart').locator('canvas').waitFor();
      }
      await section(page, 'playbooks', ['GET', '/api/v1/best-practices/playbooks'], '[data-section="playbooks"]:not([data-section-state="loading"])');

      await visit(page, '/writer', 'writer', 'manager');
      if (has('POST', '/api/v1/writer/email')) {
        await page.getByTestId('writer-record').selectOption({ index: 1 });
        await page.getByTestId('writer-generate').click();
        await page.getByTestId('draft').first().waitFor({ timeout: 30_000 });
        assert.ok((await page.getByTestId('draft').count()) >= 1);
        await page.screenshot({ path: `${ARTIFACTS}web-manager-writer-drafts.png`, fullPage: true });
      } else notAvailable.add('POST /api/v1/writer/email');

      if (await visit(page, '/calls', 'calls', 'manager', null) === 'ready') {
        await page.getByTestId('calls-table').locator('tbody tr a').first().click();
        await ready(page, 'call');
        assert.ok((await page.getByTestId('transcript').locator('li').count()) > 0);
        await page.screenshot({ path: `${ARTIFACTS}web-manager-call.png`, fullPage: true });
      }
      await visit(page, '/tasks', 'tasks', 'manager', null);

      await visit(page, '/import', 'import', 'manager');
      const csv = [
        'Name,Email,Company,Lead Source,Status,Tier',
        'Imported One,one@import.test,Import Co,web,new,gold',
        'Imported Bad,bad@import.test,Import Co,web,sleeping,silver',
        'Imported Three,three@import.test,Import Co,event,working,bronze',
      ].join('\n');
      await page.getByTestId('import-entity').selectOption('leads');
      await page.getByTestId('import-file').setInputFiles({ name: 'leads.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByTestId('import-preview').getByText('Imported Bad', { exact: true }).waitFor();
      assert.match(await page.getByTestId('import-mapping').innerText(), /Email\s+email/);
      await page.getByRole('button', { name: 'Validate (dry run)' }).click();
      await ready(page, 'import', 'invalid');
      const bad = page.getByTestId('dry-run-errors').locator('tr[data-row="3"]');
      assert.match(await bad.innerText(), /status/i);
      assert.match(await bad.innerText(), /sleeping/);
      await page.screenshot({ path: `${ARTIFACTS}web-manager-import-dry-run.png`, fullPage: true });
      await page.getByRole('button', { name: 'Import and skip bad rows' }).click();
      await ready(page, 'import', 'done');
      const summary = page.getByTestId('import-summary');
      assert.match(await summary.locator('[data-key="inserted"]').innerText(), /2$/);
      assert.match(await summary.locator('[data-key="rejected"]').innerText(), /1$/);
      await page.screenshot({ path: `${ARTIFACTS}web-manager-import-done.png`, fullPage: true });
      const imported = await s.call(s.users.admin, 'GET', '/api/v1/leads?company=Import Co');
      assert.deepEqual(imported.body.data.map((l: { name: string }) => l.name).sort(), ['Imported One', 'Imported Three']);
    } finally {
      await context.close();
    }
  });

  function screenContext(page: Page, user: string): ScreenContext {
    return {
      page,
      server: s,
      demo,
      visit: (path, name, expect = 'ready') => visit(page, path, name, user, expect),
      ready: (name, state = 'ready') => ready(page, name, state),
      has: (method, url) => s.app.hasRoute({ method, url }),
      screenshot: async (name) => { await page.screenshot({ path: `${ARTIFACTS}web-${name}.png`, fullPage: true }); },
    };
  }

  test('a rep opens an account: its people, deals, orders, activity and what to offer next', async () => {
    const { context, page } = await newPage();
    try {
      await login(page, demo.rep, DEMO_PASSWORD, 'rep');
      await checkAccountScreens(screenContext(page, 'rep'));
    } finally {
      await context.close();
    }
  });

  test('a manager manages email templates and drafts, call trackers, alert rules and task comments', async () => {
    const { context, page } = await newPage();
    try {
      await login(page, demo.manager, DEMO_PASSWORD, 'manager');
      await checkOrchestrateScreens(screenContext(page, 'manager'));
    } finally {
      await context.close();
    }
  });

  test('a manager edits the competency model, rates reps and explores the knowledge graph', async () => {
    const { context, page } = await newPage();
    try {
      await login(page, demo.manager, DEMO_PASSWORD, 'manager');
      await checkTeamScreens(screenContext(page, 'manager'));
    } finally {
      await context.close();
    }
  });

  test('an admin tunes assignment, score thresholds, the FAQ router, the competency model and reads the knowledge graph', async () => {
    const { context, page } = await newPage();
    try {
      await login(page, 'admin@test.local', 'password123', 'admin');
      await checkAdminScreens(screenContext(page, 'admin'));
    } finally {
      await context.close();
    }
  });

  test('an admin manages users, tokens, models and the provider, filters 10,000 leads fast, and switches to Chinese', async () => {
    const { context, page } = await newPage();
    const admin: TestUser = s.users.admin;
    try {
      await login(page, 'admin@test.local', 'password123', 'admin');
      await visit(page, '/', 'home', 'admin');
      await page.locator('.chart canvas').first().waitFor();

      await visit(page, '/admin/users', 'users', 'admin');
      const userCount = (await s.call(admin, 'GET', '/api/v1/users?limit=1000')).body.data.length;
      assert.equal(await page.getByTestId('users-table').locator('tbody tr').count(), userCount);
      assert.ok((await page.getByTestId('teams-table').locator('tbody tr').count()) >= 3);

      await visit(page, '/admin/tokens', 'tokens', 'admin');
      await page.getByTestId('token-name').fill('e2e token');
      await page.getByRole('button', { name: 'Create token' }).click();
      const issued = await page.getByTestId('token-issued').locator('code').innerText();
      assert.match(issued, /^sb_/);
      const row = page.locator('tr[data-token-name="e2e token"]');
      await row.waitFor();
      page.once('dialog', (d) => void d.accept());
      await row.getByRole('button', { name: /Revoke/ }).click();
      await row.getByText('revoked').waitFor();
      assert.equal((await fetch(`${s.url}/api/v1/me`, { headers: { authorization: `Bearer ${issued}` } })).status, 401, 'a revoked token no longer works');

      if (await visit(page, '/admin/models', 'models', 'admin', null) === 'ready') {
        assert.ok((await page.getByTestId('models-table').locator('tbody tr').count()) > 0);
        if (has('GET', '/api/v1/lead-scoring/model')) await page.getByTestId('chart-roc').locator('canvas').waitFor();
      }
      if (await visit(page, '/admin/provider', 'provider', 'admin', null) === 'ready') {
        assert.ok(await page.getByTestId('never-leave').locator('input').isChecked(), 'offline by default: nothing leaves this machine');
      }
      await visit(page, '/admin/audit', 'audit', 'admin');
      assert.ok((await page.getByTestId('audit-table').locator('tbody tr').count()) > 0);

      // 10,000 leads: load them all, then filter, scroll and sort in the browser.
      await visit(page, '/leads', 'leads', 'admin');
      const loadStart = await now(page);
      await page.waitForSelector('[data-page="leads"][data-complete="true"]', { timeout: 60_000 });
      const total = Number(await page.locator('[data-page="leads"]').getAttribute('data-count'));
      assert.ok(total >= TOTAL_LEADS, `${total} leads loaded`);
      measures.push(`leads table: ${total} leads loaded in ${((await now(page)) - loadStart).toFixed(0)} ms after first render`);
      const started = await now(page);
      await page.getByTestId('lead-search').fill(NEEDLE);
      await page.waitForSelector(`[data-page="leads"][data-state="ready"][data-query="${NEEDLE.toLowerCase()}"]`);
      const filterMs = (await markOf(page, `leads|ready|${NEEDLE.toLowerCase()}`)) - started;
      const count = Number(await page.locator('[data-page="leads"]').getAttribute('data-count'));
      assert.equal(count, needles);
      const compute = await page.locator('[data-page="leads"]').getAttribute('data-filter-ms');
      measures.push(`leads filter over ${total} leads: ${filterMs.toFixed(0)} ms keystroke → table shown (${compute} ms filtering), ${count} matches (target < 200 ms)`);
      // Scroll the unfiltered table and measure frame times.
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await page.waitForSelector(`[data-page="leads"][data-query=""][data-count="${total}"]`);
      const frames = await page.evaluate(`new Promise((resolve) => {
        const el = document.querySelector('[data-testid="leads-body"]');
        const times = []; let last = performance.now(); let n = 0;
        const step = (t) => { times.push(t - last); last = t; el.scrollTop += 440; if (++n < 120) requestAnimationFrame(step); else resolve(times.slice(1)); };
        requestAnimationFrame(step);
      })`) as number[];
      frames.sort((a, b) => a - b);
      const p95 = frames[Math.floor(frames.length * 0.95)];
      measures.push(`leads scroll (120 frames × 10 rows): median frame ${frames[frames.length >> 1].toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${frames[frames.length - 1].toFixed(1)} ms, ${frames.filter((f) => f > 50).length} frames > 50 ms`);

      await page.getByTestId('lead-search').fill(NEEDLE);
      await page.getByTestId('lead-status').selectOption('new');
      await page.waitForFunction("location.search.includes('status=new') && location.search.includes('q=')");
      await page.waitForSelector('[data-page="leads"][data-state="ready"]');
      const header = page.getByRole('button', { name: 'Name', exact: true });
      await header.click(); // ascending
      await page.waitForFunction("location.search.includes('sort=name')");
      await header.click(); // descending
      await page.waitForFunction("location.search.includes('sort=-name')");
      const cells = page.getByTestId('leads-body').locator('.cell-name');
      await page.waitForFunction(`document.querySelector('[data-page="leads"] .cell-name')?.textContent?.startsWith('${NEEDLE}')`);
      const names = await cells.allInnerTexts();
      assert.ok(names.length >= 10, `${names.length} rows rendered`);
      assert.ok(names.every((n) => n.includes(NEEDLE)));
      assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' })).reverse());
      await page.screenshot({ path: `${ARTIFACTS}web-admin-leads-filtered.png`, fullPage: true });

      // A saved view (localStorage) brings the filters back.
      const filtered = await page.locator('[data-page="leads"]').getAttribute('data-count');
      await page.getByLabel('Name of the view').fill('Zephyr new');
      await page.getByRole('button', { name: 'Save view' }).click();
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await page.waitForSelector('[data-page="leads"][data-state="ready"][data-query=""]');
      await page.getByTestId('lead-views').selectOption('Zephyr new');
      await page.waitForSelector(`[data-page="leads"][data-state="ready"][data-query="${NEEDLE.toLowerCase()}"][data-count="${filtered}"]`);
      assert.equal(await page.getByTestId('lead-status').inputValue(), 'new');

      // Chinese: the UI text changes, the choice is saved on the user (PATCH /api/v1/me) and survives a reload.
      await page.getByTestId('language').selectOption('zh');
      await page.getByRole('navigation').getByText('线索', { exact: true }).waitFor();
      let locale = '';
      for (let i = 0; i < 50 && locale !== 'zh'; i += 1) {
        locale = (await s.call(admin, 'GET', '/api/v1/me')).body.locale;
        if (locale !== 'zh') await page.waitForTimeout(100);
      }
      assert.equal(locale, 'zh', 'the language is stored on the user');
      assert.equal((await s.call(admin, 'PATCH', '/api/v1/me', { locale: 'fr' })).status, 400, 'only en and zh');
      await page.reload();
      await ready(page, 'leads');
      assert.ok(await page.getByRole('heading', { name: '线索' }).isVisible(), 'the choice survives a reload');
      assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
      await visit(page, '/', 'home', 'admin-zh');
      assert.match(await page.getByTestId('kpi-open-leads').innerText(), /未结线索/);
      await visit(page, '/pipeline', 'pipeline', 'admin-zh');
      await visit(page, '/forecast', 'forecast', 'admin-zh', null);
      // What the server writes (score reasons) follows the language too.
      await visit(page, `/leads/${ids.mine}`, 'lead', 'admin-zh');
      await page.waitForSelector('[data-section="score"][data-section-state="ready"]');
      const labels = await page.locator('[data-testid="score-reasons"] .reason-label').allInnerTexts();
      assert.ok(labels.length > 0, 'the lead has score reasons');
      for (const label of labels) assert.match(label, /[：（]/, `score reason "${label}" is written with the Chinese template`);
    } finally {
      await context.close();
    }
  });
});
