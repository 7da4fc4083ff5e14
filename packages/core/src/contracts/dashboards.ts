import { z } from 'zod';

const localized = z.object({ id: z.string(), en: z.string() });
const yearQuery = z.coerce.number().int().min(2000).max(2100);

/** `?year=&agencyId=`: the year (default: this year) and one agency, or every agency one may see. */
export const dashboardQuery = z.strictObject({
  year: yearQuery.optional(),
  agencyId: z.uuid().optional(),
});

/** The words and colours of the category scale the figures were measured by. */
export const dashboardBand = z.object({ key: z.string(), label: localized, color: z.string() });

/** A target as the agreement states it: one value, or a range. */
export const dashboardTarget = z.object({
  value: z.string().nullable(),
  low: z.string().nullable(),
  high: z.string().nullable(),
});

/**
 * Where a figure's value lives in the collection: the period and the form (`unit` a unit id or
 * `agency`), and the value when one was entered — what the web opens to show its history and
 * evidence.
 */
export const dashboardDrill = z.object({
  period: z.string(),
  periodId: z.uuid(),
  label: z.string(),
  unit: z.string(),
  valueId: z.uuid().nullable(),
});

export const dashboardIndicator = z.object({
  agencyId: z.uuid(),
  agencyName: z.string(),
  unitId: z.uuid().nullable(),
  unitName: z.string(),
  indicatorId: z.uuid(),
  code: z.string(),
  name: z.string(),
  unitOfMeasure: z.string(),
  decimals: z.number().int(),
  objectiveId: z.uuid().nullable(),
  objectiveName: z.string().nullable(),
  target: dashboardTarget.nullable(),
  actual: z.string().nullable(),
  achievement: z.string().nullable(),
  category: z.string().nullable(),
  /** Achievement of Q1…Q4 (null where not measured). */
  quarters: z.array(z.string().nullable()),
  runId: z.uuid(),
  approved: z.boolean(),
  /** The collection values behind the figure, per period of the year (latest last). */
  drill: z.array(dashboardDrill),
});
export type DashboardIndicator = z.infer<typeof dashboardIndicator>;

export const dashboardRun = z.object({
  agencyId: z.uuid(),
  agencyName: z.string(),
  runId: z.uuid(),
  runNo: z.number().int(),
  /** The run the measurement SOP's review approved (the official figures of the year). */
  approved: z.boolean(),
  createdAt: z.string(),
  achievement: z.string().nullable(),
  category: z.string().nullable(),
});

export const dashboardCompleteness = z.object({
  agencyId: z.uuid(),
  agencyName: z.string(),
  periodId: z.uuid(),
  period: z.string(),
  label: z.string(),
  status: z.enum(['open', 'locked']),
  required: z.number().int(),
  entered: z.number().int(),
  units: z.array(
    z.object({
      unitId: z.uuid().nullable(),
      unitName: z.string(),
      required: z.number().int(),
      entered: z.number().int(),
      status: z.string(),
    }),
  ),
});

export const dashboardOverdueTask = z.object({
  taskId: z.uuid(),
  caseId: z.uuid(),
  caseNumber: z.number().int(),
  caseSubject: z.string(),
  agencyName: z.string(),
  sopTitle: z.string(),
  stepNo: z.number().int(),
  stepText: z.string(),
  dueAt: z.string(),
  /** Calendar days past the due time (fractional). */
  overdueDays: z.number(),
});

const timelinessFigures = {
  done: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  /** Mean time from opening to completion, in calendar days (fractional). */
  avgActualDays: z.number().nullable(),
  /** Mean time the mutu baku allowed (opening to due time), in calendar days. */
  avgStandardDays: z.number().nullable(),
};

export const dashboardTimeliness = z.object({
  ...timelinessFigures,
  bySop: z.array(z.object({ sopId: z.uuid(), sopTitle: z.string(), agencyName: z.string(), ...timelinessFigures })),
  overdue: z.array(dashboardOverdueTask),
});

export const dashboard = z.object({
  year: z.number().int(),
  agencyId: z.uuid().nullable(),
  /** The agencies the asking person may see (the filter's choices). */
  agencies: z.array(z.object({ id: z.uuid(), name: z.string() })),
  bands: z.array(dashboardBand),
  runs: z.array(dashboardRun),
  /** Agencies in view with no measurement of the year yet. */
  unmeasured: z.array(z.object({ id: z.uuid(), name: z.string() })),
  objectives: z.array(
    z.object({
      agencyId: z.uuid(),
      agencyName: z.string(),
      nodeId: z.uuid(),
      code: z.string(),
      name: z.string(),
      achievement: z.string().nullable(),
      category: z.string().nullable(),
      approved: z.boolean(),
    }),
  ),
  units: z.array(
    z.object({
      agencyId: z.uuid(),
      agencyName: z.string(),
      unitId: z.uuid().nullable(),
      unitName: z.string(),
      achievement: z.string().nullable(),
      category: z.string().nullable(),
      approved: z.boolean(),
    }),
  ),
  /** Mean achievement of the measured indicators per quarter. */
  periods: z.array(z.object({ period: z.string(), achievement: z.string().nullable(), measured: z.number().int() })),
  indicators: z.array(dashboardIndicator),
  weakest: z.array(dashboardIndicator),
  strongest: z.array(dashboardIndicator),
  completeness: z.array(dashboardCompleteness),
  timeliness: dashboardTimeliness,
});
export type Dashboard = z.infer<typeof dashboard>;

// ── the public page of a government ──
export const publicAchievementsSetting = z.object({
  enabled: z.boolean(),
  /** The government's code: the public page is /publik/<code>. */
  code: z.string(),
  updatedAt: z.string(),
});
export type PublicAchievementsSetting = z.infer<typeof publicAchievementsSetting>;
export const updatePublicAchievementsBody = z.strictObject({ enabled: z.boolean() });

export const publicAchievementsParams = z.strictObject({ code: z.string().trim().min(1).max(64) });
export const publicAchievementsQuery = z.strictObject({ year: yearQuery.optional() });

const publicIndicator = z.object({
  code: z.string(),
  name: z.string(),
  unitOfMeasure: z.string(),
  target: dashboardTarget.nullable(),
  actual: z.string().nullable(),
  achievement: z.string().nullable(),
  category: z.string().nullable(),
});

/** Approved achievements only, with no personal data: names of agencies, objectives, indicators, figures. */
export const publicAchievements = z.object({
  government: z.object({ code: z.string(), name: z.string() }),
  year: z.number().int(),
  /** Years with approved figures, newest first. */
  years: z.array(z.number().int()),
  bands: z.array(dashboardBand),
  agencies: z.array(
    z.object({
      name: z.string(),
      achievement: z.string().nullable(),
      category: z.string().nullable(),
      approvedOn: z.string(),
      objectives: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          achievement: z.string().nullable(),
          category: z.string().nullable(),
          indicators: z.array(publicIndicator),
        }),
      ),
    }),
  ),
});
export type PublicAchievements = z.infer<typeof publicAchievements>;
