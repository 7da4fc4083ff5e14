import type { Queryable, Tx } from '../../db/database.js';

// Corrections, their items with evidence and events, meetings with participants, and paraf.

const touch = `greatest(clock_timestamp(), updated_at + interval '1 millisecond')`;
/** Today in the government's time zone (`g` is the governments row). */
const today = '(now() AT TIME ZONE g.time_zone)::date';

export interface CorrectionRow {
  id: string;
  government_id: string;
  agency_id: string;
  agency_name: string;
  case_id: string;
  case_number: number;
  case_status: 'open' | 'completed' | 'cancelled';
  subject: string;
  sop_title: string;
  year: number;
  period_ids: string[];
  unit_ids: string[];
  indicator_ids: string[];
  employee_ids: string[];
  status: 'open' | 'applied' | 'closed';
  document_id: string | null;
  applied_at: Date | null;
  created_at: Date;
  item_count: number;
}

const select = `k.id, k.government_id, k.agency_id, a.name AS agency_name, k.case_id, c.number AS case_number,
  c.status AS case_status, c.subject, s.title AS sop_title, k.year, k.period_ids, k.unit_ids, k.indicator_ids,
  k.employee_ids, k.status, k.document_id, k.applied_at, k.created_at,
  (SELECT count(*)::int FROM correction_items i WHERE i.correction_id = k.id AND i.status <> 'withdrawn') AS item_count`;
const from = `corrections k JOIN cases c ON c.id = k.case_id JOIN agencies a ON a.id = k.agency_id JOIN sops s ON s.id = c.sop_id`;

export async function insertCorrection(
  tx: Tx,
  r: {
    governmentId: string;
    agencyId: string;
    caseId: string;
    year: number;
    periodIds: string[];
    unitIds: string[];
    indicatorIds: string[];
    employeeIds: string[];
    userId: string;
  },
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO corrections (government_id, agency_id, case_id, year, period_ids, unit_ids, indicator_ids, employee_ids,
       created_by_user_id)
     VALUES ($1, $2, $3, $4, $5::uuid[], $6::uuid[], $7::uuid[], $8::uuid[], $9) RETURNING id`,
    [r.governmentId, r.agencyId, r.caseId, r.year, r.periodIds, r.unitIds, r.indicatorIds, r.employeeIds, r.userId],
  );
  return rows[0]!.id;
}

export async function getCorrection(
  db: Queryable,
  governmentId: string,
  id: string,
  lock = false,
): Promise<CorrectionRow | undefined> {
  if (lock)
    await db.query('SELECT 1 FROM corrections WHERE government_id = $1 AND id = $2 FOR UPDATE', [governmentId, id]);
  const rows = await db.query<CorrectionRow>(`SELECT ${select} FROM ${from} WHERE k.government_id = $1 AND k.id = $2`, [
    governmentId,
    id,
  ]);
  return rows[0];
}

export async function correctionOfCase(db: Queryable, governmentId: string, caseId: string, lock = false) {
  const rows = await db.query<{ id: string }>('SELECT id FROM corrections WHERE government_id = $1 AND case_id = $2', [
    governmentId,
    caseId,
  ]);
  return rows[0] ? getCorrection(db, governmentId, rows[0].id, lock) : undefined;
}

export async function listCorrections(
  db: Queryable,
  f: {
    governmentId: string;
    agencyIds: string[] | null;
    agencyId?: string | undefined;
    year?: number | undefined;
    status: string;
    limit: number;
    offset: number;
  },
): Promise<{ rows: CorrectionRow[]; total: number }> {
  const where = [
    'k.government_id = $1',
    '($2::uuid[] IS NULL OR k.agency_id = ANY($2::uuid[]))',
    '($3::uuid IS NULL OR k.agency_id = $3)',
    '($4::int IS NULL OR k.year = $4)',
    `($5 = 'all' OR (CASE WHEN c.status = 'cancelled' THEN 'cancelled' ELSE k.status END) = $5)`,
  ].join(' AND ');
  const params = [f.governmentId, f.agencyIds, f.agencyId ?? null, f.year ?? null, f.status];
  const rows = await db.query<CorrectionRow>(
    `SELECT ${select} FROM ${from} WHERE ${where} ORDER BY k.created_at DESC LIMIT ${f.limit} OFFSET ${f.offset}`,
    params,
  );
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${from} WHERE ${where}`, params);
  return { rows, total: total[0]?.n ?? 0 };
}

export async function setDocument(tx: Tx, id: string, documentId: string | null): Promise<void> {
  await tx.query(`UPDATE corrections SET document_id = $2, updated_at = ${touch} WHERE id = $1`, [id, documentId]);
}

export async function markApplied(tx: Tx, id: string, userId: string): Promise<void> {
  await tx.query(
    `UPDATE corrections SET status = 'applied', applied_at = now(), applied_by_user_id = $2, updated_at = ${touch} WHERE id = $1`,
    [id, userId],
  );
}

export async function markClosed(tx: Tx, id: string): Promise<void> {
  await tx.query(`UPDATE corrections SET status = 'closed', closed_at = now(), updated_at = ${touch} WHERE id = $1`, [
    id,
  ]);
}

// ── items ──
export interface ItemRow {
  id: string;
  correction_id: string;
  period_id: string;
  period_label: string;
  indicator_id: string | null;
  individual_indicator_id: string | null;
  unit_id: string | null;
  owner_name: string;
  indicator_code: string;
  indicator_name: string;
  unit_of_measure: string;
  decimals: number;
  value_id: string | null;
  base_version_no: number;
  base_actual: string | null;
  base_budget_spent: string | null;
  current_version_no: number;
  proposed_actual: string;
  proposed_budget_spent: string | null;
  reason: string;
  root_cause: string;
  removes_cause: boolean;
  cause_action: string;
  revision: number;
  status: 'proposed' | 'approved' | 'returned' | 'withdrawn' | 'applied';
  decided_task_id: string | null;
  returned_to_step: number | null;
  return_reason: string | null;
  applied_version_no: number | null;
  applied_at: Date | null;
  created_by_name: string;
  created_at: Date;
  updated_at: Date;
}

const itemSelect = `i.id, i.correction_id, i.period_id, p.label AS period_label, i.indicator_id, i.individual_indicator_id,
  i.unit_id, COALESCE(e.name, u.name, ag.name) AS owner_name, COALESCE(pi.code, '') AS indicator_code,
  COALESCE(pi.name, ii.name) AS indicator_name, COALESCE(pi.unit_of_measure, ii.unit_of_measure) AS unit_of_measure,
  COALESCE(pi.decimals, ii.decimals) AS decimals, i.value_id, i.base_version_no, i.base_actual::text AS base_actual,
  i.base_budget_spent::text AS base_budget_spent, COALESCE(v.version_no, 0) AS current_version_no,
  i.proposed_actual::text AS proposed_actual, i.proposed_budget_spent::text AS proposed_budget_spent, i.reason,
  i.root_cause, i.removes_cause, i.cause_action, i.revision, i.status, i.decided_task_id, i.returned_to_step,
  i.return_reason, i.applied_version_no, i.applied_at, i.created_by_name, i.created_at, i.updated_at`;
const itemFrom = `correction_items i
  JOIN collection_periods p ON p.id = i.period_id
  JOIN agencies ag ON ag.id = p.agency_id
  LEFT JOIN units u ON u.id = i.unit_id
  LEFT JOIN plan_indicators pi ON pi.id = i.indicator_id
  LEFT JOIN individual_indicators ii ON ii.id = i.individual_indicator_id
  LEFT JOIN employees e ON e.id = ii.employee_id
  LEFT JOIN collection_values v ON v.id = COALESCE(i.value_id, (
    SELECT cv.id FROM collection_values cv WHERE cv.period_id = i.period_id
       AND cv.indicator_id IS NOT DISTINCT FROM i.indicator_id
       AND cv.individual_indicator_id IS NOT DISTINCT FROM i.individual_indicator_id
       AND cv.unit_id IS NOT DISTINCT FROM i.unit_id))`;

export async function itemsOf(db: Queryable, correctionId: string): Promise<ItemRow[]> {
  return db.query<ItemRow>(
    `SELECT ${itemSelect} FROM ${itemFrom} WHERE i.correction_id = $1
      ORDER BY p.year, p.period, (i.unit_id IS NOT NULL), u.sort_order, pi.sort_order, pi.code, ii.sort_order, i.created_at`,
    [correctionId],
  );
}

export async function getItem(db: Queryable, correctionId: string, itemId: string, lock = false) {
  if (lock) await db.query('SELECT 1 FROM correction_items WHERE id = $1 FOR UPDATE', [itemId]);
  const rows = await db.query<ItemRow>(
    `SELECT ${itemSelect} FROM ${itemFrom} WHERE i.correction_id = $1 AND i.id = $2`,
    [correctionId, itemId],
  );
  return rows[0];
}

/** An item of another open correction on the same slot (the same value cannot be corrected twice at once). */
export async function openItemElsewhere(
  db: Queryable,
  correctionId: string,
  slot: { periodId: string; indicatorId: string | null; individualIndicatorId: string | null; unitId: string | null },
): Promise<{ case_number: number } | undefined> {
  const rows = await db.query<{ case_number: number }>(
    `SELECT c.number AS case_number FROM correction_items i
       JOIN corrections k ON k.id = i.correction_id JOIN cases c ON c.id = k.case_id
      WHERE i.correction_id <> $1 AND i.period_id = $2 AND i.status IN ('proposed', 'approved', 'returned')
        AND c.status = 'open'
        AND i.indicator_id IS NOT DISTINCT FROM $3::uuid AND i.individual_indicator_id IS NOT DISTINCT FROM $4::uuid
        AND i.unit_id IS NOT DISTINCT FROM $5::uuid
      LIMIT 1`,
    [correctionId, slot.periodId, slot.indicatorId, slot.individualIndicatorId, slot.unitId],
  );
  return rows[0];
}

export async function insertItem(
  tx: Tx,
  r: {
    governmentId: string;
    correctionId: string;
    periodId: string;
    indicatorId: string | null;
    individualIndicatorId: string | null;
    unitId: string | null;
    valueId: string | null;
    baseVersion: number;
    baseActual: string | null;
    baseBudgetSpent: string | null;
    actual: string;
    budgetSpent: string | null;
    reason: string;
    rootCause: string;
    removesCause: boolean;
    causeAction: string;
    userId: string;
    userName: string;
  },
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO correction_items (government_id, correction_id, period_id, indicator_id, individual_indicator_id, unit_id,
       value_id, base_version_no, base_actual, base_budget_spent, proposed_actual, proposed_budget_spent, reason, root_cause,
       removes_cause, cause_action, created_by_user_id, created_by_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
    [
      r.governmentId,
      r.correctionId,
      r.periodId,
      r.indicatorId,
      r.individualIndicatorId,
      r.unitId,
      r.valueId,
      r.baseVersion,
      r.baseActual,
      r.baseBudgetSpent,
      r.actual,
      r.budgetSpent,
      r.reason,
      r.rootCause,
      r.removesCause,
      r.causeAction,
      r.userId,
      r.userName,
    ],
  );
  return rows[0]!.id;
}

export async function reviseItem(
  tx: Tx,
  id: string,
  r: {
    actual: string;
    budgetSpent: string | null;
    reason: string;
    rootCause: string;
    removesCause: boolean;
    causeAction: string;
  },
): Promise<void> {
  await tx.query(
    `UPDATE correction_items SET proposed_actual = $2, proposed_budget_spent = $3, reason = $4, root_cause = $5,
       removes_cause = $6, cause_action = $7, revision = revision + 1, status = 'proposed', decided_task_id = NULL,
       returned_to_step = NULL, return_reason = NULL, updated_at = ${touch}
     WHERE id = $1`,
    [id, r.actual, r.budgetSpent, r.reason, r.rootCause, r.removesCause, r.causeAction],
  );
}

export async function decideItem(
  tx: Tx,
  id: string,
  d: {
    status: 'approved' | 'returned' | 'withdrawn';
    taskId: string | null;
    returnedToStep: number | null;
    reason: string | null;
  },
): Promise<void> {
  await tx.query(
    `UPDATE correction_items SET status = $2, decided_task_id = $3, returned_to_step = $4, return_reason = $5,
       updated_at = ${touch}
     WHERE id = $1`,
    [id, d.status, d.taskId, d.returnedToStep, d.reason],
  );
}

export async function markItemApplied(tx: Tx, id: string, version: number, valueId: string): Promise<void> {
  await tx.query(
    `UPDATE correction_items SET status = 'applied', applied_version_no = $2, value_id = $3, applied_at = now(),
       updated_at = ${touch} WHERE id = $1`,
    [id, version, valueId],
  );
}

export async function insertItemEvent(
  tx: Tx,
  e: {
    governmentId: string;
    itemId: string;
    taskId: string | null;
    stepNo: number | null;
    action: 'propose' | 'revise' | 'approve' | 'return' | 'withdraw' | 'evidence' | 'apply';
    revision: number;
    reason: string;
    data: Record<string, unknown>;
    userId: string | null;
    userName: string;
    positionName: string | null;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO correction_item_events (government_id, item_id, task_id, step_no, action, revision, reason, data,
       actor_user_id, actor_name, actor_position_name, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, clock_timestamp())`,
    [
      e.governmentId,
      e.itemId,
      e.taskId,
      e.stepNo,
      e.action,
      e.revision,
      e.reason,
      JSON.stringify(e.data),
      e.userId,
      e.userName,
      e.positionName,
    ],
  );
}

export interface ItemEventRow {
  id: number;
  item_id: string;
  action: 'propose' | 'revise' | 'approve' | 'return' | 'withdraw' | 'evidence' | 'apply';
  step_no: number | null;
  revision: number;
  reason: string;
  data: unknown;
  actor_name: string;
  actor_position_name: string | null;
  at: Date;
}

export async function itemEvents(db: Queryable, itemIds: string[]): Promise<ItemEventRow[]> {
  if (itemIds.length === 0) return [];
  return db.query<ItemEventRow>(
    `SELECT id::int AS id, item_id, action, step_no, revision, reason, data, actor_name, actor_position_name, at
       FROM correction_item_events WHERE item_id = ANY($1::uuid[]) ORDER BY id`,
    [itemIds],
  );
}

export interface EvidenceRow {
  id: string;
  item_id: string;
  kind: 'file' | 'link' | 'text';
  file_id: string | null;
  file_name: string | null;
  file_sha256: string | null;
  url: string | null;
  body: string | null;
  description: string;
  created_by_name: string;
  created_at: Date;
}

export async function evidenceOf(db: Queryable, itemIds: string[]): Promise<EvidenceRow[]> {
  if (itemIds.length === 0) return [];
  return db.query<EvidenceRow>(
    `SELECT e.id, e.item_id, e.kind, e.file_id, f.name AS file_name, f.sha256 AS file_sha256, e.url, e.body,
            e.description, e.created_by_name, e.created_at
       FROM correction_item_evidence e LEFT JOIN files f ON f.id = e.file_id
      WHERE e.item_id = ANY($1::uuid[]) ORDER BY e.created_at, e.id`,
    [itemIds],
  );
}

export async function insertEvidence(
  tx: Tx,
  e: {
    governmentId: string;
    itemId: string;
    kind: 'file' | 'link' | 'text';
    fileId: string | null;
    url: string | null;
    body: string | null;
    description: string;
    userId: string;
    userName: string;
  },
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO correction_item_evidence (government_id, item_id, kind, file_id, url, body, description,
       created_by_user_id, created_by_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [e.governmentId, e.itemId, e.kind, e.fileId, e.url, e.body, e.description, e.userId, e.userName],
  );
  return rows[0]!.id;
}

// ── meetings ──
export interface MeetingRow {
  id: string;
  correction_id: string;
  task_id: string;
  step_no: number;
  starts_at: Date;
  ends_at: Date | null;
  place: string;
  agenda: string;
  minutes: string;
  decisions: string;
  chair_employee_id: string | null;
  invitation_file_id: string | null;
  minutes_file_id: string | null;
  updated_at: Date;
}
const meetingSelect = `id, correction_id, task_id, step_no, starts_at, ends_at, place, agenda, minutes, decisions,
  chair_employee_id, invitation_file_id, minutes_file_id, updated_at`;

export async function meetingsOf(db: Queryable, correctionId: string): Promise<MeetingRow[]> {
  return db.query<MeetingRow>(
    `SELECT ${meetingSelect} FROM correction_meetings WHERE correction_id = $1 ORDER BY starts_at, created_at`,
    [correctionId],
  );
}

export async function getMeeting(db: Queryable, correctionId: string, id: string, lock = false) {
  const rows = await db.query<MeetingRow>(
    `SELECT ${meetingSelect} FROM correction_meetings WHERE correction_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
    [correctionId, id],
  );
  return rows[0];
}

export async function meetingOfTask(db: Queryable, taskId: string) {
  const rows = await db.query<MeetingRow>(`SELECT ${meetingSelect} FROM correction_meetings WHERE task_id = $1`, [
    taskId,
  ]);
  return rows[0];
}

export async function insertMeeting(
  tx: Tx,
  m: {
    governmentId: string;
    correctionId: string;
    taskId: string;
    stepNo: number;
    startsAt: string;
    endsAt: string | null;
    place: string;
    agenda: string;
    chairEmployeeId: string | null;
    userId: string;
  },
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO correction_meetings (government_id, correction_id, task_id, step_no, starts_at, ends_at, place, agenda,
       chair_employee_id, created_by_user_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      m.governmentId,
      m.correctionId,
      m.taskId,
      m.stepNo,
      m.startsAt,
      m.endsAt,
      m.place,
      m.agenda,
      m.chairEmployeeId,
      m.userId,
    ],
  );
  return rows[0]!.id;
}

/** Writes the meeting's fields; false when `expectedUpdatedAt` no longer matches. */
export async function updateMeeting(
  tx: Tx,
  id: string,
  m: { startsAt: string; endsAt: string | null; place: string; agenda: string; minutes: string; decisions: string },
  expectedUpdatedAt: string,
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE correction_meetings SET starts_at = $2, ends_at = $3, place = $4, agenda = $5, minutes = $6, decisions = $7,
       updated_at = ${touch}
     WHERE id = $1 AND date_trunc('milliseconds', updated_at) = $8::timestamptz RETURNING id`,
    [id, m.startsAt, m.endsAt, m.place, m.agenda, m.minutes, m.decisions, expectedUpdatedAt],
  );
  return rows.length > 0;
}

export async function setMeetingFiles(
  tx: Tx,
  id: string,
  files: { invitation?: string | null; minutes?: string | null },
): Promise<void> {
  await tx.query(
    `UPDATE correction_meetings SET invitation_file_id = COALESCE($2, invitation_file_id),
       minutes_file_id = COALESCE($3, minutes_file_id) WHERE id = $1`,
    [id, files.invitation ?? null, files.minutes ?? null],
  );
}

export interface ParticipantRow {
  meeting_id: string;
  employee_id: string;
  name: string;
  nip: string;
  position_title: string;
  invited: boolean;
  present: boolean | null;
}

export async function participantsOf(db: Queryable, meetingIds: string[]): Promise<ParticipantRow[]> {
  if (meetingIds.length === 0) return [];
  return db.query<ParticipantRow>(
    `SELECT meeting_id, employee_id, name, nip, position_title, invited, present FROM correction_meeting_participants
      WHERE meeting_id = ANY($1::uuid[]) ORDER BY sort_order, name`,
    [meetingIds],
  );
}

export async function addParticipant(
  tx: Tx,
  p: {
    governmentId: string;
    meetingId: string;
    employeeId: string;
    name: string;
    nip: string;
    positionTitle: string;
    invited: boolean;
    present: boolean | null;
    sortOrder: number;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO correction_meeting_participants (meeting_id, government_id, employee_id, name, nip, position_title,
       invited, present, sort_order)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (meeting_id, employee_id) DO NOTHING`,
    [p.meetingId, p.governmentId, p.employeeId, p.name, p.nip, p.positionTitle, p.invited, p.present, p.sortOrder],
  );
}

export async function setPresence(tx: Tx, meetingId: string, employeeId: string, present: boolean): Promise<boolean> {
  const rows = await tx.query(
    'UPDATE correction_meeting_participants SET present = $3 WHERE meeting_id = $1 AND employee_id = $2 RETURNING 1',
    [meetingId, employeeId, present],
  );
  return rows.length > 0;
}

/** The people of the government with the position each holds today (the first, by the position's order). */
export async function employeesWithPositions(
  db: Queryable,
  governmentId: string,
  employeeIds: string[],
): Promise<PersonRow[]> {
  if (employeeIds.length === 0) return [];
  return db.query(
    `SELECT e.id, e.name, e.front_title, e.back_title, e.nip, e.agency_id, COALESCE((
        SELECT CASE pa.kind WHEN 'plt' THEN 'Plt. ' WHEN 'plh' THEN 'Plh. ' ELSE '' END || p.name
          FROM position_assignments pa JOIN positions p ON p.id = pa.position_id
         WHERE pa.employee_id = e.id AND pa.starts_on <= ${today} AND (pa.ends_on IS NULL OR pa.ends_on >= ${today})
         ORDER BY (pa.kind = 'definitive') DESC, p.sort_order LIMIT 1), '') AS position_title
       FROM employees e JOIN governments g ON g.id = e.government_id
      WHERE e.government_id = $1 AND e.id = ANY($2::uuid[])`,
    [governmentId, employeeIds],
  );
}

export interface PersonRow {
  id: string;
  name: string;
  front_title: string;
  back_title: string;
  nip: string;
  agency_id: string | null;
  position_title: string;
}

// ── paraf ──
export interface ParafRow {
  id: string;
  task_id: string;
  step_no: number;
  name: string;
  nip: string;
  position_title: string;
  acting: 'definitive' | 'plt' | 'plh';
  at: Date;
}

export async function parafsOf(db: Queryable, correctionId: string): Promise<ParafRow[]> {
  return db.query<ParafRow>(
    `SELECT id, task_id, step_no, name, nip, position_title, acting, at FROM correction_parafs
      WHERE correction_id = $1 ORDER BY at, id`,
    [correctionId],
  );
}

export async function insertParaf(
  tx: Tx,
  p: {
    governmentId: string;
    correctionId: string;
    taskId: string;
    stepNo: number;
    userId: string;
    employeeId: string | null;
    name: string;
    nip: string;
    positionId: string;
    positionTitle: string;
    acting: 'definitive' | 'plt' | 'plh';
  },
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO correction_parafs (government_id, correction_id, task_id, step_no, user_id, employee_id, name, nip,
       position_id, position_title, acting, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, clock_timestamp()) RETURNING id`,
    [
      p.governmentId,
      p.correctionId,
      p.taskId,
      p.stepNo,
      p.userId,
      p.employeeId,
      p.name,
      p.nip,
      p.positionId,
      p.positionTitle,
      p.acting,
    ],
  );
  return rows[0]!.id;
}

/** How the person holds the position today (in the government's time zone): definitive, Plt or Plh. */
export async function actingIn(db: Queryable, employeeId: string, positionId: string) {
  const rows = await db.query<{ kind: 'definitive' | 'plt' | 'plh' }>(
    `SELECT pa.kind FROM position_assignments pa JOIN governments g ON g.id = pa.government_id
      WHERE pa.employee_id = $1 AND pa.position_id = $2
        AND pa.starts_on <= ${today} AND (pa.ends_on IS NULL OR pa.ends_on >= ${today})
      ORDER BY (pa.kind = 'definitive') DESC LIMIT 1`,
    [employeeId, positionId],
  );
  return rows[0]?.kind ?? 'definitive';
}
