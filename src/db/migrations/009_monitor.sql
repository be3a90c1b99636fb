-- Monitor: alert rules over KPI series and the alerts they raise, with the evidence that backs them.
-- Enumerations are CHECK constraints so later migrations can widen them.

CREATE TABLE alert_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  kpi text NOT NULL,
  scope text NOT NULL CHECK (scope IN ('company', 'team', 'rep')),
  scope_id uuid,
  frequency text NOT NULL DEFAULT 'week' CHECK (frequency IN ('day', 'week', 'month')),
  kind text NOT NULL CHECK (kind IN ('threshold', 'anomaly', 'target')),
  params jsonb NOT NULL DEFAULT '{}',
  enabled boolean NOT NULL DEFAULT true,
  owner_id uuid REFERENCES users(id) ON DELETE SET NULL,
  is_default boolean NOT NULL DEFAULT false,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
-- Default rules are created once per (kpi, scope, id, kind, frequency), however often the scan runs.
CREATE UNIQUE INDEX alert_rules_default_idx ON alert_rules
  (kpi, scope, coalesce(scope_id, '00000000-0000-0000-0000-000000000000'::uuid), kind, frequency) WHERE is_default;

CREATE TABLE alerts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  rule_id uuid NOT NULL REFERENCES alert_rules(id) ON DELETE CASCADE,
  kpi text NOT NULL,
  scope text NOT NULL,
  scope_id uuid,
  frequency text NOT NULL,
  period date NOT NULL,
  kind text NOT NULL,
  severity text NOT NULL DEFAULT 'warning' CHECK (severity IN ('info', 'warning', 'critical')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved')),
  title text NOT NULL,
  observed double precision,
  expected double precision,
  lower double precision,
  upper double precision,
  deviation double precision,
  score double precision,
  evidence jsonb NOT NULL DEFAULT '{}',
  links jsonb NOT NULL DEFAULT '[]',
  acknowledged_by uuid REFERENCES users(id) ON DELETE SET NULL,
  acknowledged_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE (rule_id, period)
);
CREATE INDEX alerts_status_idx ON alerts (status, created_at DESC);
CREATE INDEX alerts_scope_idx ON alerts (scope, scope_id);
