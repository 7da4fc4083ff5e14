import type { EngineState } from '@sidakin/core';
import type { Queryable, Tx } from '../../db/database.js';

export interface CaseRow {
  id: string;
  government_id: string;
  agency_id: string;
  agency_name: string;
  sop_id: string;
  sop_title: string;
  sop_version_id: string;
  sop_version: number;
  number: number;
  subject: string;
  period: string;
  unit_ids: string[];
  status: 'open' | 'completed' | 'cancelled';
  engine_state: EngineState;
  started_at: Date;
  closed_at: Date | null;
  cancel_reason: string | null;
  started_by_user_id: string | null;
  link_kind: string | null;
  link_id: string | null;
  open_tasks: number;
}
const caseSelect = `c.id, c.government_id, c.agency_id, a.name AS agency_name, c.sop_id, s.title AS sop_title, c.sop_version_id,
  v.version AS sop_version, c.number, c.subject, c.period, c.unit_ids, c.status, c.engine_state, c.started_at, c.closed_at,
  c.cancel_reason, c.started_by_user_id, c.link_kind, c.link_id, (SELECT count(*)::int FROM case_tasks t WHERE t.case_id = c.id AND t.status = 'open') AS open_tasks`;
const caseFrom = `cases c JOIN agencies a ON a.id = c.agency_id JOIN sops s ON s.id = c.sop_id JOIN sop_versions v ON v.id = c.sop_version_id`;

export async function getCase(
  db: Queryable,
  governmentId: string,
  id: string,
  lock = false,
): Promise<CaseRow | undefined> {
  if (lock) await db.query('SELECT 1 FROM cases WHERE government_id = $1 AND id = $2 FOR UPDATE', [governmentId, id]);
  const rows = await db.query<CaseRow>(
    `SELECT ${caseSelect} FROM ${caseFrom} WHERE c.government_id = $1 AND c.id = $2`,
    [governmentId, id],
  );
  return rows[0];
}

export async function listCases(
  db: Queryable,
  f: {
    governmentId: string;
    status: string;
    sopId?: string | undefined;
    link?: { kind: string; id: string } | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ rows: CaseRow[]; total: number }> {
  const params: unknown[] = [f.governmentId];
  const where = ['c.government_id = $1'];
  if (f.status !== 'all') {
    params.push(f.status);
    where.push(`c.status = $${params.length}`);
  }
  if (f.sopId) {
    params.push(f.sopId);
    where.push(`c.sop_id = $${params.length}`);
  }
  if (f.link) {
    params.push(f.link.kind, f.link.id);
    where.push(`c.link_kind = $${params.length - 1} AND c.link_id = $${params.length}`);
  }
  const w = `WHERE ${where.join(' AND ')}`;
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases c ${w}`, params);
  const rows = await db.query<CaseRow>(
    `SELECT ${caseSelect} FROM ${caseFrom} ${w} ORDER BY c.number DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { rows, total: total[0]?.n ?? 0 };
}

export async function nextCaseNumber(tx: Tx, governmentId: string): Promise<number> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('case-number:' || $1))`, [governmentId]);
  const rows = await tx.query<{ n: number }>(
    'SELECT COALESCE(max(number), 0)::int + 1 AS n FROM cases WHERE government_id = $1',
    [governmentId],
  );
  return rows[0]!.n;
}

export async function insertCase(
  tx: Tx,
  c: {
    government_id: string;
    agency_id: string;
    sop_id: string;
    sop_version_id: string;
    number: number;
    subject: string;
    period: string;
    unit_ids: string[];
    engine_state: EngineState;
    started_by_user_id: string | null;
    link_kind: string | null;
    link_id: string | null;
  },
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO cases (government_id, agency_id, sop_id, sop_version_id, number, subject, period, unit_ids, engine_state,
       started_by_user_id, link_kind, link_id)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8::uuid[],$9::jsonb,$10,$11,$12) RETURNING id`,
    [
      c.government_id,
      c.agency_id,
      c.sop_id,
      c.sop_version_id,
      c.number,
      c.subject,
      c.period,
      c.unit_ids,
      JSON.stringify(c.engine_state),
      c.started_by_user_id,
      c.link_kind,
      c.link_id,
    ],
  );
  return rows[0]!.id;
}

export async function updateCaseState(
  tx: Tx,
  id: string,
  state: EngineState,
  extra: { cancelReason?: string } = {},
): Promise<void> {
  await tx.query(
    `UPDATE cases SET engine_state = $2::jsonb, status = $3,
       closed_at = CASE WHEN $3 <> 'open' AND closed_at IS NULL THEN now() ELSE closed_at END,
       cancel_reason = COALESCE($4, cancel_reason)
     WHERE id = $1`,
    [id, JSON.stringify(state), state.status, extra.cancelReason ?? null],
  );
}

export interface TaskRow {
  id: string;
  case_id: string;
  engine_id: string;
  step_no: number;
  unit_id: string | null;
  unit_name: string | null;
  round: number;
  status: 'open' | 'done' | 'cancelled';
  outcome: 'done' | 'ya' | 'tidak' | null;
  assignee_position_ids: string[];
  opened_at: Date;
  due_at: Date | null;
  completed_at: Date | null;
  completed_by_user_id: string | null;
  completed_by_name: string | null;
  completed_by_position_name: string | null;
  comment: string;
  reason: string;
}
const taskSelect = `t.id, t.case_id, t.engine_id, t.step_no, t.unit_id, un.name AS unit_name, t.round, t.status, t.outcome,
  t.assignee_position_ids, t.opened_at, t.due_at, t.completed_at, t.completed_by_user_id, u.display_name AS completed_by_name,
  p.name AS completed_by_position_name, t.comment, t.reason`;
const taskFrom = `case_tasks t LEFT JOIN units un ON un.id = t.unit_id LEFT JOIN users u ON u.id = t.completed_by_user_id
  LEFT JOIN positions p ON p.id = t.completed_by_position_id`;

export async function caseTasks(db: Queryable, caseId: string): Promise<TaskRow[]> {
  return db.query<TaskRow>(
    `SELECT ${taskSelect} FROM ${taskFrom} WHERE t.case_id = $1 ORDER BY t.opened_at, t.engine_id`,
    [caseId],
  );
}

export async function getTask(
  db: Queryable,
  governmentId: string,
  caseId: string,
  id: string,
): Promise<TaskRow | undefined> {
  const rows = await db.query<TaskRow>(
    `SELECT ${taskSelect} FROM ${taskFrom} WHERE t.government_id = $1 AND t.case_id = $2 AND t.id = $3`,
    [governmentId, caseId, id],
  );
  return rows[0];
}

export async function insertTask(
  tx: Tx,
  t: {
    government_id: string;
    case_id: string;
    engine_id: string;
    step_no: number;
    unit_id: string | null;
    round: number;
    assignee_position_ids: string[];
    opened_at: Date;
    /** Opened time plus the step's mutu baku on the working calendar; null when the step has none. */
    due_at: Date | null;
  },
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO case_tasks (government_id, case_id, engine_id, step_no, unit_id, round, assignee_position_ids, opened_at, due_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7::uuid[],$8,$9) RETURNING id`,
    [
      t.government_id,
      t.case_id,
      t.engine_id,
      t.step_no,
      t.unit_id,
      t.round,
      t.assignee_position_ids,
      t.opened_at,
      t.due_at,
    ],
  );
  return rows[0]!.id;
}

/** Closes an open task; false when it was no longer open (someone else acted first). */
export async function completeTask(
  tx: Tx,
  id: string,
  c: { outcome: string; userId: string; positionId: string | null; comment: string; reason: string },
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE case_tasks SET status = 'done', outcome = $2, completed_at = now(), completed_by_user_id = $3,
       completed_by_position_id = $4, comment = $5, reason = $6
     WHERE id = $1 AND status = 'open' RETURNING id`,
    [id, c.outcome, c.userId, c.positionId, c.comment, c.reason],
  );
  return rows.length > 0;
}

export async function setAssignees(tx: Tx, id: string, positionIds: string[]): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE case_tasks SET assignee_position_ids = $2::uuid[] WHERE id = $1 AND status = 'open' RETURNING id`,
    [id, positionIds],
  );
  return rows.length > 0;
}

export async function cancelOpenTasks(tx: Tx, caseId: string): Promise<void> {
  await tx.query(`UPDATE case_tasks SET status = 'cancelled' WHERE case_id = $1 AND status = 'open'`, [caseId]);
}

export async function insertEvent(
  tx: Tx,
  e: {
    government_id: string;
    case_id: string;
    task_id: string | null;
    actor_user_id: string | null;
    actor_name: string | null;
    actor_position_id: string | null;
    actor_position_name: string | null;
    kind: 'start' | 'complete' | 'return' | 'reassign' | 'cancel';
    comment: string;
    data: unknown;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO case_events (government_id, case_id, task_id, actor_user_id, actor_name, actor_position_id, actor_position_name, kind, comment, data)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10::jsonb)`,
    [
      e.government_id,
      e.case_id,
      e.task_id,
      e.actor_user_id,
      e.actor_name,
      e.actor_position_id,
      e.actor_position_name,
      e.kind,
      e.comment,
      JSON.stringify(e.data ?? {}),
    ],
  );
}

export interface EventRow {
  id: number;
  at: Date;
  kind: 'start' | 'complete' | 'return' | 'reassign' | 'cancel';
  task_id: string | null;
  actor_name: string | null;
  actor_position_name: string | null;
  comment: string;
  data: unknown;
}

export async function caseEvents(db: Queryable, caseId: string): Promise<EventRow[]> {
  return db.query<EventRow>(
    'SELECT id, at, kind, task_id, actor_name, actor_position_name, comment, data FROM case_events WHERE case_id = $1 ORDER BY id',
    [caseId],
  );
}

export interface InboxRow extends TaskRow {
  case_number: number;
  case_subject: string;
  sop_title: string;
  sop_version_id: string;
}

/** Open tasks assigned to any of the positions, with their case. */
export async function inbox(
  db: Queryable,
  governmentId: string,
  positionIds: string[],
  limit: number,
  offset: number,
): Promise<{ rows: InboxRow[]; total: number }> {
  if (positionIds.length === 0) return { rows: [], total: 0 };
  const where = `t.government_id = $1 AND t.status = 'open' AND t.assignee_position_ids && $2::uuid[]`;
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_tasks t WHERE ${where}`, [
    governmentId,
    positionIds,
  ]);
  const rows = await db.query<InboxRow>(
    `SELECT ${taskSelect}, c.number AS case_number, c.subject AS case_subject, s.title AS sop_title,
            c.sop_version_id
       FROM ${taskFrom} JOIN cases c ON c.id = t.case_id JOIN sops s ON s.id = c.sop_id
      WHERE ${where} ORDER BY t.due_at NULLS LAST, t.opened_at LIMIT $3 OFFSET $4`,
    [governmentId, positionIds, limit, offset],
  );
  return { rows, total: total[0]?.n ?? 0 };
}

/** The version of an SOP in force today (effective, from a date not after today). */
export async function effectiveVersion(
  db: Queryable,
  governmentId: string,
  sopId: string,
): Promise<{ id: string; version: number; document: unknown; agency_id: string } | undefined> {
  const rows = await db.query<{ id: string; version: number; document: unknown; agency_id: string }>(
    `SELECT v.id, v.version, v.document, s.agency_id
       FROM sop_versions v JOIN sops s ON s.id = v.sop_id JOIN governments g ON g.id = v.government_id
      WHERE v.government_id = $1 AND v.sop_id = $2 AND v.status = 'effective'
        AND v.effective_from <= (now() AT TIME ZONE g.time_zone)::date`,
    [governmentId, sopId],
  );
  return rows[0];
}

export async function versionDocument(db: Queryable, versionId: string): Promise<unknown> {
  const rows = await db.query<{ document: unknown }>('SELECT document FROM sop_versions WHERE id = $1', [versionId]);
  return rows[0]?.document;
}
