import { z } from 'zod';
import { target, yearNumber } from './plans.js';

/** One Renstra indicator in a monitoring analysis. */
export const monitoringLine = z.object({
  indicatorId: z.uuid(),
  code: z.string(),
  name: z.string(),
  unitOfMeasure: z.string(),
  /** The goal and objective it serves, as "T1 Tujuan … / S1.1 Sasaran …". */
  path: z.string(),
  baseline: z.string().nullable(),
  yearTarget: target.nullable(),
  yearActual: z.string().nullable(),
  /** Achievement of the year's actual against the Renstra's target for the year. */
  achievement: z.string().nullable(),
  category: z.string().nullable(),
  endTarget: target.nullable(),
  /** The year's actual against the end target, by the indicator's own rule. */
  againstEnd: z.string().nullable(),
  /** How far from the baseline toward the end target, in percent. */
  fromBaseline: z.string().nullable(),
  /** What share of the Renstra's years has passed by the end of this year, in percent. */
  expected: z.string(),
  /** on_track: at least as far as the time passed; behind; unmeasured: no figure to judge. */
  status: z.enum(['on_track', 'behind', 'unmeasured']),
});
export type MonitoringLine = z.infer<typeof monitoringLine>;

export const monitoringCycle = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  planId: z.uuid(),
  planName: z.string(),
  year: z.number().int(),
  status: z.enum(['open', 'closed']),
  analysis: z.array(monitoringLine).nullable(),
  analysedAt: z.string().nullable(),
  formatFileId: z.uuid().nullable(),
  conceptFileId: z.uuid().nullable(),
  correction: z.string(),
  finalFileId: z.uuid().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
export type MonitoringCycle = z.infer<typeof monitoringCycle>;

export const startMonitoringBody = z.strictObject({
  sopId: z.uuid(),
  planId: z.uuid(),
  year: yearNumber,
  subject: z.string().trim().min(1).max(300).optional(),
});
export const monitoringCycleListQuery = z.strictObject({
  planId: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const monitoringCycleParams = z.strictObject({ governmentId: z.uuid(), cycleId: z.uuid() });
