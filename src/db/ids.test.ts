import assert from 'node:assert/strict';
import { test } from 'node:test';
import { timeOrderedId } from './ids.ts';

test('time-ordered ids are version-7 UUIDs that sort by their millisecond and stay unique', () => {
  const t = Date.UTC(2026, 10, 24, 4, 30);
  const a = timeOrderedId(t);
  const b = timeOrderedId(t + 1);
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(parseInt(a.replace('-', '').slice(0, 12), 16), t, 'the first 48 bits are the time in ms');
  assert.ok(a < b, 'a later millisecond sorts later');
  const many = new Set(Array.from({ length: 10_000 }, () => timeOrderedId(t)));
  assert.equal(many.size, 10_000);
});
