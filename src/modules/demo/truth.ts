// The hidden ground truth: the true causes of conversions, wins and purchases. Models trained
// on the demo data should rediscover these; evaluation compares them against demo_ground_truth.
import type { Rng } from '../../ml/random.ts';
import { clamp } from './ids.ts';
import { INDUSTRIES, type Industry, type LeadSource } from './vocabulary.ts';

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export const COMPETENCIES = [
  'discovery', 'objection_handling', 'closing', 'product_knowledge', 'communication', 'pipeline_discipline', 'collaboration',
] as const;
export type Competency = (typeof COMPETENCIES)[number];

export interface RepSkill {
  /** Logit-scale skill per industry segment: added to conversion and win log-odds. */
  segments: Record<Industry, number>;
  /** 0–1 per competency. */
  competencies: Record<Competency, number>;
}

/** A rep's general ability drives every skill, so good reps are good at most things (as in real teams). */
export function sampleRepSkill(rng: Rng): RepSkill {
  const general = rng.normal(0, 0.8);
  const segments = {} as Record<Industry, number>;
  for (const industry of INDUSTRIES) segments[industry] = round3(0.4 * general + rng.normal(0, 0.45));
  const competencies = {} as Record<Competency, number>;
  for (const c of COMPETENCIES) competencies[c] = round3(clamp(sigmoid(0.9 * general + rng.normal(0, 0.7)), 0.03, 0.97));
  return { segments, competencies };
}

export type NoteIntent = 'strong' | 'positive' | 'neutral' | 'negative';
export const NOTE_INTENTS: readonly NoteIntent[] = ['strong', 'positive', 'neutral', 'negative'];
export const NOTE_INTENT_WEIGHTS = [0.12, 0.28, 0.38, 0.22];

/** Log-odds of a lead converting. */
export const LEAD_MODEL = {
  intercept: -1.3,
  source: { Web: 0, Referral: 1.0, Event: 0.35, Partner: 0.55, Outbound: -0.8, 'Paid Ads': -0.45 } as Record<LeadSource, number>,
  industry: { Manufacturing: 0.35, Software: 0.2, Healthcare: -0.1, Retail: -0.25, Finance: 0.1, Logistics: 0.3, Education: -0.45, Energy: 0.05 } as Record<Industry, number>,
  /** Per decade of employees above 300. */
  log10Employees: 0.35,
  /** Per unit of log(1 + website visits) above 1.5. */
  logVisits: 0.45,
  /** Per unit of log(1 + pages viewed) above 2. */
  logPages: 0.25,
  note: { strong: 1.4, positive: 0.6, neutral: 0, negative: -1.3 } as Record<NoteIntent, number>,
  /** Times the owner's skill in the lead's industry. */
  repSegment: 0.8,
  /** Per unit of (competency − 0.5). */
  repDiscovery: 0.9,
  repPipelineDiscipline: 0.6,
} as const;

export interface LeadFeatures {
  source: LeadSource;
  industry: Industry;
  employees: number;
  websiteVisits: number;
  pagesViewed: number;
  note: NoteIntent;
}

export function leadLogit(f: LeadFeatures, rep: RepSkill): number {
  const m = LEAD_MODEL;
  return (
    m.intercept +
    m.source[f.source] +
    m.industry[f.industry] +
    m.log10Employees * (Math.log10(f.employees) - Math.log10(300)) +
    m.logVisits * (Math.log1p(f.websiteVisits) - 1.5) +
    m.logPages * (Math.log1p(f.pagesViewed) - 2) +
    m.note[f.note] +
    m.repSegment * rep.segments[f.industry] +
    m.repDiscovery * (rep.competencies.discovery - 0.5) +
    m.repPipelineDiscipline * (rep.competencies.pipeline_discipline - 0.5)
  );
}

/** Log-odds of an opportunity being won: rep skill × deal features × the planted practices. */
export const WIN_MODEL = {
  intercept: -1.2,
  repSegment: 0.9,
  repClosing: 1.0,
  repObjectionHandling: 0.8,
  /** Per decade of deal amount above $25,000: big deals are harder. */
  log10Amount: -0.45,
  referral: 0.35,
  strongNote: 0.3,
  earlyDemo: 1.2,
  executiveMeeting: 0.8,
  longSilence: -1.1,
} as const;

export interface DealFeatures {
  industry: Industry;
  amount: number;
  source: LeadSource;
  note: NoteIntent;
  earlyDemo: boolean;
  executiveMeeting: boolean;
  longSilence: boolean;
}

export function winLogit(d: DealFeatures, rep: RepSkill): number {
  const m = WIN_MODEL;
  return (
    m.intercept +
    m.repSegment * rep.segments[d.industry] +
    m.repClosing * (rep.competencies.closing - 0.5) +
    m.repObjectionHandling * (rep.competencies.objection_handling - 0.5) +
    m.log10Amount * (Math.log10(Math.max(d.amount, 1000)) - Math.log10(25000)) +
    (d.source === 'Referral' ? m.referral : 0) +
    (d.note === 'strong' ? m.strongNote : 0) +
    (d.earlyDemo ? m.earlyDemo : 0) +
    (d.executiveMeeting ? m.executiveMeeting : 0) +
    (d.longSilence ? m.longSilence : 0)
  );
}

/**
 * The reps' behaviour policy: how likely a rep is to take each planted action. Skilled reps
 * follow the good practices more often, which confounds naive comparisons, as in real data.
 */
export const POLICY = {
  earlyDemo: (rep: RepSkill, note: NoteIntent) =>
    sigmoid(-0.5 + 1.6 * (rep.competencies.product_knowledge - 0.5) + 1.2 * (rep.competencies.discovery - 0.5) + (note === 'strong' ? 0.5 : 0)),
  executiveMeeting: (rep: RepSkill, amount: number) =>
    sigmoid(-0.9 + 2.0 * (rep.competencies.collaboration - 0.5) + 0.6 * (Math.log10(Math.max(amount, 1000)) - Math.log10(25000))),
  longSilence: (rep: RepSkill) => sigmoid(-1.2 - 2.5 * (rep.competencies.pipeline_discipline - 0.5)),
  /** Share of follow-ups a rep makes by phone rather than e-mail. */
  callShare: (rep: RepSkill) => clamp(0.25 + 0.5 * rep.competencies.communication, 0.1, 0.9),
};

export const PLANTED_PRACTICES = [
  { key: 'early_demo', description: 'A demo meeting (activity subtype "demo") within 10 days of the first contact with the lead.', effect: 'win_log_odds', size: WIN_MODEL.earlyDemo },
  { key: 'executive_meeting', description: 'An executive meeting (activity subtype "executive_meeting") before the proposal stage.', effect: 'win_log_odds', size: WIN_MODEL.executiveMeeting },
  { key: 'long_silence', description: 'A gap of more than 21 days without any activity on the opportunity.', effect: 'win_log_odds', size: WIN_MODEL.longSilence },
  { key: 'open_questions', description: 'Reps with higher discovery skill ask more open questions and talk less on calls; discovery adds to conversion log-odds.', effect: 'conversion_log_odds_per_unit', size: LEAD_MODEL.repDiscovery },
];

/** Order seasonality: Q4 peak, summer and January dips. Index 0 = January. */
export const MONTH_FACTORS = [0.8, 0.85, 1.0, 0.95, 0.95, 1.0, 0.85, 0.8, 1.0, 1.15, 1.3, 1.5] as const;
/** Index 0 = Sunday: B2B orders happen on weekdays. */
export const WEEKDAY_FACTORS = [0.15, 1.1, 1.15, 1.1, 1.05, 0.9, 0.2] as const;
/** Yearly growth of order volume per region. */
export const REGION_GROWTH: Record<string, number> = { EMEA: 0.1, Americas: 0.15, APAC: 0.22, 'Greater China': 0.3 };

export const round3 = (x: number): number => Math.round(x * 1000) / 1000;
