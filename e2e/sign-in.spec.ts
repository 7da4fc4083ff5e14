import { expect, type Page, test } from '@playwright/test';

const PASSWORD = 'sidakin-demo';

async function signIn(page: Page, username: string, password = PASSWORD) {
  await page.goto('/');
  await expect(page).toHaveURL(/\/masuk/);
  await page.getByLabel('Nama pengguna atau NIP').fill(username);
  await page.getByLabel('Kata sandi', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
}

async function openNavigation(page: Page, isMobile: boolean) {
  // On a phone the navigation sits behind the burger button.
  if (isMobile) await page.getByRole('button', { name: 'Buka/tutup navigasi' }).click();
}

test('masuk: a demo member signs in, opens the organisation page and signs out', async ({ page, isMobile }) => {
  await signIn(page, 'disdag.kasubbag-pe');
  await expect(page.getByRole('button', { name: 'Menu pengguna' })).toBeVisible();

  await openNavigation(page, isMobile);
  await page.getByRole('link', { name: 'Perangkat Daerah & Unit Kerja' }).click();
  await expect(page).toHaveURL(/\/organisasi\/perangkat-daerah/);
  await expect(page.getByRole('heading', { name: 'Perangkat Daerah', exact: true })).toBeVisible();
  await expect(page.getByText('Kecamatan Masama').first()).toBeVisible();

  await page.getByRole('button', { name: 'Menu pengguna' }).click();
  await page.getByRole('menuitem', { name: 'Keluar' }).click();
  await expect(page).toHaveURL(/\/masuk/);

  // The session is over on the server too: the app sends us back to sign in.
  await page.goto('/organisasi/perangkat-daerah');
  await expect(page).toHaveURL(/\/masuk/);
  const me = await page.request.get('/api/auth/me');
  expect(me.status()).toBe(401);
});

test('masuk: a wrong password shows an error in Bahasa Indonesia', async ({ page }) => {
  await signIn(page, 'disdag.kasubbag-pe', 'kata-sandi-salah');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Nama pengguna/NIP atau kata sandi salah');
  await expect(page).toHaveURL(/\/masuk/);
});

test('masuk: an employee signs in with their NIP', async ({ page, request }) => {
  // Find a demo member's NIP through the API as the admin, then sign in with it in the browser.
  const login = await request.post('/api/auth/login', { data: { username: 'admin', password: PASSWORD } });
  expect(login.ok()).toBeTruthy();
  const govs = await (await request.get('/api/governments?q=Banggai')).json();
  const users = await (await request.get(`/api/governments/${govs.items[0].id}/users?q=disdag.sekdis`)).json();
  const nip: string = users.items[0].employeeNip;
  await signIn(page, `${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip.slice(14, 15)} ${nip.slice(15)}`);
  await expect(page.getByRole('button', { name: 'Menu pengguna' })).toBeVisible();
});
