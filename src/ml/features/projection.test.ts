import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../random.ts';
import { fitProjection, project } from './projection.ts';

test('the fitted subspace finds the directions the data varies along', () => {
  const rng = new Rng(4);
  const d = 20;
  // Variance 25 along axis 3 and 9 along axis 7; 0.01 elsewhere.
  const rows = Array.from({ length: 500 }, () => {
    const v = Float64Array.from({ length: d }, () => 0.1 * rng.normal());
    v[3] += 5 * rng.normal() + 2;
    v[7] += 3 * rng.normal();
    return v;
  });
  const p = fitProjection(rows, 2, 1);
  // Both top axes lie (almost) entirely in the fitted 2-D subspace; a noise axis does not.
  const inSubspace = (axis: number) => {
    let s = 0;
    for (let a = 0; a < p.k; a++) s += p.components[a * d + axis] ** 2;
    return s;
  };
  assert.ok(inSubspace(3) > 0.99 && inSubspace(7) > 0.99, `${inSubspace(3)} ${inSubspace(7)}`);
  assert.ok(inSubspace(11) < 0.01);
  assert.ok(Math.abs(p.mean[3] - 2) < 0.5);
  // Projections are centred; a vector of the wrong size gives NaN (read as missing), never a wrong number.
  const z = project(p, p.mean);
  assert.ok(Math.abs(z[0]) < 1e-12 && Math.abs(z[1]) < 1e-12);
  assert.ok(Number.isNaN(project(p, new Float64Array(3))[0]));
});
