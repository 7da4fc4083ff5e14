import type { MeasurementCycle } from '@sidakin/core';
import type { Database } from '../../db/database.js';
import { AppError, invalidField, notFound } from '../../errors.js';
import { authorize } from '../../http/access.js';
import type { RequestContext } from '../../http/context.js';
import type { FileStore } from '../../storage/file-store.js';
import { recordAudit } from '../audit/audit.service.js';
import { getCase, startCaseTx } from '../cases/cases.service.js';
import { onCaseStart, onStepAction, type StepActionContext } from '../cases/step-actions.js';
import { storeSystemFile } from '../files/files.service.js';
import * as repo from './cycles.repo.js';
import { type DocumentKind, measurementDocumentFile } from './measurement.documents.js';
import { loadInputs } from './measurement.service.js';
import { createRunTx } from './runs.service.js';

// The measurement SOP (e.g. Disdagtrans Pesisir Selatan's "Pengukuran Data Kinerja") runs a
// measurement cycle: its `measure` step measures the year and keeps the run; a review "ya"
// approves the run the cycle holds, "tidak" sends it back to be measured again (a new run); the
// step that closes the case needs an approved run and closes the cycle.

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

let store: FileStore | null = null;
/** The file store for the documents the steps produce (set when the routes are registered). */
export function useMeasurementFileStore(files: FileStore): void {
  store = files;
}

/** A document of the cycle's run, kept as the step's output. */
async function runDocument(a: StepActionContext, runId: string, kind: DocumentKind, format: 'pdf' | 'xlsx') {
  if (!store) throw new Error('measurement file store not set');
  const doc = await measurementDocumentFile({
    db: a.tx,
    ctx: a.ctx,
    governmentId: a.governmentId,
    runId,
    kind,
    format,
  });
  const file = await storeSystemFile(a.tx, store, {
    governmentId: a.governmentId,
    name: doc.fileName,
    mediaType: doc.mediaType,
    bytes: doc.bytes,
    userId: a.actor.userId,
  });
  return [{ fileId: file.id, output: a.step.outputs[0] ?? '' }];
}

function present(c: repo.CycleRow): MeasurementCycle {
  return {
    id: c.id,
    agencyId: c.agency_id,
    agencyName: c.agency_name,
    year: c.year,
    status: c.status,
    runId: c.run_id,
    approvedRunId: c.approved_run_id,
    approvedAt: iso(c.approved_at),
    closedAt: iso(c.closed_at),
    createdAt: iso(c.created_at)!,
  };
}

const startHint = {
  id: 'SOP pengukuran dijalankan dari Pengukuran Kinerja: pilih perangkat daerah dan tahun, lalu mulai SOP',
  en: 'A measurement SOP is started from Performance Measurement: choose the agency and the year, then start the SOP',
};

/** Starts the measurement SOP for an agency's year: a cycle, and the case that runs it. */
export async function startMeasurement(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  input: { sopId: string; agencyId: string; year: number; subject?: string | undefined };
}) {
  authorize(opts.ctx.actor, 'cases.act', opts.governmentId);
  const caseId = await opts.db.transaction(async (tx) => {
    const { agencyId, year } = opts.input;
    const agency = await tx.query<{ name: string }>('SELECT name FROM agencies WHERE government_id = $1 AND id = $2', [
      opts.governmentId,
      agencyId,
    ]);
    if (!agency[0])
      throw invalidField('body.agencyId', { id: 'Perangkat daerah tidak ditemukan', en: 'Agency not found' });
    if (await repo.openCycleOf(tx, agencyId, year)) {
      throw new AppError('CONFLICT', {
        details: [
          {
            path: 'body.year',
            message: {
              id: `Pengukuran kinerja ${year} perangkat daerah ini sedang berjalan`,
              en: `This agency's ${year} measurement is already under way`,
            },
          },
        ],
      });
    }
    if ((await loadInputs(tx, opts.governmentId, year, agencyId)).length === 0) {
      throw invalidField('body.year', {
        id: `Perangkat daerah ini belum memiliki Perjanjian Kinerja tahun ${year} yang dapat diukur`,
        en: `This agency has no performance agreement for ${year} to measure`,
      });
    }
    const cycleId = await repo.insertCycle(tx, opts.governmentId, agencyId, year);
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'measurement_cycle.create',
      entityType: 'measurement_cycle',
      entityId: cycleId,
      before: null,
      after: { agencyId, year },
    });
    return startCaseTx(
      tx,
      opts.ctx,
      opts.governmentId,
      {
        sopId: opts.input.sopId,
        unitIds: [],
        period: String(year),
        subject: opts.input.subject ?? `Pengukuran kinerja ${agency[0].name} tahun ${year}`,
      },
      { kind: 'measurement_cycle', id: cycleId },
    );
  });
  return getCase({ db: opts.db, ctx: opts.ctx, governmentId: opts.governmentId, id: caseId });
}

export async function listCycles(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  query: { agencyId?: string | undefined; year?: number | undefined };
}) {
  authorize(opts.ctx.actor, 'measurement.read', opts.governmentId);
  return { items: (await repo.listCycles(opts.db, opts.governmentId, opts.query)).map(present) };
}

export async function getCycle(opts: { db: Database; ctx: RequestContext; governmentId: string; cycleId: string }) {
  authorize(opts.ctx.actor, 'measurement.read', opts.governmentId);
  const c = await repo.getCycle(opts.db, opts.governmentId, opts.cycleId);
  if (!c) throw notFound();
  return present(c);
}

// ── the steps ──

onCaseStart('measurement', async ({ tx, governmentId, agencyId, link }) => {
  if (link?.kind !== 'measurement_cycle') {
    throw new AppError('VALIDATION', { details: [{ path: 'body.sopId', message: startHint }] });
  }
  const c = await repo.getCycle(tx, governmentId, link.id);
  if (c?.agency_id !== agencyId) {
    throw new AppError('VALIDATION', {
      details: [
        {
          path: 'body.sopId',
          message: {
            id: 'SOP ini milik perangkat daerah lain daripada pengukuran ini',
            en: "This SOP belongs to another agency than the measurement's",
          },
        },
      ],
    });
  }
});

async function cycleOf(a: StepActionContext): Promise<repo.CycleRow> {
  if (a.link?.kind !== 'measurement_cycle') {
    throw new AppError('VALIDATION', { details: [{ path: 'body', message: startHint }] });
  }
  const c = await repo.getCycle(a.tx, a.governmentId, a.link.id, true);
  if (!c) throw new AppError('NOT_FOUND');
  return c;
}

/** On the step that closes the case: the cycle needs an approved run; then it is closed. */
async function closeOn(a: StepActionContext, c: repo.CycleRow) {
  if (!a.closesCase) return undefined;
  if (!c.approved_run_id) {
    throw new AppError('SUBMISSION_STATE', {
      details: [
        {
          path: 'body',
          message: {
            id: 'Hasil pengukuran belum disetujui; pengukuran belum dapat ditutup',
            en: 'The measurement results are not approved; the measurement cannot be closed yet',
          },
        },
      ],
    });
  }
  await repo.close(a.tx, c.id);
  return { data: { cycleId: c.id, closed: true, approvedRunId: c.approved_run_id } };
}

// Measuring: the year is measured from the data as it stands and kept as a run of the case.
onStepAction('measurement', 'measure', async (a) => {
  const c = await cycleOf(a);
  const runId = await createRunTx(a.tx, a.ctx, a.actor, {
    governmentId: a.governmentId,
    agencyId: c.agency_id,
    year: c.year,
    trigger: 'case_step',
    reason: `Langkah ${a.step.no}: ${a.step.text}`.slice(0, 500),
    caseId: a.caseId,
  });
  await repo.setRun(a.tx, c.id, runId!);
  // The Kertas Kerja Pengukuran Kinerja of the run is the step's output.
  const attachments = await runDocument(a, runId!, 'kertas-kerja', 'pdf');
  return (await closeOn(a, c)) ?? { attachments, data: { cycleId: c.id, runId } };
});

/** Steps after the measuring one need its run (a recap of nothing is refused). */
function needsRun(c: repo.CycleRow) {
  if (c.run_id) return;
  throw new AppError('SUBMISSION_STATE', {
    details: [
      {
        path: 'body',
        message: {
          id: 'Belum ada hasil pengukuran: selesaikan langkah pengukuran terlebih dahulu',
          en: 'Nothing has been measured yet: complete the measuring step first',
        },
      },
    ],
  });
}

// A review: "ya" approves the run the cycle holds; "tidak" routes back (the engine) to measure again.
onStepAction('measurement', 'review', async (a) => {
  const c = await cycleOf(a);
  needsRun(c);
  if (a.outcome === 'tidak') return { data: { cycleId: c.id, returnedRunId: c.run_id } };
  await repo.approve(a.tx, c.id, c.run_id!);
  await recordAudit(a.tx, a.ctx, {
    governmentId: a.governmentId,
    action: 'measurement_cycle.approve',
    entityType: 'measurement_cycle',
    entityId: c.id,
    before: { status: c.status },
    after: { status: 'approved', approvedRunId: c.run_id, caseId: a.caseId },
  });
  const after = { ...c, approved_run_id: c.run_id };
  // The approved Laporan Hasil Pengukuran Kinerja is the review's output.
  const attachments = await runDocument(a, c.run_id!, 'laporan', 'pdf');
  return (await closeOn(a, after)) ?? { attachments, data: { cycleId: c.id, approvedRunId: c.run_id } };
});

for (const kind of ['recap', 'report', 'analyse']) {
  onStepAction('measurement', kind, async (a) => {
    const c = await cycleOf(a);
    const measureIndex = a.doc.steps.findIndex((s) => s.action === 'measure');
    const here = a.doc.steps.findIndex((s) => s.no === a.step.no);
    if (measureIndex >= 0 && here > measureIndex) needsRun(c);
    // After measuring: the recap gives the Rekapitulasi (Excel), a report the draft Laporan (PDF).
    const attachments =
      c.run_id && here > measureIndex && kind !== 'analyse'
        ? await runDocument(
            a,
            c.run_id,
            kind === 'recap' ? 'rekapitulasi' : 'laporan',
            kind === 'recap' ? 'xlsx' : 'pdf',
          )
        : [];
    return (await closeOn(a, c)) ?? { attachments, data: { cycleId: c.id, runId: c.run_id } };
  });
}
for (const kind of ['archive', 'sign', 'task', 'instruct', 'meeting', 'prepare-format', 'distribute']) {
  onStepAction('measurement', kind, async (a) => {
    if (!a.closesCase) return undefined;
    return closeOn(a, await cycleOf(a));
  });
}
