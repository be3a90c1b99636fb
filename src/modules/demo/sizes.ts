// How big each demo company is. Small loads in a few seconds (the tests use it), medium in
// well under a minute on the embedded database, large stresses the pipeline views and models.

export const DEMO_SIZES = ['small', 'medium', 'large'] as const;
export type DemoSize = (typeof DEMO_SIZES)[number];

export interface SizePlan {
  /** Team regions, in order; one manager each. */
  regions: readonly string[];
  reps: number;
  accounts: number;
  leads: number;
  /** Months of order history. */
  orderMonths: number;
}

export const SIZE_PLANS: Record<DemoSize, SizePlan> = {
  small: { regions: ['EMEA', 'Americas', 'Greater China'], reps: 8, accounts: 120, leads: 1000, orderMonths: 36 },
  medium: { regions: ['EMEA', 'Americas', 'APAC', 'Greater China'], reps: 24, accounts: 600, leads: 6000, orderMonths: 36 },
  large: { regions: ['EMEA', 'Americas', 'APAC', 'Greater China'], reps: 200, accounts: 5000, leads: 50000, orderMonths: 36 },
};

export function isDemoSize(value: string): value is DemoSize {
  return (DEMO_SIZES as readonly string[]).includes(value);
}
