import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestDb } from '../../db/testing.ts';
import { generateDemo } from './generate.ts';

const NOW = new Date('2025-06-15T12:00:00Z');
/** A tinier company: this test needs three fresh databases. */
const TINY = { accounts: 30, leads: 150, reps: 5, orderMonths: 12 };

async function snapshot(seed: number, existingAdmin = false) {
  const db = await createTestDb();
  try {
    if (existingAdmin) await db.query(`INSERT INTO users (email, name, role, password_hash) VALUES ('boss@example.com', 'Boss', 'admin', 'scrypt$x')`);
    const summary = await generateDemo(db, { seed, size: 'small', now: NOW, plan: TINY });
    const rows = async (sql: string) => (await db.query(sql)).rows;
    return {
      summary,
      truth: await rows(`SELECT key, value FROM demo_ground_truth WHERE key <> 'generator' ORDER BY key`),
      deals: await rows(`SELECT id, amount, stage, closed_at FROM opportunities ORDER BY id`),
      activities: await rows(`SELECT id, occurred_at, subject, transcript FROM activities ORDER BY id`),
    };
  } finally {
    await db.close();
  }
}

test('the same seed gives the same company and ground truth; another seed does not; an existing admin is reused', async () => {
  const a = await snapshot(7);
  const b = await snapshot(7);
  const c = await snapshot(8, true);
  assert.deepEqual(b.summary.counts, a.summary.counts);
  assert.deepEqual(b.truth, a.truth);
  assert.deepEqual(b.deals, a.deals);
  assert.deepEqual(b.activities, a.activities);
  assert.notDeepEqual(c.truth, a.truth);

  assert.equal(a.summary.logins[0].email, 'admin@bloomtech.example');
  assert.equal(c.summary.counts.users, 3 + 5, 'managers and reps, no demo admin');
  assert.equal(c.summary.logins[0].email, 'boss@example.com');
  assert.equal(c.summary.logins[0].password, null, 'the existing admin keeps its own password');
});
