import type { Queryable, Tx } from '../../db/database.js';

/** Builds `WHERE … ORDER … LIMIT` for list screens: search text, active filter, paging. */
export function listClause(opts: {
  conditions: string[];
  params: unknown[];
  search?: { text: string | undefined; columns: string[] };
  active: 'true' | 'false' | 'all';
  activeColumn: string;
}): { where: string; params: unknown[] } {
  const params = [...opts.params];
  const conditions = [...opts.conditions];
  if (opts.active !== 'all') conditions.push(`${opts.activeColumn} = ${opts.active === 'true' ? 'true' : 'false'}`);
  const text = opts.search?.text?.trim();
  if (text && opts.search) {
    params.push(`%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const n = params.length;
    conditions.push(`(${opts.search.columns.map((c) => `${c} ILIKE $${n}`).join(' OR ')})`);
  }
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

export async function pageQuery<T>(
  db: Queryable,
  opts: {
    select: string;
    from: string;
    where: string;
    params: unknown[];
    orderBy: string;
    page: number;
    pageSize: number;
  },
): Promise<{ rows: T[]; total: number }> {
  const count = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${opts.from} ${opts.where}`, opts.params);
  const rows = await db.query<T>(
    `SELECT ${opts.select} FROM ${opts.from} ${opts.where} ORDER BY ${opts.orderBy} LIMIT $${opts.params.length + 1} OFFSET $${opts.params.length + 2}`,
    [...opts.params, opts.pageSize, (opts.page - 1) * opts.pageSize],
  );
  return { rows, total: count[0]?.n ?? 0 };
}

export type OrgTable = 'governments' | 'agencies' | 'units' | 'employees' | 'positions' | 'teams' | 'users';

/**
 * Updates only the given columns of one row and reports whether it existed. Rows other than
 * governments are matched inside their government, so an id from another tenant changes nothing.
 */
export async function updateRow(
  tx: Tx,
  table: OrgTable,
  governmentId: string,
  id: string,
  changes: Record<string, unknown>,
  expectedUpdatedAt?: string | undefined,
): Promise<boolean> {
  const entries = Object.entries(changes).filter(([, v]) => v !== undefined);
  const scoped = table !== 'governments';
  const params: unknown[] = scoped ? [id, governmentId] : [id];
  const where = [scoped ? 'id = $1 AND government_id = $2' : 'id = $1'];
  // Optimistic concurrency: only the version the editor saw may be changed (timestamps as sent, to the millisecond).
  if (expectedUpdatedAt) {
    params.push(expectedUpdatedAt);
    where.push(`date_trunc('milliseconds', updated_at) = $${params.length}::timestamptz`);
  }
  const sets = entries.map(([k], i) => `${k} = $${params.length + i + 1}`);
  sets.push('updated_at = now()');
  const rows = await tx.query(`UPDATE ${table} SET ${sets.join(', ')} WHERE ${where.join(' AND ')} RETURNING id`, [
    ...params,
    ...entries.map(([, v]) => v),
  ]);
  return rows.length > 0;
}

// ── governments ──────────────────────────────────────────────────────────────────────────
export interface GovernmentRow {
  id: string;
  code: string;
  name: string;
  kind: 'provinsi' | 'kabupaten' | 'kota';
  region: string;
  province: string;
  time_zone: 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';
  address: string;
  phone: string;
  email: string;
  website: string;
  letterhead_lines: string[];
  has_logo: boolean;
  require_admin_totp: boolean;
  work_days: number[];
  work_start: string;
  work_end: string;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}
export const governmentColumns = `id, code, name, kind, region, province, time_zone, address, phone, email, website,
  letterhead_lines, (logo IS NOT NULL) AS has_logo, require_admin_totp, work_days, work_start, work_end, active, created_at, updated_at`;

export async function getGovernment(db: Queryable, id: string): Promise<GovernmentRow | undefined> {
  const rows = await db.query<GovernmentRow>(`SELECT ${governmentColumns} FROM governments WHERE id = $1`, [id]);
  return rows[0];
}

export async function insertGovernment(
  tx: Tx,
  g: Omit<
    GovernmentRow,
    'id' | 'has_logo' | 'active' | 'created_at' | 'updated_at' | 'work_days' | 'work_start' | 'work_end'
  > &
    Partial<Pick<GovernmentRow, 'work_days' | 'work_start' | 'work_end'>>,
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO governments (code, name, kind, region, province, time_zone, address, phone, email, website,
       letterhead_lines, require_admin_totp, work_days, work_start, work_end)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11::jsonb,$12, COALESCE($13::int[], '{1,2,3,4,5}'), COALESCE($14, '07:30'), COALESCE($15, '16:00'))
     RETURNING id`,
    [
      g.code,
      g.name,
      g.kind,
      g.region,
      g.province,
      g.time_zone,
      g.address,
      g.phone,
      g.email,
      g.website,
      JSON.stringify(g.letterhead_lines),
      g.require_admin_totp,
      g.work_days ?? null,
      g.work_start ?? null,
      g.work_end ?? null,
    ],
  );
  return rows[0]!.id;
}

export async function setGovernmentLogo(tx: Tx, id: string, logo: Buffer, mime: string): Promise<void> {
  await tx.query('UPDATE governments SET logo = $2, logo_mime = $3, updated_at = now() WHERE id = $1', [
    id,
    logo,
    mime,
  ]);
}

export async function getGovernmentLogo(
  db: Queryable,
  id: string,
): Promise<{ logo: Buffer | Uint8Array; logo_mime: string } | undefined> {
  const rows = await db.query<{ logo: Buffer | Uint8Array | null; logo_mime: string | null }>(
    'SELECT logo, logo_mime FROM governments WHERE id = $1',
    [id],
  );
  const r = rows[0];
  return r?.logo && r.logo_mime ? { logo: r.logo, logo_mime: r.logo_mime } : undefined;
}

// ── agencies ─────────────────────────────────────────────────────────────────────────────
export interface AgencyRow {
  id: string;
  government_id: string;
  code: string;
  name: string;
  short_name: string;
  kind: 'dinas' | 'badan' | 'kecamatan' | 'biro' | 'inspektorat' | 'sekretariat_daerah' | 'kantor';
  address: string;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

export async function getAgency(db: Queryable, governmentId: string, id: string): Promise<AgencyRow | undefined> {
  const rows = await db.query<AgencyRow>('SELECT * FROM agencies WHERE government_id = $1 AND id = $2', [
    governmentId,
    id,
  ]);
  return rows[0];
}

export async function insertAgency(
  tx: Tx,
  a: Pick<AgencyRow, 'government_id' | 'code' | 'name' | 'short_name' | 'kind' | 'address'>,
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO agencies (government_id, code, name, short_name, kind, address) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
    [a.government_id, a.code, a.name, a.short_name, a.kind, a.address],
  );
  return rows[0]!.id;
}

// ── units ────────────────────────────────────────────────────────────────────────────────
export interface UnitRow {
  id: string;
  government_id: string;
  agency_id: string;
  agency_name: string;
  parent_id: string | null;
  code: string;
  name: string;
  kind: 'sekretariat' | 'bidang' | 'bagian' | 'sub_bagian' | 'seksi' | 'kelurahan' | 'uptd' | 'lainnya';
  sort_order: number;
  active: boolean;
  updated_at: Date;
}
export const unitSelect = `u.id, u.government_id, u.agency_id, a.name AS agency_name, u.parent_id, u.code, u.name, u.kind, u.sort_order, u.active, u.updated_at`;
export const unitFrom = 'units u JOIN agencies a ON a.id = u.agency_id';

export async function getUnit(db: Queryable, governmentId: string, id: string): Promise<UnitRow | undefined> {
  const rows = await db.query<UnitRow>(
    `SELECT ${unitSelect} FROM ${unitFrom} WHERE u.government_id = $1 AND u.id = $2`,
    [governmentId, id],
  );
  return rows[0];
}

export async function insertUnit(
  tx: Tx,
  u: Pick<UnitRow, 'government_id' | 'agency_id' | 'parent_id' | 'code' | 'name' | 'kind' | 'sort_order'>,
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO units (government_id, agency_id, parent_id, code, name, kind, sort_order) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
    [u.government_id, u.agency_id, u.parent_id, u.code, u.name, u.kind, u.sort_order],
  );
  return rows[0]!.id;
}

/** The ids of a unit and all units below it. */
export async function unitSubtree(db: Queryable, governmentId: string, id: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `WITH RECURSIVE t AS (
       SELECT id FROM units WHERE government_id = $1 AND id = $2
       UNION ALL SELECT u.id FROM units u JOIN t ON u.parent_id = t.id WHERE u.government_id = $1)
     SELECT id FROM t`,
    [governmentId, id],
  );
  return rows.map((r) => r.id);
}

// ── employees ────────────────────────────────────────────────────────────────────────────
export interface EmployeeRow {
  id: string;
  government_id: string;
  agency_id: string | null;
  agency_name: string | null;
  nip: string;
  name: string;
  front_title: string;
  back_title: string;
  sex: 'male' | 'female';
  birth_date: string;
  rank: string;
  grade: string;
  email: string;
  phone: string;
  active: boolean;
  updated_at: Date;
}
export const employeeSelect = `e.id, e.government_id, e.agency_id, a.name AS agency_name, e.nip, e.name, e.front_title, e.back_title,
  e.sex, e.birth_date, e.rank, e.grade, e.email, e.phone, e.active, e.updated_at`;
export const employeeFrom = 'employees e LEFT JOIN agencies a ON a.id = e.agency_id';

export async function getEmployee(db: Queryable, governmentId: string, id: string): Promise<EmployeeRow | undefined> {
  const rows = await db.query<EmployeeRow>(
    `SELECT ${employeeSelect} FROM ${employeeFrom} WHERE e.government_id = $1 AND e.id = $2`,
    [governmentId, id],
  );
  return rows[0];
}

export async function findEmployeeByNip(
  db: Queryable,
  governmentId: string,
  nip: string,
): Promise<{ id: string } | undefined> {
  const rows = await db.query<{ id: string }>('SELECT id FROM employees WHERE government_id = $1 AND nip = $2', [
    governmentId,
    nip,
  ]);
  return rows[0];
}

export async function insertEmployee(
  tx: Tx,
  e: Omit<EmployeeRow, 'id' | 'agency_name' | 'active' | 'updated_at'>,
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO employees (government_id, agency_id, nip, name, front_title, back_title, sex, birth_date, rank, grade, email, phone)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) RETURNING id`,
    [
      e.government_id,
      e.agency_id,
      e.nip,
      e.name,
      e.front_title,
      e.back_title,
      e.sex,
      e.birth_date,
      e.rank,
      e.grade,
      e.email,
      e.phone,
    ],
  );
  return rows[0]!.id;
}

// ── positions and assignments ────────────────────────────────────────────────────────────
export interface PositionRow {
  id: string;
  government_id: string;
  agency_id: string;
  agency_name: string;
  unit_id: string | null;
  unit_name: string | null;
  code: string;
  name: string;
  kind: 'head' | 'secretary' | 'staff' | 'functional';
  sort_order: number;
  active: boolean;
  updated_at: Date;
}
export const positionSelect = `p.id, p.government_id, p.agency_id, a.name AS agency_name, p.unit_id, un.name AS unit_name,
  p.code, p.name, p.kind, p.sort_order, p.active, p.updated_at`;
export const positionFrom = 'positions p JOIN agencies a ON a.id = p.agency_id LEFT JOIN units un ON un.id = p.unit_id';

export async function getPosition(db: Queryable, governmentId: string, id: string): Promise<PositionRow | undefined> {
  const rows = await db.query<PositionRow>(
    `SELECT ${positionSelect} FROM ${positionFrom} WHERE p.government_id = $1 AND p.id = $2`,
    [governmentId, id],
  );
  return rows[0];
}

export async function insertPosition(
  tx: Tx,
  p: Pick<PositionRow, 'government_id' | 'agency_id' | 'unit_id' | 'code' | 'name' | 'kind' | 'sort_order'>,
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO positions (government_id, agency_id, unit_id, code, name, kind, sort_order) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
    [p.government_id, p.agency_id, p.unit_id, p.code, p.name, p.kind, p.sort_order],
  );
  return rows[0]!.id;
}

export interface AssignmentRow {
  id: string;
  position_id: string;
  employee_id: string;
  employee_name: string;
  front_title: string;
  back_title: string;
  employee_nip: string;
  kind: 'definitive' | 'plt' | 'plh';
  starts_on: string;
  ends_on: string | null;
  decree_number: string;
}
const assignmentSelect = `pa.id, pa.position_id, pa.employee_id, e.name AS employee_name, e.front_title, e.back_title,
  e.nip AS employee_nip, pa.kind, pa.starts_on, pa.ends_on, pa.decree_number`;

/** Assignments in force today (in the government's time zone) for the given positions. */
export async function assignmentsInForce(
  db: Queryable,
  governmentId: string,
  positionIds: string[],
): Promise<AssignmentRow[]> {
  if (positionIds.length === 0) return [];
  return db.query<AssignmentRow>(
    `SELECT ${assignmentSelect}
       FROM position_assignments pa
       JOIN employees e ON e.id = pa.employee_id
       JOIN governments g ON g.id = pa.government_id
      WHERE pa.government_id = $1 AND pa.position_id = ANY($2::uuid[])
        AND pa.starts_on <= (now() AT TIME ZONE g.time_zone)::date
        AND (pa.ends_on IS NULL OR pa.ends_on >= (now() AT TIME ZONE g.time_zone)::date)
      ORDER BY pa.starts_on`,
    [governmentId, positionIds],
  );
}

/** Every assignment of a position, current and ended, newest first. */
export async function assignmentHistory(
  db: Queryable,
  governmentId: string,
  positionId: string,
): Promise<AssignmentRow[]> {
  return db.query<AssignmentRow>(
    `SELECT ${assignmentSelect} FROM position_assignments pa JOIN employees e ON e.id = pa.employee_id
      WHERE pa.government_id = $1 AND pa.position_id = $2
      ORDER BY pa.starts_on DESC, pa.created_at DESC`,
    [governmentId, positionId],
  );
}

export async function getAssignment(
  db: Queryable,
  governmentId: string,
  positionId: string,
  id: string,
): Promise<AssignmentRow | undefined> {
  const rows = await db.query<AssignmentRow>(
    `SELECT ${assignmentSelect} FROM position_assignments pa JOIN employees e ON e.id = pa.employee_id
      WHERE pa.government_id = $1 AND pa.position_id = $2 AND pa.id = $3`,
    [governmentId, positionId, id],
  );
  return rows[0];
}

/**
 * Assignments of the same class (definitive, or acting: Plt/Plh) on the position whose date range
 * overlaps [startsOn, endsOn]; an open end runs forever.
 */
export async function overlappingAssignments(
  db: Queryable,
  positionId: string,
  definitive: boolean,
  startsOn: string,
  endsOn: string | null,
): Promise<{ id: string }[]> {
  return db.query<{ id: string }>(
    `SELECT id FROM position_assignments
      WHERE position_id = $1 AND (kind = 'definitive') = $2
        AND starts_on <= COALESCE($4::date, 'infinity'::date) AND COALESCE(ends_on, 'infinity'::date) >= $3::date`,
    [positionId, definitive, startsOn, endsOn],
  );
}

export async function insertAssignment(
  tx: Tx,
  a: {
    government_id: string;
    position_id: string;
    employee_id: string;
    kind: string;
    starts_on: string;
    ends_on: string | null;
    decree_number: string;
  },
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO position_assignments (government_id, position_id, employee_id, kind, starts_on, ends_on, decree_number)
     VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
    [a.government_id, a.position_id, a.employee_id, a.kind, a.starts_on, a.ends_on, a.decree_number],
  );
  return rows[0]!.id;
}

export async function endAssignment(tx: Tx, id: string, endsOn: string): Promise<void> {
  await tx.query('UPDATE position_assignments SET ends_on = $2 WHERE id = $1', [id, endsOn]);
}

// ── teams ────────────────────────────────────────────────────────────────────────────────
export interface TeamRow {
  id: string;
  government_id: string;
  agency_id: string;
  agency_name: string;
  code: string;
  name: string;
  description: string;
  active: boolean;
  updated_at: Date;
}
export const teamSelect =
  't.id, t.government_id, t.agency_id, a.name AS agency_name, t.code, t.name, t.description, t.active, t.updated_at';
export const teamFrom = 'teams t JOIN agencies a ON a.id = t.agency_id';

export async function getTeam(db: Queryable, governmentId: string, id: string): Promise<TeamRow | undefined> {
  const rows = await db.query<TeamRow>(
    `SELECT ${teamSelect} FROM ${teamFrom} WHERE t.government_id = $1 AND t.id = $2`,
    [governmentId, id],
  );
  return rows[0];
}

export async function insertTeam(
  tx: Tx,
  t: Pick<TeamRow, 'government_id' | 'agency_id' | 'code' | 'name' | 'description'>,
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    'INSERT INTO teams (government_id, agency_id, code, name, description) VALUES ($1,$2,$3,$4,$5) RETURNING id',
    [t.government_id, t.agency_id, t.code, t.name, t.description],
  );
  return rows[0]!.id;
}

export interface TeamMemberRow {
  id: string;
  team_id: string;
  role: string;
  position_id: string | null;
  position_name: string | null;
  employee_id: string | null;
  employee_name: string | null;
}

export async function teamMembers(db: Queryable, governmentId: string, teamIds: string[]): Promise<TeamMemberRow[]> {
  if (teamIds.length === 0) return [];
  return db.query<TeamMemberRow>(
    `SELECT m.id, m.team_id, m.role, m.position_id, p.name AS position_name, m.employee_id,
            trim(concat_ws(' ', NULLIF(e.front_title, ''), e.name)) || CASE WHEN e.back_title <> '' THEN ', ' || e.back_title ELSE '' END AS employee_name
       FROM team_members m
       LEFT JOIN positions p ON p.id = m.position_id
       LEFT JOIN employees e ON e.id = m.employee_id
      WHERE m.government_id = $1 AND m.team_id = ANY($2::uuid[]) AND m.removed_at IS NULL
      ORDER BY CASE m.role WHEN 'ketua' THEN 0 WHEN 'wakil_ketua' THEN 1 WHEN 'sekretaris' THEN 2 ELSE 3 END, m.added_at`,
    [governmentId, teamIds],
  );
}

export async function insertTeamMember(
  tx: Tx,
  m: { government_id: string; team_id: string; role: string; position_id: string | null; employee_id: string | null },
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    'INSERT INTO team_members (government_id, team_id, role, position_id, employee_id) VALUES ($1,$2,$3,$4,$5) RETURNING id',
    [m.government_id, m.team_id, m.role, m.position_id, m.employee_id],
  );
  return rows[0]!.id;
}

export async function removeTeamMember(
  tx: Tx,
  governmentId: string,
  teamId: string,
  memberId: string,
): Promise<TeamMemberRow | undefined> {
  const rows = await tx.query<TeamMemberRow>(
    `UPDATE team_members SET removed_at = now()
      WHERE government_id = $1 AND team_id = $2 AND id = $3 AND removed_at IS NULL
      RETURNING id, team_id, role, position_id, NULL::text AS position_name, employee_id, NULL::text AS employee_name`,
    [governmentId, teamId, memberId],
  );
  return rows[0];
}

// ── holidays ─────────────────────────────────────────────────────────────────────────────
export interface HolidayRow {
  id: string;
  date: string;
  name: string;
}

export async function listHolidays(db: Queryable, governmentId: string, year?: number): Promise<HolidayRow[]> {
  return db.query<HolidayRow>(
    `SELECT id, date, name FROM holidays WHERE government_id = $1 AND ($2::int IS NULL OR extract(year FROM date) = $2)
      ORDER BY date`,
    [governmentId, year ?? null],
  );
}

export async function insertHoliday(tx: Tx, governmentId: string, date: string, name: string): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    'INSERT INTO holidays (government_id, date, name) VALUES ($1,$2,$3) RETURNING id',
    [governmentId, date, name],
  );
  return rows[0]!.id;
}

export async function deleteHoliday(tx: Tx, governmentId: string, id: string): Promise<HolidayRow | undefined> {
  const rows = await tx.query<HolidayRow>(
    'DELETE FROM holidays WHERE government_id = $1 AND id = $2 RETURNING id, date, name',
    [governmentId, id],
  );
  return rows[0];
}
