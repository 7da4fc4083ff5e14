-- SOPs as data: one row per procedure of an agency, and its versions (the document as imported,
-- normalised, and the source text exactly as uploaded).

CREATE TABLE sops (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  agency_id uuid NOT NULL,
  key text NOT NULL,
  title text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('collection', 'measurement', 'correction', 'monitoring', 'general')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (government_id, key),
  UNIQUE (government_id, id),
  FOREIGN KEY (government_id, agency_id) REFERENCES agencies (government_id, id)
);

CREATE TABLE sop_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  sop_id uuid NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'effective', 'retired')),
  -- json, not jsonb: the document keeps its key order (the lanes are the printed Pelaksana columns).
  document json NOT NULL,
  source text NOT NULL,
  checksum text NOT NULL,
  created_by_user_id uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (sop_id, version),
  FOREIGN KEY (government_id, sop_id) REFERENCES sops (government_id, id)
);
CREATE INDEX sop_versions_sop_idx ON sop_versions (government_id, sop_id);
