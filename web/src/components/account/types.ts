// Shapes of the account page's API answers, and the constants its sections share.
import type { Account } from '../../api.ts';
export type { WhoKnowsRow } from '../graph/WhoKnows.tsx';

/** Who may change accounts: mirrors `writeRoles` of accounts in src/modules/crm/entities.ts. */
export const ACCOUNT_WRITE_ROLES: readonly string[] = ['admin', 'manager', 'rep'];
export const CLOSED = new Set(['won', 'lost']);
/** Orders that count as revenue (as customer analytics counts them). */
export const REVENUE_STATUSES = new Set(['completed', 'pending']);
/** Most ids one `?x_id=a,b,…` filter carries. */
export const MAX_IN = 100;

/** An account as GET /api/v1/accounts/:id returns it (the list shape plus the rest of its fields). */
export interface AccountRow extends Account {
  external_id: string | null;
  website: string | null;
  owner_id: string | null;
  parent_account_id: string | null;
  attributes: Record<string, unknown> | null;
  created_at: string;
  updated_at: string;
}
export interface Contact { id: string; name: string; email: string | null; phone: string | null; title: string | null; owner_id: string | null }
export interface Order { id: string; ordered_at: string; status: string; currency: string | null; total: number | null; opportunity_id: string | null }

export const scalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
