import type { Database } from '../../db/database.js';
import { notFound } from '../../errors.js';
import { authorize } from '../../http/access.js';
import type { RequestContext } from '../../http/context.js';
import { collectionReport } from './collection.documents.js';
import * as repo from './collection.repo.js';

/** The period's report as a file to download (PDF in the letterhead, or the Excel recap). */
export async function collectionReportFile(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  periodId: string;
  format: 'pdf' | 'xlsx';
}) {
  authorize(opts.ctx.actor, 'collection.read', opts.governmentId);
  const p = await repo.getPeriod(opts.db, opts.governmentId, opts.periodId);
  if (!p) throw notFound();
  return collectionReport(opts.db, p, opts.ctx, opts.format);
}
