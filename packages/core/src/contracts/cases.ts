import { z } from 'zod';
import { taskAttachment, taskAttachmentInput } from './files.js';

export const caseStatuses = ['open', 'completed', 'cancelled'] as const;
export const taskOutcomes = ['done', 'ya', 'tidak'] as const;

export const startCaseBody = z.strictObject({
  sopId: z.uuid(),
  /** The units the case is about (each Bidang for a collection; the Bidang whose data is corrected). */
  unitIds: z.array(z.uuid()).max(100).default([]),
  period: z.string().trim().max(50).default(''),
  subject: z.string().trim().min(1).max(300),
});

export const completeTaskBody = z
  .strictObject({
    outcome: z.enum(taskOutcomes),
    comment: z.string().trim().max(4000).default(''),
    /** Required for "tidak": why it goes back. */
    reason: z.string().trim().max(4000).optional(),
    /** On a return into per-unit steps: only these units work again (default: all in scope). */
    unitIds: z.array(z.uuid()).max(100).optional(),
    /** Uploaded files (or documents the system produced) that are this step's outputs. */
    attachments: z.array(taskAttachmentInput).max(20).default([]),
  })
  .refine((b) => b.outcome !== 'tidak' || (b.reason?.length ?? 0) > 0, {
    message: 'Alasan wajib diisi bila dikembalikan (tidak)',
    path: ['reason'],
  });

export const cancelCaseBody = z.strictObject({ reason: z.string().trim().min(1).max(4000) });

/** Hands an open task to other positions of the SOP's agency (e.g. when the holder is away), with a reason. */
export const reassignTaskBody = z.strictObject({
  positionIds: z.array(z.uuid()).min(1).max(20),
  reason: z.string().trim().min(1).max(4000),
});

export const caseTask = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  stepNo: z.number().int(),
  stepText: z.string(),
  action: z.string(),
  laneTitles: z.array(z.string()),
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  round: z.number().int(),
  status: z.enum(['open', 'done', 'cancelled']),
  outcome: z.enum(taskOutcomes).nullable(),
  allowedOutcomes: z.array(z.enum(taskOutcomes)),
  assignees: z.array(z.object({ positionId: z.uuid(), positionName: z.string() })),
  openedAt: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  /** Open and close to its due time (the last quarter of its mutu baku, at least 30 minutes): a reminder. */
  dueSoon: z.boolean(),
  /** Mutu baku in working minutes (null when the step has no time). */
  standardMinutes: z.number().int().nullable(),
  /** Working minutes from opening to completion (or until now while open). */
  actualMinutes: z.number().int(),
  completedAt: z.string().nullable(),
  completedByName: z.string().nullable(),
  completedByPositionName: z.string().nullable(),
  comment: z.string(),
  reason: z.string(),
  attachments: z.array(taskAttachment),
});
export type CaseTask = z.infer<typeof caseTask>;

export const caseSummary = z.object({
  id: z.uuid(),
  number: z.number().int(),
  subject: z.string(),
  period: z.string(),
  status: z.enum(caseStatuses),
  sopId: z.uuid(),
  sopTitle: z.string(),
  sopVersion: z.number().int(),
  sopVersionId: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  unitIds: z.array(z.uuid()),
  startedAt: z.string(),
  startedByUserId: z.uuid().nullable(),
  closedAt: z.string().nullable(),
  openTasks: z.number().int(),
  /** What the case works on, e.g. `{ kind: 'collection_period', id }`; null for a free-standing case. */
  link: z.object({ kind: z.string(), id: z.uuid() }).nullable(),
});
export type CaseSummary = z.infer<typeof caseSummary>;

export const caseEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.enum(['start', 'complete', 'return', 'reassign', 'cancel']),
  taskId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  actorPositionName: z.string().nullable(),
  comment: z.string(),
  data: z.unknown(),
});

export const caseDetail = caseSummary.extend({
  tasks: z.array(caseTask),
  events: z.array(caseEvent),
  cancelReason: z.string().nullable(),
});

export const inboxItem = caseTask.extend({
  caseNumber: z.number().int(),
  caseSubject: z.string(),
  sopTitle: z.string(),
});

export const caseListQuery = z.strictObject({
  status: z.enum([...caseStatuses, 'all']).default('open'),
  sopId: z.uuid().optional(),
  /** Only the cases linked to this subject (both together). */
  linkKind: z.string().max(40).optional(),
  linkId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const inboxQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});
export const caseTaskParams = z.strictObject({ governmentId: z.uuid(), id: z.uuid(), taskId: z.uuid() });

/** Service level of an SOP: per step, actual working time against its mutu baku, over all cases. */
export const sopServiceLevel = z.object({
  cases: z.number().int(),
  completedCases: z.number().int(),
  returns: z.number().int(),
  steps: z.array(
    z.object({
      stepNo: z.number().int(),
      text: z.string(),
      standardMinutes: z.number().int().nullable(),
      completed: z.number().int(),
      averageMinutes: z.number().nullable(),
      maxMinutes: z.number().int().nullable(),
      overLimit: z.number().int(),
      returnsFromHere: z.number().int(),
      openOverdue: z.number().int(),
    }),
  ),
  /** Step numbers, slowest first (by average against standard). */
  slowest: z.array(z.number().int()),
});
