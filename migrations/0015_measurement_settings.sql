-- How a government measures (DESIGN.md §5): its category scale (Permendagri 86/2017 unless it
-- chose another or wrote its own), the decimals of every achievement, an optional cap, the
-- efficiency formula, and the plan level the agency's achievement is the mean of. No row means
-- the defaults. A measurement run copies these into its method, so a change of settings never
-- alters a past run; it applies to the runs made after it.
CREATE TABLE measurement_settings (
  government_id uuid PRIMARY KEY REFERENCES governments(id),
  scale jsonb NOT NULL,
  decimals integer NOT NULL DEFAULT 2 CHECK (decimals BETWEEN 0 AND 4),
  cap numeric CHECK (cap IS NULL OR cap >= 100),
  efficiency_formula text NOT NULL DEFAULT 'difference' CHECK (efficiency_formula IN ('difference', 'ratio')),
  agency_from text NOT NULL DEFAULT 'objective' CHECK (agency_from IN ('goal', 'objective')),
  updated_at timestamptz NOT NULL DEFAULT now()
);
