// The hidden truth as demo_ground_truth rows (key → JSON), for evaluating what models learn.
import { iso } from './ids.ts';
import type { PurchaseTruth } from './orders.ts';
import type { DemoSize, SizePlan } from './sizes.ts';
import { LEAD_MODEL, MONTH_FACTORS, PLANTED_PRACTICES, REGION_GROWTH, WEEKDAY_FACTORS, WIN_MODEL } from './truth.ts';
import type { World } from './world.ts';

export function groundTruthRecords(
  w: World,
  run: { seed: number; size: DemoSize; plan: SizePlan; now: number; purchases: Record<string, PurchaseTruth> },
): [string, unknown][] {
  const repSkill: Record<string, unknown> = {};
  for (const r of w.org.reps) {
    repSkill[r.externalId] = { name: r.name, email: r.email, team: r.team.name, locale: r.locale, segments: r.skill.segments, competencies: r.skill.competencies };
  }
  return [
    ['generator', { seed: run.seed, size: run.size, plan: run.plan, as_of: iso(run.now), generated_at: new Date().toISOString(), version: 1 }],
    ['lead_propensity', w.truth.leadPropensity],
    ['lead_model', { description: 'Conversion log-odds = sum of these terms (see src/modules/demo/truth.ts).', ...LEAD_MODEL }],
    ['win_probability', w.truth.winProbability],
    ['win_model', { description: 'Win log-odds = sum of these terms (see src/modules/demo/truth.ts).', ...WIN_MODEL }],
    ['deal_practices', w.truth.dealPractices],
    ['planted_practices', PLANTED_PRACTICES],
    ['rep_skill', repSkill],
    ['seasonality', {
      description: 'Repeat orders per account-month ~ Poisson(rate × month factor × exp(region growth × years from now)); weekday factors place them within the month.',
      month_factors: MONTH_FACTORS, weekday_factors: WEEKDAY_FACTORS, region_growth: REGION_GROWTH,
    }],
    ['account_purchase', run.purchases],
  ];
}
