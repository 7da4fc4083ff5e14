-- Correction of validated (locked) performance data, run by a correction SOP as a case: the
-- correction's scope (periods, units, indicators, employees), its items — each a locked value, the
-- version it corrects, the proposed value, the reason, the root cause and whether the correction
-- removes it, evidence — with every act on an item kept; meetings (rapat) with their participants,
-- minutes and decisions; the paraf given at steps. At the final signature the accepted items become
-- new versions of their values (source 'correction'); the versions before stay readable forever.

ALTER TABLE collection_value_versions DROP CONSTRAINT collection_value_versions_source_check;
ALTER TABLE collection_value_versions ADD CONSTRAINT collection_value_versions_source_check
  CHECK (source IN ('form', 'import', 'demo', 'correction'));

CREATE TABLE corrections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  agency_id uuid NOT NULL,
  case_id uuid NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  period_ids uuid[] NOT NULL CHECK (cardinality(period_ids) > 0),
  -- Empty: every unit (and the agency's own agreement) of the periods.
  unit_ids uuid[] NOT NULL DEFAULT '{}',
  -- Empty: every indicator; individual indicators only of the employees named.
  indicator_ids uuid[] NOT NULL DEFAULT '{}',
  employee_ids uuid[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'applied', 'closed')),
  -- The document being signed (signatures module) and when the items were applied.
  document_id uuid,
  applied_at timestamptz,
  applied_by_user_id uuid REFERENCES users(id),
  closed_at timestamptz,
  created_by_user_id uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'open') = (applied_at IS NULL)),
  UNIQUE (government_id, id),
  UNIQUE (case_id),
  FOREIGN KEY (government_id, agency_id) REFERENCES agencies (government_id, id),
  FOREIGN KEY (government_id, case_id) REFERENCES cases (government_id, id)
);
CREATE INDEX corrections_agency_idx ON corrections (government_id, agency_id, year);

-- One item per value and correction. `base_version_no` is the version it corrects (0: the value
-- was never entered); applying refuses when the value has moved on since.
CREATE TABLE correction_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  correction_id uuid NOT NULL,
  period_id uuid NOT NULL,
  indicator_id uuid,
  individual_indicator_id uuid,
  unit_id uuid,
  value_id uuid REFERENCES collection_values(id),
  base_version_no integer NOT NULL CHECK (base_version_no >= 0),
  base_actual numeric,
  base_budget_spent numeric,
  proposed_actual numeric NOT NULL,
  -- Null: the spending stays as it is.
  proposed_budget_spent numeric CHECK (proposed_budget_spent IS NULL OR proposed_budget_spent >= 0),
  reason text NOT NULL CHECK (length(trim(reason)) > 0),
  root_cause text NOT NULL CHECK (length(trim(root_cause)) > 0),
  removes_cause boolean NOT NULL,
  cause_action text NOT NULL DEFAULT '',
  revision integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
  status text NOT NULL DEFAULT 'proposed'
    CHECK (status IN ('proposed', 'approved', 'returned', 'withdrawn', 'applied')),
  -- The task whose decision set the status (a review's approval or return).
  decided_task_id uuid REFERENCES case_tasks(id),
  returned_to_step integer,
  return_reason text,
  applied_version_no integer,
  applied_at timestamptz,
  created_by_user_id uuid REFERENCES users(id),
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((indicator_id IS NULL) <> (individual_indicator_id IS NULL)),
  CHECK ((status = 'returned') = (returned_to_step IS NOT NULL)),
  CHECK ((status = 'applied') = (applied_version_no IS NOT NULL)),
  CHECK (NOT removes_cause OR length(trim(cause_action)) > 0),
  UNIQUE (government_id, id),
  FOREIGN KEY (government_id, correction_id) REFERENCES corrections (government_id, id),
  FOREIGN KEY (government_id, period_id) REFERENCES collection_periods (government_id, id),
  FOREIGN KEY (government_id, indicator_id) REFERENCES plan_indicators (government_id, id),
  FOREIGN KEY (government_id, individual_indicator_id) REFERENCES individual_indicators (government_id, id),
  FOREIGN KEY (government_id, unit_id) REFERENCES units (government_id, id)
);
CREATE UNIQUE INDEX correction_items_slot_idx ON correction_items
  (correction_id, period_id, COALESCE(indicator_id, individual_indicator_id),
   COALESCE(unit_id, '00000000-0000-0000-0000-000000000000'::uuid))
  WHERE status <> 'withdrawn';
CREATE INDEX correction_items_value_idx ON correction_items (value_id) WHERE status IN ('proposed', 'approved', 'returned');

-- Bukti dukung of an item: a file, a link or a text.
CREATE TABLE correction_item_evidence (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  item_id uuid NOT NULL REFERENCES correction_items(id),
  kind text NOT NULL CHECK (kind IN ('file', 'link', 'text')),
  file_id uuid,
  url text,
  body text,
  description text NOT NULL DEFAULT '',
  created_by_user_id uuid REFERENCES users(id),
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'file') = (file_id IS NOT NULL)),
  CHECK ((kind = 'link') = (url IS NOT NULL)),
  CHECK ((kind = 'text') = (body IS NOT NULL)),
  FOREIGN KEY (government_id, file_id) REFERENCES files (government_id, id)
);
CREATE INDEX correction_item_evidence_item_idx ON correction_item_evidence (item_id);

-- Everything that happened to an item, append-only.
CREATE TABLE correction_item_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  government_id uuid NOT NULL REFERENCES governments(id),
  item_id uuid NOT NULL REFERENCES correction_items(id),
  task_id uuid REFERENCES case_tasks(id),
  step_no integer,
  action text NOT NULL CHECK (action IN ('propose', 'revise', 'approve', 'return', 'withdraw', 'evidence', 'apply')),
  revision integer NOT NULL,
  reason text NOT NULL DEFAULT '',
  data jsonb NOT NULL DEFAULT '{}',
  actor_user_id uuid REFERENCES users(id),
  actor_name text NOT NULL,
  actor_position_name text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX correction_item_events_item_idx ON correction_item_events (item_id, id);

-- A rapat held at a meeting step: when, where, who was invited and who came, what was discussed
-- and decided; its invitation and minutes (Notulen) are produced as PDF.
CREATE TABLE correction_meetings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  correction_id uuid NOT NULL,
  task_id uuid NOT NULL REFERENCES case_tasks(id),
  step_no integer NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz,
  place text NOT NULL CHECK (length(trim(place)) > 0),
  agenda text NOT NULL CHECK (length(trim(agenda)) > 0),
  minutes text NOT NULL DEFAULT '',
  decisions text NOT NULL DEFAULT '',
  chair_employee_id uuid,
  invitation_file_id uuid,
  minutes_file_id uuid,
  created_by_user_id uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at IS NULL OR ends_at >= starts_at),
  UNIQUE (government_id, id),
  UNIQUE (task_id),
  FOREIGN KEY (government_id, correction_id) REFERENCES corrections (government_id, id),
  FOREIGN KEY (government_id, chair_employee_id) REFERENCES employees (government_id, id),
  FOREIGN KEY (government_id, invitation_file_id) REFERENCES files (government_id, id),
  FOREIGN KEY (government_id, minutes_file_id) REFERENCES files (government_id, id)
);

CREATE TABLE correction_meeting_participants (
  meeting_id uuid NOT NULL REFERENCES correction_meetings(id),
  government_id uuid NOT NULL REFERENCES governments(id),
  employee_id uuid NOT NULL,
  -- As on the day: the name and the position the person attends in.
  name text NOT NULL,
  nip text NOT NULL DEFAULT '',
  position_title text NOT NULL DEFAULT '',
  invited boolean NOT NULL DEFAULT true,
  present boolean,
  sort_order integer NOT NULL DEFAULT 0,
  PRIMARY KEY (meeting_id, employee_id),
  FOREIGN KEY (government_id, employee_id) REFERENCES employees (government_id, id)
);

-- A paraf: the recorded endorsement of a person at a step (the position acted in, Plt/Plh too).
CREATE TABLE correction_parafs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  correction_id uuid NOT NULL,
  task_id uuid NOT NULL REFERENCES case_tasks(id),
  step_no integer NOT NULL,
  user_id uuid REFERENCES users(id),
  employee_id uuid,
  name text NOT NULL,
  nip text NOT NULL DEFAULT '',
  position_id uuid,
  position_title text NOT NULL,
  acting text NOT NULL DEFAULT 'definitive' CHECK (acting IN ('definitive', 'plt', 'plh')),
  at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (task_id),
  FOREIGN KEY (government_id, correction_id) REFERENCES corrections (government_id, id)
);
