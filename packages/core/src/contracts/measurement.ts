import { z } from 'zod';
import { bandColors } from '../measure/scale.js';
import { expectedUpdatedAt } from './org.js';
import { yearNumber } from './plans.js';

const localized = z.object({ id: z.string(), en: z.string() });

/** A category scale as a run keeps it. */
export const categoryScale = z.object({
  key: z.string(),
  name: localized,
  source: z.string(),
  bands: z.array(
    z.object({
      key: z.string(),
      label: localized,
      from: z.string().nullable(),
      exclusive: z.boolean().optional(),
      color: z.string(),
    }),
  ),
});

/** How a run measured: kept with the run, so a past report reproduces exactly. */
export const measurementMethod = z.object({
  /** The engine's rules version; a change in the rules gets a new one. */
  engine: z.string(),
  scale: categoryScale,
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
/** Pagu, spending, absorption and efficiency of a plan node or the agency (present when known). */
export const measuredBudget = z.object({
  ceiling: z.string().nullable(),
  spent: z.string().nullable(),
  absorption: z.string().nullable(),
  efficiency: z.string().nullable(),
});
export type MeasuredBudget = z.infer<typeof measuredBudget>;

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
        budget: measuredBudget.optional(),
      }),
    ),
    agency: rolled.extend({ category: z.string().nullable(), budget: measuredBudget.optional() }),
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

// ── a government's measurement settings ──
/** An achievement edge as written: "91", "50", "85.5" (percent, up to two decimals). */
const edge = z
  .string()
  .trim()
  .regex(/^\d{1,3}([.,]\d{1,2})?$/, 'Tulis batas sebagai angka persen, mis. 90 atau 85,5')
  .transform((v) => v.replace(',', '.'));
const labelText = z.string().trim().min(1).max(60);

/** A scale a government writes: the words, the edges from the highest band down, the colours. */
export const categoryScaleInput = z.strictObject({
  key: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'Kode hanya boleh huruf kecil, angka dan tanda hubung'),
  name: z.strictObject({ id: z.string().trim().min(1).max(120), en: z.string().trim().min(1).max(120) }),
  source: z.string().trim().max(300),
  bands: z
    .array(
      z.strictObject({
        key: z
          .string()
          .trim()
          .min(1)
          .max(40)
          .regex(/^[a-z0-9][a-z0-9-]*$/, 'Kode hanya boleh huruf kecil, angka dan tanda hubung'),
        label: z.strictObject({ id: labelText, en: labelText }),
        from: edge.nullable(),
        exclusive: z.boolean().optional(),
        color: z.enum(bandColors),
      }),
    )
    .min(2)
    .max(8),
});

export const measurementSettings = z.object({
  scale: categoryScale,
  /** Decimals of every achievement (0–4). */
  decimals: z.number().int(),
  /** Achievements above this are reported at it (e.g. "120"); null for no cap. */
  cap: z.string().nullable(),
  efficiencyFormula: z.enum(['difference', 'ratio']),
  /** The plan level whose achievements make the agency's: sasaran (objective) or tujuan (goal). */
  agencyFrom: z.enum(['objective', 'goal']),
  /** The scales a government may start from. */
  presets: z.array(categoryScale),
  updatedAt: z.string().nullable(),
});
export type MeasurementSettings = z.infer<typeof measurementSettings>;

export const updateMeasurementSettingsBody = z.strictObject({
  scale: categoryScaleInput,
  decimals: z.number().int().min(0).max(4),
  cap: z
    .string()
    .trim()
    .regex(/^\d{3}([.,]\d{1,2})?$/, 'Tulis batas atas sebagai angka persen 100 atau lebih, mis. 120')
    .transform((v) => v.replace(',', '.'))
    .nullable(),
  efficiencyFormula: z.enum(['difference', 'ratio']),
  agencyFrom: z.enum(['objective', 'goal']),
  expectedUpdatedAt,
});
export type UpdateMeasurementSettingsBody = z.infer<typeof updateMeasurementSettingsBody>;
