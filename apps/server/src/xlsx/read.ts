import { type LocalizedText, multiplyDecimal, parseIndonesianNumber } from '@sidakin/core';
import ExcelJS from 'exceljs';
import { inspectXlsx, WorkbookRefused, xlsxLimits } from './inspect.js';

/**
 * Reading tables out of an uploaded workbook: the columns are found by their header text, every
 * cell is checked against its column, and every problem is reported with its sheet, row and
 * column. Formulas are never evaluated: their stored result is read, as if pasted as values.
 */
export type ColumnType = 'text' | 'number' | 'integer' | 'enum';

export interface ColumnSpec<K extends string = string> {
  key: K;
  /** The header as the template prints it (matched ignoring case, spaces and line breaks). */
  header: string;
  type: ColumnType;
  required?: boolean;
  maxLength?: number;
  /** For 'enum': the accepted values (matched ignoring case); the value read is the one listed here. */
  options?: readonly string[];
}

export interface SheetSpec<K extends string = string> {
  sheet: string;
  columns: ColumnSpec<K>[];
  /** The sheet may be absent (nothing to read from it). */
  optional?: boolean;
}

export interface CellProblem {
  sheet: string;
  /** 1-based row number as Excel shows it. */
  row: number;
  /** Column letter as Excel shows it, or '' for a problem with the whole sheet. */
  column: string;
  message: LocalizedText;
}

export interface ReadRow<K extends string = string> {
  row: number;
  /** Text as written (trimmed); numbers as canonical decimal strings; empty cells null. */
  values: Record<K, string | null>;
}

export interface ReadResult<K extends string = string> {
  sheets: Record<string, ReadRow<K>[]>;
  problems: CellProblem[];
}

const squash = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

export function columnLetter(n: number): string {
  let s = '';
  let x = n;
  while (x > 0) {
    const m = (x - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    x = Math.floor((x - 1) / 26);
  }
  return s;
}

type Raw =
  | { kind: 'empty' }
  | { kind: 'value'; value: string | number; percent: boolean }
  | { kind: 'error'; text: LocalizedText };

/** What a cell holds, with formulas replaced by their stored result. */
function rawOf(cell: ExcelJS.Cell): Raw {
  const v = cell.value as unknown;
  const percent = typeof cell.numFmt === 'string' && cell.numFmt.includes('%');
  if (v === null || v === undefined || v === '') return { kind: 'empty' };
  if (typeof v === 'number') return { kind: 'value', value: v, percent };
  if (typeof v === 'string') return { kind: 'value', value: v, percent: false };
  if (typeof v === 'boolean') return { kind: 'value', value: v ? 'TRUE' : 'FALSE', percent: false };
  if (v instanceof Date) return { kind: 'value', value: v.toISOString().slice(0, 10), percent: false };
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) {
      return { kind: 'value', value: (o.richText as { text: string }[]).map((r) => r.text).join(''), percent: false };
    }
    if ('formula' in o || 'sharedFormula' in o) {
      const result = o.result as unknown;
      if (result === undefined || result === null || (typeof result === 'object' && !(result instanceof Date))) {
        return {
          kind: 'error',
          text: {
            id: 'Sel berisi rumus tanpa hasil tersimpan; salin lalu tempel sebagai nilai',
            en: 'The cell holds a formula without a stored result; copy it and paste as values',
          },
        };
      }
      if (result instanceof Date) return { kind: 'value', value: result.toISOString().slice(0, 10), percent: false };
      return { kind: 'value', value: result as string | number, percent: percent && typeof result === 'number' };
    }
    if ('error' in o) {
      return {
        kind: 'error',
        text: { id: `Sel berisi galat ${String(o.error)}`, en: `The cell holds the error ${String(o.error)}` },
      };
    }
    if (typeof o.text === 'string') return { kind: 'value', value: o.text, percent: false };
  }
  return { kind: 'error', text: { id: 'Isi sel tidak dapat dibaca', en: 'The cell cannot be read' } };
}

function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a) return true;
  }
  return false;
}

function convert(spec: ColumnSpec, raw: Raw): { ok: true; value: string | null } | { ok: false; text: LocalizedText } {
  if (raw.kind === 'error') return { ok: false, text: raw.text };
  if (raw.kind === 'empty' || (typeof raw.value === 'string' && raw.value.trim() === '')) {
    if (spec.required)
      return { ok: false, text: { id: `${spec.header} wajib diisi`, en: `${spec.header} is required` } };
    return { ok: true, value: null };
  }
  if (spec.type === 'number' || spec.type === 'integer') {
    const parsed = parseIndonesianNumber(raw.value, { ambiguous: 'indonesian' });
    if (!parsed.ok) return { ok: false, text: parsed.message };
    // A cell formatted as a percentage holds 0.85 for 85 %.
    const value = raw.percent && typeof raw.value === 'number' ? multiplyDecimal(parsed.value, 100) : parsed.value;
    if (spec.type === 'integer' && value.includes('.')) {
      return { ok: false, text: { id: 'Harus bilangan bulat', en: 'Must be a whole number' } };
    }
    return { ok: true, value };
  }
  const text = String(raw.value).replace(/\r\n?/g, '\n').trim();
  if (hasControlCharacters(text)) {
    return { ok: false, text: { id: 'Teks berisi karakter kendali', en: 'The text contains control characters' } };
  }
  if (spec.maxLength && text.length > spec.maxLength) {
    return {
      ok: false,
      text: { id: `Paling banyak ${spec.maxLength} karakter`, en: `At most ${spec.maxLength} characters` },
    };
  }
  if (spec.type === 'enum') {
    const found = spec.options?.find((o) => squash(o) === squash(text));
    if (!found) {
      return {
        ok: false,
        text: {
          id: `Pilih salah satu: ${spec.options?.join(', ')}`,
          en: `Choose one of: ${spec.options?.join(', ')}`,
        },
      };
    }
    return { ok: true, value: found };
  }
  return { ok: true, value: text };
}

/**
 * Reads the sheets of an upload against their specs. A refused file throws WorkbookRefused; cell
 * problems are collected (all of them, not only the first).
 */
export async function readWorkbook<K extends string>(bytes: Uint8Array, specs: SheetSpec<K>[]): Promise<ReadResult<K>> {
  inspectXlsx(bytes);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new WorkbookRefused({
      id: 'Buku kerja Excel ini rusak atau tidak dapat dibaca',
      en: 'This Excel workbook is damaged or cannot be read',
    });
  }
  const problems: CellProblem[] = [];
  const sheets: Record<string, ReadRow<K>[]> = {};
  for (const spec of specs) {
    const ws = wb.worksheets.find((w) => squash(w.name) === squash(spec.sheet));
    sheets[spec.sheet] = [];
    if (!ws) {
      if (!spec.optional) {
        problems.push({
          sheet: spec.sheet,
          row: 0,
          column: '',
          message: { id: `Lembar "${spec.sheet}" tidak ada`, en: `The sheet "${spec.sheet}" is missing` },
        });
      }
      continue;
    }
    if (ws.rowCount > xlsxLimits.rows || ws.columnCount > xlsxLimits.columns) {
      throw new WorkbookRefused({
        id: `Lembar "${ws.name}" terlalu besar (paling banyak ${xlsxLimits.rows} baris dan ${xlsxLimits.columns} kolom)`,
        en: `The sheet "${ws.name}" is too large (at most ${xlsxLimits.rows} rows and ${xlsxLimits.columns} columns)`,
      });
    }
    // The header row: the first of the first ten rows that holds the first column's header.
    let headerRow = 0;
    const columnOf = new Map<K, number>();
    for (let r = 1; r <= Math.min(10, ws.rowCount) && !headerRow; r++) {
      const row = ws.getRow(r);
      const texts = new Map<string, number>();
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        const raw = rawOf(cell);
        if (raw.kind === 'value') texts.set(squash(String(raw.value)), col);
      });
      if (texts.has(squash(spec.columns[0]!.header))) {
        headerRow = r;
        for (const c of spec.columns) {
          const col = texts.get(squash(c.header));
          if (col) columnOf.set(c.key, col);
        }
      }
    }
    if (!headerRow) {
      problems.push({
        sheet: ws.name,
        row: 1,
        column: '',
        message: {
          id: `Baris judul kolom tidak ditemukan; gunakan templat (kolom pertama "${spec.columns[0]!.header}")`,
          en: `The header row was not found; use the template (first column "${spec.columns[0]!.header}")`,
        },
      });
      continue;
    }
    for (const c of spec.columns) {
      if (!columnOf.has(c.key) && c.required) {
        problems.push({
          sheet: ws.name,
          row: headerRow,
          column: '',
          message: { id: `Kolom "${c.header}" tidak ada`, en: `The column "${c.header}" is missing` },
        });
      }
    }
    for (let r = headerRow + 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const raws = spec.columns.map((c) => {
        const col = columnOf.get(c.key);
        return col ? rawOf(row.getCell(col)) : ({ kind: 'empty' } as Raw);
      });
      if (raws.every((x) => x.kind === 'empty' || (x.kind === 'value' && String(x.value).trim() === ''))) continue;
      const values = {} as Record<K, string | null>;
      spec.columns.forEach((c, i) => {
        const out = convert(c, raws[i]!);
        if (out.ok) values[c.key] = out.value;
        else {
          values[c.key] = null;
          problems.push({ sheet: ws.name, row: r, column: columnLetter(columnOf.get(c.key) ?? 0), message: out.text });
        }
      });
      sheets[spec.sheet]!.push({ row: r, values });
    }
  }
  return { sheets, problems };
}
