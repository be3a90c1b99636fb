// The state shared while the company's history is simulated: the fixed cast (reps, accounts,
// products), counters for stable external ids, the rows waiting to be written and the hidden truth.
import type { Rng } from '../../ml/random.ts';
import type { DemoRow } from './bulk.ts';
import type { Account } from './accounts.ts';
import type { ProductDef } from './catalog.ts';
import { demoUuid, externalId, iso } from './ids.ts';
import type { Org, Rep } from './org.ts';
import type { EmailBook } from './people.ts';

export interface Product extends ProductDef {
  id: string;
  externalId: string;
}

export interface Pending {
  leads: DemoRow[];
  contacts: DemoRow[];
  opportunities: DemoRow[];
  history: DemoRow[];
  activities: DemoRow[];
  orders: DemoRow[];
  orderLines: DemoRow[];
}

export const emptyPending = (): Pending => ({ leads: [], contacts: [], opportunities: [], history: [], activities: [], orders: [], orderLines: [] });

export interface DealPractice {
  early_demo: boolean;
  executive_meeting: boolean;
  long_silence: boolean;
}

export interface World {
  seed: number;
  now: number;
  rng: Rng;
  org: Org;
  accounts: Account[];
  products: Product[];
  emails: EmailBook;
  counters: { activity: number; opportunity: number; order: number; orderLine: number };
  pending: Pending;
  truth: {
    leadPropensity: Record<string, number>;
    winProbability: Record<string, number>;
    dealPractices: Record<string, DealPractice>;
  };
}

export interface ActivitySpec {
  type: 'call' | 'email' | 'meeting' | 'note' | 'task';
  subtype?: string;
  direction?: 'inbound' | 'outbound' | 'internal';
  status?: 'planned' | 'done';
  subject?: string;
  body?: string;
  transcript?: unknown;
  at: number;
  durationSeconds?: number;
  dueAt?: number;
  rep: Rep;
  leadId?: string;
  contactId?: string;
  accountId?: string;
  opportunityId?: string;
  /** Scalar custom attributes: the stage, the action taken and the behaviour policy's probability of it. */
  attributes: Record<string, string | number | boolean>;
}

export function addActivity(w: World, a: ActivitySpec): void {
  const ext = externalId('activity', ++w.counters.activity, 7);
  const at = iso(a.at);
  w.pending.activities.push({
    id: demoUuid(w.seed, ext), external_id: ext, type: a.type, subtype: a.subtype ?? null, direction: a.direction ?? null,
    status: a.status ?? 'done', subject: a.subject ?? null, body: a.body ?? null, transcript: a.transcript ?? null, occurred_at: at,
    duration_seconds: a.durationSeconds ?? null, due_at: a.dueAt === undefined ? null : iso(a.dueAt), owner_id: a.rep.id,
    lead_id: a.leadId ?? null, contact_id: a.contactId ?? null, account_id: a.accountId ?? null, opportunity_id: a.opportunityId ?? null,
    attributes: a.attributes, created_at: at, updated_at: at,
  });
}

/** Rounds a probability for storage (4 decimals is far below sampling noise). */
export const prob = (p: number): number => Math.round(p * 10000) / 10000;
