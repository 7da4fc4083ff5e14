import { createPrivateKey, randomUUID } from 'node:crypto';
import { formatPersonName, type Locale, type MySigningCertificate, type SignerCertificate } from '@sidakin/core';
import type { Sealer } from '../../crypto/sealer.js';
import type { Database, Queryable, Tx } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import { authorize } from '../../http/access.js';
import type { RequestContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit.service.js';
import { heldPositions } from '../auth/auth.repo.js';
import {
  certificatePem,
  createAuthorityCertificate,
  issueSignerCertificate,
  lockPrivateKey,
  unlockPrivateKey,
} from './pki.js';
import * as repo from './signatures.repo.js';
import { signerKeyPurpose, wrongPassphrase } from './signing-service.js';

/**
 * The government's certificate authority and its signers' certificates: enrolment with a
 * passphrase, change of passphrase, renewal and revocation, each one transaction with its audit
 * record. Private keys never leave the server unencrypted and are never returned.
 */

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
export const authorityKeyPurpose = (authorityId: string) => `signing-authority:${authorityId}`;

/** Wrong passphrases in a row before a key locks, and for how long. */
export const passphraseAttempts = { limit: 5, lockMinutes: 15 } as const;

export function presentCertificate(c: repo.CertificateRow): SignerCertificate {
  const expired = c.status === 'active' && new Date(c.not_after).getTime() < Date.now();
  return {
    id: c.id,
    employeeId: c.employee_id,
    employeeName: formatPersonName({ name: c.employee_name, frontTitle: c.front_title, backTitle: c.back_title }),
    nip: c.nip,
    agencyName: c.agency_name,
    serialNumber: c.serial_number,
    subject: c.subject,
    issuer: c.issuer,
    fingerprintSha256: c.fingerprint_sha256,
    notBefore: iso(c.not_before)!,
    notAfter: iso(c.not_after)!,
    status: expired ? 'expired' : c.status,
    revokedAt: iso(c.revoked_at),
    revocationReason: c.revocation_reason,
    revokedByName: c.revoked_by_name,
    lockedUntil: c.locked_until && new Date(c.locked_until).getTime() > Date.now() ? iso(c.locked_until) : null,
    createdAt: iso(c.created_at)!,
  };
}

function presentAuthority(a: repo.AuthorityRow) {
  return {
    id: a.id,
    subject: a.subject,
    serialNumber: a.serial_number,
    fingerprintSha256: a.fingerprint_sha256,
    notBefore: iso(a.not_before)!,
    notAfter: iso(a.not_after)!,
    createdAt: iso(a.created_at)!,
  };
}

/** The government's authority, created (self-signed, key sealed) the first time it is needed. */
export async function ensureAuthorityTx(
  tx: Tx,
  ctx: RequestContext,
  secrets: Sealer,
  governmentId: string,
): Promise<repo.AuthorityRow> {
  const existing = await repo.activeAuthority(tx, governmentId);
  if (existing) return existing;
  await repo.lockAuthorityCreation(tx, governmentId);
  const again = await repo.activeAuthority(tx, governmentId);
  if (again) return again;
  const gov = await repo.governmentInfo(tx, governmentId);
  if (!gov) throw notFound();
  const { certificate, privateKey } = await createAuthorityCertificate({ governmentName: gov.name });
  const id = randomUUID();
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
  const row = await repo.insertAuthority(tx, {
    id,
    governmentId,
    subject: certificate.subject,
    serialNumber: certificate.serialNumber,
    certificate: certificate.der,
    fingerprint: certificate.fingerprintSha256,
    sealedKey: secrets.seal(pkcs8, authorityKeyPurpose(id)),
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
  });
  await recordAudit(tx, ctx, {
    governmentId,
    action: 'signing_authority.create',
    entityType: 'signing_authority',
    entityId: id,
    after: {
      subject: certificate.subject,
      serialNumber: certificate.serialNumber,
      fingerprintSha256: certificate.fingerprintSha256,
      notAfter: certificate.notAfter.toISOString(),
    },
  });
  return row;
}

export async function getSigningAuthority(opts: { db: Database; ctx: RequestContext; governmentId: string }) {
  authorize(opts.ctx.actor, 'signatures.read', opts.governmentId);
  const a = await repo.activeAuthority(opts.db, opts.governmentId);
  return { authority: a ? presentAuthority(a) : null };
}

export async function authorityCertificateFile(opts: {
  db: Queryable;
  governmentId: string;
  authorityId?: string;
  format: 'pem' | 'der';
}): Promise<{ bytes: Buffer; mediaType: string; fileName: string }> {
  const a = opts.authorityId
    ? await repo.getAuthority(opts.db, opts.governmentId, opts.authorityId)
    : await repo.activeAuthority(opts.db, opts.governmentId);
  if (!a) throw notFound();
  const gov = await repo.governmentInfo(opts.db, opts.governmentId);
  const base = `ca-${gov?.code ?? 'pemerintah'}`;
  return opts.format === 'der'
    ? { bytes: Buffer.from(a.certificate), mediaType: 'application/pkix-cert', fileName: `${base}.cer` }
    : {
        bytes: Buffer.from(certificatePem(a.certificate), 'utf8'),
        mediaType: 'application/x-pem-file',
        fileName: `${base}.pem`,
      };
}

export async function downloadAuthorityCertificate(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  format: 'pem' | 'der';
}) {
  authorize(opts.ctx.actor, 'signatures.read', opts.governmentId);
  return authorityCertificateFile(opts);
}

// ── a signer's own certificate ──────────────────────────────────────────────────────────────
const cannotEnrol = {
  noEmployee: {
    id: 'Akun ini tidak terhubung dengan data pegawai',
    en: 'This account is not linked to an employee record',
  },
  noPosition: {
    id: 'Anda tidak memegang jabatan (definitif, Plt atau Plh) saat ini',
    en: 'You hold no position (definitive, Plt or Plh) today',
  },
};

async function enrolmentBlock(db: Queryable, employeeId: string | null) {
  if (!employeeId) return cannotEnrol.noEmployee;
  const held = await heldPositions(db, employeeId);
  return held.length === 0 ? cannotEnrol.noPosition : null;
}

export async function mySigningCertificate(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  mode: 'local' | 'http';
}): Promise<MySigningCertificate> {
  const actor = authorize(opts.ctx.actor, 'signatures.sign', opts.governmentId);
  const all = actor.employeeId ? await repo.certificatesOf(opts.db, opts.governmentId, actor.employeeId) : [];
  const presented = all.map(presentCertificate);
  const current = presented.find((c) => c.status === 'active') ?? null;
  const block = await enrolmentBlock(opts.db, actor.employeeId);
  return {
    mode: opts.mode,
    certificate: current,
    history: presented.filter((c) => c !== current),
    canEnrol: !block && !current && opts.mode === 'local',
    cannotEnrolReason: block ? block[opts.ctx.locale as Locale] : '',
  };
}

async function signerDetails(db: Queryable, governmentId: string, employeeId: string) {
  const rows = await db.query<{
    name: string;
    front_title: string;
    back_title: string;
    nip: string;
    agency_name: string | null;
    government_name: string;
  }>(
    `SELECT e.name, e.front_title, e.back_title, e.nip, ag.name AS agency_name, g.name AS government_name
       FROM employees e JOIN governments g ON g.id = e.government_id LEFT JOIN agencies ag ON ag.id = e.agency_id
      WHERE e.government_id = $1 AND e.id = $2`,
    [governmentId, employeeId],
  );
  const e = rows[0];
  if (!e) throw notFound();
  return {
    ...e,
    display: formatPersonName({ name: e.name, frontTitle: e.front_title, backTitle: e.back_title }),
  };
}

/** Issues a key pair and certificate for an employee, the key locked under their passphrase. */
async function issueTx(
  tx: Tx,
  ctx: RequestContext,
  secrets: Sealer,
  governmentId: string,
  employeeId: string,
  passphrase: string,
) {
  const authority = await ensureAuthorityTx(tx, ctx, secrets, governmentId);
  const caKey = secrets.open(authority.sealed_private_key, authorityKeyPurpose(authority.id));
  const e = await signerDetails(tx, governmentId, employeeId);
  const { certificate, privateKey } = await issueSignerCertificate({
    authority: {
      certificate: authority.certificate,
      privateKey: createPrivateKey({ key: Buffer.from(caKey, 'base64'), format: 'der', type: 'pkcs8' }),
    },
    name: e.display,
    nip: e.nip,
    governmentName: e.government_name,
    agencyName: e.agency_name,
  });
  const id = randomUUID();
  await repo.insertCertificate(tx, {
    id,
    governmentId,
    authorityId: authority.id,
    employeeId,
    serialNumber: certificate.serialNumber,
    subject: certificate.subject,
    certificate: certificate.der,
    fingerprint: certificate.fingerprintSha256,
    privateKey: secrets.seal(await lockPrivateKey(privateKey, passphrase), signerKeyPurpose(id)),
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
  });
  return { id, certificate };
}

export async function enrol(opts: {
  db: Database;
  secrets: Sealer;
  ctx: RequestContext;
  governmentId: string;
  passphrase: string;
  mode: 'local' | 'http';
}): Promise<SignerCertificate> {
  const actor = authorize(opts.ctx.actor, 'signatures.sign', opts.governmentId);
  if (opts.mode === 'http') {
    throw new AppError('CONFLICT', {
      message: {
        id: 'Tanda tangan elektronik di sini memakai layanan TTE nasional; daftarkan diri Anda di layanan tersebut',
        en: 'Signing here goes through the national signing service; enrol with that service',
      },
    });
  }
  return opts.db.transaction(async (tx) => {
    if (await enrolmentBlock(tx, actor.employeeId)) throw new AppError('SIGNING_NOT_ENROLLABLE');
    const employeeId = actor.employeeId!;
    const current = await repo.activeCertificateOf(tx, opts.governmentId, employeeId, true);
    if (current && presentCertificate(current).status === 'active') throw new AppError('SIGNING_CERTIFICATE_EXISTS');
    // An expired certificate gives way to the new one.
    if (current) await repo.supersedeCertificate(tx, current.id);
    const issued = await issueTx(tx, opts.ctx, opts.secrets, opts.governmentId, employeeId, opts.passphrase);
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'signer_certificate.enrol',
      entityType: 'signer_certificate',
      entityId: issued.id,
      after: {
        employeeId,
        serialNumber: issued.certificate.serialNumber,
        subject: issued.certificate.subject,
        notAfter: issued.certificate.notAfter.toISOString(),
        ...(current ? { replaces: current.id } : {}),
      },
    });
    return presentCertificate((await repo.getCertificate(tx, opts.governmentId, issued.id))!);
  });
}

/** Refuses while a key is locked after too many wrong passphrases (429 with Retry-After). */
export function assertNotLocked(c: repo.CertificateRow): void {
  if (!c.locked_until) return;
  const left = new Date(c.locked_until).getTime() - Date.now();
  if (left <= 0) return;
  throw new AppError('SIGNING_LOCKED', { headers: { 'retry-after': String(Math.ceil(left / 1000)) } });
}

/** Errors of a wrong passphrase for a key kept here, with the key they were for. */
const failedKeys = new WeakMap<object, { governmentId: string; certificateId: string }>();

export function markPassphraseFailure(err: unknown, governmentId: string, certificateId: string): void {
  if (err instanceof AppError && err.code === 'SIGNING_PASSPHRASE_WRONG') {
    failedKeys.set(err, { governmentId, certificateId });
  }
}

/**
 * Counts a wrong passphrase after the transaction that met it has rolled back (so the count is
 * kept); five in a row lock the key for 15 minutes. Callers of `signDocumentTx` call this with
 * the error their transaction ended with.
 */
export async function noteSigningFailure(db: Database, ctx: RequestContext, err: unknown): Promise<void> {
  const failed = typeof err === 'object' && err !== null ? failedKeys.get(err) : undefined;
  if (!failed) return;
  await db.transaction(async (tx) => {
    const r = await repo.countFailure(
      tx,
      failed.certificateId,
      passphraseAttempts.limit,
      passphraseAttempts.lockMinutes,
    );
    if (r.failed_attempts === 0 && r.locked_until) {
      await recordAudit(tx, ctx, {
        governmentId: failed.governmentId,
        action: 'signer_certificate.lock',
        entityType: 'signer_certificate',
        entityId: failed.certificateId,
        after: { lockedUntil: iso(r.locked_until), wrongPassphrases: passphraseAttempts.limit },
      });
    }
  });
}

/** Runs a change that unlocks a key, counting a wrong passphrase once its transaction has rolled back. */
async function throttled<T>(db: Database, ctx: RequestContext, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    await noteSigningFailure(db, ctx, err);
    throw err;
  }
}

async function unlockOwn(tx: Tx, secrets: Sealer, governmentId: string, c: repo.CertificateRow, passphrase: string) {
  assertNotLocked(c);
  const key = await unlockPrivateKey(secrets.open(c.private_key, signerKeyPurpose(c.id)), passphrase);
  if (!key) {
    const err = wrongPassphrase();
    markPassphraseFailure(err, governmentId, c.id);
    throw err;
  }
  await repo.resetFailures(tx, c.id);
  return key;
}

async function ownActiveCertificate(tx: Tx, governmentId: string, employeeId: string | null) {
  const c = employeeId ? await repo.activeCertificateOf(tx, governmentId, employeeId, true) : null;
  if (!c) throw new AppError('SIGNING_CERTIFICATE_MISSING');
  return c;
}

export async function changePassphrase(opts: {
  db: Database;
  secrets: Sealer;
  ctx: RequestContext;
  governmentId: string;
  currentPassphrase: string;
  newPassphrase: string;
}): Promise<SignerCertificate> {
  const actor = authorize(opts.ctx.actor, 'signatures.sign', opts.governmentId);
  return throttled(opts.db, opts.ctx, () =>
    opts.db.transaction(async (tx) => {
      const c = await ownActiveCertificate(tx, opts.governmentId, actor.employeeId);
      const key = await unlockOwn(tx, opts.secrets, opts.governmentId, c, opts.currentPassphrase).catch((err) => {
        if (err instanceof AppError && err.code === 'SIGNING_PASSPHRASE_WRONG') {
          const e = new AppError('SIGNING_PASSPHRASE_WRONG', {
            details: [{ path: 'body.currentPassphrase', message: { id: 'Passphrase salah', en: 'Wrong passphrase' } }],
          });
          markPassphraseFailure(e, opts.governmentId, c.id);
          throw e;
        }
        throw err;
      });
      await repo.setPrivateKey(
        tx,
        c.id,
        opts.secrets.seal(await lockPrivateKey(key, opts.newPassphrase), signerKeyPurpose(c.id)),
      );
      await recordAudit(tx, opts.ctx, {
        governmentId: opts.governmentId,
        action: 'signer_certificate.change_passphrase',
        entityType: 'signer_certificate',
        entityId: c.id,
        after: { serialNumber: c.serial_number },
      });
      return presentCertificate((await repo.getCertificate(tx, opts.governmentId, c.id))!);
    }),
  );
}

/** A new key pair and certificate for the same person (same passphrase); the old one is superseded. */
export async function renew(opts: {
  db: Database;
  secrets: Sealer;
  ctx: RequestContext;
  governmentId: string;
  passphrase: string;
}): Promise<SignerCertificate> {
  const actor = authorize(opts.ctx.actor, 'signatures.sign', opts.governmentId);
  return throttled(opts.db, opts.ctx, () =>
    opts.db.transaction(async (tx) => {
      const c = await ownActiveCertificate(tx, opts.governmentId, actor.employeeId);
      await unlockOwn(tx, opts.secrets, opts.governmentId, c, opts.passphrase);
      if (await enrolmentBlock(tx, actor.employeeId)) throw new AppError('SIGNING_NOT_ENROLLABLE');
      await repo.supersedeCertificate(tx, c.id);
      const issued = await issueTx(tx, opts.ctx, opts.secrets, opts.governmentId, c.employee_id, opts.passphrase);
      await recordAudit(tx, opts.ctx, {
        governmentId: opts.governmentId,
        action: 'signer_certificate.renew',
        entityType: 'signer_certificate',
        entityId: issued.id,
        before: { id: c.id, serialNumber: c.serial_number, notAfter: iso(c.not_after) },
        after: {
          serialNumber: issued.certificate.serialNumber,
          notAfter: issued.certificate.notAfter.toISOString(),
        },
      });
      return presentCertificate((await repo.getCertificate(tx, opts.governmentId, issued.id))!);
    }),
  );
}

// ── administration ──────────────────────────────────────────────────────────────────────────
export async function listCertificates(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  query: { q?: string | undefined; status: string; page: number; pageSize: number };
}) {
  authorize(opts.ctx.actor, 'signatures.manage', opts.governmentId);
  const { rows, total } = await repo.listCertificates(opts.db, opts.governmentId, opts.query);
  return { items: rows.map(presentCertificate), total, page: opts.query.page, pageSize: opts.query.pageSize };
}

export async function revokeCertificate(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  id: string;
  reason: string;
}): Promise<SignerCertificate> {
  const actor = authorize(opts.ctx.actor, 'signatures.manage', opts.governmentId);
  return opts.db.transaction(async (tx) => {
    const c = await repo.getCertificate(tx, opts.governmentId, opts.id, true);
    if (!c) throw notFound();
    if (c.status !== 'active') {
      throw new AppError('CONFLICT', {
        message: {
          id: 'Sertifikat ini sudah dicabut atau diganti',
          en: 'This certificate has already been revoked or replaced',
        },
      });
    }
    await repo.revokeCertificate(tx, c.id, actor.userId, opts.reason);
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'signer_certificate.revoke',
      entityType: 'signer_certificate',
      entityId: c.id,
      before: { status: c.status },
      after: { status: 'revoked', reason: opts.reason, serialNumber: c.serial_number, employeeId: c.employee_id },
    });
    return presentCertificate((await repo.getCertificate(tx, opts.governmentId, c.id))!);
  });
}
