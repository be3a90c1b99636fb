-- Lead scoring: every score ever given (history), with the latest one per lead flagged for fast
-- listing, and a cache of note embeddings from the configured provider (keyed by content hash).

CREATE TABLE lead_scores (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  lead_id uuid NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
  model_version integer NOT NULL,
  score double precision NOT NULL,
  grade text NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D')),
  log_odds double precision NOT NULL,
  reasons jsonb NOT NULL DEFAULT '[]',
  interval_low double precision,
  interval_high double precision,
  latest boolean NOT NULL DEFAULT true,
  scored_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX lead_scores_latest_idx ON lead_scores (lead_id) WHERE latest;
CREATE INDEX lead_scores_history_idx ON lead_scores (lead_id, scored_at DESC);
CREATE INDEX lead_scores_rank_idx ON lead_scores (score DESC) WHERE latest;

CREATE VIEW lead_scores_latest AS SELECT * FROM lead_scores WHERE latest;

CREATE TABLE lead_note_embeddings (
  content_hash text NOT NULL,
  model text NOT NULL,
  vector double precision[] NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (content_hash, model)
);
