// A seeded sales team and lead stream with known truth, for measuring assignment policies.
// Realism that matters for the comparison: rep skill varies by segment (not just overall),
// segment base rates span 5–40%, reps are limited by territory, language, product, hours,
// holidays, capacity and weekly quotas, and outcomes arrive days to weeks after assignment.
// Every random outcome of a lead is drawn here, once, so every policy faces the same luck.
import { Rng } from '../../../ml/random.ts';
import type { LeadFacts, RepProfile } from '../rules.ts';

export interface WorldOptions {
  reps: number;
  leads: number;
  segments: number;
  seed: number;
}

export interface SimLead extends LeadFacts {
  segmentIndex: number;
  arrival: number;
  /** Uniform draw: the lead converts with rep a iff convertDraw < rate(a, segment) (common random numbers). */
  convertDraw: number;
  /** Days from assignment until the outcome is known, if lost; wins take `wonDelayFactor` times longer. */
  closeDays: number;
  /** Deal size if won, before the rep's deal-size multiplier. */
  dealSize: number;
  /** The outcome event is delivered twice (at-least-once messaging). */
  duplicated: boolean;
}

export interface World {
  reps: RepProfile[];
  segments: string[];
  /** True conversion probability, rates[rep * segments + segment]. */
  rates: Float64Array;
  /** Per rep: multiplies the deal size of the leads they win. */
  dealMultiplier: Float64Array;
  leads: SimLead[];
  start: number;
  weekMs: number;
  wonDelayFactor: number;
}

export const SEGMENT_NAMES = [
  'Manufacturing', 'Retail', 'Healthcare', 'Finance', 'Software', 'Logistics', 'Education', 'Energy',
  'Public sector', 'Telecom', 'Media', 'Hospitality', 'Agriculture', 'Construction', 'Insurance', 'Automotive',
];
const FIRST_NAMES = ['Ana', 'Ben', 'Chloé', 'Dev', 'Elif', 'Femi', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Luis', 'Mei', 'Nora', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tariq'];

const TERRITORIES = [
  { name: 'NA', share: 0.45, utcOffset: -5, languages: [['en', 0.85], ['es', 0.15]] as const },
  { name: 'EMEA', share: 0.4, utcOffset: 1, languages: [['en', 0.55], ['de', 0.25], ['fr', 0.2]] as const },
  { name: 'APAC', share: 0.15, utcOffset: 8, languages: [['en', 1]] as const },
];
const PRODUCTS = [['Core', 0.5], ['Analytics', 0.3], ['Enterprise', 0.2]] as const;
const DAY_MS = 86_400_000;
/** Monday 2024-01-01 00:00 UTC. */
const START = Date.UTC(2024, 0, 1);

const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function pickWeighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  return items[rng.weighted(items.map((i) => i[1]))][0];
}

export function generateWorld(options: WorldOptions): World {
  const rng = new Rng(options.seed);
  const S = options.segments;
  const segments = Array.from({ length: S }, (_, s) => SEGMENT_NAMES[s] ?? `Segment ${s + 1}`);
  const baseRate = Float64Array.from({ length: S }, () => 0.05 + 0.35 * rng.next());
  const segmentWeight = Float64Array.from({ length: S }, () => 0.5 + rng.next());
  const medianDeal = Float64Array.from({ length: S }, () => 5_000 + 55_000 * rng.next());

  const reps: RepProfile[] = [];
  const rates = new Float64Array(options.reps * S);
  const dealMultiplier = new Float64Array(options.reps);
  // About two leads per rep per weekday (weekends bring 30% of a weekday's leads).
  const horizonDays = Math.max(14, Math.ceil((options.leads / (options.reps * 2)) * (7 / 5.6)));
  for (let a = 0; a < options.reps; a++) {
    const home = TERRITORIES[rng.weighted(TERRITORIES.map((t) => t.share))];
    const territories = [home.name];
    if (rng.bernoulli(0.3)) {
      const other = rng.pick(TERRITORIES.filter((t) => t !== home));
      territories.push(other.name);
    }
    const languages = ['en'];
    for (const t of territories) {
      for (const [lang] of TERRITORIES.find((x) => x.name === t)!.languages) {
        if (lang !== 'en' && !languages.includes(lang) && rng.bernoulli(0.35)) languages.push(lang);
      }
    }
    const products = ['Core'];
    if (rng.bernoulli(0.6)) products.push('Analytics');
    if (rng.bernoulli(0.4)) products.push('Enterprise');
    // About one holiday of 3–12 days per quarter.
    const absences = Array.from({ length: rng.poisson(horizonDays / 90) }, () => {
      const from = START + rng.int(horizonDays) * DAY_MS;
      return { from, to: from + (3 + rng.int(10)) * DAY_MS };
    });
    reps.push({
      id: `rep-${String(a + 1).padStart(2, '0')}`,
      name: FIRST_NAMES[a % FIRST_NAMES.length] + (a >= FIRST_NAMES.length ? ` ${Math.floor(a / FIRST_NAMES.length) + 1}` : ''),
      maxOpenLeads: 20 + rng.int(26),
      quotaPerPeriod: 25 + rng.int(21),
      territories,
      languages,
      products,
      workingHours: { days: [1, 2, 3, 4, 5], startHour: 8, endHour: 18, utcOffsetHours: home.utcOffset },
      absences,
    });
    // Log-odds skill: overall (sd 0.6, so at a 20% base rate ±1 sd spans 12–31%) plus a
    // segment speciality (sd 0.3, odds ×/÷ 1.35).
    const overall = rng.normal(0, 0.6);
    for (let s = 0; s < S; s++) rates[a * S + s] = sigmoid(logit(baseRate[s]) + overall + rng.normal(0, 0.3));
    dealMultiplier[a] = Math.exp(rng.normal(0, 0.2));
  }
  ensureCoverage(reps, rng);

  const leads: SimLead[] = [];
  const dayWeights = Array.from({ length: horizonDays }, (_, d) => ((d % 7) >= 5 ? 0.3 : 1)); // day 0 is a Monday
  for (let i = 0; i < options.leads; i++) {
    const territory = TERRITORIES[rng.weighted(TERRITORIES.map((t) => t.share))];
    const day = rng.weighted(dayWeights);
    const localHour = rng.bernoulli(0.8) ? 8 + 12 * rng.next() : 24 * rng.next();
    const segmentIndex = rng.weighted(segmentWeight);
    leads.push({
      id: `lead-${i + 1}`,
      segment: segments[segmentIndex],
      segmentIndex,
      territory: territory.name,
      language: pickWeighted(rng, territory.languages),
      product: pickWeighted(rng, PRODUCTS),
      arrival: START + day * DAY_MS + Math.round((localHour - territory.utcOffset) * 3_600_000),
      convertDraw: rng.next(),
      closeDays: Math.exp(rng.normal(Math.log(5), 0.5)),
      dealSize: medianDeal[segmentIndex] * Math.exp(rng.normal(0, 0.6)),
      duplicated: rng.bernoulli(0.05),
    });
  }
  leads.sort((x, y) => x.arrival - y.arrival);
  return { reps, segments, rates, dealMultiplier, leads, start: START, weekMs: 7 * DAY_MS, wonDelayFactor: 1.6 };
}

/** Every territory × language × product a lead can have gets at least two reps who can serve it. */
function ensureCoverage(reps: RepProfile[], rng: Rng): void {
  for (const t of TERRITORIES) {
    for (const [language] of t.languages) {
      for (const [product] of PRODUCTS) {
        const able = () => reps.filter((r) => r.territories.includes(t.name) && r.languages.includes(language) && r.products.includes(product));
        const inTerritory = reps.filter((r) => r.territories.includes(t.name));
        const pool = inTerritory.length >= 2 ? inTerritory : reps;
        for (let guard = 0; able().length < Math.min(2, reps.length) && guard < 100; guard++) {
          const rep = rng.pick(pool.filter((r) => !able().includes(r)));
          if (!rep.territories.includes(t.name)) rep.territories.push(t.name);
          if (!rep.languages.includes(language)) rep.languages.push(language);
          if (!rep.products.includes(product)) rep.products.push(product);
        }
      }
    }
  }
}
