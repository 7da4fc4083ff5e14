import { type CollectionRow, compareDecimals, type Locale } from '@sidakin/core';
import type { Database, Queryable } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import { authorize } from '../../http/access.js';
import type { RequestContext } from '../../http/context.js';
import { WorkbookRefused } from '../../xlsx/inspect.js';
import { type ColumnSpec, columnLetter, readWorkbook } from '../../xlsx/read.js';
import { buildWorkbook, type ExportSheet } from '../../xlsx/write.js';
import * as repo from './collection.repo.js';
import { formOf, notifyValuesChanged, saveValueRights, saveValueTx } from './collection.service.js';

/**
 * Excel for data entry: a template per unit and period, then upload → validate (every bad cell
 * with its sheet, row and column) → preview (old → new per value) → apply (all or nothing, each
 * row's version checked again, so a value changed since the download is a 409, never overwritten).
 */
const SHEET = 'Realisasi';
type Key =
  | 'id'
  | 'code'
  | 'name'
  | 'uom'
  | 'target'
  | 'version'
  | 'actual'
  | 'budget'
  | 'support'
  | 'inhibit'
  | 'follow'
  | 'reason';

const columns: (ColumnSpec<Key> & { width: number; note?: string })[] = [
  { key: 'id', header: 'ID Indikator', type: 'text', required: true, width: 38, note: 'Jangan diubah' },
  { key: 'code', header: 'Kode', type: 'text', width: 12 },
  { key: 'name', header: 'Indikator', type: 'text', width: 50 },
  { key: 'uom', header: 'Satuan', type: 'text', width: 10 },
  { key: 'target', header: 'Target', type: 'text', width: 12 },
  {
    key: 'version',
    header: 'Versi',
    type: 'integer',
    required: true,
    width: 8,
    note: 'Versi saat templat diunduh; jangan diubah',
  },
  { key: 'actual', header: 'Realisasi', type: 'number', width: 14 },
  { key: 'budget', header: 'Realisasi Anggaran (Rp)', type: 'number', width: 20 },
  { key: 'support', header: 'Faktor Pendukung', type: 'text', maxLength: 2000, width: 30 },
  { key: 'inhibit', header: 'Faktor Penghambat', type: 'text', maxLength: 2000, width: 30 },
  { key: 'follow', header: 'Tindak Lanjut', type: 'text', maxLength: 2000, width: 30 },
  { key: 'reason', header: 'Alasan Perubahan', type: 'text', maxLength: 500, width: 30 },
];

const targetText = (t: CollectionRow['target']) => (!t ? '' : t.value !== null ? t.value : `${t.low}–${t.high}`);

async function requireForm(db: Queryable, governmentId: string, periodId: string, unit: string, locale: Locale) {
  const p = await repo.getPeriod(db, governmentId, periodId);
  if (!p) throw notFound();
  const unitId = unit === 'agency' ? null : unit;
  return { period: p, unitId, form: await formOf(db, p, unitId, locale) };
}

export async function formTemplate(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  periodId: string;
  unit: string;
}): Promise<{ bytes: Buffer; fileName: string }> {
  authorize(opts.ctx.actor, 'collection.read', opts.governmentId);
  const { period, form } = await requireForm(opts.db, opts.governmentId, opts.periodId, opts.unit, opts.ctx.locale);
  const rows = [...form.rows, ...form.individualRows];
  const sheet: ExportSheet<CollectionRow> = {
    name: SHEET,
    title: [
      `Formulir Realisasi Kinerja — ${form.submission.unitName}`,
      `${period.agency_name} · ${period.label}`,
      'Isi kolom Realisasi dan seterusnya; jangan ubah kolom ID Indikator dan Versi.',
    ],
    columns: columns.map((c) => ({
      header: c.header,
      width: c.width,
      ...(c.note ? { note: c.note } : {}),
      ...(c.key === 'actual' || c.key === 'budget' || c.key === 'version' ? { type: 'number' as const } : {}),
      ...(c.key === 'actual' || c.key === 'budget' ? { decimals: 2 } : {}),
      value: (r: CollectionRow) =>
        ({
          id: r.indicatorId ?? r.individualIndicatorId,
          code: r.code,
          name: r.name,
          uom: r.unitOfMeasure,
          target: targetText(r.target),
          version: r.version,
          actual: r.actual,
          budget: r.budgetSpent,
          support: r.supportingFactors,
          inhibit: r.inhibitingFactors,
          follow: r.followUp,
          reason: '',
        })[c.key],
    })),
    rows,
  };
  const bytes = await buildWorkbook([sheet as ExportSheet<unknown>], {
    creator: 'SIDAKIN',
    title: `Formulir ${period.label}`,
  });
  return { bytes, fileName: `Formulir Realisasi ${form.submission.unitName} ${period.label}.xlsx` };
}

export interface ImportProblem {
  sheet: string;
  row: number;
  column: string;
  message: string;
}
interface Change {
  row: number;
  indicatorId: string | null;
  individualIndicatorId: string | null;
  name: string;
  baseVersion: number;
  old: { version: number; actual: string | null; budgetSpent: string | null } | null;
  new: {
    actual: string;
    budgetSpent: string | null;
    supportingFactors: string;
    inhibitingFactors: string;
    followUp: string;
    reason: string;
  };
}

async function validate(
  db: Queryable,
  governmentId: string,
  periodId: string,
  unit: string,
  bytes: Uint8Array,
  locale: Locale,
) {
  const loaded = await requireForm(db, governmentId, periodId, unit, locale);
  let read: Awaited<ReturnType<typeof readWorkbook<Key>>>;
  try {
    read = await readWorkbook<Key>(bytes, [{ sheet: SHEET, columns }]);
  } catch (err) {
    if (err instanceof WorkbookRefused) {
      throw new AppError('VALIDATION', { details: [{ path: 'file', message: err.text }] });
    }
    throw err;
  }
  const problems: ImportProblem[] = read.problems.map((p) => ({ ...p, message: p.message[locale] }));
  const rows = [...loaded.form.rows, ...loaded.form.individualRows];
  const byId = new Map(rows.map((r) => [r.indicatorId ?? r.individualIndicatorId, r]));
  const colOf = (k: Key) => columnLetter(columns.findIndex((c) => c.key === k) + 1);
  const changes: Change[] = [];
  const seen = new Set<string>();
  let unchanged = 0;
  for (const r of read.sheets[SHEET] ?? []) {
    const v = r.values;
    const problem = (k: Key, id: string, en: string) =>
      problems.push({ sheet: SHEET, row: r.row, column: colOf(k), message: locale === 'en' ? en : id });
    const row = v.id ? byId.get(v.id) : undefined;
    if (!row) {
      problem('id', 'ID indikator tidak ada pada formulir unit ini', 'The indicator ID is not on this unit’s form');
      continue;
    }
    if (seen.has(v.id!)) {
      problem('id', 'Indikator ini muncul lebih dari sekali', 'This indicator appears more than once');
      continue;
    }
    seen.add(v.id!);
    if (v.actual === null) {
      if (v.budget !== null)
        problem('actual', 'Isi realisasi bila realisasi anggaran diisi', 'Give the actual value with the budget spent');
      continue;
    }
    if (v.budget?.startsWith('-')) {
      problem('budget', 'Realisasi anggaran tidak boleh negatif', 'Budget spent cannot be negative');
    }
    const next = {
      actual: v.actual,
      budgetSpent: v.budget ?? row.budgetSpent,
      supportingFactors: v.support ?? row.supportingFactors,
      inhibitingFactors: v.inhibit ?? row.inhibitingFactors,
      followUp: v.follow ?? row.followUp,
      reason: v.reason ?? '',
    };
    const same =
      row.actual !== null &&
      compareDecimals(row.actual, next.actual) === 0 &&
      (row.budgetSpent ?? '') === (next.budgetSpent ?? '') &&
      row.supportingFactors === next.supportingFactors &&
      row.inhibitingFactors === next.inhibitingFactors &&
      row.followUp === next.followUp;
    if (same) {
      unchanged++;
      continue;
    }
    const baseVersion = Number(v.version ?? '0');
    if (baseVersion !== row.version) {
      problem(
        'version',
        `Nilai ini sudah berubah menjadi versi ${row.version} sejak templat diunduh (tersimpan: ${row.actual ?? '–'})`,
        `This value has changed to version ${row.version} since the template was downloaded (stored: ${row.actual ?? '–'})`,
      );
      continue;
    }
    changes.push({
      row: r.row,
      indicatorId: row.indicatorId,
      individualIndicatorId: row.individualIndicatorId,
      name: row.name,
      baseVersion,
      old: row.version > 0 ? { version: row.version, actual: row.actual, budgetSpent: row.budgetSpent } : null,
      new: next,
    });
  }
  return { ...loaded, problems, changes, unchanged };
}

/** What an upload would change, without changing anything. */
export async function previewImport(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  periodId: string;
  unit: string;
  bytes: Uint8Array;
}) {
  authorize(opts.ctx.actor, 'collection.enter', opts.governmentId);
  const v = await validate(opts.db, opts.governmentId, opts.periodId, opts.unit, opts.bytes, opts.ctx.locale);
  return { valid: v.problems.length === 0, problems: v.problems, changes: v.changes, unchanged: v.unchanged };
}

/** Applies an upload: nothing when any cell is invalid; every change as a new version. */
export async function applyImport(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  periodId: string;
  unit: string;
  bytes: Uint8Array;
}) {
  const actor = authorize(opts.ctx.actor, 'collection.enter', opts.governmentId);
  return opts.db.transaction(async (tx) => {
    const v = await validate(tx, opts.governmentId, opts.periodId, opts.unit, opts.bytes, opts.ctx.locale);
    if (v.problems.length) {
      throw new AppError('VALIDATION', {
        details: v.problems.map((p) => ({ path: `file.${p.sheet}!${p.column}${p.row}`, message: p.message })),
      });
    }
    const period = (await repo.getPeriod(tx, opts.governmentId, opts.periodId, true))!;
    await saveValueRights(tx, actor, period, v.unitId);
    for (const c of v.changes) {
      await saveValueTx(
        tx,
        opts.ctx,
        actor,
        period,
        { indicatorId: c.indicatorId, individualIndicatorId: c.individualIndicatorId, unitId: v.unitId },
        {
          ...(c.indicatorId ? { indicatorId: c.indicatorId } : { individualIndicatorId: c.individualIndicatorId! }),
          unitId: v.unitId,
          actual: c.new.actual,
          budgetSpent: c.new.budgetSpent,
          supportingFactors: c.new.supportingFactors,
          inhibitingFactors: c.new.inhibitingFactors,
          followUp: c.new.followUp,
          reason: c.new.reason || 'Impor Excel',
          baseVersion: c.baseVersion,
        },
        'import',
      );
    }
    if (v.changes.length) await notifyValuesChanged(tx, opts.ctx, period, `${period.label}: impor Excel`);
    return { applied: v.changes.length, unchanged: v.unchanged, changes: v.changes };
  });
}
