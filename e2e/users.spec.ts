import { expect, type Page, test } from '@playwright/test';

async function signIn(page: Page, username: string, password: string) {
  await page.goto('/masuk');
  await page.getByLabel('Nama pengguna atau NIP').fill(username);
  await page.getByLabel('Kata sandi', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
}

test('pengguna: a new account must change the password the admin gave it before working', async ({ page }, info) => {
  const username = `uji.${info.project.name}.${Date.now().toString(36)}`;
  await signIn(page, 'sidoarjo.admin', 'sidakin-demo');
  await expect(page.getByRole('button', { name: 'Menu pengguna' })).toBeVisible();
  await page.goto('/pengguna');
  await page.getByRole('button', { name: 'Tambah Pengguna' }).click();
  const dialog = page.getByRole('dialog', { name: 'Pengguna baru' });
  await dialog.getByLabel('Nama pengguna', { exact: true }).fill(username);
  await dialog.getByLabel('Nama tampilan').fill('Pengguna Uji Peramban');
  await dialog.getByLabel('Kata sandi awal').fill('sandi-dari-admin-2026');
  await dialog.getByRole('button', { name: 'Simpan' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(username)).toBeVisible();

  await page.getByRole('button', { name: 'Menu pengguna' }).click();
  await page.getByRole('menuitem', { name: 'Keluar' }).click();
  await expect(page).toHaveURL(/\/masuk/);

  await signIn(page, username, 'sandi-dari-admin-2026');
  // Forced to the account page until the password is changed.
  await expect(page).toHaveURL(/\/akun/);
  await page.getByLabel('Kata sandi saat ini').fill('sandi-dari-admin-2026');
  await page.getByLabel('Kata sandi baru', { exact: true }).fill('sandi-pilihan-saya-2026');
  await page.getByLabel('Ulangi kata sandi baru').fill('sandi-pilihan-saya-2026');
  await page.getByRole('button', { name: 'Ganti kata sandi' }).click();
  await expect(page.getByText('Kata sandi telah diganti')).toBeVisible();
  await page.goto('/pegawai');
  await expect(page).toHaveURL(/\/pegawai/);
  await expect(page.getByRole('heading', { name: 'Pegawai', exact: true })).toBeVisible();
});
