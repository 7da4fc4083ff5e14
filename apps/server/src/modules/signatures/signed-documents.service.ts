import { randomBytes } from 'node:crypto';
import {
  documentKindLabels,
  formatPersonName,
  normalizeVerificationCode,
  type PublicVerification,
  type SignedDocument,
  type VerificationCheck,
  verificationAlphabet,
  verificationCodeLength,
} from '@sidakin/core';
import type { Database, Queryable, Tx } from '../../db/database.js';
import { AppError, invalidField, notFound } from '../../errors.js';
import { authorize } from '../../http/access.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit.service.js';
import { heldPositions } from '../auth/auth.repo.js';
import { sha256Hex, storeSystemFile } from '../files/files.service.js';
import { linkAgendaEntryTx, voidAgendaEntryTx } from '../numbering/numbering.service.js';
import { type SignatureDeps, signatureDeps, verificationUrl } from './deps.js';
import { addPadesSignature } from './pades.js';
import { inspectCmsSignature } from './pki.js';
import type { VerificationMark } from './signature-block.js';
import * as repo from './signatures.repo.js';
import { assertNotLocked, markPassphraseFailure, noteSigningFailure } from './signatures.service.js';
import type { SignerIdentity } from './signing-service.js';

/**
 * Documents to be signed: created (with their QR code and verification code already printed) by
 * the module that produces them, signed in order by whoever holds each position (Plt/Plh
 * included), each signature an incremental PAdES update, and checked by anyone through the
 * public verification page.
 */

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const actingLabels = { definitive: '', plt: 'Plt.', plh: 'Plh.' } as const;

/** A random code of 16 characters from an alphabet without look-alikes (80 bits). */
function newVerificationCode(): string {
  const bytes = randomBytes(verificationCodeLength);
  return Array.from(bytes, (b) => verificationAlphabet[b & 31]).join('');
}

function present(
  d: repo.DocumentRow,
  signers: repo.SignerRow[],
  publicBaseUrl: string,
  mine: Set<string>,
): SignedDocument {
  const next = signers.find((s) => !s.signed_at);
  return {
    id: d.id,
    agencyId: d.agency_id,
    agencyName: d.agency_name,
    kind: d.kind,
    kindLabel: d.kind_label,
    number: d.number,
    title: d.title,
    documentDate: d.document_date,
    status: d.status,
    verificationCode: d.verification_code,
    verificationUrl: verificationUrl(publicBaseUrl, d.verification_code),
    originalFile: { id: d.original_file_id, name: d.original_name, sha256: d.original_sha256, size: d.original_size },
    currentFile: { id: d.current_file_id, name: d.current_name, sha256: d.current_sha256, size: d.current_size },
    finalSha256: d.final_sha256,
    signers: signers.map((s) => ({
      order: s.seq,
      positionId: s.position_id,
      positionName: s.position_name,
      status: s.signed_at ? 'signed' : d.status === 'awaiting' && s === next ? 'next' : 'waiting',
      signerName: s.signer_name,
      acting: s.acting,
      actingLabel: s.acting ? actingLabels[s.acting] : '',
      signedAt: iso(s.signed_at),
      certificateSerial: s.certificate_serial,
      fileSha256: s.file_sha256,
    })),
    myTurn: d.status === 'awaiting' && !!next && mine.has(next.position_id),
    caseId: d.case_id,
    createdAt: iso(d.created_at)!,
    signedAt: iso(d.signed_at),
    cancelledAt: iso(d.cancelled_at),
    cancelReason: d.cancel_reason,
  };
}

async function positionsOf(db: Queryable, actor: Actor | null): Promise<Set<string>> {
  if (!actor?.employeeId) return new Set();
  return new Set((await heldPositions(db, actor.employeeId)).map((h) => h.position_id));
}

async function loadPresented(
  db: Queryable,
  ctx: RequestContext,
  governmentId: string,
  id: string,
  deps: SignatureDeps,
) {
  const d = await repo.getDocument(db, governmentId, id);
  if (!d) throw notFound();
  return present(d, await repo.signersOf(db, [d.id]), deps.publicBaseUrl, await positionsOf(db, ctx.actor));
}

// ── creating a request ──────────────────────────────────────────────────────────────────────
export interface SignatureRequestInput {
  governmentId: string;
  agencyId: string;
  /** Kind code (e.g. `perbaikan-data-kinerja`) and its printed name (by default from the known kinds). */
  kind: string;
  kindLabel?: string;
  /** The document number (e.g. from `allocateNumberTx`). */
  number: string;
  title: string;
  /** The date the document carries, `yyyy-mm-dd`. */
  documentDate: string;
  /** The positions that sign, in order. */
  signers: { positionId: string }[];
  fileName: string;
  /** Draws the unsigned PDF with the QR code and verification code it is given (see signature-block.ts). */
  render: (mark: VerificationMark) => Promise<Uint8Array>;
  /** The buku agenda line of `number`, to be linked to this document. */
  agendaEntryId?: string | null;
  caseId?: string | null;
  link?: { kind: string; id: string } | null;
}

/**
 * Creates a document to be signed inside the caller's transaction: picks its verification code,
 * has the caller render the PDF with it, stores the file and the signers in order.
 */
export async function createSignatureRequestTx(
  tx: Tx,
  ctx: RequestContext,
  input: SignatureRequestInput,
  deps: SignatureDeps = signatureDeps(),
): Promise<SignedDocument> {
  const actor = authorize(ctx.actor, 'signatures.sign', input.governmentId);
  const { governmentId } = input;
  if (input.signers.length === 0) {
    throw invalidField('body.signers', { id: 'Sebutkan minimal satu penanda tangan', en: 'Name at least one signer' });
  }
  const ids = input.signers.map((s) => s.positionId);
  const positions = await tx.query<{ id: string; name: string; agency_name: string }>(
    `SELECT p.id, p.name, a.name AS agency_name FROM positions p JOIN agencies a ON a.id = p.agency_id
      WHERE p.government_id = $1 AND p.id = ANY($2::uuid[]) AND p.active`,
    [governmentId, ids],
  );
  const byId = new Map(positions.map((p) => [p.id, p]));
  for (const [i, id] of ids.entries()) {
    if (!byId.has(id)) {
      throw invalidField(`body.signers.${i}.positionId`, {
        id: 'Jabatan tidak ditemukan atau tidak aktif',
        en: 'Position not found or inactive',
      });
    }
    if (ids.indexOf(id) !== i) {
      throw invalidField(`body.signers.${i}.positionId`, {
        id: 'Jabatan ini sudah ada dalam daftar penanda tangan',
        en: 'This position is already among the signers',
      });
    }
  }
  const agency = await tx.query('SELECT 1 FROM agencies WHERE government_id = $1 AND id = $2', [
    governmentId,
    input.agencyId,
  ]);
  if (agency.length === 0)
    throw invalidField('body.agencyId', { id: 'Perangkat daerah tidak ditemukan', en: 'Agency not found' });

  let code = newVerificationCode();
  while (await repo.codeTaken(tx, code)) code = newVerificationCode();
  const mark = { code, url: verificationUrl(deps.publicBaseUrl, code) };
  const bytes = Buffer.from(await input.render(mark));
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('the renderer did not produce a PDF');
  const file = await storeSystemFile(tx, deps.files, {
    governmentId,
    name: input.fileName,
    mediaType: 'application/pdf',
    bytes,
    userId: actor.userId,
  });
  const kindLabel = input.kindLabel ?? documentKindLabels[input.kind]?.id ?? input.kind;
  const id = await repo.insertDocument(tx, {
    governmentId,
    agencyId: input.agencyId,
    kind: input.kind,
    kindLabel,
    number: input.number,
    title: input.title,
    documentDate: input.documentDate,
    code,
    fileId: file.id,
    caseId: input.caseId ?? null,
    link: input.link ?? null,
    agendaEntryId: input.agendaEntryId ?? null,
    userId: actor.userId,
  });
  for (const [i, positionId] of ids.entries()) {
    await repo.insertSigner(tx, {
      documentId: id,
      governmentId,
      seq: i + 1,
      positionId,
      positionName: byId.get(positionId)!.name,
    });
  }
  if (input.agendaEntryId) {
    await linkAgendaEntryTx(tx, governmentId, input.agendaEntryId, { kind: 'signed_document', id });
  }
  await recordAudit(tx, ctx, {
    governmentId,
    action: 'signed_document.create',
    entityType: 'signed_document',
    entityId: id,
    after: {
      kind: input.kind,
      number: input.number,
      title: input.title,
      sha256: file.sha256,
      signers: ids.map((p) => byId.get(p)!.name),
      agendaEntryId: input.agendaEntryId ?? null,
    },
  });
  return loadPresented(tx, ctx, governmentId, id, deps);
}

// ── signing ─────────────────────────────────────────────────────────────────────────────────
/**
 * What the module that made a document does when its last signature is added, inside the signing
 * transaction (a correction applies its items): a throw undoes the signature too. By link kind.
 */
export type SignedHook = (
  tx: Tx,
  ctx: RequestContext,
  d: { governmentId: string; documentId: string; linkId: string; caseId: string | null },
) => Promise<void>;
const signedHooks = new Map<string, SignedHook>();
export function onDocumentSigned(linkKind: string, hook: SignedHook): void {
  signedHooks.set(linkKind, hook);
}

/**
 * Listeners told of every document whose last signature lands (whatever its link), inside the
 * signing transaction and after the link kind's own hook (e.g. the archive files it). A throw
 * undoes the signature.
 */
export type AnySignedListener = (
  tx: Tx,
  ctx: RequestContext,
  d: { governmentId: string; documentId: string; caseId: string | null },
) => Promise<void>;
const signedListeners: AnySignedListener[] = [];
export function onAnyDocumentSigned(listener: AnySignedListener): void {
  if (!signedListeners.includes(listener)) signedListeners.push(listener);
}

/**
 * Adds the signature of the position whose turn it is, made by the caller (who holds it today,
 * definitively or as Plt/Plh) with their passphrase, inside the caller's transaction. After a
 * wrong passphrase the transaction must roll back; pass its error to `noteSigningFailure`.
 */
export async function signDocumentTx(
  tx: Tx,
  ctx: RequestContext,
  input: { governmentId: string; documentId: string; passphrase: string },
  deps: SignatureDeps = signatureDeps(),
): Promise<SignedDocument> {
  const actor = authorize(ctx.actor, 'signatures.sign', input.governmentId);
  const { governmentId } = input;
  const d = await repo.getDocument(tx, governmentId, input.documentId, true);
  if (!d) throw notFound();
  if (d.status !== 'awaiting') throw new AppError('SIGNING_DOCUMENT_STATE');
  const signers = await repo.signersOf(tx, [d.id]);
  const next = signers.find((s) => !s.signed_at);
  if (!next) throw new AppError('SIGNING_DOCUMENT_STATE');
  const held = actor.employeeId ? await heldPositions(tx, actor.employeeId) : [];
  const as = held.find((h) => h.position_id === next.position_id);
  if (!as || !actor.employeeId) throw new AppError('SIGNING_NOT_YOUR_TURN');

  const people = await tx.query<{
    name: string;
    front_title: string;
    back_title: string;
    nip: string;
    government_name: string;
    region: string;
  }>(
    `SELECT e.name, e.front_title, e.back_title, e.nip, g.name AS government_name, g.region
       FROM employees e JOIN governments g ON g.id = e.government_id WHERE e.government_id = $1 AND e.id = $2`,
    [governmentId, actor.employeeId],
  );
  const person = people[0]!;
  const name = formatPersonName({ name: person.name, frontTitle: person.front_title, backTitle: person.back_title });

  let certificate: repo.CertificateRow | null = null;
  let chain: Buffer[] = [];
  if (deps.signing.mode === 'local') {
    certificate = await repo.activeCertificateOf(tx, governmentId, actor.employeeId, true);
    if (!certificate || new Date(certificate.not_after).getTime() < Date.now()) {
      throw new AppError('SIGNING_CERTIFICATE_MISSING');
    }
    assertNotLocked(certificate);
    const authority = await repo.getAuthority(tx, governmentId, certificate.authority_id);
    chain = authority ? [Buffer.from(authority.certificate)] : [];
  }
  const signer: SignerIdentity = {
    governmentId,
    governmentName: person.government_name,
    employeeId: actor.employeeId,
    nip: person.nip,
    name,
    certificate: certificate
      ? { id: certificate.id, der: Buffer.from(certificate.certificate), lockedKey: certificate.private_key, chain }
      : null,
  };

  const current = await deps.files.get(d.current_sha256);
  if (!current) throw new Error(`the file of signed document ${d.id} is missing from the file store`);
  const position = `${as.kind === 'definitive' ? '' : `${actingLabels[as.kind]} `}${next.position_name}`;
  let cms: Buffer | null = null;
  let signed: Buffer;
  try {
    signed = await addPadesSignature(
      current,
      {
        name,
        reason: `Ditandatangani sebagai ${position}`,
        location: person.region || person.government_name,
        signingTime: new Date(),
      },
      async (digest) => {
        cms = await deps.signing.sign({ signer, passphrase: input.passphrase, digest });
        return cms;
      },
    );
  } catch (err) {
    if (certificate) markPassphraseFailure(err, governmentId, certificate.id);
    throw err;
  }
  const serial = certificate?.serial_number ?? (cms ? inspectCmsSignature(cms).certificate.serialNumber : '');
  if (certificate) await repo.resetFailures(tx, certificate.id);
  const isLast = signers.filter((s) => !s.signed_at).length === 1;
  const file = await storeSystemFile(tx, deps.files, {
    governmentId,
    name: d.original_name,
    mediaType: 'application/pdf',
    bytes: signed,
    userId: actor.userId,
  });
  await repo.recordSignature(tx, {
    documentId: d.id,
    seq: next.seq,
    employeeId: actor.employeeId,
    userId: actor.userId,
    name,
    acting: as.kind,
    certificateId: certificate?.id ?? null,
    certificateSerial: serial,
    fileId: file.id,
  });
  await repo.advanceDocument(tx, d.id, file.id, isLast ? file.sha256 : null);
  await recordAudit(tx, ctx, {
    governmentId,
    action: 'signed_document.sign',
    entityType: 'signed_document',
    entityId: d.id,
    before: { sha256: d.current_sha256 },
    after: {
      order: next.seq,
      position: next.position_name,
      acting: as.kind,
      certificateSerial: serial,
      mode: deps.signing.mode,
      sha256: file.sha256,
      complete: isLast,
    },
  });
  const hook = isLast && d.link_kind && d.link_id ? signedHooks.get(d.link_kind) : undefined;
  if (hook) await hook(tx, ctx, { governmentId, documentId: d.id, linkId: d.link_id!, caseId: d.case_id });
  if (isLast) {
    for (const listener of signedListeners)
      await listener(tx, ctx, { governmentId, documentId: d.id, caseId: d.case_id });
  }
  return loadPresented(tx, ctx, governmentId, d.id, deps);
}

/** The sign route: one transaction; a wrong passphrase is counted once it has rolled back. */
export async function signDocument(opts: {
  db: Database;
  ctx: RequestContext;
  deps: SignatureDeps;
  governmentId: string;
  documentId: string;
  passphrase: string;
}): Promise<SignedDocument> {
  authorize(opts.ctx.actor, 'signatures.sign', opts.governmentId);
  try {
    return await opts.db.transaction((tx) =>
      signDocumentTx(
        tx,
        opts.ctx,
        { governmentId: opts.governmentId, documentId: opts.documentId, passphrase: opts.passphrase },
        opts.deps,
      ),
    );
  } catch (err) {
    await noteSigningFailure(opts.db, opts.ctx, err);
    throw err;
  }
}

/** Cancels a document still waiting for signatures; its number stays in the book, marked void. */
export async function cancelSignatureRequestTx(
  tx: Tx,
  ctx: RequestContext,
  input: { governmentId: string; documentId: string; reason: string },
): Promise<void> {
  const d = await repo.getDocument(tx, input.governmentId, input.documentId, true);
  if (!d) throw notFound();
  if (d.status !== 'awaiting') throw new AppError('SIGNING_DOCUMENT_STATE');
  await repo.cancelDocument(tx, d.id, input.reason);
  if (d.agenda_entry_id) {
    await voidAgendaEntryTx(tx, ctx, {
      governmentId: input.governmentId,
      entryId: d.agenda_entry_id,
      reason: `Dokumen dibatalkan: ${input.reason}`,
    });
  }
  await recordAudit(tx, ctx, {
    governmentId: input.governmentId,
    action: 'signed_document.cancel',
    entityType: 'signed_document',
    entityId: d.id,
    before: { status: d.status },
    after: { status: 'cancelled', reason: input.reason },
  });
}

export async function cancelSignatureRequest(opts: {
  db: Database;
  ctx: RequestContext;
  deps: SignatureDeps;
  governmentId: string;
  documentId: string;
  reason: string;
}): Promise<SignedDocument> {
  authorize(opts.ctx.actor, 'signatures.manage', opts.governmentId);
  return opts.db.transaction(async (tx) => {
    await cancelSignatureRequestTx(tx, opts.ctx, {
      governmentId: opts.governmentId,
      documentId: opts.documentId,
      reason: opts.reason,
    });
    return loadPresented(tx, opts.ctx, opts.governmentId, opts.documentId, opts.deps);
  });
}

// ── reading ─────────────────────────────────────────────────────────────────────────────────
export async function listSignedDocuments(opts: {
  db: Database;
  ctx: RequestContext;
  deps: SignatureDeps;
  governmentId: string;
  query: {
    q?: string | undefined;
    status: string;
    agencyId?: string | undefined;
    awaiting?: 'me' | undefined;
    page: number;
    pageSize: number;
  };
}) {
  authorize(opts.ctx.actor, 'signatures.read', opts.governmentId);
  const mine = await positionsOf(opts.db, opts.ctx.actor);
  const { rows, total } = await repo.listDocuments(opts.db, opts.governmentId, {
    ...opts.query,
    positionIds: opts.query.awaiting === 'me' ? [...mine] : undefined,
  });
  const signers = await repo.signersOf(
    opts.db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) =>
      present(
        r,
        signers.filter((s) => s.document_id === r.id),
        opts.deps.publicBaseUrl,
        mine,
      ),
    ),
    total,
    page: opts.query.page,
    pageSize: opts.query.pageSize,
  };
}

export async function getSignedDocument(opts: {
  db: Database;
  ctx: RequestContext;
  deps: SignatureDeps;
  governmentId: string;
  id: string;
}): Promise<SignedDocument> {
  authorize(opts.ctx.actor, 'signatures.read', opts.governmentId);
  return loadPresented(opts.db, opts.ctx, opts.governmentId, opts.id, opts.deps);
}

export async function signedDocumentFile(opts: {
  db: Database;
  ctx: RequestContext;
  deps: SignatureDeps;
  governmentId: string;
  id: string;
  version: 'current' | 'original';
}): Promise<{ bytes: Buffer; fileName: string }> {
  authorize(opts.ctx.actor, 'signatures.read', opts.governmentId);
  const d = await repo.getDocument(opts.db, opts.governmentId, opts.id);
  if (!d) throw notFound();
  const sha = opts.version === 'original' ? d.original_sha256 : d.current_sha256;
  const bytes = await opts.deps.files.get(sha);
  if (!bytes) throw notFound();
  return { bytes, fileName: d.original_name };
}

// ── public verification ─────────────────────────────────────────────────────────────────────
async function byCode(db: Queryable, code: string) {
  const normal = normalizeVerificationCode(code);
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(normal)) throw notFound();
  const d = await repo.documentByCode(db, normal);
  if (!d) throw notFound();
  return d;
}

/** What the public verification page shows: no NIP or anything else personal beyond names. */
export async function publicVerification(db: Database, code: string): Promise<PublicVerification> {
  const d = await byCode(db, code);
  const signers = await repo.signersOf(db, [d.id]);
  const authority = await repo.activeAuthority(db, d.government_id);
  return {
    code: d.verification_code,
    number: d.number,
    kindLabel: d.kind_label,
    title: d.title,
    agencyName: d.agency_name,
    governmentName: d.government_name,
    timeZone: d.time_zone,
    documentDate: d.document_date,
    status: d.status,
    sha256: d.final_sha256,
    signers: signers
      .filter((s) => s.signed_at)
      .map((s) => ({
        order: s.seq,
        name: s.signer_name ?? '',
        position: `${s.acting && s.acting !== 'definitive' ? `${actingLabels[s.acting]} ` : ''}${s.position_name}`,
        signedAt: iso(s.signed_at)!,
      })),
    pending:
      d.status === 'awaiting'
        ? signers.filter((s) => !s.signed_at).map((s) => ({ order: s.seq, position: s.position_name }))
        : [],
    authority: authority ? { subject: authority.subject, fingerprintSha256: authority.fingerprint_sha256 } : null,
  };
}

/** Whether an uploaded file is exactly the signed document (its SHA-256); nothing is stored. */
export async function checkFile(db: Database, code: string, bytes: Uint8Array): Promise<VerificationCheck> {
  const d = await byCode(db, code);
  const sha256 = sha256Hex(bytes);
  const base = { sha256, expectedSha256: d.final_sha256, size: bytes.length };
  if (d.final_sha256 && sha256 === d.final_sha256) return { ...base, result: 'match', signaturesInFile: null };
  const earlier = (await repo.documentVersions(db, d.id)).find((v) => v.sha256 === sha256);
  if (earlier) return { ...base, result: 'earlier', signaturesInFile: earlier.signatures };
  return { ...base, result: 'mismatch', signaturesInFile: null };
}

/** The CA certificate that issued a verified document's signers' certificates. */
export async function verificationAuthority(db: Database, code: string) {
  const d = await byCode(db, code);
  return d.government_id;
}
