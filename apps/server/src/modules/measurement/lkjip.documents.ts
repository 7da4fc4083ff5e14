import {
  change,
  type MeasuredAgreement,
  type MeasuredBudget,
  type MeasureTarget,
  type PaceStatus,
  renstraPace,
} from '@sidakin/core';
import type { Queryable } from '../../db/database.js';
import type { RequestContext } from '../../http/context.js';
import {
  type DocIndicator,
  type DocNode,
  loadMeasurementDocument,
  type MeasurementDocument,
} from './measurement.documents.js';
import * as repo from './measurement.documents.repo.js';
import type { AgreementInputs } from './measurement.service.js';

/**
 * The tables of chapter III of the LKjIP (Laporan Kinerja Instansi Pemerintah, PermenPANRB
 * 53/2014, "Akuntabilitas Kinerja"): for each sasaran of the agency's Perjanjian Kinerja its
 * indicators with target, realisasi, capaian and category; the same indicators against the two
 * years before; against the Renstra's end target; and the budget beside the results (pagu,
 * realisasi, penyerapan, efisiensi). Everything comes from one run of the year and, for the
 * earlier years, from each year's official run (approved by the measurement SOP, or else the
 * current one), so the tables reproduce.
 */

export interface LkjipEarlier {
  year: number;
  actual: string | null;
  achievement: string | null;
}

export interface LkjipIndicator {
  ind: DocIndicator;
  /** The years before, oldest first (always two entries). */
  earlier: LkjipEarlier[];
  /** Capaian this year − capaian last year, in percentage points. */
  change: string | null;
  renstra: {
    planName: string;
    startYear: number;
    endYear: number;
    baseline: string | null;
    baselineYear: number | null;
    yearTarget: MeasureTarget | null;
    endTarget: MeasureTarget | null;
    againstEnd: string | null;
    fromBaseline: string | null;
    /** The share of the Renstra's years gone by, percent. */
    expected: string;
    status: PaceStatus;
  } | null;
}

export interface LkjipObjective {
  node: DocNode;
  indicators: LkjipIndicator[];
  /** The programs, activities and sub-activities under the sasaran whose spending was reported. */
  spending: DocNode[];
}

export interface LkjipDocument {
  base: MeasurementDocument;
  /** The two years before, oldest first, and where their figures come from. */
  earlierYears: { year: number; source: string | null }[];
  objectives: LkjipObjective[];
  budget: MeasuredBudget | null;
}

const statusTexts: Record<PaceStatus, string> = {
  on_track: 'Sesuai jadwal',
  behind: 'Tertinggal',
  unmeasured: 'Belum dapat dinilai',
};
export const paceText = (s: PaceStatus) => statusTexts[s];

const target = (v: string | null, low: string | null, high: string | null): MeasureTarget | null =>
  v !== null ? { value: v, low: null, high: null } : low !== null && high !== null ? { value: null, low, high } : null;

/** Each indicator's annual figures in a run's own agreement (the agency's, not a unit's). */
function annualOf(results: MeasuredAgreement[]): Map<string, { actual: string | null; achievement: string | null }> {
  const own = results.find((r) => r.unitId === null) ?? results[0];
  return new Map(
    (own?.result.indicators ?? []).map((i) => [i.id, { actual: i.annual.actual, achievement: i.annual.achievement }]),
  );
}

export async function loadLkjipDocument(opts: {
  db: Queryable;
  ctx: RequestContext;
  governmentId: string;
  runId: string;
  now?: Date;
}): Promise<LkjipDocument> {
  const base = await loadMeasurementDocument({ ...opts, kind: 'lkjip' });
  const { db, governmentId } = opts;
  const year = base.year;
  const years = [year - 2, year - 1];
  const [earlierRuns, renstraRows, inputs] = await Promise.all([
    repo.officialRuns(db, governmentId, base.run.agencyId, years),
    repo.renstraOf(
      db,
      governmentId,
      base.own.indicators.map((i) => i.id),
      year,
    ),
    repo.runInputs(db, governmentId, base.run.id) as Promise<AgreementInputs[]>,
  ]);
  const earlierYears = years.map((y) => {
    const r = earlierRuns.find((x) => x.year === y);
    return {
      year: y,
      source: r ? `Pengukuran ke-${r.run_no} tahun ${y}${r.approved ? ' (disetujui)' : ''}` : null,
      figures: r ? annualOf(r.results as MeasuredAgreement[]) : null,
    };
  });
  const renstra = new Map(renstraRows.map((r) => [r.id, r]));
  const rules = new Map((inputs.find((a) => a.unitId === null) ?? inputs[0])?.indicators.map((i) => [i.id, i]) ?? []);

  const indicatorOf = (ind: DocIndicator): LkjipIndicator => {
    const earlier = earlierYears.map((e) => ({
      year: e.year,
      actual: e.figures?.get(ind.id)?.actual ?? null,
      achievement: e.figures?.get(ind.id)?.achievement ?? null,
    }));
    const r = renstra.get(ind.id);
    const rule = rules.get(ind.id);
    let plan: LkjipIndicator['renstra'] = null;
    if (r && rule) {
      const endTarget = target(r.end_target_value, r.end_target_low, r.end_target_high);
      plan = {
        planName: r.plan_name,
        startYear: r.start_year,
        endYear: r.end_year,
        baseline: r.baseline_value,
        baselineYear: r.baseline_year,
        yearTarget: target(r.target_value, r.target_low, r.target_high),
        endTarget,
        ...renstraPace({
          actual: ind.annual.actual,
          endTarget,
          baseline: r.baseline_value,
          direction: rule.direction,
          lowerBetterFormula: rule.lowerBetterFormula,
          startYear: r.start_year,
          endYear: r.end_year,
          year,
          decimals: base.method.decimals,
        }),
      };
    }
    return {
      ind,
      earlier,
      change: change(ind.annual.achievement, earlier[1]?.achievement ?? null, base.method.decimals),
      renstra: plan,
    };
  };

  const spendingUnder = (n: DocNode): DocNode[] =>
    n.children.flatMap((c) =>
      c.kind === 'objective' ? [] : [...(c.budget?.spent != null ? [c] : []), ...spendingUnder(c)],
    );
  const objectives = base.own.groups.map((g) => ({
    node: g.node,
    indicators: g.indicators.map(indicatorOf),
    spending: spendingUnder(g.node),
  }));
  return {
    base,
    earlierYears: earlierYears.map(({ year: y, source }) => ({ year: y, source })),
    objectives,
    budget: base.own.budget,
  };
}
