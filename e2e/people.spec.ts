import { expect, type Page, test } from '@playwright/test';

async function signIn(page: Page, username: string) {
  await page.goto('/masuk');
  await page.getByLabel('Nama pengguna atau NIP').fill(username);
  await page.getByLabel('Kata sandi', { exact: true }).fill('sidakin-demo');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('button', { name: 'Menu pengguna' })).toBeVisible();
}

test('pegawai: the admin registers an employee; an impossible NIP is refused at the NIP field', async ({
  page,
}, info) => {
  // Both viewports share one server: each registers its own person.
  const seq = info.project.name === 'phone' ? '005' : '004';
  const name = info.project.name === 'phone' ? 'Ratna Sari Dewi' : 'Ratna Kumala Sari';
  await signIn(page, 'banggai.admin');
  await page.goto('/pegawai');
  await page.getByRole('button', { name: 'Tambah Pegawai' }).click();
  const dialog = page.getByRole('dialog', { name: 'Pegawai baru' });
  // Birth date 1988-02-30 does not exist.
  await dialog.getByLabel('NIP').fill(`19880230 201001 2 ${seq}`);
  await dialog.getByLabel('Nama (tanpa gelar)').fill(name);
  await dialog.getByRole('button', { name: 'Simpan' }).click();
  await expect(dialog).toContainText('Tanggal lahir pada NIP');

  await dialog.getByLabel('NIP').fill(`19880228 201001 2 ${seq}`);
  await dialog.getByRole('button', { name: 'Simpan' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('searchbox', { name: 'Cari nama atau NIP' }).fill(`19880228201001 2${seq}`.replace(' ', ''));
  await expect(page.getByText(name)).toBeVisible();
  await expect(page.getByText(`19880228 201001 2 ${seq}`)).toBeVisible();
});

test('bahasa: the sign-in page and its errors switch to English', async ({ page }) => {
  await page.goto('/masuk');
  await page.getByRole('radiogroup', { name: 'Bahasa' }).getByText('EN').click();
  await expect(page.getByLabel('Username or NIP')).toBeVisible();
  await page.getByLabel('Username or NIP').fill('disdag.kadis');
  await page.getByLabel('Password', { exact: true }).fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong username/NIP or password');
});
