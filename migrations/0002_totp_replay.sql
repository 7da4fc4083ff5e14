-- The last TOTP time step accepted per user: a code is never accepted twice (RFC 6238 §5.2).
ALTER TABLE users ADD COLUMN totp_last_step bigint;
