import type { Queryable, Tx } from '../../db/database.js';

export interface UserListRow {
  id: string;
  government_id: string | null;
  username: string;
  display_name: string;
  role: 'system_admin' | 'gov_admin' | 'member';
  employee_id: string | null;
  employee_name: string | null;
  employee_nip: string | null;
  active: boolean;
  totp_enabled: boolean;
  last_login_at: Date | null;
  updated_at: Date;
}
export const userSelect = `u.id, u.government_id, u.username, u.display_name, u.role, u.employee_id, e.name AS employee_name,
  e.nip AS employee_nip, u.active, u.totp_enabled, u.last_login_at, u.updated_at`;
export const userFrom = 'users u LEFT JOIN employees e ON e.id = u.employee_id';

export async function getUser(db: Queryable, governmentId: string, id: string): Promise<UserListRow | undefined> {
  const rows = await db.query<UserListRow>(
    `SELECT ${userSelect} FROM ${userFrom} WHERE u.government_id = $1 AND u.id = $2`,
    [governmentId, id],
  );
  return rows[0];
}

export async function usernameTaken(db: Queryable, username: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM users WHERE lower(username) = lower($1)', [username])).length > 0;
}

export async function activeUserOfEmployee(db: Queryable, employeeId: string): Promise<{ id: string } | undefined> {
  const rows = await db.query<{ id: string }>('SELECT id FROM users WHERE employee_id = $1 AND active', [employeeId]);
  return rows[0];
}

export async function insertUser(
  tx: Tx,
  u: {
    government_id: string | null;
    username: string;
    display_name: string;
    role: string;
    employee_id: string | null;
    password_hash: string;
    must_change_password: boolean;
  },
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO users (government_id, username, display_name, role, employee_id, password_hash, must_change_password)
     VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
    [u.government_id, u.username, u.display_name, u.role, u.employee_id, u.password_hash, u.must_change_password],
  );
  return rows[0]!.id;
}
