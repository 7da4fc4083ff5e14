import type { Queryable, Tx } from '../../db/database.js';

export interface UserRow {
  id: string;
  government_id: string | null;
  username: string;
  display_name: string;
  role: 'system_admin' | 'gov_admin' | 'member';
  employee_id: string | null;
  password_hash: string;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled: boolean;
  totp_last_step: number | null;
  must_change_password: boolean;
  active: boolean;
}

/** Finds the account for a sign-in name: a username, or the NIP of the linked employee. */
export async function findUsersByLogin(db: Queryable, login: string, nip: string | null): Promise<UserRow[]> {
  return db.query<UserRow>(
    `SELECT u.* FROM users u
      WHERE lower(u.username) = lower($1)
         OR ($2::text IS NOT NULL AND u.employee_id IN (SELECT e.id FROM employees e WHERE e.nip = $2 AND e.government_id = u.government_id))
      LIMIT 2`,
    [login, nip],
  );
}

export async function findUser(db: Queryable, id: string): Promise<UserRow | undefined> {
  const rows = await db.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
  return rows[0];
}

export interface SessionRow {
  id: string;
  user_id: string;
  government_id: string | null;
  csrf_token: string;
  acting_position_id: string | null;
  expires_at: Date;
  last_seen_at: Date;
}

export async function insertSession(
  tx: Tx,
  s: Omit<SessionRow, 'last_seen_at'> & { ip: string | null; user_agent: string | null },
): Promise<void> {
  await tx.query(
    `INSERT INTO sessions (id, user_id, government_id, csrf_token, acting_position_id, ip, user_agent, expires_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [s.id, s.user_id, s.government_id, s.csrf_token, s.acting_position_id, s.ip, s.user_agent, s.expires_at],
  );
}

export interface SessionWithUser extends SessionRow {
  username: string;
  display_name: string;
  role: UserRow['role'];
  employee_id: string | null;
  totp_enabled: boolean;
  must_change_password: boolean;
  require_admin_totp: boolean | null;
  acting_position_name: string | null;
}

export async function findLiveSession(db: Queryable, id: string): Promise<SessionWithUser | undefined> {
  const rows = await db.query<SessionWithUser>(
    `SELECT s.id, s.user_id, s.government_id, s.csrf_token, s.acting_position_id, s.expires_at, s.last_seen_at,
            u.username, u.display_name, u.role, u.employee_id, u.totp_enabled, u.must_change_password,
            g.require_admin_totp, p.name AS acting_position_name
       FROM sessions s
       JOIN users u ON u.id = s.user_id AND u.active
       LEFT JOIN governments g ON g.id = u.government_id
       LEFT JOIN positions p ON p.id = s.acting_position_id
      WHERE s.id = $1 AND s.expires_at > now() AND (g.id IS NULL OR g.active)`,
    [id],
  );
  return rows[0];
}

export async function touchSession(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE sessions SET last_seen_at = now() WHERE id = $1', [id]);
}

export async function deleteSession(tx: Tx, id: string): Promise<void> {
  await tx.query('DELETE FROM sessions WHERE id = $1', [id]);
}

export async function deleteUserSessions(tx: Tx, userId: string, exceptId: string | null): Promise<number> {
  const rows = await tx.query<{ id: string }>(
    'DELETE FROM sessions WHERE user_id = $1 AND ($2::text IS NULL OR id <> $2) RETURNING id',
    [userId, exceptId],
  );
  return rows.length;
}

export async function deleteExpiredSessions(tx: Tx, userId: string): Promise<void> {
  await tx.query('DELETE FROM sessions WHERE user_id = $1 AND expires_at <= now()', [userId]);
}

export async function setSessionActingPosition(tx: Tx, id: string, positionId: string | null): Promise<void> {
  await tx.query('UPDATE sessions SET acting_position_id = $2 WHERE id = $1', [id, positionId]);
}

export async function setLastLogin(tx: Tx, userId: string): Promise<void> {
  await tx.query('UPDATE users SET last_login_at = now() WHERE id = $1', [userId]);
}

export async function setPasswordHash(
  tx: Tx,
  userId: string,
  passwordHash: string,
  mustChange: boolean,
): Promise<void> {
  await tx.query('UPDATE users SET password_hash = $2, must_change_password = $3, updated_at = now() WHERE id = $1', [
    userId,
    passwordHash,
    mustChange,
  ]);
}

export async function setTotp(
  tx: Tx,
  userId: string,
  t: { secret: string | null; pending: string | null; enabled: boolean },
): Promise<void> {
  await tx.query(
    `UPDATE users SET totp_secret = $2, totp_pending_secret = $3, totp_enabled = $4, totp_last_step = NULL, updated_at = now() WHERE id = $1`,
    [userId, t.secret, t.pending, t.enabled],
  );
}

export async function setTotpLastStep(tx: Tx, userId: string, step: number): Promise<void> {
  await tx.query('UPDATE users SET totp_last_step = $2 WHERE id = $1', [userId, step]);
}

export interface HeldPositionRow {
  position_id: string;
  position_name: string;
  agency_id: string;
  agency_name: string;
  unit_name: string | null;
  kind: 'definitive' | 'plt' | 'plh';
}

/** Positions the employee holds today (definitively or acting), today taken in the government's time zone. */
export async function heldPositions(db: Queryable, employeeId: string): Promise<HeldPositionRow[]> {
  return db.query<HeldPositionRow>(
    `SELECT p.id AS position_id, p.name AS position_name, a.id AS agency_id, a.name AS agency_name,
            un.name AS unit_name, pa.kind
       FROM position_assignments pa
       JOIN positions p ON p.id = pa.position_id AND p.active
       JOIN agencies a ON a.id = p.agency_id
       JOIN governments g ON g.id = pa.government_id
       LEFT JOIN units un ON un.id = p.unit_id
      WHERE pa.employee_id = $1
        AND pa.starts_on <= (now() AT TIME ZONE g.time_zone)::date
        AND (pa.ends_on IS NULL OR pa.ends_on >= (now() AT TIME ZONE g.time_zone)::date)
      ORDER BY (pa.kind = 'definitive') DESC, p.sort_order, p.name`,
    [employeeId],
  );
}

// ── throttling ───────────────────────────────────────────────────────────────────────────
export interface ThrottleRow {
  key: string;
  failures: number;
  window_started_at: Date;
  locked_until: Date | null;
}

export async function getThrottle(db: Queryable, keys: string[]): Promise<ThrottleRow[]> {
  return db.query<ThrottleRow>('SELECT * FROM login_throttle WHERE key = ANY($1::text[])', [keys]);
}

/** Counts one failure; a new window starts when the old one is older than `windowSeconds`. */
export async function bumpThrottle(tx: Tx, key: string, windowSeconds: number): Promise<ThrottleRow> {
  const rows = await tx.query<ThrottleRow>(
    `INSERT INTO login_throttle AS t (key, failures, window_started_at) VALUES ($1, 1, now())
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN t.window_started_at < now() - make_interval(secs => $2) THEN 1 ELSE t.failures + 1 END,
       window_started_at = CASE WHEN t.window_started_at < now() - make_interval(secs => $2) THEN now() ELSE t.window_started_at END
     RETURNING *`,
    [key, windowSeconds],
  );
  return rows[0]!;
}

export async function lockThrottle(tx: Tx, key: string, seconds: number): Promise<void> {
  await tx.query(`UPDATE login_throttle SET locked_until = now() + make_interval(secs => $2) WHERE key = $1`, [
    key,
    seconds,
  ]);
}

export async function clearThrottle(tx: Tx, key: string): Promise<void> {
  await tx.query('DELETE FROM login_throttle WHERE key = $1', [key]);
}
