import type { Queryable, Tx } from '../../db/database.js';

// Numbers come back from `numeric` columns as exact strings (see db/database.ts).

const touch = "greatest(clock_timestamp(), updated_at + interval '1 millisecond')";

// ── periods ──────────────────────────────────────────────────────────────────────────────────
export interface PeriodRow {
  id: string;
  government_id: string;
  agency_id: string;
  agency_name: string;
  year: number;
  period: string;
  label: string;
  opens_on: string;
  closes_on: string;
  status: 'open' | 'locked';
  locked_at: Date | null;
  updated_at: Date;
  /** Today in the government's time zone. */
  today: string;
}

const periodSelect = `p.id, p.government_id, p.agency_id, a.name AS agency_name, p.year, p.period, p.label,
  p.opens_on, p.closes_on, p.status, p.locked_at, p.updated_at, to_char((now() AT TIME ZONE g.time_zone)::date, 'YYYY-MM-DD') AS today`;
const periodFrom =
  'collection_periods p JOIN agencies a ON a.id = p.agency_id JOIN governments g ON g.id = p.government_id';

export async function getPeriod(db: Queryable, governmentId: string, id: string, lock = false) {
  if (lock) await db.query('SELECT 1 FROM collection_periods WHERE id = $1 FOR UPDATE', [id]);
  const rows = await db.query<PeriodRow>(
    `SELECT ${periodSelect} FROM ${periodFrom} WHERE p.government_id = $1 AND p.id = $2`,
    [governmentId, id],
  );
  return rows[0];
}

export async function listPeriods(db: Queryable, governmentId: string, f: { agencyId?: string; year?: number }) {
  return db.query<PeriodRow>(
    `SELECT ${periodSelect} FROM ${periodFrom}
      WHERE p.government_id = $1 AND ($2::uuid IS NULL OR p.agency_id = $2) AND ($3::int IS NULL OR p.year = $3)
      ORDER BY a.name, p.year DESC, p.period`,
    [governmentId, f.agencyId ?? null, f.year ?? null],
  );
}

export async function insertPeriod(
  tx: Tx,
  p: {
    governmentId: string;
    agencyId: string;
    year: number;
    period: string;
    label: string;
    opensOn: string;
    closesOn: string;
  },
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO collection_periods (government_id, agency_id, year, period, label, opens_on, closes_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [p.governmentId, p.agencyId, p.year, p.period, p.label, p.opensOn, p.closesOn],
  );
  return rows[0]!.id;
}

export async function updatePeriod(
  tx: Tx,
  id: string,
  c: { label: string; opensOn: string; closesOn: string },
  expectedUpdatedAt: string,
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE collection_periods SET label = $2, opens_on = $3, closes_on = $4, updated_at = ${touch}
      WHERE id = $1 AND date_trunc('milliseconds', updated_at) = $5::timestamptz RETURNING id`,
    [id, c.label, c.opensOn, c.closesOn, expectedUpdatedAt],
  );
  return rows.length > 0;
}

export async function lockPeriod(tx: Tx, id: string, userId: string | null, caseId: string | null): Promise<void> {
  await tx.query(
    `UPDATE collection_periods SET status = 'locked', locked_at = clock_timestamp(), locked_by_user_id = $2,
       locked_by_case_id = $3, updated_at = ${touch} WHERE id = $1`,
    [id, userId, caseId],
  );
}

// ── who answers for what ─────────────────────────────────────────────────────────────────────
export interface FormUnitRow {
  agreement_id: string;
  unit_id: string | null;
  unit_name: string | null;
  unit_sort: number;
}

/** The current agreements of the agency's year that hold indicators: the agency's and its units'. */
export async function answeringAgreements(db: Queryable, agencyId: string, year: number): Promise<FormUnitRow[]> {
  return db.query<FormUnitRow>(
    `SELECT pa.id AS agreement_id, pa.unit_id, un.name AS unit_name, COALESCE(un.sort_order, -1) AS unit_sort
       FROM performance_agreements pa LEFT JOIN units un ON un.id = pa.unit_id
      WHERE pa.agency_id = $1 AND pa.year = $2 AND pa.is_current
        AND EXISTS (SELECT 1 FROM performance_agreement_indicators i WHERE i.agreement_id = pa.id)
      ORDER BY (pa.unit_id IS NOT NULL), un.sort_order, un.name`,
    [agencyId, year],
  );
}

export interface SlotRow {
  indicator_id: string | null;
  individual_indicator_id: string | null;
  unit_id: string | null;
  code: string;
  name: string;
  unit_of_measure: string;
  direction: 'higher_better' | 'lower_better' | 'range';
  lower_better_formula: 'inverse_difference' | 'ratio';
  decimals: number;
  evidence_required: boolean;
  valid_min: string | null;
  valid_max: string | null;
  t_value: string | null;
  t_low: string | null;
  t_high: string | null;
  y_value: string | null;
  y_low: string | null;
  y_high: string | null;
  sort: number;
}

/** The indicators of one agreement with the target of `quarter` and the annual one. */
export async function agreementSlots(db: Queryable, agreementId: string, unitId: string | null, quarter: string) {
  return db.query<SlotRow>(
    `SELECT pi.id AS indicator_id, NULL::uuid AS individual_indicator_id, $2::uuid AS unit_id, pi.code, pi.name,
            pi.unit_of_measure, pi.direction, pi.lower_better_formula, pi.decimals, pi.evidence_required,
            pi.valid_min, pi.valid_max, tq.target_value AS t_value, tq.target_low AS t_low, tq.target_high AS t_high,
            ty.target_value AS y_value, ty.target_low AS y_low, ty.target_high AS y_high, ai.sort_order AS sort
       FROM performance_agreement_indicators ai
       JOIN plan_indicators pi ON pi.id = ai.indicator_id
       LEFT JOIN performance_agreement_targets tq ON tq.agreement_indicator_id = ai.id AND tq.period = $3
       LEFT JOIN performance_agreement_targets ty ON ty.agreement_indicator_id = ai.id AND ty.period = 'year'
      WHERE ai.agreement_id = $1
      ORDER BY ai.sort_order, pi.code, pi.name`,
    [agreementId, unitId, quarter],
  );
}

/** Individual indicators (IKI) of the agency's year held in a unit (or the agency itself). */
export async function individualSlots(
  db: Queryable,
  agencyId: string,
  unitId: string | null,
  year: number,
  quarter: string,
) {
  return db.query<SlotRow>(
    `SELECT NULL::uuid AS indicator_id, ii.id AS individual_indicator_id, ii.unit_id, '' AS code,
            ii.name || ' (' || e.name || ')' AS name, ii.unit_of_measure, ii.direction, ii.lower_better_formula,
            ii.decimals, false AS evidence_required, NULL::numeric AS valid_min, NULL::numeric AS valid_max,
            tq.target_value AS t_value, tq.target_low AS t_low, tq.target_high AS t_high,
            ty.target_value AS y_value, ty.target_low AS y_low, ty.target_high AS y_high, ii.sort_order AS sort
       FROM individual_indicators ii JOIN employees e ON e.id = ii.employee_id
       LEFT JOIN individual_indicator_targets tq ON tq.individual_indicator_id = ii.id AND tq.period = $4
       LEFT JOIN individual_indicator_targets ty ON ty.individual_indicator_id = ii.id AND ty.period = 'year'
      WHERE ii.agency_id = $1 AND ii.unit_id IS NOT DISTINCT FROM $2::uuid AND ii.year = $3 AND ii.active
      ORDER BY ii.sort_order, e.name, ii.name`,
    [agencyId, unitId, year, quarter],
  );
}

export async function individualIndicator(db: Queryable, governmentId: string, id: string) {
  const rows = await db.query<{
    id: string;
    agency_id: string;
    unit_id: string | null;
    year: number;
    employee_id: string;
  }>(
    'SELECT id, agency_id, unit_id, year, employee_id FROM individual_indicators WHERE government_id = $1 AND id = $2 AND active',
    [governmentId, id],
  );
  return rows[0];
}

// ── values ───────────────────────────────────────────────────────────────────────────────────
export interface ValueRow {
  id: string;
  government_id: string;
  period_id: string;
  indicator_id: string | null;
  individual_indicator_id: string | null;
  unit_id: string | null;
  version_no: number;
  actual: string;
  budget_spent: string | null;
  supporting_factors: string;
  inhibiting_factors: string;
  follow_up: string;
  returned_reason: string | null;
  returned_at: Date | null;
  updated_at: Date;
  updated_by_name: string | null;
  evidence_count: number;
  open_flags: number;
  comment_count: number;
}

const valueSelect = `v.id, v.government_id, v.period_id, v.indicator_id, v.individual_indicator_id, v.unit_id, v.version_no,
  v.actual, v.budget_spent, v.supporting_factors, v.inhibiting_factors, v.follow_up, v.returned_reason, v.returned_at,
  v.updated_at, u.display_name AS updated_by_name,
  (SELECT count(*)::int FROM collection_evidence e WHERE e.value_id = v.id AND e.replaced_at IS NULL) AS evidence_count,
  (SELECT count(*)::int FROM collection_flags f WHERE f.value_id = v.id AND f.resolved_at IS NULL) AS open_flags,
  (SELECT count(*)::int FROM collection_comments c WHERE c.value_id = v.id) AS comment_count`;
const valueFrom = 'collection_values v LEFT JOIN users u ON u.id = v.updated_by_user_id';

export async function valuesOfPeriod(db: Queryable, periodId: string): Promise<ValueRow[]> {
  return db.query<ValueRow>(`SELECT ${valueSelect} FROM ${valueFrom} WHERE v.period_id = $1`, [periodId]);
}

export async function getValue(db: Queryable, governmentId: string, id: string, lock = false) {
  if (lock) await db.query('SELECT 1 FROM collection_values WHERE id = $1 FOR UPDATE', [id]);
  const rows = await db.query<ValueRow>(
    `SELECT ${valueSelect} FROM ${valueFrom} WHERE v.government_id = $1 AND v.id = $2`,
    [governmentId, id],
  );
  return rows[0];
}

export async function findValue(
  db: Queryable,
  periodId: string,
  key: { indicatorId: string | null; individualIndicatorId: string | null; unitId: string | null },
) {
  const rows = await db.query<{ id: string }>(
    key.indicatorId
      ? `SELECT id FROM collection_values WHERE period_id = $1 AND indicator_id = $2 AND unit_id IS NOT DISTINCT FROM $3::uuid FOR UPDATE`
      : `SELECT id FROM collection_values WHERE period_id = $1 AND individual_indicator_id = $2 FOR UPDATE`,
    key.indicatorId ? [periodId, key.indicatorId, key.unitId] : [periodId, key.individualIndicatorId],
  );
  return rows[0]?.id;
}

export interface ValueFields {
  actual: string;
  budget_spent: string | null;
  supporting_factors: string;
  inhibiting_factors: string;
  follow_up: string;
}

export async function insertValue(
  tx: Tx,
  v: ValueFields & {
    government_id: string;
    period_id: string;
    indicator_id: string | null;
    individual_indicator_id: string | null;
    unit_id: string | null;
    user_id: string | null;
  },
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO collection_values (government_id, period_id, indicator_id, individual_indicator_id, unit_id, version_no,
       actual, budget_spent, supporting_factors, inhibiting_factors, follow_up, updated_by_user_id)
     VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      v.government_id,
      v.period_id,
      v.indicator_id,
      v.individual_indicator_id,
      v.unit_id,
      v.actual,
      v.budget_spent,
      v.supporting_factors,
      v.inhibiting_factors,
      v.follow_up,
      v.user_id,
    ],
  );
  return rows[0]!.id;
}

export async function updateValue(tx: Tx, id: string, version: number, v: ValueFields, userId: string | null) {
  await tx.query(
    `UPDATE collection_values SET version_no = $2, actual = $3, budget_spent = $4, supporting_factors = $5,
       inhibiting_factors = $6, follow_up = $7, updated_by_user_id = $8, returned_reason = NULL, returned_at = NULL,
       updated_at = ${touch}
     WHERE id = $1`,
    [id, version, v.actual, v.budget_spent, v.supporting_factors, v.inhibiting_factors, v.follow_up, userId],
  );
}

export async function insertVersion(
  tx: Tx,
  v: ValueFields & {
    value_id: string;
    government_id: string;
    version_no: number;
    reason: string;
    case_id: string | null;
    source: 'form' | 'import' | 'demo' | 'correction';
    user_id: string | null;
    user_name: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO collection_value_versions (value_id, government_id, version_no, actual, budget_spent, supporting_factors,
       inhibiting_factors, follow_up, reason, case_id, source, created_by_user_id, created_by_name, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, clock_timestamp())`,
    [
      v.value_id,
      v.government_id,
      v.version_no,
      v.actual,
      v.budget_spent,
      v.supporting_factors,
      v.inhibiting_factors,
      v.follow_up,
      v.reason,
      v.case_id,
      v.source,
      v.user_id,
      v.user_name,
    ],
  );
}

export interface VersionRow extends ValueFields {
  version_no: number;
  reason: string;
  case_id: string | null;
  case_number: number | null;
  source: string;
  created_by_name: string;
  created_at: Date;
  after_lock: boolean;
}

export async function versionsOf(db: Queryable, valueId: string): Promise<VersionRow[]> {
  return db.query<VersionRow>(
    `SELECT x.version_no, x.actual, x.budget_spent, x.supporting_factors, x.inhibiting_factors, x.follow_up, x.reason,
            x.case_id, c.number AS case_number, x.source, x.created_by_name, x.created_at,
            (p.locked_at IS NOT NULL AND x.created_at > p.locked_at) AS after_lock
       FROM collection_value_versions x
       JOIN collection_values v ON v.id = x.value_id
       JOIN collection_periods p ON p.id = v.period_id
       LEFT JOIN cases c ON c.id = x.case_id
      WHERE x.value_id = $1 ORDER BY x.version_no DESC`,
    [valueId],
  );
}

/**
 * The period's values as they stood at `asOf` (the lock): each value's fields from its last version
 * made by then; values first entered later are left out.
 */
export async function valuesOfPeriodAsOf(db: Queryable, periodId: string, asOf: Date): Promise<ValueRow[]> {
  return db.query<ValueRow>(
    `SELECT v.id, v.government_id, v.period_id, v.indicator_id, v.individual_indicator_id, v.unit_id, x.version_no,
            x.actual, x.budget_spent, x.supporting_factors, x.inhibiting_factors, x.follow_up,
            NULL::text AS returned_reason, NULL::timestamptz AS returned_at, x.created_at AS updated_at,
            x.created_by_name AS updated_by_name,
            (SELECT count(*)::int FROM collection_evidence e WHERE e.value_id = v.id AND e.created_at <= $2
                AND (e.replaced_at IS NULL OR e.replaced_at > $2)) AS evidence_count,
            0 AS open_flags, 0 AS comment_count
       FROM collection_values v
       JOIN LATERAL (SELECT * FROM collection_value_versions y WHERE y.value_id = v.id AND y.created_at <= $2
                      ORDER BY y.version_no DESC LIMIT 1) x ON true
      WHERE v.period_id = $1`,
    [periodId, asOf],
  );
}

export interface LockedChangeRow {
  value_id: string;
  version_no: number;
  indicator_code: string;
  indicator_name: string;
  unit_of_measure: string;
  decimals: number;
  owner_name: string;
  old_actual: string | null;
  new_actual: string;
  old_budget_spent: string | null;
  new_budget_spent: string | null;
  reason: string;
  source: string;
  case_id: string | null;
  case_number: number | null;
  created_by_name: string;
  created_at: Date;
}

/** Every version made after the period was locked, with the one it replaced, by owner and indicator. */
export async function lockedChangesOf(db: Queryable, periodId: string): Promise<LockedChangeRow[]> {
  return db.query<LockedChangeRow>(
    `SELECT x.value_id, x.version_no,
            coalesce(pi.code, '') AS indicator_code, coalesce(pi.name, ii.name) AS indicator_name,
            coalesce(pi.unit_of_measure, ii.unit_of_measure) AS unit_of_measure,
            coalesce(pi.decimals, ii.decimals) AS decimals,
            coalesce(un.name, em.name, ag.name) AS owner_name,
            prev.actual AS old_actual, x.actual AS new_actual, prev.budget_spent AS old_budget_spent,
            x.budget_spent AS new_budget_spent, x.reason, x.source, x.case_id, c.number AS case_number,
            x.created_by_name, x.created_at
       FROM collection_value_versions x
       JOIN collection_values v ON v.id = x.value_id
       JOIN collection_periods p ON p.id = v.period_id
       JOIN agencies ag ON ag.id = p.agency_id
       LEFT JOIN collection_value_versions prev ON prev.value_id = x.value_id AND prev.version_no = x.version_no - 1
       LEFT JOIN plan_indicators pi ON pi.id = v.indicator_id
       LEFT JOIN individual_indicators ii ON ii.id = v.individual_indicator_id
       LEFT JOIN employees em ON em.id = ii.employee_id
       LEFT JOIN units un ON un.id = v.unit_id
       LEFT JOIN cases c ON c.id = x.case_id
      WHERE v.period_id = $1 AND p.locked_at IS NOT NULL AND x.created_at > p.locked_at
      ORDER BY x.created_at, owner_name, indicator_code, indicator_name, x.version_no`,
    [periodId],
  );
}

export async function markValueReturned(tx: Tx, id: string, reason: string): Promise<void> {
  await tx.query(
    `UPDATE collection_values SET returned_reason = $2, returned_at = clock_timestamp(), updated_at = ${touch} WHERE id = $1`,
    [id, reason],
  );
}

export interface HistoryRow {
  indicator_id: string | null;
  individual_indicator_id: string | null;
  unit_id: string | null;
  year: number;
  period: string;
  actual: string;
}

/** Earlier values of the same kind of period (quarters or months) of the agency, oldest first. */
export async function historyBefore(db: Queryable, p: { agencyId: string; year: number; period: string }) {
  return db.query<HistoryRow>(
    `SELECT v.indicator_id, v.individual_indicator_id, v.unit_id, cp.year, cp.period, v.actual
       FROM collection_values v JOIN collection_periods cp ON cp.id = v.period_id
      WHERE cp.agency_id = $1 AND left(cp.period, 1) = left($3, 1)
        AND (cp.year < $2 OR (cp.year = $2 AND cp.period < $3))
      ORDER BY cp.year, cp.period`,
    [p.agencyId, p.year, p.period],
  );
}

/** Values of a form saved after `since` (what changed since the last review). */
export async function changedSince(
  db: Queryable,
  periodId: string,
  unitId: string | null,
  since: Date,
): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `SELECT count(DISTINCT vv.value_id)::int AS n
       FROM collection_value_versions vv JOIN collection_values v ON v.id = vv.value_id
      WHERE v.period_id = $1 AND v.unit_id IS NOT DISTINCT FROM $2::uuid AND vv.created_at > $3`,
    [periodId, unitId, since],
  );
  return rows[0]?.n ?? 0;
}

// ── evidence, comments, flags ────────────────────────────────────────────────────────────────
export interface EvidenceRow {
  id: string;
  value_id: string;
  kind: 'file' | 'link' | 'text';
  file_id: string | null;
  file_name: string | null;
  url: string | null;
  body: string | null;
  description: string;
  created_by_name: string;
  created_at: Date;
  replaced_by_id: string | null;
  replaced_at: Date | null;
  replace_reason: string | null;
}

export async function evidenceOf(db: Queryable, valueId: string): Promise<EvidenceRow[]> {
  return db.query<EvidenceRow>(
    `SELECT e.id, e.value_id, e.kind, e.file_id, f.name AS file_name, e.url, e.body, e.description, e.created_by_name,
            e.created_at, e.replaced_by_id, e.replaced_at, e.replace_reason
       FROM collection_evidence e LEFT JOIN files f ON f.id = e.file_id
      WHERE e.value_id = $1 ORDER BY e.created_at, e.id`,
    [valueId],
  );
}

export async function insertEvidence(
  tx: Tx,
  e: {
    government_id: string;
    value_id: string;
    kind: 'file' | 'link' | 'text';
    file_id: string | null;
    url: string | null;
    body: string | null;
    description: string;
    user_id: string | null;
    user_name: string;
  },
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO collection_evidence (government_id, value_id, kind, file_id, url, body, description, created_by_user_id,
       created_by_name, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, clock_timestamp()) RETURNING id`,
    [e.government_id, e.value_id, e.kind, e.file_id, e.url, e.body, e.description, e.user_id, e.user_name],
  );
  return rows[0]!.id;
}

export async function replaceEvidence(tx: Tx, id: string, byId: string, reason: string): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE collection_evidence SET replaced_by_id = $2, replaced_at = clock_timestamp(), replace_reason = $3
      WHERE id = $1 AND replaced_at IS NULL RETURNING id`,
    [id, byId, reason],
  );
  return rows.length > 0;
}

export async function insertComment(
  tx: Tx,
  c: { government_id: string; value_id: string; body: string; user_id: string | null; user_name: string },
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO collection_comments (government_id, value_id, body, author_user_id, author_name, created_at)
     VALUES ($1, $2, $3, $4, $5, clock_timestamp()) RETURNING id`,
    [c.government_id, c.value_id, c.body, c.user_id, c.user_name],
  );
  return rows[0]!.id;
}

export async function commentsOf(db: Queryable, valueId: string) {
  return db.query<{ id: string; body: string; author_name: string; created_at: Date }>(
    'SELECT id, body, author_name, created_at FROM collection_comments WHERE value_id = $1 ORDER BY created_at, id',
    [valueId],
  );
}

export interface FlagRow {
  id: string;
  value_id: string;
  note: string;
  raised_by_name: string;
  raised_at: Date;
  resolution: string | null;
  resolved_by_name: string | null;
  resolved_at: Date | null;
}

export async function flagsOf(db: Queryable, valueId: string): Promise<FlagRow[]> {
  return db.query<FlagRow>(
    `SELECT id, value_id, note, raised_by_name, raised_at, resolution, resolved_by_name, resolved_at
       FROM collection_flags WHERE value_id = $1 ORDER BY raised_at, id`,
    [valueId],
  );
}

export async function insertFlag(
  tx: Tx,
  f: { government_id: string; value_id: string; note: string; user_id: string | null; user_name: string },
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO collection_flags (government_id, value_id, note, raised_by_user_id, raised_by_name, raised_at)
     VALUES ($1, $2, $3, $4, $5, clock_timestamp()) RETURNING id`,
    [f.government_id, f.value_id, f.note, f.user_id, f.user_name],
  );
  return rows[0]!.id;
}

export async function resolveFlag(
  tx: Tx,
  id: string,
  valueId: string,
  r: { resolution: string; user_id: string | null; user_name: string },
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE collection_flags SET resolution = $3, resolved_by_user_id = $4, resolved_by_name = $5, resolved_at = clock_timestamp()
      WHERE id = $1 AND value_id = $2 AND resolved_at IS NULL RETURNING id`,
    [id, valueId, r.resolution, r.user_id, r.user_name],
  );
  return rows.length > 0;
}

// ── submissions ──────────────────────────────────────────────────────────────────────────────
export interface SubmissionRow {
  id: string;
  period_id: string;
  unit_id: string | null;
  status: 'draft' | 'completed' | 'approved' | 'returned';
  completed_by_user_id: string | null;
  completed_by_name: string | null;
  completed_at: Date | null;
  reviewed_by_name: string | null;
  reviewed_at: Date | null;
  return_reason: string | null;
  returned_at: Date | null;
  updated_at: Date;
}

const submissionSelect = `s.id, s.period_id, s.unit_id, s.status, s.completed_by_user_id, cu.display_name AS completed_by_name,
  s.completed_at, ru.display_name AS reviewed_by_name, s.reviewed_at, s.return_reason, s.returned_at, s.updated_at`;
const submissionFrom = `collection_submissions s LEFT JOIN users cu ON cu.id = s.completed_by_user_id
  LEFT JOIN users ru ON ru.id = s.reviewed_by_user_id`;

export async function submissionsOf(db: Queryable, periodId: string): Promise<SubmissionRow[]> {
  return db.query<SubmissionRow>(`SELECT ${submissionSelect} FROM ${submissionFrom} WHERE s.period_id = $1`, [
    periodId,
  ]);
}

/** The form's submission row, created as a draft on first use, locked for the transaction. */
export async function submissionFor(tx: Tx, governmentId: string, periodId: string, unitId: string | null) {
  await tx.query(
    `INSERT INTO collection_submissions (government_id, period_id, unit_id) VALUES ($1, $2, $3)
     ON CONFLICT (period_id, COALESCE(unit_id, '00000000-0000-0000-0000-000000000000'::uuid)) DO NOTHING`,
    [governmentId, periodId, unitId],
  );
  await tx.query(
    'SELECT 1 FROM collection_submissions WHERE period_id = $1 AND unit_id IS NOT DISTINCT FROM $2::uuid FOR UPDATE',
    [periodId, unitId],
  );
  const rows = await tx.query<SubmissionRow>(
    `SELECT ${submissionSelect} FROM ${submissionFrom} WHERE s.period_id = $1 AND s.unit_id IS NOT DISTINCT FROM $2::uuid`,
    [periodId, unitId],
  );
  return rows[0]!;
}

export async function setSubmission(
  tx: Tx,
  id: string,
  to: 'completed' | 'approved' | 'returned',
  userId: string | null,
  reason: string | null,
): Promise<void> {
  if (to === 'completed') {
    await tx.query(
      `UPDATE collection_submissions SET status = 'completed', completed_by_user_id = $2, completed_at = clock_timestamp(),
         updated_at = ${touch} WHERE id = $1`,
      [id, userId],
    );
  } else if (to === 'approved') {
    await tx.query(
      `UPDATE collection_submissions SET status = 'approved', reviewed_by_user_id = $2, reviewed_at = clock_timestamp(),
         updated_at = ${touch} WHERE id = $1`,
      [id, userId],
    );
  } else {
    await tx.query(
      `UPDATE collection_submissions SET status = 'returned', reviewed_by_user_id = $2, reviewed_at = clock_timestamp(),
         return_reason = $3, returned_at = clock_timestamp(), updated_at = ${touch} WHERE id = $1`,
      [id, userId, reason],
    );
  }
}

export async function insertSubmissionEvent(
  tx: Tx,
  e: {
    government_id: string;
    submission_id: string;
    kind: 'complete' | 'approve' | 'return';
    reason: string;
    case_id: string | null;
    user_id: string | null;
    user_name: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO collection_submission_events (government_id, submission_id, kind, reason, case_id, actor_user_id, actor_name, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, clock_timestamp())`,
    [e.government_id, e.submission_id, e.kind, e.reason, e.case_id, e.user_id, e.user_name],
  );
}

// ── people and units ─────────────────────────────────────────────────────────────────────────
export interface HeldRow {
  position_id: string;
  kind: 'head' | 'secretary' | 'staff' | 'functional';
  unit_id: string | null;
}

/** Positions of the agency the employee holds today (definitive or acting). */
export async function heldInAgency(db: Queryable, employeeId: string, agencyId: string): Promise<HeldRow[]> {
  return db.query<HeldRow>(
    `SELECT p.id AS position_id, p.kind, p.unit_id
       FROM position_assignments pa
       JOIN positions p ON p.id = pa.position_id AND p.active
       JOIN governments g ON g.id = pa.government_id
      WHERE pa.employee_id = $1 AND p.agency_id = $2
        AND pa.starts_on <= (now() AT TIME ZONE g.time_zone)::date
        AND (pa.ends_on IS NULL OR pa.ends_on >= (now() AT TIME ZONE g.time_zone)::date)`,
    [employeeId, agencyId],
  );
}

export interface UnitLite {
  id: string;
  parent_id: string | null;
  kind: string;
  name: string;
}

export async function unitsOfAgency(db: Queryable, agencyId: string): Promise<UnitLite[]> {
  return db.query<UnitLite>('SELECT id, parent_id, kind, name FROM units WHERE agency_id = $1', [agencyId]);
}

export async function openCollectionCase(db: Queryable, governmentId: string, periodId: string) {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM cases WHERE government_id = $1 AND link_kind = 'collection_period' AND link_id = $2 AND status = 'open'
      ORDER BY started_at DESC LIMIT 1`,
    [governmentId, periodId],
  );
  return rows[0]?.id ?? null;
}

export async function agencyOf(db: Queryable, governmentId: string, agencyId: string) {
  const rows = await db.query<{ id: string; name: string; active: boolean }>(
    'SELECT id, name, active FROM agencies WHERE government_id = $1 AND id = $2',
    [governmentId, agencyId],
  );
  return rows[0];
}
