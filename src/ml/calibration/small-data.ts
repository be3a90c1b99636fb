// Small-data safeguards: shrink scores toward the base rate when there are few outcomes, and
// say how many more outcomes would make the scores trustworthy.
// Written by hand: a few closed-form formulas, nothing a library would add.

/** Beta(1, 1)-smoothed base rate: never exactly 0 or 1, even with a handful of rows. */
export function smoothedBaseRate(positives: number, total: number): number {
  return (positives + 1) / (total + 2);
}

/**
 * Weight on the model versus the base rate, m / (m + priorStrength) where m is the minority-class
 * count: a Beta-binomial style shrinkage in log-odds space. With 10 conversions and the default
 * strength of 30 the model gets a quarter of its say; with 1,000 it gets 97 %.
 */
export function shrinkageWeight(minorityCount: number, priorStrength = 30): number {
  return minorityCount / (minorityCount + priorStrength);
}

/** log-odds pulled toward the base: base + w·(logOdds − base). Linear, so contributions scale by w exactly. */
export function shrinkLogOdds(logOdds: number, baseLogOdds: number, weight: number): number {
  return baseLogOdds + weight * (logOdds - baseLogOdds);
}

/** Empirical quantile of a sample (linear interpolation between order statistics). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Outcomes needed to shrink an interval from `width` to `targetWidth`, assuming width ∝ 1/√n
 * (the usual rate for a fitted proportion or coefficient). Returns the additional count.
 */
export function additionalOutcomesFor(width: number, targetWidth: number, currentOutcomes: number): number {
  if (!(width > targetWidth) || targetWidth <= 0) return 0;
  return Math.ceil(currentOutcomes * ((width / targetWidth) ** 2 - 1));
}
