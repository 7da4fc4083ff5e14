-- Foundation: governments (tenants), organisation, people, users, sessions, audit trail.
-- Every tenant-scoped table carries government_id so a national deployment can shard by it.

CREATE TABLE governments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('provinsi', 'kabupaten', 'kota')),
  region text NOT NULL DEFAULT '',
  province text NOT NULL DEFAULT '',
  time_zone text NOT NULL CHECK (time_zone IN ('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura')),
  address text NOT NULL DEFAULT '',
  phone text NOT NULL DEFAULT '',
  email text NOT NULL DEFAULT '',
  website text NOT NULL DEFAULT '',
  letterhead_lines jsonb NOT NULL DEFAULT '[]'::jsonb,
  logo bytea,
  logo_mime text,
  require_admin_totp boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agencies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  code text NOT NULL,
  name text NOT NULL,
  short_name text NOT NULL DEFAULT '',
  kind text NOT NULL CHECK (kind IN ('dinas', 'badan', 'kecamatan', 'biro', 'inspektorat', 'sekretariat_daerah', 'kantor')),
  address text NOT NULL DEFAULT '',
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (government_id, code),
  UNIQUE (government_id, id)
);

CREATE TABLE units (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  agency_id uuid NOT NULL,
  parent_id uuid,
  code text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('sekretariat', 'bidang', 'bagian', 'sub_bagian', 'seksi', 'kelurahan', 'uptd', 'lainnya')),
  sort_order integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agency_id, code),
  UNIQUE (government_id, id),
  FOREIGN KEY (government_id, agency_id) REFERENCES agencies (government_id, id),
  FOREIGN KEY (government_id, parent_id) REFERENCES units (government_id, id)
);
CREATE INDEX units_agency_idx ON units (government_id, agency_id);

CREATE TABLE employees (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  agency_id uuid,
  nip text NOT NULL CHECK (nip ~ '^[0-9]{18}$'),
  name text NOT NULL,
  front_title text NOT NULL DEFAULT '',
  back_title text NOT NULL DEFAULT '',
  sex text NOT NULL CHECK (sex IN ('male', 'female')),
  birth_date date NOT NULL,
  rank text NOT NULL DEFAULT '',
  grade text NOT NULL DEFAULT '',
  email text NOT NULL DEFAULT '',
  phone text NOT NULL DEFAULT '',
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (government_id, nip),
  UNIQUE (government_id, id),
  FOREIGN KEY (government_id, agency_id) REFERENCES agencies (government_id, id)
);
CREATE INDEX employees_name_idx ON employees (government_id, lower(name));

CREATE TABLE positions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  agency_id uuid NOT NULL,
  unit_id uuid,
  code text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('head', 'secretary', 'staff', 'functional')),
  sort_order integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agency_id, code),
  UNIQUE (government_id, id),
  FOREIGN KEY (government_id, agency_id) REFERENCES agencies (government_id, id),
  FOREIGN KEY (government_id, unit_id) REFERENCES units (government_id, id)
);
CREATE INDEX positions_agency_idx ON positions (government_id, agency_id);

-- Who holds a position: the definitive holder, or a Plt / Plh acting for a date range.
CREATE TABLE position_assignments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  position_id uuid NOT NULL,
  employee_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('definitive', 'plt', 'plh')),
  starts_on date NOT NULL,
  ends_on date,
  decree_number text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on IS NULL OR ends_on >= starts_on),
  FOREIGN KEY (government_id, position_id) REFERENCES positions (government_id, id),
  FOREIGN KEY (government_id, employee_id) REFERENCES employees (government_id, id)
);
CREATE INDEX position_assignments_position_idx ON position_assignments (government_id, position_id);
CREATE INDEX position_assignments_employee_idx ON position_assignments (government_id, employee_id);
CREATE UNIQUE INDEX position_assignments_one_open_definitive
  ON position_assignments (position_id) WHERE kind = 'definitive' AND ends_on IS NULL;

CREATE TABLE teams (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  agency_id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agency_id, code),
  UNIQUE (government_id, id),
  FOREIGN KEY (government_id, agency_id) REFERENCES agencies (government_id, id)
);

-- A member is a position (the role follows whoever holds it) or a named employee.
CREATE TABLE team_members (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  team_id uuid NOT NULL,
  role text NOT NULL,
  position_id uuid,
  employee_id uuid,
  added_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz,
  CHECK ((position_id IS NULL) <> (employee_id IS NULL)),
  FOREIGN KEY (government_id, team_id) REFERENCES teams (government_id, id),
  FOREIGN KEY (government_id, position_id) REFERENCES positions (government_id, id),
  FOREIGN KEY (government_id, employee_id) REFERENCES employees (government_id, id)
);
CREATE INDEX team_members_team_idx ON team_members (government_id, team_id);

-- System administrators have no government; everyone else belongs to exactly one.
CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid REFERENCES governments(id),
  username text NOT NULL,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('system_admin', 'gov_admin', 'member')),
  employee_id uuid,
  password_hash text NOT NULL,
  totp_secret text,
  totp_pending_secret text,
  totp_enabled boolean NOT NULL DEFAULT false,
  must_change_password boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  last_login_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((role = 'system_admin') = (government_id IS NULL)),
  FOREIGN KEY (government_id, employee_id) REFERENCES employees (government_id, id)
);
CREATE UNIQUE INDEX users_username_idx ON users (lower(username));
CREATE INDEX users_employee_idx ON users (employee_id);

-- Server-side sessions; the cookie carries a random token, the table only its SHA-256.
CREATE TABLE sessions (
  id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  government_id uuid REFERENCES governments(id),
  csrf_token text NOT NULL,
  acting_position_id uuid,
  ip text,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Failed sign-in counters per account name and per client address, shared by all server processes.
CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  window_started_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz
);

-- Append-only audit trail, hash-chained per government (chain '' for system-level records).
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  chain text NOT NULL,
  seq bigint NOT NULL,
  government_id uuid,
  at timestamptz NOT NULL,
  actor_user_id uuid,
  actor_name text,
  actor_position_id uuid,
  actor_position_name text,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  before jsonb,
  after jsonb,
  ip text,
  user_agent text,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  UNIQUE (chain, seq)
);
CREATE INDEX audit_log_government_idx ON audit_log (government_id, at);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
