-- Data collection (pengumpulan data kinerja): per agency and year, collection periods (quarters
-- or months) with an entry window; realisasi per indicator × agency/unit × period and per
-- individual indicator (IKI) × period, every save a new version that stays readable forever;
-- evidence (file, link or text; replaced, never deleted), comments and follow-up flags per value;
-- per unit (or the agency itself) a submission that is completed, then approved or returned.
-- A locked period refuses every write; a correction goes through a correction case.

-- Plan indicators gain what validation needs: a valid range and whether evidence is required.
ALTER TABLE plan_indicators ADD COLUMN valid_min numeric;
ALTER TABLE plan_indicators ADD COLUMN valid_max numeric;
ALTER TABLE plan_indicators ADD COLUMN evidence_required boolean NOT NULL DEFAULT false;
ALTER TABLE plan_indicators ADD CONSTRAINT plan_indicators_valid_range_check
  CHECK (valid_min IS NULL OR valid_max IS NULL OR valid_min <= valid_max);

CREATE TABLE collection_periods (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  agency_id uuid NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  period text NOT NULL CHECK (period ~ '^(q[1-4]|m(0[1-9]|1[0-2]))$'),
  label text NOT NULL,
  opens_on date NOT NULL,
  closes_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'locked')),
  locked_at timestamptz,
  locked_by_user_id uuid REFERENCES users(id),
  locked_by_case_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (closes_on >= opens_on),
  CHECK ((status = 'locked') = (locked_at IS NOT NULL)),
  UNIQUE (agency_id, year, period),
  UNIQUE (government_id, id),
  FOREIGN KEY (government_id, agency_id) REFERENCES agencies (government_id, id)
);
CREATE INDEX collection_periods_agency_idx ON collection_periods (government_id, agency_id, year);

-- One value per indicator × agency/unit × period (unit_id NULL: the agency's own agreement), or per
-- individual indicator × period. The row holds the latest version; every version is in
-- collection_value_versions. `version_no` 0 means nothing saved yet (never stored as a row).
CREATE TABLE collection_values (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  period_id uuid NOT NULL,
  indicator_id uuid,
  individual_indicator_id uuid,
  unit_id uuid,
  version_no integer NOT NULL CHECK (version_no >= 1),
  actual numeric NOT NULL,
  budget_spent numeric CHECK (budget_spent IS NULL OR budget_spent >= 0),
  supporting_factors text NOT NULL DEFAULT '',
  inhibiting_factors text NOT NULL DEFAULT '',
  follow_up text NOT NULL DEFAULT '',
  -- Flagged for re-entry by a reviewer (with the reason) until the next save.
  returned_reason text,
  returned_at timestamptz,
  updated_by_user_id uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((indicator_id IS NULL) <> (individual_indicator_id IS NULL)),
  UNIQUE (government_id, id),
  FOREIGN KEY (government_id, period_id) REFERENCES collection_periods (government_id, id),
  FOREIGN KEY (government_id, indicator_id) REFERENCES plan_indicators (government_id, id),
  FOREIGN KEY (government_id, individual_indicator_id) REFERENCES individual_indicators (government_id, id),
  FOREIGN KEY (government_id, unit_id) REFERENCES units (government_id, id)
);
CREATE UNIQUE INDEX collection_values_indicator_idx ON collection_values
  (period_id, indicator_id, COALESCE(unit_id, '00000000-0000-0000-0000-000000000000'::uuid))
  WHERE indicator_id IS NOT NULL;
CREATE UNIQUE INDEX collection_values_individual_idx ON collection_values (period_id, individual_indicator_id)
  WHERE individual_indicator_id IS NOT NULL;
CREATE INDEX collection_values_history_idx ON collection_values (government_id, indicator_id, unit_id);

-- Every saved version, append-only: who, when, why, and the case it was saved in (if any).
CREATE TABLE collection_value_versions (
  value_id uuid NOT NULL REFERENCES collection_values(id),
  government_id uuid NOT NULL REFERENCES governments(id),
  version_no integer NOT NULL CHECK (version_no >= 1),
  actual numeric NOT NULL,
  budget_spent numeric,
  supporting_factors text NOT NULL,
  inhibiting_factors text NOT NULL,
  follow_up text NOT NULL,
  reason text NOT NULL DEFAULT '',
  case_id uuid,
  source text NOT NULL DEFAULT 'form' CHECK (source IN ('form', 'import', 'demo')),
  created_by_user_id uuid REFERENCES users(id),
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (value_id, version_no)
);

-- Bukti dukung: a file (uploaded through the files module), a link or a text. Replacing keeps the
-- old item with the reason and the item that replaced it.
CREATE TABLE collection_evidence (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  value_id uuid NOT NULL REFERENCES collection_values(id),
  kind text NOT NULL CHECK (kind IN ('file', 'link', 'text')),
  file_id uuid,
  url text,
  body text,
  description text NOT NULL DEFAULT '',
  created_by_user_id uuid REFERENCES users(id),
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  replaced_by_id uuid REFERENCES collection_evidence(id),
  replaced_at timestamptz,
  replace_reason text,
  CHECK ((kind = 'file') = (file_id IS NOT NULL)),
  CHECK ((kind = 'link') = (url IS NOT NULL)),
  CHECK ((kind = 'text') = (body IS NOT NULL)),
  CHECK ((replaced_at IS NULL) = (replace_reason IS NULL)),
  FOREIGN KEY (government_id, file_id) REFERENCES files (government_id, id)
);
CREATE INDEX collection_evidence_value_idx ON collection_evidence (value_id);

CREATE TABLE collection_comments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  value_id uuid NOT NULL REFERENCES collection_values(id),
  body text NOT NULL,
  author_user_id uuid REFERENCES users(id),
  author_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX collection_comments_value_idx ON collection_comments (value_id);

-- Follow-up flags on a value: raised with a note, resolved with a resolution.
CREATE TABLE collection_flags (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  value_id uuid NOT NULL REFERENCES collection_values(id),
  note text NOT NULL,
  raised_by_user_id uuid REFERENCES users(id),
  raised_by_name text NOT NULL,
  raised_at timestamptz NOT NULL DEFAULT now(),
  resolution text,
  resolved_by_user_id uuid REFERENCES users(id),
  resolved_by_name text,
  resolved_at timestamptz,
  CHECK ((resolved_at IS NULL) = (resolution IS NULL))
);
CREATE INDEX collection_flags_value_idx ON collection_flags (value_id);

-- A unit's (or, unit_id NULL, the agency's own) form for a period: completed by someone of the
-- unit, then approved or returned by a reviewer. Draft until first completed.
CREATE TABLE collection_submissions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  period_id uuid NOT NULL,
  unit_id uuid,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'completed', 'approved', 'returned')),
  completed_by_user_id uuid REFERENCES users(id),
  completed_at timestamptz,
  reviewed_by_user_id uuid REFERENCES users(id),
  reviewed_at timestamptz,
  return_reason text,
  returned_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (government_id, id),
  FOREIGN KEY (government_id, period_id) REFERENCES collection_periods (government_id, id),
  FOREIGN KEY (government_id, unit_id) REFERENCES units (government_id, id)
);
CREATE UNIQUE INDEX collection_submissions_unit_idx ON collection_submissions
  (period_id, COALESCE(unit_id, '00000000-0000-0000-0000-000000000000'::uuid));

-- The history of a submission: complete, approve, return (with reason), per value returns.
CREATE TABLE collection_submission_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  submission_id uuid NOT NULL REFERENCES collection_submissions(id),
  kind text NOT NULL CHECK (kind IN ('complete', 'approve', 'return')),
  reason text NOT NULL DEFAULT '',
  case_id uuid,
  actor_user_id uuid REFERENCES users(id),
  actor_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX collection_submission_events_idx ON collection_submission_events (submission_id, created_at);
