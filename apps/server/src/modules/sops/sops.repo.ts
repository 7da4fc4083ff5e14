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
  jsonb_array_length(v.document->'steps') AS step_count,
  (SELECT count(*)::int FROM jsonb_object_keys(v.document->'lanes')) AS lane_count`;
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
     VALUES ($1,$2,$3,$4::jsonb,$5,$6,$7) RETURNING id`,
    [v.government_id, v.sop_id, v.version, JSON.stringify(v.document), v.source, v.checksum, v.created_by_user_id],
  );
  return rows[0]!.id;
}

export interface VersionRow {
  id: string;
  version: number;
  status: SopRow['status'];
  checksum: string;
  created_at: Date;
}

export async function versions(db: Queryable, sopId: string): Promise<VersionRow[]> {
  return db.query<VersionRow>(
    'SELECT id, version, status, checksum, created_at FROM sop_versions WHERE sop_id = $1 ORDER BY version DESC',
    [sopId],
  );
}

export async function latestDocument(db: Queryable, sopId: string): Promise<unknown> {
  const rows = await db.query<{ document: unknown }>(
    'SELECT document FROM sop_versions WHERE sop_id = $1 ORDER BY version DESC LIMIT 1',
    [sopId],
  );
  return rows[0]?.document;
}
