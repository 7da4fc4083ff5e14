import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PdfsigSignature {
  commonName: string;
  distinguishedName: string;
  subFilter: string;
  hash: string;
  /** "Signature is Valid.", "Digest Mismatch.", … */
  validation: string;
  /** "Certificate is Trusted.", "Certificate issuer isn't Trusted.", … */
  certificate: string;
  wholeDocument: boolean;
}

/**
 * What poppler's `pdfsig` says of each signature of a PDF. With `nssDir`, it judges the
 * certificates against that NSS database (see `trustingNssDb`).
 */
export async function pdfsig(pdf: Buffer, opts: { nssDir?: string } = {}): Promise<PdfsigSignature[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidakin-pdfsig-'));
  const file = path.join(dir, 'doc.pdf');
  fs.writeFileSync(file, pdf);
  try {
    const args = [...(opts.nssDir ? ['-nssdir', opts.nssDir] : []), file];
    const { stdout } = await run('pdfsig', args).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
    return stdout
      .split(/^Signature #\d+:$/m)
      .slice(1)
      .map((block) => {
        const field = (label: string) => new RegExp(`- ${label}: (.*)$`, 'm').exec(block)?.[1]?.trim() ?? '';
        return {
          commonName: field('Signer Certificate Common Name'),
          distinguishedName: field('Signer full Distinguished Name'),
          subFilter: field('Signature Type'),
          hash: field('Signing Hash Algorithm'),
          validation: field('Signature Validation'),
          certificate: field('Certificate Validation'),
          wholeDocument: /Total document signed/.test(block),
        };
      });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether NSS's certutil (Debian's libnss3-tools) is installed. */
export function hasCertutil(): boolean {
  try {
    execFileSync('certutil', ['-H'], { stdio: 'ignore' });
    return true;
  } catch (err) {
    // certutil -H prints its help and exits non-zero; only a missing program is "not there".
    return (err as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/** A temporary NSS database that trusts the given CA certificate (PEM) for signatures. */
export function trustingNssDb(caPem: string): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidakin-nss-'));
  fs.writeFileSync(path.join(dir, 'ca.pem'), caPem);
  execFileSync('certutil', ['-N', '--empty-password', '-d', `sql:${dir}`], { stdio: 'ignore' });
  // "C,C,C": a trusted CA for TLS, e-mail/document signatures and code signing.
  execFileSync(
    'certutil',
    ['-A', '-n', 'sidakin-ca', '-t', 'C,C,C', '-i', path.join(dir, 'ca.pem'), '-d', `sql:${dir}`],
    {
      stdio: 'ignore',
    },
  );
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
