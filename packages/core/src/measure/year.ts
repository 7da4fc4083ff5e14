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
  /** The agreement's pagu on this node (rupiah), if it has one. */
  budgetCeiling?: string | null;
}

/**
 * Money beside results: the pagu, what was spent of it, the absorption (spent / pagu × 100) and
 * the efficiency against the achievement by the government's formula.
 */
export interface BudgetResult {
  ceiling: string | null;
  spent: string | null;
  absorption: string | null;
  efficiency: string | null;
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
  /** Present when the node or a node under it has a pagu or reported spending. */
  budget?: BudgetResult;
}

export interface YearResult {
  indicators: IndicatorResult[];
  nodes: NodeResult[];
  agency: RollUpResult & { category: string | null; budget?: BudgetResult };
}

const sumOf = (values: readonly (string | null | undefined)[]): string | null => {
  let total: bigint | null = null;
  for (const v of values) if (v != null) total = (total ?? 0n) + toMicros(v);
  return total === null ? null : fromMicros(total, 6);
};
const maxOf = (values: readonly (string | null | undefined)[]): string | null => {
  let top: bigint | null = null;
  for (const v of values) if (v != null && (top === null || toMicros(v) > top)) top = toMicros(v);
  return top === null ? null : fromMicros(top, 6);
};

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
  const formula = options.efficiency ?? 'difference';

  // The tree, bottom-up: children before parents (depth from the root, deepest first).
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

  // Money per node, before any achievement: a node's pagu is its own, or else the sum of its
  // children's (a program's pagu is not added again to its activities'); its spending is what its
  // own indicators report — the largest, since each reports the same budget line — or else the
  // sum of its children's.
  const spentOn = new Map<string, (string | null | undefined)[]>();
  for (const ind of indicators) {
    if (!ind.nodeId) continue;
    const list = spentOn.get(ind.nodeId) ?? [];
    list.push(ind.budgetSpent);
    spentOn.set(ind.nodeId, list);
  }
  const money = new Map<string, { ceiling: string | null; spent: string | null }>();
  for (const n of order) {
    const kids = (children.get(n.id) ?? []).map((c) => money.get(c.id));
    money.set(n.id, {
      ceiling: n.budgetCeiling ?? sumOf(kids.map((k) => k?.ceiling)),
      spent: maxOf(spentOn.get(n.id) ?? []) ?? sumOf(kids.map((k) => k?.spent)),
    });
  }
  const budgetOf = (m: { ceiling: string | null; spent: string | null }, value: string | null) => {
    const absorption = budgetAbsorption(m.spent, m.ceiling, decimals);
    return { ...m, absorption, efficiency: efficiency(value, absorption, formula, decimals) };
  };

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
    // An indicator's spending is set against its own pagu, or else its node's.
    const ceiling = ind.budgetCeiling ?? (ind.nodeId ? (money.get(ind.nodeId)?.ceiling ?? null) : null);
    const absorption = budgetAbsorption(ind.budgetSpent ?? null, ceiling, decimals);
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
        efficiency: efficiency(value, absorption, formula, decimals),
      },
    });
    if (ind.nodeId) {
      const list = byNode.get(ind.nodeId) ?? [];
      list.push({ value, weight: ind.weight ?? null });
      byNode.set(ind.nodeId, list);
    }
  }

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
    const m = money.get(n.id)!;
    nodeResults.set(n.id, {
      id: n.id,
      ...res,
      from,
      category: categorize(res.value, scale)?.key ?? null,
      ...(m.ceiling !== null || m.spent !== null ? { budget: budgetOf(m, res.value) } : {}),
    });
  }
  const agencyKind = options.agencyFrom ?? 'objective';
  let top = nodes.filter((n) => n.kind === agencyKind);
  if (top.length === 0) top = nodes.filter((n) => !n.parentId);
  const agency = rollUp(
    top.map((n) => ({ value: nodeResults.get(n.id)?.value ?? null, weight: n.weight ?? null })),
    decimals,
  );
  // The agency's money is that of the plan's roots (goals), so nothing is counted twice.
  const roots = nodes.filter((n) => !n.parentId).map((n) => money.get(n.id)!);
  const agencyMoney = { ceiling: sumOf(roots.map((m) => m.ceiling)), spent: sumOf(roots.map((m) => m.spent)) };
  return {
    indicators: results,
    nodes: nodes.map((n) => nodeResults.get(n.id)!),
    agency: {
      ...agency,
      category: categorize(agency.value, scale)?.key ?? null,
      ...(agencyMoney.ceiling !== null || agencyMoney.spent !== null
        ? { budget: budgetOf(agencyMoney, agency.value) }
        : {}),
    },
  };
}
