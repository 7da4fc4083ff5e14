import { createHash } from 'node:crypto';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';

/**
 * PAdES signatures on the system's PDFs. Each signature is an incremental update (the file so far
 * stays byte for byte, so earlier signatures stay valid): @signpdf/placeholder-plain appends a
 * signature field with a placeholder (SubFilter ETSI.CAdES.detached), @signpdf/signpdf fixes the
 * byte range and puts in the CMS that `sign` returns for the SHA-256 of everything but the
 * placeholder.
 */

/** Room for the CMS (bytes): the signer's certificate and a chain of a few certificates. */
export const signatureRoom = 16_384;

class DigestSigner extends Signer {
  constructor(private readonly signDigest: (digest: Buffer) => Promise<Buffer>) {
    super();
  }
  override async sign(content: Buffer): Promise<Buffer> {
    return this.signDigest(createHash('sha256').update(content).digest());
  }
}

export async function addPadesSignature(
  pdf: Buffer,
  meta: { name: string; reason: string; location: string; contactInfo?: string; signingTime: Date },
  signDigest: (digest: Buffer) => Promise<Buffer>,
): Promise<Buffer> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: meta.reason,
    contactInfo: meta.contactInfo ?? '',
    name: meta.name,
    location: meta.location,
    signingTime: meta.signingTime,
    signatureLength: signatureRoom,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'SIDAKIN',
  });
  return new SignPdf().sign(withPlaceholder, new DigestSigner(signDigest));
}
