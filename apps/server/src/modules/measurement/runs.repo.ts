import type { Queryable, Tx } from '../../db/database.js';

export interface RunRow {
  id: string;
  government_id: string;
  agency_id: string;
  agency_name: string;
  year: number;
  run_no: number;
  trigger: 'request' | 'data_changed' | 'case_step';
  reason: string;
  inputs_sha256: string;
  agency_achievement: string | null;
  agency_category: string | null;
  indicator_count: number;
  case_id: string | null;
  superseded_by_id: string | null;
  superseded_at: Date | null;
  created_by_name: string;
  created_at: Date;
}

const summary = `r.id, r.government_id, r.agency_id, a.name AS agency_name, r.year, r.run_no, r.trigger, r.reason,
  r.inputs_sha256, r.agency_achievement::text AS agency_achievement, r.agency_category, r.indicator_count, r.case_id,
  r.superseded_by_id, r.superseded_at, r.created_by_name, r.created_at`;

export async function listRuns(
  db: Queryable,
  governmentId: string,
  f: { agencyId?: string | undefined; year?: number | undefined; currentOnly: boolean },
): Promise<RunRow[]> {
  return db.query<RunRow>(
    `SELECT ${summary} FROM measurement_runs r JOIN agencies a ON a.id = r.agency_id
      WHERE r.government_id = $1 AND ($2::uuid IS NULL OR r.agency_id = $2) AND ($3::int IS NULL OR r.year = $3)
        AND (NOT $4 OR r.superseded_by_id IS NULL)
      ORDER BY a.name, r.year DESC, r.run_no DESC LIMIT 500`,
    [governmentId, f.agencyId ?? null, f.year ?? null, f.currentOnly],
  );
}

export async function getRun(
  db: Queryable,
  governmentId: string,
  id: string,
): Promise<(RunRow & { method: unknown; inputs: unknown; results: unknown }) | undefined> {
  const rows = await db.query<RunRow & { method: unknown; inputs: unknown; results: unknown }>(
    `SELECT ${summary}, r.method, r.inputs, r.results FROM measurement_runs r JOIN agencies a ON a.id = r.agency_id
      WHERE r.government_id = $1 AND r.id = $2`,
    [governmentId, id],
  );
  return rows[0];
}

/** The current run of an agency's year, locked for the transaction (so runs are numbered in order). */
export async function currentRunForUpdate(
  tx: Tx,
  agencyId: string,
  year: number,
): Promise<{ id: string; run_no: number; inputs_sha256: string } | undefined> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('measurement:' || $1 || ':' || $2))`, [agencyId, year]);
  const rows = await tx.query<{ id: string; run_no: number; inputs_sha256: string }>(
    'SELECT id, run_no, inputs_sha256 FROM measurement_runs WHERE agency_id = $1 AND year = $2 AND superseded_by_id IS NULL',
    [agencyId, year],
  );
  return rows[0];
}

export async function lastRunNo(tx: Tx, agencyId: string, year: number): Promise<number> {
  const rows = await tx.query<{ n: number }>(
    'SELECT COALESCE(max(run_no), 0)::int AS n FROM measurement_runs WHERE agency_id = $1 AND year = $2',
    [agencyId, year],
  );
  return rows[0]?.n ?? 0;
}

export async function insertRun(
  tx: Tx,
  r: {
    id: string;
    government_id: string;
    agency_id: string;
    year: number;
    run_no: number;
    trigger: RunRow['trigger'];
    reason: string;
    method: unknown;
    inputs: unknown;
    inputs_sha256: string;
    results: unknown;
    agency_achievement: string | null;
    agency_category: string | null;
    indicator_count: number;
    case_id: string | null;
    user_id: string | null;
    user_name: string;
  },
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO measurement_runs (id, government_id, agency_id, year, run_no, trigger, reason, method, inputs, inputs_sha256,
       results, agency_achievement, agency_category, indicator_count, case_id, created_by_user_id, created_by_name)
     VALUES ($17, $1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10::jsonb, $11, $12, $13, $14, $15, $16) RETURNING id`,
    [
      r.government_id,
      r.agency_id,
      r.year,
      r.run_no,
      r.trigger,
      r.reason,
      JSON.stringify(r.method),
      JSON.stringify(r.inputs),
      r.inputs_sha256,
      JSON.stringify(r.results),
      r.agency_achievement,
      r.agency_category,
      r.indicator_count,
      r.case_id,
      r.user_id,
      r.user_name,
      r.id,
    ],
  );
  return rows[0]!.id;
}

export async function supersede(tx: Tx, oldId: string, newId: string): Promise<void> {
  await tx.query('UPDATE measurement_runs SET superseded_by_id = $2, superseded_at = now() WHERE id = $1', [
    oldId,
    newId,
  ]);
}

/** Codes and names of the indicators, plan nodes and units a run's results refer to. */
export async function namesOf(db: Queryable, indicatorIds: string[], nodeIds: string[], unitIds: string[]) {
  const [indicators, nodes, units] = await Promise.all([
    db.query<{ id: string; code: string; name: string; unit_of_measure: string; decimals: number }>(
      'SELECT id, code, name, unit_of_measure, decimals FROM plan_indicators WHERE id = ANY($1::uuid[])',
      [indicatorIds],
    ),
    db.query<{ id: string; code: string; name: string; kind: string }>(
      'SELECT id, code, name, kind FROM plan_nodes WHERE id = ANY($1::uuid[])',
      [nodeIds],
    ),
    db.query<{ id: string; name: string }>('SELECT id, name FROM units WHERE id = ANY($1::uuid[])', [unitIds]),
  ]);
  return { indicators, nodes, units };
}
