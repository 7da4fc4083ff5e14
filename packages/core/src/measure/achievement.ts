import { divRound, formatScaled, MICRO_DIGITS, toMicros } from './decimal.js';

/**
 * Achievement (capaian) of one actual against one target, as DESIGN.md §5 defines it:
 *
 * - higher is better: actual / target × 100;
 * - lower is better: `inverse_difference` (2 − actual / target) × 100, or `ratio` target / actual × 100;
 * - a range target [low, high]: inside → 100; below → against low, above → against high. Against a
 *   bound the indicator's own rule applies (higher-is-better: a / bound; lower-is-better: its formula).
 *   A `range` indicator is hurt on both sides: below is measured as higher-is-better against low,
 *   above with its lower-is-better formula against high.
 *
 * The result is an exact decimal string rounded half away from zero (2 decimals unless asked).
 * Where no number is defined the value is null with a reason, never NaN or Infinity:
 * `no_actual` (nothing entered), `no_target`, `zero_target` (a target or the bound measured against
 * is 0), `zero_actual` (the `ratio` formula with an actual of 0).
 */
export type AchievementDirection = 'higher_better' | 'lower_better' | 'range';
export type LowerBetterFormula = 'inverse_difference' | 'ratio';
export type AchievementNullReason = 'no_actual' | 'no_target' | 'zero_target' | 'zero_actual';

export interface AchievementInput {
  direction: AchievementDirection;
  lowerBetterFormula: LowerBetterFormula;
  target: { value: string | null; low: string | null; high: string | null } | null;
  actual: string | null;
  /** Decimals of the result; 2 unless given (0…6). */
  decimals?: number;
}

export type AchievementResult = { value: string; reason: null } | { value: null; reason: AchievementNullReason };

const SCALE = MICRO_DIGITS;
const scaled = toMicros;

/** 100 × num / den as a decimal string with `d` decimals, rounded once, half away from zero. */
function percent(num: bigint, den: bigint, d: number): string {
  return formatScaled(divRound(num * 100n * 10n ** BigInt(d), den), d);
}

type Rule = 'higher' | LowerBetterFormula;

function against(rule: Rule, actual: bigint, target: bigint, d: number): AchievementResult {
  if (target === 0n) return { value: null, reason: 'zero_target' };
  switch (rule) {
    case 'higher':
      return { value: percent(actual, target, d), reason: null };
    case 'inverse_difference':
      return { value: percent(2n * target - actual, target, d), reason: null };
    case 'ratio':
      if (actual === 0n) return { value: null, reason: 'zero_actual' };
      return { value: percent(target, actual, d), reason: null };
  }
}

export function achievement(input: AchievementInput): AchievementResult {
  const d = Math.max(0, Math.min(SCALE, Math.trunc(input.decimals ?? 2)));
  if (input.actual === null || input.actual.trim() === '') return { value: null, reason: 'no_actual' };
  const t = input.target;
  const a = scaled(input.actual);
  const lower: Rule = input.lowerBetterFormula;
  const own: Rule = input.direction === 'higher_better' ? 'higher' : lower;
  if (t?.value != null) {
    // A single target for a `range` indicator: measured as lower-is-better above it, higher below.
    const v = scaled(t.value);
    if (input.direction === 'range') {
      if (a === v) return v === 0n ? { value: null, reason: 'zero_target' } : { value: '100', reason: null };
      return against(a > v ? lower : 'higher', a, v, d);
    }
    return against(own, a, v, d);
  }
  if (t?.low != null && t.high != null) {
    const low = scaled(t.low);
    const high = scaled(t.high);
    if (a >= low && a <= high) return { value: '100', reason: null };
    if (a < low) return against(input.direction === 'range' ? 'higher' : own, a, low, d);
    return against(input.direction === 'range' ? lower : own, a, high, d);
  }
  return { value: null, reason: 'no_target' };
}
