// Generalized ESD test (Rosner 1983) in the "hybrid" form of Twitter's S-H-ESD (Hochenbaum,
// Vallis & Kejariwal 2017): median and MAD instead of mean and standard deviation, so the test
// statistic is not masked by the outliers it is looking for. Written by hand: no maintained JS
// package implements it, and it is a short loop over a sorted copy.
import { robustScale, sortedQuantile } from './robust.ts';
import { studentTQuantile } from './student-t.ts';

/**
 * Indices of the outliers among the finite `values`, testing up to `maxOutliers` candidates at
 * significance `alpha`. Non-finite values are ignored.
 */
export function hybridEsd(values: ArrayLike<number>, maxOutliers: number, alpha = 0.05): number[] {
  const index: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) index.push(i);
  const n = index.length;
  const k = Math.min(Math.floor(maxOutliers), n - 3);
  if (k < 1) return [];
  // Remaining values kept sorted so that the median is cheap and the extreme is at either end.
  const order = index.slice().sort((a, b) => values[a] - values[b]);
  let lo = 0;
  let hi = n - 1;
  const removed: number[] = [];
  let significant = 0;
  for (let i = 1; i <= k; i++) {
    const remaining = hi - lo + 1;
    const view = new Float64Array(remaining);
    for (let j = 0; j < remaining; j++) view[j] = values[order[lo + j]];
    const centre = sortedQuantile(view, 0.5);
    const scale = robustScale(view, centre);
    const lowDev = centre - view[0];
    const highDev = view[remaining - 1] - centre;
    const statistic = Math.max(lowDev, highDev) / scale;
    removed.push(highDev >= lowDev ? order[hi--] : order[lo++]);
    const m = n - i + 1;
    const t = studentTQuantile(1 - alpha / (2 * m), m - 2);
    const critical = ((m - 1) * t) / Math.sqrt((m - 2 + t * t) * m);
    if (statistic > critical) significant = i;
  }
  return removed.slice(0, significant);
}
