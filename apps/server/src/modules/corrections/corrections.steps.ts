import { formatPersonName } from '@sidakin/core';
import type { Tx } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit.service.js';
import { onCaseStart, onStepAction, type StepActionContext, type StepActionResult } from '../cases/step-actions.js';
import { storeSystemFile } from '../files/files.service.js';
import { renderConcept, renderMinutes } from './corrections.documents.js';
import { correctionFileStore } from './corrections.meetings.js';
import * as repo from './corrections.repo.js';
import { loadCorrection } from './corrections.service.js';

// The meaning of a correction SOP's steps (every seed: Banggai's Dinas Perdagangan and Kecamatan
// Masama, Sidoarjo's Disperindag, Kalimantan Barat's Biro Organisasi):
//
// | step kind        | completing it needs / does                                                        |
// | correct-data     | at least one item, none still returned to be reworked                            |
// | meeting          | the rapat with its minutes and who came; the Notulen (and the invitation) as output; |
// |                  | once items exist, each approved (perhaps amended) or withdrawn in it: the final data |
// | review           | ya: every item approved in this task; tidak: at least one returned with a reason  |
// | recap, report    | the concept of the Dokumen Perbaikan as output                                    |
// | initial          | records the paraf                                                                 |
// | sign             | the document signed by every signer (the last signature applied the items)        |
// | archive          | an applied correction                                                             |
//
// A step marked `paraf` records the person's paraf on completing it (at a review: on "ya"); a step
// marked `signature` (Kalimantan Barat's Karo) needs the signed document on "ya". The step that
// closes the case needs the correction applied, and closes it.

const hint = {
  id: 'SOP perbaikan data kinerja dijalankan dari data yang terkunci: pilih periode dan mulai perbaikan',
  en: 'A correction SOP is started from locked data: choose the periods and start a correction',
};

function refuse(id: string, en: string): never {
  throw new AppError('SUBMISSION_STATE', { details: [{ path: 'body', message: { id, en } }] });
}

onCaseStart('correction', async ({ link }) => {
  if (link?.kind !== 'correction')
    throw new AppError('VALIDATION', { details: [{ path: 'body.sopId', message: hint }] });
});

async function correctionOf(a: StepActionContext): Promise<repo.CorrectionRow> {
  if (a.link?.kind !== 'correction') throw new AppError('VALIDATION', { details: [{ path: 'body', message: hint }] });
  const c = await repo.getCorrection(a.tx, a.governmentId, a.link.id, true);
  if (!c) throw new AppError('NOT_FOUND');
  return c;
}

/** Records the paraf of the person acting in a task, in the position they act in (once per task). */
export async function parafTx(
  tx: Tx,
  ctx: RequestContext,
  actor: Actor,
  a: {
    governmentId: string;
    correction: repo.CorrectionRow;
    task: { id: string; step_no?: number; stepNo?: number };
    position: { id: string; name: string };
  },
): Promise<string> {
  const stepNo = a.task.stepNo ?? a.task.step_no!;
  const existing = (await repo.parafsOf(tx, a.correction.id)).find((p) => p.task_id === a.task.id);
  if (existing) return existing.id;
  const person = actor.employeeId
    ? (await repo.employeesWithPositions(tx, a.governmentId, [actor.employeeId]))[0]
    : undefined;
  const acting = actor.employeeId ? await repo.actingIn(tx, actor.employeeId, a.position.id) : 'definitive';
  const id = await repo.insertParaf(tx, {
    governmentId: a.governmentId,
    correctionId: a.correction.id,
    taskId: a.task.id,
    stepNo,
    userId: actor.userId,
    employeeId: actor.employeeId,
    name: person
      ? formatPersonName({ name: person.name, frontTitle: person.front_title, backTitle: person.back_title })
      : actor.displayName,
    nip: person?.nip ?? '',
    positionId: a.position.id,
    positionTitle: a.position.name,
    acting,
  });
  await recordAudit(tx, ctx, {
    governmentId: a.governmentId,
    action: 'correction.paraf',
    entityType: 'correction',
    entityId: a.correction.id,
    after: { parafId: id, taskId: a.task.id, stepNo, positionId: a.position.id, acting },
  });
  return id;
}

const recordParaf = (a: StepActionContext, c: repo.CorrectionRow) =>
  parafTx(a.tx, a.ctx, a.actor, { governmentId: a.governmentId, correction: c, task: a.task, position: a.position });

const live = (items: repo.ItemRow[]) => items.filter((i) => i.status !== 'withdrawn');

/** On the step that closes the case: the correction must have been applied; then it is closed. */
async function closeOn(a: StepActionContext, c: repo.CorrectionRow): Promise<void> {
  if (!a.closesCase) return;
  const now = await repo.getCorrection(a.tx, a.governmentId, c.id);
  if (now?.status !== 'applied') {
    refuse(
      'Perbaikan belum ditandatangani dan diterapkan; kasus belum dapat ditutup',
      'The correction is not signed and applied yet; the case cannot close',
    );
  }
  await repo.markClosed(a.tx, c.id);
  await recordAudit(a.tx, a.ctx, {
    governmentId: a.governmentId,
    action: 'correction.close',
    entityType: 'correction',
    entityId: c.id,
    before: { status: 'applied' },
    after: { status: 'closed', caseId: c.case_id },
  });
}

async function keepPdf(a: StepActionContext, doc: { bytes: Buffer; fileName: string }) {
  return storeSystemFile(a.tx, correctionFileStore(), {
    governmentId: a.governmentId,
    name: doc.fileName,
    mediaType: 'application/pdf',
    bytes: doc.bytes,
    userId: a.actor.userId,
  });
}

/** Signatures the signing part checks on a sign step (set when signing is wired). */
export type SignedCheck = (a: StepActionContext, c: repo.CorrectionRow) => Promise<void>;
let signedCheck: SignedCheck = async (_a, c) => {
  if (c.status === 'open') {
    refuse('Dokumen Perbaikan Data Kinerja belum ditandatangani', 'The correction document has not been signed yet');
  }
};
export function checkSignedWith(check: SignedCheck): void {
  signedCheck = check;
}
/** What happens to a prepared document when a review sends the correction back (set by the signing part). */
export type ReturnedHook = (a: StepActionContext, c: repo.CorrectionRow) => Promise<void>;
let onReturned: ReturnedHook = async () => {};
export function onCorrectionReturned(hook: ReturnedHook): void {
  onReturned = hook;
}

async function finish(a: StepActionContext, c: repo.CorrectionRow, result: StepActionResult = {}) {
  if (a.step.paraf && a.outcome !== 'tidak') {
    const id = await recordParaf(a, c);
    result.data = { ...result.data, parafId: id };
  }
  await closeOn(a, c);
  return { ...result, data: { correctionId: c.id, ...result.data } };
}

onStepAction('correction', 'correct-data', async (a) => {
  const c = await correctionOf(a);
  const items = live(await repo.itemsOf(a.tx, c.id));
  if (c.status === 'open') {
    if (items.length === 0) {
      refuse(
        'Belum ada usulan perbaikan data: usulkan nilai yang diperbaiki beserta alasan dan bukti dukungnya',
        'No correction is proposed yet: propose the corrected values with their reasons and evidence',
      );
    }
    const returned = items.filter((i) => i.status === 'returned');
    if (returned.length > 0) {
      refuse(
        `${returned.length} usulan yang dikembalikan belum diperbaiki atau ditarik`,
        `${returned.length} returned items have not been revised or withdrawn`,
      );
    }
  }
  return finish(a, c, { data: { items: items.length } });
});

onStepAction('correction', 'review', async (a) => {
  const c = await correctionOf(a);
  const items = live(await repo.itemsOf(a.tx, c.id));
  if (a.outcome === 'tidak') {
    const returned = items.filter((i) => i.status === 'returned' && i.decided_task_id === a.task.id);
    if (returned.length === 0) {
      refuse(
        'Kembalikan sedikitnya satu usulan beserta alasannya sebelum menjawab "tidak"',
        'Return at least one item with its reason before answering "no"',
      );
    }
    await onReturned(a, c);
    return finish(a, c, { data: { returned: returned.map((i) => i.id) } });
  }
  if (c.status === 'open') {
    const undecided = items.filter((i) => !(i.status === 'approved' && i.decided_task_id === a.task.id));
    if (items.length === 0 || undecided.length > 0) {
      refuse(
        `${undecided.length || 'Semua'} usulan belum disetujui pada langkah ini; setujui atau kembalikan setiap usulan`,
        `${undecided.length || 'All'} items are not approved at this step; approve or return each item`,
      );
    }
  }
  if (a.step.signature) await signedCheck(a, (await repo.getCorrection(a.tx, a.governmentId, c.id))!);
  return finish(a, c, { data: { approved: items.map((i) => i.id) } });
});

onStepAction('correction', 'meeting', async (a) => {
  const c = await correctionOf(a);
  const m = await repo.meetingOfTask(a.tx, a.task.id);
  if (!m) {
    refuse(
      'Rapat langkah ini belum dicatat: buat undangan rapat, lalu catat kehadiran dan notulennya',
      "This step's meeting is not recorded: set it up, then record who came and the minutes",
    );
  }
  const people = await repo.participantsOf(a.tx, [m.id]);
  if (!people.some((p) => p.present)) {
    refuse('Catat siapa yang hadir dalam rapat', 'Record who attended the meeting');
  }
  if (!m.minutes.trim() || !m.decisions.trim()) {
    refuse('Catat pembahasan dan keputusan rapat', "Record the meeting's discussion and decisions");
  }
  // A rapat held once items exist fixes the final data: each item approved (as proposed or as the
  // meeting amended it) or withdrawn.
  const undecided = live(await repo.itemsOf(a.tx, c.id)).filter(
    (i) => !(i.status === 'approved' && i.decided_task_id === a.task.id),
  );
  if (c.status === 'open' && undecided.length > 0) {
    refuse(
      `Rapat menetapkan data final: ${undecided.length} usulan belum disetujui, diubah atau ditarik dalam rapat`,
      `The meeting fixes the final data: ${undecided.length} items are not yet approved, amended or withdrawn in it`,
    );
  }
  const correction = await loadCorrection(a.tx, a.governmentId, c.id);
  const doc = await renderMinutes(a.tx, a.governmentId, correction, correction.meetings.find((x) => x.id === m.id)!);
  const file = await keepPdf(a, doc);
  await repo.setMeetingFiles(a.tx, m.id, { minutes: file.id });
  const attachments = [
    ...(m.invitation_file_id ? [{ fileId: m.invitation_file_id, output: '' }] : []),
    { fileId: file.id, output: a.step.outputs[0] ?? '' },
  ];
  return finish(a, c, { attachments, data: { meetingId: m.id, minutesFileId: file.id } });
});

for (const kind of ['recap', 'report']) {
  onStepAction('correction', kind, async (a) => {
    const c = await correctionOf(a);
    const correction = await loadCorrection(a.tx, a.governmentId, c.id);
    if (c.status === 'open' && correction.items.every((i) => i.status === 'withdrawn')) {
      refuse('Tidak ada usulan perbaikan untuk direkapitulasi', 'There are no proposed corrections to recap');
    }
    const file = await keepPdf(a, await renderConcept(a.tx, correction, a.governmentId));
    return finish(a, c, {
      attachments: [{ fileId: file.id, output: a.step.outputs[0] ?? '' }],
      data: { conceptFileId: file.id },
    });
  });
}

onStepAction('correction', 'initial', async (a) => {
  const c = await correctionOf(a);
  const id = await recordParaf(a, c);
  await closeOn(a, c);
  return { data: { correctionId: c.id, parafId: id } };
});

onStepAction('correction', 'sign', async (a) => {
  const c = await correctionOf(a);
  await signedCheck(a, c);
  await closeOn(a, c);
  return { data: { correctionId: c.id, documentId: c.document_id } };
});

onStepAction('correction', 'archive', async (a) => {
  const c = await correctionOf(a);
  const now = (await repo.getCorrection(a.tx, a.governmentId, c.id))!;
  if (now.status === 'open') {
    refuse('Perbaikan belum ditandatangani dan diterapkan', 'The correction is not signed and applied yet');
  }
  return finish(a, now);
});

for (const kind of ['instruct', 'task', 'distribute', 'prepare-format', 'enter-data', 'analyse', 'measure']) {
  onStepAction('correction', kind, async (a) => finish(a, await correctionOf(a)));
}
