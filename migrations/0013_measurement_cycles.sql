-- A measurement cycle is one agency's "pengukuran kinerja" of a year as its SOP runs it: the
-- case that runs it, the run its measuring step made last, and the run the Sekretaris approved
-- (the official figures of the year) once the case closes.
CREATE TABLE measurement_cycles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  agency_id uuid NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'approved', 'closed')),
  run_id uuid,
  approved_run_id uuid,
  approved_at timestamptz,
  closed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((approved_run_id IS NULL) = (approved_at IS NULL)),
  UNIQUE (government_id, id),
  FOREIGN KEY (government_id, agency_id) REFERENCES agencies (government_id, id),
  FOREIGN KEY (government_id, run_id) REFERENCES measurement_runs (government_id, id),
  FOREIGN KEY (government_id, approved_run_id) REFERENCES measurement_runs (government_id, id)
);
-- One cycle under way per agency and year; closed ones stay.
CREATE UNIQUE INDEX measurement_cycles_open_idx ON measurement_cycles (agency_id, year) WHERE status <> 'closed';
