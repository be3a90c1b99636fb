-- SalesBloom core schema. PostgreSQL dialect; runs unchanged on PGlite and PostgreSQL 13+.
-- Timestamps keep milliseconds, the precision of JavaScript dates, so exports re-import unchanged.
-- Enumerations are CHECK constraints (not enum types) so later migrations can widen them.

CREATE TABLE teams (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  external_id text UNIQUE,
  name text NOT NULL,
  region text,
  manager_id uuid,
  attributes jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  external_id text UNIQUE,
  email text UNIQUE,
  name text NOT NULL,
  role text NOT NULL DEFAULT 'rep' CHECK (role IN ('admin', 'manager', 'rep')),
  team_id uuid REFERENCES teams(id) ON DELETE SET NULL,
  password_hash text,
  active boolean NOT NULL DEFAULT true,
  locale text NOT NULL DEFAULT 'en',
  attributes jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
ALTER TABLE teams ADD CONSTRAINT teams_manager_fk FOREIGN KEY (manager_id) REFERENCES users(id) ON DELETE SET NULL;
CREATE INDEX users_team_idx ON users (team_id);
CREATE INDEX users_name_idx ON users (lower(name));
CREATE INDEX teams_manager_idx ON teams (manager_id);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name text NOT NULL,
  prefix text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  expires_at timestamptz(3),
  last_used_at timestamptz(3),
  revoked_at timestamptz(3)
);

CREATE TABLE sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  csrf_token text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  expires_at timestamptz(3) NOT NULL
);

CREATE TABLE accounts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  external_id text UNIQUE,
  name text NOT NULL,
  industry text,
  region text,
  country text,
  employees integer,
  annual_revenue numeric(18, 2),
  website text,
  owner_id uuid REFERENCES users(id) ON DELETE SET NULL,
  parent_account_id uuid REFERENCES accounts(id) ON DELETE SET NULL,
  attributes jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX accounts_name_idx ON accounts (lower(name));
CREATE INDEX accounts_owner_idx ON accounts (owner_id);

CREATE TABLE contacts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  external_id text UNIQUE,
  account_id uuid REFERENCES accounts(id) ON DELETE SET NULL,
  name text NOT NULL,
  email text,
  phone text,
  title text,
  language text,
  owner_id uuid REFERENCES users(id) ON DELETE SET NULL,
  attributes jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX contacts_account_idx ON contacts (account_id);
CREATE INDEX contacts_name_idx ON contacts (lower(name));

CREATE TABLE leads (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  external_id text UNIQUE,
  name text,
  email text,
  phone text,
  company text,
  title text,
  industry text,
  country text,
  city text,
  language text,
  source text,
  status text NOT NULL DEFAULT 'new'
    CHECK (status IN ('new', 'working', 'nurturing', 'qualified', 'converted', 'disqualified')),
  owner_id uuid REFERENCES users(id) ON DELETE SET NULL,
  notes text,
  converted boolean,
  converted_at timestamptz(3),
  attributes jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX leads_owner_idx ON leads (owner_id);
CREATE INDEX leads_created_idx ON leads (created_at, id);

CREATE TABLE products (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  external_id text UNIQUE,
  name text NOT NULL,
  sku text,
  family text,
  list_price numeric(14, 2),
  currency text NOT NULL DEFAULT 'USD',
  active boolean NOT NULL DEFAULT true,
  description text,
  attributes jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX products_name_idx ON products (lower(name));

CREATE TABLE opportunities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  external_id text UNIQUE,
  name text,
  account_id uuid REFERENCES accounts(id) ON DELETE SET NULL,
  contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
  lead_id uuid REFERENCES leads(id) ON DELETE SET NULL,
  owner_id uuid REFERENCES users(id) ON DELETE SET NULL,
  product_id uuid REFERENCES products(id) ON DELETE SET NULL,
  product_lines jsonb NOT NULL DEFAULT '[]',
  amount numeric(14, 2),
  currency text NOT NULL DEFAULT 'USD',
  stage text NOT NULL DEFAULT 'prospecting'
    CHECK (stage IN ('prospecting', 'qualification', 'demo', 'proposal', 'negotiation', 'won', 'lost')),
  opened_at timestamptz(3),
  expected_close date,
  closed_at timestamptz(3),
  lost_reason text,
  attributes jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX opportunities_owner_idx ON opportunities (owner_id);
CREATE INDEX opportunities_account_idx ON opportunities (account_id);
CREATE INDEX opportunities_stage_idx ON opportunities (stage);

CREATE TABLE opportunity_stage_history (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  opportunity_id uuid NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
  from_stage text,
  to_stage text NOT NULL,
  changed_at timestamptz(3) NOT NULL DEFAULT now(),
  changed_by uuid REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX stage_history_opportunity_idx ON opportunity_stage_history (opportunity_id, changed_at);

CREATE TABLE activities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  external_id text UNIQUE,
  type text NOT NULL CHECK (type IN ('call', 'email', 'meeting', 'note', 'task')),
  subtype text,
  direction text CHECK (direction IN ('inbound', 'outbound', 'internal')),
  status text NOT NULL DEFAULT 'done' CHECK (status IN ('draft', 'planned', 'done', 'cancelled')),
  subject text,
  body text,
  transcript jsonb,
  occurred_at timestamptz(3) NOT NULL DEFAULT now(),
  duration_seconds integer,
  due_at timestamptz(3),
  owner_id uuid REFERENCES users(id) ON DELETE SET NULL,
  lead_id uuid REFERENCES leads(id) ON DELETE CASCADE,
  contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
  account_id uuid REFERENCES accounts(id) ON DELETE SET NULL,
  opportunity_id uuid REFERENCES opportunities(id) ON DELETE CASCADE,
  attributes jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX activities_owner_idx ON activities (owner_id, occurred_at);
CREATE INDEX activities_lead_idx ON activities (lead_id);
CREATE INDEX activities_opportunity_idx ON activities (opportunity_id);
CREATE INDEX activities_account_idx ON activities (account_id);

CREATE TABLE orders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  external_id text UNIQUE,
  account_id uuid REFERENCES accounts(id) ON DELETE SET NULL,
  owner_id uuid REFERENCES users(id) ON DELETE SET NULL,
  opportunity_id uuid REFERENCES opportunities(id) ON DELETE SET NULL,
  ordered_at timestamptz(3) NOT NULL,
  status text NOT NULL DEFAULT 'completed' CHECK (status IN ('pending', 'completed', 'cancelled', 'returned')),
  currency text NOT NULL DEFAULT 'USD',
  total numeric(14, 2),
  region text,
  attributes jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX orders_account_idx ON orders (account_id, ordered_at);
CREATE INDEX orders_ordered_idx ON orders (ordered_at);

CREATE TABLE order_lines (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  external_id text UNIQUE,
  order_id uuid NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  product_id uuid REFERENCES products(id) ON DELETE SET NULL,
  quantity numeric(14, 3) NOT NULL DEFAULT 1,
  unit_price numeric(14, 2),
  amount numeric(14, 2),
  attributes jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX order_lines_order_idx ON order_lines (order_id);
CREATE INDEX order_lines_product_idx ON order_lines (product_id);

CREATE TABLE knowledge_articles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  external_id text UNIQUE,
  title text NOT NULL,
  body text NOT NULL DEFAULT '',
  format text NOT NULL DEFAULT 'markdown' CHECK (format IN ('markdown', 'html', 'text')),
  tags text[] NOT NULL DEFAULT '{}',
  language text,
  status text NOT NULL DEFAULT 'published' CHECK (status IN ('draft', 'published', 'archived')),
  version integer NOT NULL DEFAULT 1,
  author_id uuid REFERENCES users(id) ON DELETE SET NULL,
  attributes jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);

-- Custom attributes: every CSV column without a home becomes a typed attribute, defined here.
CREATE TABLE field_definitions (
  entity text NOT NULL,
  key text NOT NULL,
  label text NOT NULL,
  type text NOT NULL CHECK (type IN ('text', 'number', 'integer', 'boolean', 'date', 'timestamp')),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (entity, key)
);

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz(3) NOT NULL DEFAULT now(),
  actor_id uuid,
  actor text NOT NULL,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text,
  request_id text,
  before jsonb,
  after jsonb,
  detail jsonb
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);
CREATE INDEX audit_log_at_idx ON audit_log (at);

-- Model registry: every trained model version with its parameters and held-out metrics.
CREATE TABLE models (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  version integer NOT NULL,
  params jsonb NOT NULL DEFAULT '{}',
  metrics jsonb NOT NULL DEFAULT '{}',
  artifact jsonb,
  active boolean NOT NULL DEFAULT false,
  notes text,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE (kind, version)
);
CREATE UNIQUE INDEX models_one_active_per_kind ON models (kind) WHERE active;

-- Demo ground truth (hidden propensities, rep skills, seasonality) kept for evaluation only.
CREATE TABLE demo_ground_truth (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
