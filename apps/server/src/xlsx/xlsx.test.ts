import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { WorkbookRefused } from './inspect.js';
import { readWorkbook, type SheetSpec } from './read.js';
import { buildWorkbook, safeText } from './write.js';

const spec: SheetSpec<'code' | 'name' | 'target' | 'direction'>[] = [
  {
    sheet: 'Indikator',
    columns: [
      { key: 'code', header: 'Kode', type: 'text', required: true, maxLength: 20 },
      { key: 'name', header: 'Indikator', type: 'text', required: true },
      { key: 'target', header: 'Target', type: 'number', required: true },
      { key: 'direction', header: 'Arah', type: 'enum', options: ['Naik', 'Turun'] },
    ],
  },
];

async function workbook(fill: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Indikator');
  ws.getCell('A1').value = 'PEMERINTAH KABUPATEN UJI';
  ws.getRow(3).values = ['Kode', 'Indikator', 'Target', 'Arah'];
  fill(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function refusal(bytes: Uint8Array): Promise<string> {
  try {
    await readWorkbook(bytes, spec);
  } catch (e) {
    if (e instanceof WorkbookRefused) return e.text.id;
    throw e;
  }
  return 'accepted';
}

describe('reading an uploaded workbook', () => {
  it('finds the columns by their headers and reads Indonesian numbers, percentages and stored formula results', async () => {
    const bytes = await workbook((ws) => {
      ws.getRow(4).values = ['1.1', 'Koefisien variasi harga', '1.234,5', 'turun'];
      ws.getRow(5).values = ['1.2', 'Pasar direvitalisasi', 12, 'Naik'];
      ws.getRow(6).values = ['1.3', 'Persentase alat ukur ditera', 0.855, 'Naik'];
      ws.getCell('C6').numFmt = '0.0%';
      ws.getRow(7).values = ['1.4', 'Nilai ekspor', { formula: 'SUM(1,2)', result: 3 } as ExcelJS.CellFormulaValue];
      ws.getRow(8).values = ['1.5', 'Kepuasan', '85%'];
    });
    const r = await readWorkbook(bytes, spec);
    expect(r.problems).toEqual([]);
    expect(r.sheets.Indikator!.map((x) => [x.row, x.values.code, x.values.target, x.values.direction])).toEqual([
      [4, '1.1', '1234.5', 'Turun'],
      [5, '1.2', '12', 'Naik'],
      [6, '1.3', '85.5', 'Naik'],
      [7, '1.4', '3', null],
      [8, '1.5', '85', null],
    ]);
  });

  it('lists every invalid cell with its sheet, row and column', async () => {
    const bytes = await workbook((ws) => {
      ws.getRow(4).values = ['', 'Tanpa kode', 'banyak', 'Sedang'];
      ws.getRow(6).values = ['2.1', 'Rumus tanpa hasil', { formula: 'A1*2' } as ExcelJS.CellFormulaValue];
      ws.getRow(7).values = ['2.2', 'Galat', { error: '#DIV/0!' } as ExcelJS.CellErrorValue];
    });
    const r = await readWorkbook(bytes, spec);
    expect(r.problems.map((p) => [p.sheet, p.row, p.column, p.message.id])).toEqual([
      ['Indikator', 4, 'A', 'Kode wajib diisi'],
      ['Indikator', 4, 'C', '"banyak" bukan angka yang dikenali; tulis misalnya 1234,5 atau 1.234,5 atau 85%'],
      ['Indikator', 4, 'D', 'Pilih salah satu: Naik, Turun'],
      ['Indikator', 6, 'C', 'Sel berisi rumus tanpa hasil tersimpan; salin lalu tempel sebagai nilai'],
      ['Indikator', 7, 'C', 'Sel berisi galat #DIV/0!'],
    ]);
  });

  it('names a missing sheet, a missing header row and a missing required column', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Lain').getCell('A1').value = 'x';
    const noSheet = await readWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), spec);
    expect(noSheet.problems.map((p) => p.message.id)).toEqual(['Lembar "Indikator" tidak ada']);
    const noTarget = await workbook((ws) => {
      ws.getRow(3).values = ['Kode', 'Indikator'];
      ws.getRow(4).values = ['1', 'A'];
    });
    expect((await readWorkbook(noTarget, spec)).problems.map((p) => [p.row, p.message.id])).toEqual([
      [3, 'Kolom "Target" tidak ada'],
      [4, 'Target wajib diisi'],
    ]);
  });

  it('refuses what is not a workbook, macros, links to other files, zip bombs and oversized sheets', async () => {
    expect(await refusal(strToU8('%PDF-1.4 bukan excel'))).toMatch(/bukan buku kerja Excel/);
    const base = {
      '[Content_Types].xml': strToU8('<Types/>'),
      'xl/workbook.xml': strToU8('<workbook/>'),
    };
    expect(await refusal(zipSync({ ...base, 'xl/vbaProject.bin': new Uint8Array(10) }))).toMatch(/makro/);
    expect(await refusal(zipSync({ ...base, 'xl/externalLinks/externalLink1.xml': strToU8('<x/>') }))).toMatch(
      /tautan ke buku kerja lain/,
    );
    expect(await refusal(zipSync({ ...base, 'xl/worksheets/sheet1.xml': new Uint8Array(90 * 1024 * 1024) }))).toMatch(
      /terlalu besar setelah dibuka/,
    );
    const big = await workbook((ws) => {
      for (let i = 0; i < 20_001; i++) ws.getCell(4 + i, 1).value = i;
    });
    expect(await refusal(big)).toMatch(/terlalu besar \(paling banyak 20000 baris/);
  }, 60_000);
});

describe('writing a workbook', () => {
  it('writes text that looks like a formula as text, and reads back what it wrote', async () => {
    expect(safeText('=HYPERLINK("http://x","klik")')).toBe(`'=HYPERLINK("http://x","klik")`);
    expect(safeText('-5 catatan')).toBe(`'-5 catatan`);
    expect(safeText('Baik')).toBe('Baik');
    const rows = [
      { code: '1.1', name: '=cmd|"/c calc"!A1', target: '1234.5', direction: 'Naik' },
      { code: '1.2', name: 'Pasar', target: '12', direction: 'Turun' },
    ];
    const bytes = await buildWorkbook(
      [
        {
          name: 'Indikator',
          title: ['PEMERINTAH KABUPATEN UJI', 'Dinas Uji'],
          columns: [
            { header: 'Kode', value: (r: (typeof rows)[number]) => r.code },
            { header: 'Indikator', value: (r: (typeof rows)[number]) => r.name },
            { header: 'Target', type: 'number', decimals: 2, value: (r: (typeof rows)[number]) => r.target },
            { header: 'Arah', value: (r: (typeof rows)[number]) => r.direction },
          ],
          rows,
          lists: [{ column: 3, values: ['Naik', 'Turun'] }],
        },
      ] as never,
      { creator: 'SIDAKIN', title: 'Uji' },
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Indikator')!;
    expect(ws.getCell('B5').value).toBe(`'=cmd|"/c calc"!A1`);
    expect(ws.getCell('B5').formula).toBeUndefined();
    expect(ws.getCell('C5').value).toBe(1234.5);
    expect(ws.getCell('D5').dataValidation?.formulae).toEqual(['"Naik,Turun"']);
    const back = await readWorkbook(bytes, spec);
    expect(back.problems).toEqual([]);
    expect(back.sheets.Indikator!.map((r) => r.values)).toEqual([
      { code: '1.1', name: `'=cmd|"/c calc"!A1`, target: '1234.5', direction: 'Naik' },
      { code: '1.2', name: 'Pasar', target: '12', direction: 'Turun' },
    ]);
  });
});
