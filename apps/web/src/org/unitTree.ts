import type { Unit } from '@sidakin/core';

export interface UnitNode {
  unit: Unit;
  depth: number;
  children: UnitNode[];
}

function byOrder(a: Unit, b: Unit): number {
  return a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'id');
}

/** Units as a forest; a unit whose parent is not in the list is shown at the top level. */
export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const ids = new Set(units.map((u) => u.id));
  const childrenOf = new Map<string | null, Unit[]>();
  for (const unit of units) {
    const parent = unit.parentId && ids.has(unit.parentId) ? unit.parentId : null;
    const list = childrenOf.get(parent) ?? [];
    list.push(unit);
    childrenOf.set(parent, list);
  }
  const seen = new Set<string>();
  const build = (parent: string | null, depth: number): UnitNode[] =>
    (childrenOf.get(parent) ?? [])
      .slice()
      .sort(byOrder)
      .filter((unit) => {
        // Guards against a cycle in bad data: each unit is placed once.
        if (seen.has(unit.id)) return false;
        seen.add(unit.id);
        return true;
      })
      .map((unit) => ({ unit, depth, children: build(unit.id, depth + 1) }));
  return build(null, 0);
}

/** Depth-first order, for indented lists and selects. */
export function flattenUnitTree(nodes: readonly UnitNode[]): UnitNode[] {
  const out: UnitNode[] = [];
  const walk = (list: readonly UnitNode[]) => {
    for (const node of list) {
      out.push(node);
      walk(node.children);
    }
  };
  walk(nodes);
  return out;
}

/** The unit and everything below it, so a unit cannot be moved under its own subtree. */
export function subtreeIds(nodes: readonly UnitNode[], rootId: string): Set<string> {
  const found = flattenUnitTree(nodes).find((node) => node.unit.id === rootId);
  const out = new Set<string>();
  if (!found) return out;
  for (const node of flattenUnitTree([found])) out.add(node.unit.id);
  return out;
}
