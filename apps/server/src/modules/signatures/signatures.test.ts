import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymous,
  type Client,
  createTestApp,
  type GovernmentFixture,
  makeGovernment,
  signIn,
  type TestContext,
} from '../../test/fixture.js';
import { makeSigners } from '../../test/signing.js';

// The government's certificate authority and its signers' certificates through the API: enrol
// with a passphrase, change it, renew, revoke, lock after wrong passphrases, download the CA.

let t: TestContext;
let a: GovernmentFixture;
let b: GovernmentFixture;
let member: Client;
let head: Client;
let adminA: Client;
let adminB: Client;
const gov = (p = '') => `/api/governments/${a.governmentId}${p}`;
const mine = '/signing-certificates/mine' as const;
const passphrase = 'kalimat sandi tanda tangan';

beforeAll(async () => {
  t = await createTestApp();
  a = await makeGovernment(t.db);
  b = await makeGovernment(t.db);
  const s = await makeSigners(t.db, a);
  member = await signIn(t.app, a.member.username);
  head = await signIn(t.app, s.headUsername);
  adminA = await signIn(t.app, a.admin.username);
  adminB = await signIn(t.app, b.admin.username);
});
afterAll(async () => {
  await t.close();
});

const count = async (sql: string, params: unknown[] = []) =>
  (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;

describe('enrolment', () => {
  it('refuses anonymous callers, other governments and a short passphrase, creating nothing', async () => {
    expect((await anonymous(t.app).request('POST', gov(mine), { passphrase })).statusCode).toBe(401);
    expect((await adminB.request('POST', gov(mine), { passphrase })).statusCode).toBe(403);
    const short = await member.request('POST', gov(mine), { passphrase: 'pendek' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details[0].path).toBe('body.passphrase');
    expect(await count('signer_certificates')).toBe(0);
    expect(await count('signing_authorities')).toBe(0);
  });

  it('tells an account without an employee record that it cannot enrol', async () => {
    const me = await adminA.request('GET', gov(mine));
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ mode: 'local', certificate: null, canEnrol: false });
    expect(me.json().cannotEnrolReason).toContain('pegawai');
    const res = await adminA.request('POST', gov(mine), { passphrase });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('SIGNING_NOT_ENROLLABLE');
  });

  it("issues a certificate from the government's own CA, created on first need, the key locked under the passphrase", async () => {
    expect((await member.request('GET', gov(mine))).json()).toMatchObject({ canEnrol: true, certificate: null });
    const res = await member.request('POST', gov(mine), { passphrase });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    const nip = (await t.db.query<{ nip: string }>('SELECT nip FROM employees WHERE id = $1', [a.staffEmployeeId]))[0]!
      .nip;
    expect(c.subject).toMatch(
      new RegExp(`^serialNumber=${nip}, CN=Sri Wahyuni, OU=Dinas Perdagangan, O=Pemerintah Kabupaten Uji \\d+, C=ID$`),
    );
    expect(c.issuer).toMatch(/^CN=Otoritas Sertifikat Elektronik Pemerintah Kabupaten Uji \d+, O=/);
    expect(c.status).toBe('active');
    expect(c).not.toHaveProperty('privateKey');

    const [row] = await t.db.query<{ private_key: string; certificate: Uint8Array }>(
      'SELECT private_key, certificate FROM signer_certificates WHERE id = $1',
      [c.id],
    );
    // Sealed with the server's key; inside, only an encrypted PKCS#8.
    expect(row!.private_key).toMatch(/^v1\./);
    expect(row!.private_key).not.toContain('PRIVATE KEY');
    const cert = new X509Certificate(row!.certificate);
    const [ca] = await t.db.query<{ certificate: Uint8Array; sealed_private_key: string }>(
      'SELECT certificate, sealed_private_key FROM signing_authorities WHERE government_id = $1',
      [a.governmentId],
    );
    expect(cert.verify(new X509Certificate(ca!.certificate).publicKey)).toBe(true);
    expect(ca!.sealed_private_key).toMatch(/^v1\./);

    const actions = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE government_id = $1 AND action LIKE 'sign%' ORDER BY seq`,
      [a.governmentId],
    );
    expect(actions.map((x) => x.action)).toEqual(['signing_authority.create', 'signer_certificate.enrol']);
    expect((await member.request('GET', gov(mine))).json()).toMatchObject({
      canEnrol: false,
      certificate: { id: c.id },
    });
  });

  it('refuses a second enrolment while a certificate is in force, and uses the same CA for the next person', async () => {
    const again = await member.request('POST', gov(mine), { passphrase });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('SIGNING_CERTIFICATE_EXISTS');
    expect((await head.request('POST', gov(mine), { passphrase: 'passphrase kepala dinas' })).statusCode).toBe(201);
    expect(await count('signing_authorities WHERE government_id = $1', [a.governmentId])).toBe(1);
  });
});

describe('passphrase, renewal and revocation', () => {
  it('changes the passphrase only with the current one, naming the field when it is wrong', async () => {
    const wrong = await member.request('POST', gov(`${mine}/passphrase`), {
      currentPassphrase: 'bukan passphrase ini',
      newPassphrase: 'passphrase baru yang panjang',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({
      code: 'SIGNING_PASSPHRASE_WRONG',
      details: [{ path: 'body.currentPassphrase' }],
    });
    const tooShort = await member.request('POST', gov(`${mine}/passphrase`), {
      currentPassphrase: passphrase,
      newPassphrase: 'x',
    });
    expect(tooShort.json().error.details[0].path).toBe('body.newPassphrase');
    const ok = await member.request('POST', gov(`${mine}/passphrase`), {
      currentPassphrase: passphrase,
      newPassphrase: 'passphrase baru yang panjang',
    });
    expect(ok.statusCode).toBe(200);
    // The old one no longer opens the key; the new one does.
    const old = await member.request('POST', gov(`${mine}/passphrase`), {
      currentPassphrase: passphrase,
      newPassphrase: 'tidak akan dipakai sama sekali',
    });
    expect(old.json().error.code).toBe('SIGNING_PASSPHRASE_WRONG');
    const back = await member.request('POST', gov(`${mine}/passphrase`), {
      currentPassphrase: 'passphrase baru yang panjang',
      newPassphrase: passphrase,
    });
    expect(back.statusCode).toBe(200);
  });

  it('locks the key for a while after five wrong passphrases in a row', async () => {
    const attempt = () =>
      member.request('POST', gov(`${mine}/renew`), {
        passphrase: 'salah lagi dan lagi',
      });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt()).statusCode);
    expect(statuses).toEqual([400, 400, 400, 400, 400]);
    const locked = await member.request('POST', gov(`${mine}/renew`), { passphrase });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('SIGNING_LOCKED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    expect((await member.request('GET', gov(mine))).json().certificate.lockedUntil).not.toBeNull();
    const audit = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE government_id = $1 AND action = 'signer_certificate.lock'`,
      [a.governmentId],
    );
    expect(audit).toHaveLength(1);
    await t.db.query(`UPDATE signer_certificates SET locked_until = now() - interval '1 second'`);
  });

  it('renews: a new key and certificate under the same passphrase, the old one superseded', async () => {
    const before = (await member.request('GET', gov(mine))).json().certificate;
    const res = await member.request('POST', gov(`${mine}/renew`), { passphrase });
    expect(res.statusCode).toBe(200);
    expect(res.json().serialNumber).not.toBe(before.serialNumber);
    const me = (await member.request('GET', gov(mine))).json();
    expect(me.certificate.id).toBe(res.json().id);
    expect(me.history).toEqual([expect.objectContaining({ id: before.id, status: 'superseded' })]);
  });

  it('lets only an administrator list and revoke certificates, with a reason', async () => {
    expect((await member.request('GET', gov('/signing-certificates'))).statusCode).toBe(403);
    expect((await adminB.request('GET', gov('/signing-certificates'))).statusCode).toBe(403);
    const list = await adminA.request('GET', gov('/signing-certificates?status=active'));
    expect(list.statusCode).toBe(200);
    expect(
      list
        .json()
        .items.map((c: { employeeName: string }) => c.employeeName)
        .sort(),
    ).toEqual(['Budi Santoso', 'Sri Wahyuni']);
    const target = list.json().items.find((c: { employeeName: string }) => c.employeeName === 'Budi Santoso');
    const noReason = await adminA.request('POST', gov(`/signing-certificates/${target.id}/revoke`), { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].path).toBe('body.reason');
    expect(
      (await adminB.request('POST', gov(`/signing-certificates/${target.id}/revoke`), { reason: 'Pindah tugas' }))
        .statusCode,
    ).toBe(403);
    const revoked = await adminA.request('POST', gov(`/signing-certificates/${target.id}/revoke`), {
      reason: 'Pindah tugas ke instansi lain',
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({
      status: 'revoked',
      revocationReason: 'Pindah tugas ke instansi lain',
      revokedByName: 'Admin Uji',
    });
    const twice = await adminA.request('POST', gov(`/signing-certificates/${target.id}/revoke`), {
      reason: 'Sekali lagi',
    });
    expect(twice.statusCode).toBe(409);
    // Revoked, the person may enrol again.
    expect((await head.request('GET', gov(mine))).json()).toMatchObject({ certificate: null, canEnrol: true });
  });
});

describe("the CA's certificate", () => {
  it('downloads as PEM and DER for members of the government only', async () => {
    const info = await member.request('GET', gov('/signing-authority'));
    expect(info.json().authority.subject).toContain('Otoritas Sertifikat Elektronik');
    const pem = await member.request('GET', gov('/signing-authority/certificate'));
    expect(pem.statusCode).toBe(200);
    expect(pem.body).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const der = await member.request('GET', gov('/signing-authority/certificate?format=der'));
    expect(new X509Certificate(der.rawPayload).fingerprint256.replace(/:/g, '').toLowerCase()).toBe(
      info.json().authority.fingerprintSha256,
    );
    expect((await member.request('GET', gov('/signing-authority/certificate?format=p12'))).statusCode).toBe(400);
    expect((await adminB.request('GET', gov('/signing-authority/certificate'))).statusCode).toBe(403);
    expect((await anonymous(t.app).request('GET', gov('/signing-authority/certificate'))).statusCode).toBe(401);
    const other = await adminB.request('GET', `/api/governments/${b.governmentId}/signing-authority/certificate`);
    expect(other.statusCode).toBe(404);
  });
});
