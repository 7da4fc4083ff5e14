import {
  addWorkingMinutes,
  allowedOutcomes,
  type CaseSummary,
  type CaseTask,
  type EngineTask,
  cancelCase as engineCancel,
  completeTask as engineComplete,
  startCase as engineStart,
  parseDuration,
  type SopDocument,
  type TaskAttachment,
  unitScopedBinding,
  type WorkingCalendar,
  workingMinutesBetween,
  workingMinutesPerDay,
} from '@sidakin/core';
import type { Database, Queryable, Tx } from '../../db/database.js';
import { AppError, invalidField, notFound } from '../../errors.js';
import { authorize } from '../../http/access.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit.service.js';
import { heldPositions } from '../auth/auth.repo.js';
import * as files from '../files/files.repo.js';
import { attachToTask } from '../files/files.service.js';
import { workingCalendar } from '../org/org.service.js';
import * as lanesRepo from '../sops/lanes.repo.js';
import * as repo from './cases.repo.js';
import { type CaseLink, caseClosedListeners, caseStartGuard, stepActionHandler } from './step-actions.js';

/** A step's mutu baku time in working minutes (a "hari" is one working day), or null when it has none. */
export function standardMinutes(doc: SopDocument, stepNo: number, cal: WorkingCalendar): number | null {
  const step = doc.steps.find((s) => s.no === stepNo);
  if (!step?.duration) return null;
  const d = parseDuration(step.duration);
  const per = { menit: 1, jam: 60, hari: workingMinutesPerDay(cal) }[d.unit];
  return Math.round(d.value * per);
}

/** The positions that hold a step's lanes for the task's unit (or the case's only unit). */
/**
 * The positions holding a lane of an SOP for a case: a lane of "the unit in scope" in each of the
 * case's units (or the given unit), any other lane once.
 */
export async function lanePositionIds(
  db: Queryable,
  q: { governmentId: string; agencyId: string; doc: SopDocument; laneId: string; units: (string | null)[] },
): Promise<string[]> {
  const lane = q.doc.lanes[q.laneId]!;
  const ids: string[] = [];
  for (const unitId of unitScopedBinding(lane.binding) ? q.units : [null]) {
    const positions = await lanesRepo.positionsFor(db, {
      governmentId: q.governmentId,
      agencyId: q.agencyId,
      binding: lane.binding,
      unitId,
    });
    for (const p of positions) if (!ids.includes(p.position_id)) ids.push(p.position_id);
  }
  return ids;
}

async function assigneesFor(
  db: Queryable,
  q: {
    governmentId: string;
    agencyId: string;
    doc: SopDocument;
    stepNo: number;
    unitId: string | null;
    caseUnits: string[];
  },
): Promise<string[]> {
  const step = q.doc.steps.find((s) => s.no === q.stepNo)!;
  // A per-unit task is for its unit; a step for the whole case goes to the lane in each unit in
  // scope (e.g. the Kepala Bidang of every Bidang the correction is about).
  const units: (string | null)[] = q.unitId ? [q.unitId] : q.caseUnits.length ? q.caseUnits : [null];
  const ids: string[] = [];
  for (const laneId of step.lanes) {
    for (const id of await lanePositionIds(db, { ...q, laneId, units })) if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

async function openTasks(
  tx: Tx,
  q: {
    governmentId: string;
    agencyId: string;
    caseId: string;
    doc: SopDocument;
    caseUnits: string[];
    opened: EngineTask[];
  },
): Promise<void> {
  const cal = await workingCalendar(tx, q.governmentId);
  const openedAt = new Date();
  for (const t of q.opened) {
    const minutes = standardMinutes(q.doc, t.stepNo, cal);
    await repo.insertTask(tx, {
      government_id: q.governmentId,
      case_id: q.caseId,
      engine_id: t.id,
      step_no: t.stepNo,
      unit_id: t.unit,
      round: t.round,
      assignee_position_ids: await assigneesFor(tx, { ...q, stepNo: t.stepNo, unitId: t.unit }),
      opened_at: openedAt,
      due_at: minutes === null ? null : addWorkingMinutes(openedAt, minutes, cal),
    });
  }
}

/** The positions the person holds today (definitive or acting), the one they act in first. */
export async function actorPositions(db: Queryable, actor: Actor): Promise<{ id: string; name: string }[]> {
  if (!actor.employeeId) return [];
  const held = await heldPositions(db, actor.employeeId);
  const list = held.map((h) => ({ id: h.position_id, name: h.position_name }));
  return list.sort((a, b) => (a.id === actor.actingPositionId ? -1 : b.id === actor.actingPositionId ? 1 : 0));
}

function isDueSoon(t: repo.TaskRow, standard: number | null): boolean {
  if (t.status !== 'open' || !t.due_at || standard === null) return false;
  const left = (new Date(t.due_at).getTime() - Date.now()) / 60_000;
  return left > 0 && left <= Math.max(30, standard / 4);
}

function presentTask(
  doc: SopDocument,
  t: repo.TaskRow,
  names: Map<string, string>,
  cal: WorkingCalendar,
  attachments: TaskAttachment[] = [],
): CaseTask {
  const step = doc.steps.find((s) => s.no === t.step_no)!;
  return {
    id: t.id,
    caseId: t.case_id,
    stepNo: t.step_no,
    stepText: step.text,
    action: step.action,
    laneTitles: step.lanes.map((l) => doc.lanes[l]?.title ?? l),
    unitId: t.unit_id,
    unitName: t.unit_name,
    round: t.round,
    status: t.status,
    outcome: t.outcome,
    allowedOutcomes: allowedOutcomes(doc, t.step_no),
    assignees: t.assignee_position_ids.map((id) => ({ positionId: id, positionName: names.get(id) ?? '' })),
    openedAt: new Date(t.opened_at).toISOString(),
    dueAt: t.due_at ? new Date(t.due_at).toISOString() : null,
    overdue: t.status === 'open' && t.due_at !== null && new Date(t.due_at).getTime() < Date.now(),
    dueSoon: isDueSoon(t, standardMinutes(doc, t.step_no, cal)),
    standardMinutes: standardMinutes(doc, t.step_no, cal),
    actualMinutes: workingMinutesBetween(
      new Date(t.opened_at),
      t.completed_at ? new Date(t.completed_at) : new Date(),
      cal,
    ),
    completedAt: t.completed_at ? new Date(t.completed_at).toISOString() : null,
    completedByName: t.completed_by_name,
    completedByPositionName: t.completed_by_position_name,
    comment: t.comment,
    reason: t.reason,
    attachments,
  };
}

async function positionNames(db: Queryable, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: string; name: string }>(
    'SELECT id, name FROM positions WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

function presentCase(c: repo.CaseRow): CaseSummary {
  return {
    id: c.id,
    number: c.number,
    subject: c.subject,
    period: c.period,
    status: c.status,
    sopId: c.sop_id,
    sopTitle: c.sop_title,
    sopVersion: c.sop_version,
    sopVersionId: c.sop_version_id,
    agencyId: c.agency_id,
    agencyName: c.agency_name,
    unitIds: c.unit_ids,
    startedAt: new Date(c.started_at).toISOString(),
    startedByUserId: c.started_by_user_id,
    closedAt: c.closed_at ? new Date(c.closed_at).toISOString() : null,
    openTasks: c.open_tasks,
    link: c.link_kind && c.link_id ? { kind: c.link_kind, id: c.link_id } : null,
  };
}

async function loadCaseDetail(db: Queryable, governmentId: string, id: string) {
  const c = await repo.getCase(db, governmentId, id);
  if (!c) throw notFound();
  const doc = (await repo.versionDocument(db, c.sop_version_id)) as SopDocument;
  const tasks = await repo.caseTasks(db, c.id);
  const names = await positionNames(db, [...new Set(tasks.flatMap((t) => t.assignee_position_ids))]);
  const events = await repo.caseEvents(db, c.id);
  const cal = await workingCalendar(db, governmentId);
  const attachments = new Map<string, TaskAttachment[]>();
  for (const a of await files.attachmentsOfCase(db, c.id)) {
    const list = attachments.get(a.task_id) ?? [];
    list.push({
      fileId: a.file_id,
      name: a.name,
      mediaType: a.media_type,
      size: a.size,
      sha256: a.sha256,
      output: a.output,
    });
    attachments.set(a.task_id, list);
  }
  return {
    ...presentCase(c),
    cancelReason: c.cancel_reason,
    tasks: tasks.map((t) => presentTask(doc, t, names, cal, attachments.get(t.id))),
    events: events.map((e) => ({
      id: e.id,
      at: new Date(e.at).toISOString(),
      kind: e.kind,
      taskId: e.task_id,
      actorName: e.actor_name,
      actorPositionName: e.actor_position_name,
      comment: e.comment,
      data: e.data,
    })),
  };
}

/**
 * Starts a case of the SOP version in effect today. The government's admin may start any; anyone
 * else must hold a lane of the first step.
 */
export async function startCase(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  input: { sopId: string; unitIds: string[]; period: string; subject: string };
}) {
  authorize(opts.ctx.actor, 'cases.act', opts.governmentId);
  return opts.db.transaction(async (tx) => {
    const caseId = await startCaseTx(tx, opts.ctx, opts.governmentId, opts.input, null);
    return loadCaseDetail(tx, opts.governmentId, caseId);
  });
}

/**
 * Starts a case inside the caller's transaction; a domain module passes the `link` to what the
 * case is about (e.g. its collection period). Returns the case id.
 */
export async function startCaseTx(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  input: { sopId: string; unitIds: string[]; period: string; subject: string },
  link: CaseLink | null,
): Promise<string> {
  const actor = authorize(ctx.actor, 'cases.act', governmentId);
  const version = await repo.effectiveVersion(tx, governmentId, input.sopId);
  if (!version) {
    const exists = await tx.query('SELECT 1 FROM sops WHERE government_id = $1 AND id = $2', [
      governmentId,
      input.sopId,
    ]);
    if (exists.length === 0) {
      throw new AppError('VALIDATION', {
        details: [{ path: 'body.sopId', message: { id: 'SOP tidak ditemukan', en: 'SOP not found' } }],
      });
    }
    throw new AppError('SOP_NOT_EFFECTIVE');
  }
  const doc = version.document as SopDocument;
  const unitIds = [...new Set(input.unitIds)];
  const units = await tx.query<{ id: string }>(
    'SELECT id FROM units WHERE government_id = $1 AND agency_id = $2 AND active AND id = ANY($3::uuid[])',
    [governmentId, version.agency_id, unitIds],
  );
  const known = new Set(units.map((u) => u.id));
  const bad = unitIds.findIndex((u) => !known.has(u));
  if (bad >= 0) {
    throw new AppError('VALIDATION', {
      details: [
        {
          path: `body.unitIds.${bad}`,
          message: {
            id: 'Unit kerja tidak ada atau tidak aktif di perangkat daerah SOP ini',
            en: "The unit does not exist or is inactive in the SOP's agency",
          },
        },
      ],
    });
  }
  // Per-unit steps, and lanes that mean "of the unit in scope", need the units named.
  const needsUnits =
    doc.steps.some((s) => s.perUnit) || Object.values(doc.lanes).some((l) => unitScopedBinding(l.binding));
  if (needsUnits && unitIds.length === 0) {
    throw new AppError('VALIDATION', {
      details: [
        {
          path: 'body.unitIds',
          message: {
            id: 'SOP ini melibatkan unit kerja (mis. Kepala Bidang): pilih unit kerja yang menjadi cakupan kasus',
            en: 'This SOP involves units (e.g. the head of a Bidang): choose the units the case is about',
          },
        },
      ],
    });
  }
  await caseStartGuard(doc.kind)?.({ tx, governmentId, agencyId: version.agency_id, doc, unitIds, link });
  const mine = await actorPositions(tx, actor);
  if (actor.role === 'member') {
    const first = await assigneesFor(tx, {
      governmentId,
      agencyId: version.agency_id,
      doc,
      stepNo: doc.steps[0]!.no,
      unitId: null,
      caseUnits: unitIds,
    });
    if (!mine.some((p) => first.includes(p.id))) throw new AppError('NOT_ASSIGNEE');
  }
  const started = engineStart(doc, { units: unitIds });
  if (!started.ok) throw new AppError('VALIDATION');
  const number = await repo.nextCaseNumber(tx, governmentId);
  const caseId = await repo.insertCase(tx, {
    government_id: governmentId,
    agency_id: version.agency_id,
    sop_id: input.sopId,
    sop_version_id: version.id,
    number,
    subject: input.subject,
    period: input.period,
    unit_ids: unitIds,
    engine_state: started.state,
    started_by_user_id: actor.userId,
    link_kind: link?.kind ?? null,
    link_id: link?.id ?? null,
  });
  await openTasks(tx, {
    governmentId,
    agencyId: version.agency_id,
    caseId,
    doc,
    caseUnits: unitIds,
    opened: started.opened,
  });
  const position = mine[0] ?? null;
  await repo.insertEvent(tx, {
    government_id: governmentId,
    case_id: caseId,
    task_id: null,
    actor_user_id: actor.userId,
    actor_name: actor.displayName,
    actor_position_id: position?.id ?? null,
    actor_position_name: position?.name ?? null,
    kind: 'start',
    comment: '',
    data: { sopVersion: version.version, units: unitIds, period: input.period },
  });
  await recordAudit(tx, ctx, {
    governmentId,
    action: 'case.start',
    entityType: 'case',
    entityId: caseId,
    after: {
      number,
      subject: input.subject,
      sopId: input.sopId,
      sopVersion: version.version,
      units: unitIds,
      ...(link ? { link } : {}),
    },
  });
  return caseId;
}

/**
 * Completes a task as one of the positions it is assigned to. "tidak" needs a reason and routes
 * back; whoever completed the step before a review cannot approve it; two people acting on one
 * task at once cannot both succeed (the case row is locked and the task must still be open).
 */
export async function completeCaseTask(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  caseId: string;
  taskId: string;
  input: {
    outcome: 'done' | 'ya' | 'tidak';
    comment: string;
    reason?: string | undefined;
    unitIds?: string[] | undefined;
    attachments?: { fileId: string; output: string }[] | undefined;
  };
}) {
  const actor = authorize(opts.ctx.actor, 'cases.act', opts.governmentId);
  const { governmentId, caseId, input } = opts;
  return opts.db.transaction(async (tx) => {
    const c = await repo.getCase(tx, governmentId, caseId, true);
    if (!c) throw notFound();
    if (c.status !== 'open') throw new AppError('CASE_NOT_OPEN');
    const task = await repo.getTask(tx, governmentId, caseId, opts.taskId);
    if (!task) throw notFound();
    if (task.status !== 'open') throw new AppError('TASK_NOT_OPEN');
    const mine = await actorPositions(tx, actor);
    const as = mine.find((p) => task.assignee_position_ids.includes(p.id));
    if (!as) throw new AppError('NOT_ASSIGNEE');
    const doc = (await repo.versionDocument(tx, c.sop_version_id)) as SopDocument;
    const allowed = allowedOutcomes(doc, task.step_no);
    if (!allowed.includes(input.outcome)) {
      throw new AppError('VALIDATION', {
        details: [
          {
            path: 'body.outcome',
            message: {
              id: `Pilihan untuk langkah ini: ${allowed.join(', ')}`,
              en: `Allowed for this step: ${allowed.join(', ')}`,
            },
          },
        ],
      });
    }
    if (allowed.includes('ya')) {
      // Four eyes: the work checked here must not be checked by the person who did it.
      const tasks = await repo.caseTasks(tx, caseId);
      const before = tasks
        .filter((t) => t.status === 'done' && t.completed_at && new Date(t.completed_at) <= new Date(task.opened_at))
        .filter((t) => task.unit_id === null || t.unit_id === task.unit_id || t.unit_id === null)
        .sort((a, b) => new Date(b.completed_at!).getTime() - new Date(a.completed_at!).getTime())[0];
      if (before?.completed_by_user_id === actor.userId) throw new AppError('SELF_REVIEW');
    }
    const next = engineComplete(doc, c.engine_state, task.engine_id, input.outcome, { units: input.unitIds });
    if (!next.ok) {
      throw new AppError('VALIDATION', {
        details: [
          {
            path: 'body.unitIds',
            message: {
              id: 'Unit kerja tidak sesuai dengan cakupan kasus',
              en: "The units do not match the case's scope",
            },
          },
        ],
      });
    }
    const step = doc.steps.find((s) => s.no === task.step_no)!;
    const handler = stepActionHandler(doc.kind, step.action);
    const done = handler
      ? await handler({
          tx,
          ctx: opts.ctx,
          actor,
          position: as,
          governmentId,
          caseId,
          agencyId: c.agency_id,
          caseUnits: c.unit_ids,
          link: c.link_kind && c.link_id ? { kind: c.link_kind, id: c.link_id } : null,
          doc,
          step,
          task: { id: task.id, unitId: task.unit_id, stepNo: task.step_no },
          outcome: input.outcome,
          reason: input.reason,
          comment: input.comment,
          returnUnits: input.unitIds,
          closesCase: next.state.status === 'completed',
        })
      : undefined;
    const closed = await repo.completeTask(tx, task.id, {
      outcome: input.outcome,
      userId: actor.userId,
      positionId: as.id,
      comment: input.comment,
      reason: input.reason ?? '',
    });
    if (!closed) throw new AppError('TASK_NOT_OPEN');
    const attached = await attachToTask(tx, {
      governmentId,
      taskId: task.id,
      userId: actor.userId,
      stepOutputs: step.outputs,
      items: [...(done?.attachments ?? []), ...(input.attachments ?? [])],
    });
    await openTasks(tx, {
      governmentId,
      agencyId: c.agency_id,
      caseId,
      doc,
      caseUnits: c.unit_ids,
      opened: next.opened,
    });
    await repo.updateCaseState(tx, caseId, next.state);
    const kind = input.outcome === 'tidak' ? 'return' : 'complete';
    const closing = next.state.status === 'completed';
    await repo.insertEvent(tx, {
      government_id: governmentId,
      case_id: caseId,
      task_id: task.id,
      actor_user_id: actor.userId,
      actor_name: actor.displayName,
      actor_position_id: as.id,
      actor_position_name: as.name,
      kind,
      comment: input.comment || input.reason || '',
      data: {
        stepNo: task.step_no,
        outcome: input.outcome,
        reason: input.reason ?? null,
        opened: next.opened.map((t) => t.stepNo),
        attachments: attached.map((a) => ({ fileId: a.fileId, name: a.name, sha256: a.sha256, output: a.output })),
        ...(done?.data ? { action: done.data } : {}),
      },
    });
    await recordAudit(
      tx,
      { ...opts.ctx, actor: { ...actor, actingPositionId: as.id, actingPositionName: as.name } },
      {
        governmentId,
        action: kind === 'return' ? 'case.return' : 'case.complete_task',
        entityType: 'case',
        entityId: caseId,
        before: { taskId: task.id, stepNo: task.step_no, status: 'open' },
        after: {
          taskId: task.id,
          stepNo: task.step_no,
          outcome: input.outcome,
          reason: input.reason ?? null,
          caseStatus: next.state.status,
          attachments: attached.map((a) => ({ fileId: a.fileId, sha256: a.sha256, output: a.output })),
        },
      },
    );
    if (closing) {
      for (const listener of caseClosedListeners()) {
        await listener({ tx, ctx: opts.ctx, actor, governmentId, caseId, doc });
      }
    }
    return loadCaseDetail(tx, governmentId, caseId);
  });
}

/**
 * Hands an open task to other positions of the SOP's agency, with a reason (the holder is on leave,
 * the task went to the wrong Bidang). Only the government's administrators may; it is on record.
 */
export async function reassignTask(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  caseId: string;
  taskId: string;
  positionIds: string[];
  reason: string;
}) {
  const actor = authorize(opts.ctx.actor, 'sops.manage', opts.governmentId);
  return opts.db.transaction(async (tx) => {
    const c = await repo.getCase(tx, opts.governmentId, opts.caseId, true);
    if (!c) throw notFound();
    if (c.status !== 'open') throw new AppError('CASE_NOT_OPEN');
    const task = await repo.getTask(tx, opts.governmentId, opts.caseId, opts.taskId);
    if (!task) throw notFound();
    if (task.status !== 'open') throw new AppError('TASK_NOT_OPEN');
    const ids = [...new Set(opts.positionIds)];
    const found = await tx.query<{ id: string }>(
      'SELECT id FROM positions WHERE government_id = $1 AND agency_id = $2 AND active AND id = ANY($3::uuid[])',
      [opts.governmentId, c.agency_id, ids],
    );
    const known = new Set(found.map((p) => p.id));
    const bad = ids.findIndex((id) => !known.has(id));
    if (bad >= 0) {
      throw new AppError('VALIDATION', {
        details: [
          {
            path: `body.positionIds.${bad}`,
            message: {
              id: 'Jabatan tidak ada atau tidak aktif di perangkat daerah SOP ini',
              en: "The position does not exist or is inactive in the SOP's agency",
            },
          },
        ],
      });
    }
    await repo.setAssignees(tx, task.id, ids);
    await repo.insertEvent(tx, {
      government_id: opts.governmentId,
      case_id: c.id,
      task_id: task.id,
      actor_user_id: actor.userId,
      actor_name: actor.displayName,
      actor_position_id: actor.actingPositionId,
      actor_position_name: actor.actingPositionName,
      kind: 'reassign',
      comment: opts.reason,
      data: { stepNo: task.step_no, from: task.assignee_position_ids, to: ids },
    });
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'case.reassign',
      entityType: 'case',
      entityId: c.id,
      before: { taskId: task.id, assignees: task.assignee_position_ids },
      after: { taskId: task.id, assignees: ids, reason: opts.reason },
    });
    return loadCaseDetail(tx, opts.governmentId, c.id);
  });
}

export async function cancelCase(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  caseId: string;
  reason: string;
}) {
  const actor = authorize(opts.ctx.actor, 'cases.act', opts.governmentId);
  return opts.db.transaction(async (tx) => {
    const c = await repo.getCase(tx, opts.governmentId, opts.caseId, true);
    if (!c) throw notFound();
    if (c.status !== 'open') throw new AppError('CASE_NOT_OPEN');
    // The admin, or whoever started it, may cancel a case.
    if (actor.role === 'member' && c.started_by_user_id !== actor.userId) throw new AppError('FORBIDDEN');
    const r = engineCancel(c.engine_state);
    if (!r.ok) throw new AppError('CASE_NOT_OPEN');
    await repo.cancelOpenTasks(tx, c.id);
    await repo.updateCaseState(tx, c.id, r.state, { cancelReason: opts.reason });
    await repo.insertEvent(tx, {
      government_id: opts.governmentId,
      case_id: c.id,
      task_id: null,
      actor_user_id: actor.userId,
      actor_name: actor.displayName,
      actor_position_id: actor.actingPositionId,
      actor_position_name: actor.actingPositionName,
      kind: 'cancel',
      comment: opts.reason,
      data: {},
    });
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'case.cancel',
      entityType: 'case',
      entityId: c.id,
      before: { status: 'open' },
      after: { status: 'cancelled', reason: opts.reason },
    });
    return loadCaseDetail(tx, opts.governmentId, c.id);
  });
}

export async function getCase(opts: { db: Database; ctx: RequestContext; governmentId: string; id: string }) {
  authorize(opts.ctx.actor, 'cases.read', opts.governmentId);
  return loadCaseDetail(opts.db, opts.governmentId, opts.id);
}

export async function listCases(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  query: {
    status: string;
    sopId?: string | undefined;
    linkKind?: string | undefined;
    linkId?: string | undefined;
    page: number;
    pageSize: number;
  };
}) {
  authorize(opts.ctx.actor, 'cases.read', opts.governmentId);
  if ((opts.query.linkKind === undefined) !== (opts.query.linkId === undefined)) {
    throw invalidField(opts.query.linkKind === undefined ? 'query.linkKind' : 'query.linkId', {
      id: 'Isi linkKind dan linkId bersama-sama',
      en: 'Give linkKind and linkId together',
    });
  }
  const { rows, total } = await repo.listCases(opts.db, {
    governmentId: opts.governmentId,
    status: opts.query.status,
    sopId: opts.query.sopId,
    link: opts.query.linkKind && opts.query.linkId ? { kind: opts.query.linkKind, id: opts.query.linkId } : undefined,
    limit: opts.query.pageSize,
    offset: (opts.query.page - 1) * opts.query.pageSize,
  });
  return { items: rows.map(presentCase), total, page: opts.query.page, pageSize: opts.query.pageSize };
}

/** "Tugas Saya": open tasks for the positions the person holds today, soonest due first. */
export async function myInbox(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  page: number;
  pageSize: number;
}) {
  const actor = authorize(opts.ctx.actor, 'cases.read', opts.governmentId);
  const mine = await actorPositions(opts.db, actor);
  const { rows, total } = await repo.inbox(
    opts.db,
    opts.governmentId,
    mine.map((p) => p.id),
    opts.pageSize,
    (opts.page - 1) * opts.pageSize,
  );
  const names = await positionNames(opts.db, [...new Set(rows.flatMap((t) => t.assignee_position_ids))]);
  const cal = await workingCalendar(opts.db, opts.governmentId);
  // One document per SOP version among the rows, not one read per task.
  const docs = new Map<string, SopDocument>();
  for (const id of new Set(rows.map((t) => t.sop_version_id))) {
    docs.set(id, (await repo.versionDocument(opts.db, id)) as SopDocument);
  }
  const items = rows.map((t) => ({
    ...presentTask(docs.get(t.sop_version_id)!, t, names, cal),
    caseNumber: t.case_number,
    caseSubject: t.case_subject,
    sopTitle: t.sop_title,
  }));
  return { items, total, page: opts.page, pageSize: opts.pageSize };
}

/**
 * The SOP as a service level: for each step, over every case of the SOP, the actual working time
 * against its mutu baku, how often it ran over, how often work was sent back from it, and what is
 * overdue now.
 */
export async function sopServiceLevel(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  sopId: string;
}) {
  authorize(opts.ctx.actor, 'cases.read', opts.governmentId);
  const cases = await opts.db.query<{ id: string; status: string; sop_version_id: string }>(
    'SELECT id, status, sop_version_id FROM cases WHERE government_id = $1 AND sop_id = $2',
    [opts.governmentId, opts.sopId],
  );
  const sop = await opts.db.query<{ id: string }>('SELECT id FROM sops WHERE government_id = $1 AND id = $2', [
    opts.governmentId,
    opts.sopId,
  ]);
  if (!sop[0]) throw notFound();
  const latest = await opts.db.query<{ document: SopDocument }>(
    'SELECT document FROM sop_versions WHERE sop_id = $1 ORDER BY version DESC LIMIT 1',
    [opts.sopId],
  );
  const doc = latest[0]!.document;
  const cal = await workingCalendar(opts.db, opts.governmentId);
  const tasks = cases.length
    ? await opts.db.query<repo.TaskRow>(
        'SELECT * FROM case_tasks WHERE government_id = $1 AND case_id = ANY($2::uuid[])',
        [opts.governmentId, cases.map((c) => c.id)],
      )
    : [];
  const now = Date.now();
  const steps = doc.steps.map((s) => {
    const mine = tasks.filter((t) => t.step_no === s.no);
    const done = mine.filter((t) => t.status === 'done' && t.completed_at);
    const minutes = done.map((t) => workingMinutesBetween(new Date(t.opened_at), new Date(t.completed_at!), cal));
    const standard = standardMinutes(doc, s.no, cal);
    return {
      stepNo: s.no,
      text: s.text,
      standardMinutes: standard,
      completed: done.length,
      averageMinutes: minutes.length
        ? Math.round((minutes.reduce((a, b) => a + b, 0) / minutes.length) * 10) / 10
        : null,
      maxMinutes: minutes.length ? Math.max(...minutes) : null,
      overLimit: standard === null ? 0 : minutes.filter((m) => m > standard).length,
      returnsFromHere: done.filter((t) => t.outcome === 'tidak').length,
      openOverdue: mine.filter((t) => t.status === 'open' && t.due_at && new Date(t.due_at).getTime() < now).length,
    };
  });
  const ratio = (x: (typeof steps)[number]) =>
    x.averageMinutes === null ? -1 : x.standardMinutes ? x.averageMinutes / x.standardMinutes : x.averageMinutes;
  return {
    cases: cases.length,
    completedCases: cases.filter((c) => c.status === 'completed').length,
    returns: tasks.filter((t) => t.outcome === 'tidak').length,
    steps,
    slowest: [...steps]
      .filter((x) => x.averageMinutes !== null)
      .sort((a, b) => ratio(b) - ratio(a))
      .slice(0, 3)
      .map((x) => x.stepNo),
  };
}
