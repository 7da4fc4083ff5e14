import type { Queryable, Tx } from '../../db/database.js';

export interface SopRow {
  id: string;
  government_id: string;
  agency_id: string;
  agency_name: string;
  key: string;
  title: string;
  kind: string;
  updated_at: Date;
  version_id: string;
  version: number;
  status: 'draft' | 'approved' | 'effective' | 'retired';
  checksum: string;
  version_created_at: Date;
  step_count: number;
  lane_count: number;
}

// Each SOP with its latest version.
const sopSelect = `s.id, s.government_id, s.agency_id, a.name AS agency_name, s.key, s.title, s.kind, s.updated_at,
  v.id AS version_id, v.version, v.status, v.checksum, v.created_at AS version_created_at,
  json_array_length(v.document->'steps') AS step_count,
  (SELECT count(*)::int FROM json_object_keys(v.document->'lanes')) AS lane_count`;
const sopFrom = `sops s JOIN agencies a ON a.id = s.agency_id
  JOIN LATERAL (SELECT * FROM sop_versions x WHERE x.sop_id = s.id ORDER BY x.version DESC LIMIT 1) v ON true`;

export async function listSops(
  db: Queryable,
  f: {
    governmentId: string;
    agencyId?: string | undefined;
    kind?: string | undefined;
    q?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ rows: SopRow[]; total: number }> {
  const params: unknown[] = [f.governmentId];
  const where = ['s.government_id = $1'];
  if (f.agencyId) {
    params.push(f.agencyId);
    where.push(`s.agency_id = $${params.length}`);
  }
  if (f.kind) {
    params.push(f.kind);
    where.push(`s.kind = $${params.length}`);
  }
  if (f.q) {
    params.push(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(s.title ILIKE $${params.length} OR s.key ILIKE $${params.length} OR a.name ILIKE $${params.length})`);
  }
  const w = `WHERE ${where.join(' AND ')}`;
  const total = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM sops s JOIN agencies a ON a.id = s.agency_id ${w}`,
    params,
  );
  const rows = await db.query<SopRow>(
    `SELECT ${sopSelect} FROM ${sopFrom} ${w} ORDER BY a.name, s.title LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { rows, total: total[0]?.n ?? 0 };
}

export async function getSop(db: Queryable, governmentId: string, id: string): Promise<SopRow | undefined> {
  const rows = await db.query<SopRow>(`SELECT ${sopSelect} FROM ${sopFrom} WHERE s.government_id = $1 AND s.id = $2`, [
    governmentId,
    id,
  ]);
  return rows[0];
}

export async function findSopByKey(tx: Tx, governmentId: string, key: string): Promise<{ id: string } | undefined> {
  const rows = await tx.query<{ id: string }>('SELECT id FROM sops WHERE government_id = $1 AND key = $2 FOR UPDATE', [
    governmentId,
    key,
  ]);
  return rows[0];
}

export async function insertSop(
  tx: Tx,
  s: { government_id: string; agency_id: string; key: string; title: string; kind: string },
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    'INSERT INTO sops (government_id, agency_id, key, title, kind) VALUES ($1,$2,$3,$4,$5) RETURNING id',
    [s.government_id, s.agency_id, s.key, s.title, s.kind],
  );
  return rows[0]!.id;
}

export async function touchSop(tx: Tx, id: string, title: string, kind: string): Promise<void> {
  await tx.query('UPDATE sops SET title = $2, kind = $3, updated_at = now() WHERE id = $1', [id, title, kind]);
}

export async function latestVersion(tx: Tx, sopId: string): Promise<{ version: number; checksum: string } | undefined> {
  const rows = await tx.query<{ version: number; checksum: string }>(
    'SELECT version, checksum FROM sop_versions WHERE sop_id = $1 ORDER BY version DESC LIMIT 1',
    [sopId],
  );
  return rows[0];
}

export async function insertVersion(
  tx: Tx,
  v: {
    government_id: string;
    sop_id: string;
    version: number;
    document: unknown;
    source: string;
    checksum: string;
    created_by_user_id: string | null;
  },
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO sop_versions (government_id, sop_id, version, document, source, checksum, created_by_user_id)
     VALUES ($1,$2,$3,$4::json,$5,$6,$7) RETURNING id`,
    [v.government_id, v.sop_id, v.version, JSON.stringify(v.document), v.source, v.checksum, v.created_by_user_id],
  );
  return rows[0]!.id;
}

export interface VersionRow {
  id: string;
  sop_id: string;
  version: number;
  status: SopRow['status'];
  checksum: string;
  created_at: Date;
  approved_by_name: string | null;
  approved_by_position_name: string | null;
  approved_acting: 'plt' | 'plh' | null;
  approved_on: string | null;
  effective_from: string | null;
  retired_on: string | null;
}
const versionCols = `id, sop_id, version, status, checksum, created_at, approved_by_name, approved_by_position_name,
  approved_acting, approved_on, effective_from, retired_on`;

export async function versions(db: Queryable, sopId: string): Promise<VersionRow[]> {
  return db.query<VersionRow>(`SELECT ${versionCols} FROM sop_versions WHERE sop_id = $1 ORDER BY version DESC`, [
    sopId,
  ]);
}

export async function getVersion(
  db: Queryable,
  governmentId: string,
  sopId: string,
  versionId: string,
  lock = false,
): Promise<(VersionRow & { document: unknown }) | undefined> {
  const rows = await db.query<VersionRow & { document: unknown }>(
    `SELECT ${versionCols}, document FROM sop_versions WHERE government_id = $1 AND sop_id = $2 AND id = $3${lock ? ' FOR UPDATE' : ''}`,
    [governmentId, sopId, versionId],
  );
  return rows[0];
}

export async function versionDocument(db: Queryable, sopId: string, version: number): Promise<unknown> {
  const rows = await db.query<{ document: unknown }>(
    'SELECT document FROM sop_versions WHERE sop_id = $1 AND version = $2',
    [sopId, version],
  );
  return rows[0]?.document;
}

export async function approveVersion(
  tx: Tx,
  id: string,
  a: {
    userId: string;
    employeeId: string;
    name: string;
    positionId: string;
    positionName: string;
    acting: 'plt' | 'plh' | null;
    on: string;
  },
): Promise<void> {
  await tx.query(
    `UPDATE sop_versions SET status = 'approved', approved_by_user_id = $2, approved_by_employee_id = $3, approved_by_name = $4,
       approved_by_position_id = $5, approved_by_position_name = $6, approved_acting = $7, approved_on = $8
     WHERE id = $1`,
    [id, a.userId, a.employeeId, a.name, a.positionId, a.positionName, a.acting, a.on],
  );
}

/** Retires the version in effect (if any) on `from`, then puts `id` into effect from that date. */
export async function makeEffective(tx: Tx, sopId: string, id: string, from: string): Promise<string | null> {
  const retired = await tx.query<{ id: string }>(
    `UPDATE sop_versions SET status = 'retired', retired_on = $2 WHERE sop_id = $1 AND status = 'effective' RETURNING id`,
    [sopId, from],
  );
  await tx.query(`UPDATE sop_versions SET status = 'effective', effective_from = $2 WHERE id = $1`, [id, from]);
  return retired[0]?.id ?? null;
}

export async function retireVersion(tx: Tx, id: string, on: string): Promise<void> {
  await tx.query(`UPDATE sop_versions SET status = 'retired', retired_on = $2 WHERE id = $1`, [id, on]);
}

/** Today's date in the government's time zone. */
export async function today(db: Queryable, governmentId: string): Promise<string> {
  const rows = await db.query<{ d: string }>(
    'SELECT (now() AT TIME ZONE time_zone)::date AS d FROM governments WHERE id = $1',
    [governmentId],
  );
  return rows[0]!.d;
}

export async function latestDocument(db: Queryable, sopId: string): Promise<unknown> {
  const rows = await db.query<{ document: unknown }>(
    'SELECT document FROM sop_versions WHERE sop_id = $1 ORDER BY version DESC LIMIT 1',
    [sopId],
  );
  return rows[0]?.document;
}
