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
  versions: z.array(sopVersionSummary),
  /** The latest version's document, normalised. */
  document: z.unknown(),
});

export const importSopResponse = z.object({
  sop: sopSummary,
  /** false when the same document was already the latest version (nothing changed). */
  created: z.boolean(),
});

export const sopListQuery = listQuery.extend({ agencyId: z.uuid().optional(), kind: z.string().max(30).optional() });
