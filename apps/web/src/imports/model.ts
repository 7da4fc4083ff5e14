import type { ImportProblem, Locale } from '@sidakin/core';
import { formatIndonesianNumber } from '@sidakin/core';
import type { QueryKey } from '@tanstack/react-query';

// The one shape the import wizard works with. The server answers in two shapes (the plans'
// token-based preview and the collection form's re-upload); the adapters in adapters.ts turn
// each into this.

export type { ImportProblem };

/** What a changed row is, for the summary and the badges. */
export type ImportEntity = 'node' | 'indicator' | 'agreement_indicator' | 'budget' | 'value';

export interface ImportFieldChange {
  /** Column header as in the workbook, e.g. "Target 2025". */
  field: string;
  /** Undefined when the server does not report the old value: only the new one is shown. */
  before?: string | null;
  after: string | null;
  /** A plain decimal ("8.25", ranges "80 - 90"), shown in the person's number format. */
  numeric: boolean;
}

export interface ImportRowChange {
  sheet: string;
  /** 1-based, as Excel shows it. */
  row: number;
  entity: ImportEntity;
  action: 'create' | 'update';
  /** The code that identifies the row ('' when the server names the row only). */
  key: string;
  name: string;
  fields: ImportFieldChange[];
}

export interface ImportCount {
  entity: ImportEntity;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows in the system that the file leaves out (left as they are); null when not reported. */
  notInFile: number | null;
}

export interface ImportPreviewView {
  /** The token that apply takes; null when apply sends the file again. */
  token: string | null;
  /** ISO time after which the preview can no longer be applied; null when it does not expire. */
  expiresAt: string | null;
  changes: ImportRowChange[];
  summary: ImportCount[];
  /** Not errors, but worth a look (e.g. quarters that do not add up to the year). */
  warnings: ImportProblem[];
  /** What the import does not do, in the person's language. */
  notes: string[];
}

export interface ImportResultView {
  summary: ImportCount[];
  /** Audit records written; null when not reported. */
  auditRecords: number | null;
}

/** One import target as the wizard sees it; made by `planImport`, `agreementImport` or `collectionImport`. */
export interface ImportTarget {
  /** A plain link (the session cookie goes with it) to the workbook, which is also the template. */
  templateUrl: string;
  /** Checks the file and says what it would change; throws `ImportProblems` when cells are invalid. */
  preview: (file: File) => Promise<ImportPreviewView>;
  /** Applies a preview (all or nothing); throws `ImportProblems` or an ApiError (409 stale, 404 expired). */
  apply: (preview: ImportPreviewView, file: File) => Promise<ImportResultView>;
  /** Query keys to refetch after an apply. */
  invalidate: QueryKey[];
}

/** The file has invalid cells: each one, with sheet, row and column. Nothing was applied. */
export class ImportProblems extends Error {
  readonly problems: ImportProblem[];
  constructor(message: string, problems: ImportProblem[]) {
    super(message);
    this.name = 'ImportProblems';
    this.problems = problems;
  }
}

const plainDecimal = /^-?\d+(\.\d+)?$/;

/** A value of a numeric column in the person's format ("8.25" → "8,25"); a range side by side. */
export function formatImportValue(value: string | null | undefined, numeric: boolean, locale: Locale): string {
  if (value === null || value === undefined || value === '') return '—';
  if (!numeric) return value;
  const sides = value.split(' - ');
  if (!sides.every((s) => plainDecimal.test(s))) return value;
  const shown = sides.map((s) => {
    const id = formatIndonesianNumber(s, s.split('.')[1]?.length ?? 0);
    return locale === 'en' ? id.replace(/[.,]/g, (c) => (c === '.' ? ',' : '.')) : id;
  });
  return shown.join(' – ');
}

/** Problems as a person walks the workbook: sheets in the server's order, then by row and column. */
export function sortProblems(problems: ImportProblem[]): ImportProblem[] {
  const sheets = [...new Set(problems.map((p) => p.sheet))];
  return [...problems].sort(
    (a, b) =>
      sheets.indexOf(a.sheet) - sheets.indexOf(b.sheet) ||
      a.row - b.row ||
      a.column.length - b.column.length ||
      a.column.localeCompare(b.column),
  );
}
