import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../bin/salesbloom.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, 'eval', 'assignment', ...args], { encoding: 'utf8' });

test('eval assignment --simulate --json prints one object keyed by policy', () => {
  const out = run('--simulate', '--reps', '8', '--leads', '1500', '--segments', '4', '--seed', '2', '--json');
  assert.equal(out.status, 0, out.stderr);
  const result = JSON.parse(out.stdout) as Record<string, Record<string, number>>;
  for (const name of ['round-robin', 'weighted-rotation', 'ucb1', 'thompson', 'contextual-thompson', 'linucb', 'oracle']) {
    assert.ok(result[name], `missing ${name}`);
    assert.equal(result[name].violations, 0);
    assert.ok(result[name].regret >= 0 && result[name].conversions > 0);
  }
  assert.equal(result.oracle.regret, 0);
  assert.ok(!out.stdout.includes('NaN'));
});

test('the human report and bad flags', () => {
  const human = run('--simulate', '--reps', '6', '--leads', '600', '--segments', '3');
  assert.equal(human.status, 0, human.stderr);
  assert.match(human.stdout, /contextual-thompson\s+\d+\.\d/);
  const bad = run('--simulate', '--leads', 'many');
  assert.equal(bad.status, 3);
  assert.match(bad.stderr, /--leads: "many" — must be a whole number/);
  assert.equal(run('--reps', '5').status, 3); // --simulate is required for now
});
