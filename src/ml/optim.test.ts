import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goldenSection, levenbergMarquardt, LeastSquaresWorkspace, nelderMead } from './optim.ts';

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

test('Levenberg–Marquardt solves Rosenbrock as least squares in a few dozen evaluations', () => {
  let evaluations = 0;
  const residuals = (x: Float64Array, r: Float64Array) => {
    evaluations++;
    r[0] = 10 * (x[1] - x[0] ** 2);
    r[1] = 1 - x[0];
    return true;
  };
  const fit = levenbergMarquardt(residuals, [-1.2, 1], 2, { relTol: 1e-12 });
  near(fit.x[0], 1, 1e-6, 'x');
  near(fit.x[1], 1, 1e-6, 'y');
  assert.ok(fit.value < 1e-12, `value ${fit.value}`);
  assert.ok(evaluations < 100, `${evaluations} evaluations`);
});

test('Levenberg–Marquardt fits an exponential decay exactly and reuses a workspace', () => {
  const t = Float64Array.from({ length: 20 }, (_, i) => i / 4);
  const y = Float64Array.from(t, (v) => 3 * Math.exp(-0.7 * v) + 0.5);
  const residuals = (p: Float64Array, r: Float64Array) => {
    for (let i = 0; i < t.length; i++) r[i] = p[0] * Math.exp(-p[1] * t[i]) + p[2] - y[i];
    return true;
  };
  const workspace = new LeastSquaresWorkspace();
  for (const start of [[1, 0.1, 0], [5, 2, 1]]) {
    const fit = levenbergMarquardt(residuals, start, t.length, { relTol: 1e-14, workspace });
    [3, 0.7, 0.5].forEach((v, i) => near(fit.x[i], v, 1e-6, `p${i} from ${start}`));
  }
});

test('projected Levenberg–Marquardt holds a parameter on its bound and optimises the rest', () => {
  // Minimum of (x − 3)² + (y − x/2 − 1)² with x ≤ 2: x on the bound, y = 2.
  const residuals = (p: Float64Array, r: Float64Array) => {
    if (p[0] > 2) return false;
    r[0] = p[0] - 3;
    r[1] = p[1] - p[0] / 2 - 1;
    return true;
  };
  const fit = levenbergMarquardt(residuals, [0, 0], 2, { relTol: 1e-14, project: (p) => void (p[0] = Math.min(p[0], 2)) });
  near(fit.x[0], 2, 1e-12, 'x');
  near(fit.x[1], 2, 1e-6, 'y');
  // An infeasible start is reported, not optimised.
  assert.equal(levenbergMarquardt(residuals, [5, 0], 2).value, Infinity);
});

test('golden-section search finds the minimum of a unimodal function', () => {
  const r = goldenSection((x) => (x - 0.3) ** 2 + 1, 0, 1, { tol: 1e-10 });
  near(r.x, 0.3, 1e-7); // a quadratic is flat to rounding within ~sqrt(ε) of its minimum
  near(r.value, 1, 1e-12);
});
