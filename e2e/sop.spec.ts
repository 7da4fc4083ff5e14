import { expect, type Page, test } from '@playwright/test';

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

// Both viewports share one server, so each approves its own SOP of Kecamatan Masama, by the Camat:
// the desktop run its Pengumpulan, the phone run its Perbaikan. (The Dinas Perdagangan's SOP is put
// into effect and run as a case by case.spec.ts, which also checks its table.)
const cases = {
  desktop: {
    head: 'masama.camat',
    title: 'Mekanisme Pengumpulan Data Kinerja',
    position: 'Camat Masama',
    lanes: ['Camat', 'Sekretaris', 'Kepala Seksi/ Lurah', 'Kasubag', 'Kasubag Perenc'],
    startsFrom: { label: 'Dijalankan dari periode pengumpulan', path: '/pengumpulan' },
  },
  phone: {
    head: 'masama.camat',
    title: 'Prosedur Perbaikan Data Kinerja',
    position: 'Camat Masama',
    lanes: ['Camat', 'Sekretaris', 'Kepala Seksi/Lurah', 'Kasubag Evlap', 'Pelaksana'],
    startsFrom: { label: 'Dijalankan dari Perbaikan Data Kinerja', path: '/perbaikan' },
  },
} as const;

test('sop: the agency head approves the SOP, the admin puts it into effect', async ({ page, isMobile }, info) => {
  const c = info.project.name === 'phone' ? cases.phone : cases.desktop;

  await signIn(page, c.head);
  if (isMobile) await page.getByRole('button', { name: 'Buka/tutup navigasi' }).click();
  await page.getByRole('link', { name: 'SOP', exact: true }).click();
  await expect(page).toHaveURL(/\/sop$/);
  await expect(page.getByRole('heading', { name: 'SOP', exact: true })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Cari judul SOP atau Perangkat Daerah' }).fill(c.title);
  await page.getByRole('link', { name: c.title, exact: true }).click();
  await expect(page.getByRole('heading', { name: c.title, level: 1 })).toBeVisible();

  // THE TABLE: one row per step, one column per lane.
  const table = page.getByRole('table', { name: new RegExp(`Uraian prosedur ${c.title}`) });
  await expect(table.locator('tbody > tr')).toHaveCount(9);
  // The second header row: the lane titles in their printed order, then the Mutu Baku columns.
  await expect(table.locator('thead > tr').nth(1).getByRole('columnheader')).toHaveText([
    ...c.lanes,
    'Kelengkapan',
    'Waktu',
    'Output',
  ]);

  // Sahkan: the head of the agency approves; name and position are recorded.
  await page.getByRole('tab', { name: /Versi/ }).click();
  const version = page.getByRole('listitem', { name: 'Versi 1' });
  await expect(version.getByText('Draf', { exact: true })).toBeVisible();
  await version.getByRole('button', { name: 'Sahkan' }).click();
  const approve = page.getByRole('dialog', { name: 'Sahkan versi 1?' });
  await approve.getByRole('button', { name: 'Sahkan' }).click();
  await expect(approve).toBeHidden();
  await expect(version.getByText('Disahkan', { exact: true })).toBeVisible();
  await expect(version.getByTestId('approver-position')).toHaveText(c.position);
  const sopUrl = new URL(page.url());

  // Berlakukan: the government admin puts the approved version into effect from today.
  await signOut(page);
  await signIn(page, 'banggai.admin');
  await page.goto(`${sopUrl.pathname}?bagian=versi`);
  await version.getByRole('button', { name: 'Berlakukan' }).click();
  const effective = page.getByRole('dialog', { name: 'Berlakukan versi 1' });
  await expect(effective.getByLabel('Berlaku sejak')).not.toHaveValue('');
  await effective.getByRole('button', { name: 'Berlakukan' }).click();
  await expect(effective).toBeHidden();
  await expect(version.getByText('Berlaku', { exact: true })).toBeVisible();
  await expect(version).toContainText('Berlaku sejak');
  await expect(version.getByRole('button', { name: 'Cabut' })).toBeVisible();

  // An SOP that runs on its own data is not started as a loose case: the page points to where its
  // cases start.
  await expect(page.getByRole('button', { name: 'Mulai kasus' })).toHaveCount(0);
  await page.getByRole('link', { name: c.startsFrom.label }).click();
  await expect(page).toHaveURL(new RegExp(`${c.startsFrom.path}$`));
});

test('sop: an uploaded document with mistakes lists every error with its place', async ({ page }) => {
  await signIn(page, 'banggai.admin');
  await page.goto('/sop');
  await page.getByRole('button', { name: 'Unggah SOP' }).click();
  const dialog = page.getByRole('dialog', { name: 'Unggah SOP' });
  await dialog.getByText('Tempel teks').click();
  await dialog
    .getByLabel('Teks SOP (YAML atau JSON)')
    .fill(
      [
        'schemaVersion: 1',
        'id: uji/uji/uji',
        'title: Uji',
        'kind: general',
        'agency: { government: uji, agency: uji, header: [UJI] }',
        'identity: { number: null, createdOn: null, revisedOn: null, effectiveOn: null, approvedBy: { position: Kepala } }',
        'lanes:',
        '  kepala: { title: Kepala, binding: head-of-agency }',
        'steps:',
        '  - { no: 1, lane: kepala, action: review, text: Memeriksa, decision: { ya: 2, tidak: 12 } }',
        '  - { no: 2, lane: staf, action: rekap, text: Merekap }',
      ].join('\n'),
    );
  await dialog.getByRole('button', { name: 'Unggah', exact: true }).click();
  const errors = dialog.getByRole('alert');
  await expect(errors).toContainText('3 kesalahan');
  await expect(errors).toContainText('steps[0].decision.tidak');
  await expect(errors).toContainText('step 12 does not exist');
  await expect(errors).toContainText('steps[1].lane');
  await expect(errors).toContainText('steps[1].action');
});
