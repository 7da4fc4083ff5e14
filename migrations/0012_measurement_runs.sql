-- A measurement run keeps what was measured and how, so that a past report reproduces exactly:
-- the method (engine version, category scale, decimals, cap, efficiency formula), the inputs
-- (targets and actuals as exact text, the plan nodes), their SHA-256, and the results. A change in
-- the data measured (a late entry, a correction) makes a new run of the same agency and year that
-- supersedes the previous one; superseded runs stay readable forever.
CREATE TABLE measurement_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  agency_id uuid NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  run_no integer NOT NULL CHECK (run_no >= 1),
  trigger text NOT NULL CHECK (trigger IN ('request', 'data_changed', 'case_step')),
  reason text NOT NULL DEFAULT '',
  method jsonb NOT NULL,
  inputs jsonb NOT NULL,
  inputs_sha256 text NOT NULL CHECK (inputs_sha256 ~ '^[0-9a-f]{64}$'),
  results jsonb NOT NULL,
  agency_achievement numeric,
  agency_category text,
  indicator_count integer NOT NULL,
  case_id uuid,
  superseded_by_id uuid,
  superseded_at timestamptz,
  created_by_user_id uuid REFERENCES users(id),
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((superseded_by_id IS NULL) = (superseded_at IS NULL)),
  UNIQUE (government_id, id),
  UNIQUE (agency_id, year, run_no),
  FOREIGN KEY (government_id, agency_id) REFERENCES agencies (government_id, id),
  -- Checked at commit: the current run is superseded before its successor is inserted, so that
  -- there is never a moment with two current runs.
  FOREIGN KEY (government_id, superseded_by_id) REFERENCES measurement_runs (government_id, id)
    DEFERRABLE INITIALLY DEFERRED
);
-- At most one current run per agency and year.
CREATE UNIQUE INDEX measurement_runs_current_idx ON measurement_runs (agency_id, year) WHERE superseded_by_id IS NULL;
CREATE INDEX measurement_runs_list_idx ON measurement_runs (government_id, year, agency_id);
