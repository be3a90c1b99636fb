// Shapes of the account page's API answers, and the constants its sections share.

/** Who may change accounts: mirrors `writeRoles` of accounts in src/modules/crm/entities.ts. */
export const ACCOUNT_WRITE_ROLES: readonly string[] = ['admin', 'manager', 'rep'];
export const CLOSED = new Set(['won', 'lost']);
/** Orders that count as revenue (as customer analytics counts them). */
export const REVENUE_STATUSES = new Set(['completed', 'pending']);
/** Most ids one `?x_id=a,b,…` filter carries. */
export const MAX_IN = 100;

export interface AccountRow {
  id: string;
  external_id: string | null;
  name: string;
  industry: string | null;
  region: string | null;
  country: string | null;
  employees: number | null;
  annual_revenue: number | null;
  website: string | null;
  owner_id: string | null;
  parent_account_id: string | null;
  attributes: Record<string, unknown> | null;
  created_at: string;
  updated_at: string;
}
export interface Contact { id: string; name: string; email: string | null; phone: string | null; title: string | null; owner_id: string | null }
export interface Order { id: string; ordered_at: string; status: string; currency: string | null; total: number | null; opportunity_id: string | null }
export interface WhoKnowsRow {
  user_id: string; name: string; team: string | null; score: number;
  evidence: { owns_account: boolean; deals_owned: number; deals_won: number; won_amount: number; activities: number; calls: number; last_interaction_at: string | null };
}

export const scalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
