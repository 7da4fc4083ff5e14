import type { Queryable } from '../../db/database.js';

// What the measurement documents read beside the run itself: a run keeps only the ids of its
// indicators and plan nodes, so their codes, names and units of measure come from the plan
// tables. The letterhead and the signer come from the document frame (org/document-frame.repo.ts).

export async function runInputs(db: Queryable, governmentId: string, runId: string): Promise<unknown> {
  const rows = await db.query<{ inputs: unknown }>(
    'SELECT inputs FROM measurement_runs WHERE government_id = $1 AND id = $2',
    [governmentId, runId],
  );
  return rows[0]?.inputs;
}

export interface NodeInfoRow {
  id: string;
  parent_id: string | null;
  kind: 'goal' | 'objective' | 'program' | 'activity' | 'sub_activity';
  code: string;
  name: string;
  sort_order: number;
}

/** Plan nodes by id, inactive ones too (a past run may name a node since retired). */
export async function nodes(db: Queryable, governmentId: string, ids: string[]): Promise<NodeInfoRow[]> {
  if (ids.length === 0) return [];
  return db.query<NodeInfoRow>(
    `SELECT id, parent_id, kind, code, name, sort_order FROM plan_nodes
      WHERE government_id = $1 AND id = ANY($2::uuid[])`,
    [governmentId, ids],
  );
}

export interface IndicatorInfoRow {
  id: string;
  code: string;
  name: string;
  unit_of_measure: string;
  is_key: boolean;
  decimals: number;
}

export async function indicators(db: Queryable, governmentId: string, ids: string[]): Promise<IndicatorInfoRow[]> {
  if (ids.length === 0) return [];
  return db.query<IndicatorInfoRow>(
    `SELECT id, code, name, unit_of_measure, is_key, decimals FROM plan_indicators
      WHERE government_id = $1 AND id = ANY($2::uuid[])`,
    [governmentId, ids],
  );
}

export async function unitNames(
  db: Queryable,
  governmentId: string,
  ids: string[],
): Promise<{ id: string; name: string; sort_order: number }[]> {
  if (ids.length === 0) return [];
  return db.query('SELECT id, name, sort_order FROM units WHERE government_id = $1 AND id = ANY($2::uuid[])', [
    governmentId,
    ids,
  ]);
}

/** Where the government's documents are signed: its region (or name) without "Kabupaten"/"Kota". */
export async function place(db: Queryable, governmentId: string): Promise<string> {
  const rows = await db.query<{ name: string; region: string }>('SELECT name, region FROM governments WHERE id = $1', [
    governmentId,
  ]);
  const g = rows[0];
  return (g?.region || g?.name || '').replace(/^(Kabupaten|Kota|Provinsi)\s+/i, '');
}

export interface OfficialRunRow {
  id: string;
  year: number;
  run_no: number;
  approved: boolean;
  created_at: Date;
  results: unknown;
}

/**
 * The figures of earlier years an annual report compares with: per year, the run the measurement
 * SOP approved last, or else the current run.
 */
export async function officialRuns(
  db: Queryable,
  governmentId: string,
  agencyId: string,
  years: number[],
): Promise<OfficialRunRow[]> {
  if (years.length === 0) return [];
  return db.query<OfficialRunRow>(
    `SELECT DISTINCT ON (r.year) r.id, r.year, r.run_no, (c.approved_run_id IS NOT NULL) AS approved, r.created_at, r.results
       FROM measurement_runs r
       LEFT JOIN measurement_cycles c ON c.approved_run_id = r.id
      WHERE r.government_id = $1 AND r.agency_id = $2 AND r.year = ANY($3::int[])
        AND (c.approved_run_id IS NOT NULL OR r.superseded_by_id IS NULL)
      ORDER BY r.year, (c.approved_run_id IS NOT NULL) DESC, c.approved_at DESC NULLS LAST, r.run_no DESC`,
    [governmentId, agencyId, years],
  );
}

export interface RenstraInfoRow {
  id: string;
  plan_name: string;
  start_year: number;
  end_year: number;
  baseline_value: string | null;
  baseline_year: number | null;
  end_target_value: string | null;
  end_target_low: string | null;
  end_target_high: string | null;
  target_value: string | null;
  target_low: string | null;
  target_high: string | null;
}

/** What the Renstra says of indicators: baseline, end target, its period and its target for `year`. */
export async function renstraOf(
  db: Queryable,
  governmentId: string,
  indicatorIds: string[],
  year: number,
): Promise<RenstraInfoRow[]> {
  if (indicatorIds.length === 0) return [];
  return db.query<RenstraInfoRow>(
    `SELECT pi.id, p.name AS plan_name, p.start_year, p.end_year,
            pi.baseline_value::text AS baseline_value, pi.baseline_year,
            pi.end_target_value::text AS end_target_value, pi.end_target_low::text AS end_target_low,
            pi.end_target_high::text AS end_target_high,
            t.target_value::text AS target_value, t.target_low::text AS target_low, t.target_high::text AS target_high
       FROM plan_indicators pi
       JOIN plans p ON p.id = pi.plan_id
       LEFT JOIN plan_indicator_targets t ON t.indicator_id = pi.id AND t.year = $3
      WHERE pi.government_id = $1 AND pi.id = ANY($2::uuid[])`,
    [governmentId, indicatorIds, year],
  );
}
