import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sealer } from '../../crypto/sealer.js';
import { systemContext } from '../../http/context.js';
import {
  type Client,
  createTestApp,
  type GovernmentFixture,
  makeGovernment,
  signIn,
  type TestContext,
} from '../../test/fixture.js';
import { pdfsig } from '../../test/pdfsig.js';
import { contextOf, makeSigners, renderTestDocument } from '../../test/signing.js';
import { createPatternTx } from '../numbering/numbering.service.js';
import { createAuthorityCertificate, issueSignerCertificate, lockPrivateKey } from './pki.js';
import { createSignatureRequestTx } from './signed-documents.service.js';
import { LocalSigningService, type SignerIdentity, signerKeyPurpose } from './signing-service.js';

// Signing through a national signing service over HTTP. A small fake of that service runs on
// 127.0.0.1 inside the test: it knows one signer by NIP, holds their key (issued by its own CA)
// and signs with the local signer behind it.

const token = 'token-layanan-uji';
const nationalPassphrase = 'passphrase di layanan nasional';
let t: TestContext;
let a: GovernmentFixture;
let head: Client;
let service: http.Server;
let serviceUrl: string;
let serviceUp = true;
const received: Record<string, unknown>[] = [];
let headNip: string;
let issuedSerial: string;

beforeAll(async () => {
  // The national service: its CA, the head's certificate and key, the local signer behind it.
  const sealer = new Sealer(Buffer.alloc(32, 4));
  const behind = new LocalSigningService(sealer);
  const ca = await createAuthorityCertificate({ governmentName: 'Balai Sertifikasi Elektronik Uji' });
  const signers = new Map<string, SignerIdentity>();

  service = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (!serviceUp) return reply(503, { error: { code: 'UNAVAILABLE', message: 'sedang pemeliharaan' } });
      if (req.headers.authorization !== `Bearer ${token}`) return reply(401, { error: { code: 'UNAUTHORIZED' } });
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      received.push(body);
      const signer = signers.get(body.nip);
      if (!signer) return reply(404, { error: { code: 'SIGNER_UNKNOWN', message: 'NIP tidak terdaftar' } });
      if (body.passphrase !== nationalPassphrase) return reply(401, { error: { code: 'PASSPHRASE_WRONG' } });
      const cms = await behind.sign({ signer, passphrase: body.passphrase, digest: Buffer.from(body.hash, 'base64') });
      return reply(200, { signature: cms.toString('base64') });
    });
  });
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
  serviceUrl = `http://127.0.0.1:${(service.address() as AddressInfo).port}/api/sign/pdf`;

  t = await createTestApp({ signingService: { url: serviceUrl, token, timeoutMs: 5000 } });
  a = await makeGovernment(t.db);
  const s = await makeSigners(t.db, a);
  head = await signIn(t.app, s.headUsername);
  headNip = (await t.db.query<{ nip: string }>('SELECT nip FROM employees WHERE id = $1', [a.headEmployeeId]))[0]!.nip;

  const issued = await issueSignerCertificate({
    authority: { certificate: ca.certificate.der, privateKey: ca.privateKey },
    name: 'Budi Santoso',
    nip: headNip,
    governmentName: 'Pemerintah Kabupaten Uji',
    agencyName: 'Dinas Perdagangan',
  });
  issuedSerial = issued.certificate.serialNumber;
  const id = randomUUID();
  signers.set(headNip, {
    governmentId: id,
    governmentName: 'Pemerintah Kabupaten Uji',
    employeeId: id,
    nip: headNip,
    name: 'Budi Santoso',
    certificate: {
      id,
      der: issued.certificate.der,
      lockedKey: sealer.seal(await lockPrivateKey(issued.privateKey, nationalPassphrase), signerKeyPurpose(id)),
      chain: [ca.certificate.der],
    },
  });
  await t.db.transaction((tx) =>
    createPatternTx(tx, systemContext('test'), a.governmentId, {
      agencyId: a.agencyId,
      kind: 'nota-dinas',
      label: 'Nota Dinas',
      pattern: '{seq}/ND/{year}',
    }),
  );
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => service.close(resolve));
});

async function newDocument(): Promise<string> {
  const ctx = await contextOf(t.db, head);
  const doc = await t.db.transaction((tx) =>
    createSignatureRequestTx(tx, ctx, {
      governmentId: a.governmentId,
      agencyId: a.agencyId,
      kind: 'nota-dinas',
      number: '7/ND/2026',
      title: 'Nota Dinas permintaan data kinerja',
      documentDate: '2026-01-05',
      signers: [{ positionId: a.headPositionId }],
      fileName: 'nota-dinas.pdf',
      render: (mark) => renderTestDocument(mark, [{ position: 'Kepala Dinas', name: 'Budi Santoso' }]),
    }),
  );
  return doc.id;
}

const gov = (p: string) => `/api/governments/${a.governmentId}${p}`;

describe('a national signing service over HTTP', () => {
  it('signs with the NIP, the passphrase and the base64 SHA-256; the CMS goes into the PDF as it came', async () => {
    // No local enrolment is needed: the service holds the key.
    expect((await head.request('GET', gov('/signing-certificates/mine'))).json()).toMatchObject({
      mode: 'http',
      canEnrol: false,
    });
    const enrol = await head.request('POST', gov('/signing-certificates/mine'), { passphrase: nationalPassphrase });
    expect(enrol.statusCode).toBe(409);
    const id = await newDocument();
    const res = await head.request('POST', gov(`/signed-documents/${id}/sign`), { passphrase: nationalPassphrase });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('signed');
    expect(res.json().signers[0].certificateSerial).toBe(issuedSerial);
    const last = received.at(-1)!;
    expect(last).toMatchObject({
      nip: headNip,
      passphrase: nationalPassphrase,
      hashAlgorithm: 'SHA-256',
      signatureFormat: 'CAdES-detached',
    });
    expect(Buffer.from(String(last.hash), 'base64')).toHaveLength(32);
    const pdf = (await head.request('GET', gov(`/signed-documents/${id}/file`))).rawPayload;
    const report = await pdfsig(pdf);
    expect(report).toHaveLength(1);
    expect(report[0]).toMatchObject({ validation: 'Signature is Valid.', subFilter: 'ETSI.CAdES.detached' });
    expect(report[0]!.distinguishedName).toContain(`serialNumber=${headNip}`);
  });

  it("passes on the service's wrong-passphrase answer as a 400 naming the field, and changes nothing", async () => {
    const id = await newDocument();
    const res = await head.request('POST', gov(`/signed-documents/${id}/sign`), { passphrase: 'bukan passphrase' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'SIGNING_PASSPHRASE_WRONG',
      details: [{ path: 'body.passphrase' }],
    });
    expect((await head.request('GET', gov(`/signed-documents/${id}`))).json().signers[0].signedAt).toBeNull();
  });

  it('answers 502 when the service is down, and nothing is signed', async () => {
    const id = await newDocument();
    serviceUp = false;
    try {
      const res = await head.request('POST', gov(`/signed-documents/${id}/sign`), { passphrase: nationalPassphrase });
      expect(res.statusCode).toBe(502);
      expect(res.json().error.code).toBe('SIGNING_SERVICE_UNAVAILABLE');
    } finally {
      serviceUp = true;
    }
    expect((await head.request('GET', gov(`/signed-documents/${id}`))).json().status).toBe('awaiting');
  });
});
