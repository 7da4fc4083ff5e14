import { z } from 'zod';
import { isoDate } from './common.js';

export const auditEntry = z.object({
  id: z.number().int(),
  seq: z.number().int(),
  governmentId: z.uuid().nullable(),
  at: z.string(),
  actorUserId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  actorPositionId: z.uuid().nullable(),
  actorPositionName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  hash: z.string(),
  prevHash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditListQuery = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
  actorUserId: z.uuid().optional(),
  action: z.string().trim().max(100).optional(),
  entityType: z.string().trim().max(100).optional(),
  entityId: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

export const auditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  /** The first record whose hash or link does not match, if any. */
  firstBroken: z.object({ id: z.number().int(), seq: z.number().int(), reason: z.string() }).nullable(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifyResult>;
