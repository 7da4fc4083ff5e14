import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  type GovernmentFixture,
  makeGovernment,
  signIn,
  TEST_PASSWORD,
  type TestContext,
} from '../../test/fixture.js';

// A procedure of an agency that is not among the seeds, written as a file in the same format: it
// validates, binds and runs with no change to the code.

let t: TestContext;
let g: GovernmentFixture;
beforeAll(async () => {
  t = await createTestApp();
  g = await makeGovernment(t.db, { code: 'kota-uji' });
});
afterAll(async () => {
  await t.close();
});

const sop = `
schemaVersion: 1
id: kota-uji/disdag/verifikasi-bukti-dukung
title: Verifikasi Bukti Dukung Kinerja
kind: general
agency: { government: kota-uji, agency: disdag, header: [PEMERINTAH KOTA UJI, DINAS PERDAGANGAN] }
identity: { number: 800/1/DISDAG/2026, createdOn: 2 Januari 2026, revisedOn: null, effectiveOn: 2 Januari 2026, approvedBy: { position: Kepala Dinas } }
notes: [Ditulis untuk uji; tidak berasal dari dokumen sumber.]
lanes:
  kadis: { title: Kepala Dinas, binding: head-of-agency }
  staf: { title: Pengelola Data, binding: staff-of-unit }
steps:
  - { no: 1, lane: kadis, action: instruct, text: Memerintahkan verifikasi bukti dukung, duration: 15 menit, outputs: [Disposisi] }
  - { no: 2, lane: staf, action: task, text: Memeriksa kelengkapan bukti dukung, duration: 1 hari, outputs: [Daftar periksa] }
  - { no: 3, lane: kadis, action: review, text: Menelaah hasil verifikasi, decision: { ya: 4, tidak: 2 }, duration: 30 menit }
  - { no: 4, lane: staf, action: archive, text: Mengarsipkan hasil verifikasi, duration: 10 menit }
`;

describe('an SOP written for another agency', () => {
  it('validates, binds to the agency’s positions and runs to the end', async () => {
    const admin = await signIn(t.app, g.admin.username);
    const gov = (p = '') => `/api/governments/${g.governmentId}${p}`;
    // The head of the agency gets an account.
    const head = await admin.request('POST', gov('/users'), {
      username: 'kota-uji.kadis',
      displayName: 'Budi Santoso',
      role: 'member',
      employeeId: g.headEmployeeId,
      password: TEST_PASSWORD,
    });
    expect(head.statusCode).toBe(201);
    const kadis = await signIn(t.app, 'kota-uji.kadis');
    await kadis.request('POST', '/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'sandi-kepala-dinas',
    });
    const kadisClient = await signIn(t.app, 'kota-uji.kadis', 'sandi-kepala-dinas');
    const staff = await signIn(t.app, g.member.username);

    const imported = await admin.request('POST', gov('/sops/import'), { source: sop });
    expect(imported.statusCode, imported.body).toBe(201);
    const sopId = imported.json().sop.id as string;
    const versionId = imported.json().sop.latestVersion.id as string;
    const lanes = (await admin.request('GET', gov(`/sops/${sopId}/lanes?unitId=${g.unitId}`))).json();
    expect(lanes.allResolved).toBe(true);
    const approved = await kadisClient.request('POST', gov(`/sops/${sopId}/versions/${versionId}/approve`));
    expect(approved.statusCode, approved.body).toBe(200);
    const effectiveFrom = approved.json().versions[0].approvedOn;
    expect(
      (await admin.request('POST', gov(`/sops/${sopId}/versions/${versionId}/make-effective`), { effectiveFrom }))
        .statusCode,
    ).toBe(200);

    let c = (
      await kadisClient.request('POST', gov('/cases'), {
        sopId,
        unitIds: [g.unitId],
        subject: 'Verifikasi triwulan III',
      })
    ).json();
    const step = async (client: typeof admin, body: Record<string, unknown>) => {
      const task = c.tasks.find((x: { status: string }) => x.status === 'open');
      const res = await client.request('POST', gov(`/cases/${c.id}/tasks/${task.id}/complete`), body);
      expect(res.statusCode, res.body).toBe(200);
      c = res.json();
    };
    await step(kadisClient, { outcome: 'done' });
    await step(staff, { outcome: 'done' });
    await step(kadisClient, { outcome: 'tidak', reason: 'Bukti dukung bulan Juli belum ada' });
    await step(staff, { outcome: 'done' });
    await step(kadisClient, { outcome: 'ya' });
    await step(staff, { outcome: 'done' });
    expect(c.status).toBe('completed');
    expect(c.tasks.map((x: { stepNo: number }) => x.stepNo)).toEqual([1, 2, 3, 2, 3, 4]);
  });
});
