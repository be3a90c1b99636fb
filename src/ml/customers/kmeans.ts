// k-means with k-means++ seeding (Arthur & Vassilvitskii 2007) and Lloyd iterations, silhouette
// on a seeded sample, and k chosen by silhouette. Written by hand: dense, low-dimensional data
// (RFM has 3 columns) on Float64Array; the maintained JS options are unseeded or unmaintained.
import type { Rng } from '../random.ts';

export interface KMeansResult {
  k: number;
  /** Row-major k × dim. */
  centroids: Float64Array;
  labels: Int32Array;
  inertia: number;
}

/** `data` is row-major n × dim. Best of `restarts` seeded runs by inertia. */
export function kmeans(data: Float64Array, dim: number, k: number, rng: Rng, restarts = 4, maxIterations = 100): KMeansResult {
  const n = data.length / dim;
  let best: KMeansResult | null = null;
  for (let run = 0; run < restarts; run++) {
    const centroids = seedPlusPlus(data, dim, k, rng);
    const labels = new Int32Array(n);
    let inertia = 0;
    for (let it = 0; it < maxIterations; it++) {
      let changed = 0;
      inertia = 0;
      for (let i = 0; i < n; i++) {
        const [c, d] = nearest(data, i, dim, centroids, k);
        if (labels[i] !== c || it === 0) changed++;
        labels[i] = c;
        inertia += d;
      }
      const sums = new Float64Array(k * dim);
      const counts = new Float64Array(k);
      for (let i = 0; i < n; i++) {
        counts[labels[i]]++;
        for (let j = 0; j < dim; j++) sums[labels[i] * dim + j] += data[i * dim + j];
      }
      for (let c = 0; c < k; c++) {
        // An emptied cluster is re-seeded at a random point rather than left degenerate.
        const source = counts[c] > 0 ? null : rng.int(n);
        for (let j = 0; j < dim; j++) centroids[c * dim + j] = source === null ? sums[c * dim + j] / counts[c] : data[source * dim + j];
      }
      if (changed === 0) break;
    }
    if (!best || inertia < best.inertia) best = { k, centroids, labels, inertia };
  }
  return best!;
}

function seedPlusPlus(data: Float64Array, dim: number, k: number, rng: Rng): Float64Array {
  const n = data.length / dim;
  const centroids = new Float64Array(k * dim);
  const first = rng.int(n);
  for (let j = 0; j < dim; j++) centroids[j] = data[first * dim + j];
  const dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (let c = 1; c < k; c++) {
    for (let i = 0; i < n; i++) dist[i] = Math.min(dist[i], squaredDistance(data, i, centroids, c - 1, dim));
    const pick = rng.weighted(dist);
    for (let j = 0; j < dim; j++) centroids[c * dim + j] = data[pick * dim + j];
  }
  return centroids;
}

function squaredDistance(data: Float64Array, i: number, centroids: Float64Array, c: number, dim: number): number {
  let d = 0;
  for (let j = 0; j < dim; j++) d += (data[i * dim + j] - centroids[c * dim + j]) ** 2;
  return d;
}

function nearest(data: Float64Array, i: number, dim: number, centroids: Float64Array, k: number): [number, number] {
  let best = 0;
  let bestD = Number.POSITIVE_INFINITY;
  for (let c = 0; c < k; c++) {
    const d = squaredDistance(data, i, centroids, c, dim);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return [best, bestD];
}

/** Mean silhouette (Rousseeuw 1987) over the rows in `sample` (Euclidean distances). */
export function silhouette(data: Float64Array, dim: number, labels: Int32Array, k: number, sample: readonly number[]): number {
  let total = 0;
  let counted = 0;
  for (const i of sample) {
    const sums = new Float64Array(k);
    const counts = new Float64Array(k);
    for (const j of sample) {
      if (j === i) continue;
      let d = 0;
      for (let t = 0; t < dim; t++) d += (data[i * dim + t] - data[j * dim + t]) ** 2;
      sums[labels[j]] += Math.sqrt(d);
      counts[labels[j]]++;
    }
    const own = labels[i];
    if (counts[own] === 0) continue; // a singleton's silhouette is 0 by convention
    const a = sums[own] / counts[own];
    let b = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) if (c !== own && counts[c] > 0) b = Math.min(b, sums[c] / counts[c]);
    if (!Number.isFinite(b)) continue;
    total += (b - a) / Math.max(a, b, 1e-12);
    counted++;
  }
  return counted > 0 ? total / sample.length : 0;
}

/** Runs k-means for k in [minK, maxK] and keeps the k with the best silhouette on a sample. */
export function chooseK(data: Float64Array, dim: number, rng: Rng, minK = 2, maxK = 8, sampleSize = 1000): KMeansResult & { silhouette: number; scores: { k: number; silhouette: number }[] } {
  const n = data.length / dim;
  const all = Array.from({ length: n }, (_, i) => i);
  const sample = n > sampleSize ? rng.shuffle(all).slice(0, sampleSize) : all;
  const upper = Math.max(minK, Math.min(maxK, n - 1));
  let best: (KMeansResult & { silhouette: number }) | null = null;
  const scores: { k: number; silhouette: number }[] = [];
  for (let k = minK; k <= upper; k++) {
    const result = kmeans(data, dim, k, rng);
    const s = silhouette(data, dim, result.labels, k, sample);
    scores.push({ k, silhouette: s });
    if (!best || s > best.silhouette + 1e-9) best = { ...result, silhouette: s };
  }
  return { ...best!, scores };
}
