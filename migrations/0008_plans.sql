-- Plans: each agency's strategic plan (Renstra) as a tree goal → objective → program → activity →
-- sub-activity, indicators on any node with their yearly targets; per year the performance
-- agreement (Perjanjian Kinerja) of the agency and, cascaded, of its units, kept in versions
-- (murni, then perubahan with a reason; every version stays readable); individual indicators
-- (IKI) of employees cascaded from their unit's. Numbers are numeric (exact decimals).
--
-- A target is either one value or a range low ≤ high, never both: the same three columns and
-- check in every target table.

-- Per-government defaults for plans; no row means the defaults below.
CREATE TABLE plan_settings (
  government_id uuid PRIMARY KEY REFERENCES governments(id),
  lower_better_formula text NOT NULL DEFAULT 'inverse_difference'
    CHECK (lower_better_formula IN ('inverse_difference', 'ratio')),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE plans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  agency_id uuid NOT NULL,
  name text NOT NULL,
  start_year integer NOT NULL CHECK (start_year BETWEEN 2000 AND 2100),
  end_year integer NOT NULL CHECK (end_year BETWEEN 2000 AND 2100),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'established', 'ended')),
  decree_number text NOT NULL DEFAULT '',
  description text NOT NULL DEFAULT '',
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (end_year >= start_year AND end_year - start_year <= 9),
  UNIQUE (government_id, id),
  FOREIGN KEY (government_id, agency_id) REFERENCES agencies (government_id, id)
);
CREATE INDEX plans_agency_idx ON plans (government_id, agency_id);

-- The tree. Which kind may sit under which is checked by the service (goal at the root, then
-- one level down each time); the database keeps parents inside the same plan.
CREATE TABLE plan_nodes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  plan_id uuid NOT NULL,
  parent_id uuid,
  kind text NOT NULL CHECK (kind IN ('goal', 'objective', 'program', 'activity', 'sub_activity')),
  code text NOT NULL,
  name text NOT NULL,
  unit_id uuid,
  sort_order integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'goal') = (parent_id IS NULL)),
  CHECK (parent_id IS NULL OR parent_id <> id),
  UNIQUE (government_id, id),
  UNIQUE (plan_id, id),
  FOREIGN KEY (government_id, plan_id) REFERENCES plans (government_id, id),
  FOREIGN KEY (plan_id, parent_id) REFERENCES plan_nodes (plan_id, id),
  FOREIGN KEY (government_id, unit_id) REFERENCES units (government_id, id)
);
CREATE INDEX plan_nodes_parent_idx ON plan_nodes (plan_id, parent_id);

CREATE TABLE plan_indicators (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  plan_id uuid NOT NULL,
  node_id uuid NOT NULL,
  code text NOT NULL DEFAULT '',
  name text NOT NULL,
  unit_of_measure text NOT NULL,
  direction text NOT NULL CHECK (direction IN ('higher_better', 'lower_better', 'range')),
  lower_better_formula text NOT NULL CHECK (lower_better_formula IN ('inverse_difference', 'ratio')),
  definition text NOT NULL DEFAULT '',
  formula text NOT NULL DEFAULT '',
  data_source text NOT NULL DEFAULT '',
  unit_id uuid,
  is_key boolean NOT NULL DEFAULT false,
  indicator_type text NOT NULL CHECK (indicator_type IN ('input', 'output', 'outcome', 'impact')),
  aggregation text NOT NULL CHECK (aggregation IN ('sum', 'last', 'average', 'max')),
  decimals integer NOT NULL DEFAULT 2 CHECK (decimals BETWEEN 0 AND 6),
  weight numeric CHECK (weight IS NULL OR weight > 0),
  baseline_value numeric,
  baseline_year integer,
  end_target_value numeric,
  end_target_low numeric,
  end_target_high numeric,
  sort_order integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((baseline_value IS NULL) = (baseline_year IS NULL)),
  CHECK (
    (end_target_value IS NULL AND end_target_low IS NULL AND end_target_high IS NULL)
    OR (end_target_value IS NOT NULL AND end_target_low IS NULL AND end_target_high IS NULL)
    OR (end_target_value IS NULL AND end_target_low IS NOT NULL AND end_target_high IS NOT NULL
        AND end_target_low <= end_target_high)
  ),
  UNIQUE (government_id, id),
  UNIQUE (plan_id, id),
  FOREIGN KEY (government_id, plan_id) REFERENCES plans (government_id, id),
  FOREIGN KEY (plan_id, node_id) REFERENCES plan_nodes (plan_id, id),
  FOREIGN KEY (government_id, unit_id) REFERENCES units (government_id, id)
);
CREATE INDEX plan_indicators_node_idx ON plan_indicators (plan_id, node_id);

-- Renstra targets: one per indicator and year of the plan's period.
CREATE TABLE plan_indicator_targets (
  indicator_id uuid NOT NULL,
  government_id uuid NOT NULL REFERENCES governments(id),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  target_value numeric,
  target_low numeric,
  target_high numeric,
  CHECK (
    (target_value IS NOT NULL AND target_low IS NULL AND target_high IS NULL)
    OR (target_value IS NULL AND target_low IS NOT NULL AND target_high IS NOT NULL AND target_low <= target_high)
  ),
  PRIMARY KEY (indicator_id, year),
  FOREIGN KEY (government_id, indicator_id) REFERENCES plan_indicators (government_id, id)
);

-- A year's performance agreement of an agency (unit_id NULL) or of one of its units. The versions
-- of one agency/unit and year form a series: version 1 is murni, later ones perubahan with a
-- reason, each superseding the one before; exactly one is current. A unit's agreement is cascaded
-- from its parent's (the agency's, or the parent unit's).
CREATE TABLE performance_agreements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  agency_id uuid NOT NULL,
  unit_id uuid,
  plan_id uuid NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  version_no integer NOT NULL DEFAULT 1 CHECK (version_no >= 1),
  version_kind text NOT NULL DEFAULT 'murni' CHECK (version_kind IN ('murni', 'perubahan')),
  reason text NOT NULL DEFAULT '',
  supersedes_id uuid,
  is_current boolean NOT NULL DEFAULT true,
  superseded_at timestamptz,
  parent_id uuid,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
  signed_on date,
  created_by_user_id uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((version_kind = 'murni') = (version_no = 1)),
  CHECK ((version_no = 1) = (supersedes_id IS NULL)),
  CHECK (version_kind = 'murni' OR length(trim(reason)) > 0),
  CHECK ((status = 'signed') = (signed_on IS NOT NULL)),
  CHECK (is_current = (superseded_at IS NULL)),
  CHECK ((unit_id IS NULL) = (parent_id IS NULL)),
  UNIQUE (government_id, id),
  FOREIGN KEY (government_id, agency_id) REFERENCES agencies (government_id, id),
  FOREIGN KEY (government_id, unit_id) REFERENCES units (government_id, id),
  FOREIGN KEY (government_id, plan_id) REFERENCES plans (government_id, id),
  FOREIGN KEY (government_id, supersedes_id) REFERENCES performance_agreements (government_id, id),
  FOREIGN KEY (government_id, parent_id) REFERENCES performance_agreements (government_id, id)
);
CREATE UNIQUE INDEX performance_agreements_version_idx ON performance_agreements
  (agency_id, COALESCE(unit_id, '00000000-0000-0000-0000-000000000000'::uuid), year, version_no);
CREATE UNIQUE INDEX performance_agreements_current_idx ON performance_agreements
  (agency_id, COALESCE(unit_id, '00000000-0000-0000-0000-000000000000'::uuid), year) WHERE is_current;
CREATE INDEX performance_agreements_year_idx ON performance_agreements (government_id, year);

-- The indicators of one agreement version. Realisasi will be recorded against the indicator, the
-- agency/unit and the period (stable across versions), not against these rows.
CREATE TABLE performance_agreement_indicators (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  agreement_id uuid NOT NULL,
  indicator_id uuid NOT NULL,
  sort_order integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agreement_id, indicator_id),
  UNIQUE (government_id, id),
  FOREIGN KEY (government_id, agreement_id) REFERENCES performance_agreements (government_id, id),
  FOREIGN KEY (government_id, indicator_id) REFERENCES plan_indicators (government_id, id)
);

-- Annual target ('year') and rencana aksi (q1..q4) of an agreement indicator.
CREATE TABLE performance_agreement_targets (
  agreement_indicator_id uuid NOT NULL,
  government_id uuid NOT NULL REFERENCES governments(id),
  period text NOT NULL CHECK (period IN ('year', 'q1', 'q2', 'q3', 'q4')),
  target_value numeric,
  target_low numeric,
  target_high numeric,
  CHECK (
    (target_value IS NOT NULL AND target_low IS NULL AND target_high IS NULL)
    OR (target_value IS NULL AND target_low IS NOT NULL AND target_high IS NOT NULL AND target_low <= target_high)
  ),
  PRIMARY KEY (agreement_indicator_id, period),
  FOREIGN KEY (government_id, agreement_indicator_id) REFERENCES performance_agreement_indicators (government_id, id)
);

-- Pagu per program / activity / sub-activity in an agreement, in rupiah.
CREATE TABLE performance_agreement_budgets (
  agreement_id uuid NOT NULL,
  government_id uuid NOT NULL REFERENCES governments(id),
  node_id uuid NOT NULL,
  amount numeric NOT NULL CHECK (amount >= 0),
  sort_order integer NOT NULL DEFAULT 0,
  PRIMARY KEY (agreement_id, node_id),
  FOREIGN KEY (government_id, agreement_id) REFERENCES performance_agreements (government_id, id),
  FOREIGN KEY (government_id, node_id) REFERENCES plan_nodes (government_id, id)
);

-- First party (the head of the agency or unit) and second party (the superior). Title, name and
-- NIP are kept as signed; an official outside the system (the Bupati) has no position or employee.
CREATE TABLE performance_agreement_signatories (
  agreement_id uuid NOT NULL,
  government_id uuid NOT NULL REFERENCES governments(id),
  party text NOT NULL CHECK (party IN ('first', 'second')),
  position_id uuid,
  title text NOT NULL,
  employee_id uuid,
  name text NOT NULL,
  nip text NOT NULL DEFAULT '',
  acting text NOT NULL DEFAULT 'definitive' CHECK (acting IN ('definitive', 'plt', 'plh')),
  CHECK ((position_id IS NULL) = (employee_id IS NULL)),
  PRIMARY KEY (agreement_id, party),
  FOREIGN KEY (government_id, agreement_id) REFERENCES performance_agreements (government_id, id),
  FOREIGN KEY (government_id, position_id) REFERENCES positions (government_id, id),
  FOREIGN KEY (government_id, employee_id) REFERENCES employees (government_id, id)
);

-- Individual indicators (IKI) of an employee for a year, each cascaded from an indicator in the
-- agreement of the employee's unit (or agency, unit_id NULL).
CREATE TABLE individual_indicators (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  agency_id uuid NOT NULL,
  employee_id uuid NOT NULL,
  unit_id uuid,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  parent_indicator_id uuid NOT NULL,
  name text NOT NULL,
  unit_of_measure text NOT NULL,
  direction text NOT NULL CHECK (direction IN ('higher_better', 'lower_better', 'range')),
  lower_better_formula text NOT NULL CHECK (lower_better_formula IN ('inverse_difference', 'ratio')),
  aggregation text NOT NULL CHECK (aggregation IN ('sum', 'last', 'average', 'max')),
  decimals integer NOT NULL DEFAULT 2 CHECK (decimals BETWEEN 0 AND 6),
  sort_order integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (government_id, id),
  FOREIGN KEY (government_id, agency_id) REFERENCES agencies (government_id, id),
  FOREIGN KEY (government_id, employee_id) REFERENCES employees (government_id, id),
  FOREIGN KEY (government_id, unit_id) REFERENCES units (government_id, id),
  FOREIGN KEY (government_id, parent_indicator_id) REFERENCES plan_indicators (government_id, id)
);
CREATE INDEX individual_indicators_employee_idx ON individual_indicators (government_id, employee_id, year);
CREATE INDEX individual_indicators_parent_idx ON individual_indicators (government_id, parent_indicator_id);

CREATE TABLE individual_indicator_targets (
  individual_indicator_id uuid NOT NULL,
  government_id uuid NOT NULL REFERENCES governments(id),
  period text NOT NULL CHECK (period IN ('year', 'q1', 'q2', 'q3', 'q4')),
  target_value numeric,
  target_low numeric,
  target_high numeric,
  CHECK (
    (target_value IS NOT NULL AND target_low IS NULL AND target_high IS NULL)
    OR (target_value IS NULL AND target_low IS NOT NULL AND target_high IS NOT NULL AND target_low <= target_high)
  ),
  PRIMARY KEY (individual_indicator_id, period),
  FOREIGN KEY (government_id, individual_indicator_id) REFERENCES individual_indicators (government_id, id)
);
