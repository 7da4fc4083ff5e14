import { expect, type Page, test } from '@playwright/test';

async function signIn(page: Page, username: string) {
  await page.goto('/masuk');
  await page.getByLabel('Nama pengguna atau NIP').fill(username);
  await page.getByLabel('Kata sandi', { exact: true }).fill('sidakin-demo');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('button', { name: 'Menu pengguna' })).toBeVisible();
}

async function signInAs(page: Page, username: string) {
  await page.getByRole('button', { name: 'Menu pengguna' }).click();
  await page.getByRole('menuitem', { name: 'Keluar' }).click();
  await expect(page).toHaveURL(/\/masuk/);
  await signIn(page, username);
}

const planName = 'Rencana Strategis Dinas Perdagangan Kabupaten Banggai 2021–2026';
const objective = '1.1 Terkendalinya harga dan terjaminnya ketersediaan barang kebutuhan pokok';

/** On a phone the tree opens at the goals; a tap opens an objective. */
async function openObjective(page: Page, name: string) {
  const expand = page.getByRole('button', { name: `Buka ${name}`, exact: true });
  const collapse = page.getByRole('button', { name: `Ciutkan ${name}`, exact: true });
  // Wait for the tree either way before deciding, so a page still loading is not taken as open.
  await expect(expand.or(collapse)).toBeVisible();
  if (await expand.isVisible()) await expand.click();
  await expect(collapse).toBeVisible();
}

test('renstra: a member reads the plan and its 2026 agreement; the admin sets a yearly target in Indonesian', async ({
  page,
  isMobile,
}, info) => {
  test.setTimeout(120_000);
  // Both viewports share one server: each edits its own indicator.
  const edit =
    info.project.name === 'phone'
      ? {
          objective: '3.1 Meningkatnya kualitas tata kelola dan akuntabilitas kinerja',
          indicator: 'IKU 3.1.1 Nilai SAKIP Dinas Perdagangan',
          typed: '68,5',
          shown: '68,50',
        }
      : {
          objective,
          indicator: 'IKU 1.1.2 Persentase ketersediaan barang kebutuhan pokok',
          typed: '85,5',
          shown: '85,50',
        };

  // A member of the Dinas finds the Renstra under Perencanaan.
  await signIn(page, 'disdag.kasubbag-pe');
  if (isMobile) await page.getByRole('button', { name: 'Buka/tutup navigasi' }).click();
  await page.getByRole('link', { name: 'Rencana Strategis', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Rencana Strategis', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: planName }).click();
  await expect(page.getByRole('heading', { name: planName, level: 1 })).toBeVisible();
  const planPath = new URL(page.url()).pathname;

  // The tree: a goal, its objective, and the objective's key indicator with its 2026 target.
  const tree = page.getByRole('navigation', { name: 'Pohon kinerja' });
  await expect(
    tree.getByText('Meningkatnya stabilitas harga dan kelancaran distribusi barang kebutuhan pokok'),
  ).toBeVisible();
  await expect(tree.getByText('Terkendalinya harga dan terjaminnya ketersediaan barang kebutuhan pokok')).toBeVisible();
  await openObjective(page, objective);
  const indicators = page.getByRole('table', { name: `Indikator ${objective}` });
  const cv = indicators.locator('tr[data-indicator="IKU 1.1.1"]');
  await expect(cv).toContainText('Koefisien variasi harga barang kebutuhan pokok');
  await expect(cv).toContainText('IKU');
  await expect(cv.locator('td[data-year="2026"]')).toHaveText('7,00');

  // The 2026 agreement of the Dinas: the rencana aksi T1–T4 and both parties.
  await page.getByRole('main').getByRole('link', { name: 'Perjanjian Kinerja' }).click();
  await expect(page.getByRole('heading', { name: 'Perjanjian Kinerja', level: 1 })).toBeVisible();
  await page.getByRole('textbox', { name: 'Tahun' }).click();
  await page.getByRole('option', { name: '2026', exact: true }).click();
  const agreements = page.getByRole('table', { name: 'Perjanjian Kinerja' });
  await expect(agreements.getByRole('cell', { name: '2025', exact: true })).toHaveCount(0);
  await agreements.getByRole('link', { name: 'Dinas Perdagangan', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Perjanjian Kinerja Tahun 2026', level: 1 })).toBeVisible();
  const row = page
    .getByRole('table', { name: 'Indikator dan target Perjanjian Kinerja 2026' })
    .locator('tr[data-indicator="IKU 1.1.1"]');
  await expect(row.locator('td[data-quarter="year"]')).toHaveText('7,00');
  await expect(row.locator('td[data-quarter="q1"]')).toHaveText('7,38');
  await expect(row.locator('td[data-quarter="q2"]')).toHaveText('7,25');
  await expect(row.locator('td[data-quarter="q3"]')).toHaveText('7,13');
  await expect(row.locator('td[data-quarter="q4"]')).toHaveText('7,00');
  const first = page.getByRole('group', { name: 'Pihak Pertama' });
  await expect(first).toContainText('Kepala Dinas Perdagangan');
  await expect(first).toContainText('Ir. Moh. Rizal Lamaluta, M.Si.');
  await expect(first).toContainText('NIP 19700814 199703 1 002');
  const second = page.getByRole('group', { name: 'Pihak Kedua' });
  await expect(second).toContainText('Bupati Banggai');
  await expect(second).toContainText('Drs. H. Arifin Tamalagi, M.Si.');
  await expect(page.getByRole('button', { name: 'Tandatangani' })).toHaveCount(0);

  // The admin sets a yearly target, typed the Indonesian way, and reads it back formatted.
  await signInAs(page, 'banggai.admin');
  await page.goto(planPath);
  await openObjective(page, edit.objective);
  await page.getByRole('button', { name: `Ubah target ${edit.indicator}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Target tahunan' });
  await dialog.getByLabel('Target 2024', { exact: true }).fill(edit.typed);
  await dialog.getByRole('button', { name: 'Simpan' }).click();
  await expect(dialog).toBeHidden();
  const code = edit.indicator.split(' ').slice(0, 2).join(' ');
  const edited = page
    .getByRole('table', { name: `Indikator ${edit.objective}` })
    .locator(`tr[data-indicator="${code}"] td[data-year="2024"]`);
  await expect(edited).toHaveText(edit.shown);
  await page.reload();
  await openObjective(page, edit.objective);
  await expect(edited).toHaveText(edit.shown);
});
