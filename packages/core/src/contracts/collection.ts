import { z } from 'zod';
import { limits } from './common.js';
import { decimalInput, target, warning, yearNumber } from './plans.js';

/** Collection periods: a quarter (triwulan) or a month of a year. */
export const collectionPeriodCodes = [
  'q1',
  'q2',
  'q3',
  'q4',
  'm01',
  'm02',
  'm03',
  'm04',
  'm05',
  'm06',
  'm07',
  'm08',
  'm09',
  'm10',
  'm11',
  'm12',
] as const;
export type CollectionPeriodCode = (typeof collectionPeriodCodes)[number];
export const collectionPeriodStatuses = ['open', 'locked'] as const;
export const submissionStatuses = ['draft', 'completed', 'approved', 'returned'] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];

/**
 * The quarter whose rencana aksi target a period is measured against: a quarter its own, a month
 * the quarter it falls in (m01–m03 → q1, …), since performance agreements carry quarterly targets.
 */
export function targetQuarterOf(period: CollectionPeriodCode): 'q1' | 'q2' | 'q3' | 'q4' {
  if (period.startsWith('q')) return period as 'q1' | 'q2' | 'q3' | 'q4';
  const m = Number(period.slice(1));
  return `q${Math.ceil(m / 3)}` as 'q1' | 'q2' | 'q3' | 'q4';
}

const isoDay = z.iso.date();
const longText = (max: number = limits.text) => z.string().trim().max(max);

export const collectionPeriod = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  year: z.number().int(),
  period: z.enum(collectionPeriodCodes),
  label: z.string(),
  opensOn: z.string(),
  closesOn: z.string(),
  status: z.enum(collectionPeriodStatuses),
  lockedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type CollectionPeriod = z.infer<typeof collectionPeriod>;

export const createCollectionPeriodBody = z.strictObject({
  agencyId: z.uuid(),
  year: yearNumber,
  period: z.enum(collectionPeriodCodes),
  label: z.string().trim().min(1).max(limits.name).optional(),
  opensOn: isoDay,
  closesOn: isoDay,
});
export const updateCollectionPeriodBody = z.strictObject({
  label: z.string().trim().min(1).max(limits.name).optional(),
  opensOn: isoDay.optional(),
  closesOn: isoDay.optional(),
  expectedUpdatedAt: z.string().min(1),
});
export const collectionPeriodListQuery = z.strictObject({
  agencyId: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const collectionPeriodParams = z.strictObject({ governmentId: z.uuid(), periodId: z.uuid() });
/** A form: a unit's id, or `agency` for the values of the agency's own agreement. */
export const collectionFormParams = z.strictObject({
  governmentId: z.uuid(),
  periodId: z.uuid(),
  unit: z.union([z.literal('agency'), z.uuid()]),
});
export const collectionValueParams = z.strictObject({ governmentId: z.uuid(), valueId: z.uuid() });
export const collectionEvidenceParams = collectionValueParams.extend({ evidenceId: z.uuid() });
export const collectionFlagParams = collectionValueParams.extend({ flagId: z.uuid() });

/** A problem found on a value: `code`, the field `path` and a message in the request's language. */
export const valueIssue = warning;
export type ValueIssue = z.infer<typeof valueIssue>;

export const collectionRow = z.object({
  valueId: z.uuid().nullable(),
  indicatorId: z.uuid().nullable(),
  individualIndicatorId: z.uuid().nullable(),
  unitId: z.uuid().nullable(),
  code: z.string(),
  name: z.string(),
  unitOfMeasure: z.string(),
  direction: z.enum(['higher_better', 'lower_better', 'range']),
  /** How a lower-is-better achievement is computed (the web shows it live as the person types). */
  lowerBetterFormula: z.enum(['inverse_difference', 'ratio']),
  decimals: z.number().int(),
  evidenceRequired: z.boolean(),
  validMin: z.string().nullable(),
  validMax: z.string().nullable(),
  /** The agreement's target for the period (for a month: its quarter, see targetQuarterOf). */
  target: target.nullable(),
  targetPeriod: z.string(),
  annualTarget: target.nullable(),
  version: z.number().int(),
  actual: z.string().nullable(),
  budgetSpent: z.string().nullable(),
  supportingFactors: z.string(),
  inhibitingFactors: z.string(),
  followUp: z.string(),
  achievement: z.string().nullable(),
  achievementReason: z.string().nullable(),
  errors: z.array(valueIssue),
  warnings: z.array(valueIssue),
  evidenceCount: z.number().int(),
  openFlags: z.number().int(),
  commentCount: z.number().int(),
  returnedReason: z.string().nullable(),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
});
export type CollectionRow = z.infer<typeof collectionRow>;

export const collectionSubmission = z.object({
  unitId: z.uuid().nullable(),
  unitName: z.string(),
  status: z.enum(submissionStatuses),
  completedAt: z.string().nullable(),
  completedByName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  returnReason: z.string().nullable(),
  /** When the form was last returned; values saved after it are what the reviewer looks at again. */
  returnedAt: z.string().nullable(),
  /** Values saved since the last return (what the reviewer looks at again). */
  changedSinceReturn: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type CollectionSubmission = z.infer<typeof collectionSubmission>;

export const collectionForm = z.object({
  /**
   * What the asking person may do here: enter (and complete) values — inside the entry window, or
   * any time for an administrator — and review (approve or return). Both false on a locked period.
   */
  access: z.object({ enter: z.boolean(), review: z.boolean(), windowOpen: z.boolean() }),
  period: collectionPeriod,
  submission: collectionSubmission,
  rows: z.array(collectionRow),
  individualRows: z.array(collectionRow),
  /** Set when the form shows the values as they stood when the period was locked (before any correction). */
  asOf: z.string().nullable().optional(),
});
export type CollectionForm = z.infer<typeof collectionForm>;
/** `asOf=lock`: the values as they stood when the period was locked, before any correction. */
export const collectionFormQuery = z.strictObject({ asOf: z.enum(['current', 'lock']).default('current') });

/** One change made to a locked period's data (a version made after the lock). */
export const lockedChange = z.object({
  valueId: z.uuid(),
  version: z.number().int(),
  indicatorCode: z.string(),
  indicatorName: z.string(),
  unitOfMeasure: z.string(),
  ownerName: z.string(),
  oldActual: z.string().nullable(),
  newActual: z.string(),
  oldBudgetSpent: z.string().nullable(),
  newBudgetSpent: z.string().nullable(),
  reason: z.string(),
  source: z.string(),
  caseId: z.uuid().nullable(),
  caseNumber: z.number().int().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export type LockedChange = z.infer<typeof lockedChange>;
export const lockedChanges = z.object({ period: collectionPeriod, items: z.array(lockedChange) });
export const lockedChangesQuery = z.strictObject({ format: z.enum(['json', 'pdf', 'xlsx']).default('json') });

export const completenessEntry = z.object({
  unitId: z.uuid().nullable(),
  unitName: z.string(),
  required: z.number().int(),
  entered: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
  status: z.enum(submissionStatuses),
  /** The asking person is of this unit (enters its values) / reviews it. */
  canEnter: z.boolean(),
  canReview: z.boolean(),
});
export const collectionCompleteness = z.object({
  period: collectionPeriod,
  units: z.array(completenessEntry),
  indicators: z.array(
    z.object({
      indicatorId: z.uuid(),
      code: z.string(),
      name: z.string(),
      required: z.number().int(),
      entered: z.number().int(),
    }),
  ),
  required: z.number().int(),
  entered: z.number().int(),
});
export type CollectionCompleteness = z.infer<typeof collectionCompleteness>;

export const saveCollectionValueBody = z
  .strictObject({
    indicatorId: z.uuid().optional(),
    individualIndicatorId: z.uuid().optional(),
    /** The unit whose agreement holds the indicator; null (or absent) for the agency's own. */
    unitId: z.uuid().nullable().optional(),
    actual: decimalInput,
    budgetSpent: decimalInput.nullable().optional(),
    supportingFactors: longText().optional(),
    inhibitingFactors: longText().optional(),
    followUp: longText().optional(),
    /** Why this version (required when changing a saved value). */
    reason: longText(500).optional(),
    /** The version this save was based on: 0 for the first. */
    baseVersion: z.number().int().min(0),
  })
  .refine((b) => (b.indicatorId === undefined) !== (b.individualIndicatorId === undefined), {
    message: 'Isi salah satu: indicatorId atau individualIndicatorId',
    path: ['indicatorId'],
  });
export type SaveCollectionValueBody = z.infer<typeof saveCollectionValueBody>;

export const valueVersion = z.object({
  version: z.number().int(),
  actual: z.string(),
  budgetSpent: z.string().nullable(),
  supportingFactors: z.string(),
  inhibitingFactors: z.string(),
  followUp: z.string(),
  reason: z.string(),
  caseId: z.uuid().nullable(),
  /** The number of the case that made the version (a correction's case), when there is one. */
  caseNumber: z.number().int().nullable(),
  /** 'form' | 'import' | 'demo' | 'correction'. */
  source: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  /** Made after the period was locked (only a correction can). */
  afterLock: z.boolean(),
});
export type ValueVersion = z.infer<typeof valueVersion>;

export const evidenceInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('file'), fileId: z.uuid(), description: longText(500).optional() }),
  z.strictObject({
    kind: z.literal('link'),
    url: z
      .string()
      .trim()
      .max(2000)
      .regex(/^https?:\/\/[^\s]+$/i, 'Tautan harus diawali http:// atau https://'),
    description: longText(500).optional(),
  }),
  z.strictObject({
    kind: z.literal('text'),
    text: z.string().trim().min(1).max(limits.text),
    description: longText(500).optional(),
  }),
]);
export type EvidenceInput = z.infer<typeof evidenceInput>;
export const replaceEvidenceBody = z.strictObject({
  evidence: evidenceInput,
  reason: z.string().trim().min(1).max(500),
});
export const evidenceItem = z.object({
  id: z.uuid(),
  kind: z.enum(['file', 'link', 'text']),
  fileId: z.uuid().nullable(),
  fileName: z.string().nullable(),
  url: z.string().nullable(),
  text: z.string().nullable(),
  description: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  replacedById: z.uuid().nullable(),
  replacedAt: z.string().nullable(),
  replaceReason: z.string().nullable(),
});
export const commentBody = z.strictObject({ body: z.string().trim().min(1).max(limits.text) });
export const valueComment = z.object({
  id: z.uuid(),
  body: z.string(),
  authorName: z.string(),
  createdAt: z.string(),
});
export const flagBody = z.strictObject({ note: z.string().trim().min(1).max(limits.text) });
export const resolveFlagBody = z.strictObject({ resolution: z.string().trim().min(1).max(limits.text) });
export const valueFlag = z.object({
  id: z.uuid(),
  note: z.string(),
  raisedByName: z.string(),
  raisedAt: z.string(),
  resolution: z.string().nullable(),
  resolvedByName: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});

export const collectionValueDetail = z.object({
  period: collectionPeriod,
  row: collectionRow,
  versions: z.array(valueVersion),
  evidence: z.array(evidenceItem),
  comments: z.array(valueComment),
  flags: z.array(valueFlag),
});
export type CollectionValueDetail = z.infer<typeof collectionValueDetail>;

export const returnSubmissionBody = z.strictObject({
  reason: z.string().trim().min(1).max(limits.text),
  /** Values flagged for re-entry, each with its own reason (optional). */
  values: z
    .array(z.strictObject({ valueId: z.uuid(), reason: z.string().trim().min(1).max(limits.text) }))
    .max(500)
    .optional(),
});
export const startCollectionCaseBody = z.strictObject({
  sopId: z.uuid(),
  /** Units in scope; all the units that answer for indicators in the period when absent. */
  unitIds: z.array(z.uuid()).max(200).optional(),
  subject: z.string().trim().min(1).max(limits.name).optional(),
});
