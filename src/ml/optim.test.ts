import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goldenSection, nelderMead } from './optim.ts';

const near = (actual: number, expected: number, tol: number, label = '') =>
  assert.ok(Math.abs(actual - expected) <= tol, `${label} ${actual} vs ${expected}`);

test('Nelder–Mead finds the Rosenbrock minimum and respects infeasible regions', () => {
  const rosen = (x: Float64Array) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
  const r = nelderMead(rosen, [-1.2, 1], { maxIter: 5000, relTol: 1e-14 });
  near(r.x[0], 1, 1e-4);
  near(r.x[1], 1, 1e-4);
  const bounded = nelderMead((x) => (x[0] < 2 ? Infinity : (x[0] - 1) ** 2), [3], { steps: [0.5] });
  assert.ok(bounded.x[0] >= 2 && bounded.x[0] < 2.01);
});

test('golden-section search finds the minimum of a unimodal function', () => {
  const r = goldenSection((x) => (x - 0.3) ** 2 + 1, 0, 1, { tol: 1e-10 });
  near(r.x, 0.3, 1e-7); // a quadratic is flat to rounding within ~sqrt(ε) of its minimum
  near(r.value, 1, 1e-12);
});
