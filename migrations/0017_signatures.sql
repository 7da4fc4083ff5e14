-- Electronic signatures (PAdES). Each government has its own certificate authority, created on
-- first need: a self-signed root whose private key is sealed with the server's key. Signers enrol
-- by choosing a passphrase; their key is encrypted under it (and sealed with the server's key
-- too), so neither a copy of the database nor the server alone can sign for them.
CREATE TABLE signing_authorities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  subject text NOT NULL,
  serial_number text NOT NULL CHECK (serial_number ~ '^[0-9a-f]+$'),
  certificate bytea NOT NULL,
  fingerprint_sha256 text NOT NULL CHECK (fingerprint_sha256 ~ '^[0-9a-f]{64}$'),
  -- PKCS#8 of the CA key, sealed (AES-256-GCM under the server's key) for this authority.
  sealed_private_key text NOT NULL,
  not_before timestamptz NOT NULL,
  not_after timestamptz NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (government_id, id)
);
CREATE UNIQUE INDEX signing_authorities_one_active ON signing_authorities (government_id) WHERE active;

CREATE TABLE signer_certificates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  authority_id uuid NOT NULL,
  employee_id uuid NOT NULL,
  serial_number text NOT NULL CHECK (serial_number ~ '^[0-9a-f]+$'),
  subject text NOT NULL,
  certificate bytea NOT NULL,
  fingerprint_sha256 text NOT NULL CHECK (fingerprint_sha256 ~ '^[0-9a-f]{64}$'),
  -- The key: encrypted PKCS#8 under the signer's passphrase (stretched with scrypt), then sealed.
  private_key text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked', 'superseded')),
  not_before timestamptz NOT NULL,
  not_after timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_by_user_id uuid REFERENCES users(id),
  revocation_reason text NOT NULL DEFAULT '',
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'revoked') = (revoked_at IS NOT NULL)),
  UNIQUE (government_id, id),
  UNIQUE (authority_id, serial_number),
  FOREIGN KEY (government_id, authority_id) REFERENCES signing_authorities (government_id, id),
  FOREIGN KEY (government_id, employee_id) REFERENCES employees (government_id, id)
);
-- One certificate in force per person; revoked and superseded ones stay for the record.
CREATE UNIQUE INDEX signer_certificates_one_active ON signer_certificates (employee_id) WHERE status = 'active';
CREATE INDEX signer_certificates_government_idx ON signer_certificates (government_id, status);

-- A document to be signed: the unsigned PDF (already carrying its QR code and verification
-- code), the signers in order, and the file after each signature. The verification code is
-- random and public (printed on the document); the final file's SHA-256 is what a verifier checks.
CREATE TABLE signed_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  agency_id uuid NOT NULL,
  kind text NOT NULL,
  kind_label text NOT NULL,
  number text NOT NULL,
  title text NOT NULL,
  document_date date NOT NULL,
  verification_code text NOT NULL UNIQUE CHECK (verification_code ~ '^[0-9A-HJKMNP-TV-Z]{16}$'),
  status text NOT NULL DEFAULT 'awaiting' CHECK (status IN ('awaiting', 'signed', 'cancelled')),
  original_file_id uuid NOT NULL,
  current_file_id uuid NOT NULL,
  final_sha256 text CHECK (final_sha256 ~ '^[0-9a-f]{64}$'),
  case_id uuid REFERENCES cases(id),
  link_kind text,
  link_id uuid,
  agenda_entry_id uuid,
  created_by_user_id uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  signed_at timestamptz,
  cancelled_at timestamptz,
  cancel_reason text NOT NULL DEFAULT '',
  CHECK ((status = 'signed') = (final_sha256 IS NOT NULL AND signed_at IS NOT NULL)),
  CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
  UNIQUE (government_id, id),
  FOREIGN KEY (government_id, agency_id) REFERENCES agencies (government_id, id),
  FOREIGN KEY (government_id, original_file_id) REFERENCES files (government_id, id),
  FOREIGN KEY (government_id, current_file_id) REFERENCES files (government_id, id)
);
CREATE INDEX signed_documents_government_idx ON signed_documents (government_id, status, created_at);
CREATE INDEX signed_documents_link_idx ON signed_documents (link_kind, link_id);

-- The signers in order, each a position (whoever holds it when it is their turn signs, Plt/Plh
-- included), and, once signed, who signed, acting how, with which certificate, and the file after.
CREATE TABLE signed_document_signers (
  document_id uuid NOT NULL,
  government_id uuid NOT NULL,
  seq integer NOT NULL CHECK (seq >= 1),
  position_id uuid NOT NULL,
  position_name text NOT NULL,
  signed_at timestamptz,
  signer_employee_id uuid,
  signer_user_id uuid REFERENCES users(id),
  signer_name text,
  acting text CHECK (acting IN ('definitive', 'plt', 'plh')),
  certificate_id uuid,
  certificate_serial text,
  file_id uuid,
  PRIMARY KEY (document_id, seq),
  CHECK ((signed_at IS NULL) = (file_id IS NULL)),
  FOREIGN KEY (government_id, document_id) REFERENCES signed_documents (government_id, id),
  FOREIGN KEY (government_id, position_id) REFERENCES positions (government_id, id),
  FOREIGN KEY (government_id, signer_employee_id) REFERENCES employees (government_id, id),
  FOREIGN KEY (government_id, certificate_id) REFERENCES signer_certificates (government_id, id),
  FOREIGN KEY (government_id, file_id) REFERENCES files (government_id, id)
);
CREATE INDEX signed_document_signers_position_idx ON signed_document_signers (government_id, position_id)
  WHERE signed_at IS NULL;
