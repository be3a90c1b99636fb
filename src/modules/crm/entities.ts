// The CRM's entities, described once. The API routes, the OpenAPI schemas, the importer,
// the exporter and row-level access are all derived from these descriptions.
import type { FieldType } from './fields.ts';

export type Role = 'admin' | 'manager' | 'rep';

export interface FieldDef {
  name: string;
  type: FieldType;
  /** Allowed values (an enumeration); matched case- and punctuation-insensitively. */
  values?: readonly string[];
  /** Other spellings of enumeration values, e.g. "closed won" → "won". */
  synonyms?: Readonly<Record<string, string>>;
  /** Foreign key to another entity; import resolves it by external id, name or email. */
  ref?: EntityName;
  required?: boolean;
  /** Value used when the input leaves the field empty. */
  default?: unknown;
  /** Other column names that map to this field on import. */
  aliases?: readonly string[];
  /** Set by the system, never by API input or import. */
  readOnly?: boolean;
  description?: string;
}

export type EntityName =
  | 'teams'
  | 'users'
  | 'accounts'
  | 'contacts'
  | 'leads'
  | 'products'
  | 'opportunities'
  | 'activities'
  | 'orders'
  | 'order_lines'
  | 'knowledge_articles';

export interface EntityDef {
  name: EntityName;
  singular: string;
  description: string;
  fields: readonly FieldDef[];
  /** Rows carry an owner; reps see their own, managers their teams', admins all. */
  ownerScoped: boolean;
  /** Fields a reference value is matched against, in order (external_id first). */
  lookup: readonly string[];
  /** Who may create, update and delete rows. Everyone authenticated may read (subject to ownership). */
  writeRoles: readonly Role[];
  defaultSort: string;
}

const id: FieldDef = { name: 'id', type: 'uuid', readOnly: true };
const externalId: FieldDef = {
  name: 'external_id',
  type: 'text',
  aliases: ['externalid', 'external id', 'source id', 'crm id', 'prospect id'],
  description: 'Your system\'s id for the row; imports upsert by it.',
};
const attributes: FieldDef = { name: 'attributes', type: 'json', default: {}, description: 'Custom attributes (typed by field definitions).' };
const createdAt: FieldDef = { name: 'created_at', type: 'timestamp', aliases: ['created', 'created date', 'create date'] };
const updatedAt: FieldDef = { name: 'updated_at', type: 'timestamp', readOnly: true };
const owner: FieldDef = {
  name: 'owner_id',
  type: 'uuid',
  ref: 'users',
  aliases: ['owner', 'owner email', 'sales agent', 'sales rep', 'rep', 'assigned to', 'agent'],
};
const common = (...fields: FieldDef[]): FieldDef[] => [id, externalId, ...fields, attributes, createdAt, updatedAt];

export const LEAD_STATUSES = ['new', 'working', 'nurturing', 'qualified', 'converted', 'disqualified'] as const;
export const OPPORTUNITY_STAGES = ['prospecting', 'qualification', 'demo', 'proposal', 'negotiation', 'won', 'lost'] as const;
export const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'note', 'task'] as const;

export const ENTITIES: Record<EntityName, EntityDef> = {
  teams: {
    name: 'teams',
    singular: 'team',
    description: 'Sales teams; a manager leads one or more teams.',
    fields: common(
      { name: 'name', type: 'text', required: true, aliases: ['team', 'team name', 'regional office'] },
      { name: 'region', type: 'text' },
      { name: 'manager_id', type: 'uuid', ref: 'users', aliases: ['manager', 'manager email'] },
    ),
    ownerScoped: false,
    lookup: ['external_id', 'name'],
    writeRoles: ['admin'],
    defaultSort: 'name',
  },
  users: {
    name: 'users',
    singular: 'user',
    description: 'People who use SalesBloom: admins, managers and reps.',
    fields: common(
      { name: 'name', type: 'text', required: true, aliases: ['full name', 'sales agent', 'agent', 'rep'] },
      { name: 'email', type: 'text' },
      { name: 'role', type: 'text', values: ['admin', 'manager', 'rep'], default: 'rep' },
      { name: 'team_id', type: 'uuid', ref: 'teams', aliases: ['team', 'team name'] },
      { name: 'active', type: 'boolean', default: true },
      { name: 'locale', type: 'text', values: ['en', 'zh'], default: 'en', aliases: ['language'] },
    ),
    ownerScoped: false,
    lookup: ['external_id', 'email', 'name'],
    writeRoles: ['admin'],
    defaultSort: 'name',
  },
  accounts: {
    name: 'accounts',
    singular: 'account',
    description: 'Companies you sell to.',
    fields: common(
      { name: 'name', type: 'text', required: true, aliases: ['account', 'account name', 'company'] },
      { name: 'industry', type: 'text', aliases: ['sector'] },
      { name: 'region', type: 'text' },
      { name: 'country', type: 'text', aliases: ['office location'] },
      { name: 'employees', type: 'integer', aliases: ['employee count', 'headcount'] },
      { name: 'annual_revenue', type: 'number', aliases: ['revenue'] },
      { name: 'website', type: 'text' },
      owner,
      { name: 'parent_account_id', type: 'uuid', ref: 'accounts', aliases: ['parent account', 'subsidiary of'] },
    ),
    ownerScoped: false,
    lookup: ['external_id', 'name'],
    writeRoles: ['admin', 'manager', 'rep'],
    defaultSort: 'name',
  },
  contacts: {
    name: 'contacts',
    singular: 'contact',
    description: 'People at accounts.',
    fields: common(
      { name: 'name', type: 'text', required: true, aliases: ['full name', 'contact', 'contact name'] },
      { name: 'account_id', type: 'uuid', ref: 'accounts', aliases: ['account', 'company'] },
      { name: 'email', type: 'text' },
      { name: 'phone', type: 'text' },
      { name: 'title', type: 'text', aliases: ['job title'] },
      { name: 'language', type: 'text' },
      owner,
    ),
    ownerScoped: false,
    lookup: ['external_id', 'email', 'name'],
    writeRoles: ['admin', 'manager', 'rep'],
    defaultSort: 'name',
  },
  leads: {
    name: 'leads',
    singular: 'lead',
    description: 'Prospects not yet converted into opportunities.',
    fields: common(
      { name: 'name', type: 'text', aliases: ['full name', 'lead name'] },
      { name: 'email', type: 'text' },
      { name: 'phone', type: 'text' },
      { name: 'company', type: 'text' },
      { name: 'title', type: 'text', aliases: ['job title'] },
      { name: 'industry', type: 'text' },
      { name: 'country', type: 'text' },
      { name: 'city', type: 'text' },
      { name: 'language', type: 'text' },
      { name: 'source', type: 'text', aliases: ['lead source'] },
      {
        name: 'status',
        type: 'text',
        values: LEAD_STATUSES,
        default: 'new',
        synonyms: { open: 'new', contacted: 'working', 'in progress': 'working', unqualified: 'disqualified', lost: 'disqualified', won: 'converted' },
      },
      owner,
      { name: 'notes', type: 'text', aliases: ['description', 'comments'] },
      { name: 'converted', type: 'boolean' },
      { name: 'converted_at', type: 'timestamp', aliases: ['converted date', 'conversion date'] },
    ),
    ownerScoped: true,
    lookup: ['external_id', 'email'],
    writeRoles: ['admin', 'manager', 'rep'],
    defaultSort: '-created_at',
  },
  products: {
    name: 'products',
    singular: 'product',
    description: 'What you sell.',
    fields: common(
      { name: 'name', type: 'text', required: true, aliases: ['product', 'product name'] },
      { name: 'sku', type: 'text', aliases: ['stock code', 'product code'] },
      { name: 'family', type: 'text', aliases: ['series', 'product family', 'category'] },
      { name: 'list_price', type: 'number', aliases: ['price', 'sales price', 'unit price'] },
      { name: 'currency', type: 'text', default: 'USD' },
      { name: 'active', type: 'boolean', default: true },
      { name: 'description', type: 'text' },
    ),
    ownerScoped: false,
    lookup: ['external_id', 'sku', 'name'],
    writeRoles: ['admin', 'manager'],
    defaultSort: 'name',
  },
  opportunities: {
    name: 'opportunities',
    singular: 'opportunity',
    description: 'Deals in the pipeline, with their stage history.',
    fields: common(
      { name: 'name', type: 'text', aliases: ['opportunity name', 'deal name'] },
      { name: 'account_id', type: 'uuid', ref: 'accounts', aliases: ['account', 'account name', 'company'] },
      { name: 'contact_id', type: 'uuid', ref: 'contacts', aliases: ['contact'] },
      { name: 'lead_id', type: 'uuid', ref: 'leads', aliases: ['lead'] },
      owner,
      { name: 'product_id', type: 'uuid', ref: 'products', aliases: ['product'] },
      { name: 'product_lines', type: 'json', default: [] },
      { name: 'amount', type: 'number', aliases: ['value', 'deal value', 'close value', 'deal amount'] },
      { name: 'currency', type: 'text', default: 'USD' },
      {
        name: 'stage',
        type: 'text',
        values: OPPORTUNITY_STAGES,
        default: 'prospecting',
        aliases: ['deal stage'],
        synonyms: {
          engaging: 'qualification',
          qualified: 'qualification',
          discovery: 'qualification',
          'closed won': 'won',
          closedwon: 'won',
          'closed lost': 'lost',
          closedlost: 'lost',
          quote: 'proposal',
        },
      },
      { name: 'opened_at', type: 'timestamp', aliases: ['engage date', 'open date', 'opened'] },
      { name: 'expected_close', type: 'date', aliases: ['expected close date', 'close date expected'] },
      { name: 'closed_at', type: 'timestamp', aliases: ['close date', 'closed'] },
      { name: 'lost_reason', type: 'text' },
    ),
    ownerScoped: true,
    lookup: ['external_id', 'name'],
    writeRoles: ['admin', 'manager', 'rep'],
    defaultSort: '-created_at',
  },
  activities: {
    name: 'activities',
    singular: 'activity',
    description: 'Calls, emails, meetings, notes and tasks, linked to leads, contacts, accounts and opportunities.',
    fields: common(
      { name: 'type', type: 'text', values: ACTIVITY_TYPES, required: true, aliases: ['activity type', 'kind'] },
      { name: 'subtype', type: 'text' },
      { name: 'direction', type: 'text', values: ['inbound', 'outbound', 'internal'], synonyms: { in: 'inbound', out: 'outbound', incoming: 'inbound', outgoing: 'outbound' } },
      { name: 'status', type: 'text', values: ['draft', 'planned', 'done', 'cancelled'], default: 'done' },
      { name: 'subject', type: 'text' },
      { name: 'body', type: 'text', aliases: ['content', 'text', 'message'] },
      { name: 'transcript', type: 'json', description: 'Speaker turns: [{speaker, role, start, end, text}].' },
      { name: 'occurred_at', type: 'timestamp', aliases: ['date', 'timestamp', 'time', 'activity date'] },
      { name: 'duration_seconds', type: 'integer', aliases: ['duration'] },
      { name: 'due_at', type: 'timestamp', aliases: ['due', 'due date'] },
      owner,
      { name: 'lead_id', type: 'uuid', ref: 'leads', aliases: ['lead'] },
      { name: 'contact_id', type: 'uuid', ref: 'contacts', aliases: ['contact'] },
      { name: 'account_id', type: 'uuid', ref: 'accounts', aliases: ['account'] },
      { name: 'opportunity_id', type: 'uuid', ref: 'opportunities', aliases: ['opportunity', 'deal'] },
    ),
    ownerScoped: true,
    lookup: ['external_id'],
    writeRoles: ['admin', 'manager', 'rep'],
    defaultSort: '-occurred_at',
  },
  orders: {
    name: 'orders',
    singular: 'order',
    description: 'Transactions: what each customer bought and when.',
    fields: common(
      { name: 'account_id', type: 'uuid', ref: 'accounts', aliases: ['account', 'customer', 'customer id'] },
      owner,
      { name: 'opportunity_id', type: 'uuid', ref: 'opportunities', aliases: ['opportunity'] },
      { name: 'ordered_at', type: 'timestamp', required: true, aliases: ['order date', 'invoice date', 'date'] },
      { name: 'status', type: 'text', values: ['pending', 'completed', 'cancelled', 'returned'], default: 'completed' },
      { name: 'currency', type: 'text', default: 'USD' },
      { name: 'total', type: 'number', aliases: ['amount', 'order total'] },
      { name: 'region', type: 'text', aliases: ['country'] },
    ),
    ownerScoped: false,
    lookup: ['external_id'],
    writeRoles: ['admin', 'manager', 'rep'],
    defaultSort: '-ordered_at',
  },
  order_lines: {
    name: 'order_lines',
    singular: 'order line',
    description: 'The products and quantities of each order.',
    fields: common(
      { name: 'order_id', type: 'uuid', ref: 'orders', required: true, aliases: ['order', 'invoice', 'invoice no', 'order number'] },
      { name: 'product_id', type: 'uuid', ref: 'products', aliases: ['product', 'stock code', 'sku'] },
      { name: 'quantity', type: 'number', default: 1, aliases: ['qty'] },
      { name: 'unit_price', type: 'number', aliases: ['price'] },
      { name: 'amount', type: 'number', aliases: ['line total'] },
    ),
    ownerScoped: false,
    lookup: ['external_id'],
    writeRoles: ['admin', 'manager', 'rep'],
    defaultSort: 'created_at',
  },
  knowledge_articles: {
    name: 'knowledge_articles',
    singular: 'knowledge article',
    description: 'Shared knowledge: product facts, playbooks, FAQs.',
    fields: common(
      { name: 'title', type: 'text', required: true },
      { name: 'body', type: 'text', default: '', aliases: ['content', 'text'] },
      { name: 'format', type: 'text', values: ['markdown', 'html', 'text'], default: 'markdown' },
      { name: 'tags', type: 'tags', default: [] },
      { name: 'language', type: 'text' },
      { name: 'status', type: 'text', values: ['draft', 'published', 'archived'], default: 'published' },
      { name: 'version', type: 'integer', readOnly: true },
      { name: 'author_id', type: 'uuid', ref: 'users', aliases: ['author'] },
    ),
    ownerScoped: false,
    lookup: ['external_id', 'title'],
    writeRoles: ['admin', 'manager', 'rep'],
    defaultSort: '-updated_at',
  },
};

export const ENTITY_NAMES = Object.keys(ENTITIES) as EntityName[];

export function entityDef(name: string): EntityDef | undefined {
  return (ENTITIES as Record<string, EntityDef>)[name];
}

export function fieldOf(entity: EntityDef, name: string): FieldDef | undefined {
  return entity.fields.find((f) => f.name === name);
}

/** Fields a client may set (everything but system-maintained ones). */
export function writableFields(entity: EntityDef): FieldDef[] {
  return entity.fields.filter((f) => !f.readOnly);
}
