import { expect, test } from '@playwright/test';
import {
  apiAs,
  completeByApi,
  completeStep,
  corrected,
  correctionSopInEffect,
  enrolInBrowser,
  expectExactlyChanged,
  expectSignedFromPage,
  formValues,
  type Json,
  lockedPeriod,
  ok,
  openTask,
  proposeInBrowser,
  shotPath,
  signIn,
  signInAs,
  signInBrowser,
  typed,
} from './correction-helpers';

// Dinas Perdagangan Kab. Banggai corrects its locked data with its "Mekanisme Perbaikan Data
// Kinerja": the Kepala Dinas, Sekretaris and Kasubbag P&E start it (1–3) and the Kepala Bidang
// holds the Bidang's rapat (4) through the API; in the browser the JP proposes two corrected
// values (5), the Kepala Bidang approves one and returns the other with its reason (6 → 5), the JP
// reworks it, the Kepala Bidang approves (6); the recap and the Sekretaris's paraf (7–8) go through
// the API; the Kepala Dinas enrols a signing certificate on the account page, prepares the
// Dokumen Perbaikan, mistypes the passphrase (nothing changes), signs, and closes the case (9).
// The signed PDF passes pdfsig with the government's CA, fails after one changed byte, and the
// public verification page agrees; exactly the two values changed.

const unitName = 'Bidang Perdagangan Dalam Negeri';
const passphrase = 'kunci-kadis-banggai-2026';

test('perbaikan Banggai: proposed, one item returned and reworked, signed in the browser, verifiable', async ({
  page,
  baseURL,
}, info) => {
  test.setTimeout(480_000);
  const phone = info.project.name === 'phone';
  const admin = await apiAs(baseURL!, 'banggai.admin');
  const kadis = await apiAs(baseURL!, 'disdag.kadis');
  const sekdis = await apiAs(baseURL!, 'disdag.sekdis');
  const kasubbag = await apiAs(baseURL!, 'disdag.kasubbag-pe');
  const kabid = await apiAs(baseURL!, 'disdag.kabid-perdagangan');

  const sop = await correctionSopInEffect(admin, kadis, 'Mekanisme Perbaikan Data Kinerja');
  // A locked quarter of 2025 of its own for each viewport.
  const period = await lockedPeriod(admin, sop.agencyId, 2025, phone ? 'q2' : 'q3');
  const unitId = (await ok(admin.get(`/units?q=${encodeURIComponent(unitName)}`), 'unit')).items[0].id;
  const before = await formValues(admin, period.id, unitId);
  const rows = [...before.values()].filter((r) => r.version > 0).slice(0, 2);
  expect(rows).toHaveLength(2);

  // The Kepala Dinas starts the correction of the Bidang's quarter (as correction-run does).
  const started = await ok(
    kadis.post('/corrections', {
      sopId: sop.id,
      periodIds: [period.id],
      unitIds: [unitId],
      subject: `Perbaikan realisasi ${period.label}`,
    }),
    'start',
  );
  const id: string = started.id;
  const caseId: string = started.caseId;
  await completeByApi(kadis, caseId, 1);
  await completeByApi(sekdis, caseId, 2);
  await completeByApi(kasubbag, caseId, 3);

  // Step 4: the Kepala Bidang's rapat with the Kepala Seksi and the JP (before any item exists).
  const task4 = await openTask(kabid, caseId);
  expect(task4.stepNo).toBe(4);
  const people = await ok(kabid.get(`/employees?agencyId=${sop.agencyId}&pageSize=100`), 'people');
  const invitees = people.items.slice(0, 3).map((e: Json) => e.id);
  const withMeeting = await ok(
    kabid.post(`/corrections/${id}/meetings`, {
      taskId: task4.id,
      startsAt: '2026-12-07T01:00:00.000Z',
      endsAt: '2026-12-07T03:00:00.000Z',
      place: 'Ruang Rapat Bidang',
      agenda: 'Pembahasan kesalahan data kinerja Bidang',
      invitees,
    }),
    'meeting',
  );
  const meeting = withMeeting.meetings[0];
  await ok(
    kabid.patch(`/corrections/${id}/meetings/${meeting.id}`, {
      attendance: meeting.participants.map((p: Json) => ({ employeeId: p.employeeId, present: true })),
      minutes: 'Kesalahan data dibahas bersama bukti dukungnya.',
      decisions: 'JP memperbaiki data sesuai bukti yang valid.',
      expectedUpdatedAt: meeting.updatedAt,
    }),
    'minutes',
  );
  await completeByApi(kabid, caseId, 4);

  // Step 5 — THE JP proposes both corrected values on the correction page.
  await signIn(page, 'disdag.jp-perdagangan-1');
  await page.goto(`/perbaikan/${id}`);
  await expect(page.getByText('Anda memegang langkah 5')).toBeVisible();
  const values = rows.map((r) => corrected(r.actual));
  for (const [i, r] of rows.entries()) {
    await proposeInBrowser(page, r, values[i]!, `Realisasi ${r.name} salah ketik; laporan sumber mencatat lain`);
  }
  const items = page.getByLabel('Usulan perbaikan data');
  await expect(items.getByText('Diusulkan', { exact: true })).toHaveCount(2);
  await completeStep(page, caseId, 5);

  // Step 6 — THE KEPALA BIDANG approves the first and returns the second with its reason.
  const reason = 'Lampirkan laporan sumber yang ditandatangani kepala pasar';
  await signInAs(page, 'disdag.kabid-perdagangan');
  await page.goto(`/perbaikan/${id}`);
  await expect(page.getByText('Anda memeriksa pada langkah 6')).toBeVisible();
  await items.getByRole('button', { name: `Setujui: ${rows[0]!.name}` }).click();
  await expect(items.getByText('Disetujui pada langkah ini')).toBeVisible();
  await items.getByRole('button', { name: `Kembalikan: ${rows[1]!.name}` }).click();
  const ret = page.getByRole('dialog', { name: `Kembalikan usulan: ${rows[1]!.name}` });
  await ret.getByRole('textbox', { name: 'Alasan pengembalian' }).fill(reason);
  await ret.getByRole('button', { name: 'Kembalikan' }).click();
  await expect(ret).toBeHidden();
  await expect(items.getByText(`Dikembalikan ke langkah 5: ${reason}`)).toBeVisible();
  await completeStep(page, caseId, 6, 'Tidak', reason);

  // Back at step 5 — THE JP reads the reason and reworks the item.
  await signInAs(page, 'disdag.jp-perdagangan-1');
  await page.goto(`/perbaikan/${id}`);
  await expect(items.getByText(`Dikembalikan ke langkah 5: ${reason}`)).toBeVisible();
  await items.getByRole('button', { name: `Tindakan untuk ${rows[1]!.name}` }).click();
  await page.getByRole('menuitem', { name: 'Perbaiki usulan' }).click();
  const revise = page.getByRole('dialog', { name: `Perbaiki usulan: ${rows[1]!.name}` });
  await expect(revise.getByText(`Dikembalikan: ${reason}`)).toBeVisible();
  await revise
    .getByRole('textbox', { name: 'Alasan perbaikan' })
    .fill(`Realisasi ${rows[1]!.name} salah ketik; laporan sumber bertanda tangan kepala pasar terlampir`);
  await revise.getByRole('textbox', { name: 'Realisasi perbaikan' }).fill(typed(values[1]!));
  await revise.getByRole('button', { name: 'Perbaiki usulan' }).click();
  await expect(revise).toBeHidden();
  await expect(items.getByText(`Dikembalikan ke langkah 5: ${reason}`)).toHaveCount(0);
  await completeStep(page, caseId, 5);

  // Step 6 again — THE KEPALA BIDANG approves everything and sends it on.
  await signInAs(page, 'disdag.kabid-perdagangan');
  await page.goto(`/perbaikan/${id}`);
  await page.getByRole('button', { name: 'Setujui semua' }).click();
  await expect(items.getByText('Disetujui pada langkah ini')).toHaveCount(2);
  await completeStep(page, caseId, 6, 'Ya');

  // Steps 7–8: the Kasubbag's recap; the Sekretaris approves with the paraf.
  await completeByApi(kasubbag, caseId, 7);
  const now = await ok(sekdis.get(`/corrections/${id}`), 'correction');
  await ok(
    sekdis.post(`/corrections/${id}/decisions`, {
      decisions: now.items.map((i: Json) => ({ itemId: i.id, decision: 'approve' })),
    }),
    'step 8 approves',
  );
  await completeByApi(sekdis, caseId, 8, 'ya');

  // Step 9 — THE KEPALA DINAS signs. Whoever has no certificate is sent to the account page; a
  // certificate from an earlier run is revoked first, so each viewport enrols in the browser.
  const mine = await ok(kadis.get('/signing-certificates/mine'), 'certificate');
  if (mine.certificate) {
    await ok(
      admin.post(`/signing-certificates/${mine.certificate.id}/revoke`, { reason: 'Diterbitkan ulang untuk uji' }),
      'revoke',
    );
  }
  await signInAs(page, 'disdag.kadis');
  await page.goto(`/perbaikan/${id}`);
  const card = page.getByRole('region', { name: 'Dokumen Perbaikan Data Kinerja' });
  await card.getByRole('button', { name: 'Siapkan dokumen' }).click();
  await expect(card.getByTestId('document-status')).toHaveText('Menunggu tanda tangan');
  await expect(card.getByTestId('no-certificate')).toBeVisible();
  await card.getByRole('link', { name: 'Daftarkan sertifikat di halaman Akun Saya' }).click();
  await expect(page).toHaveURL(/\/akun$/);
  expect(await enrolInBrowser(page, passphrase)).toBe(true);
  await page.goto(`/perbaikan/${id}`);
  await expect(card.getByRole('button', { name: 'Tandatangani' })).toBeVisible();
  await page.screenshot({ path: shotPath(`banggai-signing-${info.project.name}.png`), fullPage: true });

  await signInBrowser(page, id, passphrase, {
    wrongFirst: true,
    afterWrong: async () => {
      const still = await ok(admin.get(`/corrections/${id}`), 'correction');
      expect(still.status).toBe('open');
      expect(still.document.status).toBe('awaiting');
      expect(still.document.signers.every((s: Json) => s.signedAt === null)).toBe(true);
      expect(still.items.every((i: Json) => i.status === 'approved')).toBe(true);
    },
  });
  await expect(card.getByTestId('document-signed')).toBeVisible();
  await expect(page.getByText('Diterapkan', { exact: true }).first()).toBeVisible();
  await completeStep(page, caseId, 9);
  await page.goto(`/perbaikan/${id}`);
  await expect(page.getByText('Selesai', { exact: true }).first()).toBeVisible();
  await expect(card.getByTestId('document-status')).toHaveText('Ditandatangani lengkap');
  await page.screenshot({ path: shotPath(`banggai-closed-${info.project.name}.png`), fullPage: true });

  // The correction as the API has it: closed, one signature, the wrong passphrase left no trace.
  const done = await ok(admin.get(`/corrections/${id}`), 'correction');
  expect(done.status).toBe('closed');
  expect(done.document.status).toBe('signed');
  expect(done.document.signers).toHaveLength(1);
  const kase = await ok(admin.get(`/cases/${caseId}`), 'case');
  expect(kase.status).toBe('completed');
  // Exactly the two values changed, to the proposed figures, each to its next version.
  expectExactlyChanged(before, await formValues(admin, period.id, unitId), done.items);
  expect(done.items.map((i: Json) => Number(i.proposedActual)).sort()).toEqual(values.map(Number).sort());

  // The signed PDF, downloaded from the page, checked with pdfsig and on the public page (signed out).
  await expectSignedFromPage(page, card, done.document, 'banggai', info.project.name);
  for (const a of [admin, kadis, sekdis, kasubbag, kabid]) await a.ctx.dispose();
});
