-- Shared by several capabilities: settings (model provider, privacy switch), tasks with comments
-- and mentions, and in-app notifications. Capabilities add their own tables in later migrations.

CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL,
  description text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
  priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  owner_id uuid REFERENCES users(id) ON DELETE SET NULL,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  due_at timestamptz(3),
  lead_id uuid REFERENCES leads(id) ON DELETE CASCADE,
  account_id uuid REFERENCES accounts(id) ON DELETE CASCADE,
  opportunity_id uuid REFERENCES opportunities(id) ON DELETE CASCADE,
  activity_id uuid REFERENCES activities(id) ON DELETE SET NULL,
  -- Which capability proposed it (e.g. 'calls', 'next-best-action', 'training-plan') and its key,
  -- so a recommendation becomes at most one task however often it is produced.
  source text,
  source_key text,
  attributes jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  completed_at timestamptz(3)
);
CREATE UNIQUE INDEX tasks_source_key_idx ON tasks (source, source_key) WHERE source_key IS NOT NULL;
CREATE INDEX tasks_owner_idx ON tasks (owner_id, status, due_at);

CREATE TABLE task_comments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  task_id uuid NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  author_id uuid REFERENCES users(id) ON DELETE SET NULL,
  body text NOT NULL,
  mentions uuid[] NOT NULL DEFAULT '{}',
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX task_comments_task_idx ON task_comments (task_id, created_at);

CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind text NOT NULL,
  title text NOT NULL,
  body text,
  link text,
  payload jsonb NOT NULL DEFAULT '{}',
  read_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX notifications_user_idx ON notifications (user_id, read_at, created_at DESC);

-- Model health for the Monitor module: each capability records drift (population stability
-- index of scores and top features), calibration and error measures per model version here.
CREATE TABLE model_monitoring (
  id bigserial PRIMARY KEY,
  model_kind text NOT NULL,
  model_version integer,
  metric text NOT NULL,          -- e.g. psi_score, psi_feature, brier, calibration_error, mase, coverage95
  feature text,                  -- for per-feature metrics
  value double precision NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}',
  computed_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX model_monitoring_kind_idx ON model_monitoring (model_kind, metric, computed_at);
