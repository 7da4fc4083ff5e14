import { z } from 'zod';

// Excel in and out for a Renstra and for the targets of a Perjanjian Kinerja: a download that is
// both the export and the template, then upload → validate → preview → apply. The preview lists
// exactly what would change; apply takes its token and changes all of it in one transaction, or
// nothing.

/** Media type of every workbook the server hands out. */
export const xlsxMediaType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** How long a preview can be applied, in minutes. */
export const importPreviewMinutes = 30;

/** One invalid cell (or a problem of a whole row or sheet: column ''; of a whole sheet: row 0). */
export const importProblem = z.object({
  sheet: z.string(),
  /** 1-based, as Excel shows it. */
  row: z.number().int(),
  /** Letter as Excel shows it. */
  column: z.string(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof importProblem>;

/** The 400 answer of a preview (or an apply) when the file has errors: every one of them. */
export const importProblems = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
  problems: z.array(importProblem),
});

export const importEntities = ['node', 'indicator', 'agreement_indicator', 'budget'] as const;

export const importFieldChange = z.object({
  /** Column header as in the template, e.g. "Target 2025". */
  field: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});

export const importChange = z.object({
  sheet: z.string(),
  row: z.number().int(),
  entity: z.enum(importEntities),
  action: z.enum(['create', 'update']),
  /** The code (or, without one, the name) that identifies the row. */
  key: z.string(),
  name: z.string(),
  /** For an update: each field that changes, old → new; for a create: every field given. */
  fields: z.array(importFieldChange),
});
export type ImportChange = z.infer<typeof importChange>;

export const importSummary = z.object({
  entity: z.enum(importEntities),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Present in the system but not in the file: left as they are (never deactivated or removed). */
  notInFile: z.number().int(),
});

export const importPreview = z.object({
  token: z.uuid(),
  expiresAt: z.string(),
  changes: z.array(importChange),
  summary: z.array(importSummary),
  /** Not errors: e.g. quarterly targets that do not add up to the annual target. */
  warnings: z.array(importProblem),
  /** What the import does not do, in the request's language. */
  notes: z.array(z.string()),
});
export type ImportPreview = z.infer<typeof importPreview>;

export const applyImportBody = z.strictObject({ token: z.uuid() });

export const importApplied = z.object({
  summary: z.array(importSummary),
  /** Audit records written. */
  auditRecords: z.number().int(),
});
export type ImportApplied = z.infer<typeof importApplied>;
