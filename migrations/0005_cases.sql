-- Cases: one run of an effective SOP version with a scope (units, period, subject); its tasks are
-- opened by the engine and go to the positions that hold each step's lanes; every act is an event.

CREATE TABLE cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  agency_id uuid NOT NULL,
  sop_id uuid NOT NULL,
  sop_version_id uuid NOT NULL REFERENCES sop_versions(id),
  number integer NOT NULL,
  subject text NOT NULL,
  period text NOT NULL DEFAULT '',
  unit_ids uuid[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed', 'cancelled')),
  engine_state jsonb NOT NULL,
  started_by_user_id uuid REFERENCES users(id),
  started_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  cancel_reason text,
  UNIQUE (government_id, number),
  UNIQUE (government_id, id),
  FOREIGN KEY (government_id, agency_id) REFERENCES agencies (government_id, id),
  FOREIGN KEY (government_id, sop_id) REFERENCES sops (government_id, id)
);

CREATE TABLE case_tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  case_id uuid NOT NULL,
  engine_id text NOT NULL,
  step_no integer NOT NULL,
  unit_id uuid,
  round integer NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  outcome text CHECK (outcome IN ('done', 'ya', 'tidak')),
  assignee_position_ids uuid[] NOT NULL DEFAULT '{}',
  opened_at timestamptz NOT NULL DEFAULT now(),
  due_at timestamptz,
  completed_at timestamptz,
  completed_by_user_id uuid REFERENCES users(id),
  completed_by_position_id uuid,
  comment text NOT NULL DEFAULT '',
  reason text NOT NULL DEFAULT '',
  UNIQUE (case_id, engine_id),
  FOREIGN KEY (government_id, case_id) REFERENCES cases (government_id, id)
);
CREATE INDEX case_tasks_open_idx ON case_tasks (government_id, status);
CREATE INDEX case_tasks_assignees_idx ON case_tasks USING gin (assignee_position_ids);

CREATE TABLE case_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  government_id uuid NOT NULL REFERENCES governments(id),
  case_id uuid NOT NULL,
  task_id uuid REFERENCES case_tasks(id),
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid REFERENCES users(id),
  actor_name text,
  actor_position_id uuid,
  actor_position_name text,
  kind text NOT NULL CHECK (kind IN ('start', 'complete', 'return', 'reassign', 'cancel')),
  comment text NOT NULL DEFAULT '',
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  FOREIGN KEY (government_id, case_id) REFERENCES cases (government_id, id)
);
CREATE INDEX case_events_case_idx ON case_events (government_id, case_id, id);
