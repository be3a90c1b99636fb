// API under load: 50 concurrent clients doing mixed reads and writes for 30 s on 127.0.0.1,
// then a check that every acknowledged write is in the database (no lost writes).
// Baseline in the same process: the unauthenticated /healthz route under the same load.
// BENCH_API_SECONDS shortens the run; BENCH_DATABASE_URL (or DATABASE_URL) uses PostgreSQL.
import autocannon from 'autocannon';
import { buildServer } from '../src/api/server.ts';
import { connect } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { createToken, createUser } from '../src/modules/auth/service.ts';

const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 30);
const CONNECTIONS = 50;

function load(url: string, requests: autocannon.Request[], headers: Record<string, string> = {}): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers, requests });
}

export default async function run(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  const db = await connect(url ? { databaseUrl: url, maxConnections: 20 } : { dataDir: 'memory://' });
  await migrate(db);
  const user = await createUser(db, { name: 'Bench Admin', email: `bench-${Date.now()}@example.com`, role: 'admin', password: 'bench-password' });
  const { token } = await createToken(db, user.id, 'bench');
  const app = await buildServer({ db, logLevel: 'silent' });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const marker = `load-${Date.now()}`;
  try {
    const baseline = await load(`${base}/healthz`, [{ method: 'GET' }]);
    let acknowledged = 0;
    const mixed = await load(`${base}/api/v1/leads`, [
      { method: 'GET', path: '/api/v1/leads?limit=20' },
      {
        method: 'POST',
        path: '/api/v1/leads',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Load test lead', source: marker, notes: '压力测试 load test' }),
        onResponse: (status: number) => {
          if (status === 201) acknowledged++;
        },
      },
      { method: 'GET', path: `/api/v1/leads?source=${marker}&limit=5&sort=-created_at` },
    ] as autocannon.Request[], { authorization: `Bearer ${token}` });
    const stored = Number((await db.query<{ n: number }>('SELECT count(*) AS n FROM leads WHERE source = $1', [marker])).rows[0].n);
    const errors = mixed.errors + mixed.timeouts + mixed.non2xx;
    console.log(`backend: ${db.kind}, ${CONNECTIONS} connections, ${SECONDS} s`);
    console.log(`mixed reads/writes: ${Math.round(mixed.requests.average).toLocaleString('en')} req/s, p50 ${mixed.latency.p50} ms, p99 ${mixed.latency.p99} ms, errors ${errors}`);
    // Stored may exceed acknowledged by the requests still in flight when the clock stopped.
    const lost = Math.max(0, acknowledged - stored);
    console.log(`writes acknowledged ${acknowledged}, stored ${stored} (${stored - acknowledged} in flight at the end): ${lost === 0 ? 'no lost writes' : `${lost} LOST WRITES`}`);
    console.log(`baseline /healthz: ${Math.round(baseline.requests.average).toLocaleString('en')} req/s, p99 ${baseline.latency.p99} ms; mixed/baseline ratio ${(mixed.requests.average / baseline.requests.average).toFixed(2)}`);
  } finally {
    await app.close();
    await db.close();
  }
}
