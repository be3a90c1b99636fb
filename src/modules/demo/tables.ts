// The columns the demo writes, per table, with their SQL types for jsonb_to_recordset.
import type { TableSpec } from './bulk.ts';

const stamps = { created_at: 'timestamptz', updated_at: 'timestamptz' } as const;

export const TABLES = {
  teams: { table: 'teams', columns: { id: 'uuid', external_id: 'text', name: 'text', region: 'text', attributes: 'jsonb', ...stamps } },
  users: {
    table: 'users',
    columns: { id: 'uuid', external_id: 'text', email: 'text', name: 'text', role: 'text', team_id: 'uuid', password_hash: 'text', locale: 'text', attributes: 'jsonb', ...stamps },
  },
  accounts: {
    table: 'accounts',
    columns: {
      id: 'uuid', external_id: 'text', name: 'text', industry: 'text', region: 'text', country: 'text', employees: 'integer',
      annual_revenue: 'numeric', website: 'text', owner_id: 'uuid', attributes: 'jsonb', ...stamps,
    },
  },
  contacts: {
    table: 'contacts',
    columns: {
      id: 'uuid', external_id: 'text', account_id: 'uuid', name: 'text', email: 'text', phone: 'text', title: 'text', language: 'text',
      owner_id: 'uuid', attributes: 'jsonb', ...stamps,
    },
  },
  products: {
    table: 'products',
    columns: { id: 'uuid', external_id: 'text', name: 'text', sku: 'text', family: 'text', list_price: 'numeric', description: 'text', attributes: 'jsonb', ...stamps },
  },
  leads: {
    table: 'leads',
    columns: {
      id: 'uuid', external_id: 'text', name: 'text', email: 'text', phone: 'text', company: 'text', title: 'text', industry: 'text', country: 'text',
      city: 'text', language: 'text', source: 'text', status: 'text', owner_id: 'uuid', notes: 'text', converted: 'boolean', converted_at: 'timestamptz',
      attributes: 'jsonb', ...stamps,
    },
  },
  opportunities: {
    table: 'opportunities',
    columns: {
      id: 'uuid', external_id: 'text', name: 'text', account_id: 'uuid', contact_id: 'uuid', lead_id: 'uuid', owner_id: 'uuid', product_id: 'uuid',
      product_lines: 'jsonb', amount: 'numeric', stage: 'text', opened_at: 'timestamptz', expected_close: 'date', closed_at: 'timestamptz',
      lost_reason: 'text', attributes: 'jsonb', ...stamps,
    },
  },
  stageHistory: {
    table: 'opportunity_stage_history',
    columns: { opportunity_id: 'uuid', from_stage: 'text', to_stage: 'text', changed_at: 'timestamptz', changed_by: 'uuid' },
  },
  activities: {
    table: 'activities',
    columns: {
      id: 'uuid', external_id: 'text', type: 'text', subtype: 'text', direction: 'text', status: 'text', subject: 'text', body: 'text',
      transcript: 'jsonb', occurred_at: 'timestamptz', duration_seconds: 'integer', due_at: 'timestamptz', owner_id: 'uuid', lead_id: 'uuid',
      contact_id: 'uuid', account_id: 'uuid', opportunity_id: 'uuid', attributes: 'jsonb', ...stamps,
    },
  },
  orders: {
    table: 'orders',
    columns: {
      id: 'uuid', external_id: 'text', account_id: 'uuid', owner_id: 'uuid', opportunity_id: 'uuid', ordered_at: 'timestamptz', status: 'text',
      total: 'numeric', region: 'text', attributes: 'jsonb', ...stamps,
    },
  },
  orderLines: {
    table: 'order_lines',
    columns: { id: 'uuid', external_id: 'text', order_id: 'uuid', product_id: 'uuid', quantity: 'numeric', unit_price: 'numeric', amount: 'numeric', ...stamps },
  },
  knowledge: {
    table: 'knowledge_articles',
    columns: { id: 'uuid', external_id: 'text', title: 'text', body: 'text', tags: 'text[]', language: 'text', author_id: 'uuid', attributes: 'jsonb', ...stamps },
  },
} satisfies Record<string, TableSpec>;
