import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { render } from '../../core/i18n.ts';
import { createTestDb, type TestDb } from '../../db/testing.ts';
import type { SegmentProfile } from '../../ml/customers/segments.ts';
import { segmentText } from './messages.ts';
import type { Actor } from '../crm/access.ts';
import { generateDemo } from '../demo/generate.ts';
import { customerProfile, customerSegments, listCustomers, recomputeCustomers } from './service.ts';

describe('customer analytics over the demo company', () => {
  let db: TestDb;
  let admin: Actor;
  let rep: Actor;
  before(async () => {
    db = await createTestDb();
    await generateDemo(db, { seed: 4, size: 'small', now: new Date('2025-06-15T12:00:00Z'), plan: { leads: 200 } });
    admin = (await db.query<Actor>(`SELECT id, name, role FROM users WHERE role = 'admin' LIMIT 1`)).rows[0];
    const [top] = (await db.query<{ owner_id: string }>(`SELECT owner_id FROM accounts GROUP BY owner_id ORDER BY count(*) DESC LIMIT 1`)).rows;
    rep = (await db.query<Actor>(`SELECT id, name, role FROM users WHERE id = $1`, [top.owner_id])).rows[0];
  });
  after(async () => db?.close());

  test('the first read computes a snapshot; segments are described in plain words', async () => {
    const s = await customerSegments(db, admin);
    const [{ n }] = (await db.query<{ n: number }>(`SELECT count(DISTINCT account_id)::int AS n FROM orders WHERE status IN ('completed','pending')`)).rows;
    assert.equal(s.customers, n);
    assert.ok(s.segments.length >= 2);
    assert.ok(s.segments.every((g) => /spenders/.test(render(g.description, 'en')) && g.customers > 0));
    assert.ok(s.segments.every((g) => /客户，/.test(render(g.description, 'zh'))), JSON.stringify(s.segments.map((g) => render(g.description, 'zh'))));
    assert.equal(s.segments.reduce((a, g) => a + g.customers, 0), n);
    const [{ last }] = (await db.query<{ last: string }>(`SELECT to_char(max(ordered_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS last FROM orders WHERE status IN ('completed','pending')`)).rows;
    assert.equal(s.as_of, last);
  });

  test('customers ranked by churn risk and value, figures in range, never NaN', async () => {
    const byRisk = await listCustomers(db, admin, { sort: 'churn_risk', limit: '500' });
    assert.ok(byRisk.data.length > 50);
    for (const c of byRisk.data as any[]) {
      assert.ok(c.p_alive >= 0 && c.p_alive <= 1 && c.churn_risk >= 1 - c.p_alive - 1e-3 && c.churn_risk <= 1);
      assert.ok(c.value_12m >= 0 && c.expected_purchases_12m >= 0);
    }
    const risks = byRisk.data.map((c: any) => c.churn_risk);
    assert.deepEqual(risks, [...risks].sort((a, b) => b - a));
    const byValue = await listCustomers(db, admin, { sort: 'value', limit: '5' });
    assert.equal(byValue.data.length, 5);
    assert.ok((byValue.data[0] as any).value_12m >= (byValue.data[4] as any).value_12m);
    // Customers who stopped buying long ago are riskier than recent regulars.
    const top = byRisk.data.slice(0, 10) as any[];
    const bottom = byRisk.data.slice(-10) as any[];
    const mean = (l: any[]) => l.reduce((a, c) => a + c.recency_days, 0) / l.length;
    assert.ok(mean(top) > mean(bottom));
    const seg = (await customerSegments(db, admin)).segments[0].id;
    const inSeg = await listCustomers(db, admin, { segment: String(seg), limit: '1000' });
    assert.ok(inSeg.data.every((c: any) => c.segment_id === seg));
    await assert.rejects(listCustomers(db, admin, { sort: 'name' }), /sort must be/);
    await assert.rejects(listCustomers(db, admin, { limit: '0' }), /limit must be/);
    assert.ok(!JSON.stringify(byRisk).includes('NaN'));
  });

  test('a profile carries explained recommendations; a rep sees only their own accounts', async () => {
    const [first] = (await listCustomers(db, admin, { sort: 'value', limit: '1' })).data as any[];
    const p: any = await customerProfile(db, admin, first.account_id);
    assert.ok(p.recommendations.length > 0 && p.recommendations.length <= 5);
    for (const r of p.recommendations) {
      // Stored as a Text: it reads in either language.
      if (r.source === 'item-cf') {
        assert.match(render(r.explanation, 'en'), /^Customers who bought .+ also bought .+/);
        assert.match(render(r.explanation, 'zh'), /^买了 .+ 的客户也买了 .+/);
      } else {
        assert.match(render(r.explanation, 'en'), /popular/);
        assert.match(render(r.explanation, 'zh'), /目前很受客户欢迎$/);
      }
    }
    const bought = (await db.query<{ product_id: string }>(`SELECT DISTINCT ol.product_id::text FROM orders o JOIN order_lines ol ON ol.order_id = o.id WHERE o.account_id = $1 AND o.status IN ('completed','pending')`, [first.account_id])).rows.map((r) => r.product_id);
    assert.ok(p.recommendations.every((r: any) => !bought.includes(r.product_id)), 'never recommends what was already bought');
    const mine = await listCustomers(db, rep, { limit: '1000' });
    const owned = new Set((await db.query<{ id: string }>(`SELECT id FROM accounts WHERE owner_id = $1`, [rep.id])).rows.map((r) => r.id));
    assert.ok(mine.data.length > 0 && mine.data.every((c: any) => owned.has(c.account_id)));
    const other = (await listCustomers(db, admin, { limit: '1000' })).data.find((c: any) => !owned.has(c.account_id)) as any;
    await assert.rejects(customerProfile(db, rep, other.account_id), /not found/);
  });

  test('recompute replaces the snapshot', async () => {
    const r = await recomputeCustomers(db);
    assert.ok(r.customers > 50 && r.segments >= 2 && Number.isFinite(r.seconds));
    const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM customer_snapshots`)).rows;
    assert.equal(n, 1);
  });
});

test('segment profiles from src/ml read as plain words in English and Chinese', () => {
  const t = segmentText({ spend: 'high', often: 'low', recency: { kind: 'lapsed', months: 5 } });
  assert.equal(render(t, 'en'), 'Big spenders who buy rarely and have not bought in 5 months');
  assert.equal(render(t, 'zh'), '大客户，很少购买，已 5 个月没有购买');
  const cases: Array<[SegmentProfile, string]> = [
    [{ spend: 'low', often: 'once', recency: { kind: 'days', days: 3 } }, 'Small spenders who bought once and bought in the last 3 days'],
    [{ spend: 'mid', often: 'high', recency: { kind: 'weeks', weeks: 2 } }, 'Mid-range spenders who buy often and bought in the last 2 weeks'],
    [{ spend: 'high', often: 'mid', recency: { kind: 'about', months: 1 } }, 'Big spenders who buy now and then and last bought about 1 month ago'],
    [{ spend: 'low', often: 'low', recency: { kind: 'lapsed', months: 1 } }, 'Small spenders who buy rarely and have not bought in 1 month'],
  ];
  for (const [profile, english] of cases) {
    assert.equal(render(segmentText(profile), 'en'), english);
    assert.match(render(segmentText(profile), 'zh'), /[\u4e00-\u9fff]/, english);
  }
});
