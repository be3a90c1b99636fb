// Import throughput: a generated 1,000,000-row leads CSV into PGlite and into PostgreSQL,
// with peak memory, against a row-by-row INSERT baseline measured in the same process.
// Targets: ≥ 50,000 rows/s into PostgreSQL, ≥ 20,000 rows/s into PGlite, memory flat in file size.
// PostgreSQL: BENCH_DATABASE_URL (or DATABASE_URL); BENCH_IMPORT_ROWS changes the row count.
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import pg from 'pg';
import { connect, type Db } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { importFile } from '../src/modules/import/importer.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const SOURCES = ['Web', 'Referral', 'Event', 'Partner', 'Outbound', 'Paid Ads'];
const dir = join(process.cwd(), '.bench-tmp');

async function writeLeads(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('external_id,name,email,company,source,status,created_at,notes,visits,pages_per_visit\n');
  for (let i = 0; i < rows; i++) {
    const line = `B${i},Lead ${i},lead${i}@example.com,Company ${i % 5000},${SOURCES[i % 6]},new,2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}T09:30:00Z,"asked about pricing, 客户 ${i % 97}",${i % 40},${(i % 70) / 10}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Samples resident memory while fn runs; returns fn's result and the peak in MiB. */
async function withPeakMemory<T>(fn: () => Promise<T>): Promise<[T, number]> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  try {
    return [await fn(), peak / 2 ** 20];
  } finally {
    clearInterval(timer);
  }
}

async function rowByRow(db: Db, rows: number): Promise<number> {
  const started = performance.now();
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows; i++) {
      await tx.query('INSERT INTO leads (external_id, name, email, source) VALUES ($1, $2, $3, $4)', [`R${i}`, `Lead ${i}`, `r${i}@example.com`, SOURCES[i % 6]]);
    }
  });
  return rows / ((performance.now() - started) / 1000);
}

async function benchBackend(name: string, open: () => Promise<Db>, file: string, smallFile: string, target: number): Promise<void> {
  const small = await open();
  await migrate(small);
  const [smallSummary, smallPeak] = await withPeakMemory(() => importFile(small, { entity: 'leads', file: smallFile }));
  const baseline = await rowByRow(small, 20_000);
  await small.close();

  const db = await open();
  await migrate(db);
  const [summary, peak] = await withPeakMemory(() => importFile(db, { entity: 'leads', file }));
  await db.close();
  const rate = summary.rows_per_second;
  console.log(`${name}: ${summary.rows.toLocaleString('en')} rows in ${summary.seconds.toFixed(1)} s = ${rate.toLocaleString('en')} rows/s (target ${target.toLocaleString('en')}: ${rate >= target ? 'met' : 'NOT met'})`);
  console.log(`${name}: ${(rate / baseline).toFixed(1)}× the row-by-row INSERT baseline (${Math.round(baseline).toLocaleString('en')} rows/s)`);
  console.log(`${name}: peak RSS ${peak.toFixed(0)} MiB for ${summary.rows.toLocaleString('en')} rows vs ${smallPeak.toFixed(0)} MiB for ${smallSummary.rows.toLocaleString('en')} rows (ratio ${(peak / smallPeak).toFixed(2)}; flat ≈ 1)`);
}

export default async function run(): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'leads-1m.csv');
  const smallFile = join(dir, 'leads-100k.csv');
  await writeLeads(file, ROWS);
  await writeLeads(smallFile, Math.round(ROWS / 10));
  let n = 0;
  await benchBackend('PGlite', () => connect({ dataDir: join(dir, `pglite-${n++}`) }), file, smallFile, 20_000);
  const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) {
    console.log('PostgreSQL: skipped (set BENCH_DATABASE_URL=postgres://… to measure)');
  } else {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    let m = 0;
    const openPg = async () => {
      const name = `sb_bench_${process.pid}_${m++}`;
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.query(`CREATE DATABASE ${name}`);
      const u = new URL(url);
      u.pathname = `/${name}`;
      return connect({ databaseUrl: u.toString() });
    };
    await benchBackend('PostgreSQL', openPg, file, smallFile, 50_000);
    await admin.end();
  }
  rmSync(dir, { recursive: true, force: true });
}
