-- Team development (issue #6): the editable competency model, per-rep assessments per period,
-- manager ratings (training data for the supervised scorer), and training plans whose steps are tasks.

CREATE TABLE competency_models (
  version integer PRIMARY KEY,
  competencies jsonb NOT NULL,
  updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE competency_assessments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  period text NOT NULL,
  method text NOT NULL CHECK (method IN ('rubric', 'supervised')),
  overall double precision,
  scorecard jsonb NOT NULL,
  computed_at timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE (user_id, period)
);

CREATE TABLE competency_ratings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  competency text NOT NULL,
  period text NOT NULL,
  rating double precision NOT NULL CHECK (rating >= 0 AND rating <= 100),
  rated_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX competency_ratings_user_idx ON competency_ratings (user_id, competency);

CREATE TABLE training_plans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  period text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'cancelled')),
  gaps jsonb NOT NULL DEFAULT '[]',
  baseline jsonb NOT NULL DEFAULT '[]',
  starts_at timestamptz(3) NOT NULL DEFAULT now(),
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX training_plans_user_idx ON training_plans (user_id, created_at);

CREATE TABLE training_plan_steps (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL REFERENCES training_plans(id) ON DELETE CASCADE,
  position integer NOT NULL,
  week integer NOT NULL,
  competency text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('read', 'study_call', 'study_email', 'practice')),
  title text NOT NULL,
  ref jsonb NOT NULL DEFAULT '{}',
  due_at timestamptz(3),
  task_id uuid REFERENCES tasks(id) ON DELETE SET NULL,
  UNIQUE (plan_id, position)
);
