import { z } from 'zod';
import { indonesianTimeZones } from '../time-zones.js';
import { limits, listQuery, pageOf } from './common.js';
import { assignmentKinds } from './org.js';

/**
 * Electronic signatures: the government's certificate authority, each signer's certificate,
 * documents that wait for their signatures in order, and the public verification of a signed file.
 */

/** A signing passphrase: chosen by the signer, never stored; at least 10 characters. */
export const signingPassphraseLimits = { min: 10, max: 200 } as const;
export const signingPassphrase = z.string().min(signingPassphraseLimits.min).max(signingPassphraseLimits.max);
/** A passphrase typed to unlock a key (its length is not checked here: a wrong one is simply wrong). */
const typedPassphrase = z.string().min(1).max(signingPassphraseLimits.max);

export const certificateStatuses = ['active', 'revoked', 'superseded', 'expired'] as const;
export type CertificateStatus = (typeof certificateStatuses)[number];

export const signerCertificate = z.object({
  id: z.uuid(),
  employeeId: z.uuid(),
  employeeName: z.string(),
  nip: z.string(),
  agencyName: z.string().nullable(),
  serialNumber: z.string(),
  subject: z.string(),
  issuer: z.string(),
  fingerprintSha256: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  status: z.enum(certificateStatuses),
  revokedAt: z.string().nullable(),
  revocationReason: z.string(),
  revokedByName: z.string().nullable(),
  /** After too many wrong passphrases the key stays locked until then. */
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type SignerCertificate = z.infer<typeof signerCertificate>;
export const signerCertificatePage = pageOf(signerCertificate);

export const mySigningCertificate = z.object({
  /** `local`: keys kept here, issued by the government's own CA; `http`: a national signing service. */
  mode: z.enum(['local', 'http']),
  certificate: signerCertificate.nullable(),
  /** Earlier certificates (revoked, superseded, expired), newest first. */
  history: z.array(signerCertificate),
  canEnrol: z.boolean(),
  /** Why enrolment is not possible, in the caller's language ('' when it is). */
  cannotEnrolReason: z.string(),
});
export type MySigningCertificate = z.infer<typeof mySigningCertificate>;

export const enrolSigningBody = z.strictObject({ passphrase: signingPassphrase });
export const changeSigningPassphraseBody = z.strictObject({
  currentPassphrase: typedPassphrase,
  newPassphrase: signingPassphrase,
});
export const renewSigningBody = z.strictObject({ passphrase: typedPassphrase });
export const revokeCertificateBody = z.strictObject({ reason: z.string().trim().min(5).max(limits.text) });
export const certificateListQuery = listQuery.omit({ active: true }).extend({
  status: z.enum([...certificateStatuses, 'all']).default('all'),
});

export const signingAuthority = z.object({
  id: z.uuid(),
  subject: z.string(),
  serialNumber: z.string(),
  fingerprintSha256: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  createdAt: z.string(),
});
export type SigningAuthority = z.infer<typeof signingAuthority>;
export const certificateFormatQuery = z.strictObject({ format: z.enum(['pem', 'der']).default('pem') });

export const signedDocumentStatuses = ['awaiting', 'signed', 'cancelled'] as const;
export type SignedDocumentStatus = (typeof signedDocumentStatuses)[number];

export const signedDocumentSigner = z.object({
  order: z.number().int(),
  positionId: z.uuid(),
  positionName: z.string(),
  /** `next`: this position signs now; `waiting`: after an earlier one. */
  status: z.enum(['signed', 'next', 'waiting']),
  signerName: z.string().nullable(),
  acting: z.enum(assignmentKinds).nullable(),
  /** "Plt." / "Plh." / ''. */
  actingLabel: z.string(),
  signedAt: z.string().nullable(),
  certificateSerial: z.string().nullable(),
  /** SHA-256 of the file right after this signature. */
  fileSha256: z.string().nullable(),
});
export type SignedDocumentSigner = z.infer<typeof signedDocumentSigner>;

const fileRef = z.object({ id: z.uuid(), name: z.string(), sha256: z.string(), size: z.number().int() });

export const signedDocument = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  number: z.string(),
  title: z.string(),
  documentDate: z.string(),
  status: z.enum(signedDocumentStatuses),
  verificationCode: z.string(),
  verificationUrl: z.string(),
  originalFile: fileRef,
  currentFile: fileRef,
  finalSha256: z.string().nullable(),
  signers: z.array(signedDocumentSigner),
  /** The caller holds the position whose turn it is. */
  myTurn: z.boolean(),
  caseId: z.uuid().nullable(),
  createdAt: z.string(),
  signedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string(),
});
export type SignedDocument = z.infer<typeof signedDocument>;
export const signedDocumentPage = pageOf(signedDocument);

export const signDocumentBody = z.strictObject({ passphrase: typedPassphrase });
export const signedDocumentListQuery = listQuery.omit({ active: true }).extend({
  status: z.enum([...signedDocumentStatuses, 'all']).default('all'),
  agencyId: z.uuid().optional(),
  /** `me`: only documents waiting for the caller's signature now. */
  awaiting: z.enum(['me']).optional(),
});
export const signedDocumentFileQuery = z.strictObject({
  version: z.enum(['current', 'original']).default('current'),
  disposition: z.enum(['attachment', 'inline']).default('attachment'),
});

// ── public verification ─────────────────────────────────────────────────────────────────────
/** Crockford's base32 without I, L, O, U: unambiguous when read off paper. */
export const verificationAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const verificationCodeLength = 16;

/** A code as people type it (lower case, with dashes or spaces, O for 0, I/L for 1) → the stored form. */
export function normalizeVerificationCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** "ABCD-EFGH-JKMN-PQRS": the code as it is printed. */
export function formatVerificationCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

export const verificationParams = z.strictObject({ code: z.string().trim().min(8).max(40) });

export const publicVerification = z.object({
  code: z.string(),
  number: z.string(),
  kindLabel: z.string(),
  title: z.string(),
  agencyName: z.string(),
  governmentName: z.string(),
  /** The government's time zone: signing times are shown in it (WIB, WITA, WIT). */
  timeZone: z.enum(indonesianTimeZones),
  documentDate: z.string(),
  status: z.enum(signedDocumentStatuses),
  /** SHA-256 of the signed file; null until every signature is in. */
  sha256: z.string().nullable(),
  signers: z.array(z.object({ order: z.number().int(), name: z.string(), position: z.string(), signedAt: z.string() })),
  pending: z.array(z.object({ order: z.number().int(), position: z.string() })),
  authority: z.object({ subject: z.string(), fingerprintSha256: z.string() }).nullable(),
});
export type PublicVerification = z.infer<typeof publicVerification>;

export const verificationCheck = z.object({
  /** `match`: exactly the signed file; `earlier`: the same document before all its signatures were in. */
  result: z.enum(['match', 'earlier', 'mismatch']),
  sha256: z.string(),
  expectedSha256: z.string().nullable(),
  size: z.number().int(),
  /** For `earlier`: how many signatures that version carries. */
  signaturesInFile: z.number().int().nullable(),
});
export type VerificationCheck = z.infer<typeof verificationCheck>;
