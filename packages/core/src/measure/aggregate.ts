import { divRound, fromMicros, toMicros } from './decimal.js';

/** How an indicator's quarterly actuals (or targets) make its year. */
export type QuarterRule = 'sum' | 'last' | 'average' | 'max';

export interface AggregateResult {
  /** The year's figure as a decimal string; null when no quarter has a value. */
  value: string | null;
  /** Quarters that had a value (of those given). */
  present: number;
  /** Every quarter given had a value. */
  complete: boolean;
}

/**
 * Combines quarters (in order, Q1 first; null where nothing was entered) into the year:
 *
 * - `sum` (flows: documents issued, instruments re-verified): the sum of the quarters present;
 * - `last` (stocks and percentages): the latest quarter that has a value;
 * - `average`: the mean of the quarters present, exact to six decimals (rounded half away from zero);
 * - `max`: the largest value present.
 *
 * Missing quarters are skipped, never read as zero; `complete` says whether any was missing, so a
 * report can say "data belum lengkap" instead of showing a partial sum as the year's figure.
 */
export function aggregateQuarters(values: readonly (string | null)[], rule: QuarterRule): AggregateResult {
  const present: bigint[] = [];
  let lastIndex = -1;
  values.forEach((v, i) => {
    if (v !== null && v.trim() !== '') {
      present.push(toMicros(v));
      lastIndex = i;
    }
  });
  const complete = present.length === values.length;
  if (present.length === 0) return { value: null, present: 0, complete };
  let micros: bigint;
  switch (rule) {
    case 'sum':
      micros = present.reduce((a, b) => a + b, 0n);
      break;
    case 'last':
      micros = toMicros(values[lastIndex]!);
      break;
    case 'average':
      micros = divRound(
        present.reduce((a, b) => a + b, 0n),
        BigInt(present.length),
      );
      break;
    case 'max':
      // biome-ignore lint/complexity/useMathMinMax: BigInt values; Math.max takes numbers only
      micros = present.reduce((a, b) => (b > a ? b : a));
      break;
  }
  return { value: fromMicros(micros), present: present.length, complete };
}
