import type { SopDocument } from '@sidakin/core';
import { AppError } from '../../errors.js';
import type { FileStore } from '../../storage/file-store.js';
import { onCaseStart, onStepAction, type StepActionContext, type StepActionResult } from '../cases/step-actions.js';
import { storeSystemFile } from '../files/files.service.js';
import { recapLines, recapWorkbook } from './collection.documents.js';
import * as repo from './collection.repo.js';
import { answeringUnits, approveFormTx, completeFormTx, lockPeriodTx, returnFormTx } from './collection.service.js';

/**
 * What the steps of a collection SOP mean (see README.md): the entry step completes each unit's
 * form; a check after it approves; a review "tidak" returns units for re-entry; a recap produces
 * the recap workbook; the step that closes the case locks the period.
 */
let store: FileStore | null = null;

/** The file store for the documents the steps produce (set when the app is built). */
export function useCollectionFileStore(files: FileStore): void {
  store = files;
}

const startHint = {
  id: 'SOP pengumpulan data dijalankan dari periode pengumpulannya: buka Pengumpulan Data, pilih periode, lalu mulai SOP',
  en: 'A collection SOP is started from its collection period: open Data Collection, choose the period, then start the SOP',
};

onCaseStart('collection', async ({ tx, governmentId, agencyId, unitIds, link }) => {
  if (link?.kind !== 'collection_period') {
    throw new AppError('VALIDATION', { details: [{ path: 'body.sopId', message: startHint }] });
  }
  const period = await repo.getPeriod(tx, governmentId, link.id);
  if (!period || period.agency_id !== agencyId) {
    throw new AppError('VALIDATION', {
      details: [
        {
          path: 'body.sopId',
          message: {
            id: 'SOP ini milik perangkat daerah lain daripada periode pengumpulan',
            en: "This SOP belongs to another agency than the collection period's",
          },
        },
      ],
    });
  }
  if (period.status === 'locked') throw new AppError('PERIOD_LOCKED');
  const answering = new Set(await answeringUnits(tx, period));
  const bad = unitIds.findIndex((u) => !answering.has(u));
  if (bad >= 0) {
    throw new AppError('VALIDATION', {
      details: [
        {
          path: `body.unitIds.${bad}`,
          message: {
            id: 'Unit ini tidak memiliki Perjanjian Kinerja dengan indikator pada tahun periode ini',
            en: 'This unit has no performance agreement with indicators in the period’s year',
          },
        },
      ],
    });
  }
});

async function periodOf(a: StepActionContext): Promise<repo.PeriodRow> {
  if (a.link?.kind !== 'collection_period') {
    throw new AppError('VALIDATION', { details: [{ path: 'body', message: startHint }] });
  }
  const p = await repo.getPeriod(a.tx, a.governmentId, a.link.id, true);
  if (!p) throw new AppError('NOT_FOUND');
  return p;
}

const unitsOf = (a: StepActionContext) => (a.task.unitId ? [a.task.unitId] : a.caseUnits);

function entryIndex(doc: SopDocument): number {
  return doc.steps.findIndex((s) => s.action === 'enter-data');
}

/** On the step that closes the case: every unit in scope approved, then the period is locked. */
async function lockOnClose(a: StepActionContext, result: StepActionResult = {}): Promise<StepActionResult> {
  if (!a.closesCase) return result;
  const p = await periodOf(a);
  if (p.status === 'locked') return result;
  const subs = await repo.submissionsOf(a.tx, p.id);
  const pending = a.caseUnits.filter((u) => subs.find((s) => s.unit_id === u)?.status !== 'approved');
  if (pending.length) {
    const units = await repo.unitsOfAgency(a.tx, p.agency_id);
    throw new AppError('SUBMISSION_STATE', {
      details: pending.map((u) => ({
        path: 'body',
        message: {
          id: `Data ${units.find((x) => x.id === u)?.name ?? u} belum disetujui; periode belum dapat dikunci`,
          en: `The data of ${units.find((x) => x.id === u)?.name ?? u} is not approved; the period cannot be locked yet`,
        },
      })),
    });
  }
  await lockPeriodTx(a.tx, a.ctx, p, a.actor.userId, a.caseId);
  return { ...result, data: { ...result.data, locked: p.id } };
}

async function approveUnits(a: StepActionContext, p: repo.PeriodRow, units: string[]): Promise<string[]> {
  const subs = await repo.submissionsOf(a.tx, p.id);
  const approved: string[] = [];
  for (const u of units) {
    if (subs.find((s) => s.unit_id === u)?.status === 'approved') continue;
    await approveFormTx(a.tx, a.ctx, a.actor, p, u, a.caseId);
    approved.push(u);
  }
  return approved;
}

// The entry step: each unit's form must be completed (or is completed now, refused while errors remain).
onStepAction('collection', 'enter-data', async (a) => {
  const p = await periodOf(a);
  const subs = await repo.submissionsOf(a.tx, p.id);
  const completed: string[] = [];
  for (const u of unitsOf(a)) {
    const s = subs.find((x) => x.unit_id === u);
    if (s?.status === 'completed' || s?.status === 'approved') continue;
    await completeFormTx(a.tx, a.ctx, a.actor, p, u, a.caseId);
    completed.push(u);
  }
  return lockOnClose(a, { data: { periodId: p.id, completed } });
});

// A plain task after the entry step is the check of the entered data (the Kepala Bidang's
// "mengecek", the Sekretaris's "memvalidasi"): completing it approves the units it covers.
onStepAction('collection', 'task', async (a) => {
  const entry = entryIndex(a.doc);
  const here = a.doc.steps.findIndex((s) => s.no === a.step.no);
  if (entry < 0 || here <= entry) return lockOnClose(a);
  const p = await periodOf(a);
  const approved = await approveUnits(a, p, unitsOf(a));
  return lockOnClose(a, { data: { periodId: p.id, approved } });
});

// A review: "ya" approves the units it covers; "tidak" returns them (or the units named) for re-entry.
onStepAction('collection', 'review', async (a) => {
  const p = await periodOf(a);
  if (a.outcome === 'tidak') {
    const units = a.task.unitId ? [a.task.unitId] : (a.returnUnits ?? a.caseUnits);
    const subs = await repo.submissionsOf(a.tx, p.id);
    const returned: string[] = [];
    for (const u of units) {
      const s = subs.find((x) => x.unit_id === u);
      if (s?.status !== 'completed' && s?.status !== 'approved') continue;
      await returnFormTx(a.tx, a.ctx, a.actor, p, u, { reason: a.reason ?? '' }, a.caseId);
      returned.push(u);
    }
    return { data: { periodId: p.id, returned } };
  }
  const approved = await approveUnits(a, p, unitsOf(a));
  return lockOnClose(a, { data: { periodId: p.id, approved } });
});

// The recap: the recap workbook of the units in scope becomes the step's output.
onStepAction('collection', 'recap', async (a) => {
  const p = await periodOf(a);
  if (!store) throw new Error('collection file store not set');
  const lines = await recapLines(a.tx, p, a.ctx);
  const bytes = await recapWorkbook(p, lines);
  const file = await storeSystemFile(a.tx, store, {
    governmentId: a.governmentId,
    name: `Rekapitulasi Data Kinerja ${p.agency_name} ${p.label}.xlsx`,
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes,
    userId: a.actor.userId,
  });
  return lockOnClose(a, {
    attachments: [{ fileId: file.id, output: a.step.outputs[0] ?? '' }],
    data: { periodId: p.id, recap: file.id },
  });
});

for (const kind of ['report', 'archive', 'sign', 'initial', 'analyse']) {
  onStepAction('collection', kind, async (a) => lockOnClose(a));
}
