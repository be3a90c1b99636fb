// Lock order: the CRM's lead update holds the lead row and then takes the assignment policy
// (to record an outcome), so an assignment must take the lead first too, or the two deadlock.
// Needs concurrent connections: runs on PostgreSQL (PGlite has one connection).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../api/testing.ts';
import { assignLead } from './service.ts';

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(async () => {
  await s.close();
});

test('an assignment waits for a locked lead before it takes the policy lock', { skip: !process.env.DATABASE_URL && 'needs PostgreSQL (concurrent connections)' }, async () => {
  const lead = await s.call(s.users.admin, 'POST', '/api/v1/leads', { name: 'Lock Order', industry: 'Retail' });
  assert.equal(lead.status, 201);
  const leadId = lead.body.id as string;
  await s.call(s.users.admin, 'GET', '/api/v1/assignment/policy'); // the policy row exists

  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const lockHeld = new Promise<void>((resolve) => (locked = resolve));
  // A CRM update in progress: it holds the lead's row.
  const update = s.db.transaction(async (tx) => {
    await tx.query('SELECT 1 FROM leads WHERE id = $1 FOR UPDATE', [leadId]);
    locked();
    await released;
  });
  await lockHeld;
  const assignment = assignLead(s.db, leadId, { id: s.users.admin.id, name: 'admin', role: 'admin' });
  try {
    // Wait until the assignment is blocked on a lock.
    for (let i = 0; i < 100; i++) {
      const { rows } = await s.db.query<{ n: string }>('SELECT count(*) AS n FROM pg_locks WHERE NOT granted');
      if (Number(rows[0].n) > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    // The policy must still be free: the update could take it to record an outcome.
    await s.db.transaction(async (tx) => {
      await tx.query("SET LOCAL lock_timeout = '200ms'");
      await tx.query('SELECT 1 FROM assignment_policy WHERE id = 1 FOR UPDATE');
    });
  } finally {
    release();
    await update;
  }
  const result = await assignment;
  assert.ok(['assigned', 'queued'].includes(result.status), result.status);
});
