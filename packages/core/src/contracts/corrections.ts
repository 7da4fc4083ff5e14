import { z } from 'zod';
import { evidenceInput, evidenceItem } from './collection.js';
import { limits } from './common.js';
import { decimalInput } from './plans.js';

// Correction of validated (locked) performance data, run by a correction SOP: its scope, its
// items (a locked value → the proposed value, with reason, root cause and evidence), the
// decisions of the review steps, the meetings, the paraf given, and the signed document.

const text = (max: number = limits.text) => z.string().trim().min(1).max(max);

export const startCorrectionBody = z.strictObject({
  sopId: z.uuid(),
  /** The locked collection periods whose data is corrected (of one agency and year). */
  periodIds: z.array(z.uuid()).min(1).max(16),
  /** Units in scope (their values, and the SOP's lanes such as Kepala Bidang); none: the agency's own. */
  unitIds: z.array(z.uuid()).max(200).default([]),
  /** Only these indicators; none: every indicator. */
  indicatorIds: z.array(z.uuid()).max(500).default([]),
  /** Individual indicators (IKI) of these employees. */
  employeeIds: z.array(z.uuid()).max(500).default([]),
  subject: z.string().trim().min(1).max(limits.name).optional(),
});
export type StartCorrectionBody = z.infer<typeof startCorrectionBody>;

export const correctionItemStatuses = ['proposed', 'approved', 'returned', 'withdrawn', 'applied'] as const;

/** An item: which value (by its id, or by its slot when it was never entered), and what it becomes. */
export const proposeCorrectionItemBody = z.strictObject({
  valueId: z.uuid().optional(),
  periodId: z.uuid().optional(),
  indicatorId: z.uuid().optional(),
  individualIndicatorId: z.uuid().optional(),
  unitId: z.uuid().nullable().optional(),
  actual: decimalInput,
  /** The spending as corrected; absent: it stays as it is. */
  budgetSpent: decimalInput.nullable().optional(),
  reason: text(),
  rootCause: text(),
  /** Sidoarjo's "menghilangkan penyebab": the correction also removes the cause. */
  removesCause: z.boolean(),
  /** What removes the cause (required when `removesCause`). */
  causeAction: z.string().trim().max(limits.text).default(''),
  evidence: z.array(evidenceInput).max(20).default([]),
});
export type ProposeCorrectionItemBody = z.infer<typeof proposeCorrectionItemBody>;

export const reviseCorrectionItemBody = z.strictObject({
  actual: decimalInput.optional(),
  budgetSpent: decimalInput.nullable().optional(),
  reason: text().optional(),
  rootCause: text().optional(),
  removesCause: z.boolean().optional(),
  causeAction: z.string().trim().max(limits.text).optional(),
  /** The revision the change is based on; a stale one is refused (409). */
  baseRevision: z.number().int().min(1),
});
export const withdrawCorrectionItemBody = z.strictObject({ reason: text() });
export const addCorrectionEvidenceBody = z.strictObject({ evidence: evidenceInput });

export const correctionDecisionsBody = z.strictObject({
  decisions: z
    .array(
      z.strictObject({
        itemId: z.uuid(),
        decision: z.enum(['approve', 'return']),
        /** Required to return. */
        reason: z.string().trim().max(limits.text).optional(),
      }),
    )
    .min(1)
    .max(500),
});

export const correctionItemEvent = z.object({
  id: z.number().int(),
  action: z.enum(['propose', 'revise', 'approve', 'return', 'withdraw', 'evidence', 'apply']),
  stepNo: z.number().int().nullable(),
  revision: z.number().int(),
  reason: z.string(),
  data: z.unknown(),
  actorName: z.string(),
  actorPositionName: z.string().nullable(),
  at: z.string(),
});

export const correctionItem = z.object({
  id: z.uuid(),
  periodId: z.uuid(),
  periodLabel: z.string(),
  indicatorId: z.uuid().nullable(),
  individualIndicatorId: z.uuid().nullable(),
  unitId: z.uuid().nullable(),
  /** The agency, the unit, or the employee whose value it is. */
  ownerName: z.string(),
  indicatorCode: z.string(),
  indicatorName: z.string(),
  unitOfMeasure: z.string(),
  /** Decimals the indicator's figures are kept in. */
  decimals: z.number().int(),
  valueId: z.uuid().nullable(),
  baseVersion: z.number().int(),
  baseActual: z.string().nullable(),
  baseBudgetSpent: z.string().nullable(),
  /** The value's version now (it differs from `baseVersion` when it moved on since). */
  currentVersion: z.number().int(),
  proposedActual: z.string(),
  proposedBudgetSpent: z.string().nullable(),
  reason: z.string(),
  rootCause: z.string(),
  removesCause: z.boolean(),
  causeAction: z.string(),
  revision: z.number().int(),
  status: z.enum(correctionItemStatuses),
  /** The task whose review set the status (approve / return). */
  decidedTaskId: z.uuid().nullable(),
  returnedToStep: z.number().int().nullable(),
  returnReason: z.string().nullable(),
  appliedVersion: z.number().int().nullable(),
  appliedAt: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
  evidence: z.array(evidenceItem),
  events: z.array(correctionItemEvent),
});
export type CorrectionItem = z.infer<typeof correctionItem>;

export const meetingParticipant = z.object({
  employeeId: z.uuid(),
  name: z.string(),
  nip: z.string(),
  positionTitle: z.string(),
  invited: z.boolean(),
  present: z.boolean().nullable(),
});
export const correctionMeeting = z.object({
  id: z.uuid(),
  taskId: z.uuid(),
  stepNo: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  place: z.string(),
  agenda: z.string(),
  minutes: z.string(),
  decisions: z.string(),
  chairEmployeeId: z.uuid().nullable(),
  participants: z.array(meetingParticipant),
  invitationFileId: z.uuid().nullable(),
  minutesFileId: z.uuid().nullable(),
  updatedAt: z.string(),
});
export type CorrectionMeeting = z.infer<typeof correctionMeeting>;

export const createMeetingBody = z.strictObject({
  taskId: z.uuid(),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  place: text(300),
  agenda: text(),
  chairEmployeeId: z.uuid().optional(),
  invitees: z.array(z.uuid()).min(1).max(100),
});
export const updateMeetingBody = z.strictObject({
  startsAt: z.iso.datetime({ offset: true }).optional(),
  endsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  place: text(300).optional(),
  agenda: text().optional(),
  minutes: z.string().trim().max(20_000).optional(),
  decisions: z.string().trim().max(limits.text).optional(),
  /** Who came: every participant named once. */
  attendance: z
    .array(z.strictObject({ employeeId: z.uuid(), present: z.boolean() }))
    .max(100)
    .optional(),
  /** People who attended without an invitation. */
  addParticipants: z.array(z.uuid()).max(50).optional(),
  expectedUpdatedAt: z.iso.datetime({ offset: true }),
});

export const correctionParaf = z.object({
  id: z.uuid(),
  taskId: z.uuid(),
  stepNo: z.number().int(),
  name: z.string(),
  nip: z.string(),
  positionTitle: z.string(),
  acting: z.enum(['definitive', 'plt', 'plh']),
  at: z.string(),
});

export const correctionSigner = z.object({
  order: z.number().int(),
  name: z.string(),
  positionTitle: z.string(),
  positionId: z.uuid(),
  /** The signer's employee id, so a screen can tell whose turn it is. */
  employeeId: z.uuid().nullable(),
  signedAt: z.string().nullable(),
});

export const correction = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  caseNumber: z.number().int(),
  subject: z.string(),
  sopTitle: z.string(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  year: z.number().int(),
  periods: z.array(z.object({ id: z.uuid(), label: z.string() })),
  unitIds: z.array(z.uuid()),
  indicatorIds: z.array(z.uuid()),
  employeeIds: z.array(z.uuid()),
  status: z.enum(['open', 'applied', 'closed', 'cancelled']),
  appliedAt: z.string().nullable(),
  items: z.array(correctionItem),
  meetings: z.array(correctionMeeting),
  parafs: z.array(correctionParaf),
  /** The Dokumen Perbaikan Data Kinerja being signed, once prepared. */
  document: z
    .object({
      id: z.uuid(),
      number: z.string(),
      status: z.string(),
      verificationCode: z.string(),
      signers: z.array(correctionSigner),
      fileId: z.uuid().nullable(),
    })
    .nullable(),
  createdAt: z.string(),
});
export type Correction = z.infer<typeof correction>;

export const correctionSummary = correction
  .pick({
    id: true,
    caseId: true,
    caseNumber: true,
    subject: true,
    sopTitle: true,
    agencyId: true,
    agencyName: true,
    year: true,
    status: true,
    appliedAt: true,
    createdAt: true,
  })
  .extend({ itemCount: z.number().int() });

export const correctionListQuery = z.strictObject({
  agencyId: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(['open', 'applied', 'closed', 'cancelled', 'all']).default('all'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const correctionParams = z.strictObject({ governmentId: z.uuid(), correctionId: z.uuid() });
export const correctionItemParams = correctionParams.extend({ itemId: z.uuid() });
export const correctionMeetingParams = correctionParams.extend({ meetingId: z.uuid() });
