import type { Correction } from '@sidakin/core';
import type { Database } from '../../db/database.js';
import { AppError, assertFresh, invalidField, notFound } from '../../errors.js';
import { authorize } from '../../http/access.js';
import type { RequestContext } from '../../http/context.js';
import type { FileStore } from '../../storage/file-store.js';
import { recordAudit } from '../audit/audit.service.js';
import { storeSystemFile } from '../files/files.service.js';
import { renderInvitation } from './corrections.documents.js';
import * as repo from './corrections.repo.js';
import { actingTask, loadCorrection, people } from './corrections.service.js';

// The rapat of a meeting step: set up with its time, place, agenda and invitees (the invitation
// is produced then), then the attendance, the minutes and the decisions; completing the step
// needs them and produces the Notulen (corrections.steps.ts).

let store: FileStore | null = null;
/** The file store for the documents corrections produce (set when the routes are registered). */
export function useCorrectionFileStore(files: FileStore): void {
  store = files;
}
export function correctionFileStore(): FileStore {
  if (!store) throw new Error('correction file store not set');
  return store;
}

export async function createMeeting(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  correctionId: string;
  input: {
    taskId: string;
    startsAt: string;
    endsAt?: string | null | undefined;
    place: string;
    agenda: string;
    chairEmployeeId?: string | undefined;
    invitees: string[];
  };
}): Promise<Correction> {
  const actor = authorize(opts.ctx.actor, 'cases.act', opts.governmentId);
  const { input, governmentId } = opts;
  return opts.db.transaction(async (tx) => {
    const c = await repo.getCorrection(tx, governmentId, opts.correctionId, true);
    if (!c) throw notFound();
    const at = await actingTask(tx, actor, c, ['meeting'], input.taskId);
    if (await repo.meetingOfTask(tx, at.task.id)) {
      throw new AppError('CONFLICT', {
        details: [
          {
            path: 'body.taskId',
            message: {
              id: 'Rapat langkah ini sudah dibuat; ubah rapatnya',
              en: 'This step already has its meeting; edit it',
            },
          },
        ],
      });
    }
    if (input.endsAt && new Date(input.endsAt) < new Date(input.startsAt)) {
      throw invalidField('body.endsAt', {
        id: 'Waktu selesai harus sesudah waktu mulai',
        en: 'The end must come after the start',
      });
    }
    const chairId = input.chairEmployeeId ?? actor.employeeId;
    const ids = [...new Set([...(chairId ? [chairId] : []), ...input.invitees])];
    const invited = await people(tx, governmentId, c.agency_id, ids, 'body.invitees');
    const meetingId = await repo.insertMeeting(tx, {
      governmentId,
      correctionId: c.id,
      taskId: at.task.id,
      stepNo: at.task.step_no,
      startsAt: input.startsAt,
      endsAt: input.endsAt ?? null,
      place: input.place,
      agenda: input.agenda,
      chairEmployeeId: chairId ?? null,
      userId: actor.userId,
    });
    for (const [i, p] of invited.entries()) {
      await repo.addParticipant(tx, {
        governmentId,
        meetingId,
        employeeId: p.id,
        name: p.name,
        nip: p.nip,
        positionTitle: p.positionTitle,
        invited: true,
        present: null,
        sortOrder: i,
      });
    }
    const correction = await loadCorrection(tx, governmentId, c.id);
    const meeting = correction.meetings.find((m) => m.id === meetingId)!;
    const doc = await renderInvitation(tx, governmentId, correction, meeting);
    const file = await storeSystemFile(tx, correctionFileStore(), {
      governmentId,
      name: doc.fileName,
      mediaType: 'application/pdf',
      bytes: doc.bytes,
      userId: actor.userId,
    });
    await repo.setMeetingFiles(tx, meetingId, { invitation: file.id });
    await recordAudit(tx, opts.ctx, {
      governmentId,
      action: 'correction_meeting.create',
      entityType: 'correction_meeting',
      entityId: meetingId,
      after: {
        correctionId: c.id,
        taskId: at.task.id,
        stepNo: at.task.step_no,
        startsAt: input.startsAt,
        place: input.place,
        agenda: input.agenda,
        invitees: invited.map((p) => p.id),
        invitationFileId: file.id,
      },
    });
    return loadCorrection(tx, governmentId, c.id);
  });
}

export async function updateMeeting(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  correctionId: string;
  meetingId: string;
  input: {
    startsAt?: string | undefined;
    endsAt?: string | null | undefined;
    place?: string | undefined;
    agenda?: string | undefined;
    minutes?: string | undefined;
    decisions?: string | undefined;
    attendance?: { employeeId: string; present: boolean }[] | undefined;
    addParticipants?: string[] | undefined;
    expectedUpdatedAt: string;
  };
}): Promise<Correction> {
  const actor = authorize(opts.ctx.actor, 'cases.act', opts.governmentId);
  const { input, governmentId } = opts;
  return opts.db.transaction(async (tx) => {
    const c = await repo.getCorrection(tx, governmentId, opts.correctionId, true);
    if (!c) throw notFound();
    const m = await repo.getMeeting(tx, c.id, opts.meetingId, true);
    if (!m) throw notFound();
    await actingTask(tx, actor, c, ['meeting'], m.task_id);
    const next = {
      startsAt: input.startsAt ?? new Date(m.starts_at).toISOString(),
      endsAt: input.endsAt === undefined ? (m.ends_at ? new Date(m.ends_at).toISOString() : null) : input.endsAt,
      place: input.place ?? m.place,
      agenda: input.agenda ?? m.agenda,
      minutes: input.minutes ?? m.minutes,
      decisions: input.decisions ?? m.decisions,
    };
    if (next.endsAt && new Date(next.endsAt) < new Date(next.startsAt)) {
      throw invalidField('body.endsAt', {
        id: 'Waktu selesai harus sesudah waktu mulai',
        en: 'The end must come after the start',
      });
    }
    assertFresh(await repo.updateMeeting(tx, m.id, next, input.expectedUpdatedAt));
    const before = await repo.participantsOf(tx, [m.id]);
    if (input.addParticipants?.length) {
      const added = await people(tx, governmentId, c.agency_id, input.addParticipants, 'body.addParticipants');
      for (const [i, p] of added.entries()) {
        await repo.addParticipant(tx, {
          governmentId,
          meetingId: m.id,
          employeeId: p.id,
          name: p.name,
          nip: p.nip,
          positionTitle: p.positionTitle,
          invited: false,
          present: true,
          sortOrder: before.length + i,
        });
      }
    }
    for (const [i, a] of (input.attendance ?? []).entries()) {
      if (!(await repo.setPresence(tx, m.id, a.employeeId, a.present))) {
        throw invalidField(`body.attendance.${i}.employeeId`, {
          id: 'Orang ini bukan peserta rapat; tambahkan sebagai peserta',
          en: 'This person is not a participant; add them',
        });
      }
    }
    await recordAudit(tx, opts.ctx, {
      governmentId,
      action: 'correction_meeting.update',
      entityType: 'correction_meeting',
      entityId: m.id,
      before: {
        startsAt: new Date(m.starts_at).toISOString(),
        place: m.place,
        agenda: m.agenda,
        minutes: m.minutes,
        decisions: m.decisions,
        present: before.filter((p) => p.present).map((p) => p.employee_id),
      },
      after: {
        ...next,
        present: (await repo.participantsOf(tx, [m.id])).filter((p) => p.present).map((p) => p.employee_id),
      },
    });
    return loadCorrection(tx, governmentId, c.id);
  });
}
