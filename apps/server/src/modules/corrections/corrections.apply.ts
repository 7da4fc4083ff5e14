import type { Tx } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { RequestContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit.service.js';
import * as collectionRepo from '../collection/collection.repo.js';
import { applyCorrectionTx, notifyValuesChanged } from '../collection/collection.service.js';
import * as repo from './corrections.repo.js';

/**
 * Applies a correction's accepted items at its final signature, inside the signing transaction:
 * each becomes the next version of its value (source `correction`, with the case and the reason);
 * the versions before, and so the data as it stood before the review, stay readable; each period
 * touched tells its dependents once (measurement re-measures the year). Anything that fails — a
 * value that moved on since it was proposed, an item still returned — throws, and the transaction
 * undoes everything: the signature, the versions, the recomputation.
 */
export async function applyCorrectionItemsTx(
  tx: Tx,
  ctx: RequestContext,
  actor: { userId: string; displayName: string },
  correctionId: string,
  governmentId: string,
): Promise<{ applied: number; periods: string[] }> {
  const c = await repo.getCorrection(tx, governmentId, correctionId, true);
  if (!c) throw new AppError('NOT_FOUND');
  if (c.status !== 'open') {
    throw new AppError('CONFLICT', {
      details: [
        { path: 'body', message: { id: 'Perbaikan ini sudah diterapkan', en: 'This correction has been applied' } },
      ],
    });
  }
  const items = (await repo.itemsOf(tx, c.id)).filter((i) => i.status !== 'withdrawn');
  const pending = items.filter((i) => i.status === 'returned');
  if (pending.length > 0) {
    throw new AppError('SUBMISSION_STATE', {
      details: [
        {
          path: 'body',
          message: {
            id: `${pending.length} usulan masih dikembalikan untuk diperbaiki; perbaikan belum dapat diterapkan`,
            en: `${pending.length} items are still returned for rework; the correction cannot be applied yet`,
          },
        },
      ],
    });
  }
  const periods = new Map<string, collectionRepo.PeriodRow>();
  for (const [n, item] of items.entries()) {
    let period = periods.get(item.period_id);
    if (!period) {
      period = (await collectionRepo.getPeriod(tx, governmentId, item.period_id, true))!;
      periods.set(period.id, period);
    }
    const { valueId, version } = await applyCorrectionTx(tx, ctx, actor, {
      period,
      key: {
        indicatorId: item.indicator_id,
        individualIndicatorId: item.individual_indicator_id,
        unitId: item.unit_id,
      },
      baseVersion: item.base_version_no,
      actual: item.proposed_actual,
      budgetSpent: item.proposed_budget_spent ?? undefined,
      reason: `Perbaikan data kinerja kasus nomor ${c.case_number}: ${item.reason}`,
      caseId: c.case_id,
      path: `items.${n}`,
    });
    await repo.markItemApplied(tx, item.id, version, valueId);
    await repo.insertItemEvent(tx, {
      governmentId,
      itemId: item.id,
      taskId: null,
      stepNo: null,
      action: 'apply',
      revision: item.revision,
      reason: '',
      data: { valueId, version, actual: item.proposed_actual },
      userId: actor.userId,
      userName: actor.displayName,
      positionName: null,
    });
  }
  await repo.markApplied(tx, c.id, actor.userId);
  await recordAudit(tx, ctx, {
    governmentId,
    action: 'correction.apply',
    entityType: 'correction',
    entityId: c.id,
    before: { status: 'open' },
    after: { status: 'applied', items: items.map((i) => i.id), caseId: c.case_id },
  });
  for (const period of periods.values()) {
    await notifyValuesChanged(tx, ctx, period, `Perbaikan data kinerja kasus nomor ${c.case_number}`);
  }
  return { applied: items.length, periods: [...periods.keys()] };
}
