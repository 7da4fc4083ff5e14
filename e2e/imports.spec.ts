import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';

async function signIn(page: Page, username: string) {
  await page.goto('/masuk');
  await page.getByLabel('Nama pengguna atau NIP').fill(username);
  await page.getByLabel('Kata sandi', { exact: true }).fill('sidakin-demo');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('button', { name: 'Menu pengguna' })).toBeVisible();
}

const planName = 'Rencana Strategis Dinas Perdagangan Kabupaten Banggai 2021–2026';
const objective = '1.1 Terkendalinya harga dan terjaminnya ketersediaan barang kebutuhan pokok';

/** On a phone the tree opens at the goals; a tap opens an objective. */
async function openObjective(page: Page, name: string) {
  const expand = page.getByRole('button', { name: `Buka ${name}`, exact: true });
  const collapse = page.getByRole('button', { name: `Ciutkan ${name}`, exact: true });
  await expect(expand.or(collapse)).toBeVisible();
  if (await expand.isVisible()) await expand.click();
  await expect(collapse).toBeVisible();
}

/** Sets one cell of the "Indikator" sheet, found by indicator code and column header; returns the bytes. */
async function editIndicatorCell(bytes: Buffer, code: string, header: string, value: ExcelJS.CellValue) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet('Indikator');
  if (!sheet) throw new Error('no sheet "Indikator" in the template');
  let headerRow = 0;
  const columns = new Map<string, number>();
  sheet.eachRow((row, n) => {
    if (headerRow) return;
    row.eachCell((cell, col) => {
      if (cell.value === 'Kode Indikator') headerRow = n;
      if (typeof cell.value === 'string') columns.set(cell.value, col);
    });
    if (!headerRow) columns.clear();
  });
  const codeColumn = columns.get('Kode Indikator');
  const targetColumn = columns.get(header);
  if (!codeColumn || !targetColumn) throw new Error(`no column "${header}"`);
  let edited = false;
  sheet.eachRow((row, n) => {
    if (n > headerRow && row.getCell(codeColumn).value === code) {
      row.getCell(targetColumn).value = value;
      edited = true;
    }
  });
  if (!edited) throw new Error(`no row ${code}`);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function upload(dialog: Locator, name: string, buffer: Buffer) {
  await dialog.locator('input[type="file"]').setInputFiles({
    name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer,
  });
  await dialog.getByRole('button', { name: 'Periksa berkas' }).click();
}

test('impor excel: the admin changes one Renstra target through the template, sees exactly that change, applies it; a bad file changes nothing', async ({
  page,
}, info) => {
  test.setTimeout(120_000);
  // Both viewports share one server: each changes its own year (not the ones plans.spec edits).
  const edit =
    info.project.name === 'phone'
      ? { year: '2023', typed: 8.25, before: '8,5', after: '8,25', shown: '8,25' }
      : { year: '2022', typed: 8.75, before: '9', after: '8,75', shown: '8,75' };
  const header = `Target ${edit.year}`;

  await signIn(page, 'banggai.admin');
  await page.goto('/rencana');
  await page.getByRole('link', { name: planName }).click();
  await expect(page.getByRole('heading', { name: planName, level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Unduh Excel' })).toBeVisible();

  // Step 1: the template is the plan as it is now.
  await page.getByRole('button', { name: 'Impor Excel' }).click();
  const dialog = page.getByRole('dialog', { name: 'Impor dari Excel' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('link', { name: 'Unduh templat' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const template = await readFile(await download.path());

  // A cell that is not a number: every bad cell is listed and there is nothing to apply.
  await upload(dialog, 'renstra-salah.xlsx', await editIndicatorCell(template, 'IKU 1.1.1', header, 'delapan'));
  await expect(dialog.getByRole('alert').filter({ hasText: 'Berkas berisi 1 kesalahan' })).toContainText(
    'Tidak ada data yang diubah.',
  );
  const problems = dialog.getByRole('table', { name: 'Sel yang salah' });
  await expect(problems.locator('tbody tr')).toHaveCount(1);
  await expect(problems.locator('tbody tr')).toContainText('"delapan" bukan angka');
  await expect(problems.locator('tbody tr td').nth(0)).toHaveText('Indikator');
  await expect(dialog.getByRole('button', { name: 'Terapkan' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Pilih berkas lain' }).click();

  // Step 2: the preview shows exactly the one target changed, old → new.
  await upload(dialog, 'renstra.xlsx', await editIndicatorCell(template, 'IKU 1.1.1', header, edit.typed));
  const changes = dialog.getByRole('table', { name: 'Perubahan yang akan diterapkan' });
  await expect(changes.locator('tbody tr')).toHaveCount(1);
  const row = changes.locator('tr[data-key="IKU 1.1.1"]');
  await expect(row).toContainText('Koefisien variasi harga barang kebutuhan pokok');
  await expect(row).toContainText('Ubah');
  await expect(row.locator('[data-field]')).toHaveCount(1);
  await expect(row.locator(`[data-field="${header}"]`)).toHaveText(`${header}: ${edit.before} → ${edit.after}`);
  const summary = dialog.getByRole('table', { name: 'Ringkasan impor' });
  await expect(summary.locator('tr[data-entity="indicator"] td[data-count="updated"]')).toHaveText('1');
  await expect(summary.locator('tr[data-entity="node"] td[data-count="updated"]')).toHaveText('0');

  // Step 3: apply, then the page shows the new target.
  await dialog.getByRole('button', { name: 'Terapkan' }).click();
  await expect(dialog.getByRole('status')).toContainText('Impor diterapkan');
  await dialog.getByRole('button', { name: 'Selesai' }).click();
  await expect(dialog).toBeHidden();
  await openObjective(page, objective);
  const cell = page
    .getByRole('table', { name: `Indikator ${objective}` })
    .locator(`tr[data-indicator="IKU 1.1.1"] td[data-year="${edit.year}"]`);
  await expect(cell).toHaveText(edit.shown);

  // A text file named .xlsx is refused with the server's reason, and nothing is applied.
  await page.getByRole('button', { name: 'Impor Excel' }).click();
  await upload(dialog, 'bukan-excel.xlsx', Buffer.from('Ini bukan buku kerja Excel.\n'));
  const refusal = dialog.getByRole('alert').filter({ hasText: 'Berkas ditolak' });
  await expect(refusal).toContainText('bukan buku kerja Excel (.xlsx)');
  await expect(refusal).toContainText('Tidak ada data yang diubah.');
  await expect(dialog.getByRole('button', { name: 'Terapkan' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Batal' }).click();
  await page.reload();
  await openObjective(page, objective);
  await expect(cell).toHaveText(edit.shown);
});

test('impor excel: a preview made stale by another edit is not applied; previewing the same file again is', async ({
  page,
  context,
}, info) => {
  test.setTimeout(120_000);
  // Each viewport changes its own year (not one the other specs read or edit).
  const edit =
    info.project.name === 'phone'
      ? { year: '2025', typed: 7.4, before: '7,5', after: '7,4', shown: '7,40' }
      : { year: '2021', typed: 9.4, before: '9,5', after: '9,4', shown: '9,40' };
  const header = `Target ${edit.year}`;

  await signIn(page, 'banggai.admin');
  await page.goto('/rencana');
  await page.getByRole('link', { name: planName }).click();
  await expect(page.getByRole('heading', { name: planName, level: 1 })).toBeVisible();
  const planPath = new URL(page.url()).pathname;
  await page.getByRole('button', { name: 'Impor Excel' }).click();
  const dialog = page.getByRole('dialog', { name: 'Impor dari Excel' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('link', { name: 'Unduh templat' }).click(),
  ]);
  const file = await editIndicatorCell(await readFile(await download.path()), 'IKU 1.1.1', header, edit.typed);
  await upload(dialog, 'renstra.xlsx', file);
  const line = dialog.locator(`tr[data-key="IKU 1.1.1"] [data-field="${header}"]`);
  await expect(line).toHaveText(`${header}: ${edit.before} → ${edit.after}`);

  // Meanwhile the plan is edited in another tab.
  const other = await context.newPage();
  await other.goto(planPath);
  await other.getByRole('button', { name: 'Ubah', exact: true }).click();
  const form = other.getByRole('dialog', { name: 'Ubah Rencana Strategis' });
  await form.getByLabel('Keterangan').fill(`Diperbarui sebelum impor (${info.project.name})`);
  await form.getByRole('button', { name: 'Simpan' }).click();
  await expect(form).toBeHidden();
  await other.close();

  // The preview is refused as stale; nothing is applied, and the same file can be previewed again.
  await dialog.getByRole('button', { name: 'Terapkan' }).click();
  const stale = dialog.getByRole('alert').filter({ hasText: 'Data berubah sejak pratinjau dibuat' });
  await expect(stale).toContainText('Tidak ada data yang diubah.');
  await expect(dialog.getByRole('button', { name: 'Terapkan' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Buat pratinjau ulang' }).click();
  await expect(line).toHaveText(`${header}: ${edit.before} → ${edit.after}`);
  await dialog.getByRole('button', { name: 'Terapkan' }).click();
  await expect(dialog.getByRole('status')).toContainText('Impor diterapkan');
  await dialog.getByRole('button', { name: 'Selesai' }).click();
  await openObjective(page, objective);
  await expect(
    page
      .getByRole('table', { name: `Indikator ${objective}` })
      .locator(`tr[data-indicator="IKU 1.1.1"] td[data-year="${edit.year}"]`),
  ).toHaveText(edit.shown);
});
