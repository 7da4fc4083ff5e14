import type { Queryable, Tx } from '../../db/database.js';

// Numbers come back from `numeric` columns as exact strings (see db/database.ts).

export type PlanTable = 'plans' | 'plan_nodes' | 'plan_indicators' | 'performance_agreements' | 'individual_indicators';

/**
 * Updates the given columns of one row of the government and bumps `updated_at`; with
 * `expectedUpdatedAt`, only the version the editor saw (to the millisecond). False when no row matched.
 */
export async function updateRow(
  tx: Tx,
  table: PlanTable,
  governmentId: string,
  id: string,
  changes: Record<string, unknown>,
  expectedUpdatedAt?: string | undefined,
): Promise<boolean> {
  const entries = Object.entries(changes).filter(([, v]) => v !== undefined);
  const params: unknown[] = [id, governmentId];
  const where = ['id = $1', 'government_id = $2'];
  if (expectedUpdatedAt) {
    params.push(expectedUpdatedAt);
    where.push(`date_trunc('milliseconds', updated_at) = $${params.length}::timestamptz`);
  }
  const sets = entries.map(([k], i) => `${k} = $${params.length + i + 1}`);
  // clock_timestamp(): two changes in one transaction still get different versions.
  sets.push("updated_at = greatest(clock_timestamp(), updated_at + interval '1 millisecond')");
  const rows = await tx.query(`UPDATE ${table} SET ${sets.join(', ')} WHERE ${where.join(' AND ')} RETURNING id`, [
    ...params,
    ...entries.map(([, v]) => v),
  ]);
  return rows.length > 0;
}

// ── settings ─────────────────────────────────────────────────────────────────────────────
export interface SettingsRow {
  lower_better_formula: 'inverse_difference' | 'ratio';
  updated_at: Date | null;
}

export async function getSettings(db: Queryable, governmentId: string): Promise<SettingsRow> {
  const rows = await db.query<SettingsRow>(
    'SELECT lower_better_formula, updated_at FROM plan_settings WHERE government_id = $1',
    [governmentId],
  );
  return rows[0] ?? { lower_better_formula: 'inverse_difference', updated_at: null };
}

/** Writes the settings; false when `expectedUpdatedAt` no longer matches. */
export async function putSettings(
  tx: Tx,
  governmentId: string,
  lowerBetterFormula: string,
  expectedUpdatedAt: string | undefined,
): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO plan_settings (government_id, lower_better_formula) VALUES ($1, $2)
     ON CONFLICT (government_id) DO UPDATE SET lower_better_formula = EXCLUDED.lower_better_formula,
       updated_at = greatest(clock_timestamp(), plan_settings.updated_at + interval '1 millisecond')
       WHERE $3::timestamptz IS NULL OR date_trunc('milliseconds', plan_settings.updated_at) = $3::timestamptz
     RETURNING government_id`,
    [governmentId, lowerBetterFormula, expectedUpdatedAt ?? null],
  );
  return rows.length > 0;
}

// ── plans ────────────────────────────────────────────────────────────────────────────────
export interface PlanRow {
  id: string;
  government_id: string;
  agency_id: string;
  agency_name: string;
  name: string;
  start_year: number;
  end_year: number;
  status: 'draft' | 'established' | 'ended';
  decree_number: string;
  description: string;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}
export const planSelect = `p.id, p.government_id, p.agency_id, a.name AS agency_name, p.name, p.start_year, p.end_year,
  p.status, p.decree_number, p.description, p.active, p.created_at, p.updated_at`;
export const planFrom = 'plans p JOIN agencies a ON a.id = p.agency_id';

export async function getPlan(db: Queryable, governmentId: string, id: string): Promise<PlanRow | undefined> {
  const rows = await db.query<PlanRow>(
    `SELECT ${planSelect} FROM ${planFrom} WHERE p.government_id = $1 AND p.id = $2`,
    [governmentId, id],
  );
  return rows[0];
}

/** Locks the plan row so that concurrent changes to its tree run one after the other. */
export async function lockPlan(tx: Tx, governmentId: string, id: string): Promise<void> {
  await tx.query('SELECT id FROM plans WHERE government_id = $1 AND id = $2 FOR UPDATE', [governmentId, id]);
}

/** Active plans of the agency whose period overlaps [start, end], other than `exceptId`. */
export async function overlappingPlans(
  db: Queryable,
  agencyId: string,
  start: number,
  end: number,
  exceptId: string | null,
): Promise<PlanRow[]> {
  return db.query<PlanRow>(
    `SELECT ${planSelect} FROM ${planFrom}
      WHERE p.agency_id = $1 AND p.active AND p.start_year <= $3 AND p.end_year >= $2 AND ($4::uuid IS NULL OR p.id <> $4)`,
    [agencyId, start, end, exceptId],
  );
}

export async function insertPlan(
  tx: Tx,
  p: Pick<
    PlanRow,
    'government_id' | 'agency_id' | 'name' | 'start_year' | 'end_year' | 'status' | 'decree_number' | 'description'
  >,
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO plans (government_id, agency_id, name, start_year, end_year, status, decree_number, description)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
    [p.government_id, p.agency_id, p.name, p.start_year, p.end_year, p.status, p.decree_number, p.description],
  );
  return rows[0]!.id;
}

export async function pagePlans(
  db: Queryable,
  governmentId: string,
  f: {
    q?: string | undefined;
    agencyId?: string | undefined;
    year?: number | undefined;
    active: 'true' | 'false' | 'all';
    page: number;
    pageSize: number;
  },
): Promise<{ rows: PlanRow[]; total: number }> {
  const params: unknown[] = [governmentId];
  const where = ['p.government_id = $1'];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (f.agencyId) add('p.agency_id = ?', f.agencyId);
  if (f.year !== undefined) add('p.start_year <= ? AND p.end_year >= ?', f.year);
  if (f.active !== 'all') where.push(`p.active = ${f.active === 'true' ? 'true' : 'false'}`);
  const q = f.q?.trim();
  if (q) add('(p.name ILIKE ? OR a.name ILIKE ?)', `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const clause = `WHERE ${where.join(' AND ')}`;
  const count = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${planFrom} ${clause}`, params);
  const rows = await db.query<PlanRow>(
    `SELECT ${planSelect} FROM ${planFrom} ${clause} ORDER BY a.name, p.start_year DESC
      LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.pageSize, (f.page - 1) * f.pageSize],
  );
  return { rows, total: count[0]?.n ?? 0 };
}

/** Years outside [start, end] that already carry a Renstra target or an agreement of the plan. */
export async function yearsInUseOutside(db: Queryable, planId: string, start: number, end: number): Promise<number[]> {
  const rows = await db.query<{ year: number }>(
    `SELECT DISTINCT t.year FROM plan_indicator_targets t JOIN plan_indicators i ON i.id = t.indicator_id
      WHERE i.plan_id = $1 AND (t.year < $2 OR t.year > $3)
     UNION
     SELECT DISTINCT year FROM performance_agreements WHERE plan_id = $1 AND (year < $2 OR year > $3)
     ORDER BY 1`,
    [planId, start, end],
  );
  return rows.map((r) => r.year);
}

// ── nodes ────────────────────────────────────────────────────────────────────────────────
export interface NodeRow {
  id: string;
  government_id: string;
  plan_id: string;
  parent_id: string | null;
  kind: 'goal' | 'objective' | 'program' | 'activity' | 'sub_activity';
  code: string;
  name: string;
  unit_id: string | null;
  unit_name: string | null;
  sort_order: number;
  active: boolean;
  updated_at: Date;
}
const nodeSelect = `n.id, n.government_id, n.plan_id, n.parent_id, n.kind, n.code, n.name, n.unit_id, u.name AS unit_name,
  n.sort_order, n.active, n.updated_at`;
const nodeFrom = 'plan_nodes n LEFT JOIN units u ON u.id = n.unit_id';

export async function getNode(db: Queryable, governmentId: string, id: string): Promise<NodeRow | undefined> {
  const rows = await db.query<NodeRow>(
    `SELECT ${nodeSelect} FROM ${nodeFrom} WHERE n.government_id = $1 AND n.id = $2`,
    [governmentId, id],
  );
  return rows[0];
}

export async function listNodes(db: Queryable, planId: string): Promise<NodeRow[]> {
  return db.query<NodeRow>(`SELECT ${nodeSelect} FROM ${nodeFrom} WHERE n.plan_id = $1 ORDER BY n.sort_order, n.code`, [
    planId,
  ]);
}

export async function siblings(db: Queryable, planId: string, parentId: string | null): Promise<NodeRow[]> {
  return db.query<NodeRow>(
    `SELECT ${nodeSelect} FROM ${nodeFrom}
      WHERE n.plan_id = $1 AND n.parent_id IS NOT DISTINCT FROM $2::uuid ORDER BY n.sort_order, n.code`,
    [planId, parentId],
  );
}

export async function nextSortOrder(db: Queryable, planId: string, parentId: string | null): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `SELECT coalesce(max(sort_order) + 10, 0)::int AS n FROM plan_nodes
      WHERE plan_id = $1 AND parent_id IS NOT DISTINCT FROM $2::uuid`,
    [planId, parentId],
  );
  return rows[0]?.n ?? 0;
}

/** The ids of a node and every node below it. */
export async function nodeSubtree(db: Queryable, planId: string, id: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `WITH RECURSIVE t AS (
       SELECT id FROM plan_nodes WHERE plan_id = $1 AND id = $2
       UNION ALL SELECT n.id FROM plan_nodes n JOIN t ON n.parent_id = t.id WHERE n.plan_id = $1)
     SELECT id FROM t`,
    [planId, id],
  );
  return rows.map((r) => r.id);
}

export async function activeChildCount(db: Queryable, nodeId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM plan_nodes WHERE parent_id = $1 AND active',
    [nodeId],
  );
  return rows[0]?.n ?? 0;
}

export async function insertNode(
  tx: Tx,
  n: Pick<NodeRow, 'government_id' | 'plan_id' | 'parent_id' | 'kind' | 'code' | 'name' | 'unit_id' | 'sort_order'>,
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO plan_nodes (government_id, plan_id, parent_id, kind, code, name, unit_id, sort_order)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
    [n.government_id, n.plan_id, n.parent_id, n.kind, n.code, n.name, n.unit_id, n.sort_order],
  );
  return rows[0]!.id;
}

export async function setSortOrder(tx: Tx, nodeId: string, sortOrder: number): Promise<void> {
  await tx.query('UPDATE plan_nodes SET sort_order = $2 WHERE id = $1', [nodeId, sortOrder]);
}

// ── indicators ───────────────────────────────────────────────────────────────────────────
export interface IndicatorRow {
  id: string;
  government_id: string;
  plan_id: string;
  node_id: string;
  code: string;
  name: string;
  unit_of_measure: string;
  direction: 'higher_better' | 'lower_better' | 'range';
  lower_better_formula: 'inverse_difference' | 'ratio';
  definition: string;
  formula: string;
  data_source: string;
  unit_id: string | null;
  unit_name: string | null;
  is_key: boolean;
  indicator_type: 'input' | 'output' | 'outcome' | 'impact';
  aggregation: 'sum' | 'last' | 'average' | 'max';
  decimals: number;
  weight: string | null;
  baseline_value: string | null;
  baseline_year: number | null;
  end_target_value: string | null;
  end_target_low: string | null;
  end_target_high: string | null;
  valid_min: string | null;
  valid_max: string | null;
  evidence_required: boolean;
  sort_order: number;
  active: boolean;
  updated_at: Date;
}
const indicatorSelect = `i.id, i.government_id, i.plan_id, i.node_id, i.code, i.name, i.unit_of_measure, i.direction,
  i.lower_better_formula, i.definition, i.formula, i.data_source, i.unit_id, u.name AS unit_name, i.is_key,
  i.indicator_type, i.aggregation, i.decimals, i.weight, i.baseline_value, i.baseline_year, i.end_target_value,
  i.end_target_low, i.end_target_high, i.valid_min, i.valid_max, i.evidence_required, i.sort_order, i.active,
  i.updated_at`;
const indicatorFrom = 'plan_indicators i LEFT JOIN units u ON u.id = i.unit_id';

export type IndicatorColumns = Omit<IndicatorRow, 'id' | 'unit_name' | 'active' | 'updated_at'>;

export async function getIndicator(db: Queryable, governmentId: string, id: string): Promise<IndicatorRow | undefined> {
  const rows = await db.query<IndicatorRow>(
    `SELECT ${indicatorSelect} FROM ${indicatorFrom} WHERE i.government_id = $1 AND i.id = $2`,
    [governmentId, id],
  );
  return rows[0];
}

export async function listIndicators(
  db: Queryable,
  planId: string,
  filter: { nodeId?: string | undefined; unitId?: string | undefined; isKey?: boolean | undefined; active?: boolean },
): Promise<IndicatorRow[]> {
  const params: unknown[] = [planId];
  const where = ['i.plan_id = $1'];
  if (filter.nodeId) {
    params.push(filter.nodeId);
    where.push(`i.node_id = $${params.length}`);
  }
  if (filter.unitId) {
    params.push(filter.unitId);
    where.push(`i.unit_id = $${params.length}`);
  }
  if (filter.isKey !== undefined) {
    params.push(filter.isKey);
    where.push(`i.is_key = $${params.length}`);
  }
  if (filter.active !== undefined) {
    params.push(filter.active);
    where.push(`i.active = $${params.length}`);
  }
  return db.query<IndicatorRow>(
    `SELECT ${indicatorSelect} FROM ${indicatorFrom} WHERE ${where.join(' AND ')} ORDER BY i.sort_order, i.code, i.name`,
    params,
  );
}

export async function insertIndicator(tx: Tx, i: IndicatorColumns): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO plan_indicators (government_id, plan_id, node_id, code, name, unit_of_measure, direction,
       lower_better_formula, definition, formula, data_source, unit_id, is_key, indicator_type, aggregation, decimals,
       weight, baseline_value, baseline_year, end_target_value, end_target_low, end_target_high, valid_min, valid_max,
       evidence_required, sort_order)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26)
     RETURNING id`,
    [
      i.government_id,
      i.plan_id,
      i.node_id,
      i.code,
      i.name,
      i.unit_of_measure,
      i.direction,
      i.lower_better_formula,
      i.definition,
      i.formula,
      i.data_source,
      i.unit_id,
      i.is_key,
      i.indicator_type,
      i.aggregation,
      i.decimals,
      i.weight,
      i.baseline_value,
      i.baseline_year,
      i.end_target_value,
      i.end_target_low,
      i.end_target_high,
      i.valid_min,
      i.valid_max,
      i.evidence_required,
      i.sort_order,
    ],
  );
  return rows[0]!.id;
}

export async function nextIndicatorOrder(db: Queryable, nodeId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'SELECT coalesce(max(sort_order) + 10, 0)::int AS n FROM plan_indicators WHERE node_id = $1',
    [nodeId],
  );
  return rows[0]?.n ?? 0;
}

/** Active indicators (on active nodes) a unit is responsible for: the indicator's unit, else its node's. */
export async function indicatorsResponsibleFor(db: Queryable, planId: string, unitId: string): Promise<IndicatorRow[]> {
  return db.query<IndicatorRow>(
    `SELECT ${indicatorSelect} FROM ${indicatorFrom} JOIN plan_nodes n ON n.id = i.node_id
      WHERE i.plan_id = $1 AND i.active AND n.active AND coalesce(i.unit_id, n.unit_id) = $2
      ORDER BY n.sort_order, i.sort_order, i.code, i.name`,
    [planId, unitId],
  );
}

/** Active key indicators (IKU) of the plan on active nodes, from the top of the tree down. */
export async function keyIndicators(db: Queryable, planId: string): Promise<IndicatorRow[]> {
  return db.query<IndicatorRow>(
    `SELECT ${indicatorSelect} FROM ${indicatorFrom} JOIN plan_nodes n ON n.id = i.node_id
      WHERE i.plan_id = $1 AND i.active AND n.active AND i.is_key
      ORDER BY array_position(ARRAY['goal','objective','program','activity','sub_activity'], n.kind), n.sort_order,
               i.sort_order, i.code, i.name`,
    [planId],
  );
}

export interface TargetColumns {
  target_value: string | null;
  target_low: string | null;
  target_high: string | null;
}
export interface YearTargetRow extends TargetColumns {
  indicator_id: string;
  year: number;
}

export async function yearTargets(db: Queryable, indicatorIds: string[]): Promise<YearTargetRow[]> {
  if (indicatorIds.length === 0) return [];
  return db.query<YearTargetRow>(
    `SELECT indicator_id, year, target_value, target_low, target_high FROM plan_indicator_targets
      WHERE indicator_id = ANY($1::uuid[]) ORDER BY year`,
    [indicatorIds],
  );
}

export async function replaceYearTargets(
  tx: Tx,
  governmentId: string,
  indicatorId: string,
  targets: ({ year: number } & TargetColumns)[],
): Promise<void> {
  await tx.query('DELETE FROM plan_indicator_targets WHERE indicator_id = $1', [indicatorId]);
  for (const t of targets) {
    await tx.query(
      `INSERT INTO plan_indicator_targets (indicator_id, government_id, year, target_value, target_low, target_high)
       VALUES ($1,$2,$3,$4,$5,$6)`,
      [indicatorId, governmentId, t.year, t.target_value, t.target_low, t.target_high],
    );
  }
}

// ── period targets (agreement indicators and individual indicators) ─────────────────────────
export type Period = 'year' | 'q1' | 'q2' | 'q3' | 'q4';
export interface PeriodTargetRow extends TargetColumns {
  owner_id: string;
  period: Period;
}

const periodTables = {
  agreement: { table: 'performance_agreement_targets', owner: 'agreement_indicator_id' },
  individual: { table: 'individual_indicator_targets', owner: 'individual_indicator_id' },
} as const;
export type PeriodOwner = keyof typeof periodTables;

export async function periodTargets(db: Queryable, owner: PeriodOwner, ids: string[]): Promise<PeriodTargetRow[]> {
  if (ids.length === 0) return [];
  const t = periodTables[owner];
  return db.query<PeriodTargetRow>(
    `SELECT ${t.owner} AS owner_id, period, target_value, target_low, target_high FROM ${t.table}
      WHERE ${t.owner} = ANY($1::uuid[])`,
    [ids],
  );
}

/** Sets (or with null clears) the target of one period. */
export async function putPeriodTarget(
  tx: Tx,
  owner: PeriodOwner,
  governmentId: string,
  ownerId: string,
  period: Period,
  target: TargetColumns | null,
): Promise<void> {
  const t = periodTables[owner];
  await tx.query(`DELETE FROM ${t.table} WHERE ${t.owner} = $1 AND period = $2`, [ownerId, period]);
  if (!target) return;
  await tx.query(
    `INSERT INTO ${t.table} (${t.owner}, government_id, period, target_value, target_low, target_high)
     VALUES ($1,$2,$3,$4,$5,$6)`,
    [ownerId, governmentId, period, target.target_value, target.target_low, target.target_high],
  );
}

// ── performance agreements ─────────────────────────────────────────────────────────────────
export interface AgreementRow {
  id: string;
  government_id: string;
  agency_id: string;
  agency_name: string;
  unit_id: string | null;
  unit_name: string | null;
  plan_id: string;
  year: number;
  version_no: number;
  version_kind: 'murni' | 'perubahan';
  reason: string;
  supersedes_id: string | null;
  superseded_by_id: string | null;
  is_current: boolean;
  parent_id: string | null;
  status: 'draft' | 'signed';
  signed_on: string | null;
  created_at: Date;
  updated_at: Date;
}
const agreementSelect = `pa.id, pa.government_id, pa.agency_id, a.name AS agency_name, pa.unit_id, u.name AS unit_name,
  pa.plan_id, pa.year, pa.version_no, pa.version_kind, pa.reason, pa.supersedes_id,
  (SELECT n.id FROM performance_agreements n WHERE n.supersedes_id = pa.id) AS superseded_by_id,
  pa.is_current, pa.parent_id, pa.status, pa.signed_on, pa.created_at, pa.updated_at`;
const agreementFrom =
  'performance_agreements pa JOIN agencies a ON a.id = pa.agency_id LEFT JOIN units u ON u.id = pa.unit_id';

export async function getAgreement(db: Queryable, governmentId: string, id: string): Promise<AgreementRow | undefined> {
  const rows = await db.query<AgreementRow>(
    `SELECT ${agreementSelect} FROM ${agreementFrom} WHERE pa.government_id = $1 AND pa.id = $2`,
    [governmentId, id],
  );
  return rows[0];
}

/** Locks one agreement row for the rest of the transaction (changes to it run one at a time). */
export async function lockAgreement(tx: Tx, governmentId: string, id: string): Promise<void> {
  await tx.query('SELECT id FROM performance_agreements WHERE government_id = $1 AND id = $2 FOR UPDATE', [
    governmentId,
    id,
  ]);
}

/** The current version of the agency's (unitId null) or unit's agreement for a year. */
export async function currentAgreement(
  db: Queryable,
  agencyId: string,
  unitId: string | null,
  year: number,
): Promise<AgreementRow | undefined> {
  const rows = await db.query<AgreementRow>(
    `SELECT ${agreementSelect} FROM ${agreementFrom}
      WHERE pa.agency_id = $1 AND pa.unit_id IS NOT DISTINCT FROM $2::uuid AND pa.year = $3 AND pa.is_current`,
    [agencyId, unitId, year],
  );
  return rows[0];
}

export async function agreementVersions(
  db: Queryable,
  agencyId: string,
  unitId: string | null,
  year: number,
): Promise<AgreementRow[]> {
  return db.query<AgreementRow>(
    `SELECT ${agreementSelect} FROM ${agreementFrom}
      WHERE pa.agency_id = $1 AND pa.unit_id IS NOT DISTINCT FROM $2::uuid AND pa.year = $3 ORDER BY pa.version_no`,
    [agencyId, unitId, year],
  );
}

export async function pageAgreements(
  db: Queryable,
  governmentId: string,
  f: {
    agencyId?: string | undefined;
    unitId?: string | undefined;
    planId?: string | undefined;
    year?: number | undefined;
    level?: 'agency' | 'unit' | undefined;
    currentOnly: boolean;
    page: number;
    pageSize: number;
  },
): Promise<{ rows: AgreementRow[]; total: number }> {
  const params: unknown[] = [governmentId];
  const where = ['pa.government_id = $1'];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.agencyId) add('pa.agency_id = ?', f.agencyId);
  if (f.unitId) add('pa.unit_id = ?', f.unitId);
  if (f.planId) add('pa.plan_id = ?', f.planId);
  if (f.year !== undefined) add('pa.year = ?', f.year);
  if (f.level === 'agency') where.push('pa.unit_id IS NULL');
  if (f.level === 'unit') where.push('pa.unit_id IS NOT NULL');
  if (f.currentOnly) where.push('pa.is_current');
  const clause = `WHERE ${where.join(' AND ')}`;
  const count = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM performance_agreements pa ${clause}`,
    params,
  );
  const rows = await db.query<AgreementRow>(
    `SELECT ${agreementSelect} FROM ${agreementFrom} ${clause}
      ORDER BY pa.year DESC, a.name, (pa.unit_id IS NOT NULL), u.sort_order, u.name, pa.version_no
      LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.pageSize, (f.page - 1) * f.pageSize],
  );
  return { rows, total: count[0]?.n ?? 0 };
}

export async function insertAgreement(
  tx: Tx,
  a: {
    government_id: string;
    agency_id: string;
    unit_id: string | null;
    plan_id: string;
    year: number;
    version_no: number;
    version_kind: 'murni' | 'perubahan';
    reason: string;
    supersedes_id: string | null;
    parent_id: string | null;
    created_by_user_id: string | null;
  },
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO performance_agreements (government_id, agency_id, unit_id, plan_id, year, version_no, version_kind,
       reason, supersedes_id, parent_id, created_by_user_id)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id`,
    [
      a.government_id,
      a.agency_id,
      a.unit_id,
      a.plan_id,
      a.year,
      a.version_no,
      a.version_kind,
      a.reason,
      a.supersedes_id,
      a.parent_id,
      a.created_by_user_id,
    ],
  );
  return rows[0]!.id;
}

export async function supersede(tx: Tx, id: string): Promise<void> {
  await tx.query(
    `UPDATE performance_agreements SET is_current = false, superseded_at = clock_timestamp(),
       updated_at = greatest(clock_timestamp(), updated_at + interval '1 millisecond') WHERE id = $1`,
    [id],
  );
}

export interface AgreementIndicatorRow {
  id: string;
  agreement_id: string;
  indicator_id: string;
  code: string;
  name: string;
  node_id: string;
  node_kind: NodeRow['kind'];
  node_code: string;
  node_name: string;
  unit_of_measure: string;
  direction: IndicatorRow['direction'];
  aggregation: IndicatorRow['aggregation'];
  decimals: number;
  is_key: boolean;
  sort_order: number;
  updated_at: Date;
}
const agreementIndicatorSelect = `r.id, r.agreement_id, r.indicator_id, i.code, i.name, i.node_id, n.kind AS node_kind,
  n.code AS node_code, n.name AS node_name, i.unit_of_measure, i.direction, i.aggregation, i.decimals, i.is_key,
  r.sort_order, r.updated_at`;
const agreementIndicatorFrom = `performance_agreement_indicators r JOIN plan_indicators i ON i.id = r.indicator_id
  JOIN plan_nodes n ON n.id = i.node_id`;

export async function agreementIndicators(db: Queryable, agreementId: string): Promise<AgreementIndicatorRow[]> {
  return db.query<AgreementIndicatorRow>(
    `SELECT ${agreementIndicatorSelect} FROM ${agreementIndicatorFrom} WHERE r.agreement_id = $1
      ORDER BY r.sort_order, i.code, i.name`,
    [agreementId],
  );
}

export async function getAgreementIndicator(
  db: Queryable,
  agreementId: string,
  id: string,
): Promise<AgreementIndicatorRow | undefined> {
  const rows = await db.query<AgreementIndicatorRow>(
    `SELECT ${agreementIndicatorSelect} FROM ${agreementIndicatorFrom} WHERE r.agreement_id = $1 AND r.id = $2`,
    [agreementId, id],
  );
  return rows[0];
}

export async function insertAgreementIndicator(
  tx: Tx,
  r: { government_id: string; agreement_id: string; indicator_id: string; sort_order: number },
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO performance_agreement_indicators (government_id, agreement_id, indicator_id, sort_order)
     VALUES ($1,$2,$3,$4) RETURNING id`,
    [r.government_id, r.agreement_id, r.indicator_id, r.sort_order],
  );
  return rows[0]!.id;
}

export async function nextAgreementIndicatorOrder(db: Queryable, agreementId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'SELECT coalesce(max(sort_order) + 10, 0)::int AS n FROM performance_agreement_indicators WHERE agreement_id = $1',
    [agreementId],
  );
  return rows[0]?.n ?? 0;
}

/** Bumps an agreement indicator row's version; false when `expectedUpdatedAt` no longer matches. */
export async function touchAgreementIndicator(
  tx: Tx,
  id: string,
  changes: { sort_order?: number | undefined },
  expectedUpdatedAt: string | undefined,
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE performance_agreement_indicators
        SET sort_order = coalesce($2, sort_order),
            updated_at = greatest(clock_timestamp(), updated_at + interval '1 millisecond')
      WHERE id = $1 AND ($3::timestamptz IS NULL OR date_trunc('milliseconds', updated_at) = $3::timestamptz)
      RETURNING id`,
    [id, changes.sort_order ?? null, expectedUpdatedAt ?? null],
  );
  return rows.length > 0;
}

export async function deleteAgreementIndicator(tx: Tx, id: string): Promise<void> {
  await tx.query('DELETE FROM performance_agreement_targets WHERE agreement_indicator_id = $1', [id]);
  await tx.query('DELETE FROM performance_agreement_indicators WHERE id = $1', [id]);
}

export interface BudgetRow {
  node_id: string;
  node_kind: NodeRow['kind'];
  node_code: string;
  node_name: string;
  amount: string;
}

export async function budgets(db: Queryable, agreementId: string): Promise<BudgetRow[]> {
  return db.query<BudgetRow>(
    `SELECT b.node_id, n.kind AS node_kind, n.code AS node_code, n.name AS node_name, b.amount
       FROM performance_agreement_budgets b JOIN plan_nodes n ON n.id = b.node_id
      WHERE b.agreement_id = $1 ORDER BY b.sort_order`,
    [agreementId],
  );
}

export async function replaceBudgets(
  tx: Tx,
  governmentId: string,
  agreementId: string,
  items: { node_id: string; amount: string }[],
): Promise<void> {
  await tx.query('DELETE FROM performance_agreement_budgets WHERE agreement_id = $1', [agreementId]);
  for (const [i, b] of items.entries()) {
    await tx.query(
      `INSERT INTO performance_agreement_budgets (agreement_id, government_id, node_id, amount, sort_order)
       VALUES ($1,$2,$3,$4,$5)`,
      [agreementId, governmentId, b.node_id, b.amount, i * 10],
    );
  }
}

export interface SignatoryRow {
  party: 'first' | 'second';
  position_id: string | null;
  title: string;
  employee_id: string | null;
  name: string;
  nip: string;
  acting: 'definitive' | 'plt' | 'plh';
}

export async function signatories(db: Queryable, agreementId: string): Promise<SignatoryRow[]> {
  return db.query<SignatoryRow>(
    `SELECT party, position_id, title, employee_id, name, nip, acting FROM performance_agreement_signatories
      WHERE agreement_id = $1 ORDER BY party`,
    [agreementId],
  );
}

export async function replaceSignatories(
  tx: Tx,
  governmentId: string,
  agreementId: string,
  rows: SignatoryRow[],
): Promise<void> {
  await tx.query('DELETE FROM performance_agreement_signatories WHERE agreement_id = $1', [agreementId]);
  for (const s of rows) {
    await tx.query(
      `INSERT INTO performance_agreement_signatories (agreement_id, government_id, party, position_id, title,
         employee_id, name, nip, acting) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [agreementId, governmentId, s.party, s.position_id, s.title, s.employee_id, s.name, s.nip, s.acting],
    );
  }
}

export async function signAgreement(tx: Tx, id: string, signedOn: string): Promise<void> {
  await tx.query(
    `UPDATE performance_agreements SET status = 'signed', signed_on = $2,
       updated_at = greatest(clock_timestamp(), updated_at + interval '1 millisecond') WHERE id = $1`,
    [id, signedOn],
  );
}

/** Copies indicators with their targets, budgets and signatories of one version into another. */
export async function copyAgreementContent(tx: Tx, fromId: string, toId: string): Promise<void> {
  const rows = await tx.query<{ id: string; indicator_id: string; sort_order: number; government_id: string }>(
    'SELECT id, indicator_id, sort_order, government_id FROM performance_agreement_indicators WHERE agreement_id = $1',
    [fromId],
  );
  for (const r of rows) {
    const created = await insertAgreementIndicator(tx, {
      government_id: r.government_id,
      agreement_id: toId,
      indicator_id: r.indicator_id,
      sort_order: r.sort_order,
    });
    await tx.query(
      `INSERT INTO performance_agreement_targets (agreement_indicator_id, government_id, period, target_value,
         target_low, target_high)
       SELECT $2, government_id, period, target_value, target_low, target_high
         FROM performance_agreement_targets WHERE agreement_indicator_id = $1`,
      [r.id, created],
    );
  }
  await tx.query(
    `INSERT INTO performance_agreement_budgets (agreement_id, government_id, node_id, amount, sort_order)
     SELECT $2, government_id, node_id, amount, sort_order FROM performance_agreement_budgets WHERE agreement_id = $1`,
    [fromId, toId],
  );
  await tx.query(
    `INSERT INTO performance_agreement_signatories (agreement_id, government_id, party, position_id, title, employee_id,
       name, nip, acting)
     SELECT $2, government_id, party, position_id, title, employee_id, name, nip, acting
       FROM performance_agreement_signatories WHERE agreement_id = $1`,
    [fromId, toId],
  );
}

// ── organisation look-ups ────────────────────────────────────────────────────────────────
export interface UnitLite {
  id: string;
  agency_id: string;
  code: string;
  parent_id: string | null;
  kind: string;
  name: string;
  active: boolean;
  sort_order: number;
}

export async function getUnit(db: Queryable, governmentId: string, id: string): Promise<UnitLite | undefined> {
  const rows = await db.query<UnitLite>(
    'SELECT id, agency_id, code, parent_id, kind, name, active, sort_order FROM units WHERE government_id = $1 AND id = $2',
    [governmentId, id],
  );
  return rows[0];
}

export async function agencyUnits(db: Queryable, agencyId: string): Promise<UnitLite[]> {
  return db.query<UnitLite>(
    'SELECT id, agency_id, code, parent_id, kind, name, active, sort_order FROM units WHERE agency_id = $1 ORDER BY sort_order, name',
    [agencyId],
  );
}

export async function getAgencyLite(
  db: Queryable,
  governmentId: string,
  id: string,
): Promise<{ id: string; name: string; active: boolean } | undefined> {
  const rows = await db.query<{ id: string; name: string; active: boolean }>(
    'SELECT id, name, active FROM agencies WHERE government_id = $1 AND id = $2',
    [governmentId, id],
  );
  return rows[0];
}

export async function agencyIdByCode(db: Queryable, governmentId: string, code: string): Promise<string | undefined> {
  const rows = await db.query<{ id: string }>('SELECT id FROM agencies WHERE government_id = $1 AND code = $2', [
    governmentId,
    code,
  ]);
  return rows[0]?.id;
}

export async function positionIdByCode(db: Queryable, agencyId: string, code: string): Promise<string | undefined> {
  const rows = await db.query<{ id: string }>('SELECT id FROM positions WHERE agency_id = $1 AND code = $2', [
    agencyId,
    code,
  ]);
  return rows[0]?.id;
}

export interface PositionLite {
  id: string;
  agency_id: string;
  unit_id: string | null;
  name: string;
  kind: 'head' | 'secretary' | 'staff' | 'functional';
  active: boolean;
}

export async function getPosition(db: Queryable, governmentId: string, id: string): Promise<PositionLite | undefined> {
  const rows = await db.query<PositionLite>(
    'SELECT id, agency_id, unit_id, name, kind, active FROM positions WHERE government_id = $1 AND id = $2',
    [governmentId, id],
  );
  return rows[0];
}

/**
 * Active positions heading a scope: the agency head (unitId null), or the heads of the unit; the
 * agency's secretary also heads a sekretariat unit.
 */
export async function headPositionIds(
  db: Queryable,
  agencyId: string,
  unitId: string | null,
  secretariat: boolean,
): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM positions WHERE agency_id = $1 AND active AND (
       (kind = 'head' AND unit_id IS NOT DISTINCT FROM $2::uuid)
       OR ($3 AND kind = 'secretary' AND unit_id IS NULL))`,
    [agencyId, unitId, secretariat],
  );
  return rows.map((r) => r.id);
}

/** The ids of a unit and every unit below it. */
export async function unitSubtreeIds(db: Queryable, unitId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `WITH RECURSIVE t AS (
       SELECT id FROM units WHERE id = $1
       UNION ALL SELECT u.id FROM units u JOIN t ON u.parent_id = t.id)
     SELECT id FROM t`,
    [unitId],
  );
  return rows.map((r) => r.id);
}

export interface EmployeeLite {
  id: string;
  agency_id: string | null;
  name: string;
  front_title: string;
  back_title: string;
  nip: string;
  active: boolean;
}

export async function getEmployee(db: Queryable, governmentId: string, id: string): Promise<EmployeeLite | undefined> {
  const rows = await db.query<EmployeeLite>(
    'SELECT id, agency_id, name, front_title, back_title, nip, active FROM employees WHERE government_id = $1 AND id = $2',
    [governmentId, id],
  );
  return rows[0];
}

/** The assignments of an employee to a position whose dates overlap [from, to]. */
export async function assignmentsOverlapping(
  db: Queryable,
  positionId: string,
  employeeId: string,
  from: string,
  to: string,
): Promise<{ kind: 'definitive' | 'plt' | 'plh'; starts_on: string; ends_on: string | null }[]> {
  return db.query(
    `SELECT kind, starts_on, ends_on FROM position_assignments
      WHERE position_id = $1 AND employee_id = $2 AND starts_on <= $4::date AND coalesce(ends_on, 'infinity'::date) >= $3::date
      ORDER BY (kind = 'definitive') DESC, starts_on`,
    [positionId, employeeId, from, to],
  );
}

/** Who held a position on a date: the definitive holder first, else a Plt/Plh. */
export async function holderOn(
  db: Queryable,
  positionId: string,
  date: string,
): Promise<{ employee_id: string; kind: 'definitive' | 'plt' | 'plh' } | undefined> {
  const rows = await db.query<{ employee_id: string; kind: 'definitive' | 'plt' | 'plh' }>(
    `SELECT employee_id, kind FROM position_assignments
      WHERE position_id = $1 AND starts_on <= $2::date AND coalesce(ends_on, 'infinity'::date) >= $2::date
      ORDER BY (kind = 'definitive') DESC, starts_on LIMIT 1`,
    [positionId, date],
  );
  return rows[0];
}

/** Units where the employee held any position during [from, to]. */
export async function unitsHeldBy(
  db: Queryable,
  employeeId: string,
  from: string,
  to: string,
): Promise<{ agency_id: string; unit_id: string | null }[]> {
  return db.query(
    `SELECT DISTINCT p.agency_id, p.unit_id FROM position_assignments pa JOIN positions p ON p.id = pa.position_id
      WHERE pa.employee_id = $1 AND pa.starts_on <= $3::date AND coalesce(pa.ends_on, 'infinity'::date) >= $2::date`,
    [employeeId, from, to],
  );
}

// ── individual indicators ────────────────────────────────────────────────────────────────
export interface IndividualRow {
  id: string;
  government_id: string;
  agency_id: string;
  employee_id: string;
  employee_name: string;
  front_title: string;
  back_title: string;
  employee_nip: string;
  unit_id: string | null;
  unit_name: string | null;
  year: number;
  parent_indicator_id: string;
  parent_indicator_name: string;
  name: string;
  unit_of_measure: string;
  direction: IndicatorRow['direction'];
  lower_better_formula: IndicatorRow['lower_better_formula'];
  aggregation: IndicatorRow['aggregation'];
  decimals: number;
  sort_order: number;
  active: boolean;
  updated_at: Date;
}
const individualSelect = `k.id, k.government_id, k.agency_id, k.employee_id, e.name AS employee_name, e.front_title,
  e.back_title, e.nip AS employee_nip, k.unit_id, u.name AS unit_name, k.year, k.parent_indicator_id,
  pi.name AS parent_indicator_name, k.name, k.unit_of_measure, k.direction, k.lower_better_formula, k.aggregation,
  k.decimals, k.sort_order, k.active, k.updated_at`;
const individualFrom = `individual_indicators k JOIN employees e ON e.id = k.employee_id
  LEFT JOIN units u ON u.id = k.unit_id JOIN plan_indicators pi ON pi.id = k.parent_indicator_id`;

export async function getIndividual(
  db: Queryable,
  governmentId: string,
  id: string,
): Promise<IndividualRow | undefined> {
  const rows = await db.query<IndividualRow>(
    `SELECT ${individualSelect} FROM ${individualFrom} WHERE k.government_id = $1 AND k.id = $2`,
    [governmentId, id],
  );
  return rows[0];
}

export async function pageIndividuals(
  db: Queryable,
  governmentId: string,
  f: {
    employeeId?: string | undefined;
    agencyId?: string | undefined;
    unitId?: string | undefined;
    year?: number | undefined;
    active: 'true' | 'false' | 'all';
    page: number;
    pageSize: number;
  },
): Promise<{ rows: IndividualRow[]; total: number }> {
  const params: unknown[] = [governmentId];
  const where = ['k.government_id = $1'];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.employeeId) add('k.employee_id = ?', f.employeeId);
  if (f.agencyId) add('k.agency_id = ?', f.agencyId);
  if (f.unitId) add('k.unit_id = ?', f.unitId);
  if (f.year !== undefined) add('k.year = ?', f.year);
  if (f.active !== 'all') where.push(`k.active = ${f.active === 'true' ? 'true' : 'false'}`);
  const clause = `WHERE ${where.join(' AND ')}`;
  const count = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM individual_indicators k ${clause}`,
    params,
  );
  const rows = await db.query<IndividualRow>(
    `SELECT ${individualSelect} FROM ${individualFrom} ${clause}
      ORDER BY k.year DESC, e.name, k.sort_order, k.name LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.pageSize, (f.page - 1) * f.pageSize],
  );
  return { rows, total: count[0]?.n ?? 0 };
}

export async function insertIndividual(
  tx: Tx,
  k: {
    government_id: string;
    agency_id: string;
    employee_id: string;
    unit_id: string | null;
    year: number;
    parent_indicator_id: string;
    name: string;
    unit_of_measure: string;
    direction: string;
    lower_better_formula: string;
    aggregation: string;
    decimals: number;
    sort_order: number;
  },
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO individual_indicators (government_id, agency_id, employee_id, unit_id, year, parent_indicator_id, name,
       unit_of_measure, direction, lower_better_formula, aggregation, decimals, sort_order)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) RETURNING id`,
    [
      k.government_id,
      k.agency_id,
      k.employee_id,
      k.unit_id,
      k.year,
      k.parent_indicator_id,
      k.name,
      k.unit_of_measure,
      k.direction,
      k.lower_better_formula,
      k.aggregation,
      k.decimals,
      k.sort_order,
    ],
  );
  return rows[0]!.id;
}

export async function nextIndividualOrder(db: Queryable, employeeId: string, year: number): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'SELECT coalesce(max(sort_order) + 10, 0)::int AS n FROM individual_indicators WHERE employee_id = $1 AND year = $2',
    [employeeId, year],
  );
  return rows[0]?.n ?? 0;
}
