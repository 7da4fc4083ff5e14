import { z } from 'zod';
import type { LocalizedText } from '../messages.js';
import { compareDecimals, multiplyDecimal, sumDecimals } from '../numbers.js';
import { limits, name, optionalText } from './common.js';
import { assignmentKinds, expectedUpdatedAt } from './org.js';

// Plans: the strategic plan (Renstra) of an agency as a tree of goals, objectives, programs,
// activities and sub-activities with indicators; per year the performance agreement (Perjanjian
// Kinerja) of the agency and of its units in versions (murni, perubahan); individual indicators
// (IKI) of employees. Numbers travel as decimal strings ("1234.5"); requests may also send JSON
// numbers or Indonesian forms ("1.234,5", "85%"), which the server reads with parseIndonesianNumber.

export const planStatuses = ['draft', 'established', 'ended'] as const;
export const planNodeKinds = ['goal', 'objective', 'program', 'activity', 'sub_activity'] as const;
export type PlanNodeKind = (typeof planNodeKinds)[number];
export const indicatorDirections = ['higher_better', 'lower_better', 'range'] as const;
export type IndicatorDirection = (typeof indicatorDirections)[number];
/** Lower is better: 'inverse_difference' = (2 − actual/target) × 100; 'ratio' = target/actual × 100. */
export const lowerBetterFormulas = ['inverse_difference', 'ratio'] as const;
export const indicatorTypes = ['input', 'output', 'outcome', 'impact'] as const;
/** How the quarters make the year: flows add up, stocks and percentages take the last, … */
export const quarterAggregations = ['sum', 'last', 'average', 'max'] as const;
export type QuarterAggregation = (typeof quarterAggregations)[number];
export const quarters = ['q1', 'q2', 'q3', 'q4'] as const;
export type Quarter = (typeof quarters)[number];
export const agreementLevels = ['agency', 'unit'] as const;
export const agreementVersionKinds = ['murni', 'perubahan'] as const;
export const agreementStatuses = ['draft', 'signed'] as const;
export const signatoryParties = ['first', 'second'] as const;

/** The parent kind each node kind requires (a goal has none). */
export const parentKindOf: Record<PlanNodeKind, PlanNodeKind | null> = {
  goal: null,
  objective: 'goal',
  program: 'objective',
  activity: 'program',
  sub_activity: 'activity',
};

/** The names people read, in both languages. */
export const planNodeKindNames: Record<PlanNodeKind, LocalizedText> = {
  goal: { id: 'tujuan', en: 'goal' },
  objective: { id: 'sasaran', en: 'objective' },
  program: { id: 'program', en: 'program' },
  activity: { id: 'kegiatan', en: 'activity' },
  sub_activity: { id: 'sub kegiatan', en: 'sub-activity' },
};

export const yearNumber = z.number().int().min(2000).max(2100);

/** A number as sent: a JSON number, or text such as "1.234,5" or "85%" (read on the server). */
export const decimalInput = z.union([z.number(), z.string().max(40)]);

/** A target: one value, or a range with low ≤ high. Exactly one of the two forms. */
export const targetInput = z.strictObject({
  value: decimalInput.optional(),
  low: decimalInput.optional(),
  high: decimalInput.optional(),
});
export type TargetInput = z.infer<typeof targetInput>;

export const target = z.object({
  value: z.string().nullable(),
  low: z.string().nullable(),
  high: z.string().nullable(),
});
export type Target = z.infer<typeof target>;

export const quarterTargetsInput = z.strictObject({
  q1: targetInput.nullable().optional(),
  q2: targetInput.nullable().optional(),
  q3: targetInput.nullable().optional(),
  q4: targetInput.nullable().optional(),
});
export const quarterTargets = z.object({
  q1: target.nullable(),
  q2: target.nullable(),
  q3: target.nullable(),
  q4: target.nullable(),
});
export type QuarterTargets = z.infer<typeof quarterTargets>;

/** Something worth a second look that is not an error (the change was saved). */
export const warning = z.object({ code: z.string(), path: z.string(), message: z.string() });
export type Warning = z.infer<typeof warning>;

// ── settings ───────────────────────────────────────────────────────────────────────────────
export const planSettings = z.object({
  /** The formula new lower-is-better indicators get unless they name one. */
  lowerBetterFormula: z.enum(lowerBetterFormulas),
  updatedAt: z.string().nullable(),
});
export type PlanSettings = z.infer<typeof planSettings>;
export const updatePlanSettingsBody = z.strictObject({
  lowerBetterFormula: z.enum(lowerBetterFormulas),
  expectedUpdatedAt,
});

// ── plans ──────────────────────────────────────────────────────────────────────────────────
export const plan = z.object({
  id: z.uuid(),
  governmentId: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  name: z.string(),
  startYear: z.number().int(),
  endYear: z.number().int(),
  status: z.enum(planStatuses),
  decreeNumber: z.string(),
  description: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Plan = z.infer<typeof plan>;

const planFields = {
  agencyId: z.uuid(),
  name,
  startYear: yearNumber,
  endYear: yearNumber,
  status: z.enum(planStatuses).optional(),
  /** Nomor Peraturan/Keputusan that established the Renstra. */
  decreeNumber: optionalText(200),
  description: optionalText(),
};
export const createPlanBody = z.strictObject(planFields);
export const updatePlanBody = z
  .strictObject({ ...planFields, active: z.boolean(), expectedUpdatedAt })
  .omit({ agencyId: true })
  .partial();
export const planListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(20),
  active: z.enum(['true', 'false', 'all']).default('true'),
  agencyId: z.uuid().optional(),
  /** Plans whose period includes this year. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const planParams = z.strictObject({ governmentId: z.uuid(), planId: z.uuid() });
export const planNodeParams = z.strictObject({ governmentId: z.uuid(), planId: z.uuid(), nodeId: z.uuid() });
export const planIndicatorParams = z.strictObject({
  governmentId: z.uuid(),
  planId: z.uuid(),
  indicatorId: z.uuid(),
});

// ── indicators ─────────────────────────────────────────────────────────────────────────────
export const yearTarget = target.extend({ year: z.number().int() });
export const yearTargetInput = targetInput.extend({ year: yearNumber });

export const planIndicator = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  nodeId: z.uuid(),
  code: z.string(),
  name: z.string(),
  /** Satuan, e.g. "%", "unit", "indeks". */
  unitOfMeasure: z.string(),
  direction: z.enum(indicatorDirections),
  lowerBetterFormula: z.enum(lowerBetterFormulas),
  definition: z.string(),
  formula: z.string(),
  dataSource: z.string(),
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  /** Indikator Kinerja Utama (IKU). */
  isKey: z.boolean(),
  type: z.enum(indicatorTypes),
  aggregation: z.enum(quarterAggregations),
  decimals: z.number().int(),
  /** Weight in the objective's roll-up; null = equal weights. */
  weight: z.string().nullable(),
  baseline: z.object({ value: z.string().nullable(), year: z.number().int().nullable() }),
  /** Target at the end of the Renstra period. */
  endTarget: target.nullable(),
  /** Renstra targets, one per year of the period that has one, in year order. */
  targets: z.array(yearTarget),
  /** The range a realisasi must lie in (either bound may be open); outside it is an error in collection. */
  validMin: z.string().nullable(),
  validMax: z.string().nullable(),
  /** Every realisasi needs bukti dukung before its form can be completed. */
  evidenceRequired: z.boolean(),
  sortOrder: z.number().int(),
  active: z.boolean(),
  updatedAt: z.string(),
});
export type PlanIndicator = z.infer<typeof planIndicator>;

const indicatorFields = {
  nodeId: z.uuid(),
  code: optionalText(limits.code),
  name: z.string().trim().min(1).max(500),
  unitOfMeasure: z.string().trim().min(1).max(50),
  direction: z.enum(indicatorDirections),
  /** Defaults to the government's setting. */
  lowerBetterFormula: z.enum(lowerBetterFormulas).optional(),
  definition: optionalText(4000),
  formula: optionalText(2000),
  dataSource: optionalText(500),
  unitId: z.uuid().nullable().optional(),
  isKey: z.boolean().optional(),
  type: z.enum(indicatorTypes),
  aggregation: z.enum(quarterAggregations),
  decimals: z.number().int().min(0).max(6).optional(),
  weight: decimalInput.nullable().optional(),
  baselineValue: decimalInput.nullable().optional(),
  baselineYear: yearNumber.nullable().optional(),
  endTarget: targetInput.nullable().optional(),
  /** Bounds of a valid realisasi (null: open); validMin ≤ validMax. */
  validMin: decimalInput.nullable().optional(),
  validMax: decimalInput.nullable().optional(),
  evidenceRequired: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
};
export const createIndicatorBody = z.strictObject({
  ...indicatorFields,
  targets: z.array(yearTargetInput).max(10).optional(),
});
export const updateIndicatorBody = z
  .strictObject({ ...indicatorFields, active: z.boolean(), expectedUpdatedAt })
  .partial();
export const setIndicatorTargetsBody = z.strictObject({
  /** Every yearly target of the indicator (years left out have none). */
  targets: z.array(yearTargetInput).max(10),
  endTarget: targetInput.nullable().optional(),
  expectedUpdatedAt,
});
export const indicatorListQuery = z.strictObject({
  nodeId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  isKey: z.enum(['true', 'false']).optional(),
  active: z.enum(['true', 'false', 'all']).default('true'),
});

// ── nodes ──────────────────────────────────────────────────────────────────────────────────
export const planNode = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  parentId: z.uuid().nullable(),
  kind: z.enum(planNodeKinds),
  /** Nomenclature code, e.g. "2.17.02" for a program. */
  code: z.string(),
  name: z.string(),
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  sortOrder: z.number().int(),
  /** 0 for a goal, 4 for a sub-activity. */
  depth: z.number().int(),
  active: z.boolean(),
  updatedAt: z.string(),
  indicators: z.array(planIndicator),
});
export type PlanNode = z.infer<typeof planNode>;

/** A plan with its whole tree, nodes depth-first in their order (build the tree from parentId). */
export const planTree = plan.extend({ years: z.array(z.number().int()), nodes: z.array(planNode) });
export type PlanTree = z.infer<typeof planTree>;
export const planTreeQuery = z.strictObject({ active: z.enum(['true', 'all']).default('true') });

const nodeCode = z.string().trim().min(1).max(limits.code);
export const createNodeBody = z.strictObject({
  parentId: z.uuid().nullable().optional(),
  kind: z.enum(planNodeKinds),
  code: nodeCode,
  name: z.string().trim().min(1).max(1000),
  unitId: z.uuid().nullable().optional(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
});
export const updateNodeBody = z
  .strictObject({
    code: nodeCode,
    name: z.string().trim().min(1).max(1000),
    unitId: z.uuid().nullable(),
    active: z.boolean(),
    expectedUpdatedAt,
  })
  .partial();
export const moveNodeBody = z.strictObject({
  parentId: z.uuid().nullable(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
  expectedUpdatedAt,
});
export const reorderNodesBody = z.strictObject({
  parentId: z.uuid().nullable(),
  /** Every active child of the parent, in the new order. */
  nodeIds: z.array(z.uuid()).min(1).max(500),
});

// ── performance agreements ─────────────────────────────────────────────────────────────────
export const agreement = z.object({
  id: z.uuid(),
  governmentId: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  level: z.enum(agreementLevels),
  planId: z.uuid(),
  year: z.number().int(),
  versionNo: z.number().int(),
  versionKind: z.enum(agreementVersionKinds),
  /** Why a perubahan was made ('' for murni). */
  reason: z.string(),
  supersedesId: z.uuid().nullable(),
  supersededById: z.uuid().nullable(),
  /** The version in force: the latest of its agency/unit and year. */
  current: z.boolean(),
  status: z.enum(agreementStatuses),
  signedOn: z.string().nullable(),
  /** The agreement this one was cascaded from (the agency's, or the parent unit's). */
  parentId: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Agreement = z.infer<typeof agreement>;

export const agreementIndicator = z.object({
  id: z.uuid(),
  agreementId: z.uuid(),
  indicatorId: z.uuid(),
  code: z.string(),
  name: z.string(),
  nodeId: z.uuid(),
  nodeKind: z.enum(planNodeKinds),
  nodeCode: z.string(),
  nodeName: z.string(),
  unitOfMeasure: z.string(),
  direction: z.enum(indicatorDirections),
  aggregation: z.enum(quarterAggregations),
  decimals: z.number().int(),
  isKey: z.boolean(),
  annual: target.nullable(),
  /** Rencana aksi: quarterly targets. */
  quarters: quarterTargets,
  sortOrder: z.number().int(),
  updatedAt: z.string(),
  /** Paths relative to this row, e.g. "quarters.q4". */
  warnings: z.array(warning),
});
export type AgreementIndicator = z.infer<typeof agreementIndicator>;

export const signatory = z.object({
  party: z.enum(signatoryParties),
  positionId: z.uuid().nullable(),
  /** Position title as signed, e.g. "Kepala Dinas Perdagangan" or "Bupati Banggai". */
  title: z.string(),
  employeeId: z.uuid().nullable(),
  name: z.string(),
  nip: z.string(),
  /** Definitive holder, or Plt / Plh. */
  acting: z.enum(assignmentKinds),
});
export type Signatory = z.infer<typeof signatory>;

export const agreementBudget = z.object({
  nodeId: z.uuid(),
  nodeKind: z.enum(planNodeKinds),
  nodeCode: z.string(),
  nodeName: z.string(),
  /** Pagu in rupiah. */
  amount: z.string(),
});

export const agreementDetail = agreement.extend({
  indicators: z.array(agreementIndicator),
  budgets: z.array(agreementBudget),
  budgetTotal: z.string(),
  signatories: z.object({ first: signatory.nullable(), second: signatory.nullable() }),
});
export type AgreementDetail = z.infer<typeof agreementDetail>;

export const agreementParams = z.strictObject({ governmentId: z.uuid(), agreementId: z.uuid() });
export const agreementIndicatorParams = z.strictObject({
  governmentId: z.uuid(),
  agreementId: z.uuid(),
  rowId: z.uuid(),
});

export const agreementListQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(20),
  agencyId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  planId: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  level: z.enum(agreementLevels).optional(),
  /** Only the versions in force (default), or every version. */
  current: z.enum(['true', 'all']).default('true'),
});

export const createAgreementBody = z.strictObject({
  planId: z.uuid(),
  /** Absent or null: the agency's own agreement; a unit: cascaded from its parent's agreement. */
  unitId: z.uuid().nullable().optional(),
  year: yearNumber,
  /**
   * Start with the plan's indicators and that year's Renstra targets: the key indicators (IKU)
   * for the agency, the indicators the unit is responsible for for a unit. Default true.
   */
  prefill: z.boolean().default(true),
});
export const cascadeAgreementBody = z.strictObject({
  /** Direct sub-units to cascade to; default: every one responsible for an indicator of the plan. */
  unitIds: z.array(z.uuid()).max(100).optional(),
});
export const cascadeResult = z.object({
  created: z.array(agreement),
  skipped: z.array(z.object({ unitId: z.uuid(), unitName: z.string(), reason: z.string() })),
});

export const addAgreementIndicatorBody = z.strictObject({
  indicatorId: z.uuid(),
  /** Default: the indicator's Renstra target for the year. */
  annual: targetInput.nullable().optional(),
  quarters: quarterTargetsInput.optional(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
});
export const updateAgreementIndicatorBody = z.strictObject({
  annual: targetInput.nullable().optional(),
  /** Quarters named here change (null clears one); the others stay. */
  quarters: quarterTargetsInput.optional(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
  expectedUpdatedAt,
});
export const agreementIndicatorResult = z.object({ item: agreementIndicator, warnings: z.array(warning) });

export const setBudgetsBody = z.strictObject({
  /** Every pagu of the agreement (programs, activities, sub-activities of its plan). */
  items: z.array(z.strictObject({ nodeId: z.uuid(), amount: decimalInput })).max(500),
  expectedUpdatedAt,
});

export const signatoryInput = z.strictObject({
  /** A position in the system; absent for an official outside it (e.g. the Bupati). */
  positionId: z.uuid().optional(),
  /** The employee who signs (required with a position). */
  employeeId: z.uuid().optional(),
  /** Title and name for an official outside the system. */
  title: z.string().trim().max(limits.name).optional(),
  name: z.string().trim().max(limits.name).optional(),
  nip: z.string().trim().max(40).optional(),
  /** Plt / Plh; read from the position's assignments when a position is given. */
  acting: z.enum(assignmentKinds).optional(),
});
export const setSignatoriesBody = z.strictObject({
  first: signatoryInput,
  second: signatoryInput,
  expectedUpdatedAt,
});
export const signAgreementBody = z.strictObject({ signedOn: z.iso.date(), expectedUpdatedAt });
export const reviseAgreementBody = z.strictObject({
  reason: z.string().trim().min(1).max(limits.text),
  expectedUpdatedAt,
});
export const agreementVersions = z.object({ items: z.array(agreement) });

// ── individual indicators (IKI) ────────────────────────────────────────────────────────────
export const individualIndicator = z.object({
  id: z.uuid(),
  governmentId: z.uuid(),
  agencyId: z.uuid(),
  employeeId: z.uuid(),
  employeeName: z.string(),
  employeeNip: z.string(),
  /** The unit whose agreement the parent indicator is in (null: the agency's). */
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  year: z.number().int(),
  parentIndicatorId: z.uuid(),
  parentIndicatorName: z.string(),
  name: z.string(),
  unitOfMeasure: z.string(),
  direction: z.enum(indicatorDirections),
  lowerBetterFormula: z.enum(lowerBetterFormulas),
  aggregation: z.enum(quarterAggregations),
  decimals: z.number().int(),
  annual: target.nullable(),
  quarters: quarterTargets,
  sortOrder: z.number().int(),
  active: z.boolean(),
  updatedAt: z.string(),
  warnings: z.array(warning),
});
export type IndividualIndicator = z.infer<typeof individualIndicator>;

const individualFields = {
  name: z.string().trim().min(1).max(500),
  unitOfMeasure: z.string().trim().min(1).max(50),
  direction: z.enum(indicatorDirections),
  lowerBetterFormula: z.enum(lowerBetterFormulas),
  aggregation: z.enum(quarterAggregations),
  decimals: z.number().int().min(0).max(6),
  sortOrder: z.number().int().min(0).max(100_000),
};
export const createIndividualIndicatorBody = z.strictObject({
  employeeId: z.uuid(),
  unitId: z.uuid().nullable(),
  year: yearNumber,
  /** The unit's (or agency's) indicator this one is cascaded from; its fields are the defaults. */
  parentIndicatorId: z.uuid(),
  ...z.strictObject(individualFields).partial().shape,
  annual: targetInput.nullable().optional(),
  quarters: quarterTargetsInput.optional(),
});
export const updateIndividualIndicatorBody = z
  .strictObject({ ...individualFields, active: z.boolean(), expectedUpdatedAt })
  .partial();
export const setIndividualTargetsBody = z.strictObject({
  annual: targetInput.nullable().optional(),
  quarters: quarterTargetsInput.optional(),
  expectedUpdatedAt,
});
export const individualIndicatorResult = z.object({ item: individualIndicator, warnings: z.array(warning) });
export const individualIndicatorParams = z.strictObject({ governmentId: z.uuid(), id: z.uuid() });
export const individualListQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(20),
  employeeId: z.uuid().optional(),
  agencyId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  active: z.enum(['true', 'false', 'all']).default('true'),
});

// ── rules shared by server and web ─────────────────────────────────────────────────────────
export interface QuarterWarning {
  code: 'QUARTERS_INCOMPLETE' | 'QUARTERS_SUM' | 'QUARTER_LAST' | 'QUARTERS_AVERAGE' | 'QUARTERS_MAX';
  /** Relative to the targets: "quarters" or "quarters.q4". */
  path: string;
  message: LocalizedText;
}

/**
 * Whether quarterly targets fit the annual one under the indicator's aggregation. Agencies do
 * deviate (a target front-loaded in a quarter, a mid-year change), so these are warnings: the
 * targets are saved and the person is told what does not add up.
 */
export function checkQuarterTargets(opts: {
  aggregation: QuarterAggregation;
  annual: Target | null;
  quarters: QuarterTargets;
}): QuarterWarning[] {
  const { aggregation, annual } = opts;
  const given = quarters.filter((q) => opts.quarters[q] !== null);
  if (given.length === 0) return [];
  if (given.length < 4) {
    const missing = quarters.filter((q) => opts.quarters[q] === null).map((q) => q.toUpperCase().replace('Q', 'T'));
    return [
      {
        code: 'QUARTERS_INCOMPLETE',
        path: 'quarters',
        message: {
          id: `Target triwulan ${missing.join(', ')} belum diisi`,
          en: `No target yet for quarter ${missing.join(', ').replace(/T/g, 'Q')}`,
        },
      },
    ];
  }
  if (!annual) return [];
  const q = quarters.map((k) => opts.quarters[k]!);
  const q4 = q[3]!;
  if (annual.value === null) {
    // A range for the year: only the last quarter of a stock can be held against it.
    if (aggregation === 'last' && (q4.low !== annual.low || q4.high !== annual.high)) {
      return [
        {
          code: 'QUARTER_LAST',
          path: 'quarters.q4',
          message: {
            id: `Indikator ini memakai nilai triwulan terakhir; target T4 sebaiknya sama dengan target tahunan ${annual.low}–${annual.high}`,
            en: `This indicator takes the last quarter's value; the Q4 target should equal the annual target ${annual.low}–${annual.high}`,
          },
        },
      ];
    }
    return [];
  }
  const values = q.map((t) => t.value);
  if (values.some((v) => v === null)) return [];
  const vs = values as string[];
  switch (aggregation) {
    case 'sum': {
      const total = sumDecimals(vs);
      return compareDecimals(total, annual.value) === 0
        ? []
        : [
            {
              code: 'QUARTERS_SUM',
              path: 'quarters',
              message: {
                id: `Jumlah target T1–T4 (${total}) tidak sama dengan target tahunan (${annual.value})`,
                en: `The Q1–Q4 targets add up to ${total}, not to the annual target ${annual.value}`,
              },
            },
          ];
    }
    case 'last':
      return compareDecimals(q4.value!, annual.value) === 0
        ? []
        : [
            {
              code: 'QUARTER_LAST',
              path: 'quarters.q4',
              message: {
                id: `Indikator ini memakai nilai triwulan terakhir; target T4 (${q4.value}) sebaiknya sama dengan target tahunan (${annual.value})`,
                en: `This indicator takes the last quarter's value; the Q4 target (${q4.value}) should equal the annual target (${annual.value})`,
              },
            },
          ];
    case 'average':
      return compareDecimals(sumDecimals(vs), multiplyDecimal(annual.value, 4)) === 0
        ? []
        : [
            {
              code: 'QUARTERS_AVERAGE',
              path: 'quarters',
              message: {
                id: `Rata-rata target T1–T4 tidak sama dengan target tahunan (${annual.value})`,
                en: `The average of the Q1–Q4 targets is not the annual target (${annual.value})`,
              },
            },
          ];
    case 'max': {
      const max = vs.reduce((m, v) => (compareDecimals(v, m) > 0 ? v : m));
      return compareDecimals(max, annual.value) === 0
        ? []
        : [
            {
              code: 'QUARTERS_MAX',
              path: 'quarters',
              message: {
                id: `Target triwulan tertinggi (${max}) tidak sama dengan target tahunan (${annual.value})`,
                en: `The highest quarterly target (${max}) is not the annual target (${annual.value})`,
              },
            },
          ];
    }
  }
}
