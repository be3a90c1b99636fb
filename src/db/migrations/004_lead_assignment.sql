-- Lead assignment: each rep's rules (capacity, quota, territories, languages, products, hours,
-- absences), the active bandit policy with its learned state (restored on restart), and the log of
-- every decision with its reason, propensity (for off-policy evaluation) and late-arriving reward.

CREATE TABLE assignment_profiles (
  user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  max_open_leads integer NOT NULL DEFAULT 30 CHECK (max_open_leads >= 0),
  quota_per_period integer CHECK (quota_per_period IS NULL OR quota_per_period >= 0),
  quota_period text NOT NULL DEFAULT 'week' CHECK (quota_period IN ('week', 'month')),
  territories jsonb NOT NULL DEFAULT '[]',
  languages jsonb NOT NULL DEFAULT '[]',
  products jsonb NOT NULL DEFAULT '[]',
  working_hours jsonb,            -- {days, start_hour, end_hour, utc_offset_hours}; null = always reachable
  absences jsonb NOT NULL DEFAULT '[]',   -- [{from, to}] ISO timestamps, [from, to)
  accepting boolean NOT NULL DEFAULT true,
  updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);

-- One row: the active policy. `state` is the policy's toJSON(); every assignment and outcome
-- updates it in the same transaction as the log row, under a row lock.
CREATE TABLE assignment_policy (
  id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  policy text NOT NULL,
  params jsonb NOT NULL DEFAULT '{}',
  fairness jsonb NOT NULL DEFAULT '{"min_share": 0.02, "learning_leads": 10}',
  state jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE lead_assignments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  lead_id uuid NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('assigned', 'queued')),
  rep_id uuid REFERENCES users(id) ON DELETE SET NULL,   -- null when queued
  policy text NOT NULL,
  policy_version integer,
  -- Probability the policy had of choosing rep_id (null when queued or not estimated).
  propensity double precision CHECK (propensity IS NULL OR (propensity > 0 AND propensity <= 1)),
  segment text NOT NULL,
  eligible jsonb NOT NULL DEFAULT '[]',   -- rep ids the rules allowed: the choice set for off-policy evaluation
  explanation text NOT NULL,
  why jsonb NOT NULL DEFAULT '{}',
  queued_reason text,
  assigned_by uuid REFERENCES users(id) ON DELETE SET NULL,
  assigned_at timestamptz(3) NOT NULL DEFAULT now(),
  reward double precision,
  reward_at timestamptz(3),
  reward_key text UNIQUE                  -- idempotency key of the outcome applied
);
CREATE INDEX lead_assignments_lead_idx ON lead_assignments (lead_id, id);
CREATE INDEX lead_assignments_rep_idx ON lead_assignments (rep_id, assigned_at);
CREATE INDEX lead_assignments_assigned_at_idx ON lead_assignments (assigned_at);
