-- The archive (arsip): every signed document once its last signature lands, and the record of
-- every closed case, each with its agency, kind, period, number, title, the text it is found by,
-- and its retention class (from the Jadwal Retensi Arsip defaults in packages/core/src/archive.ts).
-- Entries are written inside the transaction that signs the document or closes the case, and are
-- never changed afterwards; the files they point to are kept by their SHA-256 in the file store.
CREATE TABLE archive_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  agency_id uuid NOT NULL,
  source text NOT NULL CHECK (source IN ('document', 'case')),
  kind text NOT NULL,
  kind_label text NOT NULL,
  number text NOT NULL DEFAULT '',
  title text NOT NULL,
  year integer CHECK (year IS NULL OR year BETWEEN 2000 AND 2100),
  period text NOT NULL DEFAULT '',
  document_date date,
  retention_class text NOT NULL,
  -- Null: kept permanently (permanen).
  retention_years integer CHECK (retention_years IS NULL OR retention_years > 0),
  retain_until date,
  signed_document_id uuid,
  case_id uuid,
  file_id uuid,
  search_text text NOT NULL,
  archived_at timestamptz NOT NULL DEFAULT now(),
  archived_by_user_id uuid REFERENCES users(id),
  archived_by_name text NOT NULL DEFAULT '',
  CHECK ((source = 'document') = (signed_document_id IS NOT NULL)),
  CHECK (source = 'document' OR case_id IS NOT NULL),
  UNIQUE (government_id, id),
  FOREIGN KEY (government_id, agency_id) REFERENCES agencies (government_id, id),
  FOREIGN KEY (government_id, signed_document_id) REFERENCES signed_documents (government_id, id),
  FOREIGN KEY (government_id, case_id) REFERENCES cases (government_id, id),
  FOREIGN KEY (government_id, file_id) REFERENCES files (government_id, id)
);
CREATE UNIQUE INDEX archive_entries_document_idx ON archive_entries (signed_document_id) WHERE source = 'document';
CREATE UNIQUE INDEX archive_entries_case_idx ON archive_entries (case_id) WHERE source = 'case';
CREATE INDEX archive_entries_search_idx ON archive_entries (government_id, agency_id, year, archived_at);

CREATE FUNCTION archive_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'archive_entries is append-only';
END;
$$;
CREATE TRIGGER archive_entries_no_change BEFORE UPDATE OR DELETE ON archive_entries
  FOR EACH ROW EXECUTE FUNCTION archive_entries_append_only();
