import ExcelJS from 'exceljs';

/**
 * Workbooks the system hands out (templates, exports): a title block, a header row, typed
 * columns, frozen headers. Text that a spreadsheet would run as a formula (=, +, -, @ at the start)
 * is written as plain text, so an export can never carry a formula into someone's Excel.
 */
export interface ExportColumn<R> {
  header: string;
  width?: number;
  /** 'number' cells are written as numbers with this many decimals (values are decimal strings). */
  type?: 'text' | 'number';
  decimals?: number;
  value: (row: R) => string | number | null;
  /** A note shown on the header cell (how to fill the column). */
  note?: string;
}

export interface ExportSheet<R> {
  name: string;
  /** Lines above the table (e.g. the agency, the period). */
  title?: string[];
  columns: ExportColumn<R>[];
  rows: R[];
  /** Lists for columns that take one of a few values (data validation). */
  lists?: { column: number; values: string[] }[];
}

/** Makes text safe to put in a cell: no formula, no control characters. */
export function safeText(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const clean = value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
  return /^[=+\-@\t\r]/.test(clean) ? `'${clean}` : clean;
}

export async function buildWorkbook(sheets: ExportSheet<unknown>[], meta: { creator: string; title: string }) {
  const wb = new ExcelJS.Workbook();
  wb.creator = meta.creator;
  wb.title = meta.title;
  wb.created = new Date();
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name.slice(0, 31));
    let r = 1;
    for (const line of sheet.title ?? []) {
      const cell = ws.getCell(r, 1);
      cell.value = safeText(line);
      cell.font = { bold: r === 1, size: r === 1 ? 12 : 10 };
      r++;
    }
    if (sheet.title?.length) r++;
    const headerRow = ws.getRow(r);
    sheet.columns.forEach((c, i) => {
      const cell = headerRow.getCell(i + 1);
      cell.value = c.header;
      cell.font = { bold: true };
      cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE5E7EB' } };
      cell.border = {
        top: { style: 'thin' },
        bottom: { style: 'thin' },
        left: { style: 'thin' },
        right: { style: 'thin' },
      };
      if (c.note) cell.note = c.note;
      ws.getColumn(i + 1).width = c.width ?? Math.max(10, Math.min(50, c.header.length + 4));
    });
    ws.views = [{ state: 'frozen', ySplit: r }];
    const first = r + 1;
    for (const row of sheet.rows) {
      r++;
      const out = ws.getRow(r);
      sheet.columns.forEach((c, i) => {
        const v = c.value(row);
        const cell = out.getCell(i + 1);
        if (v === null || v === '') return;
        if (c.type === 'number') {
          cell.value = typeof v === 'number' ? v : Number(v);
          cell.numFmt = c.decimals ? `#,##0.${'0'.repeat(c.decimals)}` : '#,##0';
        } else {
          cell.value = safeText(String(v));
          cell.alignment = { wrapText: true, vertical: 'top' };
        }
      });
    }
    for (const list of sheet.lists ?? []) {
      const letter = ws.getColumn(list.column + 1).letter;
      for (let i = first; i <= Math.max(first + 500, r); i++) {
        ws.getCell(`${letter}${i}`).dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [`"${list.values.join(',')}"`],
          showErrorMessage: true,
          errorTitle: 'Nilai tidak valid',
          error: `Pilih salah satu: ${list.values.join(', ')}`,
        };
      }
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
