import {
  aggregateQuarters,
  collectionPeriodCodes,
  type MeasureIndicator,
  type MeasureNode,
  type MeasureOptions,
  type MeasureTarget,
  measureYear,
  targetQuarterOf,
  type YearResult,
} from '@sidakin/core';
import type { Queryable } from '../../db/database.js';
import * as repo from './measurement.repo.js';

/** One agreement measured: the agency's own (unitId null) or a unit's. */
export interface AgreementMeasurement {
  agreementId: string;
  agencyId: string;
  unitId: string | null;
  planId: string;
  result: YearResult;
}

const quarters = ['q1', 'q2', 'q3', 'q4'] as const;
const months = collectionPeriodCodes.filter((c) => c.startsWith('m'));

type PeriodValues = repo.AgreementIndicatorRow['actuals'];

/**
 * A quarter's figure — the actual (`at` 0) or the spending (`at` 1) — from its own period, or else
 * from its months combined by the rule (the indicator's own for actuals; spending is summed).
 */
function quarterFigure(
  values: PeriodValues,
  quarter: (typeof quarters)[number],
  at: 0 | 1,
  rule: MeasureIndicator['aggregation'],
): string | null {
  if (!values) return null;
  const own = values[quarter];
  if (own !== undefined) return own[at];
  const inQuarter = months.filter((m) => targetQuarterOf(m) === quarter).map((m) => values[m]?.[at] ?? null);
  return inQuarter.some((v) => v !== null) ? aggregateQuarters(inQuarter, rule).value : null;
}

function targetOf(t: [string | null, string | null, string | null] | undefined): MeasureTarget | null {
  if (!t) return null;
  return { value: t[0], low: t[1], high: t[2] };
}

/** What one agreement is measured from (stored with a run, exact). */
export interface AgreementInputs {
  agreementId: string;
  agencyId: string;
  unitId: string | null;
  planId: string;
  indicators: MeasureIndicator[];
  nodes: MeasureNode[];
}

/**
 * Reads what measuring a year needs for every current performance agreement of the year (of one
 * agency, or of the whole government). Monthly periods are first combined into their quarter by
 * the indicator's own rule; a quarter's own period, when there is one, wins.
 */
export async function loadInputs(
  db: Queryable,
  governmentId: string,
  year: number,
  agencyId: string | null = null,
): Promise<AgreementInputs[]> {
  const rows = await repo.agreementIndicators(db, governmentId, year, agencyId);
  const byAgreement = new Map<string, { head: repo.AgreementIndicatorRow; indicators: MeasureIndicator[] }>();
  for (const r of rows) {
    const quarterActuals = quarters.map((q) => quarterFigure(r.actuals, q, 0, r.aggregation));
    // Spending is entered per period; the year's is the sum of its quarters.
    const spent = aggregateQuarters(
      quarters.map((q) => quarterFigure(r.actuals, q, 1, 'sum')),
      'sum',
    ).value;
    let group = byAgreement.get(r.agreement_id);
    if (!group) {
      group = { head: r, indicators: [] };
      byAgreement.set(r.agreement_id, group);
    }
    group.indicators.push({
      id: r.indicator_id,
      nodeId: r.node_id,
      direction: r.direction,
      lowerBetterFormula: r.lower_better_formula,
      aggregation: r.aggregation,
      weight: r.weight,
      quarterTargets: quarters.map((q) => targetOf(r.targets?.[q])),
      annualTarget: targetOf(r.targets?.year),
      quarterActuals,
      ...(spent !== null ? { budgetSpent: spent } : {}),
    });
  }
  const planIds = [...new Set(rows.map((r) => r.plan_id))];
  const nodes = await repo.nodesOfPlans(db, planIds);
  const pagu = new Map<string, Map<string, string>>();
  for (const b of await repo.budgetsOfAgreements(db, [...byAgreement.keys()])) {
    const m = pagu.get(b.agreement_id) ?? new Map<string, string>();
    m.set(b.node_id, b.amount);
    pagu.set(b.agreement_id, m);
  }
  const nodesByPlan = new Map<string, MeasureNode[]>();
  for (const n of nodes) {
    const list = nodesByPlan.get(n.plan_id) ?? [];
    list.push({ id: n.id, parentId: n.parent_id, kind: n.kind });
    nodesByPlan.set(n.plan_id, list);
  }
  return [...byAgreement.values()].map(({ head, indicators }) => {
    // An agreement is measured over the nodes its indicators hang on and their ancestors.
    const planNodes = nodesByPlan.get(head.plan_id) ?? [];
    const byId = new Map(planNodes.map((n) => [n.id, n]));
    const used = new Set<string>();
    for (const ind of indicators) {
      let n = ind.nodeId ? byId.get(ind.nodeId) : undefined;
      while (n && !used.has(n.id)) {
        used.add(n.id);
        n = n.parentId ? byId.get(n.parentId) : undefined;
      }
    }
    // …and the nodes it has a pagu on (a program above an objective's indicators), with it.
    const own = pagu.get(head.agreement_id);
    for (const id of own?.keys() ?? []) {
      let n = byId.get(id);
      while (n && !used.has(n.id)) {
        used.add(n.id);
        n = n.parentId ? byId.get(n.parentId) : undefined;
      }
    }
    return {
      agreementId: head.agreement_id,
      agencyId: head.agency_id,
      unitId: head.unit_id,
      planId: head.plan_id,
      indicators,
      nodes: planNodes
        .filter((n) => used.has(n.id))
        .map((n) => (own?.has(n.id) ? { ...n, budgetCeiling: own.get(n.id)! } : n)),
    };
  });
}

/** Measures loaded inputs (pure: the same inputs and options give the same results). */
export function measureInputs(inputs: readonly AgreementInputs[], options?: MeasureOptions): AgreementMeasurement[] {
  return inputs.map((a) => ({
    agreementId: a.agreementId,
    agencyId: a.agencyId,
    unitId: a.unitId,
    planId: a.planId,
    result: measureYear(a.indicators, a.nodes, options),
  }));
}

/** Reads and measures every current agreement of a year (of one agency, or of the government). */
export async function measureAgreements(
  db: Queryable,
  governmentId: string,
  year: number,
  opts: { agencyId?: string | null; options?: MeasureOptions } = {},
): Promise<AgreementMeasurement[]> {
  return measureInputs(await loadInputs(db, governmentId, year, opts.agencyId ?? null), opts.options);
}
