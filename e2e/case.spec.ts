import fs from 'node:fs';
import { expect, type Locator, type Page, test } from '@playwright/test';

async function signIn(page: Page, username: string) {
  await page.goto('/masuk');
  await page.getByLabel('Nama pengguna atau NIP').fill(username);
  await page.getByLabel('Kata sandi', { exact: true }).fill('sidakin-demo');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('button', { name: 'Menu pengguna' })).toBeVisible();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Menu pengguna' }).click();
  await page.getByRole('menuitem', { name: 'Keluar' }).click();
  await expect(page).toHaveURL(/\/masuk/);
}

async function signInAs(page: Page, username: string) {
  await signOut(page);
  await signIn(page, username);
}

async function openNav(page: Page, isMobile: boolean) {
  if (isMobile) await page.getByRole('button', { name: 'Buka/tutup navigasi' }).click();
}

// The case engine on the Banggai Dinas Perdagangan's procedure imported as a general SOP (the
// same lanes, steps and returns): the seed itself runs as a correction of locked data, with its
// items and signed document, in the correction specs.
const sopTitle = 'Uji Mesin Kasus Perbaikan Data Kinerja';
const sopSource = fs
  .readFileSync(new URL('../sops/banggai/disdag-perbaikan-data-kinerja.yaml', import.meta.url), 'utf8')
  .replace(/^id: .*$/m, 'id: banggai/disdag/uji-mesin-kasus')
  .replace(/^title: .*$/m, `title: ${sopTitle}`)
  .replace(/^kind: .*$/m, 'kind: general');
const unit = 'Bidang Perdagangan Dalam Negeri';
const returnReason = 'Realisasi IKU 2 belum didukung bukti yang valid; lampirkan berita acara rapat.';

/**
 * The Dinas Perdagangan's SOP must be in effect before a case can start. Both viewports share one
 * server, so whichever runs first has it approved by the Kepala Dinas and put into effect by the
 * admin, through the SOP page as a person would; the other finds it in effect.
 */
async function ensureInEffect(page: Page) {
  await signIn(page, 'banggai.admin');
  const me = await (await page.request.get('/api/auth/me')).json();
  const imported = await page.request.post(`/api/governments/${me.government.id}/sops/import`, {
    data: { source: sopSource },
    headers: { 'x-csrf-token': me.csrfToken },
  });
  // Imported once (201); the other viewport imports the same text again, which changes nothing (200).
  expect([200, 201]).toContain(imported.status());
  await page.goto('/sop');
  await page.getByRole('searchbox', { name: 'Cari judul SOP atau Perangkat Daerah' }).fill(sopTitle);
  await page.getByRole('link', { name: sopTitle, exact: true }).click();
  await expect(page.getByRole('heading', { name: sopTitle, level: 1 })).toBeVisible();
  const sopPath = new URL(page.url()).pathname;
  await page.goto(`${sopPath}?bagian=versi`);
  const version = page.getByRole('listitem', { name: 'Versi 1' });
  const status = version.getByText(/^(Draf|Disahkan|Berlaku)$/);
  await expect(status).toBeVisible();
  if ((await status.textContent()) === 'Draf') {
    await signInAs(page, 'disdag.kadis');
    await page.goto(`${sopPath}?bagian=versi`);
    await version.getByRole('button', { name: 'Sahkan' }).click();
    const approve = page.getByRole('dialog', { name: 'Sahkan versi 1?' });
    await approve.getByRole('button', { name: 'Sahkan' }).click();
    await expect(approve).toBeHidden();
    await signInAs(page, 'banggai.admin');
    await page.goto(`${sopPath}?bagian=versi`);
  }
  if ((await status.textContent()) === 'Disahkan') {
    await version.getByRole('button', { name: 'Berlakukan' }).click();
    const effective = page.getByRole('dialog', { name: 'Berlakukan versi 1' });
    await effective.getByRole('button', { name: 'Berlakukan' }).click();
    await expect(effective).toBeHidden();
  }
  await expect(version.getByText('Berlaku', { exact: true })).toBeVisible();
  return sopPath;
}

/** The row of a step in the case's procedure table. */
function stepRow(page: Page, no: number): Locator {
  return page
    .getByRole('table', { name: new RegExp(`Uraian prosedur ${sopTitle}`) })
    .locator(`tbody > tr[data-step="${no}"]`);
}

/** From "Tugas Saya", opens the case's task (the link takes the person to the case, at the task). */
async function openFromInbox(page: Page, isMobile: boolean, subject: string) {
  await openNav(page, isMobile);
  await page.getByRole('link', { name: /^Tugas Saya/ }).click();
  await expect(page.getByRole('heading', { name: 'Tugas Saya', level: 1 })).toBeVisible();
  const tasks = page.getByRole('list', { name: 'Tugas terbuka untuk jabatan Anda' });
  await tasks.getByRole('link', { name: subject, exact: true }).click();
  await expect(page.getByRole('heading', { name: subject, level: 1 })).toBeVisible();
}

/** Completes step `no` on the open case page: a plain step, or a decision with "Ya" / "Tidak". */
async function completeStep(
  page: Page,
  no: number,
  options: { decision?: 'Ya' | 'Tidak'; reason?: string; comment?: string; file?: string } = {},
) {
  await page.getByRole('button', { name: `Selesaikan Langkah ${no}` }).click();
  const dialog = page.getByRole('dialog', { name: `Selesaikan langkah ${no}` });
  if (options.decision) await dialog.getByRole('radio', { name: options.decision }).check();
  if (options.reason) await dialog.getByLabel('Alasan dikembalikan').fill(options.reason);
  if (options.comment) await dialog.getByLabel('Catatan').fill(options.comment);
  if (options.file) {
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'Lampirkan berkas' }).click();
    await (await chooser).setFiles({
      name: options.file,
      mimeType: 'text/csv',
      buffer: Buffer.from('Indikator;Target;Realisasi\nIKU 2;85;82\n'),
    });
    await expect(dialog.getByText('Terunggah')).toBeVisible();
    await dialog.getByRole('textbox', { name: `Output yang dipenuhi ${options.file}` }).click();
    await page.getByRole('option', { name: 'Dokumen Data Kinerja' }).click();
  }
  await dialog.getByRole('button', { name: options.decision ? 'Kirim keputusan' : 'Selesaikan langkah' }).click();
  await expect(dialog).toBeHidden();
}

test('kasus: a correction runs through its lanes, the Kepala Bidang sends it back once, the Kepala Dinas signs', async ({
  page,
  isMobile,
}, info) => {
  test.setTimeout(300_000);
  // Both viewports share one server: each runs its own case.
  const subject =
    info.project.name === 'phone'
      ? 'Koreksi realisasi IKK Bidang Perdagangan'
      : 'Koreksi realisasi IKU Bidang Perdagangan';
  const sopPath = await ensureInEffect(page);

  // The Kepala Dinas holds the first step's lane: he starts the case from the SOP page.
  await signInAs(page, 'disdag.kadis');
  await page.goto(sopPath);
  // The official document prints as a PDF.
  const pdfHref = await page.getByRole('link', { name: 'Cetak PDF' }).getAttribute('href');
  const pdf = await page.request.get(pdfHref!);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  await page.getByRole('button', { name: 'Mulai kasus' }).click();
  const start = page.getByRole('dialog', { name: 'Mulai kasus' });
  await expect(start.getByRole('textbox', { name: 'SOP' })).toHaveValue(new RegExp(sopTitle));
  await start.getByRole('button', { name: 'Mulai', exact: true }).click();
  await expect(start.getByText('Wajib diisi')).toBeVisible();
  await start.getByLabel('Perihal').fill(subject);
  await start.getByLabel('Periode').fill('Triwulan III 2026');
  await start.getByRole('textbox', { name: 'Unit kerja' }).click();
  await page.getByRole('option', { name: unit }).click();
  await start.getByLabel('Perihal').click();
  await start.getByRole('button', { name: 'Mulai', exact: true }).click();
  await expect(page).toHaveURL(/\/kasus\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: subject, level: 1 })).toBeVisible();

  // THE TABLE of the version the case runs on: the lanes in their printed order, the decision's
  // routes in words, and the case at step 1.
  const table = page.getByRole('table', { name: new RegExp(`Uraian prosedur ${sopTitle}`) });
  await expect(table.locator('tbody > tr')).toHaveCount(9);
  await expect(table.locator('thead > tr').nth(1).getByRole('columnheader')).toHaveText([
    'Kepala Dinas',
    'Sekretaris Dinas',
    'Kasubbag Perencanaan & Evaluasi',
    'Kepala Bidang',
    'Kepala Seksi',
    'Jabatan Pelaksana (JP)',
    'Kelengkapan',
    'Waktu',
    'Output',
  ]);
  await expect(table.getByText('Ya → 7 / Tidak → 5').first()).toBeVisible();
  // The arrows between the symbols: eight to the next step, and the two returns (6 → 5, 8 → 7).
  const arrows = page.getByTestId('sop-flow-arrows');
  await expect(arrows.locator('polyline')).toHaveCount(10);
  await expect(arrows.locator('[data-arrow="5-4"] text')).toHaveText('Tidak');
  await expect(arrows.locator('[data-arrow="7-6"] text')).toHaveText('Tidak');
  await expect(stepRow(page, 1)).toHaveAttribute('aria-current', 'step');
  await expect(stepRow(page, 1)).toContainText('Terbuka');
  await expect(stepRow(page, 2)).toContainText('Belum');

  await completeStep(page, 1, { comment: 'Verifikasi ulang data kinerja Bidang Perdagangan Dalam Negeri.' });
  await expect(stepRow(page, 1)).toContainText('Selesai');
  await expect(stepRow(page, 1)).toContainText('Kepala Dinas Perdagangan');
  await expect(stepRow(page, 2)).toHaveAttribute('aria-current', 'step');

  // Each lane holder finds the task in "Tugas Saya" and completes it.
  for (const [username, no] of [
    ['disdag.sekdis', 2],
    ['disdag.kasubbag-pe', 3],
    ['disdag.kabid-perdagangan', 4],
  ] as const) {
    await signInAs(page, username);
    await openFromInbox(page, isMobile, subject);
    await completeStep(page, no);
    await expect(stepRow(page, no)).toContainText('Selesai');
  }

  // The JP corrects the data and attaches the corrected document as the step's output.
  await signInAs(page, 'disdag.jp-perdagangan-1');
  await openFromInbox(page, isMobile, subject);
  await completeStep(page, 5, { comment: 'Data kinerja telah diperbaiki.', file: 'perbaikan-iku.csv' });
  const output = stepRow(page, 5).getByRole('link', { name: /perbaikan-iku\.csv/ });
  await expect(output).toBeVisible();
  const download = await page.request.get((await output.getAttribute('href')) ?? '');
  expect(download.status()).toBe(200);
  expect(await download.text()).toContain('IKU 2');

  // Step 6: the Kepala Bidang finds it not in order; "Tidak" needs a reason, then goes back to step 5.
  await signInAs(page, 'disdag.kabid-perdagangan');
  await openFromInbox(page, isMobile, subject);
  await page.getByRole('button', { name: 'Selesaikan Langkah 6' }).click();
  const decide = page.getByRole('dialog', { name: 'Selesaikan langkah 6' });
  await expect(decide.getByRole('radiogroup', { name: 'Perbaikan data kinerja sudah sesuai?' })).toBeVisible();
  await decide.getByRole('radio', { name: 'Tidak' }).check();
  await decide.getByRole('button', { name: 'Kirim keputusan' }).click();
  await expect(decide.getByText('Alasan wajib diisi bila dikembalikan')).toBeVisible();
  await decide.getByLabel('Alasan dikembalikan').fill(returnReason);
  await decide.getByRole('button', { name: 'Kirim keputusan' }).click();
  await expect(decide).toBeHidden();
  await expect(stepRow(page, 6)).toContainText('Dikembalikan');
  await expect(stepRow(page, 5)).toHaveAttribute('aria-current', 'step');
  await expect(stepRow(page, 5)).toContainText('putaran 2');

  // The JP redoes the correction; this time the Kepala Bidang answers "Ya".
  await signInAs(page, 'disdag.jp-perdagangan-1');
  await openFromInbox(page, isMobile, subject);
  await expect(page.getByRole('list', { name: 'Tugas terbuka', exact: true })).toContainText('putaran 2');
  await completeStep(page, 5, { comment: 'Berita acara rapat dilampirkan.' });

  await signInAs(page, 'disdag.kabid-perdagangan');
  await openFromInbox(page, isMobile, subject);
  await completeStep(page, 6, { decision: 'Ya' });
  await expect(stepRow(page, 6)).toContainText('Selesai');

  await signInAs(page, 'disdag.kasubbag-pe');
  await openFromInbox(page, isMobile, subject);
  await completeStep(page, 7);

  await signInAs(page, 'disdag.sekdis');
  await openFromInbox(page, isMobile, subject);
  await completeStep(page, 8, { decision: 'Ya', comment: 'Diparaf.' });

  // The signature at step 9 closes the case.
  await signInAs(page, 'disdag.kadis');
  await openFromInbox(page, isMobile, subject);
  await completeStep(page, 9);
  await expect(page.getByText(/Kasus ini selesai pada/)).toBeVisible();
  await expect(table.locator('tbody > tr[aria-current="step"]')).toHaveCount(0);

  // The history keeps every act in order, the return with its reason.
  const history = page.getByRole('list', { name: 'Riwayat', exact: true });
  // The start, eleven acts on steps (5 and 6 twice, the first 6 a return) and the close.
  await expect(history.locator(':scope > li')).toHaveCount(13);
  const returned = history.getByRole('listitem').filter({ hasText: 'Langkah 6: dikembalikan ke langkah 5' });
  await expect(returned).toContainText(returnReason);
  await expect(returned).toContainText('Kepala Bidang Perdagangan Dalam Negeri');
  await expect(history.getByRole('listitem').last()).toContainText('Kasus selesai');

  // The case is listed among the completed ones.
  await openNav(page, isMobile);
  await page.getByRole('link', { name: 'Kasus', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Kasus', level: 1 })).toBeVisible();
  await page.getByRole('radiogroup', { name: 'Filter status kasus' }).getByText('Selesai', { exact: true }).click();
  await expect(page).toHaveURL(/status=completed/);
  await expect(page.getByRole('link', { name: subject, exact: true })).toBeVisible();
});
