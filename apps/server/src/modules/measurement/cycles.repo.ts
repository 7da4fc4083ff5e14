import type { Queryable, Tx } from '../../db/database.js';

export interface CycleRow {
  id: string;
  government_id: string;
  agency_id: string;
  agency_name: string;
  year: number;
  status: 'open' | 'approved' | 'closed';
  run_id: string | null;
  approved_run_id: string | null;
  approved_at: Date | null;
  closed_at: Date | null;
  created_at: Date;
}

const select = `c.id, c.government_id, c.agency_id, a.name AS agency_name, c.year, c.status, c.run_id, c.approved_run_id,
  c.approved_at, c.closed_at, c.created_at`;

export async function getCycle(db: Queryable, governmentId: string, id: string, lock = false) {
  const rows = await db.query<CycleRow>(
    `SELECT ${select} FROM measurement_cycles c JOIN agencies a ON a.id = c.agency_id
      WHERE c.government_id = $1 AND c.id = $2${lock ? ' FOR UPDATE OF c' : ''}`,
    [governmentId, id],
  );
  return rows[0];
}

export async function listCycles(
  db: Queryable,
  governmentId: string,
  f: { agencyId?: string | undefined; year?: number | undefined },
) {
  return db.query<CycleRow>(
    `SELECT ${select} FROM measurement_cycles c JOIN agencies a ON a.id = c.agency_id
      WHERE c.government_id = $1 AND ($2::uuid IS NULL OR c.agency_id = $2) AND ($3::int IS NULL OR c.year = $3)
      ORDER BY c.year DESC, a.name, c.created_at DESC LIMIT 500`,
    [governmentId, f.agencyId ?? null, f.year ?? null],
  );
}

export async function openCycleOf(tx: Tx, agencyId: string, year: number) {
  const rows = await tx.query<{ id: string }>(
    "SELECT id FROM measurement_cycles WHERE agency_id = $1 AND year = $2 AND status <> 'closed'",
    [agencyId, year],
  );
  return rows[0];
}

export async function insertCycle(tx: Tx, governmentId: string, agencyId: string, year: number): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    'INSERT INTO measurement_cycles (government_id, agency_id, year) VALUES ($1, $2, $3) RETURNING id',
    [governmentId, agencyId, year],
  );
  return rows[0]!.id;
}

export async function setRun(tx: Tx, id: string, runId: string): Promise<void> {
  await tx.query(
    "UPDATE measurement_cycles SET run_id = $2, status = 'open', approved_run_id = NULL, approved_at = NULL, updated_at = now() WHERE id = $1",
    [id, runId],
  );
}

export async function approve(tx: Tx, id: string, runId: string): Promise<void> {
  await tx.query(
    "UPDATE measurement_cycles SET status = 'approved', approved_run_id = $2, approved_at = now(), updated_at = now() WHERE id = $1",
    [id, runId],
  );
}

export async function close(tx: Tx, id: string): Promise<void> {
  await tx.query(
    "UPDATE measurement_cycles SET status = 'closed', closed_at = now(), updated_at = now() WHERE id = $1",
    [id],
  );
}
