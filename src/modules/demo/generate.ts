// `generateDemo`: a whole sales company — org, accounts, leads, deals, activities, orders and
// knowledge — simulated from a hidden ground truth, seeded, and written in one transaction.
// Written by hand: fake-data libraries make plausible rows, not histories whose outcomes follow
// a known causal model, which is what evaluating the models on this data needs.
import type { Db } from '../../db/client.ts';
import { InputError } from '../../core/errors.ts';
import { hashPassword } from '../auth/passwords.ts';
import { buildAccounts, contactRow, makeContact } from './accounts.ts';
import { insertRows } from './bulk.ts';
import { externalId, iso, streamRng } from './ids.ts';
import { simulateLead } from './leads.ts';
import { demoLogins, DEMO_PASSWORD, ensureDemoAdmin, type DemoLogin } from './logins.ts';
import { buildOrg, teamRows, userRows } from './org.ts';
import { purchaseTruth, repeatOrders, type PurchaseTruth } from './orders.ts';
import { EmailBook } from './people.ts';
import { defineDemoFields, demoProducts, knowledgeRows, productRows } from './reference-data.ts';
import { DEMO_SIZES, isDemoSize, SIZE_PLANS, type DemoSize, type SizePlan } from './sizes.ts';
import { TABLES } from './tables.ts';
import { groundTruthRecords } from './truth-records.ts';
import { emptyPending, type World } from './world.ts';

export interface DemoOptions {
  /** Default 42. Same seed (and same `now`) → the same company. */
  seed?: number;
  size?: DemoSize;
  /** The "today" the history ends at (default: the start of the current hour). */
  now?: Date;
  /** Overrides parts of the size's plan (tests use a tinier company). */
  plan?: Partial<SizePlan>;
  onProgress?: (message: string) => void;
}

export interface DemoSummary {
  /** False when demo data was already present and nothing was written. */
  created: boolean;
  note?: string;
  seed: number;
  size: DemoSize;
  as_of: string;
  seconds: number;
  /** Demo rows per table. */
  counts: Record<string, number>;
  password: string;
  logins: DemoLogin[];
}

/** Leads simulated (and written) per chunk: bounds memory for the large company. */
const LEAD_CHUNK = 2000;
/** Activities carry transcripts: smaller statements. */
const ACTIVITY_BATCH = 1000;

export async function generateDemo(db: Db, options: DemoOptions = {}): Promise<DemoSummary> {
  const started = performance.now();
  const seed = options.seed ?? 42;
  const size = options.size ?? 'small';
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new InputError('the seed must be an integer from 0 to 4294967295', [{ column: 'seed', value: seed, reason: 'not an unsigned 32-bit integer' }]);
  }
  if (!isDemoSize(size)) throw new InputError(`the size must be one of ${DEMO_SIZES.join(', ')}`, [{ column: 'size', value: size, reason: 'unknown size' }]);
  const now = options.now ? options.now.getTime() : Math.floor(Date.now() / 3_600_000) * 3_600_000;
  if (!Number.isFinite(now)) throw new InputError('the reference date is not a valid date', [{ column: 'now', value: String(options.now), reason: 'invalid date' }]);
  const progress = options.onProgress ?? (() => {});

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const existing = await db.transaction(async (tx) => {
    const previous = await previousGenerator(tx);
    if (previous) return previous;
    await writeDemo(tx, seed, size, { ...SIZE_PLANS[size], ...options.plan }, now, passwordHash, progress);
    return null;
  });
  return {
    created: existing === null,
    note: existing
      ? existing.known
        ? `demo data is already present (seed ${existing.seed}, size ${existing.size}); nothing was written`
        : 'demo data is already present (without its ground-truth record); nothing was written'
      : undefined,
    seed: existing?.known ? existing.seed : seed,
    size: existing?.known ? existing.size : size,
    as_of: existing?.known ? existing.as_of : iso(now),
    seconds: Math.round((performance.now() - started) / 10) / 100,
    counts: await countDemoRows(db),
    password: DEMO_PASSWORD,
    logins: await demoLogins(db),
  };
}

/** The generator record of an earlier run, if any: re-running never duplicates the company. */
async function previousGenerator(db: Db): Promise<{ known: boolean; seed: number; size: DemoSize; as_of: string } | null> {
  const { rows } = await db.query<{ value: { seed: number; size: DemoSize; as_of: string } }>(`SELECT value FROM demo_ground_truth WHERE key = 'generator'`);
  if (rows[0]) return { known: true, ...rows[0].value };
  // Demo rows whose ground truth was deleted: still never write a second copy.
  const { rows: users } = await db.query(`SELECT 1 FROM users WHERE external_id LIKE 'demo-rep-%' LIMIT 1`);
  return users[0] ? { known: false, seed: 0, size: 'small', as_of: '' } : null;
}

async function writeDemo(db: Db, seed: number, size: DemoSize, plan: SizePlan, now: number, passwordHash: string, progress: (m: string) => void): Promise<void> {
  const emails = new EmailBook();
  const setupAt = iso(now - 1100 * 86_400_000);
  const org = buildOrg(streamRng(seed, 1), seed, plan, emails);
  const admin = await ensureDemoAdmin(db, passwordHash, setupAt);
  await insertRows(db, TABLES.teams, teamRows(org, setupAt));
  await insertRows(db, TABLES.users, userRows(org, passwordHash, setupAt));
  await db.query(
    `UPDATE teams t SET manager_id = x.manager_id FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, manager_id uuid) WHERE t.id = x.id`,
    [JSON.stringify(org.teams.map((t) => ({ id: t.id, manager_id: t.managerId })))],
  );
  const products = demoProducts(seed);
  await insertRows(db, TABLES.products, productRows(products, setupAt));
  await insertRows(db, TABLES.knowledge, knowledgeRows(seed, admin.id, setupAt));
  await defineDemoFields(db);
  progress(`org: ${org.teams.length} teams, ${org.reps.length} reps`);

  const accountRng = streamRng(seed, 2);
  const { accounts, rows: accountRows } = buildAccounts(accountRng, seed, plan.accounts, org, now);
  await insertRows(db, TABLES.accounts, accountRows);
  const contacts = [];
  let contactNo = 0;
  for (let i = 0; i < accounts.length; i++) {
    for (let k = 1 + accountRng.int(4); k > 0; k--) {
      const c = makeContact(accountRng, seed, externalId('contact', ++contactNo, 6), accounts[i], emails);
      contacts.push(contactRow(c, accounts[i], accountRows[i].created_at as string, 'account research'));
    }
  }
  await insertRows(db, TABLES.contacts, contacts);
  progress(`accounts: ${accounts.length}, contacts: ${contacts.length}`);

  const w: World = {
    seed, now, rng: streamRng(seed, 3), org, accounts, products, emails,
    counters: { activity: 0, opportunity: 0, order: 0, orderLine: 0 },
    pending: emptyPending(),
    truth: { leadPropensity: {}, winProbability: {}, dealPractices: {} },
  };
  for (let n = 1; n <= plan.leads; n++) {
    simulateLead(w, n);
    if (n % LEAD_CHUNK === 0 || n === plan.leads) {
      await flush(db, w);
      progress(`leads: ${n}/${plan.leads}, opportunities: ${w.counters.opportunity}, activities: ${w.counters.activity}`);
    }
  }

  w.rng = streamRng(seed, 4);
  const purchases: Record<string, PurchaseTruth> = {};
  for (const account of accounts) {
    const truth = purchaseTruth(w.rng, account, plan.orderMonths);
    purchases[account.externalId] = truth;
    repeatOrders(w, account, truth, plan.orderMonths);
    if (w.pending.orderLines.length > 5000) await flush(db, w);
  }
  await flush(db, w);
  progress(`orders: ${w.counters.order}, order lines: ${w.counters.orderLine}`);

  for (const [key, value] of groundTruthRecords(w, { seed, size, plan, now, purchases })) {
    await db.query(
      `INSERT INTO demo_ground_truth (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, created_at = now()`,
      [key, JSON.stringify(value)],
    );
  }
}

/** Writes the simulated rows in foreign-key order and empties the queue. */
async function flush(db: Db, w: World): Promise<void> {
  const p = w.pending;
  await insertRows(db, TABLES.contacts, p.contacts);
  await insertRows(db, TABLES.leads, p.leads);
  await insertRows(db, TABLES.opportunities, p.opportunities);
  await insertRows(db, TABLES.stageHistory, p.history);
  await insertRows(db, TABLES.activities, p.activities, ACTIVITY_BATCH);
  await insertRows(db, TABLES.orders, p.orders);
  await insertRows(db, TABLES.orderLines, p.orderLines);
  w.pending = emptyPending();
}

const COUNTED = [
  'teams', 'users', 'accounts', 'contacts', 'products', 'leads', 'opportunities', 'activities', 'orders', 'order_lines', 'knowledge_articles',
] as const;

/** Rows the demo wrote (recognised by their external ids), per table. */
export async function countDemoRows(db: Db): Promise<Record<string, number>> {
  const parts = COUNTED.map((t) => `(SELECT count(*) FROM ${t} WHERE external_id LIKE 'demo-%') AS ${t}`);
  parts.push(`(SELECT count(*) FROM opportunity_stage_history h JOIN opportunities o ON o.id = h.opportunity_id WHERE o.external_id LIKE 'demo-%') AS opportunity_stage_history`);
  parts.push(`(SELECT count(*) FROM demo_ground_truth) AS demo_ground_truth`);
  const { rows } = await db.query<Record<string, number>>(`SELECT ${parts.join(', ')}`);
  return rows[0];
}
