-- Excel imports go template → validate → preview → apply. The preview holds what the file would
-- change (already parsed and checked) until the same user applies it or it expires (30 minutes);
-- the file itself is not kept. `versions` is a digest of the updated_at values of the target's
-- rows when the preview was made: apply answers 409 when the target changed in between.
CREATE TABLE import_previews (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  user_id uuid NOT NULL REFERENCES users(id),
  kind text NOT NULL CHECK (kind IN ('plan', 'agreement')),
  target_id uuid NOT NULL,
  versions text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  applied_at timestamptz,
  CHECK (expires_at > created_at)
);
CREATE INDEX import_previews_expiry_idx ON import_previews (expires_at);
