// A process killed with SIGKILL in the middle of an import leaves none of the file's rows;
// the same import run to the end leaves all of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '../../db/client.ts';
import { createTestDb } from '../../db/testing.ts';

const ROWS = 25_000;

function leadsCsv(path: string): void {
  const lines = ['external_id,name,email,source,created_at,visits'];
  for (let i = 0; i < ROWS; i++) lines.push(`K${i},Lead ${i},lead${i}@example.com,${i % 3 ? 'Web' : 'Referral'},2025-0${1 + (i % 9)}-1${i % 10}T10:00:00Z,${i % 17}`);
  writeFileSync(path, `${lines.join('\n')}\n`);
}

function runImport(args: string[], killAfterRows?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/salesbloom.js', 'import', 'leads', ...args], {
      env: { ...process.env, SALESBLOOM_PROGRESS: 'json' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (killAfterRows === undefined) return;
      const last = stderr.trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
      if (last && JSON.parse(last).rows >= killAfterRows && child.exitCode === null) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

test('kill -9 during an import leaves none of its rows; a full run leaves all', { timeout: 240_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'salesbloom-crash-'));
  const file = join(dir, 'leads.csv');
  leadsCsv(file);
  // Each backend's own database: a PGlite directory, or a fresh PostgreSQL database.
  const testDb = process.env.DATABASE_URL ? await createTestDb() : null;
  const target = testDb?.connection.databaseUrl ? ['--database-url', testDb.connection.databaseUrl] : ['--data-dir', join(dir, 'data')];
  const open = () => connect(testDb?.connection.databaseUrl ? { databaseUrl: testDb.connection.databaseUrl } : { dataDir: join(dir, 'data') });
  try {
    const killed = await runImport([file, ...target], 10_000);
    assert.equal(killed.signal, 'SIGKILL', `the import was killed mid-way (stderr: ${killed.stderr.slice(-500)})`);
    let db = await open();
    const afterKill = await db.query<{ n: number }>('SELECT count(*) AS n FROM leads');
    await db.close();
    assert.equal(afterKill.rows[0].n, 0, 'no partial import survives the crash');

    const full = await runImport([file, ...target]);
    assert.equal(full.code, 0, full.stderr);
    db = await open();
    const afterFull = await db.query<{ n: number }>('SELECT count(*) AS n FROM leads');
    await db.close();
    assert.equal(afterFull.rows[0].n, ROWS);
  } finally {
    await testDb?.close();
  }
});
