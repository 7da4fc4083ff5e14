-- Document numbers. Each agency sets a pattern per kind of document (e.g. `{seq}/DPPESDM/{year}`);
-- the running number counts per agency, kind and year, and every number given is a line of the
-- buku agenda. A number is never given twice: the counter row is locked by the allocating
-- transaction and advances with the line it writes; a cancelled number stays, marked void.
CREATE TABLE numbering_patterns (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  agency_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind ~ '^[a-z0-9][a-z0-9._-]*$'),
  label text NOT NULL,
  pattern text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agency_id, kind),
  UNIQUE (government_id, id),
  FOREIGN KEY (government_id, agency_id) REFERENCES agencies (government_id, id)
);

CREATE TABLE numbering_counters (
  government_id uuid NOT NULL REFERENCES governments(id),
  agency_id uuid NOT NULL,
  kind text NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  last_sequence integer NOT NULL CHECK (last_sequence >= 0),
  PRIMARY KEY (agency_id, kind, year),
  FOREIGN KEY (government_id, agency_id) REFERENCES agencies (government_id, id)
);

CREATE TABLE agenda_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  agency_id uuid NOT NULL,
  kind text NOT NULL,
  kind_label text NOT NULL,
  year integer NOT NULL,
  sequence integer NOT NULL CHECK (sequence >= 1),
  number text NOT NULL,
  pattern text NOT NULL,
  entry_date date NOT NULL,
  subject text NOT NULL,
  counterpart text NOT NULL DEFAULT '',
  note text NOT NULL DEFAULT '',
  link_kind text,
  link_id uuid,
  case_id uuid REFERENCES cases(id),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'void')),
  void_reason text NOT NULL DEFAULT '',
  voided_at timestamptz,
  voided_by_user_id uuid REFERENCES users(id),
  created_by_user_id uuid REFERENCES users(id),
  created_by_name text NOT NULL,
  created_by_position text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'void') = (voided_at IS NOT NULL)),
  CHECK ((link_kind IS NULL) = (link_id IS NULL)),
  UNIQUE (agency_id, kind, year, sequence),
  UNIQUE (government_id, id),
  FOREIGN KEY (government_id, agency_id) REFERENCES agencies (government_id, id)
);
CREATE INDEX agenda_entries_book_idx ON agenda_entries (government_id, entry_date DESC, created_at DESC);
CREATE INDEX agenda_entries_link_idx ON agenda_entries (link_kind, link_id);

ALTER TABLE signed_documents
  ADD CONSTRAINT signed_documents_agenda_entry_fk FOREIGN KEY (government_id, agenda_entry_id)
  REFERENCES agenda_entries (government_id, id);
