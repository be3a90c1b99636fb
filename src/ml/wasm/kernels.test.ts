import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
// @ts-expect-error: a plain ES module without type declarations
import { compileKernels } from '../../../scripts/build-wasm.mjs';
import { EtsSeries } from './kernels.ts';

test('the checked-in WebAssembly is what wasm/kernels.ts compiles to (else: npm run build:wasm)', async () => {
  const built = (await compileKernels()) as string;
  assert.equal(readFileSync(new URL('./kernels.wasm.ts', import.meta.url), 'utf8'), built);
});

test('the ETS kernel’s likelihood and recursions follow the ETS(A,N,N) equations', () => {
  const y = [10, 12, 13, 12, 15, 16, 18, 17, 19, 21];
  const form = EtsSeries.load(y).form({ m: 1, multError: false, trend: false, damped: false, season: 'N' }, 2);
  let level = 10;
  let sse = 0;
  for (const v of y) {
    sse += (v - level) ** 2;
    level += 0.5 * (v - level);
  }
  assert.ok(Math.abs(form.lik([0.5, 10]) - y.length * Math.log(sse)) < 1e-9);
  const out = form.filter([0.5, 10])!;
  assert.ok(Math.abs(out.level - level) < 1e-12 && Math.abs(out.sse - sse) < 1e-9);
  assert.equal(form.lik([1.5, 10]), Infinity); // α outside (0, 1)
  // Minimising from the start reaches a lower likelihood inside the bounds.
  const fit = form.minimise([0.5, 10], 1e-10);
  assert.ok(fit.lik < form.lik([0.5, 10]) && fit.par[0] > 0 && fit.par[0] < 1);
});
