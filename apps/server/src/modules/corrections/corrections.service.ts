import { randomUUID } from 'node:crypto';
import {
  type Correction,
  type CorrectionItem,
  type CorrectionMeeting,
  compareDecimals,
  type EvidenceInput,
  formatPersonName,
  type ProposeCorrectionItemBody,
  parseIndonesianNumber,
  type SopDocument,
  type StartCorrectionBody,
} from '@sidakin/core';
import type { Database, Queryable, Tx } from '../../db/database.js';
import { AppError, assertFresh, invalidField, notFound } from '../../errors.js';
import { authorize } from '../../http/access.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit.service.js';
import * as casesRepo from '../cases/cases.repo.js';
import { actorPositions, startCaseTx } from '../cases/cases.service.js';
import * as collectionRepo from '../collection/collection.repo.js';
import { resolveValueKey, type ValueKey } from '../collection/collection.service.js';
import * as filesRepo from '../files/files.repo.js';
import * as repo from './corrections.repo.js';

// A correction of validated data is a case of a correction SOP linked to a `corrections` row: the
// scope is fixed at the start; items are proposed and revised by whoever holds an open correcting
// (or meeting) step; each review step decides on every item; the accepted items are applied at the
// final signature (corrections.apply.ts). The SOP's steps are given their meaning in
// corrections.steps.ts.

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d ? iso(d) : null);

/** Step kinds at which items may be proposed, revised or withdrawn. */
export const correctingActions = ['correct-data', 'meeting'] as const;

export async function loadDoc(db: Queryable, caseRow: casesRepo.CaseRow): Promise<SopDocument> {
  return (await casesRepo.versionDocument(db, caseRow.sop_version_id)) as SopDocument;
}

/** The open task of the case at a step of one of `actions` that the person holds, with the position. */
export async function actingTask(
  db: Queryable,
  actor: Actor,
  c: repo.CorrectionRow,
  actions: readonly string[],
  taskId?: string,
): Promise<{ task: casesRepo.TaskRow; step: SopDocument['steps'][number]; position: { id: string; name: string } }> {
  const caseRow = await casesRepo.getCase(db, c.government_id, c.case_id);
  if (caseRow?.status !== 'open') throw new AppError('CASE_NOT_OPEN');
  const doc = await loadDoc(db, caseRow);
  const mine = await actorPositions(db, actor);
  const tasks = await casesRepo.caseTasks(db, c.case_id);
  for (const task of tasks) {
    if (task.status !== 'open' || (taskId && task.id !== taskId)) continue;
    const step = doc.steps.find((s) => s.no === task.step_no);
    if (!step || !actions.includes(step.action)) continue;
    const position = mine.find((p) => task.assignee_position_ids.includes(p.id));
    if (position) return { task, step, position };
  }
  throw new AppError('NOT_ASSIGNEE', {
    details: [
      {
        path: 'body',
        message: {
          id: 'Anda tidak memegang langkah SOP yang terbuka untuk tindakan ini pada kasus perbaikan ini',
          en: 'You do not hold an open SOP step of this correction case that allows this',
        },
      },
    ],
  });
}

async function requireCorrection(db: Queryable, governmentId: string, id: string, lock = false) {
  const c = await repo.getCorrection(db, governmentId, id, lock);
  if (!c) throw notFound();
  return c;
}

function assertOpen(c: repo.CorrectionRow): void {
  if (c.case_status !== 'open' || c.status !== 'open') {
    throw new AppError('CASE_NOT_OPEN', {
      details: [
        {
          path: 'body',
          message: {
            id: 'Perbaikan ini sudah diterapkan atau kasusnya sudah selesai',
            en: 'This correction has been applied or its case has ended',
          },
        },
      ],
    });
  }
}

// ── start ──

export async function startCorrection(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  input: StartCorrectionBody;
}) {
  const actor = authorize(opts.ctx.actor, 'cases.act', opts.governmentId);
  const { governmentId, input } = opts;
  return opts.db.transaction(async (tx) => {
    const version = await casesRepo.effectiveVersion(tx, governmentId, input.sopId);
    const doc = version?.document as SopDocument | undefined;
    if (version && doc?.kind !== 'correction') {
      throw invalidField('body.sopId', {
        id: 'SOP ini bukan SOP perbaikan data kinerja',
        en: 'This SOP is not a performance-data correction SOP',
      });
    }
    const agencyId = version?.agency_id;
    const periods = await Promise.all(input.periodIds.map((id) => collectionRepo.getPeriod(tx, governmentId, id)));
    const year = periods[0]?.year;
    periods.forEach((p, i) => {
      const path = `body.periodIds.${i}`;
      if (!p || (agencyId && p.agency_id !== agencyId)) {
        throw invalidField(path, {
          id: 'Periode pengumpulan tidak ditemukan pada perangkat daerah SOP ini',
          en: "The collection period does not exist in the SOP's agency",
        });
      }
      if (p.year !== year) {
        throw invalidField(path, {
          id: 'Semua periode satu perbaikan harus dari tahun yang sama',
          en: 'All periods of one correction must be of the same year',
        });
      }
      if (p.status !== 'locked') {
        throw invalidField(path, {
          id: `${p.label} belum dikunci: datanya masih diperbaiki melalui formulir pengumpulan, bukan perbaikan data kinerja`,
          en: `${p.label} is not locked: its data is still corrected through the collection form, not a correction`,
        });
      }
    });
    const scopeErrors = await scopeProblems(tx, governmentId, agencyId ?? periods[0]!.agency_id, input);
    if (scopeErrors.length > 0) throw new AppError('VALIDATION', { details: scopeErrors });
    const correctionId = randomUUID();
    const labels = periods.map((p) => p!.label).join(', ');
    const caseId = await startCaseTx(
      tx,
      opts.ctx,
      governmentId,
      {
        sopId: input.sopId,
        unitIds: input.unitIds,
        period: labels,
        subject: input.subject ?? `Perbaikan data kinerja ${periods[0]!.agency_name}: ${labels}`,
      },
      { kind: 'correction', id: correctionId },
    );
    await tx.query(
      `INSERT INTO corrections (id, government_id, agency_id, case_id, year, period_ids, unit_ids, indicator_ids,
         employee_ids, created_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6::uuid[], $7::uuid[], $8::uuid[], $9::uuid[], $10)`,
      [
        correctionId,
        governmentId,
        periods[0]!.agency_id,
        caseId,
        year,
        input.periodIds,
        input.unitIds,
        input.indicatorIds,
        input.employeeIds,
        actor.userId,
      ],
    );
    await recordAudit(tx, opts.ctx, {
      governmentId,
      action: 'correction.start',
      entityType: 'correction',
      entityId: correctionId,
      after: {
        caseId,
        year,
        periodIds: input.periodIds,
        unitIds: input.unitIds,
        indicatorIds: input.indicatorIds,
        employeeIds: input.employeeIds,
      },
    });
    return loadCorrection(tx, governmentId, correctionId);
  });
}

async function scopeProblems(tx: Tx, governmentId: string, agencyId: string, input: StartCorrectionBody) {
  const problems: { path: string; message: { id: string; en: string } }[] = [];
  const check = async (ids: string[], sql: string, path: string, message: { id: string; en: string }) => {
    if (ids.length === 0) return;
    const found = new Set((await tx.query<{ id: string }>(sql, [governmentId, agencyId, ids])).map((r) => r.id));
    ids.forEach((id, i) => {
      if (!found.has(id)) problems.push({ path: `${path}.${i}`, message });
    });
  };
  await check(
    input.unitIds,
    'SELECT id FROM units WHERE government_id = $1 AND agency_id = $2 AND id = ANY($3::uuid[])',
    'body.unitIds',
    { id: 'Unit kerja tidak ada di perangkat daerah ini', en: 'The unit does not exist in this agency' },
  );
  await check(
    input.indicatorIds,
    `SELECT pi.id FROM plan_indicators pi JOIN plans p ON p.id = pi.plan_id
      WHERE pi.government_id = $1 AND p.agency_id = $2 AND pi.id = ANY($3::uuid[])`,
    'body.indicatorIds',
    { id: 'Indikator tidak ada dalam rencana perangkat daerah ini', en: "The indicator is not in this agency's plans" },
  );
  await check(
    input.employeeIds,
    'SELECT id FROM employees WHERE government_id = $1 AND agency_id = $2 AND id = ANY($3::uuid[])',
    'body.employeeIds',
    { id: 'Pegawai tidak ada di perangkat daerah ini', en: 'The employee does not work in this agency' },
  );
  return problems;
}

// ── reading ──

function presentItem(r: repo.ItemRow, evidence: repo.EvidenceRow[], events: repo.ItemEventRow[]): CorrectionItem {
  return {
    id: r.id,
    periodId: r.period_id,
    periodLabel: r.period_label,
    indicatorId: r.indicator_id,
    individualIndicatorId: r.individual_indicator_id,
    unitId: r.unit_id,
    ownerName: r.owner_name,
    indicatorCode: r.indicator_code,
    indicatorName: r.indicator_name,
    unitOfMeasure: r.unit_of_measure,
    decimals: r.decimals,
    valueId: r.value_id,
    baseVersion: r.base_version_no,
    baseActual: r.base_actual,
    baseBudgetSpent: r.base_budget_spent,
    currentVersion: r.current_version_no,
    proposedActual: r.proposed_actual,
    proposedBudgetSpent: r.proposed_budget_spent,
    reason: r.reason,
    rootCause: r.root_cause,
    removesCause: r.removes_cause,
    causeAction: r.cause_action,
    revision: r.revision,
    status: r.status,
    decidedTaskId: r.decided_task_id,
    returnedToStep: r.returned_to_step,
    returnReason: r.return_reason,
    appliedVersion: r.applied_version_no,
    appliedAt: isoOrNull(r.applied_at),
    createdByName: r.created_by_name,
    createdAt: iso(r.created_at),
    evidence: evidence.map((e) => ({
      id: e.id,
      kind: e.kind,
      fileId: e.file_id,
      fileName: e.file_name,
      url: e.url,
      text: e.body,
      description: e.description,
      createdByName: e.created_by_name,
      createdAt: iso(e.created_at),
      replacedById: null,
      replacedAt: null,
      replaceReason: null,
    })),
    events: events.map((e) => ({
      id: e.id,
      action: e.action,
      stepNo: e.step_no,
      revision: e.revision,
      reason: e.reason,
      data: e.data,
      actorName: e.actor_name,
      actorPositionName: e.actor_position_name,
      at: iso(e.at),
    })),
  };
}

export async function meetingsOf(db: Queryable, correctionId: string): Promise<CorrectionMeeting[]> {
  const meetings = await repo.meetingsOf(db, correctionId);
  const people = await repo.participantsOf(
    db,
    meetings.map((m) => m.id),
  );
  return meetings.map((m) => ({
    id: m.id,
    taskId: m.task_id,
    stepNo: m.step_no,
    startsAt: iso(m.starts_at),
    endsAt: isoOrNull(m.ends_at),
    place: m.place,
    agenda: m.agenda,
    minutes: m.minutes,
    decisions: m.decisions,
    chairEmployeeId: m.chair_employee_id,
    participants: people
      .filter((p) => p.meeting_id === m.id)
      .map((p) => ({
        employeeId: p.employee_id,
        name: p.name,
        nip: p.nip,
        positionTitle: p.position_title,
        invited: p.invited,
        present: p.present,
      })),
    invitationFileId: m.invitation_file_id,
    minutesFileId: m.minutes_file_id,
    updatedAt: iso(m.updated_at),
  }));
}

/** The document being signed, as the correction screens show it (set by the signing part). */
export type DocumentPresenter = (
  db: Queryable,
  governmentId: string,
  documentId: string,
) => Promise<Correction['document']>;
let documentPresenter: DocumentPresenter | null = null;
export function presentDocumentWith(p: DocumentPresenter): void {
  documentPresenter = p;
}

export async function loadCorrection(db: Queryable, governmentId: string, id: string): Promise<Correction> {
  const c = await requireCorrection(db, governmentId, id);
  const items = await repo.itemsOf(db, id);
  const ids = items.map((i) => i.id);
  const [evidence, events, meetings, parafs, periods] = await Promise.all([
    repo.evidenceOf(db, ids),
    repo.itemEvents(db, ids),
    meetingsOf(db, id),
    repo.parafsOf(db, id),
    db.query<{ id: string; label: string }>(
      'SELECT id, label FROM collection_periods WHERE id = ANY($1::uuid[]) ORDER BY period',
      [c.period_ids],
    ),
  ]);
  return {
    id: c.id,
    caseId: c.case_id,
    caseNumber: c.case_number,
    subject: c.subject,
    sopTitle: c.sop_title,
    agencyId: c.agency_id,
    agencyName: c.agency_name,
    year: c.year,
    periods,
    unitIds: c.unit_ids,
    indicatorIds: c.indicator_ids,
    employeeIds: c.employee_ids,
    status: c.case_status === 'cancelled' ? 'cancelled' : c.status,
    appliedAt: isoOrNull(c.applied_at),
    items: items.map((i) =>
      presentItem(
        i,
        evidence.filter((e) => e.item_id === i.id),
        events.filter((e) => e.item_id === i.id),
      ),
    ),
    meetings,
    parafs: parafs.map((p) => ({
      id: p.id,
      taskId: p.task_id,
      stepNo: p.step_no,
      name: p.name,
      nip: p.nip,
      positionTitle: p.position_title,
      acting: p.acting,
      at: iso(p.at),
    })),
    document: c.document_id && documentPresenter ? await documentPresenter(db, governmentId, c.document_id) : null,
    createdAt: iso(c.created_at),
  };
}

export async function getCorrection(opts: { db: Database; ctx: RequestContext; governmentId: string; id: string }) {
  authorize(opts.ctx.actor, 'cases.read', opts.governmentId);
  return loadCorrection(opts.db, opts.governmentId, opts.id);
}

export async function listCorrections(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  query: {
    agencyId?: string | undefined;
    year?: number | undefined;
    status: string;
    page: number;
    pageSize: number;
  };
}) {
  authorize(opts.ctx.actor, 'cases.read', opts.governmentId);
  const { rows, total } = await repo.listCorrections(opts.db, {
    governmentId: opts.governmentId,
    agencyIds: null,
    agencyId: opts.query.agencyId,
    year: opts.query.year,
    status: opts.query.status,
    limit: opts.query.pageSize,
    offset: (opts.query.page - 1) * opts.query.pageSize,
  });
  return {
    items: rows.map((c) => ({
      id: c.id,
      caseId: c.case_id,
      caseNumber: c.case_number,
      subject: c.subject,
      sopTitle: c.sop_title,
      agencyId: c.agency_id,
      agencyName: c.agency_name,
      year: c.year,
      status: c.case_status === 'cancelled' ? ('cancelled' as const) : c.status,
      appliedAt: isoOrNull(c.applied_at),
      createdAt: iso(c.created_at),
      itemCount: c.item_count,
    })),
    total,
    page: opts.query.page,
    pageSize: opts.query.pageSize,
  };
}

// ── items ──

function decimalAt(input: string | number, path: string): string {
  const r = parseIndonesianNumber(input);
  if (!r.ok) throw invalidField(path, r.message);
  return r.value;
}

/** The slot of a proposal, checked against the correction's scope; with the value it corrects. */
async function slotOf(tx: Tx, c: repo.CorrectionRow, input: ProposeCorrectionItemBody) {
  let period: collectionRepo.PeriodRow | undefined;
  let key: ValueKey & { employeeId?: string | null };
  if (input.valueId) {
    const v = await collectionRepo.getValue(tx, c.government_id, input.valueId, true);
    if (!v) {
      throw invalidField('body.valueId', { id: 'Nilai tidak ditemukan', en: 'Value not found' });
    }
    period = await collectionRepo.getPeriod(tx, c.government_id, v.period_id);
    key = { indicatorId: v.indicator_id, individualIndicatorId: v.individual_indicator_id, unitId: v.unit_id };
    if (v.individual_indicator_id) {
      const ii = await collectionRepo.individualIndicator(tx, c.government_id, v.individual_indicator_id);
      key.employeeId = ii?.employee_id ?? null;
    }
  } else {
    if (!input.periodId) {
      throw invalidField('body.periodId', {
        id: 'Sebutkan nilai yang diperbaiki, atau periode dan indikatornya',
        en: 'Name the value to correct, or its period and indicator',
      });
    }
    period = await collectionRepo.getPeriod(tx, c.government_id, input.periodId);
    if (!period) throw invalidField('body.periodId', { id: 'Periode tidak ditemukan', en: 'Period not found' });
    key = await resolveValueKey(tx, c.government_id, period, input);
  }
  const periodPath = input.valueId ? 'body.valueId' : 'body.periodId';
  if (!period || !c.period_ids.includes(period.id)) {
    throw invalidField(periodPath, {
      id: 'Nilai ini di luar periode yang menjadi cakupan perbaikan',
      en: "This value is outside the correction's periods",
    });
  }
  if (period.status !== 'locked') {
    throw invalidField(periodPath, {
      id: `${period.label} tidak lagi terkunci`,
      en: `${period.label} is no longer locked`,
    });
  }
  const outOfScope = (path: string) =>
    invalidField(path, {
      id: 'Nilai ini di luar cakupan perbaikan (unit kerja, indikator atau pegawai)',
      en: "This value is outside the correction's scope (units, indicators or employees)",
    });
  if (key.individualIndicatorId) {
    const employeeOk = c.employee_ids.length === 0 ? false : c.employee_ids.includes(key.employeeId ?? '');
    if (!employeeOk) throw outOfScope(input.valueId ? 'body.valueId' : 'body.individualIndicatorId');
  } else {
    if (c.unit_ids.length > 0 && !(key.unitId && c.unit_ids.includes(key.unitId))) {
      throw outOfScope(input.valueId ? 'body.valueId' : 'body.unitId');
    }
    if (c.indicator_ids.length > 0 && !c.indicator_ids.includes(key.indicatorId ?? '')) {
      throw outOfScope(input.valueId ? 'body.valueId' : 'body.indicatorId');
    }
  }
  const valueId = await collectionRepo.findValue(tx, period.id, key);
  const value = valueId ? await collectionRepo.getValue(tx, c.government_id, valueId) : undefined;
  return { period, key, value };
}

/** The valid range of the indicator, as the collection form checks it. */
async function assertInRange(db: Queryable, key: ValueKey, actual: string): Promise<void> {
  if (!key.indicatorId) return;
  const [r] = await db.query<{ valid_min: string | null; valid_max: string | null }>(
    'SELECT valid_min::text AS valid_min, valid_max::text AS valid_max FROM plan_indicators WHERE id = $1',
    [key.indicatorId],
  );
  if (!r) return;
  if (
    (r.valid_min !== null && compareDecimals(actual, r.valid_min) < 0) ||
    (r.valid_max !== null && compareDecimals(actual, r.valid_max) > 0)
  ) {
    throw invalidField('body.actual', {
      id: `Nilai harus di antara ${r.valid_min ?? '…'} dan ${r.valid_max ?? '…'}`,
      en: `The value must lie between ${r.valid_min ?? '…'} and ${r.valid_max ?? '…'}`,
    });
  }
}

function assertCauseAction(removesCause: boolean, causeAction: string): void {
  if (removesCause && causeAction.trim() === '') {
    throw invalidField('body.causeAction', {
      id: 'Tuliskan tindakan yang menghilangkan penyebab kesalahan',
      en: 'Write what removes the cause of the error',
    });
  }
}

async function addEvidenceTx(
  tx: Tx,
  actor: Actor,
  governmentId: string,
  itemId: string,
  e: EvidenceInput,
  path: string,
): Promise<string> {
  if (e.kind === 'file') {
    const f = await filesRepo.getFile(tx, governmentId, e.fileId);
    if (f?.source !== 'upload' || f.uploaded_by_user_id !== actor.userId) {
      throw invalidField(`${path}.fileId`, {
        id: 'Berkas tidak ditemukan di antara unggahan Anda sendiri; unggah berkasnya terlebih dahulu',
        en: 'The file is not among your own uploads; upload it first',
      });
    }
  }
  return repo.insertEvidence(tx, {
    governmentId,
    itemId,
    kind: e.kind,
    fileId: e.kind === 'file' ? e.fileId : null,
    url: e.kind === 'link' ? e.url : null,
    body: e.kind === 'text' ? e.text : null,
    description: e.description ?? '',
    userId: actor.userId,
    userName: actor.displayName,
  });
}

export async function proposeItem(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  correctionId: string;
  input: ProposeCorrectionItemBody;
}): Promise<Correction> {
  const actor = authorize(opts.ctx.actor, 'cases.act', opts.governmentId);
  const { input } = opts;
  return opts.db.transaction(async (tx) => {
    const c = await requireCorrection(tx, opts.governmentId, opts.correctionId, true);
    assertOpen(c);
    const at = await actingTask(tx, actor, c, correctingActions);
    const { period, key, value } = await slotOf(tx, c, input);
    const actual = decimalAt(input.actual, 'body.actual');
    const budget =
      input.budgetSpent === undefined || input.budgetSpent === null
        ? null
        : decimalAt(input.budgetSpent, 'body.budgetSpent');
    if (budget !== null && compareDecimals(budget, '0') < 0) {
      throw invalidField('body.budgetSpent', {
        id: 'Realisasi anggaran tidak boleh negatif',
        en: 'Spending cannot be negative',
      });
    }
    await assertInRange(tx, key, actual);
    assertCauseAction(input.removesCause, input.causeAction);
    if (
      value &&
      compareDecimals(value.actual, actual) === 0 &&
      (budget === null || (value.budget_spent !== null && compareDecimals(value.budget_spent, budget) === 0))
    ) {
      throw invalidField('body.actual', {
        id: 'Nilai usulan sama dengan nilai yang tersimpan',
        en: 'The proposed value is the same as the stored one',
      });
    }
    const slot = { periodId: period.id, ...key };
    const mine = (await repo.itemsOf(tx, c.id)).find(
      (i) =>
        i.status !== 'withdrawn' &&
        i.period_id === period.id &&
        i.indicator_id === key.indicatorId &&
        i.individual_indicator_id === key.individualIndicatorId &&
        i.unit_id === key.unitId,
    );
    if (mine) {
      throw new AppError('CONFLICT', {
        details: [
          {
            path: input.valueId ? 'body.valueId' : 'body.indicatorId',
            message: {
              id: 'Nilai ini sudah diusulkan dalam perbaikan ini; ubah usulannya',
              en: 'This value is already proposed in this correction; revise the proposal',
            },
          },
        ],
      });
    }
    const elsewhere = await repo.openItemElsewhere(tx, c.id, slot);
    if (elsewhere) {
      throw new AppError('CONFLICT', {
        details: [
          {
            path: input.valueId ? 'body.valueId' : 'body.indicatorId',
            message: {
              id: `Nilai ini sedang diperbaiki dalam kasus nomor ${elsewhere.case_number}`,
              en: `This value is being corrected in case number ${elsewhere.case_number}`,
            },
          },
        ],
      });
    }
    const itemId = await repo.insertItem(tx, {
      governmentId: opts.governmentId,
      correctionId: c.id,
      periodId: period.id,
      indicatorId: key.indicatorId,
      individualIndicatorId: key.individualIndicatorId,
      unitId: key.unitId,
      valueId: value?.id ?? null,
      baseVersion: value?.version_no ?? 0,
      baseActual: value?.actual ?? null,
      baseBudgetSpent: value?.budget_spent ?? null,
      actual,
      budgetSpent: budget,
      reason: input.reason,
      rootCause: input.rootCause,
      removesCause: input.removesCause,
      causeAction: input.causeAction,
      userId: actor.userId,
      userName: actor.displayName,
    });
    for (const [i, e] of input.evidence.entries()) {
      await addEvidenceTx(tx, actor, opts.governmentId, itemId, e, `body.evidence.${i}`);
    }
    const after = {
      periodId: period.id,
      ...key,
      baseVersion: value?.version_no ?? 0,
      baseActual: value?.actual ?? null,
      actual,
      budgetSpent: budget,
      reason: input.reason,
      rootCause: input.rootCause,
      removesCause: input.removesCause,
      causeAction: input.causeAction,
    };
    await repo.insertItemEvent(tx, {
      governmentId: opts.governmentId,
      itemId,
      taskId: at.task.id,
      stepNo: at.task.step_no,
      action: 'propose',
      revision: 1,
      reason: input.reason,
      data: { ...after, evidence: input.evidence.length },
      userId: actor.userId,
      userName: actor.displayName,
      positionName: at.position.name,
    });
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'correction_item.propose',
      entityType: 'correction_item',
      entityId: itemId,
      after: { correctionId: c.id, caseId: c.case_id, ...after },
    });
    return loadCorrection(tx, opts.governmentId, c.id);
  });
}

async function requireItem(tx: Tx, c: repo.CorrectionRow, itemId: string) {
  const item = await repo.getItem(tx, c.id, itemId, true);
  if (!item) throw notFound();
  return item;
}

export async function reviseItem(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  correctionId: string;
  itemId: string;
  input: {
    actual?: string | number | undefined;
    budgetSpent?: string | number | null | undefined;
    reason?: string | undefined;
    rootCause?: string | undefined;
    removesCause?: boolean | undefined;
    causeAction?: string | undefined;
    baseRevision: number;
  };
}): Promise<Correction> {
  const actor = authorize(opts.ctx.actor, 'cases.act', opts.governmentId);
  const { input } = opts;
  return opts.db.transaction(async (tx) => {
    const c = await requireCorrection(tx, opts.governmentId, opts.correctionId, true);
    assertOpen(c);
    const at = await actingTask(tx, actor, c, correctingActions);
    const item = await requireItem(tx, c, opts.itemId);
    if (item.status === 'withdrawn' || item.status === 'applied') {
      throw new AppError('CONFLICT', {
        details: [{ path: 'body', message: { id: 'Usulan ini sudah ditarik', en: 'This proposal was withdrawn' } }],
      });
    }
    assertFresh(item.revision === input.baseRevision);
    const actual = input.actual === undefined ? item.proposed_actual : decimalAt(input.actual, 'body.actual');
    const budget =
      input.budgetSpent === undefined
        ? item.proposed_budget_spent
        : input.budgetSpent === null
          ? null
          : decimalAt(input.budgetSpent, 'body.budgetSpent');
    await assertInRange(
      tx,
      { indicatorId: item.indicator_id, individualIndicatorId: item.individual_indicator_id, unitId: item.unit_id },
      actual,
    );
    const next = {
      actual,
      budgetSpent: budget,
      reason: input.reason ?? item.reason,
      rootCause: input.rootCause ?? item.root_cause,
      removesCause: input.removesCause ?? item.removes_cause,
      causeAction: input.causeAction ?? item.cause_action,
    };
    assertCauseAction(next.removesCause, next.causeAction);
    await repo.reviseItem(tx, item.id, next);
    const before = {
      actual: item.proposed_actual,
      budgetSpent: item.proposed_budget_spent,
      reason: item.reason,
      rootCause: item.root_cause,
      removesCause: item.removes_cause,
      causeAction: item.cause_action,
      status: item.status,
      revision: item.revision,
    };
    await repo.insertItemEvent(tx, {
      governmentId: opts.governmentId,
      itemId: item.id,
      taskId: at.task.id,
      stepNo: at.task.step_no,
      action: 'revise',
      revision: item.revision + 1,
      reason: next.reason,
      data: { before, after: next },
      userId: actor.userId,
      userName: actor.displayName,
      positionName: at.position.name,
    });
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'correction_item.revise',
      entityType: 'correction_item',
      entityId: item.id,
      before,
      after: { ...next, status: 'proposed', revision: item.revision + 1 },
    });
    return loadCorrection(tx, opts.governmentId, c.id);
  });
}

export async function withdrawItem(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  correctionId: string;
  itemId: string;
  reason: string;
}): Promise<Correction> {
  const actor = authorize(opts.ctx.actor, 'cases.act', opts.governmentId);
  return opts.db.transaction(async (tx) => {
    const c = await requireCorrection(tx, opts.governmentId, opts.correctionId, true);
    assertOpen(c);
    const at = await actingTask(tx, actor, c, correctingActions);
    const item = await requireItem(tx, c, opts.itemId);
    if (item.status === 'withdrawn' || item.status === 'applied') {
      throw new AppError('CONFLICT', {
        details: [{ path: 'body', message: { id: 'Usulan ini sudah ditarik', en: 'This proposal was withdrawn' } }],
      });
    }
    await repo.decideItem(tx, item.id, {
      status: 'withdrawn',
      taskId: at.task.id,
      returnedToStep: null,
      reason: opts.reason,
    });
    await repo.insertItemEvent(tx, {
      governmentId: opts.governmentId,
      itemId: item.id,
      taskId: at.task.id,
      stepNo: at.task.step_no,
      action: 'withdraw',
      revision: item.revision,
      reason: opts.reason,
      data: { status: item.status },
      userId: actor.userId,
      userName: actor.displayName,
      positionName: at.position.name,
    });
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'correction_item.withdraw',
      entityType: 'correction_item',
      entityId: item.id,
      before: { status: item.status },
      after: { status: 'withdrawn', reason: opts.reason },
    });
    return loadCorrection(tx, opts.governmentId, c.id);
  });
}

export async function addItemEvidence(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  correctionId: string;
  itemId: string;
  evidence: EvidenceInput;
}): Promise<Correction> {
  const actor = authorize(opts.ctx.actor, 'cases.act', opts.governmentId);
  return opts.db.transaction(async (tx) => {
    const c = await requireCorrection(tx, opts.governmentId, opts.correctionId, true);
    assertOpen(c);
    const at = await actingTask(tx, actor, c, correctingActions);
    const item = await requireItem(tx, c, opts.itemId);
    const id = await addEvidenceTx(tx, actor, opts.governmentId, item.id, opts.evidence, 'body.evidence');
    await repo.insertItemEvent(tx, {
      governmentId: opts.governmentId,
      itemId: item.id,
      taskId: at.task.id,
      stepNo: at.task.step_no,
      action: 'evidence',
      revision: item.revision,
      reason: opts.evidence.description ?? '',
      data: { evidenceId: id, kind: opts.evidence.kind },
      userId: actor.userId,
      userName: actor.displayName,
      positionName: at.position.name,
    });
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'correction_item.evidence',
      entityType: 'correction_item',
      entityId: item.id,
      after: { evidenceId: id, kind: opts.evidence.kind },
    });
    return loadCorrection(tx, opts.governmentId, c.id);
  });
}

/**
 * A review step's decisions on items: approve, or return with a reason. They are recorded now,
 * for the open review task the person holds; completing the task then needs every active item
 * approved ("ya") or at least one returned ("tidak"). A returned item goes back to the step the
 * SOP's "tidak" names.
 */
export async function decideItems(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  correctionId: string;
  decisions: { itemId: string; decision: 'approve' | 'return'; reason?: string | undefined }[];
}): Promise<Correction> {
  const actor = authorize(opts.ctx.actor, 'cases.act', opts.governmentId);
  return opts.db.transaction(async (tx) => {
    const c = await requireCorrection(tx, opts.governmentId, opts.correctionId, true);
    assertOpen(c);
    // A review decides; so does a rapat that fixes the final data (Sidoarjo's step 5), which can
    // approve, amend or withdraw but has no route back.
    const at = await actingTask(tx, actor, c, ['review', 'meeting']);
    const back = at.step.action === 'review' ? (at.step.decision?.tidak ?? null) : null;
    for (const [i, d] of opts.decisions.entries()) {
      const item = await repo.getItem(tx, c.id, d.itemId, true);
      if (!item) {
        throw invalidField(`body.decisions.${i}.itemId`, { id: 'Usulan tidak ditemukan', en: 'Item not found' });
      }
      if (item.status === 'withdrawn' || item.status === 'applied') {
        throw invalidField(`body.decisions.${i}.itemId`, {
          id: 'Usulan ini sudah ditarik',
          en: 'This item was withdrawn',
        });
      }
      if (item.status === 'returned' && item.returned_to_step !== at.task.step_no) {
        throw invalidField(`body.decisions.${i}.itemId`, {
          id: `Usulan ini dikembalikan ke langkah ${item.returned_to_step} dan belum diperbaiki`,
          en: `This item was returned to step ${item.returned_to_step} and has not been revised`,
        });
      }
      const reason = d.reason?.trim() ?? '';
      if (d.decision === 'return' && !reason) {
        throw invalidField(`body.decisions.${i}.reason`, {
          id: 'Tuliskan alasan pengembalian',
          en: 'Write why it is returned',
        });
      }
      if (d.decision === 'return' && back === null) {
        throw invalidField(`body.decisions.${i}.decision`, {
          id: 'Langkah ini tidak dapat mengembalikan usulan',
          en: 'This step cannot return items',
        });
      }
      await repo.decideItem(tx, item.id, {
        status: d.decision === 'approve' ? 'approved' : 'returned',
        taskId: at.task.id,
        returnedToStep: d.decision === 'return' ? back : null,
        reason: d.decision === 'return' ? reason : null,
      });
      await repo.insertItemEvent(tx, {
        governmentId: opts.governmentId,
        itemId: item.id,
        taskId: at.task.id,
        stepNo: at.task.step_no,
        action: d.decision,
        revision: item.revision,
        reason,
        data: d.decision === 'return' ? { returnedToStep: back } : {},
        userId: actor.userId,
        userName: actor.displayName,
        positionName: at.position.name,
      });
      await recordAudit(tx, opts.ctx, {
        governmentId: opts.governmentId,
        action: d.decision === 'approve' ? 'correction_item.approve' : 'correction_item.return',
        entityType: 'correction_item',
        entityId: item.id,
        before: { status: item.status, revision: item.revision },
        after: {
          status: d.decision === 'approve' ? 'approved' : 'returned',
          stepNo: at.task.step_no,
          ...(d.decision === 'return' ? { returnedToStep: back, reason } : {}),
        },
      });
    }
    return loadCorrection(tx, opts.governmentId, c.id);
  });
}

/** The people a meeting names, each as they are today (name with titles, NIP, the position held). */
export async function people(db: Queryable, governmentId: string, agencyId: string, ids: string[], path: string) {
  const rows = await repo.employeesWithPositions(db, governmentId, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id, i) => {
    const p = byId.get(id);
    if (!p || p.agency_id !== agencyId) {
      throw invalidField(`${path}.${i}`, {
        id: 'Pegawai tidak ditemukan di perangkat daerah ini',
        en: 'The employee does not work in this agency',
      });
    }
    return {
      id,
      name: formatPersonName({ name: p.name, frontTitle: p.front_title, backTitle: p.back_title }),
      nip: p.nip,
      positionTitle: p.position_title,
    };
  });
}
