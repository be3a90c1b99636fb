// The `salesbloom` command as a user runs it: exit codes, messages, JSON output.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDb, type TestDb } from '../db/testing.ts';

describe('salesbloom CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'salesbloom-cli-'));
  let testDb: TestDb | null = null;
  let target: string[];
  before(async () => {
    testDb = process.env.DATABASE_URL ? await createTestDb() : null;
    target = testDb?.connection.databaseUrl ? ['--database-url', testDb.connection.databaseUrl] : ['--data-dir', join(dir, 'data')];
  });
  after(async () => {
    await testDb?.close();
  });

  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['bin/salesbloom.js', ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  test('--help and usage errors', () => {
    const help = run('--help');
    assert.equal(help.code, 0);
    for (const cmd of ['serve', 'import', 'export', 'users', 'tokens', 'migrate', 'doctor', 'eval']) assert.match(help.stdout, new RegExp(`\\b${cmd}\\b`));
    assert.equal(run('import', '--help').code, 0);
    assert.equal(run('no-such-command').code, 2);
  });

  test('a bad file exits 3, lists each error, and writes nothing', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'external_id,name,amount\nO1,ok,10\nO2,bad,ten\n');
    const r = run('import', 'opportunities', bad, ...target);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /1 of 2 rows are invalid; nothing was imported/);
    assert.match(r.stderr, /row 3, column amount: "ten" — is not a number/);
    const exported = run('export', 'opportunities', ...target);
    assert.equal(exported.code, 0, exported.stderr);
    assert.equal(exported.stdout.trim().split('\n').length, 1, 'only the header: nothing was written');
  });

  test('import prints a summary; export re-imports without changes', () => {
    const good = join(dir, 'accounts.csv');
    writeFileSync(good, 'Account Name;Sector;Employees\nAcme;Manufacturing;120\n深圳云帆科技;Software;45\n');
    const r = run('import', 'accounts', good, '--json', ...target);
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout);
    assert.deepEqual([summary.inserted, summary.rejected], [2, 0]);
    const out = join(dir, 'accounts-export.jsonl');
    assert.equal(run('export', 'accounts', '--format', 'jsonl', '--out', out, ...target).code, 0);
    assert.match(readFileSync(out, 'utf8'), /深圳云帆科技/);
    const again = JSON.parse(run('import', 'accounts', out, '--json', ...target).stdout);
    assert.deepEqual([again.inserted, again.updated, again.unchanged], [0, 0, 2]);
  });

  test('users, tokens and doctor', () => {
    const added = run('users', 'add', '--email', 'li@example.com', '--name', 'Li Lei', '--role', 'manager', '--json', ...target);
    assert.equal(added.code, 0, added.stderr);
    assert.ok(JSON.parse(added.stdout).password.length >= 12, 'a generated password is shown once');
    const token = run('tokens', 'create', '--user', 'li@example.com', '--json', ...target);
    assert.match(JSON.parse(token.stdout).token, /^sb_/);
    assert.equal(run('users', 'add', '--email', 'li@example.com', '--name', 'Dup', ...target).code, 1);
    const doctor = run('doctor', '--json', ...target);
    const report = JSON.parse(doctor.stdout);
    assert.equal(report.checks.find((c: { check: string }) => c.check === 'migrations').ok, true);
    const broken = run('doctor', '--json', '--database-url', 'postgres://nobody@127.0.0.1:1/none');
    assert.equal(broken.code, 5);
    assert.ok(JSON.parse(broken.stdout).checks.some((c: { fix?: string }) => c.fix));
  });
});
