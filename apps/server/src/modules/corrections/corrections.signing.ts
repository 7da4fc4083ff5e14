import { type Correction, formatPersonName } from '@sidakin/core';
import type { Database, Queryable } from '../../db/database.js';
import { AppError, invalidField, notFound } from '../../errors.js';
import { authorize } from '../../http/access.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit.service.js';
import * as casesRepo from '../cases/cases.repo.js';
import { lanePositionIds } from '../cases/cases.service.js';
import { governmentToday } from '../numbering/numbering.repo.js';
import { allocateNumberTx } from '../numbering/numbering.service.js';
import type { SignatureDeps } from '../signatures/deps.js';
import * as signaturesRepo from '../signatures/signatures.repo.js';
import {
  cancelSignatureRequestTx,
  createSignatureRequestTx,
  onDocumentSigned,
  signDocument,
} from '../signatures/signed-documents.service.js';
import * as lanesRepo from '../sops/lanes.repo.js';
import { applyCorrectionItemsTx } from './corrections.apply.js';
import { renderCorrectionDocument } from './corrections.documents.js';
import * as repo from './corrections.repo.js';
import { actingTask, loadCorrection, loadDoc, presentDocumentWith } from './corrections.service.js';
import { checkSignedWith, onCorrectionReturned, parafTx } from './corrections.steps.js';

// The signature of a correction: at its signing step (a `sign` step, or a review marked
// `signature` on "ya"), whoever holds the step prepares the Dokumen Perbaikan Data Kinerja — a
// number from the agency's buku agenda, the signers the step names in order, the QR code to the
// verification page — and each signer signs it in turn (signatures module). The last signature
// applies the accepted items in the same transaction; if applying fails, the signature fails too.
// A review that sends the correction back cancels a document not yet signed (its number stays in
// the book, void).

const DOCUMENT_KIND = 'perbaikan-data-kinerja';

/** The document of a correction as its screens show it. */
presentDocumentWith(async (db, governmentId, documentId) => {
  const d = await signaturesRepo.getDocument(db, governmentId, documentId);
  if (!d) return null;
  const signers = await signaturesRepo.signersOf(db, [d.id]);
  const today = await lanesRepo.holdersToday(
    db,
    governmentId,
    signers.map((s) => s.position_id),
  );
  return {
    id: d.id,
    number: d.number,
    status: d.status,
    verificationCode: d.verification_code,
    fileId: d.current_file_id,
    signers: signers.map((s) => {
      const holder = today.find((h) => h.position_id === s.position_id);
      return {
        order: s.seq,
        name:
          s.signer_name ??
          (holder
            ? formatPersonName({
                name: holder.employee_name,
                frontTitle: holder.front_title,
                backTitle: holder.back_title,
              })
            : ''),
        positionTitle: s.position_name,
        positionId: s.position_id,
        employeeId: s.signer_employee_id ?? holder?.employee_id ?? null,
        signedAt: s.signed_at ? new Date(s.signed_at).toISOString() : null,
      };
    }),
  };
});

/** The positions that sign at a step, in order: the lanes it names as signers (or its own). */
async function signerPositions(
  db: Queryable,
  c: repo.CorrectionRow,
  step: { lanes: string[]; signers?: string[] | undefined },
) {
  const caseRow = (await casesRepo.getCase(db, c.government_id, c.case_id))!;
  const doc = await loadDoc(db, caseRow);
  const ids: string[] = [];
  for (const laneId of step.signers ?? step.lanes) {
    const found = await lanePositionIds(db, {
      governmentId: c.government_id,
      agencyId: c.agency_id,
      doc,
      laneId,
      units: caseRow.unit_ids.length ? caseRow.unit_ids : [null],
    });
    for (const id of found) if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

async function blockSigners(db: Queryable, governmentId: string, positionIds: string[]) {
  const holders = await lanesRepo.holdersToday(db, governmentId, positionIds);
  const people = await repo.employeesWithPositions(
    db,
    governmentId,
    holders.map((h) => h.employee_id),
  );
  const names = await db.query<{ id: string; name: string }>(
    'SELECT id, name FROM positions WHERE id = ANY($1::uuid[])',
    [positionIds],
  );
  return positionIds.map((id) => {
    const h = holders.find((x) => x.position_id === id);
    const p = h ? people.find((x) => x.id === h.employee_id) : undefined;
    return {
      position: names.find((n) => n.id === id)?.name ?? '',
      acting: h?.kind === 'plt' ? 'Plt.' : h?.kind === 'plh' ? 'Plh.' : '',
      name: h ? formatPersonName({ name: h.employee_name, frontTitle: h.front_title, backTitle: h.back_title }) : '',
      nip: p?.nip ?? '',
    };
  });
}

/**
 * Prepares the document for signature at the signing step the person holds: checks the items,
 * records the step's paraf (where the SOP gives one at this step), takes the next number from the
 * buku agenda, renders the document with its QR code and verification code, and asks the signers.
 */
export async function prepareDocument(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  correctionId: string;
  /** Further signers (pemangku kegiatan without a lane), signing before the last. */
  additionalPositionIds: string[];
}): Promise<Correction> {
  const actor = authorize(opts.ctx.actor, 'cases.act', opts.governmentId);
  const { governmentId } = opts;
  return opts.db.transaction(async (tx) => {
    const c = await repo.getCorrection(tx, governmentId, opts.correctionId, true);
    if (!c) throw notFound();
    if (c.status !== 'open' || c.case_status !== 'open') throw new AppError('CASE_NOT_OPEN');
    const at = await actingTask(tx, actor, c, ['sign', 'review']);
    if (at.step.action === 'review' && !at.step.signature) {
      throw new AppError('NOT_ASSIGNEE', {
        details: [
          {
            path: 'body',
            message: {
              id: 'Langkah pemeriksaan ini tidak menandatangani dokumen',
              en: 'This review step does not sign the document',
            },
          },
        ],
      });
    }
    if (c.document_id) {
      const existing = await signaturesRepo.getDocument(tx, governmentId, c.document_id);
      if (existing && existing.status !== 'cancelled') {
        throw new AppError('CONFLICT', {
          details: [
            {
              path: 'body',
              message: {
                id: `Dokumen perbaikan nomor ${existing.number} sudah disiapkan`,
                en: `Correction document number ${existing.number} is already prepared`,
              },
            },
          ],
        });
      }
    }
    const items = (await repo.itemsOf(tx, c.id)).filter((i) => i.status !== 'withdrawn');
    const refuse = (id: string, en: string) =>
      new AppError('SUBMISSION_STATE', { details: [{ path: 'body', message: { id, en } }] });
    if (items.length === 0) throw refuse('Tidak ada data yang diperbaiki', 'There is no corrected data');
    if (items.some((i) => i.status === 'returned')) {
      throw refuse('Masih ada usulan yang dikembalikan', 'Some items are still returned');
    }
    if (
      at.step.action === 'review' &&
      items.some((i) => !(i.status === 'approved' && i.decided_task_id === at.task.id))
    ) {
      throw refuse(
        'Setujui setiap usulan pada langkah ini sebelum menyiapkan dokumen untuk ditandatangani',
        'Approve every item at this step before preparing the document for signature',
      );
    }
    if (at.step.paraf && at.step.action === 'sign') {
      await parafTx(tx, opts.ctx, actor, { governmentId, correction: c, task: at.task, position: at.position });
    }
    const positions = await signerPositions(tx, c, at.step);
    const extra: string[] = [];
    for (const [i, id] of opts.additionalPositionIds.entries()) {
      const [p] = await tx.query<{ id: string }>(
        'SELECT id FROM positions WHERE government_id = $1 AND agency_id = $2 AND id = $3 AND active',
        [governmentId, c.agency_id, id],
      );
      if (!p) {
        throw invalidField(`body.additionalPositionIds.${i}`, {
          id: 'Jabatan tidak ditemukan di perangkat daerah ini',
          en: 'The position does not exist in this agency',
        });
      }
      if (!positions.includes(id) && !extra.includes(id)) extra.push(id);
    }
    const ordered =
      positions.length > 0 ? [...positions.slice(0, -1), ...extra, positions[positions.length - 1]!] : extra;
    const missing = (await blockSigners(tx, governmentId, ordered)).findIndex((s) => !s.name);
    if (ordered.length === 0 || missing >= 0) {
      throw refuse(
        'Jabatan penanda tangan belum memiliki pejabat (definitif, Plt atau Plh)',
        'A signing position has no holder (definitive, Plt or Plh)',
      );
    }
    const entry = await allocateNumberTx(tx, opts.ctx, {
      governmentId,
      agencyId: c.agency_id,
      kind: DOCUMENT_KIND,
      subject: c.subject,
      caseId: c.case_id,
    });
    const correction = await loadCorrection(tx, governmentId, c.id);
    const signers = await blockSigners(tx, governmentId, ordered);
    const doc = await createSignatureRequestTx(tx, opts.ctx, {
      governmentId,
      agencyId: c.agency_id,
      kind: DOCUMENT_KIND,
      number: entry.number,
      title: `Dokumen Perbaikan Data Kinerja — ${c.subject}`,
      documentDate: await governmentToday(tx, governmentId),
      signers: ordered.map((positionId) => ({ positionId })),
      fileName: `Dokumen Perbaikan Data Kinerja ${entry.number.replace(/\//g, '-')}.pdf`,
      render: (mark) =>
        renderCorrectionDocument({ db: tx, governmentId, correction, number: entry.number, signers, mark }),
      agendaEntryId: entry.id,
      caseId: c.case_id,
      link: { kind: 'correction', id: c.id },
    });
    await repo.setDocument(tx, c.id, doc.id);
    await recordAudit(tx, opts.ctx, {
      governmentId,
      action: 'correction.prepare_document',
      entityType: 'correction',
      entityId: c.id,
      after: { documentId: doc.id, number: entry.number, signers: ordered, taskId: at.task.id },
    });
    return loadCorrection(tx, governmentId, c.id);
  });
}

/** Signs the correction's document as the signer whose turn it is; the last signature applies it. */
export async function signCorrection(opts: {
  db: Database;
  ctx: RequestContext;
  deps: SignatureDeps;
  governmentId: string;
  correctionId: string;
  passphrase: string;
}): Promise<Correction> {
  authorize(opts.ctx.actor, 'cases.act', opts.governmentId);
  const c = await repo.getCorrection(opts.db, opts.governmentId, opts.correctionId);
  if (!c) throw notFound();
  if (!c.document_id) {
    throw new AppError('SUBMISSION_STATE', {
      details: [
        {
          path: 'body',
          message: {
            id: 'Dokumen perbaikan belum disiapkan untuk ditandatangani',
            en: 'The correction document has not been prepared for signature',
          },
        },
      ],
    });
  }
  await signDocument({
    db: opts.db,
    ctx: opts.ctx,
    deps: opts.deps,
    governmentId: opts.governmentId,
    documentId: c.document_id,
    passphrase: opts.passphrase,
  });
  return loadCorrection(opts.db, opts.governmentId, c.id);
}

// The last signature, by whichever route it comes: the accepted items become new versions.
onDocumentSigned('correction', async (tx, ctx, d) => {
  const actor = ctx.actor as Actor;
  await applyCorrectionItemsTx(tx, ctx, actor, d.linkId, d.governmentId);
});

// A sign step (or a review with a signature) completes once the document is signed by all.
checkSignedWith(async (_a, c) => {
  if (c.status === 'open') {
    throw new AppError('SUBMISSION_STATE', {
      details: [
        {
          path: 'body',
          message: {
            id: 'Dokumen Perbaikan Data Kinerja belum ditandatangani oleh semua penanda tangan',
            en: 'The correction document is not yet signed by every signer',
          },
        },
      ],
    });
  }
});

// Sent back at a review: a document still waiting for signatures is cancelled.
onCorrectionReturned(async (a, c) => {
  if (!c.document_id) return;
  const d = await signaturesRepo.getDocument(a.tx, a.governmentId, c.document_id);
  if (d?.status !== 'awaiting') return;
  await cancelSignatureRequestTx(a.tx, a.ctx, {
    governmentId: a.governmentId,
    documentId: d.id,
    reason: `Dikembalikan pada langkah ${a.step.no}: ${a.reason ?? ''}`.trim(),
  });
  await repo.setDocument(a.tx, c.id, null);
});
