import {
  formatIndonesianNumber,
  type Locale,
  type PlanNode,
  type PlanNodeKind,
  parseIndonesianNumber,
  type Target,
} from '@sidakin/core';

/** A decimal string for people: `1.234,50` in Bahasa Indonesia, `1,234.50` in English. */
export function formatDecimal(value: string | null | undefined, decimals: number, locale: Locale): string {
  if (value === null || value === undefined || value === '') return '—';
  const id = formatIndonesianNumber(value, decimals);
  return locale === 'en' ? id.replace(/[.,]/g, (c) => (c === '.' ? ',' : '.')) : id;
}

/** One value or a range `low – high`, with the indicator's decimals. */
export function formatTarget(target: Target | null | undefined, decimals: number, locale: Locale): string {
  if (!target) return '—';
  if (target.value !== null) return formatDecimal(target.value, decimals, locale);
  if (target.low !== null && target.high !== null) {
    return `${formatDecimal(target.low, decimals, locale)} – ${formatDecimal(target.high, decimals, locale)}`;
  }
  return '—';
}

/** Rupiah as printed on budget documents: `Rp 1.250.000.000`. */
export function formatRupiah(value: string | null | undefined, locale: Locale): string {
  if (!value) return '—';
  const fraction = value.includes('.') ? 2 : 0;
  return `Rp ${formatDecimal(value, fraction, locale)}`;
}

/** A decimal as a person edits it: no grouping, the decimal comma in Bahasa Indonesia. */
export function editableDecimal(value: string | null | undefined, locale: Locale): string {
  if (value === null || value === undefined) return '';
  return locale === 'en' ? value : value.replace('.', ',');
}

/**
 * What a number field sends. In Bahasa Indonesia "1.250" is a thousand and "7,125" a fraction, so
 * the figure is read that way here and sent exact; in English the text goes as typed and the server
 * refuses what could be read two ways.
 */
export function decimalToSend(
  text: string,
  locale: Locale,
): { ok: true; value: string } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (locale === 'en') return { ok: true, value: trimmed };
  const parsed = parseIndonesianNumber(trimmed, { ambiguous: 'indonesian' });
  return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, message: parsed.message[locale] };
}

export interface PlanTreeNode {
  node: PlanNode;
  children: PlanTreeNode[];
}

/** The plan's nodes (depth-first from the server) as a forest; a node whose parent is missing sits at the top. */
export function buildPlanTree(nodes: readonly PlanNode[]): PlanTreeNode[] {
  const ids = new Set(nodes.map((n) => n.id));
  const childrenOf = new Map<string | null, PlanNode[]>();
  for (const node of nodes) {
    const parent = node.parentId && ids.has(node.parentId) ? node.parentId : null;
    const list = childrenOf.get(parent) ?? [];
    list.push(node);
    childrenOf.set(parent, list);
  }
  const seen = new Set<string>();
  const build = (parent: string | null): PlanTreeNode[] =>
    (childrenOf.get(parent) ?? [])
      .filter((node) => {
        if (seen.has(node.id)) return false;
        seen.add(node.id);
        return true;
      })
      .map((node) => ({ node, children: build(node.id) }));
  return build(null);
}

export const quarterLabels = { q1: 'T1', q2: 'T2', q3: 'T3', q4: 'T4' } as const;

/** The kind of node that goes under each kind (a sub-activity has none). */
export const childKindOf: Record<PlanNodeKind, PlanNodeKind | null> = {
  goal: 'objective',
  objective: 'program',
  program: 'activity',
  activity: 'sub_activity',
  sub_activity: null,
};
