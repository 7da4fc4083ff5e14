import type { ImportApplied, ImportChange, ImportPreview, ImportProblem } from '@sidakin/core';
import { ApiError, api, govPath } from '../lib/api';
import { i18n } from '../lib/i18n';
import { govKey } from '../lib/query';
import { agreementPath, agreementsKey, planPath, plansKey } from '../plans/queries';
import {
  type ImportFieldChange,
  type ImportPreviewView,
  ImportProblems,
  type ImportResultView,
  type ImportRowChange,
  type ImportTarget,
} from './model';
import { postImport } from './request';

// One adapter per import target, each giving the wizard the same `ImportTarget`.

// ── Renstra and Perjanjian Kinerja: preview with a token, apply the token ─────────────────────

/** Columns of the plan and PK workbooks that hold numbers (targets, baseline, valid range, pagu). */
const numericColumn = /^(Target \d{4}|Target Tahunan|T[1-4]|Baseline|Nilai (Minimum|Maksimum) Valid|Pagu \(Rp\))$/;

function fromPlanChange(c: ImportChange): ImportRowChange {
  return {
    sheet: c.sheet,
    row: c.row,
    entity: c.entity,
    action: c.action,
    key: c.key,
    name: c.name,
    fields: c.fields.map((f) => ({ ...f, numeric: numericColumn.test(f.field) })),
  };
}

function fromPlanPreview(p: ImportPreview): ImportPreviewView {
  return {
    token: p.token,
    expiresAt: p.expiresAt,
    changes: p.changes.map(fromPlanChange),
    summary: p.summary.map((s) => ({ ...s })),
    warnings: p.warnings,
    notes: p.notes,
  };
}

function tokenTarget(path: (rest: string) => string, invalidate: ImportTarget['invalidate']): ImportTarget {
  return {
    templateUrl: `/api${path('/excel')}`,
    preview: async (file) => fromPlanPreview(await postImport<ImportPreview>(path('/excel/preview'), { file })),
    apply: async (preview) => {
      const done = await postImport<ImportApplied>(path('/excel/apply'), { json: { token: preview.token } });
      return { summary: done.summary.map((s) => ({ ...s })), auditRecords: done.auditRecords };
    },
    invalidate,
  };
}

/** Excel import of a Renstra: its tree, indicators and yearly targets. */
export function planImport(governmentId: string, planId: string): ImportTarget {
  // Agreements read the plan (indicator names, units), so both are refreshed.
  return tokenTarget(
    (rest) => planPath(governmentId, planId, rest),
    [plansKey(governmentId), agreementsKey(governmentId)],
  );
}

/** Excel import of a Perjanjian Kinerja's targets (annual, T1–T4) and pagu; only while it is a current draft. */
export function agreementImport(governmentId: string, agreementId: string): ImportTarget {
  return tokenTarget((rest) => agreementPath(governmentId, agreementId, rest), [agreementsKey(governmentId)]);
}

// ── Collection form: preview and apply both send the file (see collection.import.ts) ──────────

/** The template's only sheet; the server's changes do not name it. */
const collectionSheet = 'Realisasi';

interface CollectionChange {
  row: number;
  name: string;
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
interface CollectionPreview {
  valid: boolean;
  problems: ImportProblem[];
  changes: CollectionChange[];
  unchanged: number;
}
interface CollectionApplied {
  applied: number;
  unchanged: number;
  changes: CollectionChange[];
}

/** Column headers of the collection template, as the workbook shows them. */
const collectionColumns = {
  actual: 'Realisasi',
  budgetSpent: 'Realisasi Anggaran (Rp)',
  supportingFactors: 'Faktor Pendukung',
  inhibitingFactors: 'Faktor Penghambat',
  followUp: 'Tindak Lanjut',
  reason: 'Alasan Perubahan',
} as const;

function fromCollectionChange(c: CollectionChange): ImportRowChange {
  const fields: ImportFieldChange[] = [];
  const number = (key: 'actual' | 'budgetSpent') => {
    const before = c.old ? c.old[key] : null;
    const after = c.new[key];
    if (before !== after && !(c.old === null && after === null)) {
      fields.push({ field: collectionColumns[key], before, after, numeric: true });
    }
  };
  number('actual');
  number('budgetSpent');
  // The server does not report the old texts, so these show what will be stored.
  for (const key of ['supportingFactors', 'inhibitingFactors', 'followUp', 'reason'] as const) {
    if (c.new[key]) fields.push({ field: collectionColumns[key], after: c.new[key], numeric: false });
  }
  return {
    sheet: collectionSheet,
    row: c.row,
    entity: 'value',
    action: c.old ? 'update' : 'create',
    key: '',
    name: c.name,
    fields,
  };
}

function collectionCount(changes: CollectionChange[], unchanged: number) {
  const created = changes.filter((c) => c.old === null).length;
  return [{ entity: 'value' as const, created, updated: changes.length - created, unchanged, notInFile: null }];
}

/** `file.Realisasi!H7` → the cell; any other path is not a cell. */
function cellOf(path: string, message: string): ImportProblem | null {
  const m = /^file\.(.+)!([A-Z]+)(\d+)$/.exec(path);
  return m ? { sheet: m[1] ?? '', column: m[2] ?? '', row: Number(m[3]), message } : null;
}

/** A VALIDATION answer naming cells becomes `ImportProblems`; one about the whole file is a refusal. */
function collectionError(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION' || error.details.length === 0) return error;
  const cells = error.details.map((d) => cellOf(d.path, d.message));
  if (cells.every((c) => c !== null)) return new ImportProblems(error.message, cells as ImportProblem[]);
  const file = error.details.find((d) => d.path === 'file');
  return file ? new ApiError({ status: error.status, code: 'WORKBOOK_REFUSED', message: file.message }) : error;
}

/**
 * Excel entry of a collection form (realisasi, budget spent, factors) for one period and unit.
 * `unit` is a unit id, or 'agency' for the agency-level form. Use it with the wizard (both from
 * './ImportWizard'):
 *
 *   <ImportWizard target={collectionImport(governmentId, periodId, unit)} opened={open} onClose={…}
 *     subject="Triwulan III 2026 — Bidang …" />
 *
 * or `<ExcelActions target={…} canImport={mayEnter} subject="…" />` for "Unduh Excel" (the template)
 * and "Impor Excel" (the button and the wizard), e.g. in a page header. Apply sends the same file
 * again; a value changed since the template was downloaded comes back as a problem on its row.
 * After an apply every query of the government is refreshed; to refresh less, override it:
 * `{ ...collectionImport(…), invalidate: [yourFormKey] }`.
 */
export function collectionImport(governmentId: string, periodId: string, unit: string): ImportTarget {
  const path = govPath(governmentId, `/collection-periods/${periodId}/forms/${unit}`);
  const upload = async <T>(mode: 'preview' | 'apply', file: File) => {
    try {
      return await api.upload<T>(`${path}/import?mode=${mode}`, file);
    } catch (error) {
      throw collectionError(error);
    }
  };
  return {
    templateUrl: `/api${path}/template`,
    preview: async (file) => {
      const p = await upload<CollectionPreview>('preview', file);
      if (!p.valid)
        throw new ImportProblems(i18n.t('imports.problems.title', { count: p.problems.length }), p.problems);
      return {
        token: null,
        expiresAt: null,
        changes: p.changes.map(fromCollectionChange),
        summary: collectionCount(p.changes, p.unchanged),
        warnings: [],
        notes: [],
      } satisfies ImportPreviewView;
    },
    apply: async (_preview, file) => {
      const done = await upload<CollectionApplied>('apply', file);
      return { summary: collectionCount(done.changes, done.unchanged), auditRecords: null } satisfies ImportResultView;
    },
    invalidate: [govKey(governmentId)],
  };
}
