import { expect, test } from '@playwright/test';

// The Camat measures Kecamatan Masama's 2025 from the screen: the agency's achievement with its
// category, each indicator's quarters and year; the run reproduces exactly from what it kept, and
// its report prints as a PDF.

test('pengukuran: the Camat measures the year, sees the categories, checks it reproduces, prints the report', async ({
  page,
}) => {
  await page.goto('/masuk');
  await page.getByLabel('Nama pengguna atau NIP').fill('masama.camat');
  await page.getByLabel('Kata sandi', { exact: true }).fill('sidakin-demo');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('button', { name: 'Menu pengguna' })).toBeVisible();
  await page.goto('/pengukuran?year=2025');
  await page.getByRole('textbox', { name: 'Perangkat Daerah' }).click();
  await page.getByRole('option', { name: 'Kecamatan Masama' }).click();
  await page.getByRole('button', { name: 'Ukur sekarang' }).click();
  const achievement = page.getByTestId('agency-achievement');
  await expect(achievement).toHaveText(/^\d{1,3},\d{2} %$/);
  const table = page.getByRole('table', { name: 'Capaian indikator Kecamatan Masama' });
  await expect(table.getByRole('row')).not.toHaveCount(1);
  await expect(table.getByText('Sangat tinggi').first()).toBeVisible();
  await page.getByRole('button', { name: 'Periksa ulang' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'hasilnya sama persis' })).toBeVisible();
  const history = page.getByRole('table', { name: 'Riwayat pengukuran' });
  await expect(history.getByRole('row').nth(1)).toContainText('Diminta');
  await page.getByRole('button', { name: 'Dokumen' }).click();
  const href = await page.getByRole('menuitem', { name: 'PDF' }).last().getAttribute('href');
  const pdf = await page.request.get(href!);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
});

// The government admin of Pesisir Selatan measures by the LAN 2003 scale instead of Permendagri
// 86/2017: the next measurement reports in its words, and the admin's own band edge that overlaps
// is refused at the band.
test('pengukuran: the admin chooses another category scale and the next measurement reports in its words', async ({
  page,
}) => {
  await page.goto('/masuk');
  await page.getByLabel('Nama pengguna atau NIP').fill('pessel.admin');
  await page.getByLabel('Kata sandi', { exact: true }).fill('sidakin-demo');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('button', { name: 'Menu pengguna' })).toBeVisible();
  await page.goto('/pengukuran?year=2025');
  await page.getByRole('link', { name: 'Pengaturan pengukuran' }).click();
  await expect(page.getByRole('tab', { name: 'Pengukuran' })).toHaveAttribute('aria-selected', 'true');

  // An edge above the band over it is refused there, and nothing is saved.
  await page.getByRole('textbox', { name: 'Batas bawah 2' }).fill('95');
  await page.getByRole('button', { name: 'Simpan perubahan' }).click();
  await expect(page.getByText('Kategori 1: batas bawahnya harus di atas batas kategori 2')).toBeVisible();

  await page.getByRole('textbox', { name: 'Skala', exact: true }).click();
  await page.getByRole('option', { name: 'Pedoman LAN 2003 (empat predikat)' }).click();
  await expect(page.getByRole('textbox', { name: 'Kategori 1', exact: true })).toHaveValue('Sangat berhasil');
  await page.getByRole('button', { name: 'Simpan perubahan' }).click();
  await expect(page.getByText('Pengaturan pengukuran tersimpan')).toBeVisible();

  await page.goto('/pengukuran?year=2025');
  await page.getByRole('textbox', { name: 'Perangkat Daerah' }).click();
  await page.getByRole('option', { name: 'Dinas Perdagangan dan Transmigrasi' }).click();
  await page.getByRole('button', { name: 'Ukur sekarang' }).click();
  await expect(page.getByTestId('agency-achievement')).toHaveText(/^\d{1,3},\d{2} %$/);
  await expect(page.getByText('Pedoman LAN 2003 (empat predikat)')).toBeVisible();
  const table = page.getByRole('table', { name: /^Capaian indikator Dinas Perdagangan dan Transmigrasi/ });
  await expect(table.getByText(/^(Sangat berhasil|Berhasil|Cukup berhasil|Tidak berhasil)$/).first()).toBeVisible();
  await expect(table.getByText(/^(Sangat tinggi|Tinggi|Sedang|Rendah|Sangat rendah)$/)).toHaveCount(0);
});
