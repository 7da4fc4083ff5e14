-- Files people upload as outputs of a step or as evidence, and documents the system produces.
-- The record is here; the bytes are in the file store (FILES_DIR), addressed by their SHA-256.
CREATE TABLE files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  name text NOT NULL,
  media_type text NOT NULL,
  size integer NOT NULL CHECK (size >= 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  source text NOT NULL DEFAULT 'upload' CHECK (source IN ('upload', 'system')),
  uploaded_by_user_id uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (government_id, id)
);
CREATE INDEX files_uploader_idx ON files (government_id, uploaded_by_user_id);

-- The outputs a step was completed with: files, each optionally naming which printed output it is.
CREATE TABLE case_task_attachments (
  task_id uuid NOT NULL REFERENCES case_tasks(id),
  government_id uuid NOT NULL,
  file_id uuid NOT NULL,
  output text NOT NULL DEFAULT '',
  position integer NOT NULL,
  PRIMARY KEY (task_id, file_id),
  FOREIGN KEY (government_id, file_id) REFERENCES files (government_id, id)
);
CREATE INDEX case_task_attachments_file_idx ON case_task_attachments (file_id);
