import {
  achievement,
  aggregateQuarters,
  categorize,
  type MonitoringCycle,
  type MonitoringLine,
  renstraPace,
} from '@sidakin/core';
import type { Database, Queryable, Tx } from '../../db/database.js';
import { AppError, invalidField, notFound } from '../../errors.js';
import { authorize } from '../../http/access.js';
import type { RequestContext } from '../../http/context.js';
import type { FileStore } from '../../storage/file-store.js';
import { recordAudit } from '../audit/audit.service.js';
import { getCase, startCaseTx } from '../cases/cases.service.js';
import { onCaseStart, onStepAction, type StepActionContext } from '../cases/step-actions.js';
import { unitsTheSopReaches } from '../collection/collection.cases.js';
import { storeSystemFile } from '../files/files.service.js';
import { loadInputs } from '../measurement/measurement.service.js';
import { methodOf } from '../measurement/settings.service.js';
import { formatWorkbook, monitoringReport, xlsxType } from './monitoring.documents.js';
import * as repo from './monitoring.repo.js';

// Periodic monitoring of a Renstra, run by its SOP (Kecamatan Masama's "Mekanisme Monitoring
// Renstra Secara Periodik"): the format goes to the units, the data comes back, it is analysed
// against the Renstra's targets (the year's and the end's), a concept report is made, the
// Sekretaris corrects it, and the final report goes out.

let store: FileStore | null = null;
/** The file store for the documents the steps produce (set when the routes are registered). */
export function useMonitoringFileStore(files: FileStore): void {
  store = files;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function present(c: repo.CycleRow): MonitoringCycle {
  return {
    id: c.id,
    agencyId: c.agency_id,
    agencyName: c.agency_name,
    planId: c.plan_id,
    planName: c.plan_name,
    year: c.year,
    status: c.status,
    analysis: (c.analysis as MonitoringLine[] | null) ?? null,
    analysedAt: iso(c.analysed_at),
    formatFileId: c.format_file_id,
    conceptFileId: c.concept_file_id,
    correction: c.correction,
    finalFileId: c.final_file_id,
    createdAt: iso(c.created_at)!,
    closedAt: iso(c.closed_at),
  };
}

const tgt = (v: string | null, lo: string | null, hi: string | null) =>
  v === null && lo === null && hi === null ? null : { value: v, low: lo, high: hi };

/**
 * Each Renstra indicator of the plan in the year: its actual (the agency's own agreement first,
 * else a unit's; the year by the indicator's rule), against the Renstra's target for the year and
 * against its end target; how far from the baseline toward the end; and whether that keeps pace
 * with the share of the Renstra's years gone by.
 */
export async function analyse(db: Queryable, governmentId: string, c: repo.CycleRow): Promise<MonitoringLine[]> {
  const [indicators, nodes, inputs, method] = await Promise.all([
    repo.renstraIndicators(db, c.plan_id, c.year),
    repo.nodesOf(db, c.plan_id),
    loadInputs(db, governmentId, c.year, c.agency_id),
    methodOf(db, governmentId),
  ]);
  const actualOf = new Map<string, string | null>();
  for (const a of [...inputs].sort((x, y) => (x.unitId === null ? -1 : 0) - (y.unitId === null ? -1 : 0))) {
    for (const ind of a.indicators) {
      if (actualOf.has(ind.id)) continue;
      actualOf.set(ind.id, aggregateQuarters(ind.quarterActuals, ind.aggregation).value);
    }
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const pathOf = (nodeId: string) => {
    const parts: string[] = [];
    let n = byId.get(nodeId);
    for (let guard = 0; n && guard < 10; guard++) {
      if (n.kind === 'goal' || n.kind === 'objective') parts.unshift(`${n.code} ${n.name}`.trim());
      n = n.parent_id ? byId.get(n.parent_id) : undefined;
    }
    return parts.join(' / ');
  };
  return indicators.map((i) => {
    const yearActual = actualOf.get(i.id) ?? null;
    const yearTarget = tgt(i.target_value, i.target_low, i.target_high);
    const endTarget = tgt(i.end_target_value, i.end_target_low, i.end_target_high);
    const rule = { direction: i.direction, lowerBetterFormula: i.lower_better_formula };
    const ach = achievement({ ...rule, target: yearTarget, actual: yearActual }).value;
    const { againstEnd, fromBaseline, expected, status } = renstraPace({
      ...rule,
      actual: yearActual,
      endTarget,
      baseline: i.baseline_value,
      startYear: c.start_year,
      endYear: c.end_year,
      year: c.year,
    });
    return {
      indicatorId: i.id,
      code: i.code,
      name: i.name,
      unitOfMeasure: i.unit_of_measure,
      path: pathOf(i.node_id),
      baseline: i.baseline_value,
      yearTarget,
      yearActual,
      achievement: ach,
      category: categorize(ach, method.scale)?.key ?? null,
      endTarget,
      againstEnd,
      fromBaseline,
      expected,
      status,
    };
  });
}

const startHint = {
  id: 'SOP monitoring Renstra dijalankan dari Renstra-nya: pilih Renstra dan tahun, lalu mulai SOP',
  en: 'A Renstra monitoring SOP is started from its Renstra: choose the plan and the year, then start the SOP',
};

export async function startMonitoring(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  input: { sopId: string; planId: string; year: number; subject?: string | undefined };
}) {
  authorize(opts.ctx.actor, 'cases.act', opts.governmentId);
  const caseId = await opts.db.transaction(async (tx) => {
    const plan = await repo.planOf(tx, opts.governmentId, opts.input.planId);
    if (!plan) throw invalidField('body.planId', { id: 'Renstra tidak ditemukan', en: 'Plan not found' });
    const { year } = opts.input;
    if (year < plan.start_year || year > plan.end_year) {
      throw invalidField('body.year', {
        id: `Tahun di luar periode Renstra (${plan.start_year}–${plan.end_year})`,
        en: `The year is outside the plan's period (${plan.start_year}–${plan.end_year})`,
      });
    }
    if (await repo.openCycleOf(tx, plan.id, year)) {
      throw new AppError('CONFLICT', {
        details: [
          {
            path: 'body.year',
            message: {
              id: `Monitoring Renstra tahun ${year} sedang berjalan`,
              en: `The ${year} monitoring of this plan is already under way`,
            },
          },
        ],
      });
    }
    const cycleId = await repo.insertCycle(tx, {
      governmentId: opts.governmentId,
      agencyId: plan.agency_id,
      planId: plan.id,
      year,
    });
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'monitoring_cycle.create',
      entityType: 'monitoring_cycle',
      entityId: cycleId,
      before: null,
      after: { planId: plan.id, year },
    });
    // The monitoring is about the whole agency: its units (those whose heads and staff the SOP's
    // unit lanes can reach) are all in scope.
    const units = await repo.unitsOfAgency(tx, plan.agency_id);
    const unitIds = await unitsTheSopReaches(tx, opts.governmentId, opts.input.sopId, units);
    return startCaseTx(
      tx,
      opts.ctx,
      opts.governmentId,
      {
        sopId: opts.input.sopId,
        unitIds,
        period: String(year),
        subject: opts.input.subject ?? `Monitoring ${plan.name} tahun ${year}`,
      },
      { kind: 'monitoring_cycle', id: cycleId },
    );
  });
  return getCase({ db: opts.db, ctx: opts.ctx, governmentId: opts.governmentId, id: caseId });
}

export async function listCycles(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  query: { planId?: string | undefined; year?: number | undefined };
}) {
  authorize(opts.ctx.actor, 'plans.read', opts.governmentId);
  return { items: (await repo.listCycles(opts.db, opts.governmentId, opts.query)).map(present) };
}

export async function getCycle(opts: { db: Database; ctx: RequestContext; governmentId: string; cycleId: string }) {
  authorize(opts.ctx.actor, 'plans.read', opts.governmentId);
  const c = await repo.getCycle(opts.db, opts.governmentId, opts.cycleId);
  if (!c) throw notFound();
  return present(c);
}

/** The report as it stands: the final one once the case has closed, the concept before. */
export async function cycleReport(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  cycleId: string;
  format: 'pdf' | 'xlsx';
}) {
  authorize(opts.ctx.actor, 'plans.read', opts.governmentId);
  const c = await repo.getCycle(opts.db, opts.governmentId, opts.cycleId);
  if (!c) throw notFound();
  const lines = (c.analysis as MonitoringLine[] | null) ?? (await analyse(opts.db, opts.governmentId, c));
  return monitoringReport(opts.db, c, lines, c.status === 'closed' ? 'final' : 'concept', opts.format);
}

// ── the steps ──

onCaseStart('monitoring', async ({ tx, governmentId, agencyId, link }) => {
  if (link?.kind !== 'monitoring_cycle') {
    throw new AppError('VALIDATION', { details: [{ path: 'body.sopId', message: startHint }] });
  }
  const c = await repo.getCycle(tx, governmentId, link.id);
  if (c?.agency_id !== agencyId) {
    throw new AppError('VALIDATION', {
      details: [
        {
          path: 'body.sopId',
          message: {
            id: 'SOP ini milik perangkat daerah lain daripada Renstra ini',
            en: "This SOP belongs to another agency than the plan's",
          },
        },
      ],
    });
  }
});

async function cycleOf(a: StepActionContext): Promise<repo.CycleRow> {
  if (a.link?.kind !== 'monitoring_cycle') {
    throw new AppError('VALIDATION', { details: [{ path: 'body', message: startHint }] });
  }
  const c = await repo.getCycle(a.tx, a.governmentId, a.link.id, true);
  if (!c) throw new AppError('NOT_FOUND');
  return c;
}

async function keep(tx: Tx, a: StepActionContext, doc: { bytes: Buffer; fileName: string; mediaType: string }) {
  if (!store) throw new Error('monitoring file store not set');
  return storeSystemFile(tx, store, {
    governmentId: a.governmentId,
    name: doc.fileName,
    mediaType: doc.mediaType,
    bytes: doc.bytes,
    userId: a.actor.userId,
  });
}

const output = (a: StepActionContext) => a.step.outputs[0] ?? '';

function needsAnalysis(c: repo.CycleRow): MonitoringLine[] {
  if (c.analysis) return c.analysis as MonitoringLine[];
  throw new AppError('SUBMISSION_STATE', {
    details: [
      {
        path: 'body',
        message: {
          id: 'Data monitoring belum dihimpun dan dianalisis',
          en: 'The monitoring data has not been collected and analysed yet',
        },
      },
    ],
  });
}

/** The closing step sends out the final report (with the correction) and closes the cycle. */
async function closeOn(a: StepActionContext, c: repo.CycleRow) {
  if (!a.closesCase) return undefined;
  const lines = needsAnalysis(c);
  const pdf = await keep(a.tx, a, await monitoringReport(a.tx, { ...c, status: 'closed' }, lines, 'final', 'pdf'));
  await repo.update(a.tx, c.id, { final_file_id: pdf.id, closed: true });
  return { attachments: [{ fileId: pdf.id, output: output(a) }], data: { cycleId: c.id, finalFileId: pdf.id } };
}

// The format for the units: the Renstra's indicators for the year, as a workbook.
onStepAction('monitoring', 'prepare-format', async (a) => {
  const c = await cycleOf(a);
  const lines = await analyse(a.tx, a.governmentId, c);
  const file = await keep(a.tx, a, {
    bytes: await formatWorkbook(c, lines),
    fileName: `Format Monitoring Renstra ${c.agency_name} ${c.year}.xlsx`,
    mediaType: xlsxType,
  });
  await repo.update(a.tx, c.id, { format_file_id: file.id });
  return { attachments: [{ fileId: file.id, output: output(a) }], data: { cycleId: c.id, formatFileId: file.id } };
});

// Collecting ("menghimpun") and analysing: the analysis of the data as it stands is kept.
for (const kind of ['recap', 'analyse']) {
  onStepAction('monitoring', kind, async (a) => {
    const c = await cycleOf(a);
    const lines = await analyse(a.tx, a.governmentId, c);
    await repo.update(a.tx, c.id, { analysis: lines });
    return (
      (await closeOn(a, { ...c, analysis: lines })) ?? {
        data: { cycleId: c.id, indicators: lines.length, behind: lines.filter((l) => l.status === 'behind').length },
      }
    );
  });
}

// The concept report (before the closing step): a PDF of the analysis.
onStepAction('monitoring', 'report', async (a) => {
  const c = await cycleOf(a);
  if (a.closesCase) return closeOn(a, c);
  const lines = needsAnalysis(c);
  const pdf = await keep(a.tx, a, await monitoringReport(a.tx, c, lines, 'concept', 'pdf'));
  await repo.update(a.tx, c.id, { concept_file_id: pdf.id });
  return { attachments: [{ fileId: pdf.id, output: output(a) }], data: { cycleId: c.id, conceptFileId: pdf.id } };
});

// A task after the concept ("mengkoreksi konsep laporan"): the correction, given as the reason or
// the comment of the step, is kept for the final report.
onStepAction('monitoring', 'task', async (a) => {
  const c = await cycleOf(a);
  if (c.concept_file_id) {
    const correction = (a.comment || a.reason || '').trim();
    await repo.update(a.tx, c.id, { correction });
    return (await closeOn(a, { ...c, correction })) ?? { data: { cycleId: c.id, correction } };
  }
  return closeOn(a, c);
});

for (const kind of ['instruct', 'distribute', 'meeting', 'archive', 'sign', 'review']) {
  onStepAction('monitoring', kind, async (a) => (a.closesCase ? closeOn(a, await cycleOf(a)) : undefined));
}
