import { expect, test } from '@playwright/test';
import {
  apiAs,
  completeByApi,
  completeStep,
  corrected,
  correctionSopInEffect,
  enrolByApi,
  enrolInBrowser,
  expectExactlyChanged,
  expectSignedFromPage,
  formValues,
  type Json,
  lockedPeriod,
  ok,
  proposeInBrowser,
  shotPath,
  signIn,
  signInAs,
  signInBrowser,
} from './correction-helpers';

// Disperindag Sidoarjo's "Mekanisme Kesalahan Data Kinerja" in the browser: the Kepala Dinas
// starts the correction from the locked quarter and orders the review (1); the Kepala Sub Bagian
// Perencanaan dan Keuangan plans it (2, API), gathers three corrected values (3) and reports (4,
// API); the Sekretaris sets up the internal rapat, records who came and its minutes, the rapat
// withdraws one item and approves the rest as the final data — a rapat approves, it has no return
// (5); the staf pengolah data prepares the Dokumen Perbaikan with the paraf, and every stakeholder
// signs in turn in the browser, the Kepala Dinas last (6); the staf files it (7, API). The SOP has
// no review step, so there is no return here (the Banggai spec has one). The signed PDF passes
// pdfsig with the government's CA, fails after one changed byte, and the public page agrees;
// exactly the two approved values changed.

const passphrase = 'kunci-disperindag-2026';

test('perbaikan Sidoarjo: the rapat fixes the final data, three signatures in the browser, verifiable', async ({
  page,
  baseURL,
}, info) => {
  test.setTimeout(480_000);
  const phone = info.project.name === 'phone';
  const admin = await apiAs(baseURL!, 'sidoarjo.admin');
  const kadis = await apiAs(baseURL!, 'disperindag.kadis');
  const kasubbag = await apiAs(baseURL!, 'disperindag.kasubbag-pk');
  const sekdis = await apiAs(baseURL!, 'disperindag.sekdis');
  const staf = await apiAs(baseURL!, 'disperindag.staf-pelaporan');

  const sop = await correctionSopInEffect(admin, kadis, 'Mekanisme Kesalahan Data Kinerja');
  const period = await lockedPeriod(admin, sop.agencyId, 2025, phone ? 'q3' : 'q4');
  const before = await formValues(admin, period.id, 'agency');
  const rows = [...before.values()].filter((r) => r.version > 0 && Number(r.actual) >= 1).slice(1, 4);
  expect(rows).toHaveLength(3);

  // Step 1 — THE KEPALA DINAS starts the correction from the locked quarter and orders the review.
  await signIn(page, 'disperindag.kadis');
  await page.goto(`/pengumpulan/${period.id}`);
  await page.getByRole('button', { name: 'Perbaiki data' }).click();
  const start = page.getByRole('dialog', { name: `Perbaikan data kinerja ${period.label}` });
  await start.getByRole('textbox', { name: 'SOP' }).click();
  await page.getByRole('option', { name: 'Mekanisme Kesalahan Data Kinerja' }).click();
  await start.getByRole('textbox', { name: 'Perihal' }).fill(`Reviu data kinerja ${period.label}`);
  await start.getByRole('button', { name: 'Mulai perbaikan' }).click();
  await expect(page).toHaveURL(/\/perbaikan\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').pop()!;
  const caseId: string = (await ok(admin.get(`/corrections/${id}`), 'correction')).caseId;
  await completeStep(page, caseId, 1);
  await completeByApi(kasubbag, caseId, 2);

  // Step 3 — THE KEPALA SUB BAGIAN gathers three corrected values.
  await signInAs(page, 'disperindag.kasubbag-pk');
  await page.goto(`/perbaikan/${id}`);
  const values = rows.map((r) => corrected(r.actual));
  for (const [i, r] of rows.entries()) {
    await proposeInBrowser(page, r, values[i]!, `${r.name}: angka terkunci berbeda dengan laporan sumber`);
  }
  const items = page.getByLabel('Usulan perbaikan data');
  await expect(items.getByText('Diusulkan', { exact: true })).toHaveCount(3);
  await completeStep(page, caseId, 3);
  await completeByApi(kasubbag, caseId, 4);

  // Step 5 — THE SEKRETARIS holds the internal rapat that fixes the final data.
  await signInAs(page, 'disperindag.sekdis');
  await page.goto(`/perbaikan/${id}`);
  await expect(page.getByText('Anda memegang rapat pada langkah 5')).toBeVisible();
  const setup = page.getByRole('region', { name: 'Rapat langkah ini' });
  await setup.getByLabel('Mulai', { exact: true }).fill('2026-12-07T09:00');
  await setup.getByLabel('Selesai', { exact: true }).fill('2026-12-07T11:00');
  await setup.getByRole('textbox', { name: 'Tempat' }).fill('Ruang Rapat Sekretariat');
  await setup.getByRole('textbox', { name: 'Acara' }).fill('Rapat intern penetapan data kinerja final');
  await setup.getByRole('textbox', { name: 'Undangan' }).click();
  const invitees = page.getByRole('listbox').getByRole('option');
  await invitees.nth(0).click();
  await invitees.nth(1).click();
  await page.keyboard.press('Escape');
  await setup.getByRole('button', { name: 'Buat undangan rapat' }).click();
  const meeting = page.getByLabel('Rapat (langkah 5)');
  await expect(meeting.getByRole('link', { name: 'Undangan (PDF)' })).toBeVisible();
  const present = meeting.getByRole('checkbox');
  for (let i = 0; i < (await present.count()); i++) await present.nth(i).check();
  await meeting
    .getByRole('textbox', { name: 'Pembahasan (notulen)' })
    .fill('Tiga usulan dibahas bersama bukti dukungnya.');
  await meeting
    .getByRole('textbox', { name: 'Keputusan rapat' })
    .fill('Dua usulan ditetapkan sebagai data final; satu ditarik karena data semula benar.');
  await meeting.getByRole('button', { name: 'Simpan catatan rapat' }).click();
  await expect(page.getByText('Catatan rapat tersimpan')).toBeVisible();
  // The rapat withdraws the third item, then approves the rest; it offers no return.
  await items.getByRole('button', { name: `Tindakan untuk ${rows[2]!.name}` }).click();
  await page.getByRole('menuitem', { name: 'Tarik usulan' }).click();
  const withdraw = page.getByRole('dialog', { name: `Tarik usulan: ${rows[2]!.name}` });
  await withdraw.getByRole('textbox', { name: 'Alasan penarikan' }).fill('Rapat menilai data semula sudah benar');
  await withdraw.getByRole('button', { name: 'Tarik usulan' }).click();
  await expect(withdraw).toBeHidden();
  await expect(items.getByText('Ditarik', { exact: true })).toBeVisible();
  await expect(items.getByRole('button', { name: /^Kembalikan: / })).toHaveCount(0);
  await page.getByRole('button', { name: 'Setujui semua' }).click();
  await expect(items.getByText('Disetujui pada langkah ini')).toHaveCount(2);
  await page.screenshot({ path: shotPath(`sidoarjo-meeting-${info.project.name}.png`), fullPage: true });
  await completeStep(page, caseId, 5);

  // Signers' certificates: the Kepala Sub Bagian enrols in the browser (a certificate of an earlier
  // run is revoked first); the Sekretaris and the Kepala Dinas have theirs through the API.
  const mine = await ok(kasubbag.get('/signing-certificates/mine'), 'certificate');
  if (mine.certificate) {
    await ok(
      admin.post(`/signing-certificates/${mine.certificate.id}/revoke`, { reason: 'Diterbitkan ulang untuk uji' }),
      'revoke',
    );
  }
  await enrolByApi(sekdis, passphrase);
  await enrolByApi(kadis, passphrase);

  // Step 6 — THE STAF puts the document on the agenda (paraf) for every stakeholder to sign.
  await signInAs(page, 'disperindag.staf-pelaporan');
  await page.goto(`/perbaikan/${id}`);
  const card = page.getByRole('region', { name: 'Dokumen Perbaikan Data Kinerja' });
  await card.getByRole('button', { name: 'Siapkan dokumen' }).click();
  await expect(card.getByTestId('document-status')).toHaveText('Menunggu tanda tangan');
  await expect(card.getByText('Menunggu tanda tangan Kepala Sub Bagian Perencanaan dan Keuangan.')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Jejak paraf' }).getByText('Pengolah Data Pelaporan')).toBeVisible();
  await expect(card.getByRole('button', { name: 'Tandatangani' })).toHaveCount(0);

  // THE KEPALA SUB BAGIAN, first: no certificate yet → the account page → back to sign.
  await signInAs(page, 'disperindag.kasubbag-pk');
  await page.goto(`/perbaikan/${id}`);
  await expect(card.getByTestId('no-certificate')).toBeVisible();
  await card.getByRole('link', { name: 'Daftarkan sertifikat di halaman Akun Saya' }).click();
  await expect(page).toHaveURL(/\/akun$/);
  expect(await enrolInBrowser(page, passphrase)).toBe(true);
  await page.goto(`/perbaikan/${id}`);
  await expect(card.getByRole('button', { name: 'Tandatangani' })).toBeVisible();
  await page.screenshot({ path: shotPath(`sidoarjo-signing-${info.project.name}.png`), fullPage: true });
  await signInBrowser(page, id, passphrase, {
    wrongFirst: true,
    afterWrong: async () => {
      const still = await ok(admin.get(`/corrections/${id}`), 'correction');
      expect(still.document.signers.every((s: Json) => s.signedAt === null)).toBe(true);
    },
  });
  await expect(card.getByText('Menunggu tanda tangan Sekretaris Dinas Perindustrian dan Perdagangan.')).toBeVisible();

  // THE SEKRETARIS, then THE KEPALA DINAS, whose signature applies the correction.
  await signInAs(page, 'disperindag.sekdis');
  await signInBrowser(page, id, passphrase);
  await signInAs(page, 'disperindag.kadis');
  await signInBrowser(page, id, passphrase);
  await expect(card.getByTestId('document-signed')).toBeVisible();
  await expect(page.getByText('Diterapkan', { exact: true }).first()).toBeVisible();

  // The staf completes the signing step and files the document (7).
  await signInAs(page, 'disperindag.staf-pelaporan');
  await completeStep(page, caseId, 6);
  await completeByApi(staf, caseId, 7);
  await page.goto(`/perbaikan/${id}`);
  await expect(page.getByText('Selesai', { exact: true }).first()).toBeVisible();
  await expect(card.getByTestId('document-status')).toHaveText('Ditandatangani lengkap');
  await page.screenshot({ path: shotPath(`sidoarjo-closed-${info.project.name}.png`), fullPage: true });

  const done = await ok(admin.get(`/corrections/${id}`), 'correction');
  expect(done.status).toBe('closed');
  expect(done.meetings.map((m: Json) => m.stepNo)).toEqual([5]);
  expect(done.parafs.map((p: Json) => p.stepNo)).toEqual([6]);
  expect(done.document.signers.map((s: Json) => s.positionTitle)).toEqual([
    'Kepala Sub Bagian Perencanaan dan Keuangan',
    'Sekretaris Dinas Perindustrian dan Perdagangan',
    'Kepala Dinas Perindustrian dan Perdagangan',
  ]);
  // Exactly the two approved values changed; the withdrawn one did not.
  expectExactlyChanged(before, await formValues(admin, period.id, 'agency'), done.items);
  const applied = done.items.filter((i: Json) => i.status === 'applied');
  expect(applied.map((i: Json) => i.valueId).sort()).toEqual([rows[0]!.valueId, rows[1]!.valueId].sort());

  // The signed PDF, downloaded from the page, checked with pdfsig and on the public page (signed out).
  await expectSignedFromPage(page, card, done.document, 'sidoarjo', info.project.name);
  for (const a of [admin, kadis, kasubbag, sekdis, staf]) await a.ctx.dispose();
});
