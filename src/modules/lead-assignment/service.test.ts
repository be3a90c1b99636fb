import { after, before, test } from 'node:test';
import { render, type Text } from '../../core/i18n.ts';
import { msg } from './messages.ts';
import assert from 'node:assert/strict';
import { connect, pgliteOf, type Db } from '../../db/client.ts';
import { createTestDb, type TestDb } from '../../db/testing.ts';
import { listMigrations } from '../../db/migrate.ts';
import { restorePolicy } from '../../ml/bandits/registry.ts';
import { Rng } from '../../ml/random.ts';
import type { Actor } from '../crm/access.ts';
import { recordOutcome } from './outcomes.ts';
import { readPolicy, setPolicy } from './policy-store.ts';
import { getProfile, mergeProfilePatch, saveProfile } from './profiles.ts';
import { assignLead, assignUnassigned } from './service.ts';

// One database for the file (start-up dominates on a busy machine); each test has its own team.
let db: TestDb;
before(async () => {
  db = await createTestDb();
});
after(async () => {
  await db.close();
});

let teams = 0;
async function team(db: Db, reps: number) {
  const label = ++teams;
  const user = async (name: string, role: string, teamId: string | null = null) =>
    (await db.query<{ id: string }>('INSERT INTO users (name, email, role, team_id) VALUES ($1, $2, $3, $4) RETURNING id', [name, `${name.replace(/ /g, '.')}.${label}@t.local`, role, teamId])).rows[0].id;
  const managerId = await user('Mia Manager', 'manager');
  const teamId = (await db.query<{ id: string }>("INSERT INTO teams (name, manager_id) VALUES ('Team A', $1) RETURNING id", [managerId])).rows[0].id;
  const repIds: string[] = [];
  for (let i = 0; i < reps; i++) repIds.push(await user(`Rep ${i + 1}`, 'rep', teamId));
  const manager: Actor = { id: managerId, name: 'Mia Manager', role: 'manager' };
  return { manager, repIds, teamId };
}

async function lead(db: Db, fields: Record<string, unknown> = {}): Promise<string> {
  const f = { name: 'Lead', industry: 'Manufacturing', country: 'DE', language: 'de', owner_id: null, attributes: {}, ...fields };
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO leads (name, industry, country, language, owner_id, attributes) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [f.name, f.industry, f.country, f.language, f.owner_id, JSON.stringify(f.attributes)],
  );
  return rows[0].id;
}

async function setProfile(db: Db, userId: string, patch: Record<string, unknown>) {
  await saveProfile(db, mergeProfilePatch(await getProfile(db, userId), patch), null);
}

test('capacity reached → the lead is queued with the reason; it never goes to a full rep', async () => {
  {
    const { manager, repIds } = await team(db, 2);
    for (const id of repIds) {
      await setProfile(db, id, { max_open_leads: 1 });
      await lead(db, { owner_id: id }); // each rep already has one open lead
    }
    const leadId = await lead(db);
    const r = await assignLead(db, leadId, manager);
    assert.equal(r.status, 'queued');
    assert.equal(r.rep, null);
    assert.match(render(r.queued_reason!, 'en'), /Rep 1: at capacity: 1\/1 open leads; Rep 2: at capacity: 1\/1 open leads/);
    const { rows } = await db.query<{ owner_id: string | null }>('SELECT owner_id FROM leads WHERE id = $1', [leadId]);
    assert.equal(rows[0].owner_id, null);
    // A rep's lead closes (disqualified): capacity frees up and the same lead is assigned to that rep.
    await db.query("UPDATE leads SET status = 'disqualified' WHERE owner_id = $1", [repIds[1]]);
    const again = await assignLead(db, leadId, manager);
    assert.equal(again.status, 'assigned');
    assert.equal(again.rep!.id, repIds[1]);
    assert.match(render(again.explanation, 'en'), /^Rep 2: 0\/1 open, /);
    const log = await db.query('SELECT status, queued_reason FROM lead_assignments WHERE lead_id = $1 ORDER BY id', [leadId]);
    assert.deepEqual(log.rows.map((x) => x.status), ['queued', 'assigned']);
    // The stored reason is a Text (jsonb): it reads in either language later.
    assert.match(render(log.rows[0].queued_reason as Text, 'zh'), /Rep 1：已满负荷：1\/1 条未结线索；Rep 2：已满负荷：1\/1 条未结线索/);
  }
});

test('rules are never broken: territory, language, product, absences, hours, quota and capacity hold for every assignment', async () => {
  {
    const { manager, repIds } = await team(db, 4);
    const now = new Date('2026-11-24T10:00:00Z'); // a Tuesday
    await setProfile(db, repIds[0], { territories: ['DE'], languages: ['de', 'en'], max_open_leads: 4 });
    await setProfile(db, repIds[1], { territories: ['FR'], languages: ['fr'], products: ['Core'] });
    await setProfile(db, repIds[2], { absences: [{ from: '2026-11-20T00:00:00Z', to: '2026-11-30T00:00:00Z' }] });
    await setProfile(db, repIds[3], { quota_per_period: 3, working_hours: { days: [1, 2, 3, 4, 5], start_hour: 8, end_hour: 18, utc_offset_hours: 0 } });
    const rng = new Rng(4);
    const leads: Array<{ id: string; country: string; language: string; product: string }> = [];
    for (let i = 0; i < 16; i++) {
      const country = rng.pick(['DE', 'FR', 'US']);
      const language = rng.pick(['de', 'fr', 'en']);
      const product = rng.pick(['Core', 'Analytics']);
      leads.push({ id: await lead(db, { country, language, industry: rng.pick(['Retail', 'Energy']), attributes: { product } }), country, language, product });
    }
    const out = await assignUnassigned(db, manager, { now });
    assert.equal(out.assigned + out.queued, 16);
    assert.ok(out.assigned >= 4 && out.queued >= 1, JSON.stringify(out));
    const byRep = new Map<string, number>();
    for (const r of out.results) {
      if (r.status === 'queued') {
        assert.ok(r.queued_reason && render(r.queued_reason, 'en').length > 10);
        continue;
      }
      const l = leads.find((x) => x.id === r.lead_id)!;
      const rep = r.rep!.id;
      byRep.set(rep, (byRep.get(rep) ?? 0) + 1);
      assert.notEqual(rep, repIds[2], 'absent rep got a lead');
      if (rep === repIds[0]) assert.ok(l.country === 'DE' && ['de', 'en'].includes(l.language));
      if (rep === repIds[1]) assert.ok(l.country === 'FR' && l.language === 'fr' && l.product === 'Core');
    }
    assert.ok((byRep.get(repIds[0]) ?? 0) <= 4, 'capacity');
    assert.ok((byRep.get(repIds[3]) ?? 0) <= 3, 'weekly quota');
    // Outside rep 4's working hours (Saturday) nobody unrestricted is reachable for a US lead in English.
    const saturday = await assignLead(db, await lead(db, { country: 'US', language: 'en' }), manager, { now: new Date('2026-11-28T10:00:00Z') });
    assert.equal(saturday.status, 'queued');
    assert.match(render(saturday.queued_reason!, 'en'), /Rep 4: .*outside working hours/);
    assert.match(render(saturday.queued_reason!, 'en'), /Rep 3: absent until 2026-11-30/);
  }
});

test('outcomes are idempotent per key, and one outcome per assignment', async () => {
  {
    const { manager } = await team(db, 3);
    const leadId = await lead(db);
    const a = await assignLead(db, leadId, manager);
    assert.equal(a.status, 'assigned');
    assert.ok(a.propensity! > 0 && a.propensity! <= 1);
    const first = await recordOutcome(db, { leadId, reward: 1, key: 'crm-1' });
    assert.equal(first.applied, true);
    const state1 = (await readPolicy(db)).state;
    const second = await recordOutcome(db, { leadId, reward: 1, key: 'crm-1' });
    assert.deepEqual([second.applied, second.duplicate], [false, true]);
    const other = await recordOutcome(db, { leadId, reward: 0, key: 'crm-2' });
    assert.equal(other.applied, false);
    assert.match(render(other.reason!, 'en'), /already has an outcome \(key crm-1\)/);
    assert.equal(render(other.reason!, 'zh'), '该分配已有结果（键 crm-1）');
    assert.deepEqual((await readPolicy(db)).state, state1);
    assert.deepEqual(state1.appliedEvents, [], 'keys live on the assignment rows, so the state does not grow with outcomes');
    const { rows } = await db.query('SELECT reward, reward_key FROM lead_assignments WHERE lead_id = $1', [leadId]);
    assert.deepEqual(rows, [{ reward: 1, reward_key: 'crm-1' }]);
    await assert.rejects(recordOutcome(db, { leadId, reward: 5, key: 'crm-3' }), (e: any) => e.issues[0].column === 'reward' && /must be from 0 to 1/.test(e.issues[0].reason));
    await assert.rejects(recordOutcome(db, { leadId, reward: Number.NaN, key: 'crm-4' }), (e: any) => e.issues[0].column === 'reward' && e.issues[0].value === 'null');
  }
});

test('restart: the policy state survives reopening the database, and decisions continue identically', async () => {
  let reopened: Db | null = null;
  try {
    const { manager } = await team(db, 4);
    await setPolicy(db, { policy: 'linucb' }, null);
    for (let i = 0; i < 6; i++) {
      const id = await lead(db, { industry: i % 2 ? 'Retail' : 'Energy' });
      await assignLead(db, id, manager);
      await recordOutcome(db, { leadId: id, reward: i % 3 === 0 ? 1 : 0, key: `k${i}` });
    }
    const saved = await readPolicy(db);
    const next = await lead(db, { industry: 'Retail' });
    const pglite = pgliteOf(db);
    reopened = pglite
      ? await connect({ dataDir: 'memory://', loadDataDir: await pglite.dumpDataDir('none') })
      : await connect({ databaseUrl: db.connection.databaseUrl });
    const restored = await readPolicy(reopened);
    assert.deepEqual(restored.state, saved.state);
    assert.deepEqual(restorePolicy(restored.state).toJSON(), saved.state);
    const a = await assignLead(db, next, manager);
    if (!pglite) await db.query('UPDATE leads SET owner_id = NULL WHERE id = $1', [next]); // same server: undo before replaying
    if (!pglite) await db.query('DELETE FROM lead_assignments WHERE lead_id = $1', [next]);
    if (!pglite) await db.query('UPDATE assignment_policy SET state = $1', [JSON.stringify(saved.state)]);
    const b = await assignLead(reopened, next, manager);
    assert.equal(b.rep!.id, a.rep!.id);
    assert.deepEqual(b.explanation, a.explanation);
    assert.equal(a.policy, 'linucb');
    assert.match(render(a.explanation, 'en'), /^Rep \d: \d+\/30 open, wins \d+% ±\d+% of Retail leads/);
  } finally {
    await reopened?.close();
  }
});

test('migration 012 turns logged texts into jsonb: a Text\'s JSON becomes the Text, an old sentence a JSON string', async () => {
  const leadId = await lead(db);
  const text = msg('assign.queued', { summary: 'none of 1 reps can take it' });
  const textColumns = (type: string, using: (column: string) => string) =>
    `ALTER TABLE lead_assignments ALTER COLUMN explanation TYPE ${type} USING (${using('explanation')}), ALTER COLUMN queued_reason TYPE ${type} USING (${using('queued_reason')})`;
  await db.transaction(async (tx) => {
    // The columns as they were (text), one row of each kind, then the migration itself.
    await tx.exec(textColumns('text', (c) => `CASE WHEN jsonb_typeof(${c}) = 'string' THEN ${c} #>> '{}' ELSE ${c}::text END`));
    await tx.query(
      `INSERT INTO lead_assignments (lead_id, status, policy, segment, explanation, queued_reason)
       VALUES ($1, 'queued', 'ucb1', 'Retail', $2, 'Rep 1: an old reason'), ($1, 'queued', 'ucb1', 'Retail', 'Queued: an old sentence.', NULL)`,
      [leadId, JSON.stringify(text)],
    );
    await tx.exec(listMigrations().find((m) => m.version === 12)!.sql);
  });
  const { rows } = await db.query<{ explanation: unknown; queued_reason: unknown }>('SELECT explanation, queued_reason FROM lead_assignments WHERE lead_id = $1 ORDER BY id', [leadId]);
  assert.deepEqual(rows, [
    { explanation: text, queued_reason: 'Rep 1: an old reason' },
    { explanation: 'Queued: an old sentence.', queued_reason: null },
  ]);
  assert.equal(render(rows[0].explanation as Text, 'zh'), '已排队：none of 1 reps can take it。');
});
