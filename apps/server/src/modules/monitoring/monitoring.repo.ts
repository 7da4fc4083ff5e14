import type { Queryable, Tx } from '../../db/database.js';

export interface CycleRow {
  id: string;
  government_id: string;
  agency_id: string;
  agency_name: string;
  plan_id: string;
  plan_name: string;
  start_year: number;
  end_year: number;
  year: number;
  status: 'open' | 'closed';
  analysis: unknown;
  analysed_at: Date | null;
  format_file_id: string | null;
  concept_file_id: string | null;
  correction: string;
  final_file_id: string | null;
  created_at: Date;
  closed_at: Date | null;
}

const select = `c.id, c.government_id, c.agency_id, a.name AS agency_name, c.plan_id, p.name AS plan_name, p.start_year,
  p.end_year, c.year, c.status, c.analysis, c.analysed_at, c.format_file_id, c.concept_file_id, c.correction,
  c.final_file_id, c.created_at, c.closed_at`;
const from = 'monitoring_cycles c JOIN agencies a ON a.id = c.agency_id JOIN plans p ON p.id = c.plan_id';

export async function getCycle(db: Queryable, governmentId: string, id: string, lock = false) {
  const rows = await db.query<CycleRow>(
    `SELECT ${select} FROM ${from} WHERE c.government_id = $1 AND c.id = $2${lock ? ' FOR UPDATE OF c' : ''}`,
    [governmentId, id],
  );
  return rows[0];
}

export async function listCycles(
  db: Queryable,
  governmentId: string,
  f: { planId?: string | undefined; year?: number | undefined },
) {
  return db.query<CycleRow>(
    `SELECT ${select} FROM ${from}
      WHERE c.government_id = $1 AND ($2::uuid IS NULL OR c.plan_id = $2) AND ($3::int IS NULL OR c.year = $3)
      ORDER BY c.year DESC, a.name, c.created_at DESC LIMIT 500`,
    [governmentId, f.planId ?? null, f.year ?? null],
  );
}

export async function planOf(db: Queryable, governmentId: string, planId: string) {
  const rows = await db.query<{ id: string; agency_id: string; name: string; start_year: number; end_year: number }>(
    'SELECT id, agency_id, name, start_year, end_year FROM plans WHERE government_id = $1 AND id = $2',
    [governmentId, planId],
  );
  return rows[0];
}

export async function openCycleOf(tx: Tx, planId: string, year: number) {
  const rows = await tx.query<{ id: string }>(
    "SELECT id FROM monitoring_cycles WHERE plan_id = $1 AND year = $2 AND status = 'open'",
    [planId, year],
  );
  return rows[0];
}

export async function insertCycle(tx: Tx, r: { governmentId: string; agencyId: string; planId: string; year: number }) {
  const rows = await tx.query<{ id: string }>(
    'INSERT INTO monitoring_cycles (government_id, agency_id, plan_id, year) VALUES ($1, $2, $3, $4) RETURNING id',
    [r.governmentId, r.agencyId, r.planId, r.year],
  );
  return rows[0]!.id;
}

export async function update(
  tx: Tx,
  id: string,
  set: Partial<{
    analysis: unknown;
    format_file_id: string;
    concept_file_id: string;
    correction: string;
    final_file_id: string;
    closed: boolean;
  }>,
): Promise<void> {
  const parts: string[] = ['updated_at = now()'];
  const params: unknown[] = [id];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    parts.push(sql.replace('?', `$${params.length}`));
  };
  if (set.analysis !== undefined) {
    add('analysis = ?::jsonb', JSON.stringify(set.analysis));
    parts.push('analysed_at = now()');
  }
  if (set.format_file_id) add('format_file_id = ?', set.format_file_id);
  if (set.concept_file_id) add('concept_file_id = ?', set.concept_file_id);
  if (set.correction !== undefined) add('correction = ?', set.correction);
  if (set.final_file_id) add('final_file_id = ?', set.final_file_id);
  if (set.closed) parts.push("status = 'closed'", 'closed_at = now()');
  await tx.query(`UPDATE monitoring_cycles SET ${parts.join(', ')} WHERE id = $1`, params);
}

export interface RenstraIndicatorRow {
  id: string;
  code: string;
  name: string;
  unit_of_measure: string;
  direction: 'higher_better' | 'lower_better' | 'range';
  lower_better_formula: 'inverse_difference' | 'ratio';
  node_id: string;
  baseline_value: string | null;
  end_target_value: string | null;
  end_target_low: string | null;
  end_target_high: string | null;
  target_value: string | null;
  target_low: string | null;
  target_high: string | null;
}

/** The plan's active indicators with the Renstra's target for `year`. */
export async function renstraIndicators(db: Queryable, planId: string, year: number) {
  return db.query<RenstraIndicatorRow>(
    `SELECT pi.id, pi.code, pi.name, pi.unit_of_measure, pi.direction, pi.lower_better_formula, pi.node_id,
            pi.baseline_value::text AS baseline_value, pi.end_target_value::text AS end_target_value,
            pi.end_target_low::text AS end_target_low, pi.end_target_high::text AS end_target_high,
            t.target_value::text AS target_value, t.target_low::text AS target_low, t.target_high::text AS target_high
       FROM plan_indicators pi
       JOIN plan_nodes n ON n.id = pi.node_id
       LEFT JOIN plan_indicator_targets t ON t.indicator_id = pi.id AND t.year = $2
      WHERE pi.plan_id = $1 AND pi.active
      ORDER BY n.sort_order, pi.sort_order, pi.code`,
    [planId, year],
  );
}

export async function nodesOf(db: Queryable, planId: string) {
  return db.query<{ id: string; parent_id: string | null; kind: string; code: string; name: string }>(
    'SELECT id, parent_id, kind, code, name FROM plan_nodes WHERE plan_id = $1',
    [planId],
  );
}

export async function unitsOfAgency(db: Queryable, agencyId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    'SELECT id FROM units WHERE agency_id = $1 AND active ORDER BY sort_order, name',
    [agencyId],
  );
  return rows.map((r) => r.id);
}
