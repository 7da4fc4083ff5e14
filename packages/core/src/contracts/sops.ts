import { z } from 'zod';
import { listQuery } from './common.js';

export const sopVersionStatuses = ['draft', 'approved', 'effective', 'retired'] as const;

/** An SOP document uploaded as text (YAML or JSON), at most 512 KiB. */
export const importSopBody = z.strictObject({
  source: z
    .string()
    .min(1)
    .max(512 * 1024),
});

export const sopVersionSummary = z.object({
  id: z.uuid(),
  version: z.number().int(),
  status: z.enum(sopVersionStatuses),
  checksum: z.string(),
  createdAt: z.string(),
});

export const sopVersionDetail = sopVersionSummary.extend({
  approvedByName: z.string().nullable(),
  approvedByPositionName: z.string().nullable(),
  approvedActing: z.enum(['plt', 'plh']).nullable(),
  approvedOn: z.string().nullable(),
  effectiveFrom: z.string().nullable(),
  retiredOn: z.string().nullable(),
});

/** One version with its document (e.g. the version a running case follows). */
export const sopVersionWithDocument = sopVersionDetail.extend({ document: z.unknown() });

export const laneResolution = z.object({
  laneId: z.string(),
  title: z.string(),
  binding: z.unknown(),
  /** The lane depends on the unit a case is about (head or staff of the unit, heads of its sub-units). */
  unitScoped: z.boolean(),
  positions: z.array(
    z.object({
      positionId: z.uuid(),
      positionName: z.string(),
      unitName: z.string().nullable(),
      holders: z.array(z.object({ employeeId: z.uuid(), name: z.string(), acting: z.enum(['plt', 'plh']).nullable() })),
    }),
  ),
  /** Some position of the lane has a holder (definitive or acting) today. */
  resolved: z.boolean(),
});
export type LaneResolution = z.infer<typeof laneResolution>;
export const laneResolutionResponse = z.object({ items: z.array(laneResolution), allResolved: z.boolean() });
export const sopLanesQuery = z.strictObject({ versionId: z.uuid().optional(), unitId: z.uuid().optional() });

export const sopVersionParams = z.strictObject({ governmentId: z.uuid(), id: z.uuid(), versionId: z.uuid() });
export const makeEffectiveBody = z.strictObject({ effectiveFrom: z.iso.date() });
export const sopDiffQuery = z.strictObject({
  from: z.coerce.number().int().positive(),
  to: z.coerce.number().int().positive(),
});
export const sopDiffResponse = z.object({
  from: z.number().int(),
  to: z.number().int(),
  changes: z.array(
    z.object({
      path: z.string(),
      kind: z.enum(['added', 'removed', 'changed']),
      before: z.unknown().optional(),
      after: z.unknown().optional(),
    }),
  ),
});

export const sopSummary = z.object({
  id: z.uuid(),
  governmentId: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  key: z.string(),
  title: z.string(),
  kind: z.string(),
  latestVersion: sopVersionSummary,
  stepCount: z.number().int(),
  laneCount: z.number().int(),
  updatedAt: z.string(),
});
export type SopSummary = z.infer<typeof sopSummary>;

export const sopDetail = sopSummary.extend({
  versions: z.array(sopVersionDetail),
  /** The latest version's document, normalised. */
  document: z.unknown(),
});

export const importSopResponse = z.object({
  sop: sopSummary,
  /** false when the same document was already the latest version (nothing changed). */
  created: z.boolean(),
});

// SOPs have no active flag: versions carry their status instead.
export const sopListQuery = listQuery
  .omit({ active: true })
  .extend({ agencyId: z.uuid().optional(), kind: z.string().max(30).optional() });
