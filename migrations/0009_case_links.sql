-- What a case is about in its domain, when a module started it (e.g. the collection period a
-- collection SOP runs for). Generic: the module that owns the kind interprets the id.
ALTER TABLE cases ADD COLUMN link_kind text;
ALTER TABLE cases ADD COLUMN link_id uuid;
ALTER TABLE cases ADD CONSTRAINT cases_link_check CHECK ((link_kind IS NULL) = (link_id IS NULL));
CREATE INDEX cases_link_idx ON cases (government_id, link_kind, link_id) WHERE link_kind IS NOT NULL;
