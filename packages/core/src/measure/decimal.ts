import { normalizeDecimal } from '../numbers.js';

/**
 * Exact decimal arithmetic for measurement: values are counted in millionths (10⁻⁶) as BigInt,
 * the precision the database keeps (`numeric(24,6)`), so sums, means and ratios never drift the
 * way binary floating point does, and results print the same on every machine.
 */
export const MICRO_DIGITS = 6;
const MICRO = 10n ** BigInt(MICRO_DIGITS);

const plain = /^-?\d+(\.\d+)?$/;

/** "12.5" → 12500000n; digits past the sixth are dropped (the database holds six). */
export function toMicros(s: string): bigint {
  // The common case (a canonical decimal from the database or a contract) without a regex replace.
  const n = plain.test(s) ? s : normalizeDecimal(s);
  const negative = n.charCodeAt(0) === 45;
  const body = negative ? n.slice(1) : n;
  const dot = body.indexOf('.');
  const int = dot < 0 ? body : body.slice(0, dot);
  const frac = dot < 0 ? '' : body.slice(dot + 1, dot + 1 + MICRO_DIGITS);
  const v = BigInt(int + frac + '000000'.slice(frac.length));
  return negative ? -v : v;
}

/** Rounds `num / den` to the nearest integer, halves away from zero. */
export function divRound(num: bigint, den: bigint): bigint {
  if (den === 0n) throw new RangeError('division by zero');
  let n = num;
  let d = den;
  if (d < 0n) {
    d = -d;
    n = -n;
  }
  const negative = n < 0n;
  const q = ((negative ? -n : n) * 2n + d) / (2n * d);
  return negative ? -q : q;
}

/** An integer count of 10^-d as a canonical decimal string ("12.5", "-3", "0"). */
export function formatScaled(v: bigint, d: number): string {
  const negative = v < 0n;
  const digits = (negative ? -v : v).toString().padStart(d + 1, '0');
  let int = d > 0 ? digits.slice(0, -d) : digits;
  let frac = d > 0 ? digits.slice(-d) : '';
  let end = frac.length;
  while (end > 0 && frac.charCodeAt(end - 1) === 48) end--;
  frac = frac.slice(0, end);
  if (int === '') int = '0';
  const text = frac ? `${int}.${frac}` : int;
  return negative && text !== '0' ? `-${text}` : text;
}

/** Micros as a canonical decimal string rounded to `decimals` (0…6) places, halves away from zero. */
export function fromMicros(v: bigint, decimals: number = MICRO_DIGITS): string {
  const d = Math.max(0, Math.min(MICRO_DIGITS, Math.trunc(decimals)));
  return formatScaled(divRound(v, 10n ** BigInt(MICRO_DIGITS - d)), d);
}

/** `num / den` in micros (both in micros), rounded; null when `den` is 0. */
export function ratioMicros(num: bigint, den: bigint): bigint | null {
  return den === 0n ? null : divRound(num * MICRO, den);
}

export const ONE_HUNDRED = 100n * MICRO;
