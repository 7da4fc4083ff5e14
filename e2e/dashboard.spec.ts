import { expect, type Page, test } from '@playwright/test';

async function signIn(page: Page, username: string) {
  await page.goto('/masuk');
  await page.getByLabel('Nama pengguna atau NIP').fill(username);
  await page.getByLabel('Kata sandi', { exact: true }).fill('sidakin-demo');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('button', { name: 'Menu pengguna' })).toBeVisible();
}

// The Camat of Kecamatan Masama opens the dashboard from the navigation: the completeness and
// SOP timeliness cards are there with or without a measurement; once the year is measured, the
// achievement, the charts, the indicators and the weakest and strongest; a figure opens the
// value's history in its form.
test('dasbor: the Camat sees the cards and follows a figure to the value’s history', async ({ page, isMobile }) => {
  await signIn(page, 'masama.camat');
  if (isMobile) await page.getByRole('button', { name: 'Buka/tutup navigasi' }).click();
  await page.getByRole('link', { name: 'Dasbor' }).click();
  await expect(page.getByRole('heading', { name: 'Dasbor Kinerja' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Tahun' }).click();
  await page.getByRole('option', { name: '2025', exact: true }).click();
  await expect(page.getByTestId('completeness')).toContainText('Triwulan I 2025');
  await expect(page.getByTestId('timeliness')).toBeVisible();
  await expect(page.getByTestId('overdue')).toBeVisible();
  // The Camat sees Kecamatan Masama only.
  await page.getByRole('textbox', { name: 'Perangkat Daerah' }).click();
  await expect(page.getByRole('option')).toHaveText(['Semua perangkat daerah', 'Kecamatan Masama']);
  await page.keyboard.press('Escape');

  // Measure the year (as the measurement page does), then the achievement cards appear.
  const me = await (await page.request.get('/api/auth/me')).json();
  const gov = `/api/governments/${me.government.id}`;
  const agencies = await (await page.request.get(`${gov}/dashboard?year=2025`)).json();
  const measured = await page.request.post(`${gov}/measurement-runs`, {
    data: { agencyId: agencies.agencies[0].id, year: 2025 },
    headers: { 'x-csrf-token': me.csrfToken },
  });
  expect(measured.status()).toBe(201);
  await page.reload();
  await expect(page.getByTestId('agency-achievement')).toHaveText(/^\d{1,3},\d{2} %$/);
  await expect(page.getByText('Belum disetujui').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Capaian per sasaran' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Capaian per triwulan' })).toBeVisible();
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  await expect(page.getByTestId('weakest').getByRole('link').first()).toBeVisible();
  await expect(page.getByTestId('strongest')).toBeVisible();

  // A figure leads to the value's history and evidence.
  await page.getByTestId('weakest').getByRole('link').first().click();
  await expect(page).toHaveURL(/\/pengumpulan\/[0-9a-f-]+\/formulir\/[^?]+\?nilai=[0-9a-f-]+&tab=riwayat/);
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByRole('tab', { name: 'Riwayat' })).toHaveAttribute('aria-selected', 'true');
  await expect(drawer.getByRole('table', { name: 'Riwayat' })).toBeVisible();
});

// The admin of Kab. Banggai opens the public page of achievements in the government's settings;
// the page then opens for anyone, without signing in, and shows approved figures only.
test('publik: the admin turns the public page on and it renders without sign-in', async ({ page, browser }) => {
  await signIn(page, 'banggai.admin');
  const me = await (await page.request.get('/api/auth/me')).json();
  await page.goto(`/organisasi/pemerintah/${me.government.id}?bagian=pengukuran`);
  const card = page.getByTestId('public-achievements');
  const toggle = card.getByRole('switch', { name: 'Tampilkan capaian yang disetujui untuk umum' });
  await expect(toggle).toBeEnabled();
  // Both viewports share one server: the first run turns it on, the second finds it on.
  if (!(await toggle.isChecked())) {
    await toggle.click();
    await expect(card.getByRole('status')).toHaveText('Halaman publik diaktifkan');
  }
  await expect(toggle).toBeChecked();
  const link = card.getByRole('link', { name: 'Buka halaman publik' });
  const href = await link.getAttribute('href');
  expect(href).toMatch(/^\/publik\/[a-z0-9-]+$/);

  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();
  await visitor.goto(href!);
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(/^Capaian Kinerja /);
  await expect(
    visitor.getByText(/Belum ada capaian kinerja yang disetujui|Capaian per perangkat daerah/).first(),
  ).toBeVisible();
  await expect(visitor.getByRole('button', { name: 'Menu pengguna' })).toHaveCount(0);
  await anonymous.close();
});
