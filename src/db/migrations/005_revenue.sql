-- Revenue (issue #4): the customer-analytics snapshot, computed over stored orders by
-- `salesbloom customers recompute` / POST /api/v1/customers/recompute so pages load fast.
-- Forecast backtests go to model_monitoring; the win-probability model to models.

CREATE TABLE customer_snapshots (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  as_of date NOT NULL,
  computed_at timestamptz(3) NOT NULL DEFAULT now(),
  customers integer NOT NULL,
  segments jsonb NOT NULL DEFAULT '[]',
  params jsonb NOT NULL DEFAULT '{}',
  seconds double precision
);

CREATE TABLE customer_insights (
  snapshot_id bigint NOT NULL REFERENCES customer_snapshots(id) ON DELETE CASCADE,
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  segment_id integer NOT NULL,
  segment text NOT NULL,
  recency_days double precision NOT NULL,
  frequency integer NOT NULL,
  monetary double precision NOT NULL,
  p_alive double precision NOT NULL,
  expected_purchases_12m double precision NOT NULL,
  value_12m double precision NOT NULL,
  churn_risk double precision NOT NULL,
  last_order date,
  recommendations jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (snapshot_id, account_id)
);
CREATE INDEX customer_insights_account_idx ON customer_insights (account_id);
CREATE INDEX customer_insights_churn_idx ON customer_insights (snapshot_id, churn_risk DESC);
