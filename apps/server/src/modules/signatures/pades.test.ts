import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Sealer } from '../../crypto/sealer.js';
import { hasCertutil, pdfsig, trustingNssDb } from '../../test/pdfsig.js';
import { addPadesSignature } from './pades.js';
import {
  certificatePem,
  createAuthorityCertificate,
  inspectCmsSignature,
  issueSignerCertificate,
  lockPrivateKey,
  unlockPrivateKey,
} from './pki.js';
import { renderSignableDocument } from './signature-block.js';
import { LocalSigningService, type SignerIdentity, signerKeyPurpose } from './signing-service.js';

// The signing pieces without a database: the government's CA, signers' certificates and locked
// keys, CAdES signatures, and a PDF signed by three people in turn, judged by poppler's pdfsig.

const sealer = new Sealer(Buffer.alloc(32, 9));
const governmentName = 'Pemerintah Kabupaten Uji';
let authority: Awaited<ReturnType<typeof createAuthorityCertificate>>;
const people = [
  { name: 'Budi Santoso, S.E.', nip: '198501012010011001', passphrase: 'kalimat rahasia budi' },
  { name: 'Sri Wahyuni', nip: '198602022011012002', passphrase: 'sri-wahyuni-2025!' },
  { name: 'Agus Salim', nip: '197703032000031003', passphrase: 'agus salim tanda tangan' },
];
let signers: (SignerIdentity & { passphrase: string })[];
let unsigned: Buffer;
let signed: Buffer;
/** The file after each signature. */
const revisions: Buffer[] = [];
const service = new LocalSigningService(sealer);
const mark = { code: '7KQ4M9XD2HTP8W3C', url: 'https://sidakin.example.go.id/verifikasi/7KQ4M9XD2HTP8W3C' };

beforeAll(async () => {
  authority = await createAuthorityCertificate({ governmentName });
  signers = [];
  for (const p of people) {
    const issued = await issueSignerCertificate({
      authority: { certificate: authority.certificate.der, privateKey: authority.privateKey },
      name: p.name,
      nip: p.nip,
      governmentName,
      agencyName: 'Dinas Perindustrian dan Perdagangan',
    });
    const id = randomUUID();
    signers.push({
      governmentId: randomUUID(),
      governmentName,
      employeeId: randomUUID(),
      nip: p.nip,
      name: p.name,
      passphrase: p.passphrase,
      certificate: {
        id,
        der: issued.certificate.der,
        lockedKey: sealer.seal(await lockPrivateKey(issued.privateKey, p.passphrase), signerKeyPurpose(id)),
        chain: [authority.certificate.der],
      },
    });
  }
  unsigned = await renderSignableDocument({
    letterhead: { lines: ['PEMERINTAH KABUPATEN UJI'], address: 'Jl. Uji No. 1', contact: '', logo: null },
    agencyName: 'Dinas Perindustrian dan Perdagangan',
    governmentName,
    title: 'Dokumen Perbaikan Data Kinerja',
    number: 'SOP/459/438.5.20/2021',
    paragraphs: ['Perbaikan data kinerja triwulan III sebagaimana terlampir.'],
    place: 'Sidoarjo',
    date: '14 Juni 2021',
    signers: people.map((p) => ({ position: 'Anggota Tim', name: p.name, nip: p.nip })),
    mark,
  });
  signed = unsigned;
  for (const s of signers) {
    signed = await addPadesSignature(
      signed,
      { name: s.name, reason: 'Menyetujui', location: 'Sidoarjo', signingTime: new Date() },
      (digest) => service.sign({ signer: s, passphrase: s.passphrase, digest }),
    );
    revisions.push(signed);
  }
});

describe('certificates and keys', () => {
  it('issues a root naming the government and signer certificates it verifies', () => {
    expect(authority.certificate.subject).toBe(
      `CN=Otoritas Sertifikat Elektronik ${governmentName}, O=${governmentName}, C=ID`,
    );
    expect(authority.certificate.issuer).toBe(authority.certificate.subject);
    const info = inspectCmsFromSigner(0);
    expect(info.certificate.subject).toBe(
      // A comma in the name is escaped, as RFC 4514 writes it.
      `serialNumber=${people[0]!.nip}, CN=Budi Santoso\\, S.E., OU=Dinas Perindustrian dan Perdagangan, O=${governmentName}, C=ID`,
    );
    expect(info.certificate.issuer).toBe(authority.certificate.subject);
    expect(info.certificate.notAfter.getTime()).toBeGreaterThan(Date.now() + 700 * 86_400_000);
  });

  it('opens a locked key only with its passphrase', async () => {
    const issued = await issueSignerCertificate({
      authority: { certificate: authority.certificate.der, privateKey: authority.privateKey },
      name: 'Rina',
      nip: '199001012015012001',
      governmentName,
      agencyName: null,
    });
    const locked = await lockPrivateKey(issued.privateKey, 'passphrase yang benar');
    expect(locked).not.toContain('PRIVATE KEY');
    expect(await unlockPrivateKey(locked, 'passphrase yang salah')).toBeNull();
    const key = await unlockPrivateKey(locked, 'passphrase yang benar');
    expect(key?.asymmetricKeyType).toBe('rsa');
    // A standard encrypted PKCS#8 inside: openssl reads it with the stretched password's help only.
    const pkcs8 = Buffer.from(JSON.parse(locked).pkcs8, 'base64');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidakin-p8-'));
    fs.writeFileSync(path.join(dir, 'k.der'), pkcs8);
    const parsed = execFileSync('openssl', ['asn1parse', '-inform', 'DER', '-in', path.join(dir, 'k.der')]).toString();
    fs.rmSync(dir, { recursive: true, force: true });
    expect(parsed).toContain('PBES2');
    expect(parsed).toContain('aes-256-cbc');
  });

  it('refuses a wrong passphrase with the field named', async () => {
    const s = signers[0]!;
    await expect(
      service.sign({ signer: s, passphrase: 'bukan ini', digest: Buffer.alloc(32, 1) }),
    ).rejects.toMatchObject({
      code: 'SIGNING_PASSPHRASE_WRONG',
      details: [{ path: 'body.passphrase' }],
    });
  });

  it('makes CAdES signatures with signing-certificate-v2 over exactly the digest given', async () => {
    const digest = Buffer.alloc(32, 7);
    const cms = await service.sign({ signer: signers[1]!, passphrase: people[1]!.passphrase, digest });
    const check = inspectCmsSignature(cms);
    expect(check.valid).toBe(true);
    expect(check.digest.equals(digest)).toBe(true);
    expect(check.hasSigningCertificateV2).toBe(true);
    expect(check.certificate.subject).toContain(`serialNumber=${people[1]!.nip}`);
  });
});

function inspectCmsFromSigner(i: number) {
  // The i-th signature's CMS, read back from the signed file's /Contents.
  const text = signed.toString('latin1');
  const all = [...text.matchAll(/\/Contents <([0-9a-f]+)>/g)];
  const hex = all[i]![1]!.replace(/(00)+$/, '');
  return inspectCmsSignature(Buffer.from(hex, 'hex'));
}

describe('PAdES signatures on a produced PDF', () => {
  it('carries the QR code target and the verification code before anyone signs', () => {
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: unsigned }).toString();
    expect(text).toContain('7KQ4-M9XD-2HTP-8W3C');
    expect(text).toContain('Ditandatangani secara elektronik oleh');
    expect(text.replace(/\s+/g, ' ')).toContain(mark.url);
  });

  it('keeps every signature valid after the next one is added, each ETSI.CAdES.detached with SHA-256', async () => {
    const report = await pdfsig(signed);
    expect(report.map((r) => r.commonName)).toEqual(people.map((p) => p.name));
    for (const r of report) {
      expect(r.validation).toBe('Signature is Valid.');
      expect(r.subFilter).toBe('ETSI.CAdES.detached');
      expect(r.hash).toBe('SHA-256');
    }
    expect(report.map((r) => r.wholeDocument)).toEqual([false, false, true]);
    expect(signed.subarray(0, unsigned.length - 1).equals(unsigned.subarray(0, unsigned.length - 1))).toBe(true);
  });

  it('is trusted by pdfsig once the government CA is trusted', async () => {
    expect(hasCertutil()).toBe(true);
    const before = await pdfsig(signed);
    expect(before[0]!.certificate).toBe("Certificate issuer isn't Trusted.");
    const nss = trustingNssDb(certificatePem(authority.certificate.der));
    try {
      const report = await pdfsig(signed, { nssDir: nss.dir });
      expect(report.map((r) => r.certificate)).toEqual(people.map(() => 'Certificate is Trusted.'));
      expect(report.map((r) => r.validation)).toEqual(people.map(() => 'Signature is Valid.'));
    } finally {
      nss.remove();
    }
  });

  it('fails every signature that covers a changed byte', async () => {
    // A byte of the page content (covered by all three), one of the second signature's update
    // (covered by the second and the third), one of the third's (the third only).
    for (const [at, broken] of [
      [Math.floor(unsigned.length / 2), [0, 1, 2]],
      [revisions[0]!.length + 40, [1, 2]],
      [revisions[1]!.length + 40, [2]],
    ] as const) {
      const copy = Buffer.from(signed);
      copy[at] = (copy[at] ?? 0) ^ 0x01;
      const report = await pdfsig(copy);
      report.forEach((r, i) => {
        expect(r.validation, `signature ${i + 1}, byte ${at}`).toBe(
          (broken as readonly number[]).includes(i) ? 'Digest Mismatch.' : 'Signature is Valid.',
        );
      });
    }
  });
});
