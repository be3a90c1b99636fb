// The importer on real public data and on every kind of bad input, on the configured backend.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { InputError } from '../../core/errors.ts';
import { createTestDb, type TestDb } from '../../db/testing.ts';
import { exportEntity } from './export.ts';
import { importFile } from './importer.ts';

const shared = resolve(process.cwd(), '../shared/data');
const crm = join(shared, 'crm-sales-opportunities');
const leadsCsv = join(shared, 'lead-scoring-x-education/leads.csv');
const noShared = !existsSync(crm) && 'shared data absent';

const tmp = mkdtempSync(join(tmpdir(), 'salesbloom-import-test-'));
function file(name: string, content: string | Buffer): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

async function count(db: TestDb, table: string): Promise<number> {
  return Number((await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
}

async function rejects(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof InputError, `expected InputError, got ${error}`);
    return error;
  }
  assert.fail('expected the import to be rejected');
}

describe('import of the public CRM and lead data sets', { skip: noShared }, () => {
  let db: TestDb;
  before(async () => {
    db = await createTestDb();
  });
  after(() => db.close());

  test('all four CRM files import with the right counts, and a second import changes nothing', async () => {
    const plan = [
      ['products', 'products.csv', 7],
      ['accounts', 'accounts.csv', 85],
      ['users', 'sales_teams.csv', 35],
      ['opportunities', 'sales_pipeline.csv', 8800],
    ] as const;
    for (const [entity, name, rows] of plan) {
      const first = await importFile(db, { entity, file: join(crm, name) });
      assert.equal(first.inserted, rows, `${name} inserted`);
      assert.equal(first.rejected, 0);
      assert.equal(await count(db, entity), rows);
    }
    const auditBefore = await count(db, 'audit_log');
    const historyBefore = await count(db, 'opportunity_stage_history');
    for (const [entity, name, rows] of plan) {
      const again = await importFile(db, { entity, file: join(crm, name) });
      assert.deepEqual([again.inserted, again.updated, again.unchanged], [0, 0, rows], `${name} re-import`);
    }
    assert.equal(await count(db, 'opportunity_stage_history'), historyBefore);
    assert.equal(await count(db, 'audit_log'), auditBefore + plan.length, 'one audit entry per import');

    // References resolved by name, including the pipeline's "GTXPro" spelling of "GTX Pro".
    const { rows } = await db.query<{ stage: string; n: number; owners: number; products: number }>(
      `SELECT stage, count(*) AS n, count(owner_id) AS owners, count(product_id) AS products FROM opportunities GROUP BY stage ORDER BY stage`,
    );
    const byStage = Object.fromEntries(rows.map((r) => [r.stage, r]));
    assert.equal(byStage.won.n, 4238);
    assert.equal(byStage.lost.n, 2473);
    assert.equal(byStage.qualification.n, 1589, 'Engaging maps to qualification');
    assert.equal(byStage.prospecting.n, 500);
    for (const r of rows) {
      assert.equal(r.owners, r.n, 'every deal has its sales agent as owner');
      assert.equal(r.products, r.n, 'every deal has its product');
    }
    const parent = await db.query<{ n: number }>('SELECT count(*) AS n FROM accounts WHERE parent_account_id IS NOT NULL');
    assert.equal(parent.rows[0].n, 15, 'subsidiary_of resolves to the parent account in the same file');
  });

  test('the X Education leads keep every extra column as a typed custom attribute', async () => {
    const s = await importFile(db, { entity: 'leads', file: leadsCsv });
    assert.equal(s.inserted, 9240);
    const types = Object.fromEntries(s.attributes.map((a) => [a.key, a.type]));
    assert.equal(types.total_time_spent_on_website, 'integer');
    assert.equal(types.page_views_per_visit, 'number');
    assert.equal(types.do_not_email, 'boolean');
    assert.equal(types.lead_origin, 'text');
    const converted = await db.query<{ n: number }>('SELECT count(*) AS n FROM leads WHERE converted');
    assert.equal(converted.rows[0].n, 3561);
    const defs = await db.query<{ n: number }>(`SELECT count(*) AS n FROM field_definitions WHERE entity = 'leads'`);
    assert.equal(defs.rows[0].n, s.attributes.length);
    const again = await importFile(db, { entity: 'leads', file: leadsCsv });
    assert.deepEqual([again.inserted, again.updated, again.unchanged], [0, 0, 9240]);
  });
});

describe('import formats and bad input', () => {
  let db: TestDb;
  before(async () => {
    db = await createTestDb();
  });
  after(() => db.close());

  test('semicolons, quotes, a BOM, Chinese text and JSON Lines', async () => {
    const csv = file('bom.csv', '\uFEFFExternal ID;Name;Notes;Amount Band\n"L1";"王小明";"客户希望下周安排演示; 预算已批准";"10-50"\nL2;"Smith, ""Jo""";plain;\n');
    const s = await importFile(db, { entity: 'leads', file: csv });
    assert.equal(s.inserted, 2);
    const { rows } = await db.query<{ name: string; notes: string; attributes: Record<string, unknown> }>(`SELECT name, notes, attributes FROM leads WHERE external_id IN ('L1','L2') ORDER BY external_id`);
    assert.equal(rows[0].name, '王小明');
    assert.equal(rows[0].notes, '客户希望下周安排演示; 预算已批准');
    assert.equal(rows[0].attributes.amount_band, '10-50');
    assert.equal(rows[1].name, 'Smith, "Jo"');
    const jsonl = file('leads.jsonl', '{"external_id":"J1","name":"Jia","source":"Web","attributes":{"visits":3}}\n\n{"external_id":"J2","name":"Ken","score_hint":0.5}\n');
    const j = await importFile(db, { entity: 'leads', file: jsonl });
    assert.equal(j.inserted, 2);
    const jr = await db.query<{ attributes: Record<string, unknown> }>(`SELECT attributes FROM leads WHERE external_id = 'J1'`);
    assert.equal(jr.rows[0].attributes.visits, 3);
    const articles = file('kb.csv', 'title,body,tags\nPricing,"GTX Pro costs $4,821.","pricing;gtx, ""pro"";定价"\n');
    assert.equal((await importFile(db, { entity: 'knowledge_articles', file: articles })).inserted, 1);
    const kb = await db.query<{ tags: string[] }>(`SELECT tags FROM knowledge_articles WHERE title = 'Pricing'`);
    assert.deepEqual(kb.rows[0].tags, ['pricing', 'gtx', '"pro"', '定价']);
  });

  test('each kind of bad row is named by row, column, value and reason, and nothing is written', async () => {
    const before = await count(db, 'opportunities');
    const bad = file('bad.csv', [
      'external_id,name,amount,stage,expected_close',
      'O1,Good deal,100,prospecting,2026-01-31',
      'O2,Bad amount,12abc,prospecting,2026-01-31',
      'O3,Bad date,100,prospecting,2026-02-30',
      'O4,Bad stage,100,almost-won,2026-01-31',
      'O5,Too many,100,won,2026-01-31,extra',
    ].join('\n'));
    const error = await rejects(importFile(db, { entity: 'opportunities', file: bad }));
    const find = (row: number) => error.issues.find((i) => i.row === row);
    assert.deepEqual(
      { column: find(3)?.column, value: find(3)?.value, file: find(3)?.file },
      { column: 'amount', value: '12abc', file: bad },
    );
    assert.match(find(3)!.reason, /not a number/);
    assert.equal(find(4)?.column, 'expected_close');
    assert.match(find(4)!.reason, /valid date/);
    assert.equal(find(5)?.value, 'almost-won');
    assert.match(find(5)!.reason, /one of prospecting/);
    assert.match(find(6)!.reason, /6 fields but the header has 5/);
    assert.equal(find(2), undefined, 'the good row has no error');
    assert.equal(await count(db, 'opportunities'), before, 'nothing written');
  });

  test('new rows are copied straight in; a batch meeting existing rows falls back to upserting', async () => {
    await importFile(db, { entity: 'leads', file: file('fast-1.csv', 'external_id,name,source\nF1,Ann,Web\nF2,Bob,Web\n') });
    // Batch 1 (F3, F4) is new; batch 2 holds F1 (changed) and F2 (unchanged) and must upsert.
    const second = await importFile(db, {
      entity: 'leads', batchSize: 2,
      file: file('fast-2.csv', 'external_id,name,source\nF3,Cy,Event\nF4,Di,Event\nF1,Ann B,Referral\nF2,Bob,Web\n'),
    });
    assert.deepEqual([second.inserted, second.updated, second.unchanged], [2, 1, 1]);
    const { rows } = await db.query<{ external_id: string; name: string; source: string }>(
      `SELECT external_id, name, source FROM leads WHERE external_id LIKE 'F%' ORDER BY external_id`,
    );
    assert.deepEqual(rows.map((r) => `${r.external_id}:${r.name}:${r.source}`), ['F1:Ann B:Referral', 'F2:Bob:Web', 'F3:Cy:Event', 'F4:Di:Event']);
  });

  test('large files read in many chunks lose no row and no character', async () => {
    // 30,000 short rows: the parser buffers thousands of records at a time.
    const short = ['external_id,name', ...Array.from({ length: 30_000 }, (_, i) => `S${i},n${i % 7}`)].join('\n');
    const a = await importFile(db, { entity: 'leads', file: file('short.csv', short) });
    assert.deepEqual([a.rows, a.inserted], [30_000, 30_000]);
    assert.equal(Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM leads WHERE external_id LIKE 'S%'`)).rows[0].n), 30_000);
    // Chinese names across 64 KiB reads: some read ends inside a three-byte character.
    const name = (i: number) => `客户${'销售线索'.repeat(1 + (i % 5))}${i}`;
    const text = ['external_id,name', ...Array.from({ length: 6000 }, (_, i) => `Z${i},${name(i)}`)].join('\n');
    const bytes = Buffer.from(text);
    const splits = [1, 2, 3, 4].filter((k) => (bytes[k * 65536] & 0xc0) === 0x80);
    assert.ok(splits.length > 0, 'a read boundary falls inside a character');
    const b = await importFile(db, { entity: 'leads', file: file('wide.csv', bytes) });
    assert.equal(b.inserted, 6000);
    const { rows } = await db.query<{ external_id: string; name: string }>(`SELECT external_id, name FROM leads WHERE external_id LIKE 'Z%'`);
    assert.equal(rows.length, 6000);
    for (const r of rows) assert.equal(r.name, name(Number(r.external_id.slice(1))));
  });

  test('unbalanced quotes and invalid UTF-8 reject the file', async () => {
    const quotes = file('quotes.csv', 'external_id,name\nQ1,"never closed\nQ2,fine\n');
    const q = await rejects(importFile(db, { entity: 'leads', file: quotes }));
    assert.match(q.issues[0].reason, /unbalanced quotes/);
    const utf8 = file('latin1.csv', Buffer.concat([Buffer.from('external_id,name\nU1,ok\nU2,Caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const u = await rejects(importFile(db, { entity: 'leads', file: utf8 }));
    assert.match(u.message, /not valid UTF-8/);
    assert.equal(u.issues[0].row, 3);
    const leads = await db.query(`SELECT 1 FROM leads WHERE external_id IN ('Q1', 'Q2', 'U1', 'U2')`);
    assert.equal(leads.rows.length, 0);
    const jsonl = file('bad.jsonl', '{"external_id":"B1"}\n{not json}\n');
    const j = await rejects(importFile(db, { entity: 'leads', file: jsonl }));
    assert.equal(j.issues[0].row, 2);
  });

  test('--on-error skip imports the good rows and writes the bad ones with reasons', async () => {
    const mixed = file('mixed.csv', 'external_id,type,subject,occurred_at\nA1,call,Intro,2026-03-01T10:00:00Z\nA2,carrier pigeon,Hm,2026-03-01\nA3,email,Follow-up,2026-03-02\n');
    const rejectsPath = join(tmp, 'rejects.csv');
    const s = await importFile(db, { entity: 'activities', file: mixed, onError: 'skip', rejectsPath });
    assert.deepEqual([s.inserted, s.rejected], [2, 1]);
    const out = readFileSync(rejectsPath, 'utf8').trim().split('\n');
    assert.equal(out[0], 'row,errors,external_id,type,subject,occurred_at');
    assert.match(out[1], /^3,"?type: ""carrier pigeon"" is not one of call/);
  });

  test('unknown references are errors; a mapping file can rename columns', async () => {
    const opp = file('opp.csv', 'deal,owner,value\nD1,Nobody Known,10\n');
    const e = await rejects(importFile(db, { entity: 'opportunities', file: opp, mapping: { columns: { deal: 'external_id' } } }));
    assert.equal(e.issues[0].column, 'owner');
    assert.match(e.issues[0].reason, /matches no row of users/);
  });

  test('export round-trips: re-importing an export changes nothing', async () => {
    for (const format of ['csv', 'jsonl'] as const) {
      const sink = new PassThrough();
      const chunks: Buffer[] = [];
      sink.on('data', (c) => chunks.push(c));
      const n = await exportEntity(db, 'leads', format, sink);
      const path = file(`export.${format}`, Buffer.concat(chunks));
      const again = await importFile(db, { entity: 'leads', file: path });
      assert.equal(again.rows, n);
      assert.deepEqual([again.inserted, again.updated], [0, 0], `${format} round trip`);
    }
  });
});
