import { z } from 'zod';
import { code, isoDate, limits, listQuery, name, pageOf } from './common.js';

/** Numbering patterns per agency and document kind, and the buku agenda of every number given. */
export const numberPatternText = z.string().trim().min(1).max(120);

export const numberingPattern = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  kind: z.string(),
  label: z.string(),
  pattern: z.string(),
  active: z.boolean(),
  /** The number the next document of this kind would get today (nothing is taken by showing it). */
  nextNumber: z.string(),
  /** Running numbers given this year. */
  usedThisYear: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type NumberingPattern = z.infer<typeof numberingPattern>;

export const createNumberingPatternBody = z.strictObject({
  agencyId: z.uuid(),
  kind: code,
  label: name,
  pattern: numberPatternText,
});
export const updateNumberingPatternBody = z
  .strictObject({
    label: name,
    pattern: numberPatternText,
    active: z.boolean(),
    expectedUpdatedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .partial();
export const numberingPatternListQuery = z.strictObject({ agencyId: z.uuid().optional() });

export const agendaStatuses = ['active', 'void'] as const;

/** One line of the buku agenda: a number given, what it was for, by whom; void ones stay. */
export const agendaEntry = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  year: z.number().int(),
  sequence: z.number().int(),
  number: z.string(),
  entryDate: z.string(),
  subject: z.string(),
  counterpart: z.string(),
  note: z.string(),
  link: z.object({ kind: z.string(), id: z.uuid() }).nullable(),
  caseId: z.uuid().nullable(),
  status: z.enum(agendaStatuses),
  voidReason: z.string(),
  voidedAt: z.string().nullable(),
  voidedByName: z.string().nullable(),
  createdByName: z.string(),
  createdByPosition: z.string().nullable(),
  createdAt: z.string(),
});
export type AgendaEntry = z.infer<typeof agendaEntry>;
export const agendaPage = pageOf(agendaEntry);

export const allocateNumberBody = z.strictObject({
  agencyId: z.uuid(),
  kind: code,
  /** The date the letter carries; today (in the government's time zone) when absent. */
  entryDate: isoDate.optional(),
  /** Perihal. */
  subject: z.string().trim().min(1).max(limits.text),
  /** Kepada (addressee) of an outgoing document, or Dari (origin) of an incoming one. */
  counterpart: z.string().trim().max(limits.name).default(''),
  note: z.string().trim().max(limits.text).default(''),
});

export const voidAgendaEntryBody = z.strictObject({ reason: z.string().trim().min(5).max(limits.text) });

export const agendaListQuery = listQuery.omit({ active: true }).extend({
  agencyId: z.uuid().optional(),
  kind: z.string().trim().max(limits.code).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  status: z.enum([...agendaStatuses, 'all']).default('all'),
});
export type AgendaListQuery = z.infer<typeof agendaListQuery>;
export const agendaExportQuery = agendaListQuery.omit({ page: true, pageSize: true });
