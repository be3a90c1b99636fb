// Stratified, seeded splits of row indices for cross-validation and validation hold-outs.
// Written by hand: a shuffle per class with our seeded Rng, so every split is reproducible.
import { Rng } from '../random.ts';

/** Assigns each row a fold in [0, k) so every fold gets a near-equal share of each class. */
export function stratifiedFolds(labels: ArrayLike<number>, k: number, seed = 7): Int32Array {
  const rng = new Rng(seed);
  const fold = new Int32Array(labels.length);
  for (const cls of [0, 1]) {
    const members: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === cls) members.push(i);
    rng.shuffle(members);
    // Continue the round-robin where the other class stopped so fold sizes stay balanced.
    const offset = cls === 0 ? 0 : members.length;
    members.forEach((row, j) => (fold[row] = (j + offset) % k));
  }
  return fold;
}

/** Training and held-out row indices of one fold. */
export function foldRows(fold: Int32Array, f: number, subset?: Uint32Array): { train: Uint32Array; test: Uint32Array } {
  const rows = subset ?? Uint32Array.from(fold.keys());
  const train: number[] = [];
  const test: number[] = [];
  for (const r of rows) (fold[r] === f ? test : train).push(r);
  return { train: Uint32Array.from(train), test: Uint32Array.from(test) };
}

/** Splits rows into a training part and a stratified validation part of about `fraction`. */
export function stratifiedHoldout(labels: ArrayLike<number>, rows: Uint32Array, fraction: number, seed = 11): { train: Uint32Array; valid: Uint32Array } {
  const rng = new Rng(seed);
  const train: number[] = [];
  const valid: number[] = [];
  for (const cls of [0, 1]) {
    const members = Array.from(rows).filter((r) => labels[r] === cls);
    rng.shuffle(members);
    const nValid = Math.round(members.length * fraction);
    members.forEach((r, j) => (j < nValid ? valid : train).push(r));
  }
  return { train: Uint32Array.from(train.sort((a, b) => a - b)), valid: Uint32Array.from(valid.sort((a, b) => a - b)) };
}
