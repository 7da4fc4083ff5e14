import type { Queryable, Tx } from '../../db/database.js';

export interface AgencyLite {
  id: string;
  name: string;
}

export async function agenciesOf(db: Queryable, governmentId: string): Promise<AgencyLite[]> {
  return db.query<AgencyLite>('SELECT id, name FROM agencies WHERE government_id = $1 AND active ORDER BY name', [
    governmentId,
  ]);
}

/**
 * The agencies whose head or secretary the employee is today (definitive or acting): the
 * agency-level head position, or a secretary position anywhere in the agency.
 */
export async function agenciesLedBy(db: Queryable, governmentId: string, employeeId: string): Promise<AgencyLite[]> {
  return db.query<AgencyLite>(
    `SELECT DISTINCT a.id, a.name
       FROM position_assignments pa
       JOIN positions p ON p.id = pa.position_id AND p.active
       JOIN agencies a ON a.id = p.agency_id AND a.active
       JOIN governments g ON g.id = pa.government_id
      WHERE pa.government_id = $1 AND pa.employee_id = $2
        AND ((p.kind = 'head' AND p.unit_id IS NULL) OR p.kind = 'secretary')
        AND pa.starts_on <= (now() AT TIME ZONE g.time_zone)::date
        AND (pa.ends_on IS NULL OR pa.ends_on >= (now() AT TIME ZONE g.time_zone)::date)
      ORDER BY a.name`,
    [governmentId, employeeId],
  );
}

export interface RunRow {
  id: string;
  agency_id: string;
  run_no: number;
  created_at: Date;
  agency_achievement: string | null;
  agency_category: string | null;
  method: unknown;
  inputs: unknown;
  results: unknown;
  approved: boolean;
}

/**
 * The latest run of the year of each agency, and whether a measurement cycle approved it. The
 * current run is the latest; an approval of an earlier run does not make the latest approved.
 */
export async function latestRuns(
  db: Queryable,
  governmentId: string,
  year: number,
  agencyIds: string[],
): Promise<RunRow[]> {
  return db.query<RunRow>(
    `SELECT r.id, r.agency_id, r.run_no, r.created_at, r.agency_achievement::text AS agency_achievement,
            r.agency_category, r.method, r.inputs, r.results,
            EXISTS (SELECT 1 FROM measurement_cycles c WHERE c.approved_run_id = r.id) AS approved
       FROM measurement_runs r
      WHERE r.government_id = $1 AND r.year = $2 AND r.agency_id = ANY($3::uuid[]) AND r.superseded_by_id IS NULL`,
    [governmentId, year, agencyIds],
  );
}

/**
 * The approved run of each agency's year: the one the measurement SOP approved last (an approval
 * stays the official figures even when later data makes a newer, unapproved run).
 */
export async function approvedRuns(
  db: Queryable,
  governmentId: string,
  year: number,
): Promise<(RunRow & { agency_name: string; approved_at: Date })[]> {
  return db.query(
    `SELECT DISTINCT ON (c.agency_id) r.id, r.agency_id, a.name AS agency_name, r.run_no, r.created_at,
            r.agency_achievement::text AS agency_achievement, r.agency_category, r.method, r.inputs, r.results,
            true AS approved, c.approved_at
       FROM measurement_cycles c
       JOIN measurement_runs r ON r.id = c.approved_run_id
       JOIN agencies a ON a.id = c.agency_id AND a.active
      WHERE c.government_id = $1 AND c.year = $2
      ORDER BY c.agency_id, c.approved_at DESC`,
    [governmentId, year],
  );
}

export async function approvedYears(db: Queryable, governmentId: string): Promise<number[]> {
  const rows = await db.query<{ year: number }>(
    `SELECT DISTINCT year FROM measurement_cycles WHERE government_id = $1 AND approved_run_id IS NOT NULL
      ORDER BY year DESC`,
    [governmentId],
  );
  return rows.map((r) => r.year);
}

export interface NameRows {
  indicators: { id: string; code: string; name: string; unit_of_measure: string; decimals: number }[];
  nodes: { id: string; code: string; name: string; kind: string; parent_id: string | null }[];
  units: { id: string; name: string }[];
}

export async function namesOf(
  db: Queryable,
  indicatorIds: string[],
  nodeIds: string[],
  unitIds: string[],
): Promise<NameRows> {
  const [indicators, nodes, units] = await Promise.all([
    db.query<NameRows['indicators'][number]>(
      'SELECT id, code, name, unit_of_measure, decimals FROM plan_indicators WHERE id = ANY($1::uuid[])',
      [indicatorIds],
    ),
    db.query<NameRows['nodes'][number]>(
      'SELECT id, code, name, kind, parent_id FROM plan_nodes WHERE id = ANY($1::uuid[])',
      [nodeIds],
    ),
    db.query<NameRows['units'][number]>('SELECT id, name FROM units WHERE id = ANY($1::uuid[])', [unitIds]),
  ]);
  return { indicators, nodes, units };
}

export interface ValueRef {
  period_id: string;
  indicator_id: string;
  unit_id: string | null;
  value_id: string;
}

/** The indicator values entered in the periods (for the drill-down to their history). */
export async function valuesOf(db: Queryable, periodIds: string[]): Promise<ValueRef[]> {
  return db.query<ValueRef>(
    `SELECT period_id, indicator_id, unit_id, id AS value_id FROM collection_values
      WHERE period_id = ANY($1::uuid[]) AND indicator_id IS NOT NULL`,
    [periodIds],
  );
}

/**
 * A case is about a year when its period names it ("2025", "2025-Q3", "Triwulan III 2025"); a case
 * whose period names no year counts in the year it was started (in the government's time zone).
 */
const caseOfYear = `(c.period ~ ('(^|[^0-9])' || $2::int::text || '([^0-9]|$)')
  OR (c.period !~ '(^|[^0-9])(19|20)[0-9]{2}([^0-9]|$)' AND extract(year FROM c.started_at AT TIME ZONE g.time_zone) = $2::int))`;

export interface TimelinessRow {
  sop_id: string;
  sop_title: string;
  agency_name: string;
  done: number;
  on_time: number;
  late: number;
  avg_actual_days: string | null;
  avg_standard_days: string | null;
}

/**
 * Tasks with a mutu baku due time of the agencies' cases about the year, per SOP: done on time (completed by the due time) or late, and the mean time taken
 * against the mean time allowed.
 */
export async function timelinessBySop(
  db: Queryable,
  governmentId: string,
  year: number,
  agencyIds: string[],
): Promise<TimelinessRow[]> {
  return db.query<TimelinessRow>(
    `SELECT s.id AS sop_id, s.title AS sop_title, a.name AS agency_name,
            count(*) FILTER (WHERE t.status = 'done')::int AS done,
            count(*) FILTER (WHERE t.status = 'done' AND t.completed_at <= t.due_at)::int AS on_time,
            count(*) FILTER (WHERE t.status = 'done' AND t.completed_at > t.due_at)::int AS late,
            round((avg(extract(epoch FROM t.completed_at - t.opened_at)) FILTER (WHERE t.status = 'done') / 86400)::numeric, 3)::text
              AS avg_actual_days,
            round((avg(extract(epoch FROM t.due_at - t.opened_at)) FILTER (WHERE t.status = 'done') / 86400)::numeric, 3)::text
              AS avg_standard_days
       FROM case_tasks t
       JOIN cases c ON c.id = t.case_id
       JOIN sops s ON s.id = c.sop_id
       JOIN agencies a ON a.id = c.agency_id
       JOIN governments g ON g.id = t.government_id
      WHERE t.government_id = $1 AND c.agency_id = ANY($3::uuid[]) AND t.due_at IS NOT NULL
        AND t.status <> 'cancelled'
        AND ${caseOfYear}
      GROUP BY s.id, s.title, a.name
      HAVING count(*) FILTER (WHERE t.status = 'done') > 0
      ORDER BY a.name, s.title`,
    [governmentId, year, agencyIds],
  );
}

export interface TotalsRow {
  done: number;
  on_time: number;
  late: number;
  avg_actual_days: string | null;
  avg_standard_days: string | null;
}

export async function timelinessTotals(
  db: Queryable,
  governmentId: string,
  year: number,
  agencyIds: string[],
): Promise<TotalsRow> {
  const rows = await db.query<TotalsRow>(
    `SELECT count(*)::int AS done,
            count(*) FILTER (WHERE t.completed_at <= t.due_at)::int AS on_time,
            count(*) FILTER (WHERE t.completed_at > t.due_at)::int AS late,
            round((avg(extract(epoch FROM t.completed_at - t.opened_at)) / 86400)::numeric, 3)::text AS avg_actual_days,
            round((avg(extract(epoch FROM t.due_at - t.opened_at)) / 86400)::numeric, 3)::text AS avg_standard_days
       FROM case_tasks t
       JOIN cases c ON c.id = t.case_id
       JOIN governments g ON g.id = t.government_id
      WHERE t.government_id = $1 AND c.agency_id = ANY($3::uuid[]) AND t.due_at IS NOT NULL AND t.status = 'done'
        AND ${caseOfYear}`,
    [governmentId, year, agencyIds],
  );
  return rows[0]!;
}

export interface OverdueRow {
  task_id: string;
  case_id: string;
  case_number: number;
  case_subject: string;
  agency_name: string;
  sop_title: string;
  step_no: number;
  step_text: string | null;
  due_at: Date;
  overdue_days: string;
}

/** Open tasks of the agencies' open cases past their due time, the most overdue first. */
export async function overdueTasks(db: Queryable, governmentId: string, agencyIds: string[]): Promise<OverdueRow[]> {
  return db.query<OverdueRow>(
    `SELECT t.id AS task_id, c.id AS case_id, c.number AS case_number, c.subject AS case_subject, a.name AS agency_name,
            s.title AS sop_title, t.step_no,
            (SELECT st->>'text' FROM json_array_elements(v.document->'steps') st
              WHERE (st->>'no')::int = t.step_no LIMIT 1) AS step_text,
            t.due_at, round((extract(epoch FROM now() - t.due_at) / 86400)::numeric, 2)::text AS overdue_days
       FROM case_tasks t
       JOIN cases c ON c.id = t.case_id AND c.status = 'open'
       JOIN sops s ON s.id = c.sop_id
       JOIN sop_versions v ON v.id = c.sop_version_id
       JOIN agencies a ON a.id = c.agency_id
      WHERE t.government_id = $1 AND c.agency_id = ANY($2::uuid[]) AND t.status = 'open' AND t.due_at < now()
      ORDER BY t.due_at LIMIT 50`,
    [governmentId, agencyIds],
  );
}

// ── the public page setting ──
export async function publicSetting(db: Queryable, governmentId: string) {
  const rows = await db.query<{ code: string; public_achievements: boolean; updated_at: Date }>(
    'SELECT code, public_achievements, updated_at FROM governments WHERE id = $1',
    [governmentId],
  );
  return rows[0];
}

export async function setPublicSetting(tx: Tx, governmentId: string, enabled: boolean): Promise<void> {
  await tx.query(
    `UPDATE governments SET public_achievements = $2,
            updated_at = greatest(clock_timestamp(), updated_at + interval '1 millisecond')
      WHERE id = $1`,
    [governmentId, enabled],
  );
}

export async function governmentByCode(db: Queryable, code: string) {
  const rows = await db.query<{ id: string; code: string; name: string; public_achievements: boolean }>(
    'SELECT id, code, name, public_achievements FROM governments WHERE code = $1 AND active',
    [code],
  );
  return rows[0];
}
