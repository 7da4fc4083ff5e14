import { divRound, fromMicros, toMicros } from './decimal.js';

export interface RollUpItem {
  /** An achievement (percent) as a decimal string; null when it could not be measured. */
  value: string | null;
  /** Relative weight (default 1); 0 leaves the item out. */
  weight?: string | null;
}

export interface RollUpResult {
  /** The weighted mean of the measured items, `decimals` places; null when none was measured. */
  value: string | null;
  /** Items that counted. */
  measured: number;
  /** Items without a value (not measured: no target, no actual, …). */
  unmeasured: number;
}

/**
 * An objective's achievement from its indicators, a goal's from its objectives, the agency's from
 * its goals (DESIGN.md §5): the mean, weighted when weights are given. Items that could not be
 * measured are left out and counted, so the figure is never pulled down by a missing value read as
 * zero, and the report can say how many were missing. Negative weights are refused.
 */
export function rollUp(items: readonly RollUpItem[], decimals = 2): RollUpResult {
  let sum = 0n;
  let weights = 0n;
  let measured = 0;
  let unmeasured = 0;
  for (const item of items) {
    const w = item.weight == null || item.weight === '' ? 1_000_000n : toMicros(item.weight);
    if (w < 0n) throw new RangeError('a weight cannot be negative');
    if (item.value === null) {
      unmeasured++;
      continue;
    }
    if (w === 0n) continue;
    sum += toMicros(item.value) * w;
    weights += w;
    measured++;
  }
  if (weights === 0n) return { value: null, measured, unmeasured };
  return { value: fromMicros(divRound(sum, weights), decimals), measured, unmeasured };
}
