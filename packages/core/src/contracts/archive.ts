import { z } from 'zod';
import { limits, pageOf } from './common.js';

export const archiveSources = ['document', 'case'] as const;

export const archiveListQuery = z.strictObject({
  /** Free text: title, number, kind, agency, signers, subject. */
  q: z.string().trim().max(200).optional(),
  agencyId: z.uuid().optional(),
  source: z.enum(archiveSources).optional(),
  kind: z.string().trim().max(limits.code).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** A period code of the year (q1–q4, m01–m12) or a case's free period text. */
  period: z.string().trim().max(40).optional(),
  number: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(20),
});
export type ArchiveListQuery = z.infer<typeof archiveListQuery>;

export const archiveEntry = z.object({
  id: z.uuid(),
  source: z.enum(archiveSources),
  agencyId: z.uuid(),
  agencyName: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  number: z.string(),
  title: z.string(),
  year: z.number().int().nullable(),
  period: z.string(),
  documentDate: z.string().nullable(),
  retentionClass: z.string(),
  retentionLabel: z.string(),
  retainUntil: z.string().nullable(),
  signedDocumentId: z.uuid().nullable(),
  verificationCode: z.string().nullable(),
  caseId: z.uuid().nullable(),
  caseNumber: z.number().int().nullable(),
  fileId: z.uuid().nullable(),
  archivedAt: z.string(),
  archivedByName: z.string(),
});
export type ArchiveEntry = z.infer<typeof archiveEntry>;
export const archivePage = pageOf(archiveEntry);

export const archiveKinds = z.object({
  items: z.array(z.object({ kind: z.string(), kindLabel: z.string(), count: z.number().int() })),
});

export const caseDossierParams = z.strictObject({ governmentId: z.uuid(), caseId: z.uuid() });
