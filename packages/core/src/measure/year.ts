import {
  type AchievementDirection,
  type AchievementNullReason,
  achievement,
  type LowerBetterFormula,
} from './achievement.js';
import { type AggregateResult, aggregateQuarters, type QuarterRule } from './aggregate.js';
import { fromMicros, toMicros } from './decimal.js';
import { budgetAbsorption, type EfficiencyFormula, efficiency } from './efficiency.js';
import { type RollUpResult, rollUp } from './rollup.js';
import { type CategoryScale, categorize, permendagri86Scale } from './scale.js';

/** A target: one value, or a range. */
export interface MeasureTarget {
  value: string | null;
  low: string | null;
  high: string | null;
}

export interface MeasureIndicator {
  id: string;
  /** The plan node the indicator sits on (its objective, goal, program…). */
  nodeId: string | null;
  direction: AchievementDirection;
  lowerBetterFormula: LowerBetterFormula;
  aggregation: QuarterRule;
  /** Relative weight within its node (default 1). */
  weight?: string | null;
  /** Targets of Q1…Q4 (rencana aksi) and of the year. */
  quarterTargets: readonly (MeasureTarget | null)[];
  annualTarget: MeasureTarget | null;
  /** Actuals of Q1…Q4; null where nothing was entered. */
  quarterActuals: readonly (string | null)[];
  budgetCeiling?: string | null;
  budgetSpent?: string | null;
}

export interface MeasureNode {
  id: string;
  parentId: string | null;
  kind: string;
  weight?: string | null;
}

export interface MeasureOptions {
  scale?: CategoryScale;
  /** Decimals of every achievement (default 2). */
  decimals?: number;
  /** Achievements above this are reported at it (e.g. '120'); none by default. */
  cap?: string | null;
  efficiency?: EfficiencyFormula;
  /** Node kind whose achievements make the agency's (default 'objective', the sasaran). */
  agencyFrom?: string;
}

export interface Measured {
  actual: string | null;
  achievement: string | null;
  reason: AchievementNullReason | null;
}

export interface IndicatorResult {
  id: string;
  quarters: Measured[];
  annual: Measured & {
    complete: boolean;
    category: string | null;
    capped: boolean;
    absorption: string | null;
    efficiency: string | null;
  };
}

export interface NodeResult extends RollUpResult {
  id: string;
  /** Measured from its own indicators, or (having none) from its children. */
  from: 'indicators' | 'children' | 'none';
  category: string | null;
}

export interface YearResult {
  indicators: IndicatorResult[];
  nodes: NodeResult[];
  agency: RollUpResult & { category: string | null };
}

/**
 * Measures one agency's year (DESIGN.md §5): each indicator's quarters against their rencana aksi
 * targets; the year's actual from the quarters by the indicator's rule, against the annual target,
 * capped if asked, with its category and its efficiency beside budget absorption; then each plan
 * node from its own indicators (or, having none, from its child nodes), and the agency from its
 * objectives. Pure and exact: the same inputs give the same strings on every machine.
 */
export function measureYear(
  indicators: readonly MeasureIndicator[],
  nodes: readonly MeasureNode[],
  options: MeasureOptions = {},
): YearResult {
  const scale = options.scale ?? permendagri86Scale;
  const decimals = options.decimals ?? 2;
  const cap = options.cap == null ? null : toMicros(options.cap);
  const results: IndicatorResult[] = [];
  const byNode = new Map<string, { value: string | null; weight: string | null }[]>();

  for (const ind of indicators) {
    const quarters: Measured[] = [];
    for (let q = 0; q < 4; q++) {
      const actual = ind.quarterActuals[q] ?? null;
      const r = achievement({
        direction: ind.direction,
        lowerBetterFormula: ind.lowerBetterFormula,
        target: ind.quarterTargets[q] ?? null,
        actual,
        decimals,
      });
      quarters.push({ actual, achievement: r.value, reason: r.reason });
    }
    const year: AggregateResult = aggregateQuarters(ind.quarterActuals.slice(0, 4), ind.aggregation);
    const r = achievement({
      direction: ind.direction,
      lowerBetterFormula: ind.lowerBetterFormula,
      target: ind.annualTarget,
      actual: year.value,
      decimals,
    });
    let value = r.value;
    let capped = false;
    if (value !== null && cap !== null && toMicros(value) > cap) {
      value = fromMicros(cap, decimals);
      capped = true;
    }
    const absorption = budgetAbsorption(ind.budgetSpent ?? null, ind.budgetCeiling ?? null, decimals);
    results.push({
      id: ind.id,
      quarters,
      annual: {
        actual: year.value,
        achievement: value,
        reason: r.reason,
        complete: year.complete,
        category: categorize(value, scale)?.key ?? null,
        capped,
        absorption,
        efficiency: efficiency(value, absorption, options.efficiency ?? 'difference', decimals),
      },
    });
    if (ind.nodeId) {
      const list = byNode.get(ind.nodeId) ?? [];
      list.push({ value, weight: ind.weight ?? null });
      byNode.set(ind.nodeId, list);
    }
  }

  // Nodes bottom-up: children before parents (depth from the root, deepest first).
  const children = new Map<string, MeasureNode[]>();
  for (const n of nodes) {
    if (!n.parentId) continue;
    const list = children.get(n.parentId);
    if (list) list.push(n);
    else children.set(n.parentId, [n]);
  }
  const depth = new Map<string, number>();
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const depthOf = (n: MeasureNode): number => {
    const known = depth.get(n.id);
    if (known !== undefined) return known;
    let d = 0;
    let p = n.parentId ? byId.get(n.parentId) : undefined;
    const seen = new Set([n.id]);
    while (p && !seen.has(p.id)) {
      seen.add(p.id);
      d++;
      p = p.parentId ? byId.get(p.parentId) : undefined;
    }
    depth.set(n.id, d);
    return d;
  };
  const order = [...nodes].sort((a, b) => depthOf(b) - depthOf(a));
  const nodeResults = new Map<string, NodeResult>();
  for (const n of order) {
    const own = byNode.get(n.id) ?? [];
    let res: RollUpResult;
    let from: NodeResult['from'] = 'none';
    const ownRes = rollUp(own, decimals);
    if (ownRes.measured > 0) {
      res = ownRes;
      from = 'indicators';
    } else {
      const kids = (children.get(n.id) ?? []).map((c) => ({
        value: nodeResults.get(c.id)?.value ?? null,
        weight: c.weight ?? null,
      }));
      const kidRes = rollUp(kids, decimals);
      res = kidRes.measured > 0 ? kidRes : ownRes;
      if (kidRes.measured > 0) from = 'children';
    }
    nodeResults.set(n.id, { id: n.id, ...res, from, category: categorize(res.value, scale)?.key ?? null });
  }
  const agencyKind = options.agencyFrom ?? 'objective';
  let top = nodes.filter((n) => n.kind === agencyKind);
  if (top.length === 0) top = nodes.filter((n) => !n.parentId);
  const agency = rollUp(
    top.map((n) => ({ value: nodeResults.get(n.id)?.value ?? null, weight: n.weight ?? null })),
    decimals,
  );
  return {
    indicators: results,
    nodes: nodes.map((n) => nodeResults.get(n.id)!),
    agency: { ...agency, category: categorize(agency.value, scale)?.key ?? null },
  };
}
