import { type AchievementDirection, achievement, type LowerBetterFormula } from './achievement.js';
import { fromMicros, ratioMicros, toMicros } from './decimal.js';

/** Budget absorption (penyerapan anggaran): spent / ceiling × 100; null without a ceiling. */
export function budgetAbsorption(spent: string | null, ceiling: string | null, decimals = 2): string | null {
  if (spent === null || ceiling === null) return null;
  const r = ratioMicros(toMicros(spent) * 100n, toMicros(ceiling));
  return r === null ? null : fromMicros(r, decimals);
}

/**
 * How an agency states efficiency, chosen per government:
 * - `difference`: achievement − absorption, in percentage points (positive: more result than money
 *   used; the form most LKjIP tables print as "tingkat efisiensi");
 * - `ratio`: achievement / absorption × 100 (100 means results and spending kept pace).
 */
export type EfficiencyFormula = 'difference' | 'ratio';

export function efficiency(
  achievement: string | null,
  absorption: string | null,
  formula: EfficiencyFormula,
  decimals = 2,
): string | null {
  if (achievement === null || absorption === null) return null;
  const a = toMicros(achievement);
  const b = toMicros(absorption);
  if (formula === 'difference') return fromMicros(a - b, decimals);
  const r = ratioMicros(a * 100n, b);
  return r === null ? null : fromMicros(r, decimals);
}

/** Change from the previous year (current − previous), or null when either is missing. */
export function change(current: string | null, previous: string | null, decimals = 2): string | null {
  if (current === null || previous === null) return null;
  return fromMicros(toMicros(current) - toMicros(previous), decimals);
}

/**
 * Progress toward the Renstra's end target, two ways reports use:
 * - `againstEnd`: the latest actual measured against the end target with the indicator's own rule;
 * - `fromBaseline`: how far along from the baseline to the end target, (actual − baseline) /
 *   (end − baseline) × 100 — for lower-is-better indicators too, since both differences turn sign
 *   together. Null when the end target equals the baseline or a figure is missing.
 */
export function renstraProgress(input: {
  actual: string | null;
  endTarget: string | null;
  baseline: string | null;
  direction: AchievementDirection;
  lowerBetterFormula: LowerBetterFormula;
  decimals?: number;
}): { againstEnd: string | null; fromBaseline: string | null } {
  const d = input.decimals ?? 2;
  const againstEnd =
    input.endTarget === null
      ? null
      : achievement({
          direction: input.direction,
          lowerBetterFormula: input.lowerBetterFormula,
          target: { value: input.endTarget, low: null, high: null },
          actual: input.actual,
          decimals: d,
        }).value;
  let fromBaseline: string | null = null;
  if (input.actual !== null && input.endTarget !== null && input.baseline !== null) {
    const base = toMicros(input.baseline);
    const r = ratioMicros((toMicros(input.actual) - base) * 100n, toMicros(input.endTarget) - base);
    fromBaseline = r === null ? null : fromMicros(r, d);
  }
  return { againstEnd, fromBaseline };
}

export type PaceStatus = 'on_track' | 'behind' | 'unmeasured';

/**
 * Whether an indicator keeps pace with its Renstra: its progress from the baseline toward the end
 * target (or, without a baseline or with an end range, its actual against the end target) set
 * against the share of the Renstra's years gone by in `year` (`expected`, percent).
 */
export function renstraPace(input: {
  actual: string | null;
  /** The end target: one value, or a range. */
  endTarget: { value: string | null; low: string | null; high: string | null } | null;
  baseline: string | null;
  direction: AchievementDirection;
  lowerBetterFormula: LowerBetterFormula;
  startYear: number;
  endYear: number;
  year: number;
  decimals?: number;
}): { againstEnd: string | null; fromBaseline: string | null; expected: string; status: PaceStatus } {
  const d = input.decimals ?? 2;
  const againstEnd = achievement({
    direction: input.direction,
    lowerBetterFormula: input.lowerBetterFormula,
    target: input.endTarget,
    actual: input.actual,
    decimals: d,
  }).value;
  const fromBaseline =
    input.endTarget?.value == null
      ? null
      : renstraProgress({ ...input, endTarget: input.endTarget.value, decimals: d }).fromBaseline;
  const span = input.endYear - input.startYear + 1;
  const passed = Math.min(span, Math.max(0, input.year - input.startYear + 1));
  const expected = fromMicros(ratioMicros(BigInt(passed) * 100_000_000n, BigInt(span) * 1_000_000n) ?? 0n, 2);
  const judged = fromBaseline ?? againstEnd;
  const status: PaceStatus =
    judged === null ? 'unmeasured' : toMicros(judged) >= toMicros(expected) ? 'on_track' : 'behind';
  return { againstEnd, fromBaseline, expected, status };
}
