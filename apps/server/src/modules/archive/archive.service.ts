import {
  type ArchiveEntry,
  type ArchiveListQuery,
  caseKindLabels,
  type Page,
  retainUntil,
  retentionClasses,
  retentionOf,
} from '@sidakin/core';
import type { Database, Tx } from '../../db/database.js';
import { authorize } from '../../http/access.js';
import { type RequestContext, systemContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit.service.js';
import { onCaseClosed } from '../cases/step-actions.js';
import { governmentToday } from '../numbering/numbering.repo.js';
import { onAnyDocumentSigned } from '../signatures/signed-documents.service.js';
import * as repo from './archive.repo.js';

const iso = (d: Date | string) => new Date(d).toISOString();

function present(r: repo.EntryRow, locale: 'id' | 'en'): ArchiveEntry {
  const cls = retentionClasses[r.retention_class as keyof typeof retentionClasses];
  return {
    id: r.id,
    source: r.source,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    kind: r.kind,
    kindLabel: r.kind_label,
    number: r.number,
    title: r.title,
    year: r.year,
    period: r.period,
    documentDate: r.document_date,
    retentionClass: r.retention_class,
    retentionLabel: cls ? cls.label[locale] : r.retention_class,
    retainUntil: r.retain_until,
    signedDocumentId: r.signed_document_id,
    verificationCode: r.verification_code,
    caseId: r.case_id,
    caseNumber: r.case_number,
    fileId: r.file_id,
    archivedAt: iso(r.archived_at),
    archivedByName: r.archived_by_name,
  };
}

/** The year a case's free period text names (e.g. `2025-T3`, `TW III 2025`), if any. */
function yearIn(text: string | undefined | null): number | null {
  const m = /(?:^|\D)(20\d\d)(?:\D|$)/.exec(text ?? '');
  return m ? Number(m[1]) : null;
}

const words = (...parts: (string | number | null | undefined)[]) =>
  parts
    .filter((p) => p !== null && p !== undefined && p !== '')
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Files a signed document in the archive, inside the transaction of its last signature. */
export async function archiveSignedDocumentTx(
  tx: Tx,
  ctx: RequestContext,
  input: { governmentId: string; documentId: string; archivedBy?: { userId: string | null; name: string } },
): Promise<string | null> {
  const { governmentId, documentId } = input;
  const by = input.archivedBy ?? { userId: ctx.actor?.userId ?? null, name: ctx.actor?.displayName ?? '' };
  if (await repo.entryExists(tx, 'document', documentId)) return null;
  const d = await repo.documentFacts(tx, governmentId, documentId);
  if (!d) return null;
  const c = d.case_id ? await repo.caseFacts(tx, governmentId, d.case_id) : undefined;
  const cls = retentionOf(d.kind);
  const today = await governmentToday(tx, governmentId);
  const year = c?.link_year ?? yearIn(c?.period) ?? Number(d.document_date.slice(0, 4));
  const period = c?.link_period ?? c?.period ?? '';
  const id = await repo.insertEntry(tx, {
    governmentId,
    agencyId: d.agency_id,
    source: 'document',
    kind: d.kind,
    kindLabel: d.kind_label,
    number: d.number,
    title: d.title,
    year,
    period,
    documentDate: d.document_date,
    retentionClass: cls.code,
    retentionYears: cls.years,
    retainUntil: retainUntil(cls, today),
    signedDocumentId: d.id,
    caseId: d.case_id,
    fileId: d.current_file_id,
    searchText: words(
      d.title,
      d.number,
      d.kind_label,
      d.agency_name,
      d.signers,
      d.verification_code,
      c?.subject,
      c?.sop_title,
      c ? `kasus ${c.number}` : null,
    ),
    userId: by.userId,
    userName: by.name,
  });
  await recordAudit(tx, ctx, {
    governmentId,
    action: 'archive.file_document',
    entityType: 'archive_entry',
    entityId: id,
    after: { signedDocumentId: d.id, number: d.number, kind: d.kind, retentionClass: cls.code, caseId: d.case_id },
  });
  return id;
}

/** Files the record of a closed case, inside the transaction that closes it. */
export async function archiveCaseTx(
  tx: Tx,
  ctx: RequestContext,
  archivedBy: { userId: string | null; name: string },
  input: { governmentId: string; caseId: string; sopKind: string },
): Promise<string | null> {
  const { governmentId, caseId, sopKind } = input;
  if (await repo.entryExists(tx, 'case', caseId)) return null;
  const c = await repo.caseFacts(tx, governmentId, caseId);
  if (!c) return null;
  const kind = `case:${sopKind}`;
  const cls = retentionOf(kind);
  const kindLabel = (caseKindLabels[sopKind] ?? caseKindLabels.general!).id;
  const today = await governmentToday(tx, governmentId);
  const id = await repo.insertEntry(tx, {
    governmentId,
    agencyId: c.agency_id,
    source: 'case',
    kind,
    kindLabel,
    number: `#${c.number}`,
    title: `${c.sop_title} — ${c.subject}`,
    year: c.link_year ?? yearIn(c.period) ?? new Date(c.started_at).getFullYear(),
    period: c.link_period ?? c.period,
    documentDate: today,
    retentionClass: cls.code,
    retentionYears: cls.years,
    retainUntil: retainUntil(cls, today),
    signedDocumentId: null,
    caseId,
    fileId: null,
    searchText: words(
      c.subject,
      c.sop_title,
      c.sop_number,
      kindLabel,
      c.agency_name,
      c.period,
      `kasus ${c.number}`,
      c.documents,
      c.people,
    ),
    userId: archivedBy.userId,
    userName: archivedBy.name,
  });
  await recordAudit(tx, ctx, {
    governmentId,
    action: 'archive.file_case',
    entityType: 'archive_entry',
    entityId: id,
    after: { caseId, caseNumber: c.number, kind, retentionClass: cls.code },
  });
  return id;
}

onAnyDocumentSigned((tx, ctx, d) =>
  archiveSignedDocumentTx(tx, ctx, { governmentId: d.governmentId, documentId: d.documentId }).then(() => {}),
);
onCaseClosed((a) =>
  archiveCaseTx(
    a.tx,
    a.ctx,
    { userId: a.actor.userId, name: a.actor.displayName },
    { governmentId: a.governmentId, caseId: a.caseId, sopKind: a.doc.kind },
  ).then(() => {}),
);

/**
 * Files what was signed or closed before the archive existed (or while it could not be written):
 * each signed document without an entry (archived by its last signer) and each completed case
 * without one (by whoever completed its last task). Idempotent; run at every start.
 */
export async function backfillArchive(db: Database): Promise<{ documents: number; cases: number }> {
  const ctx = systemContext('archive backfill');
  let documents = 0;
  let cases = 0;
  for (const d of await repo.unarchivedDocuments(db)) {
    await db.transaction(async (tx) => {
      const id = await archiveSignedDocumentTx(tx, ctx, {
        governmentId: d.government_id,
        documentId: d.id,
        archivedBy: { userId: d.user_id, name: d.name ?? '' },
      });
      if (id) documents++;
    });
  }
  for (const c of await repo.unarchivedCases(db)) {
    await db.transaction(async (tx) => {
      const id = await archiveCaseTx(
        tx,
        ctx,
        { userId: c.user_id, name: c.name ?? '' },
        { governmentId: c.government_id, caseId: c.id, sopKind: c.sop_kind },
      );
      if (id) cases++;
    });
  }
  return { documents, cases };
}

export async function listArchive(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  query: ArchiveListQuery;
}): Promise<Page<ArchiveEntry>> {
  authorize(opts.ctx.actor, 'archive.read', opts.governmentId);
  const { rows, total } = await repo.listEntries(opts.db, opts.governmentId, opts.query);
  return {
    items: rows.map((r) => present(r, opts.ctx.locale)),
    total,
    page: opts.query.page,
    pageSize: opts.query.pageSize,
  };
}

export async function archiveKinds(opts: { db: Database; ctx: RequestContext; governmentId: string }) {
  authorize(opts.ctx.actor, 'archive.read', opts.governmentId);
  const rows = await repo.kindsOf(opts.db, opts.governmentId);
  return { items: rows.map((r) => ({ kind: r.kind, kindLabel: r.kind_label, count: r.count })) };
}
