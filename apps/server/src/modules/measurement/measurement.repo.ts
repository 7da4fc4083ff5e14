import type { Queryable } from '../../db/database.js';

// What measuring a year reads: the current performance agreements of the year with their
// indicators, targets (rencana aksi per quarter and the year) and the realisasi entered in the
// year's collection periods (quarters or months); and the plan nodes the indicators hang on.
// The first comes as one JSON document, because a government's year is tens of thousands of
// figures and the embedded database hands over one large value far faster than many rows.

export type TargetTriple = [string | null, string | null, string | null];

export interface AgreementIndicatorRow {
  agreement_id: string;
  agency_id: string;
  unit_id: string | null;
  plan_id: string;
  indicator_id: string;
  node_id: string;
  direction: 'higher_better' | 'lower_better' | 'range';
  lower_better_formula: 'inverse_difference' | 'ratio';
  aggregation: 'sum' | 'last' | 'average' | 'max';
  weight: string | null;
  /** period ('q1'…'q4', 'year') → [value, low, high], exact as text. */
  targets: Record<string, TargetTriple> | null;
  /** period ('q1'…'q4', 'm01'…'m12') → [actual, budget spent in the period], exact as text. */
  actuals: Record<string, [string, string | null]> | null;
}

type Packed = [
  string,
  string,
  string | null,
  string,
  string,
  string,
  AgreementIndicatorRow['direction'],
  AgreementIndicatorRow['lower_better_formula'],
  AgreementIndicatorRow['aggregation'],
  string | null,
  Record<string, TargetTriple> | null,
  Record<string, [string, string | null]> | null,
];

export async function agreementIndicators(
  db: Queryable,
  governmentId: string,
  year: number,
  agencyId: string | null,
): Promise<AgreementIndicatorRow[]> {
  const rows = await db.query<{ data: string }>(
    `SELECT coalesce(json_agg(json_build_array(pa.id, pa.agency_id, pa.unit_id, pa.plan_id, pi.id, pi.node_id,
              pi.direction, pi.lower_better_formula, pi.aggregation, pi.weight::text, tg.t, av.a)
              ORDER BY pa.agency_id, pa.unit_id NULLS FIRST, pai.sort_order, pi.sort_order), '[]')::text AS data
       FROM performance_agreements pa
       JOIN performance_agreement_indicators pai ON pai.agreement_id = pa.id
       JOIN plan_indicators pi ON pi.id = pai.indicator_id
       LEFT JOIN LATERAL (
         SELECT json_object_agg(t.period, json_build_array(t.target_value::text, t.target_low::text, t.target_high::text)) AS t
           FROM performance_agreement_targets t WHERE t.agreement_indicator_id = pai.id) tg ON true
       LEFT JOIN LATERAL (
         SELECT json_object_agg(cp.period, json_build_array(cv.actual::text, cv.budget_spent::text)) AS a
           FROM collection_values cv JOIN collection_periods cp ON cp.id = cv.period_id AND cp.year = pa.year
          WHERE cv.government_id = pa.government_id AND cv.indicator_id = pi.id
            AND cv.unit_id IS NOT DISTINCT FROM pa.unit_id) av ON true
      WHERE pa.government_id = $1 AND pa.year = $2 AND pa.is_current
        AND ($3::uuid IS NULL OR pa.agency_id = $3)`,
    [governmentId, year, agencyId],
  );
  const packed = JSON.parse(rows[0]?.data ?? '[]') as Packed[];
  return packed.map((p) => ({
    agreement_id: p[0],
    agency_id: p[1],
    unit_id: p[2],
    plan_id: p[3],
    indicator_id: p[4],
    node_id: p[5],
    direction: p[6],
    lower_better_formula: p[7],
    aggregation: p[8],
    weight: p[9],
    targets: p[10],
    actuals: p[11],
  }));
}

export interface NodeRow {
  id: string;
  plan_id: string;
  parent_id: string | null;
  kind: string;
}

export async function nodesOfPlans(db: Queryable, planIds: string[]): Promise<NodeRow[]> {
  if (planIds.length === 0) return [];
  return db.query<NodeRow>(
    'SELECT id, plan_id, parent_id, kind FROM plan_nodes WHERE plan_id = ANY($1::uuid[]) AND active ORDER BY plan_id, sort_order, code, id',
    [planIds],
  );
}

/** The pagu of each agreement, per plan node (program, activity, sub-activity), in rupiah. */
export async function budgetsOfAgreements(
  db: Queryable,
  agreementIds: string[],
): Promise<{ agreement_id: string; node_id: string; amount: string }[]> {
  if (agreementIds.length === 0) return [];
  return db.query(
    'SELECT agreement_id, node_id, amount::text AS amount FROM performance_agreement_budgets WHERE agreement_id = ANY($1::uuid[])',
    [agreementIds],
  );
}
