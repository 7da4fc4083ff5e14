import type { LocalizedText } from '@sidakin/core';
import { unzipSync } from 'fflate';

/** Limits for a workbook someone uploads. */
export const xlsxLimits = {
  fileBytes: 10 * 1024 * 1024,
  unpackedBytes: 80 * 1024 * 1024,
  /** Unpacked size over packed size of one part; ordinary sheets stay far below it. */
  ratio: 200,
  rows: 20_000,
  columns: 60,
} as const;

export class WorkbookRefused extends Error {
  constructor(readonly text: LocalizedText) {
    super(text.en);
  }
}

const refuse = (id: string, en: string) => new WorkbookRefused({ id, en });

/**
 * Looks inside an upload before any spreadsheet library reads it: it must be an Office Open XML
 * workbook (a zip with xl/workbook.xml), small enough, without macros or links to other files, and
 * it must unpack to what its directory declares (no zip bombs). Throws WorkbookRefused.
 */
export function inspectXlsx(bytes: Uint8Array): void {
  if (bytes.length > xlsxLimits.fileBytes) {
    throw refuse('Berkas Excel melebihi batas 10 MB', 'The Excel file exceeds the 10 MB limit');
  }
  const isZip = bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const notXlsx = () =>
    refuse(
      'Berkas ini bukan buku kerja Excel (.xlsx); simpan sebagai "Excel Workbook (*.xlsx)" lalu unggah lagi',
      'This file is not an Excel workbook (.xlsx); save it as "Excel Workbook (*.xlsx)" and upload it again',
    );
  if (!isZip) throw notXlsx();
  const names: string[] = [];
  let declared = 0;
  let tooDense = false;
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, {
      filter: (f) => {
        names.push(f.name);
        declared += f.originalSize;
        if (f.size > 0 && f.originalSize / f.size > xlsxLimits.ratio && f.originalSize > 1024 * 1024) tooDense = true;
        // Unpack nothing until the directory has been judged.
        return false;
      },
    });
  } catch {
    throw notXlsx();
  }
  if (!names.includes('xl/workbook.xml') || !names.includes('[Content_Types].xml')) throw notXlsx();
  if (names.some((n) => /vbaProject\.bin$/i.test(n) || (/\.bin$/i.test(n) && /activeX|vba/i.test(n)))) {
    throw refuse(
      'Berkas berisi makro; simpan sebagai .xlsx tanpa makro lalu unggah lagi',
      'The file contains macros; save it as an .xlsx without macros and upload it again',
    );
  }
  if (names.some((n) => n.startsWith('xl/externalLinks/'))) {
    throw refuse(
      'Berkas berisi tautan ke buku kerja lain; salin sebagai nilai lalu unggah lagi',
      'The file links to other workbooks; paste the data as values and upload it again',
    );
  }
  if (declared > xlsxLimits.unpackedBytes || tooDense) {
    throw refuse('Isi berkas Excel terlalu besar setelah dibuka', 'The Excel file is too large once unpacked');
  }
  // Now unpack for real: a part that does not unpack to its declared size is refused.
  try {
    parts = unzipSync(bytes);
  } catch {
    throw notXlsx();
  }
  const actual = Object.values(parts).reduce((n, p) => n + p.length, 0);
  if (actual > xlsxLimits.unpackedBytes) {
    throw refuse('Isi berkas Excel terlalu besar setelah dibuka', 'The Excel file is too large once unpacked');
  }
}
