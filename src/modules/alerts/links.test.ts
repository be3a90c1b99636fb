// An alert's suggestion links must lead somewhere: each href is a route the API serves.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../api/testing.ts';
import { ALL_SUGGESTION_LINKS } from './links.ts';

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.close());

test('every suggestion link is a route the API serves', async () => {
  assert.ok(ALL_SUGGESTION_LINKS.length >= 5);
  for (const link of ALL_SUGGESTION_LINKS) {
    const r = await s.call(s.users.admin, 'GET', link.href);
    // A route may answer 404 for missing data (no model yet), never for a missing route.
    const missingRoute = r.status === 404 && /no route/.test(JSON.stringify(r.body));
    assert.ok(!missingRoute && r.status < 500, `${link.label}: GET ${link.href} answered ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
  }
});
