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
