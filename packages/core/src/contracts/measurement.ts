import { z } from 'zod';
import { yearNumber } from './plans.js';

/** How a run measured: kept with the run, so a past report reproduces exactly. */
export const measurementMethod = z.object({
  /** The engine's rules version; a change in the rules gets a new one. */
  engine: z.string(),
  scale: z.object({
    key: z.string(),
    name: z.object({ id: z.string(), en: z.string() }),
    source: z.string(),
    bands: z.array(
      z.object({
        key: z.string(),
        label: z.object({ id: z.string(), en: z.string() }),
        from: z.string().nullable(),
        exclusive: z.boolean().optional(),
        color: z.string(),
      }),
    ),
  }),
  decimals: z.number().int(),
  cap: z.string().nullable(),
  efficiency: z.enum(['difference', 'ratio']),
  agencyFrom: z.string(),
});
export type MeasurementMethod = z.infer<typeof measurementMethod>;

const measured = z.object({
  actual: z.string().nullable(),
  achievement: z.string().nullable(),
  reason: z.string().nullable(),
});

export const measuredIndicator = z.object({
  id: z.string(),
  quarters: z.array(measured),
  annual: measured.extend({
    complete: z.boolean(),
    category: z.string().nullable(),
    capped: z.boolean(),
    absorption: z.string().nullable(),
    efficiency: z.string().nullable(),
  }),
});
const rolled = z.object({ value: z.string().nullable(), measured: z.number().int(), unmeasured: z.number().int() });

export const measuredAgreement = z.object({
  agreementId: z.uuid(),
  agencyId: z.uuid(),
  unitId: z.uuid().nullable(),
  planId: z.uuid(),
  result: z.object({
    indicators: z.array(measuredIndicator),
    nodes: z.array(
      rolled.extend({
        id: z.string(),
        from: z.enum(['indicators', 'children', 'none']),
        category: z.string().nullable(),
      }),
    ),
    agency: rolled.extend({ category: z.string().nullable() }),
  }),
});
export type MeasuredAgreement = z.infer<typeof measuredAgreement>;

export const measurementRunSummary = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  year: z.number().int(),
  runNo: z.number().int(),
  trigger: z.enum(['request', 'data_changed', 'case_step']),
  reason: z.string(),
  inputsSha256: z.string(),
  agencyAchievement: z.string().nullable(),
  agencyCategory: z.string().nullable(),
  indicatorCount: z.number().int(),
  caseId: z.uuid().nullable(),
  current: z.boolean(),
  supersededById: z.uuid().nullable(),
  supersededAt: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export type MeasurementRunSummary = z.infer<typeof measurementRunSummary>;

export const measurementRun = measurementRunSummary.extend({
  method: measurementMethod,
  results: z.array(measuredAgreement),
  /** What the ids in the results name, as the plan has them now (for screens; documents too). */
  names: z.object({
    indicators: z.record(
      z.string(),
      z.object({ code: z.string(), name: z.string(), unitOfMeasure: z.string(), decimals: z.number().int() }),
    ),
    nodes: z.record(z.string(), z.object({ code: z.string(), name: z.string(), kind: z.string() })),
    units: z.record(z.string(), z.string()),
  }),
});
export type MeasurementRun = z.infer<typeof measurementRun>;

export const createMeasurementRunBody = z.strictObject({
  agencyId: z.uuid(),
  year: yearNumber,
  reason: z.string().trim().max(500).optional(),
});
export const measurementRunListQuery = z.strictObject({
  agencyId: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  current: z.enum(['true', 'all']).default('all'),
});
export const measurementRunParams = z.strictObject({ governmentId: z.uuid(), runId: z.uuid() });
/** A run re-measured from its own stored inputs and method: equal when it reproduces exactly. */
export const measurementReproduction = z.object({
  runId: z.uuid(),
  inputsSha256: z.string(),
  inputsIntact: z.boolean(),
  identical: z.boolean(),
});

/** One agency's measurement of a year as its SOP runs it. */
export const measurementCycle = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  year: z.number().int(),
  status: z.enum(['open', 'approved', 'closed']),
  /** The run the measuring step made last. */
  runId: z.uuid().nullable(),
  /** The run the review approved: the official figures of the year. */
  approvedRunId: z.uuid().nullable(),
  approvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type MeasurementCycle = z.infer<typeof measurementCycle>;

export const startMeasurementBody = z.strictObject({
  sopId: z.uuid(),
  agencyId: z.uuid(),
  year: yearNumber,
  subject: z.string().trim().min(1).max(300).optional(),
});
export const measurementCycleListQuery = z.strictObject({
  agencyId: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const measurementCycleParams = z.strictObject({ governmentId: z.uuid(), cycleId: z.uuid() });
