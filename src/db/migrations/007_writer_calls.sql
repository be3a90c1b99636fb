-- Sales writer: user-managed email templates with {{variables}}. Drafts themselves are activities
-- (type 'email', status 'draft', attributes {draft, variant, checks, facts}).
CREATE TABLE writer_templates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('follow_up', 'outreach', 'proposal', 're_engagement', 'marketing_copy')),
  language text NOT NULL DEFAULT 'en',
  subject text NOT NULL,
  body text NOT NULL,
  variables text[] NOT NULL DEFAULT '{}',
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX writer_templates_kind_idx ON writer_templates (kind, language);

-- Conversation intelligence: one stored analysis per call or email thread, re-written on re-analysis.
CREATE TABLE call_analyses (
  activity_id uuid PRIMARY KEY REFERENCES activities(id) ON DELETE CASCADE,
  owner_id uuid REFERENCES users(id) ON DELETE SET NULL,
  metrics jsonb NOT NULL,
  tracker_hits jsonb NOT NULL DEFAULT '[]',
  sentiment jsonb NOT NULL DEFAULT '[]',
  questions jsonb NOT NULL DEFAULT '[]',
  summary jsonb NOT NULL DEFAULT '[]',
  action_items jsonb NOT NULL DEFAULT '[]',
  analyzed_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX call_analyses_owner_idx ON call_analyses (owner_id, analyzed_at);

-- User-defined trackers: keyword lists and example phrases (matched by similarity).
CREATE TABLE call_trackers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key text NOT NULL UNIQUE,
  name text NOT NULL,
  keywords text[] NOT NULL DEFAULT '{}',
  examples text[] NOT NULL DEFAULT '{}',
  threshold double precision,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
