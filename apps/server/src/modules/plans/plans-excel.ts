/**
 * Excel in and out for a Renstra (its tree, indicators and yearly targets) and for the targets of
 * a Perjanjian Kinerja (annual target, rencana aksi T1–T4, pagu). One download serves as export
 * and as template; an upload goes validate → preview → apply:
 *
 * - The file is read with the xlsx module (hostile files refused; columns found by header;
 *   Indonesian numbers). Every invalid cell is listed with sheet, row and column; nothing is kept.
 * - Rows are matched by code: nodes by their code in the plan; indicators by node code + indicator
 *   code (or, without a code, by name); agreement rows by indicator code; pagu rows by node code.
 *   A row present in the file states the whole of its values: an empty target cell means "no
 *   target for that period". Rows missing from the file are left as they are: nothing is ever
 *   deactivated or removed by an import (the preview says how many such rows there are).
 * - A range target is written in one cell, "80 - 90" (also "80–90", "80 s.d. 90"); a single value
 *   as a number. Years are the columns "Target 2021" … of the plan's period.
 * - The preview runs the whole import inside a transaction that is rolled back, through the same
 *   service functions (insertNodeTx, updateIndicatorTx, addAgreementIndicatorTx, …) that the
 *   forms use, so a domain rule that a row breaks is reported at its row and cell before anything
 *   is applied. The parsed rows are kept in `import_previews` with a digest of the updated_at
 *   values of the plan or agreement; apply (same user, within 30 minutes) checks the digest (409
 *   when something changed), runs the same import for real in one transaction and records audit.
 * - Not through Excel: moving a node under another parent, changing a node's kind, moving an
 *   indicator to another node, weights, end targets, the lower-is-better formula, signatories.
 * - The valid range and "evidence required" of an indicator are columns of their own; a workbook
 *   without those columns (one exported before they existed) leaves them as they are.
 */
import { createHash } from 'node:crypto';
import {
  addAgreementIndicatorBody,
  type applyImportBody,
  createIndicatorBody,
  createNodeBody,
  type ImportApplied,
  type ImportChange,
  type ImportPreview,
  type ImportProblem,
  type IndicatorDirection,
  importPreviewMinutes,
  type Locale,
  type LocalizedText,
  multiplyDecimal,
  normalizeDecimal,
  type PlanIndicator,
  type PlanNodeKind,
  type PlanTree,
  parseIndonesianNumber,
  planNodeKinds,
  type QuarterAggregation,
  quarters,
  setBudgetsBody,
  setIndicatorTargetsBody,
  type Target,
  type TargetInput,
  updateAgreementIndicatorBody,
  updateIndicatorBody,
  updateNodeBody,
} from '@sidakin/core';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { Database, Queryable, Tx } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import { authorize } from '../../http/access.js';
import type { RequestContext } from '../../http/context.js';
import { issuesToDetails } from '../../http/validation.js';
import { WorkbookRefused } from '../../xlsx/inspect.js';
import { type CellProblem, columnLetter, type ReadRow, readWorkbook, type SheetSpec } from '../../xlsx/read.js';
import { safeText } from '../../xlsx/write.js';
import { recordAudit } from '../audit/audit.service.js';
import * as repo from './plans.repo.js';
import {
  addAgreementIndicatorTx,
  insertIndicatorTx,
  insertNodeTx,
  planTreeOf,
  setAgreementBudgetsTx,
  setIndicatorTargetsTx,
  updateAgreementIndicatorTx,
  updateIndicatorTx,
  updateNodeTx,
} from './plans.service.js';
import * as xrepo from './plans-excel.repo.js';

// ── labels people read in the workbook ──────────────────────────────────────────────────────
const kindLabels: Record<PlanNodeKind, string> = {
  goal: 'Tujuan',
  objective: 'Sasaran',
  program: 'Program',
  activity: 'Kegiatan',
  sub_activity: 'Sub Kegiatan',
};
const directionLabels: Record<IndicatorDirection, string> = {
  higher_better: 'Naik',
  lower_better: 'Turun',
  range: 'Rentang',
};
const typeLabels = { input: 'Input', output: 'Output', outcome: 'Outcome', impact: 'Impact' } as const;
type IndicatorType = keyof typeof typeLabels;
const aggregationLabels: Record<QuarterAggregation, string> = {
  sum: 'Jumlah',
  last: 'Nilai terakhir',
  average: 'Rata-rata',
  max: 'Maksimum',
};
const yesNo = ['Ya', 'Tidak'] as const;

const reverse = <K extends string>(m: Record<K, string>) =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [v, k])) as Record<string, K>;
const kindOf = reverse(kindLabels);
const directionOf = reverse(directionLabels);
const typeOf = reverse(typeLabels);
const aggregationOf = reverse(aggregationLabels);

const SHEET = {
  guide: 'Petunjuk',
  nodes: 'Pohon Kinerja',
  indicators: 'Indikator',
  agreement: 'Indikator PK',
  budgets: 'Pagu',
} as const;

const H = {
  kind: 'Jenis',
  code: 'Kode',
  parentCode: 'Kode Induk',
  name: 'Nama',
  unitCode: 'Kode Unit Penanggung Jawab',
  nodeCode: 'Kode Simpul',
  indicatorCode: 'Kode Indikator',
  indicatorName: 'Nama Indikator',
  uom: 'Satuan',
  direction: 'Arah',
  type: 'Jenis Indikator',
  aggregation: 'Agregasi',
  decimals: 'Desimal',
  isKey: 'IKU',
  baseline: 'Baseline',
  baselineYear: 'Tahun Baseline',
  definition: 'Definisi Operasional',
  formula: 'Formula',
  dataSource: 'Sumber Data',
  validMin: 'Nilai Minimum Valid',
  validMax: 'Nilai Maksimum Valid',
  evidenceRequired: 'Wajib Bukti Dukung',
  annual: 'Target Tahunan',
  amount: 'Pagu (Rp)',
} as const;
const yearHeader = (y: number) => `Target ${y}`;
const quarterHeader = (q: string) => q.toUpperCase().replace('Q', 'T');

// ── problems ────────────────────────────────────────────────────────────────────────────────
/** The file cannot be imported: every problem found, by sheet, row and column. */
export class ImportInvalid extends AppError {
  constructor(readonly problems: CellProblem[]) {
    super('IMPORT_INVALID');
  }
}

export function presentProblems(problems: CellProblem[], locale: Locale): ImportProblem[] {
  return problems.map((p) => ({ sheet: p.sheet, row: p.row, column: p.column, message: p.message[locale] }));
}

const t = (id: string, en: string): LocalizedText => ({ id, en });

function refused(e: unknown): unknown {
  return e instanceof WorkbookRefused ? new AppError('WORKBOOK_REFUSED', { message: e.text }) : e;
}

/** Where each column of a sheet is (by key), to point at the cell of a problem found later. */
type Columns = Record<string, string>;

interface Located {
  sheet: string;
  row: number;
  columns: Columns;
}

function at(where: Located, key: string | null, message: LocalizedText): CellProblem {
  return { sheet: where.sheet, row: where.row, column: key ? (where.columns[key] ?? '') : '', message };
}

// ── numbers and targets in cells ────────────────────────────────────────────────────────────
/** A target as the workbook shows it: a number, or a range as text "80 - 90". */
function targetCell(t: Target | null | undefined, decimals: number): Cell {
  if (!t) return null;
  if (t.value !== null) return shownNumber(t.value, decimals);
  return `${(t.low ?? '').replace('.', ',')} - ${(t.high ?? '').replace('.', ',')}`;
}

function targetText(t: Target | TargetOut | null | undefined): string | null {
  if (!t) return null;
  if (t.value !== null && t.value !== undefined) return t.value;
  return `${t.low} - ${t.high}`;
}

interface TargetOut {
  value?: string | undefined;
  low?: string | undefined;
  high?: string | undefined;
}

const badTarget = (text: string) =>
  t(
    `"${text.length > 30 ? `${text.slice(0, 30)}…` : text}" bukan target yang dikenali; tulis satu angka (mis. 85,5) atau rentang "80 - 90"`,
    `"${text.length > 30 ? `${text.slice(0, 30)}…` : text}" is not a target we can read; write one number (e.g. 85.5) or a range "80 - 90"`,
  );

/** Reads what a target cell holds: a typed number (a percentage cell holds 0.85 for 85), or text. */
function readTargetCell(
  raw: RawNumber | undefined,
  text: string | null,
): { ok: true; target: TargetOut | null } | { ok: false; message: LocalizedText } {
  if (raw) {
    const n = parseIndonesianNumber(raw.value);
    if (!n.ok) return { ok: false, message: n.message };
    return { ok: true, target: { value: raw.percent ? multiplyDecimal(n.value, 100) : n.value } };
  }
  if (text === null || text.trim() === '') return { ok: true, target: null };
  const s = text
    .replace(/[\u2013\u2014]/g, ' - ')
    .replace(/\s*(s\.\s?d\.?|s\/d|sd)\s*/gi, ' - ')
    .trim();
  let parts = s.split(/\s+-\s+/);
  if (parts.length === 1) {
    const m = /^(\d[\d.,]*%?)-(\d[\d.,]*%?)$/.exec(s);
    if (m) parts = [m[1]!, m[2]!];
  }
  if (parts.length > 2) return { ok: false, message: badTarget(text) };
  const nums = parts.map((p) => parseIndonesianNumber(p, { ambiguous: 'indonesian' }));
  for (const n of nums) if (!n.ok) return { ok: false, message: parts.length === 2 ? badTarget(text) : n.message };
  const values = nums.map((n) => (n.ok ? n.value : ''));
  return { ok: true, target: values.length === 2 ? { low: values[0], high: values[1] } : { value: values[0] } };
}

function asTarget(b: TargetOut | null): Target | null {
  return b ? { value: b.value ?? null, low: b.low ?? null, high: b.high ?? null } : null;
}

// ── reading a workbook ──────────────────────────────────────────────────────────────────────
interface RawNumber {
  value: number;
  percent: boolean;
}

const squash = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * A second look at sheets already accepted by readWorkbook: where each column is, and which cells
 * of the target columns hold typed numbers (text such as "80 - 90" is read from readWorkbook's
 * result). The reader's text conversion cannot tell 1.234 the number from "1.234" the text.
 */
async function scanSheets(
  bytes: Uint8Array,
  specs: SheetSpec[],
  numericKeys: Set<string>,
): Promise<{ columns: Record<string, Columns>; numbers: Map<string, RawNumber> }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const columns: Record<string, Columns> = {};
  const numbers = new Map<string, RawNumber>();
  for (const spec of specs) {
    const ws = wb.worksheets.find((w) => squash(w.name) === squash(spec.sheet));
    const cols: Columns = {};
    columns[spec.sheet] = cols;
    if (!ws) continue;
    let headerRow = 0;
    for (let r = 1; r <= Math.min(10, ws.rowCount) && !headerRow; r++) {
      const texts = new Map<string, number>();
      ws.getRow(r).eachCell({ includeEmpty: false }, (cell, col) => {
        if (typeof cell.value === 'string') texts.set(squash(cell.value), col);
      });
      if (texts.has(squash(spec.columns[0]!.header))) {
        headerRow = r;
        for (const c of spec.columns) {
          const col = texts.get(squash(c.header));
          if (col) cols[c.key] = columnLetter(col);
        }
      }
    }
    if (!headerRow) continue;
    for (const c of spec.columns) {
      if (!numericKeys.has(c.key) || !cols[c.key]) continue;
      const col = ws.getColumn(cols[c.key]!).number;
      for (let r = headerRow + 1; r <= ws.rowCount; r++) {
        const cell = ws.getRow(r).getCell(col);
        const v = cell.value as unknown;
        const percent = typeof cell.numFmt === 'string' && cell.numFmt.includes('%');
        let n: number | undefined;
        if (typeof v === 'number') n = v;
        else if (v && typeof v === 'object' && typeof (v as { result?: unknown }).result === 'number') {
          n = (v as { result: number }).result;
        }
        if (n !== undefined) numbers.set(`${spec.sheet}|${r}|${c.key}`, { value: n, percent });
      }
    }
  }
  return { columns, numbers };
}

async function readUpload<K extends string>(
  bytes: Uint8Array,
  specs: SheetSpec<K>[],
  numericKeys: Set<string>,
): Promise<{
  sheets: Record<string, ReadRow<K>[]>;
  problems: CellProblem[];
  columns: Record<string, Columns>;
  numbers: Map<string, RawNumber>;
}> {
  let read: Awaited<ReturnType<typeof readWorkbook<K>>>;
  try {
    read = await readWorkbook(bytes, specs);
  } catch (e) {
    throw refused(e);
  }
  const scan = await scanSheets(bytes, specs as SheetSpec[], numericKeys);
  // Exports write text that a spreadsheet could run (=, +, -, @ first) with a leading quote; that
  // quote is the export's, not the person's, so a round trip keeps the text as it was.
  for (const rows of Object.values(read.sheets)) {
    for (const r of rows) {
      for (const k of Object.keys(r.values) as K[]) {
        const v = r.values[k];
        if (v && /^'[=+\-@]/.test(v)) r.values[k] = v.slice(1);
      }
    }
  }
  return { ...read, ...scan };
}

/** Script in a cell (HTML or a javascript: link) is refused: no one means it as plan content. */
function scriptProblem(where: Located, key: string, value: string | null): CellProblem | null {
  if (value === null) return null;
  if (/<\s*\/?\s*script\b|javascript:/i.test(value)) {
    return at(where, key, t('Teks berisi skrip; hapus bagian tersebut', 'The text contains a script; remove it'));
  }
  return null;
}

// ── writing a workbook ──────────────────────────────────────────────────────────────────────
type Cell = string | { n: string; decimals: number } | null;

interface SheetOut {
  name: string;
  title: string[];
  headers: { header: string; width?: number; note?: string }[];
  rows: Cell[][];
  lists?: { column: number; values: readonly string[] }[];
}

const numFmt = (decimals: number) => (decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0');

/** A number cell showing at least `decimals` decimals and never hiding one the value has. */
const shownNumber = (n: string, decimals: number): Cell => ({
  n,
  decimals: Math.max(decimals, n.split('.')[1]?.length ?? 0),
});

/** Numbers as numbers (each with its own decimals), ranges and text as text that can never run. */
async function renderWorkbook(sheets: SheetOut[], guide: string[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'SIDAKIN';
  wb.title = title;
  wb.created = new Date();
  const g = wb.addWorksheet(SHEET.guide);
  g.getColumn(1).width = 110;
  guide.forEach((line, i) => {
    const cell = g.getCell(i + 1, 1);
    cell.value = safeText(line);
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) cell.font = { bold: true, size: 12 };
  });
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name);
    let r = 1;
    for (const line of sheet.title) {
      const cell = ws.getCell(r, 1);
      cell.value = safeText(line);
      cell.font = { bold: r === 1, size: r === 1 ? 12 : 10 };
      r++;
    }
    r++;
    const header = ws.getRow(r);
    sheet.headers.forEach((h, i) => {
      const cell = header.getCell(i + 1);
      cell.value = h.header;
      cell.font = { bold: true };
      cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE5E7EB' } };
      if (h.note) cell.note = h.note;
      ws.getColumn(i + 1).width = h.width ?? Math.max(10, Math.min(50, h.header.length + 4));
    });
    ws.views = [{ state: 'frozen', ySplit: r }];
    const first = r + 1;
    for (const row of sheet.rows) {
      r++;
      const out = ws.getRow(r);
      row.forEach((v, i) => {
        if (v === null || v === '') return;
        const cell = out.getCell(i + 1);
        if (typeof v === 'string') {
          cell.value = safeText(v);
          cell.alignment = { wrapText: true, vertical: 'top' };
        } else {
          cell.value = Number(v.n);
          cell.numFmt = numFmt(v.decimals);
        }
      });
    }
    for (const list of sheet.lists ?? []) {
      const letter = columnLetter(list.column + 1);
      for (let i = first; i <= Math.max(first + 300, r + 100); i++) {
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

/** A file name safe in a content-disposition header. */
function fileName(...parts: (string | number)[]): string {
  const base = parts
    .join(' ')
    .normalize('NFKD')
    .replace(/[^\w\s.-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 120);
  return `${base || 'sidakin'}.xlsx`;
}

// ── the Renstra ─────────────────────────────────────────────────────────────────────────────
type NodeKey = 'kind' | 'code' | 'parentCode' | 'name' | 'unitCode';
type IndicatorKey = string;

function planSpecs(years: number[]): [SheetSpec<NodeKey>, SheetSpec<IndicatorKey>] {
  return [
    {
      sheet: SHEET.nodes,
      columns: [
        { key: 'kind', header: H.kind, type: 'enum', required: true, options: Object.values(kindLabels) },
        { key: 'code', header: H.code, type: 'text', required: true, maxLength: 64 },
        { key: 'parentCode', header: H.parentCode, type: 'text', maxLength: 64 },
        { key: 'name', header: H.name, type: 'text', required: true, maxLength: 1000 },
        { key: 'unitCode', header: H.unitCode, type: 'text', maxLength: 64 },
      ],
    },
    {
      sheet: SHEET.indicators,
      columns: [
        { key: 'nodeCode', header: H.nodeCode, type: 'text', required: true, maxLength: 64 },
        { key: 'code', header: H.indicatorCode, type: 'text', maxLength: 64 },
        { key: 'name', header: H.indicatorName, type: 'text', required: true, maxLength: 500 },
        { key: 'uom', header: H.uom, type: 'text', required: true, maxLength: 50 },
        {
          key: 'direction',
          header: H.direction,
          type: 'enum',
          required: true,
          options: Object.values(directionLabels),
        },
        { key: 'type', header: H.type, type: 'enum', required: true, options: Object.values(typeLabels) },
        {
          key: 'aggregation',
          header: H.aggregation,
          type: 'enum',
          required: true,
          options: Object.values(aggregationLabels),
        },
        { key: 'decimals', header: H.decimals, type: 'integer' },
        { key: 'isKey', header: H.isKey, type: 'enum', options: yesNo },
        { key: 'baseline', header: H.baseline, type: 'number' },
        { key: 'baselineYear', header: H.baselineYear, type: 'integer' },
        ...years.map((y) => ({ key: `y${y}`, header: yearHeader(y), type: 'text' as const, maxLength: 60 })),
        { key: 'definition', header: H.definition, type: 'text', maxLength: 4000 },
        { key: 'formula', header: H.formula, type: 'text', maxLength: 2000 },
        { key: 'dataSource', header: H.dataSource, type: 'text', maxLength: 500 },
        { key: 'validMin', header: H.validMin, type: 'number' },
        { key: 'validMax', header: H.validMax, type: 'number' },
        { key: 'evidenceRequired', header: H.evidenceRequired, type: 'enum', options: yesNo },
      ],
    },
  ];
}

const planGuide = (tree: PlanTree): string[] => [
  `PETUNJUK PENGISIAN — ${tree.name} (${tree.startYear}–${tree.endYear})`,
  'Berkas ini adalah ekspor Renstra sekaligus templat impor. Ubah isinya, lalu unggah kembali: sistem memeriksa semua sel, menampilkan pratinjau perubahan, dan baru menyimpannya setelah Anda menyetujui pratinjau. Jika ada satu baris yang salah, tidak ada yang disimpan.',
  'Lembar "Pohon Kinerja": satu baris per simpul. Jenis: Tujuan, Sasaran, Program, Kegiatan atau Sub Kegiatan. Kode harus unik dalam Renstra. Kode Induk diisi kode simpul di atasnya (kosong untuk Tujuan): Sasaran di bawah Tujuan, Program di bawah Sasaran, Kegiatan di bawah Program, Sub Kegiatan di bawah Kegiatan. Kode Unit Penanggung Jawab: kode unit kerja (boleh kosong).',
  'Lembar "Indikator": satu baris per indikator. Kode Simpul menunjuk simpul pemilik indikator. Baris dicocokkan dengan indikator yang ada melalui Kode Simpul dan Kode Indikator (atau Nama Indikator bila kode kosong); baris dengan kode baru menjadi indikator baru.',
  'Arah: Naik (semakin tinggi semakin baik), Turun (semakin rendah semakin baik), Rentang (target berupa rentang). Jenis Indikator: Input, Output, Outcome, Impact. Agregasi (dari triwulan ke tahun): Jumlah, Nilai terakhir, Rata-rata, Maksimum. IKU: Ya atau Tidak. Desimal: 0–6 (hanya untuk tampilan).',
  'Angka boleh ditulis cara Indonesia: 1.234,5 atau 85% atau 0,125. Tahun baseline paling lambat tahun awal Renstra. Kolom "Target <tahun>": satu angka, atau rentang dalam satu sel dengan tanda hubung berspasi, mis. "80 - 90" (wajib rentang untuk arah Rentang). Sel target kosong berarti tidak ada target pada tahun itu.',
  'Nilai Minimum Valid dan Nilai Maksimum Valid: rentang realisasi yang diterima pada pengumpulan data (kosong berarti tanpa batas; minimum tidak boleh melebihi maksimum); realisasi di luar rentang menjadi kesalahan yang harus diperbaiki. Wajib Bukti Dukung: Ya bila setiap realisasi harus disertai bukti dukung. Bila kolom-kolom ini dihapus dari berkas, isinya di aplikasi tidak diubah.',
  'Baris yang dihapus dari berkas TIDAK menonaktifkan simpul atau indikator; menonaktifkan, memindahkan simpul ke induk lain, mengubah jenis simpul, bobot, target akhir dan formula "semakin rendah semakin baik" dilakukan di aplikasi.',
  'Jangan mengubah judul kolom dan nama lembar. Rumus, makro dan tautan ke berkas lain tidak diterima: salin lalu tempel sebagai nilai.',
];

export async function exportPlanWorkbook(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  planId: string;
}): Promise<{ fileName: string; bytes: Buffer }> {
  authorize(opts.ctx.actor, 'plans.read', opts.governmentId);
  const tree = await planTreeOf(opts.db, opts.governmentId, opts.planId, false);
  const units = await repo.agencyUnits(opts.db, tree.agencyId);
  const unitCode = new Map(units.map((u) => [u.id, u.code]));
  const codeOf = new Map(tree.nodes.map((n) => [n.id, n.code]));
  const [nodeSpec, indicatorSpec] = planSpecs(tree.years);
  const title = [
    `RENSTRA ${tree.agencyName.toUpperCase()}`,
    `${tree.name} — periode ${tree.startYear}–${tree.endYear}`,
  ];
  const nodes: SheetOut = {
    name: SHEET.nodes,
    title,
    headers: nodeSpec.columns.map((c) => ({ header: c.header, width: c.key === 'name' ? 60 : 18 })),
    rows: tree.nodes.map((n) => [
      kindLabels[n.kind],
      n.code,
      n.parentId ? (codeOf.get(n.parentId) ?? '') : '',
      n.name,
      n.unitId ? (unitCode.get(n.unitId) ?? '') : '',
    ]),
    lists: [{ column: 0, values: Object.values(kindLabels) }],
  };
  const indicatorRows: Cell[][] = [];
  for (const n of tree.nodes) {
    for (const i of n.indicators) {
      indicatorRows.push([
        n.code,
        i.code,
        i.name,
        i.unitOfMeasure,
        directionLabels[i.direction],
        typeLabels[i.type],
        aggregationLabels[i.aggregation],
        { n: String(i.decimals), decimals: 0 },
        i.isKey ? 'Ya' : 'Tidak',
        i.baseline.value === null ? null : shownNumber(i.baseline.value, i.decimals),
        i.baseline.year === null ? null : { n: String(i.baseline.year), decimals: 0 },
        ...tree.years.map((y) =>
          targetCell(
            i.targets.find((x) => x.year === y),
            i.decimals,
          ),
        ),
        i.definition,
        i.formula,
        i.dataSource,
        i.validMin === null ? null : shownNumber(i.validMin, 0),
        i.validMax === null ? null : shownNumber(i.validMax, 0),
        i.evidenceRequired ? 'Ya' : 'Tidak',
      ]);
    }
  }
  const col = (key: string) => indicatorSpec.columns.findIndex((c) => c.key === key);
  const indicators: SheetOut = {
    name: SHEET.indicators,
    title,
    headers: indicatorSpec.columns.map((c) => ({
      header: c.header,
      width: c.key === 'name' || c.key === 'definition' ? 50 : c.key.startsWith('y') ? 14 : 16,
      ...(c.key.startsWith('y') ? { note: 'Satu angka, atau rentang "80 - 90"' } : {}),
    })),
    rows: indicatorRows,
    lists: [
      { column: col('direction'), values: Object.values(directionLabels) },
      { column: col('type'), values: Object.values(typeLabels) },
      { column: col('aggregation'), values: Object.values(aggregationLabels) },
      { column: col('isKey'), values: yesNo },
      { column: col('evidenceRequired'), values: yesNo },
    ],
  };
  const bytes = await renderWorkbook([nodes, indicators], planGuide(tree), `Renstra ${tree.agencyName}`);
  return { fileName: fileName('Renstra', tree.agencyName, tree.startYear, tree.endYear), bytes };
}

interface NodeIn {
  row: number;
  kind: PlanNodeKind;
  code: string;
  parentCode: string | null;
  name: string;
  unitCode: string | null;
}

interface IndicatorIn {
  row: number;
  nodeCode: string;
  code: string;
  name: string;
  unitOfMeasure: string;
  direction: IndicatorDirection;
  type: IndicatorType;
  aggregation: QuarterAggregation;
  decimals: number;
  isKey: boolean;
  baselineValue: string | null;
  baselineYear: number | null;
  targets: ({ year: number } & TargetOut)[];
  definition: string;
  formula: string;
  dataSource: string;
  /** undefined: the column is not in the file (the indicator keeps what it has). */
  validMin?: string | null;
  validMax?: string | null;
  evidenceRequired?: boolean;
}

interface PlanPayload {
  nodes: NodeIn[];
  indicators: IndicatorIn[];
  columns: Record<string, Columns>;
}

const indicatorKey = (nodeCode: string, code: string, name: string) =>
  `${squash(nodeCode)}|${code ? `c:${squash(code)}` : `n:${squash(name)}`}`;

/** The upload read into rows, with every cell problem. */
async function parsePlanUpload(
  bytes: Uint8Array,
  years: number[],
): Promise<{ payload: PlanPayload; problems: CellProblem[] }> {
  const specs = planSpecs(years);
  const yearKeys = years.map((y) => `y${y}`);
  const read = await readUpload<string>(bytes, specs as SheetSpec<string>[], new Set(yearKeys));
  const problems = [...read.problems];
  const nodes: NodeIn[] = [];
  const nodeCols = read.columns[SHEET.nodes] ?? {};
  for (const r of read.sheets[SHEET.nodes] ?? []) {
    const where = { sheet: SHEET.nodes, row: r.row, columns: nodeCols };
    const v = r.values;
    for (const k of ['code', 'parentCode', 'name', 'unitCode']) {
      const p = scriptProblem(where, k, v[k] ?? null);
      if (p) problems.push(p);
    }
    if (!v.kind || !v.code || !v.name) continue;
    nodes.push({
      row: r.row,
      kind: kindOf[v.kind]!,
      code: v.code,
      parentCode: v.parentCode ?? null,
      name: v.name,
      unitCode: v.unitCode ?? null,
    });
  }
  const indicators: IndicatorIn[] = [];
  const indCols = read.columns[SHEET.indicators] ?? {};
  for (const r of read.sheets[SHEET.indicators] ?? []) {
    const where = { sheet: SHEET.indicators, row: r.row, columns: indCols };
    const v = r.values;
    let ok = true;
    for (const k of ['nodeCode', 'code', 'name', 'uom', 'definition', 'formula', 'dataSource']) {
      const p = scriptProblem(where, k, v[k] ?? null);
      if (p) {
        problems.push(p);
        ok = false;
      }
    }
    const targets: IndicatorIn['targets'] = [];
    for (const y of years) {
      const key = `y${y}`;
      const cell = readTargetCell(read.numbers.get(`${SHEET.indicators}|${r.row}|${key}`), v[key] ?? null);
      if (!cell.ok) {
        problems.push(at(where, key, cell.message));
        ok = false;
      } else if (cell.target) targets.push({ year: y, ...cell.target });
    }
    if (v.decimals !== null && v.decimals !== undefined && (Number(v.decimals) < 0 || Number(v.decimals) > 6)) {
      problems.push(at(where, 'decimals', t('Desimal harus 0 sampai 6', 'Decimals must be 0 to 6')));
      ok = false;
    }
    if (!ok || !v.nodeCode || !v.name || !v.uom || !v.direction || !v.type || !v.aggregation) continue;
    indicators.push({
      row: r.row,
      nodeCode: v.nodeCode,
      code: v.code ?? '',
      name: v.name,
      unitOfMeasure: v.uom,
      direction: directionOf[v.direction]!,
      type: typeOf[v.type]!,
      aggregation: aggregationOf[v.aggregation]!,
      decimals: v.decimals === null || v.decimals === undefined ? 2 : Number(v.decimals),
      isKey: v.isKey === 'Ya',
      baselineValue: v.baseline ?? null,
      baselineYear: v.baselineYear === null || v.baselineYear === undefined ? null : Number(v.baselineYear),
      targets,
      definition: v.definition ?? '',
      formula: v.formula ?? '',
      dataSource: v.dataSource ?? '',
      ...(indCols.validMin ? { validMin: v.validMin ?? null } : {}),
      ...(indCols.validMax ? { validMax: v.validMax ?? null } : {}),
      ...(indCols.evidenceRequired ? { evidenceRequired: v.evidenceRequired === 'Ya' } : {}),
    });
  }
  return { payload: { nodes, indicators, columns: read.columns }, problems };
}

type PlanOp =
  | { type: 'node.create'; node: NodeIn }
  | { type: 'node.update'; node: NodeIn; nodeId: string; input: z.input<typeof updateNodeBody> }
  | { type: 'indicator.create'; indicator: IndicatorIn }
  | {
      type: 'indicator.update';
      indicator: IndicatorIn;
      indicatorId: string;
      input: z.input<typeof updateIndicatorBody> | null;
      targets: boolean;
      toRange: boolean;
    };

interface PlannedImport {
  ops: PlanOp[];
  changes: ImportChange[];
  summary: ImportPreview['summary'];
  problems: CellProblem[];
}

const show = (v: string | number | boolean | null | undefined): string | null =>
  v === null || v === undefined || v === '' ? null : typeof v === 'boolean' ? (v ? 'Ya' : 'Tidak') : String(v);

/** Compares the file with the plan as it is: what to create, what to update (old → new), what is unknown. */
function planImport(tree: PlanTree, units: repo.UnitLite[], input: PlanPayload): PlannedImport {
  const problems: CellProblem[] = [];
  const changes: ImportChange[] = [];
  const ops: PlanOp[] = [];
  const nodeWhere = (row: number) => ({ sheet: SHEET.nodes, row, columns: input.columns[SHEET.nodes] ?? {} });
  const indWhere = (row: number) => ({ sheet: SHEET.indicators, row, columns: input.columns[SHEET.indicators] ?? {} });
  const byCode = new Map<string, PlanTree['nodes']>();
  for (const n of tree.nodes) {
    const k = squash(n.code);
    byCode.set(k, [...(byCode.get(k) ?? []), n]);
  }
  const unitByCode = new Map(units.map((u) => [squash(u.code), u]));
  const unitCodeOf = new Map(units.map((u) => [u.id, u.code]));
  const codeOfNode = new Map(tree.nodes.map((n) => [n.id, n.code]));
  const fileNodes = new Map<string, NodeIn>();
  let nodesUnchanged = 0;
  const ambiguous = (code: string) =>
    t(
      `Kode "${code}" dipakai oleh lebih dari satu simpul di Renstra; bedakan kodenya di aplikasi terlebih dahulu`,
      `The code "${code}" is used by more than one node of the plan; make the codes distinct in the application first`,
    );
  for (const n of input.nodes) {
    const where = nodeWhere(n.row);
    const k = squash(n.code);
    if (fileNodes.has(k)) {
      problems.push(
        at(
          where,
          'code',
          t(
            `Kode "${n.code}" sudah dipakai di baris ${fileNodes.get(k)!.row}`,
            `The code "${n.code}" is already used in row ${fileNodes.get(k)!.row}`,
          ),
        ),
      );
      continue;
    }
    fileNodes.set(k, n);
  }
  const matched = new Set<string>();
  for (const n of input.nodes) {
    if (fileNodes.get(squash(n.code)) !== n) continue;
    const where = nodeWhere(n.row);
    const existing = byCode.get(squash(n.code)) ?? [];
    let unitId: string | null = null;
    if (n.unitCode) {
      const u = unitByCode.get(squash(n.unitCode));
      if (!u) {
        problems.push(
          at(
            where,
            'unitCode',
            t(
              `Unit dengan kode "${n.unitCode}" tidak ada di perangkat daerah ini`,
              `There is no unit with the code "${n.unitCode}" in this agency`,
            ),
          ),
        );
        continue;
      }
      unitId = u.id;
    }
    if (n.parentCode) {
      const inFile = fileNodes.has(squash(n.parentCode));
      const inPlan = byCode.get(squash(n.parentCode)) ?? [];
      if (!inFile && inPlan.length === 0) {
        problems.push(
          at(
            where,
            'parentCode',
            t(
              `Kode induk "${n.parentCode}" tidak ada di berkas maupun di Renstra`,
              `The parent code "${n.parentCode}" is neither in the file nor in the plan`,
            ),
          ),
        );
        continue;
      }
      if (!inFile && inPlan.length > 1) {
        problems.push(at(where, 'parentCode', ambiguous(n.parentCode)));
        continue;
      }
    }
    if (existing.length > 1) {
      problems.push(at(where, 'code', ambiguous(n.code)));
      continue;
    }
    const node = existing[0];
    if (!node) {
      ops.push({ type: 'node.create', node: n });
      changes.push({
        sheet: SHEET.nodes,
        row: n.row,
        entity: 'node',
        action: 'create',
        key: n.code,
        name: n.name,
        fields: [
          { field: H.kind, before: null, after: kindLabels[n.kind] },
          { field: H.parentCode, before: null, after: n.parentCode },
          { field: H.name, before: null, after: n.name },
          { field: H.unitCode, before: null, after: n.unitCode },
        ].filter((f) => f.after !== null),
      });
      continue;
    }
    matched.add(node.id);
    if (node.kind !== n.kind) {
      problems.push(
        at(
          where,
          'kind',
          t(
            `Simpul "${n.code}" adalah ${kindLabels[node.kind]}; jenis simpul tidak dapat diubah`,
            `The node "${n.code}" is a ${node.kind}; a node's kind cannot be changed`,
          ),
        ),
      );
      continue;
    }
    const parentCode = node.parentId ? (codeOfNode.get(node.parentId) ?? null) : null;
    if (squash(parentCode ?? '') !== squash(n.parentCode ?? '')) {
      problems.push(
        at(
          where,
          'parentCode',
          t(
            `Induk simpul yang sudah ada (${parentCode ?? '-'}) tidak dapat diubah lewat Excel; pindahkan simpul di aplikasi`,
            `The parent of an existing node (${parentCode ?? '-'}) cannot be changed through Excel; move the node in the application`,
          ),
        ),
      );
      continue;
    }
    const fields: ImportChange['fields'] = [];
    const upd: z.input<typeof updateNodeBody> = {};
    if (node.name !== n.name) {
      fields.push({ field: H.name, before: node.name, after: n.name });
      upd.name = n.name;
    }
    if ((node.unitId ?? null) !== unitId) {
      fields.push({
        field: H.unitCode,
        before: node.unitId ? (unitCodeOf.get(node.unitId) ?? null) : null,
        after: n.unitCode,
      });
      upd.unitId = unitId;
    }
    if (fields.length === 0) {
      nodesUnchanged++;
      continue;
    }
    ops.push({ type: 'node.update', node: n, nodeId: node.id, input: upd });
    changes.push({
      sheet: SHEET.nodes,
      row: n.row,
      entity: 'node',
      action: 'update',
      key: n.code,
      name: n.name,
      fields,
    });
  }
  // New nodes go in from the top of the tree down, so that a parent exists before its children.
  ops.sort((a, b) => depthOf(a) - depthOf(b));

  // Indicators.
  const indicatorsOf = new Map<string, { node: PlanTree['nodes'][number]; indicator: PlanIndicator }[]>();
  for (const node of tree.nodes) {
    for (const i of node.indicators) {
      const key = indicatorKey(node.code, i.code, i.name);
      indicatorsOf.set(key, [...(indicatorsOf.get(key) ?? []), { node, indicator: i }]);
    }
  }
  const seen = new Map<string, number>();
  const matchedIndicators = new Set<string>();
  let indicatorsUnchanged = 0;
  const indicatorOps: PlanOp[] = [];
  for (const i of input.indicators) {
    const where = indWhere(i.row);
    const key = indicatorKey(i.nodeCode, i.code, i.name);
    if (seen.has(key)) {
      problems.push(
        at(
          where,
          i.code ? 'code' : 'name',
          t(
            `Indikator ini sudah ada di baris ${seen.get(key)} untuk simpul yang sama`,
            `This indicator is already in row ${seen.get(key)} for the same node`,
          ),
        ),
      );
      continue;
    }
    seen.set(key, i.row);
    const inFile = fileNodes.has(squash(i.nodeCode));
    const inPlan = byCode.get(squash(i.nodeCode)) ?? [];
    if (!inFile && inPlan.length === 0) {
      problems.push(
        at(
          where,
          'nodeCode',
          t(
            `Kode simpul "${i.nodeCode}" tidak ada di berkas maupun di Renstra`,
            `The node code "${i.nodeCode}" is neither in the file nor in the plan`,
          ),
        ),
      );
      continue;
    }
    if (inPlan.length > 1) {
      problems.push(at(where, 'nodeCode', ambiguous(i.nodeCode)));
      continue;
    }
    const found = indicatorsOf.get(key) ?? [];
    if (found.length > 1) {
      problems.push(
        at(
          where,
          i.code ? 'code' : 'name',
          t(
            'Lebih dari satu indikator simpul ini cocok dengan baris ini; bedakan kodenya di aplikasi',
            'More than one indicator of this node matches this row; make their codes distinct in the application',
          ),
        ),
      );
      continue;
    }
    const existing = found[0]?.indicator;
    const targetFields = tree.years.map((y) => ({
      field: yearHeader(y),
      before: existing ? targetText(existing.targets.find((x) => x.year === y)) : null,
      after: targetText(asTarget(i.targets.find((x) => x.year === y) ?? null)),
    }));
    const pairs: { field: string; key: string; before: string | null; after: string | null }[] = [
      { field: H.indicatorName, key: 'name', before: existing?.name ?? null, after: i.name },
      { field: H.uom, key: 'unitOfMeasure', before: existing?.unitOfMeasure ?? null, after: i.unitOfMeasure },
      {
        field: H.direction,
        key: 'direction',
        before: existing ? directionLabels[existing.direction] : null,
        after: directionLabels[i.direction],
      },
      { field: H.type, key: 'type', before: existing ? typeLabels[existing.type] : null, after: typeLabels[i.type] },
      {
        field: H.aggregation,
        key: 'aggregation',
        before: existing ? aggregationLabels[existing.aggregation] : null,
        after: aggregationLabels[i.aggregation],
      },
      { field: H.decimals, key: 'decimals', before: show(existing?.decimals), after: show(i.decimals) },
      { field: H.isKey, key: 'isKey', before: existing ? show(existing.isKey) : null, after: show(i.isKey) },
      { field: H.baseline, key: 'baselineValue', before: show(existing?.baseline.value), after: show(i.baselineValue) },
      {
        field: H.baselineYear,
        key: 'baselineYear',
        before: show(existing?.baseline.year),
        after: show(i.baselineYear),
      },
      { field: H.definition, key: 'definition', before: show(existing?.definition), after: show(i.definition) },
      { field: H.formula, key: 'formula', before: show(existing?.formula), after: show(i.formula) },
      { field: H.dataSource, key: 'dataSource', before: show(existing?.dataSource), after: show(i.dataSource) },
    ];
    // Columns absent from the file are left out: they change nothing.
    if (i.validMin !== undefined) {
      pairs.push({ field: H.validMin, key: 'validMin', before: show(existing?.validMin), after: show(i.validMin) });
    }
    if (i.validMax !== undefined) {
      pairs.push({ field: H.validMax, key: 'validMax', before: show(existing?.validMax), after: show(i.validMax) });
    }
    if (i.evidenceRequired !== undefined) {
      pairs.push({
        field: H.evidenceRequired,
        key: 'evidenceRequired',
        before: existing ? show(existing.evidenceRequired) : null,
        after: show(i.evidenceRequired),
      });
    }
    if (!existing) {
      indicatorOps.push({ type: 'indicator.create', indicator: i });
      changes.push({
        sheet: SHEET.indicators,
        row: i.row,
        entity: 'indicator',
        action: 'create',
        key: i.code || i.name,
        name: i.name,
        fields: [
          { field: H.nodeCode, before: null, after: i.nodeCode },
          ...(i.code ? [{ field: H.indicatorCode, before: null, after: i.code }] : []),
          ...pairs.filter((p) => p.after !== null).map(({ field, after }) => ({ field, before: null, after })),
          ...targetFields.filter((f) => f.after !== null).map((f) => ({ ...f, before: null })),
        ],
      });
      continue;
    }
    matchedIndicators.add(existing.id);
    const changed = pairs.filter((p) => p.before !== p.after);
    const targetsChanged = targetFields.filter((f) => f.before !== f.after);
    if (changed.length === 0 && targetsChanged.length === 0) {
      indicatorsUnchanged++;
      continue;
    }
    let upd: z.input<typeof updateIndicatorBody> | null = null;
    if (changed.length > 0) {
      upd = {};
      for (const c of changed) {
        const k = c.key as keyof IndicatorIn;
        if (k === 'baselineValue' || k === 'baselineYear') {
          upd.baselineValue = i.baselineValue;
          upd.baselineYear = i.baselineYear;
        } else (upd as Record<string, unknown>)[k] = i[k];
      }
    }
    indicatorOps.push({
      type: 'indicator.update',
      indicator: i,
      indicatorId: existing.id,
      input: upd,
      targets: targetsChanged.length > 0,
      toRange: i.direction === 'range' && existing.direction !== 'range',
    });
    changes.push({
      sheet: SHEET.indicators,
      row: i.row,
      entity: 'indicator',
      action: 'update',
      key: i.code || i.name,
      name: i.name,
      fields: [...changed.map(({ field, before, after }) => ({ field, before, after })), ...targetsChanged],
    });
  }
  const allIndicators = tree.nodes.flatMap((n) => n.indicators);
  const count = (entity: 'node' | 'indicator', action: 'create' | 'update') =>
    changes.filter((c) => c.entity === entity && c.action === action).length;
  return {
    ops: [...ops, ...indicatorOps],
    changes,
    problems,
    summary: [
      {
        entity: 'node',
        created: count('node', 'create'),
        updated: count('node', 'update'),
        unchanged: nodesUnchanged,
        notInFile: tree.nodes.filter((n) => !matched.has(n.id)).length,
      },
      {
        entity: 'indicator',
        created: count('indicator', 'create'),
        updated: count('indicator', 'update'),
        unchanged: indicatorsUnchanged,
        notInFile: allIndicators.filter((i) => !matchedIndicators.has(i.id)).length,
      },
    ],
  };
}

function depthOf(op: PlanOp): number {
  return op.type === 'node.create' || op.type === 'node.update' ? planNodeKinds.indexOf(op.node.kind) : 99;
}

/** Field of a service request → the key of the column it came from. */
const nodeFieldKeys: Record<string, string> = {
  parentId: 'parentCode',
  kind: 'kind',
  code: 'code',
  name: 'name',
  unitId: 'unitCode',
};
const indicatorFieldKeys: Record<string, string> = {
  nodeId: 'nodeCode',
  code: 'code',
  name: 'name',
  unitOfMeasure: 'uom',
  direction: 'direction',
  type: 'type',
  aggregation: 'aggregation',
  decimals: 'decimals',
  isKey: 'isKey',
  baselineValue: 'baseline',
  baselineYear: 'baselineYear',
  definition: 'definition',
  formula: 'formula',
  dataSource: 'dataSource',
  validMin: 'validMin',
  validMax: 'validMax',
  evidenceRequired: 'evidenceRequired',
};

/**
 * Runs a service function for one row; its refusal becomes a problem at the row's cell (the field
 * path of the refusal names the column). Anything else than a refusal is a real failure.
 */
async function attempt<T>(
  where: Located,
  keyOf: (path: string[]) => string | null,
  problems: CellProblem[],
  fn: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof AppError) || e.status >= 500) throw e;
    if (!e.details?.length) {
      problems.push(at(where, null, e.text));
      return undefined;
    }
    for (const d of e.details) {
      const path = d.path.split('.').slice(1);
      const message = typeof d.message === 'string' ? { id: d.message, en: d.message } : d.message;
      problems.push(at(where, keyOf(path), message));
    }
    return undefined;
  }
}

/** Checks a service request against its contract, as the HTTP route would. */
function checkContract<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: Located,
  keyOf: (path: string[]) => string | null,
  problems: CellProblem[],
): z.infer<S> | undefined {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const id = issuesToDetails(r.error.issues, 'body', 'id');
  const en = issuesToDetails(r.error.issues, 'body', 'en');
  id.forEach((d, k) => {
    problems.push(at(where, keyOf(d.path.split('.').slice(1)), { id: d.message, en: en[k]?.message ?? d.message }));
  });
  return undefined;
}

interface RunResult {
  problems: CellProblem[];
  warnings: CellProblem[];
}

/** Applies the plan's import through the service, row by row; every refusal is kept, none stops the others. */
async function runPlanImport(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  tree: PlanTree,
  units: repo.UnitLite[],
  input: PlanPayload,
  ops: PlanOp[],
): Promise<RunResult> {
  const problems: CellProblem[] = [];
  const nodeId = new Map<string, string>();
  for (const n of tree.nodes) if (!nodeId.has(squash(n.code))) nodeId.set(squash(n.code), n.id);
  const unitId = (code: string | null) =>
    code ? (units.find((u) => squash(u.code) === squash(code))?.id ?? null) : null;
  const failed = new Set<string>();
  const nodeKey = (path: string[]) => nodeFieldKeys[path[0] ?? ''] ?? null;
  for (const op of ops) {
    if (op.type === 'node.create' || op.type === 'node.update') {
      const n = op.node;
      const where = { sheet: SHEET.nodes, row: n.row, columns: input.columns[SHEET.nodes] ?? {} };
      if (op.type === 'node.create') {
        if (n.parentCode && failed.has(squash(n.parentCode))) {
          failed.add(squash(n.code));
          continue;
        }
        const body = checkContract(
          createNodeBody,
          {
            parentId: n.parentCode ? (nodeId.get(squash(n.parentCode)) ?? null) : null,
            kind: n.kind,
            code: n.code,
            name: n.name,
            unitId: unitId(n.unitCode),
          },
          where,
          nodeKey,
          problems,
        );
        const created =
          body && (await attempt(where, nodeKey, problems, () => insertNodeTx(tx, ctx, governmentId, tree.id, body)));
        if (created) nodeId.set(squash(n.code), created.id);
        else failed.add(squash(n.code));
      } else {
        const body = checkContract(updateNodeBody, op.input, where, nodeKey, problems);
        if (body)
          await attempt(where, nodeKey, problems, () => updateNodeTx(tx, ctx, governmentId, tree.id, op.nodeId, body));
      }
      continue;
    }
    const i = op.indicator;
    const where = { sheet: SHEET.indicators, row: i.row, columns: input.columns[SHEET.indicators] ?? {} };
    if (failed.has(squash(i.nodeCode))) continue;
    const targetKey = (path: string[]) => {
      if (path[0] !== 'targets') return indicatorFieldKeys[path[0] ?? ''] ?? null;
      const year = i.targets[Number(path[1])]?.year;
      return year ? `y${year}` : null;
    };
    const targets = i.targets.map(({ year, value, low, high }) => ({
      year,
      ...(value !== undefined ? { value } : { low, high }),
    }));
    if (op.type === 'indicator.create') {
      const body = checkContract(
        createIndicatorBody,
        {
          nodeId: nodeId.get(squash(i.nodeCode)),
          code: i.code,
          name: i.name,
          unitOfMeasure: i.unitOfMeasure,
          direction: i.direction,
          type: i.type,
          aggregation: i.aggregation,
          decimals: i.decimals,
          isKey: i.isKey,
          baselineValue: i.baselineValue,
          baselineYear: i.baselineYear,
          definition: i.definition,
          formula: i.formula,
          dataSource: i.dataSource,
          validMin: i.validMin,
          validMax: i.validMax,
          evidenceRequired: i.evidenceRequired,
          targets,
        },
        where,
        targetKey,
        problems,
      );
      if (body)
        await attempt(where, targetKey, problems, () => insertIndicatorTx(tx, ctx, governmentId, tree.id, body));
      continue;
    }
    const fields = op.input ? checkContract(updateIndicatorBody, op.input, where, targetKey, problems) : null;
    const targetBody = op.targets
      ? checkContract(setIndicatorTargetsBody, { targets }, where, targetKey, problems)
      : null;
    if (fields === undefined || targetBody === undefined) continue;
    const setFields = async () =>
      fields ? updateIndicatorTx(tx, ctx, governmentId, tree.id, op.indicatorId, fields) : undefined;
    const setTargets = async () =>
      targetBody ? setIndicatorTargetsTx(tx, ctx, governmentId, tree.id, op.indicatorId, targetBody) : undefined;
    // Ranges go in before the direction becomes "range" (which refuses single-value targets);
    // otherwise the direction first, so that the targets are read with the new one.
    const steps = op.toRange ? [setTargets, setFields] : [setFields, setTargets];
    for (const step of steps) {
      const before = problems.length;
      await attempt(where, targetKey, problems, step);
      if (problems.length > before) break;
    }
  }
  return { problems, warnings: [] };
}

// ── preview and apply, shared by both kinds ─────────────────────────────────────────────────
/** Thrown to roll back the trial run of a preview, carrying what it found. */
class TrialDone<T> extends Error {
  constructor(readonly result: T) {
    super('trial run');
  }
}

async function trial<T>(db: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    await db.transaction(async (tx) => {
      throw new TrialDone(await fn(tx));
    });
  } catch (e) {
    if (e instanceof TrialDone) return e.result as T;
    throw e;
  }
  throw new Error('unreachable');
}

const digest = (lines: string[]) => createHash('sha256').update(lines.join('\n')).digest('hex');

function notesFor(kind: xrepo.ImportKind, locale: Locale): string[] {
  const notes: Record<xrepo.ImportKind, LocalizedText[]> = {
    plan: [
      t(
        'Simpul dan indikator yang tidak ada di berkas dibiarkan apa adanya (tidak dinonaktifkan).',
        'Nodes and indicators that are not in the file stay as they are (they are not deactivated).',
      ),
      t(
        'Sel target yang kosong berarti tidak ada target pada tahun tersebut.',
        'An empty target cell means no target for that year.',
      ),
    ],
    agreement: [
      t(
        'Indikator dan pagu yang tidak ada di berkas dibiarkan apa adanya (tidak dihapus).',
        'Indicators and budget ceilings that are not in the file stay as they are (they are not removed).',
      ),
      t(
        'Sel target atau pagu yang kosong pada baris yang ada di berkas berarti nilai itu dikosongkan.',
        'An empty target or budget cell in a row of the file clears that value.',
      ),
    ],
  };
  return notes[kind].map((n) => n[locale]);
}

async function storePreview(
  db: Database,
  ctx: RequestContext,
  p: {
    governmentId: string;
    kind: xrepo.ImportKind;
    targetId: string;
    versions: string;
    payload: unknown;
    changes: ImportChange[];
    summary: ImportPreview['summary'];
    warnings: CellProblem[];
  },
): Promise<ImportPreview> {
  const stored = await db.transaction((tx) =>
    xrepo.insertPreview(tx, {
      government_id: p.governmentId,
      user_id: ctx.actor!.userId,
      kind: p.kind,
      target_id: p.targetId,
      versions: p.versions,
      payload: p.payload,
      minutes: importPreviewMinutes,
    }),
  );
  return {
    token: stored.id,
    expiresAt: new Date(stored.expires_at).toISOString(),
    changes: p.changes,
    summary: p.summary,
    warnings: presentProblems(p.warnings, ctx.locale),
    notes: notesFor(p.kind, ctx.locale),
  };
}

/** The stored preview for this user and target, locked; 404/403 otherwise. */
async function takePreview(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  token: string,
  kind: xrepo.ImportKind,
  targetId: string,
): Promise<xrepo.PreviewRow> {
  const row = await xrepo.lockPreview(tx, governmentId, token);
  if (!row || row.kind !== kind || row.target_id !== targetId || row.expired || row.applied_at) {
    throw new AppError('IMPORT_PREVIEW_NOT_FOUND');
  }
  if (row.user_id !== ctx.actor?.userId) throw new AppError('IMPORT_NOT_YOURS');
  return row;
}

async function auditCountSince(tx: Tx, governmentId: string, mark: number): Promise<number> {
  const rows = await tx.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM audit_log WHERE government_id = $1 AND id > $2',
    [governmentId, mark],
  );
  return rows[0]?.n ?? 0;
}

async function auditMark(tx: Tx): Promise<number> {
  const rows = await tx.query<{ n: number }>('SELECT coalesce(max(id), 0)::int AS n FROM audit_log');
  return rows[0]?.n ?? 0;
}

// ── Renstra: preview and apply ──────────────────────────────────────────────────────────────
async function lockedPlanState(tx: Tx, governmentId: string, planId: string) {
  await repo.lockPlan(tx, governmentId, planId);
  const plan = await repo.getPlan(tx, governmentId, planId);
  if (!plan) throw notFound();
  if (!plan.active) throw new AppError('PLAN_INACTIVE');
  const tree = await planTreeOf(tx, governmentId, planId, false);
  const units = await repo.agencyUnits(tx, plan.agency_id);
  const versions = digest(await xrepo.planVersionLines(tx, planId));
  return { tree, units, versions };
}

export async function previewPlanImport(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  planId: string;
  bytes: Uint8Array;
}): Promise<ImportPreview> {
  authorize(opts.ctx.actor, 'plans.manage', opts.governmentId);
  const { db, ctx, governmentId, planId } = opts;
  const plan = await repo.getPlan(db, governmentId, planId);
  if (!plan) throw notFound();
  if (!plan.active) throw new AppError('PLAN_INACTIVE');
  const years = Array.from({ length: plan.end_year - plan.start_year + 1 }, (_, i) => plan.start_year + i);
  const parsed = await parsePlanUpload(opts.bytes, years);
  if (parsed.problems.length > 0) throw new ImportInvalid(parsed.problems);
  const outcome = await trial(db, async (tx) => {
    const state = await lockedPlanState(tx, governmentId, planId);
    const planned = planImport(state.tree, state.units, parsed.payload);
    if (planned.problems.length > 0) return { ...planned, versions: state.versions, warnings: [] as CellProblem[] };
    const run = await runPlanImport(tx, ctx, governmentId, state.tree, state.units, parsed.payload, planned.ops);
    return { ...planned, problems: run.problems, warnings: run.warnings, versions: state.versions };
  });
  if (outcome.problems.length > 0) throw new ImportInvalid(outcome.problems);
  return storePreview(db, ctx, {
    governmentId,
    kind: 'plan',
    targetId: planId,
    versions: outcome.versions,
    payload: parsed.payload,
    changes: outcome.changes,
    summary: outcome.summary,
    warnings: outcome.warnings,
  });
}

export async function applyPlanImport(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  planId: string;
  input: z.infer<typeof applyImportBody>;
}): Promise<ImportApplied> {
  authorize(opts.ctx.actor, 'plans.manage', opts.governmentId);
  const { ctx, governmentId, planId } = opts;
  return opts.db.transaction(async (tx) => {
    const preview = await takePreview(tx, ctx, governmentId, opts.input.token, 'plan', planId);
    const state = await lockedPlanState(tx, governmentId, planId);
    if (state.versions !== preview.versions) throw new AppError('IMPORT_STALE');
    const payload = preview.payload as PlanPayload;
    const planned = planImport(state.tree, state.units, payload);
    if (planned.problems.length > 0) throw new ImportInvalid(planned.problems);
    const mark = await auditMark(tx);
    const run = await runPlanImport(tx, ctx, governmentId, state.tree, state.units, payload, planned.ops);
    if (run.problems.length > 0) throw new ImportInvalid(run.problems);
    await xrepo.markApplied(tx, preview.id);
    await recordAudit(tx, ctx, {
      governmentId,
      action: 'plan.import',
      entityType: 'plan',
      entityId: planId,
      after: { token: preview.id, summary: planned.summary },
    });
    return { summary: planned.summary, auditRecords: await auditCountSince(tx, governmentId, mark) };
  });
}

// ── Perjanjian Kinerja ──────────────────────────────────────────────────────────────────────
type AgreementKey = 'code' | 'name' | 'uom' | 'annual' | 'q1' | 'q2' | 'q3' | 'q4';
type BudgetKey = 'code' | 'kind' | 'name' | 'amount';
const periodKeys = ['annual', ...quarters] as const;

function agreementSpecs(): [SheetSpec<AgreementKey>, SheetSpec<BudgetKey>] {
  return [
    {
      sheet: SHEET.agreement,
      columns: [
        { key: 'code', header: H.indicatorCode, type: 'text', maxLength: 64 },
        { key: 'name', header: H.indicatorName, type: 'text', required: true, maxLength: 500 },
        { key: 'uom', header: H.uom, type: 'text', maxLength: 50 },
        { key: 'annual', header: H.annual, type: 'text', maxLength: 60 },
        ...quarters.map((q) => ({ key: q, header: quarterHeader(q), type: 'text' as const, maxLength: 60 })),
      ],
    },
    {
      sheet: SHEET.budgets,
      optional: true,
      columns: [
        { key: 'code', header: H.code, type: 'text', required: true, maxLength: 64 },
        { key: 'kind', header: H.kind, type: 'text', maxLength: 40 },
        { key: 'name', header: H.name, type: 'text', maxLength: 1000 },
        { key: 'amount', header: H.amount, type: 'number' },
      ],
    },
  ];
}

interface AgreementState {
  agreement: repo.AgreementRow;
  rows: repo.AgreementIndicatorRow[];
  targets: repo.PeriodTargetRow[];
  budgets: repo.BudgetRow[];
  tree: PlanTree;
}

async function agreementState(db: Queryable, governmentId: string, agreementId: string): Promise<AgreementState> {
  const agreement = await repo.getAgreement(db, governmentId, agreementId);
  if (!agreement) throw notFound();
  const rows = await repo.agreementIndicators(db, agreementId);
  const targets = await repo.periodTargets(
    db,
    'agreement',
    rows.map((r) => r.id),
  );
  const budgets = await repo.budgets(db, agreementId);
  const tree = await planTreeOf(db, governmentId, agreement.plan_id, false);
  return { agreement, rows, targets, budgets, tree };
}

function periodTarget(targets: repo.PeriodTargetRow[], rowId: string, period: repo.Period): Target | null {
  const r = targets.find((x) => x.owner_id === rowId && x.period === period);
  if (!r) return null;
  const d = (v: string | null) => (v === null ? null : normalizeDecimal(v));
  return { value: d(r.target_value), low: d(r.target_low), high: d(r.target_high) };
}

const periodOf = (k: (typeof periodKeys)[number]): repo.Period => (k === 'annual' ? 'year' : k);
const periodHeader = (k: (typeof periodKeys)[number]) => (k === 'annual' ? H.annual : quarterHeader(k));

const agreementGuide = (s: AgreementState): string[] => [
  `PETUNJUK PENGISIAN — Perjanjian Kinerja ${s.agreement.unit_name ?? s.agreement.agency_name} tahun ${s.agreement.year}`,
  'Berkas ini adalah ekspor target Perjanjian Kinerja sekaligus templat impor. Ubah isinya, lalu unggah kembali: sistem memeriksa semua sel, menampilkan pratinjau perubahan, dan baru menyimpannya setelah Anda menyetujui pratinjau. Jika ada satu baris yang salah, tidak ada yang disimpan. Hanya versi draf yang berlaku yang dapat diubah.',
  'Lembar "Indikator PK": satu baris per indikator, dicocokkan dengan indikator Renstra melalui Kode Indikator (atau Nama Indikator bila kode kosong). Indikator Renstra yang belum ada di Perjanjian Kinerja ini ditambahkan. Target Tahunan dan T1–T4 (rencana aksi): satu angka, atau rentang dalam satu sel, mis. "80 - 90". Angka boleh ditulis 1.234,5 atau 85%.',
  'Target triwulan yang tidak sesuai agregasi indikator (mis. jumlah T1–T4 tidak sama dengan target tahunan) tetap disimpan dan ditampilkan sebagai peringatan.',
  'Lembar "Pagu": pagu anggaran (rupiah, paling banyak 2 angka desimal) per program, kegiatan dan sub kegiatan. Sel pagu kosong berarti tidak ada pagu untuk simpul itu.',
  'Baris yang dihapus dari berkas TIDAK menghapus indikator atau pagu; penghapusan dilakukan di aplikasi. Jangan mengubah judul kolom dan nama lembar; rumus, makro dan tautan ke berkas lain tidak diterima.',
];

export async function exportAgreementWorkbook(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  agreementId: string;
}): Promise<{ fileName: string; bytes: Buffer }> {
  authorize(opts.ctx.actor, 'plans.read', opts.governmentId);
  const s = await agreementState(opts.db, opts.governmentId, opts.agreementId);
  const [indSpec, budgetSpec] = agreementSpecs();
  const owner = s.agreement.unit_name ?? s.agreement.agency_name;
  const title = [
    `PERJANJIAN KINERJA ${owner.toUpperCase()} TAHUN ${s.agreement.year}`,
    `${s.agreement.version_kind === 'murni' ? 'Murni' : `Perubahan ke-${s.agreement.version_no - 1}`} — ${s.agreement.status === 'signed' ? `ditandatangani ${s.agreement.signed_on}` : 'draf'}`,
  ];
  const indicators: SheetOut = {
    name: SHEET.agreement,
    title,
    headers: indSpec.columns.map((c) => ({ header: c.header, width: c.key === 'name' ? 60 : 16 })),
    rows: s.rows.map((r) => [
      r.code,
      r.name,
      r.unit_of_measure,
      ...periodKeys.map((k) => targetCell(periodTarget(s.targets, r.id, periodOf(k)), r.decimals)),
    ]),
  };
  const amount = new Map(s.budgets.map((b) => [b.node_id, b.amount]));
  const budgets: SheetOut = {
    name: SHEET.budgets,
    title,
    headers: budgetSpec.columns.map((c) => ({ header: c.header, width: c.key === 'name' ? 60 : 20 })),
    rows: s.tree.nodes
      .filter((n) => n.kind === 'program' || n.kind === 'activity' || n.kind === 'sub_activity')
      .map((n) => {
        const a = amount.get(n.id);
        return [n.code, kindLabels[n.kind], n.name, a === undefined ? null : shownNumber(normalizeDecimal(a), 0)];
      }),
  };
  const bytes = await renderWorkbook([indicators, budgets], agreementGuide(s), `Perjanjian Kinerja ${owner}`);
  return { fileName: fileName('Perjanjian-Kinerja', owner, s.agreement.year, `v${s.agreement.version_no}`), bytes };
}

interface AgreementRowIn {
  row: number;
  code: string;
  name: string;
  targets: Record<(typeof periodKeys)[number], TargetOut | null>;
}
interface BudgetRowIn {
  row: number;
  code: string;
  amount: string | null;
}
interface AgreementPayload {
  indicators: AgreementRowIn[];
  budgets: BudgetRowIn[];
  columns: Record<string, Columns>;
}

async function parseAgreementUpload(
  bytes: Uint8Array,
): Promise<{ payload: AgreementPayload; problems: CellProblem[] }> {
  const specs = agreementSpecs();
  const read = await readUpload<string>(bytes, specs as SheetSpec<string>[], new Set(periodKeys));
  const problems = [...read.problems];
  const indicators: AgreementRowIn[] = [];
  const cols = read.columns[SHEET.agreement] ?? {};
  for (const r of read.sheets[SHEET.agreement] ?? []) {
    const where = { sheet: SHEET.agreement, row: r.row, columns: cols };
    const v = r.values;
    let ok = true;
    for (const k of ['code', 'name']) {
      const p = scriptProblem(where, k, v[k] ?? null);
      if (p) {
        problems.push(p);
        ok = false;
      }
    }
    const targets = {} as AgreementRowIn['targets'];
    for (const k of periodKeys) {
      const cell = readTargetCell(read.numbers.get(`${SHEET.agreement}|${r.row}|${k}`), v[k] ?? null);
      if (!cell.ok) {
        problems.push(at(where, k, cell.message));
        ok = false;
      } else targets[k] = cell.target;
    }
    if (ok && v.name) indicators.push({ row: r.row, code: v.code ?? '', name: v.name, targets });
  }
  const budgets: BudgetRowIn[] = (read.sheets[SHEET.budgets] ?? [])
    .filter((r) => r.values.code)
    .map((r) => ({ row: r.row, code: r.values.code!, amount: r.values.amount ?? null }));
  return { payload: { indicators, budgets, columns: read.columns }, problems };
}

type AgreementOp =
  | { type: 'add'; row: AgreementRowIn; indicatorId: string }
  | { type: 'update'; row: AgreementRowIn; rowId: string }
  | { type: 'budgets'; items: { nodeId: string; amount: string; from: BudgetRowIn | null }[] };

function planAgreementImport(s: AgreementState, input: AgreementPayload) {
  const problems: CellProblem[] = [];
  const changes: ImportChange[] = [];
  const ops: AgreementOp[] = [];
  const where = (sheet: string, row: number) => ({ sheet, row, columns: input.columns[sheet] ?? {} });
  const planIndicators = s.tree.nodes.flatMap((n) => n.indicators);
  const seen = new Map<string, number>();
  const matchedRows = new Set<string>();
  let unchanged = 0;
  for (const r of input.indicators) {
    const w = where(SHEET.agreement, r.row);
    const key = r.code ? `c:${squash(r.code)}` : `n:${squash(r.name)}`;
    if (seen.has(key)) {
      problems.push(
        at(
          w,
          r.code ? 'code' : 'name',
          t(`Indikator ini sudah ada di baris ${seen.get(key)}`, `This indicator is already in row ${seen.get(key)}`),
        ),
      );
      continue;
    }
    seen.set(key, r.row);
    const found = planIndicators.filter((i) =>
      r.code ? squash(i.code) === squash(r.code) : squash(i.name) === squash(r.name),
    );
    if (found.length === 0) {
      problems.push(
        at(
          w,
          r.code ? 'code' : 'name',
          t(
            `Indikator "${r.code || r.name}" tidak ada (aktif) di Renstra Perjanjian Kinerja ini`,
            `The indicator "${r.code || r.name}" is not an active indicator of this agreement's plan`,
          ),
        ),
      );
      continue;
    }
    if (found.length > 1) {
      problems.push(
        at(
          w,
          r.code ? 'code' : 'name',
          t(
            'Lebih dari satu indikator Renstra cocok dengan baris ini; bedakan kodenya di aplikasi',
            'More than one plan indicator matches this row; make their codes distinct in the application',
          ),
        ),
      );
      continue;
    }
    const indicator = found[0]!;
    const existing = s.rows.find((x) => x.indicator_id === indicator.id);
    const fields = periodKeys.map((k) => ({
      field: periodHeader(k),
      before: existing ? targetText(periodTarget(s.targets, existing.id, periodOf(k))) : null,
      after: targetText(asTarget(r.targets[k])),
    }));
    if (!existing) {
      ops.push({ type: 'add', row: r, indicatorId: indicator.id });
      changes.push({
        sheet: SHEET.agreement,
        row: r.row,
        entity: 'agreement_indicator',
        action: 'create',
        key: indicator.code || indicator.name,
        name: indicator.name,
        fields: fields.filter((f) => f.after !== null),
      });
      continue;
    }
    matchedRows.add(existing.id);
    const changed = fields.filter((f) => f.before !== f.after);
    if (changed.length === 0) {
      unchanged++;
      continue;
    }
    ops.push({ type: 'update', row: r, rowId: existing.id });
    changes.push({
      sheet: SHEET.agreement,
      row: r.row,
      entity: 'agreement_indicator',
      action: 'update',
      key: indicator.code || indicator.name,
      name: indicator.name,
      fields: changed,
    });
  }
  // Pagu: the file's rows over the current ones; nodes not in the file keep theirs.
  const budgetNodes = s.tree.nodes.filter(
    (n) => n.kind === 'program' || n.kind === 'activity' || n.kind === 'sub_activity',
  );
  const current = new Map(s.budgets.map((b) => [b.node_id, normalizeDecimal(b.amount)]));
  const next = new Map(current);
  const fromRow = new Map<string, BudgetRowIn>();
  const seenBudget = new Map<string, number>();
  const budgetCount = { created: 0, updated: 0, unchanged: 0 };
  for (const b of input.budgets) {
    const w = where(SHEET.budgets, b.row);
    const found = budgetNodes.filter((n) => squash(n.code) === squash(b.code));
    if (seenBudget.has(squash(b.code))) {
      problems.push(
        at(
          w,
          'code',
          t(
            `Kode "${b.code}" sudah ada di baris ${seenBudget.get(squash(b.code))}`,
            `The code "${b.code}" is already in row ${seenBudget.get(squash(b.code))}`,
          ),
        ),
      );
      continue;
    }
    seenBudget.set(squash(b.code), b.row);
    if (found.length !== 1) {
      problems.push(
        at(
          w,
          'code',
          found.length === 0
            ? t(
                `Program, kegiatan atau sub kegiatan dengan kode "${b.code}" tidak ada (aktif) di Renstra ini`,
                `There is no active program, activity or sub-activity with the code "${b.code}" in this plan`,
              )
            : t(
                `Kode "${b.code}" dipakai oleh lebih dari satu simpul; bedakan kodenya di aplikasi`,
                `The code "${b.code}" is used by more than one node; make the codes distinct in the application`,
              ),
        ),
      );
      continue;
    }
    const node = found[0]!;
    const before = current.get(node.id) ?? null;
    const after = b.amount;
    if (after === null) next.delete(node.id);
    else {
      next.set(node.id, after);
      fromRow.set(node.id, b);
    }
    if (before === after || (before !== null && after !== null && normalizeDecimal(before) === after)) {
      if (after !== null) budgetCount.unchanged++;
      continue;
    }
    if (before === null) budgetCount.created++;
    else budgetCount.updated++;
    changes.push({
      sheet: SHEET.budgets,
      row: b.row,
      entity: 'budget',
      action: before === null ? 'create' : 'update',
      key: node.code,
      name: node.name,
      fields: [{ field: H.amount, before, after }],
    });
  }
  if (changes.some((c) => c.entity === 'budget')) {
    ops.push({
      type: 'budgets',
      items: [...next.entries()].map(([nodeId, amount]) => ({ nodeId, amount, from: fromRow.get(nodeId) ?? null })),
    });
  }
  const count = (action: 'create' | 'update') =>
    changes.filter((c) => c.entity === 'agreement_indicator' && c.action === action).length;
  const summary: ImportPreview['summary'] = [
    {
      entity: 'agreement_indicator',
      created: count('create'),
      updated: count('update'),
      unchanged,
      notInFile: s.rows.filter((r) => !matchedRows.has(r.id)).length,
    },
    {
      entity: 'budget',
      ...budgetCount,
      notInFile: s.budgets.filter((b) => !input.budgets.some((x) => squash(x.code) === squash(b.node_code))).length,
    },
  ];
  return { ops, changes, problems, summary };
}

async function runAgreementImport(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  agreementId: string,
  input: AgreementPayload,
  ops: AgreementOp[],
): Promise<RunResult> {
  const problems: CellProblem[] = [];
  const warnings: CellProblem[] = [];
  for (const op of ops) {
    if (op.type === 'budgets') {
      const body = { items: op.items.map(({ nodeId, amount }) => ({ nodeId, amount })) };
      const first = op.items.find((i) => i.from)?.from;
      const budgetWhere = (row: number) => ({ sheet: SHEET.budgets, row, columns: input.columns[SHEET.budgets] ?? {} });
      const keyOf = (path: string[]) => (path[2] === 'amount' ? 'amount' : 'code');
      // A refusal names items.<i>; the item's row in the file is where to point.
      const report = (details: { path: string; message: string | LocalizedText }[]) => {
        for (const d of details) {
          const index = Number(d.path.split('.')[2]);
          const row = op.items[index]?.from?.row ?? first?.row ?? 0;
          const message = typeof d.message === 'string' ? { id: d.message, en: d.message } : d.message;
          problems.push(at(budgetWhere(row), keyOf(d.path.split('.').slice(1)), message));
        }
      };
      const parsed = setBudgetsBody.safeParse(body);
      if (!parsed.success) {
        const en = issuesToDetails(parsed.error.issues, 'body', 'en');
        report(
          issuesToDetails(parsed.error.issues, 'body', 'id').map((d, k) => ({
            path: d.path,
            message: { id: d.message, en: en[k]?.message ?? d.message },
          })),
        );
        continue;
      }
      try {
        await setAgreementBudgetsTx(tx, ctx, governmentId, agreementId, parsed.data);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500) throw e;
        report(e.details ?? [{ path: '', message: e.text }]);
      }
      continue;
    }
    const r = op.row;
    const where = { sheet: SHEET.agreement, row: r.row, columns: input.columns[SHEET.agreement] ?? {} };
    const keyOf = (path: string[]) =>
      path[0] === 'annual' ? 'annual' : path[0] === 'quarters' ? (path[1] ?? null) : null;
    const asInput = (x: TargetOut | null): TargetInput | null =>
      x ? (x.value !== undefined ? { value: x.value } : { low: x.low!, high: x.high! }) : null;
    const common = {
      annual: asInput(r.targets.annual),
      quarters: Object.fromEntries(quarters.map((q) => [q, asInput(r.targets[q])])),
    };
    const result =
      op.type === 'add'
        ? await (async () => {
            const body = checkContract(
              addAgreementIndicatorBody,
              { indicatorId: op.indicatorId, ...common },
              where,
              keyOf,
              problems,
            );
            return (
              body &&
              attempt(where, keyOf, problems, () => addAgreementIndicatorTx(tx, ctx, governmentId, agreementId, body))
            );
          })()
        : await (async () => {
            const body = checkContract(updateAgreementIndicatorBody, common, where, keyOf, problems);
            return (
              body &&
              attempt(where, keyOf, problems, () =>
                updateAgreementIndicatorTx(tx, ctx, governmentId, agreementId, op.rowId, body),
              )
            );
          })();
    for (const w of result?.warnings ?? []) {
      const path = w.path.split('.').slice(1);
      const text = { id: w.message, en: w.message };
      warnings.push(
        at(where, path[0] === 'quarters' ? (path[1] ?? null) : path[0] === 'annual' ? 'annual' : null, text),
      );
    }
  }
  return { problems, warnings };
}

async function lockedAgreementState(tx: Tx, governmentId: string, agreementId: string) {
  await repo.lockAgreement(tx, governmentId, agreementId);
  const s = await agreementState(tx, governmentId, agreementId);
  if (!s.agreement.is_current || s.agreement.status !== 'draft') throw new AppError('AGREEMENT_LOCKED');
  await repo.lockPlan(tx, governmentId, s.agreement.plan_id);
  const versions = digest([
    ...(await xrepo.agreementVersionLines(tx, agreementId)),
    ...(await xrepo.planVersionLines(tx, s.agreement.plan_id)),
  ]);
  return { s, versions };
}

export async function previewAgreementImport(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  agreementId: string;
  bytes: Uint8Array;
}): Promise<ImportPreview> {
  authorize(opts.ctx.actor, 'plans.manage', opts.governmentId);
  const { db, ctx, governmentId, agreementId } = opts;
  const agreement = await repo.getAgreement(db, governmentId, agreementId);
  if (!agreement) throw notFound();
  if (!agreement.is_current || agreement.status !== 'draft') throw new AppError('AGREEMENT_LOCKED');
  const parsed = await parseAgreementUpload(opts.bytes);
  if (parsed.problems.length > 0) throw new ImportInvalid(parsed.problems);
  const outcome = await trial(db, async (tx) => {
    const { s, versions } = await lockedAgreementState(tx, governmentId, agreementId);
    const planned = planAgreementImport(s, parsed.payload);
    if (planned.problems.length > 0) return { ...planned, versions, warnings: [] as CellProblem[] };
    const run = await runAgreementImport(tx, ctx, governmentId, agreementId, parsed.payload, planned.ops);
    return { ...planned, problems: run.problems, warnings: run.warnings, versions };
  });
  if (outcome.problems.length > 0) throw new ImportInvalid(outcome.problems);
  return storePreview(db, ctx, {
    governmentId,
    kind: 'agreement',
    targetId: agreementId,
    versions: outcome.versions,
    payload: parsed.payload,
    changes: outcome.changes,
    summary: outcome.summary,
    warnings: outcome.warnings,
  });
}

export async function applyAgreementImport(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  agreementId: string;
  input: z.infer<typeof applyImportBody>;
}): Promise<ImportApplied> {
  authorize(opts.ctx.actor, 'plans.manage', opts.governmentId);
  const { ctx, governmentId, agreementId } = opts;
  return opts.db.transaction(async (tx) => {
    const preview = await takePreview(tx, ctx, governmentId, opts.input.token, 'agreement', agreementId);
    const { s, versions } = await lockedAgreementState(tx, governmentId, agreementId);
    if (versions !== preview.versions) throw new AppError('IMPORT_STALE');
    const payload = preview.payload as AgreementPayload;
    const planned = planAgreementImport(s, payload);
    if (planned.problems.length > 0) throw new ImportInvalid(planned.problems);
    const mark = await auditMark(tx);
    const run = await runAgreementImport(tx, ctx, governmentId, agreementId, payload, planned.ops);
    if (run.problems.length > 0) throw new ImportInvalid(run.problems);
    await xrepo.markApplied(tx, preview.id);
    await recordAudit(tx, ctx, {
      governmentId,
      action: 'performance_agreement.import',
      entityType: 'performance_agreement',
      entityId: agreementId,
      after: { token: preview.id, summary: planned.summary },
    });
    return { summary: planned.summary, auditRecords: await auditCountSince(tx, governmentId, mark) };
  });
}
