import { sign as signBytes } from 'node:crypto';
import type { Sealer } from '../../crypto/sealer.js';
import { AppError } from '../../errors.js';
import { cadesDetachedSignature, inspectCmsSignature, unlockPrivateKey } from './pki.js';

/**
 * Who signs, as a signing service needs to know them. With local signing the certificate and the
 * locked key are the ones kept here; a national signing service knows the person by their NIP
 * and holds the key itself.
 */
export interface SignerIdentity {
  governmentId: string;
  governmentName: string;
  employeeId: string;
  nip: string;
  name: string;
  certificate: {
    id: string;
    der: Buffer;
    /** The sealed, passphrase-locked private key. */
    lockedKey: string;
    /** The issuing authority's certificate (and any above it). */
    chain: Buffer[];
  } | null;
}

export interface SigningRequest {
  signer: SignerIdentity;
  passphrase: string;
  /** SHA-256 of what is signed: the PDF's byte range. */
  digest: Buffer;
}

/**
 * Signs a digest for a signer unlocked by their passphrase and returns the detached CMS
 * SignedData (CAdES) to embed in the PDF. A wrong passphrase is `SIGNING_PASSPHRASE_WRONG`.
 */
export interface SigningService {
  readonly mode: 'local' | 'http';
  sign(request: SigningRequest): Promise<Buffer>;
}

/** The purpose a signer's key is sealed for, so a sealed key moved to another row does not open. */
export const signerKeyPurpose = (certificateId: string) => `signer-key:${certificateId}`;

export function wrongPassphrase(): AppError {
  return new AppError('SIGNING_PASSPHRASE_WRONG', {
    details: [
      {
        path: 'body.passphrase',
        message: { id: 'Passphrase salah', en: 'Wrong passphrase' },
      },
    ],
  });
}

/** Signs with the keys kept in this system, issued by the government's own authority. */
export class LocalSigningService implements SigningService {
  readonly mode = 'local' as const;
  constructor(private readonly secrets: Sealer) {}

  async sign({ signer, passphrase, digest }: SigningRequest): Promise<Buffer> {
    if (!signer.certificate) throw new AppError('SIGNING_CERTIFICATE_MISSING');
    const { certificate } = signer;
    const locked = this.secrets.open(certificate.lockedKey, signerKeyPurpose(certificate.id));
    const key = await unlockPrivateKey(locked, passphrase);
    if (!key) throw wrongPassphrase();
    return cadesDetachedSignature({
      digest,
      certificate: certificate.der,
      chain: certificate.chain,
      sign: (attributes) => signBytes('sha256', attributes, key),
    });
  }
}

/**
 * A national signing service reached over HTTP (the wire format is in this module's README): it
 * receives the signer's NIP, the passphrase and the base64 SHA-256, and answers with the CMS. The
 * answer is checked before it is used: it must verify, and sign exactly the digest sent.
 */
export class HttpSigningService implements SigningService {
  readonly mode = 'http' as const;
  constructor(private readonly opts: { url: string; token?: string | undefined; timeoutMs: number }) {}

  async sign({ signer, passphrase, digest }: SigningRequest): Promise<Buffer> {
    let res: Response;
    try {
      res = await fetch(this.opts.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(this.opts.token ? { authorization: `Bearer ${this.opts.token}` } : {}),
        },
        body: JSON.stringify({
          nip: signer.nip,
          name: signer.name,
          organisation: signer.governmentName,
          passphrase,
          hashAlgorithm: 'SHA-256',
          hash: digest.toString('base64'),
          signatureFormat: 'CAdES-detached',
        }),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
        redirect: 'error',
      });
    } catch {
      throw new AppError('SIGNING_SERVICE_UNAVAILABLE');
    }
    const body = (await res.json().catch(() => null)) as {
      signature?: unknown;
      error?: { code?: unknown; message?: unknown };
    } | null;
    if (!res.ok) {
      const code = typeof body?.error?.code === 'string' ? body.error.code : '';
      if (code === 'PASSPHRASE_WRONG') throw wrongPassphrase();
      if (res.status >= 500 || !body?.error) throw new AppError('SIGNING_SERVICE_UNAVAILABLE');
      const said = typeof body.error.message === 'string' ? body.error.message.slice(0, 300) : code;
      throw new AppError('SIGNING_SERVICE_REFUSED', {
        details: [{ path: 'body.passphrase', message: { id: `Layanan TTE: ${said}`, en: `Signing service: ${said}` } }],
      });
    }
    if (typeof body?.signature !== 'string') throw new AppError('SIGNING_SERVICE_UNAVAILABLE');
    const cms = Buffer.from(body.signature, 'base64');
    let check: ReturnType<typeof inspectCmsSignature>;
    try {
      check = inspectCmsSignature(cms);
    } catch {
      throw new AppError('SIGNING_SERVICE_UNAVAILABLE');
    }
    if (!check.valid || !check.digest.equals(digest)) throw new AppError('SIGNING_SERVICE_UNAVAILABLE');
    return cms;
  }
}
