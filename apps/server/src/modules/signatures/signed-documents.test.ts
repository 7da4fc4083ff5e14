import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../http/context.js';
import {
  anonymous,
  type Client,
  createTestApp,
  type GovernmentFixture,
  makeGovernment,
  signIn,
  type TestContext,
} from '../../test/fixture.js';
import { hasCertutil, pdfsig, trustingNssDb } from '../../test/pdfsig.js';
import { contextOf, makeSigners, renderTestDocument } from '../../test/signing.js';
import { allocateNumberTx, createPatternTx } from '../numbering/numbering.service.js';
import { createSignatureRequestTx, signDocumentTx } from './signed-documents.service.js';

// A document signed by two positions in order — the Sekretaris (held by a Plh) then the Kepala
// Dinas — through the API; pdfsig judges the file; anyone can check it on the public page.

let t: TestContext;
let a: GovernmentFixture;
let b: GovernmentFixture;
let member: Client;
let head: Client;
let adminA: Client;
let adminB: Client;
let secretaryPositionId: string;
let documentId: string;
let code: string;
let agendaEntryId: string;
const gov = (p = '') => `/api/governments/${a.governmentId}${p}`;
const staffPass = 'passphrase sekretaris plh';
const headPass = 'passphrase kepala dinas';

async function request(title: string) {
  const ctx = await contextOf(t.db, member);
  return t.db.transaction(async (tx) => {
    const entry = await allocateNumberTx(tx, ctx, {
      governmentId: a.governmentId,
      agencyId: a.agencyId,
      kind: 'perbaikan-data-kinerja',
      subject: title,
      counterpart: 'Kepala Dinas Perdagangan',
    });
    return createSignatureRequestTx(tx, ctx, {
      governmentId: a.governmentId,
      agencyId: a.agencyId,
      kind: 'perbaikan-data-kinerja',
      number: entry.number,
      title,
      documentDate: entry.entryDate,
      signers: [{ positionId: secretaryPositionId }, { positionId: a.headPositionId }],
      fileName: 'perbaikan-data-kinerja.pdf',
      agendaEntryId: entry.id,
      render: (mark) =>
        renderTestDocument(mark, [
          { position: 'Sekretaris Dinas', name: 'Sri Wahyuni' },
          { position: 'Kepala Dinas', name: 'Budi Santoso' },
        ]),
    });
  });
}

beforeAll(async () => {
  t = await createTestApp();
  a = await makeGovernment(t.db);
  b = await makeGovernment(t.db);
  const s = await makeSigners(t.db, a);
  secretaryPositionId = s.secretaryPositionId;
  member = await signIn(t.app, a.member.username);
  head = await signIn(t.app, s.headUsername);
  adminA = await signIn(t.app, a.admin.username);
  adminB = await signIn(t.app, b.admin.username);
  await t.db.transaction((tx) =>
    createPatternTx(tx, systemContext('test'), a.governmentId, {
      agencyId: a.agencyId,
      kind: 'perbaikan-data-kinerja',
      label: 'Dokumen Perbaikan Data Kinerja',
      pattern: '050/{seq}/Disdag/{romanMonth}/{year}',
    }),
  );
  expect((await member.request('POST', gov('/signing-certificates/mine'), { passphrase: staffPass })).statusCode).toBe(
    201,
  );
  expect((await head.request('POST', gov('/signing-certificates/mine'), { passphrase: headPass })).statusCode).toBe(
    201,
  );
  const doc = await request('Perbaikan Data Kinerja Triwulan III');
  documentId = doc.id;
  code = doc.verificationCode;
  agendaEntryId = (
    await t.db.query<{ agenda_entry_id: string }>('SELECT agenda_entry_id FROM signed_documents WHERE id = $1', [
      doc.id,
    ])
  )[0]!.agenda_entry_id;
});
afterAll(async () => {
  await t.close();
});

const sign = (c: Client, id: string, passphrase: string) =>
  c.request('POST', gov(`/signed-documents/${id}/sign`), { passphrase });

describe('a document to be signed', () => {
  it('is numbered from the buku agenda, and carries its QR code and verification URL', async () => {
    const d = (await member.request('GET', gov(`/signed-documents/${documentId}`))).json();
    expect(d.number).toMatch(/^050\/1\/Disdag\/[IVX]+\/\d{4}$/);
    expect(d.status).toBe('awaiting');
    expect(d.verificationCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(d.verificationUrl).toBe(`http://localhost:3000/verifikasi/${d.verificationCode}`);
    expect(d.signers.map((s: { positionName: string; status: string }) => [s.positionName, s.status])).toEqual([
      ['Sekretaris Dinas', 'next'],
      ['Kepala Dinas', 'waiting'],
    ]);
    expect(d.myTurn).toBe(true);
    const book = (await member.request('GET', gov('/agenda'))).json();
    expect(book.items[0]).toMatchObject({
      id: agendaEntryId,
      number: d.number,
      link: { kind: 'signed_document', id: documentId },
    });
  });

  it('is signed only by whoever holds the next position, with the right passphrase; nothing changes otherwise', async () => {
    const before = (await member.request('GET', gov(`/signed-documents/${documentId}`))).json().currentFile.sha256;
    expect(
      (await anonymous(t.app).request('POST', gov(`/signed-documents/${documentId}/sign`), { passphrase: headPass }))
        .statusCode,
    ).toBe(401);
    expect(
      (await adminB.request('POST', gov(`/signed-documents/${documentId}/sign`), { passphrase: headPass })).statusCode,
    ).toBe(403);
    const notYet = await sign(head, documentId, headPass);
    expect(notYet.statusCode).toBe(403);
    expect(notYet.json().error.code).toBe('SIGNING_NOT_YOUR_TURN');
    const empty = await member.request('POST', gov(`/signed-documents/${documentId}/sign`), {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details[0].path).toBe('body.passphrase');
    const wrong = await sign(member, documentId, 'passphrase yang keliru');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({
      code: 'SIGNING_PASSPHRASE_WRONG',
      details: [{ path: 'body.passphrase' }],
    });
    const after = (await member.request('GET', gov(`/signed-documents/${documentId}`))).json();
    expect(after.currentFile.sha256).toBe(before);
    expect(after.signers.every((s: { signedAt: string | null }) => s.signedAt === null)).toBe(true);
    expect((await member.request('GET', gov(`/signed-documents/${documentId}/sign`))).statusCode).toBe(404);
  });

  it('takes the signatures in order, the Plh marked, and ends as a signed file whose every signature pdfsig finds valid', async () => {
    const first = await sign(member, documentId, staffPass);
    expect(first.statusCode).toBe(200);
    expect(first.json().signers[0]).toMatchObject({
      status: 'signed',
      signerName: 'Sri Wahyuni',
      acting: 'plh',
      actingLabel: 'Plh.',
    });
    expect(first.json().status).toBe('awaiting');
    const waiting = (await head.request('GET', gov('/signed-documents?awaiting=me'))).json();
    expect(waiting.items.map((d: { id: string }) => d.id)).toEqual([documentId]);
    expect((await member.request('GET', gov('/signed-documents?awaiting=me'))).json().items).toEqual([]);

    const second = await sign(head, documentId, headPass);
    expect(second.statusCode).toBe(200);
    const d = second.json();
    expect(d.status).toBe('signed');
    expect(d.signers[1]).toMatchObject({ status: 'signed', signerName: 'Budi Santoso', acting: 'definitive' });
    expect(d.signedAt).not.toBeNull();

    const file = await member.request('GET', gov(`/signed-documents/${documentId}/file`));
    expect(file.headers['content-type']).toBe('application/pdf');
    const bytes = file.rawPayload;
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(d.finalSha256);
    const report = await pdfsig(bytes);
    expect(report.map((r) => [r.commonName, r.validation, r.subFilter])).toEqual([
      ['Sri Wahyuni', 'Signature is Valid.', 'ETSI.CAdES.detached'],
      ['Budi Santoso', 'Signature is Valid.', 'ETSI.CAdES.detached'],
    ]);
    expect(hasCertutil()).toBe(true);
    const pem = (await member.request('GET', gov('/signing-authority/certificate'))).body;
    const nss = trustingNssDb(pem);
    try {
      expect((await pdfsig(bytes, { nssDir: nss.dir })).map((r) => r.certificate)).toEqual([
        'Certificate is Trusted.',
        'Certificate is Trusted.',
      ]);
    } finally {
      nss.remove();
    }
    const original = await member.request('GET', gov(`/signed-documents/${documentId}/file?version=original`));
    expect(createHash('sha256').update(original.rawPayload).digest('hex')).toBe(d.originalFile.sha256);
    expect((await sign(head, documentId, headPass)).json().error.code).toBe('SIGNING_DOCUMENT_STATE');
    const audit = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'signed_document.sign'`,
      [documentId],
    );
    expect(audit[0]!.n).toBe(2);
  });

  it('signs through the service functions inside the caller’s own transaction', async () => {
    const doc = await request('Perbaikan Data Kinerja Triwulan IV');
    const ctx = await contextOf(t.db, member);
    await t.db.transaction(async (tx) =>
      signDocumentTx(tx, ctx, {
        governmentId: a.governmentId,
        documentId: doc.id,
        passphrase: staffPass,
      }),
    );
    const d = (await member.request('GET', gov(`/signed-documents/${doc.id}`))).json();
    expect(d.signers.map((s: { status: string }) => s.status)).toEqual(['signed', 'next']);
  });

  it('is cancelled by an administrator with a reason; its number stays in the book, void', async () => {
    const doc = await request('Dokumen yang dibatalkan');
    expect(
      (await member.request('POST', gov(`/signed-documents/${doc.id}/cancel`), { reason: 'Salah data' })).statusCode,
    ).toBe(403);
    const bad = await adminA.request('POST', gov(`/signed-documents/${doc.id}/cancel`), { reason: '' });
    expect(bad.json().error.details[0].path).toBe('body.reason');
    const res = await adminA.request('POST', gov(`/signed-documents/${doc.id}/cancel`), {
      reason: 'Data yang dikoreksi keliru',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('cancelled');
    const book = (await adminA.request('GET', gov('/agenda?status=void'))).json();
    expect(book.items).toEqual([
      expect.objectContaining({
        number: doc.number,
        status: 'void',
        voidReason: 'Dokumen dibatalkan: Data yang dikoreksi keliru',
      }),
    ]);
    expect((await sign(member, doc.id, staffPass)).json().error.code).toBe('SIGNING_DOCUMENT_STATE');
  });
});

describe('public verification', () => {
  it('shows number, title, agency, hash and signers with times to anyone, and no NIP', async () => {
    const res = await anonymous(t.app).request('GET', `/api/public/verify/${code}`);
    expect(res.statusCode).toBe(200);
    const v = res.json();
    const d = (await member.request('GET', gov(`/signed-documents/${documentId}`))).json();
    expect(v).toMatchObject({
      code,
      number: d.number,
      title: 'Perbaikan Data Kinerja Triwulan III',
      kindLabel: 'Dokumen Perbaikan Data Kinerja',
      agencyName: 'Dinas Perdagangan',
      status: 'signed',
      sha256: d.finalSha256,
      pending: [],
    });
    // Signing times are shown in the government's own zone (WIB, WITA, WIT), whatever the reader's.
    const [g] = await t.db.query<{ time_zone: string }>('SELECT time_zone FROM governments WHERE id = $1', [
      a.governmentId,
    ]);
    expect(v.timeZone).toBe(g!.time_zone);
    expect(v.signers).toEqual([
      { order: 1, name: 'Sri Wahyuni', position: 'Plh. Sekretaris Dinas', signedAt: expect.any(String) },
      { order: 2, name: 'Budi Santoso', position: 'Kepala Dinas', signedAt: expect.any(String) },
    ]);
    const nips = await t.db.query<{ nip: string }>('SELECT nip FROM employees WHERE government_id = $1', [
      a.governmentId,
    ]);
    for (const { nip } of nips) expect(res.body).not.toContain(nip);
    // People type codes in groups, in lower case, with O for 0.
    const typed = `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8, 12)}-${code.slice(12)}`.toLowerCase();
    expect((await anonymous(t.app).request('GET', `/api/public/verify/${typed}`)).json().number).toBe(d.number);
    expect((await anonymous(t.app).request('GET', '/api/public/verify/ZZZZZZZZZZZZZZZZ')).statusCode).toBe(404);
    expect((await anonymous(t.app).request('GET', '/api/public/verify/x')).statusCode).toBe(400);
  });

  it('says an uploaded file is the signed one only if it is byte for byte; a single changed byte fails', async () => {
    const signed = (await member.request('GET', gov(`/signed-documents/${documentId}/file`))).rawPayload;
    const upload = (bytes: Uint8Array) => {
      const form = new FormData();
      form.append('file', new Blob([bytes], { type: 'application/pdf' }), 'dokumen.pdf');
      return anonymous(t.app).request('POST', `/api/public/verify/${code}`, form);
    };
    const same = await upload(signed);
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ result: 'match', expectedSha256: same.json().sha256 });
    const changed = Buffer.from(signed);
    changed[Math.floor(changed.length / 3)]! ^= 0x20;
    const other = await upload(changed);
    expect(other.json()).toMatchObject({ result: 'mismatch' });
    expect(other.json().sha256).not.toBe(other.json().expectedSha256);
    const original = (await member.request('GET', gov(`/signed-documents/${documentId}/file?version=original`)))
      .rawPayload;
    expect((await upload(original)).json()).toMatchObject({ result: 'earlier', signaturesInFile: 0 });
    const none = await anonymous(t.app).request('POST', `/api/public/verify/${code}`, new FormData());
    expect(none.statusCode).toBe(400);
    const tooBig = await upload(Buffer.alloc(21 * 1024 * 1024, 1));
    expect(tooBig.statusCode).toBe(413);
    // Nothing a visitor uploads is kept.
    const kept = await t.db.query('SELECT 1 FROM files WHERE sha256 = $1', [
      createHash('sha256').update(changed).digest('hex'),
    ]);
    expect(kept).toHaveLength(0);
  });

  it("lets anyone download the issuing CA's certificate from the verification page", async () => {
    const res = await anonymous(t.app).request('GET', `/api/public/verify/${code}/authority-certificate`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe((await member.request('GET', gov('/signing-authority/certificate'))).body);
  });
});
