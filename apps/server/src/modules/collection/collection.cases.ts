import { type SopDocument, unitScopedBinding } from '@sidakin/core';
import type { Database, Queryable } from '../../db/database.js';
import { AppError, invalidField, notFound } from '../../errors.js';
import { authorize } from '../../http/access.js';
import type { RequestContext } from '../../http/context.js';
import { effectiveVersion } from '../cases/cases.repo.js';
import { getCase, startCaseTx } from '../cases/cases.service.js';
import { positionsFor } from '../sops/lanes.repo.js';
import * as repo from './collection.repo.js';
import { answeringUnits } from './collection.service.js';

/**
 * Starts the collection SOP for a period: a case linked to the period, whose units are those
 * that answer for indicators in the period's year (or the ones named, among them).
 */
export async function startCollectionCase(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  periodId: string;
  input: { sopId: string; unitIds?: string[] | undefined; subject?: string | undefined };
}) {
  authorize(opts.ctx.actor, 'cases.act', opts.governmentId);
  const caseId = await opts.db.transaction(async (tx) => {
    const p = await repo.getPeriod(tx, opts.governmentId, opts.periodId, true);
    if (!p) throw notFound();
    if (p.status === 'locked') throw new AppError('PERIOD_LOCKED');
    const unitIds =
      opts.input.unitIds ??
      (await unitsTheSopReaches(tx, opts.governmentId, opts.input.sopId, await answeringUnits(tx, p)));
    if (unitIds.length === 0) {
      throw invalidField('body.unitIds', {
        id: `Belum ada unit dengan Perjanjian Kinerja ${p.year} yang memuat indikator`,
        en: `No unit has a ${p.year} performance agreement with indicators yet`,
      });
    }
    return startCaseTx(
      tx,
      opts.ctx,
      opts.governmentId,
      {
        sopId: opts.input.sopId,
        unitIds,
        period: `${p.year}-${p.period.toUpperCase()}`,
        subject: opts.input.subject ?? `Pengumpulan data kinerja ${p.label}`,
      },
      { kind: 'collection_period', id: p.id },
    );
  });
  return getCase({ db: opts.db, ctx: opts.ctx, governmentId: opts.governmentId, id: caseId });
}

/**
 * The answering units in which every lane of the SOP's per-unit steps has a position (a
 * Sekretariat without head or staff positions of its own cannot run "Kepala Bidang" steps); the
 * forms of the others are completed and approved through the form endpoints.
 */
export async function unitsTheSopReaches(
  db: Queryable,
  governmentId: string,
  sopId: string,
  units: string[],
): Promise<string[]> {
  const version = await effectiveVersion(db, governmentId, sopId);
  if (!version) return units;
  const doc = version.document as SopDocument;
  const bindings = [
    ...new Set(
      doc.steps
        .filter((s) => s.perUnit)
        .flatMap((s) => s.lanes.map((l) => doc.lanes[l]!.binding))
        .filter((b) => unitScopedBinding(b)),
    ),
  ];
  const out: string[] = [];
  for (const unitId of units) {
    let ok = true;
    for (const binding of bindings) {
      const positions = await positionsFor(db, { governmentId, agencyId: version.agency_id, binding, unitId });
      if (positions.length === 0) ok = false;
    }
    if (ok) out.push(unitId);
  }
  return out;
}
