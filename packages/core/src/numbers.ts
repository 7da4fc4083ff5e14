import type { LocalizedText } from './messages.js';

/**
 * Exact decimal numbers as strings. Targets, baselines and budgets are `numeric` in the database
 * and strings in the API, so nothing is rounded by binary floating point on the way; this module
 * reads what people type (Indonesian forms included) and does the little arithmetic the rules need.
 *
 * A canonical decimal is `-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?`: no grouping, '.' as the decimal
 * point, no trailing zeros after it, no "-0".
 */

/** At most this many digits before and after the decimal point. */
export const decimalLimits = { integerDigits: 18, fractionDigits: 6 } as const;

export type NumberParseResult = { ok: true; value: string; percent: boolean } | { ok: false; message: LocalizedText };

export interface ParseNumberOptions {
  /**
   * A single '.' or ',' followed by exactly three digits ("1.250", "2,500") means a thousand
   * in Indonesian writing and a fraction in English writing. By default that is refused with a
   * message asking for an unambiguous form; 'indonesian' reads it the Indonesian way ('.' groups
   * thousands, ',' is the decimal comma), for sources known to be written in Indonesian.
   */
  ambiguous?: 'error' | 'indonesian';
}

const CANONICAL = /^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$/;

function shown(input: string): string {
  const s = input.trim();
  return s.length > 30 ? `${s.slice(0, 30)}…` : s;
}

function notANumber(input: string): NumberParseResult {
  return {
    ok: false,
    message: {
      id: `"${shown(input)}" bukan angka yang dikenali; tulis misalnya 1234,5 atau 1.234,5 atau 85%`,
      en: `"${shown(input)}" is not a number we can read; write e.g. 1234.5, 1.234,5 or 85%`,
    },
  };
}

/** Digits and an optional fraction → canonical form, or a limit error. */
function canonical(negative: boolean, integer: string, fraction: string, percent: boolean): NumberParseResult {
  const int = integer.replace(/^0+(?=\d)/, '');
  const frac = fraction.replace(/0+$/, '');
  if (int.length > decimalLimits.integerDigits) {
    return {
      ok: false,
      message: {
        id: `Angka terlalu besar; paling banyak ${decimalLimits.integerDigits} digit sebelum koma`,
        en: `The number is too large; at most ${decimalLimits.integerDigits} digits before the decimal point`,
      },
    };
  }
  if (frac.length > decimalLimits.fractionDigits) {
    return {
      ok: false,
      message: {
        id: `Paling banyak ${decimalLimits.fractionDigits} angka di belakang koma`,
        en: `At most ${decimalLimits.fractionDigits} digits after the decimal point`,
      },
    };
  }
  const body = frac ? `${int}.${frac}` : int;
  const value = negative && body !== '0' ? `-${body}` : body;
  return { ok: true, value, percent };
}

/** Expands a JavaScript number (maybe in exponent form) to plain decimal digits. */
function plainDigits(n: number): string {
  const s = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, int = '', frac = '', expText = '0'] = m;
  const exp = Number(expText);
  const digits = int + frac;
  const point = int.length + exp;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

const GROUPED = /^\d{1,3}(\d{3})*$/;

/** "1.234.567" with `sep` = '.' → "1234567" when the groups are proper thousands, else null. */
function ungroup(text: string, sep: string): string | null {
  const parts = text.split(sep);
  if (!/^\d{1,3}$/.test(parts[0] ?? '') || parts.slice(1).some((p) => !/^\d{3}$/.test(p))) return null;
  const joined = parts.join('');
  return GROUPED.test(joined) ? joined : null;
}

/**
 * Reads a number as people write it in Indonesian documents and spreadsheets: "1.234,5",
 * "1234,5", "85%", "85,5 %", "Rp 1.250.000", "-2,5", as well as plain "1234.5" and JSON numbers.
 * Returns the canonical decimal string (a percentage keeps its figure: "85%" → "85", percent
 * true), or a message in both languages saying what is wrong.
 */
export function parseIndonesianNumber(input: string | number, opts: ParseNumberOptions = {}): NumberParseResult {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return notANumber(String(input));
    const plain = plainDigits(input);
    const negative = plain.startsWith('-');
    const [int = '0', frac = ''] = plain.replace('-', '').split('.');
    return canonical(negative, int, frac, false);
  }
  let s = input.replace(/[\u00a0\u202f]/g, ' ').trim();
  if (s === '') {
    return { ok: false, message: { id: 'Isi dengan angka', en: 'Enter a number' } };
  }
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  let negative = false;
  if (/^[-+\u2212]/.test(s)) {
    negative = s[0] !== '+';
    s = s.slice(1).trim();
  }
  const rupiah = /^rp\.?\s*/i.exec(s);
  if (rupiah) {
    if (percent) return notANumber(input);
    s = s.slice(rupiah[0].length);
  }
  if (!/^[0-9.,]+$/.test(s) || !/^\d/.test(s) || !/\d$/.test(s)) return notANumber(input);

  const dots = s.split('.').length - 1;
  const commas = s.split(',').length - 1;

  if (dots === 0 && commas === 0) return canonical(negative, s, '', percent);

  if (dots > 0 && commas > 0) {
    // Both present: the one written last is the decimal separator and appears once.
    const decimalSep = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    const groupSep = decimalSep === ',' ? '.' : ',';
    const at = s.lastIndexOf(decimalSep);
    const head = s.slice(0, at);
    const tail = s.slice(at + 1);
    if (head.includes(decimalSep) || tail.includes(groupSep)) return notANumber(input);
    const int = ungroup(head, groupSep);
    if (int === null) return notANumber(input);
    return canonical(negative, int, tail, percent);
  }

  const sep = dots > 0 ? '.' : ',';
  const count = dots > 0 ? dots : commas;
  if (count > 1) {
    // Several of one separator can only be thousands: "1.234.567" or "1,234,567".
    const int = ungroup(s, sep);
    if (int === null) return notANumber(input);
    return canonical(negative, int, '', percent);
  }
  const [head = '', tail = ''] = s.split(sep);
  const ambiguous = tail.length === 3 && /^[1-9]\d{0,2}$/.test(head);
  if (ambiguous) {
    if (opts.ambiguous === 'indonesian') {
      return sep === '.' ? canonical(negative, head + tail, '', percent) : canonical(negative, head, tail, percent);
    }
    const asThousands = `${negative ? '-' : ''}${head}${tail}`;
    const asFraction = `${negative ? '-' : ''}${head},${tail}`;
    return {
      ok: false,
      message: {
        id: `"${shown(input)}" bisa berarti ${asThousands} atau ${asFraction}; tulis tanpa pemisah ribuan (${asThousands}) atau dengan koma desimal (${asFraction})`,
        en: `"${shown(input)}" could mean ${asThousands} or ${head}.${tail}; write it without a thousands separator (${asThousands}) or with a decimal point that cannot be misread`,
      },
    };
  }
  // One separator not followed by a group of three: the decimal separator, whichever it is.
  return canonical(negative, head, tail, percent);
}

/** True when `s` is a decimal in canonical form. */
export function isCanonicalDecimal(s: string): boolean {
  return CANONICAL.test(s);
}

/** The canonical form of a decimal string such as PostgreSQL gives for `numeric` ("85.500" → "85.5"). */
export function normalizeDecimal(s: string): string {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(s.trim());
  if (!m) throw new Error(`not a decimal: ${s}`);
  const int = (m[2] ?? '0').replace(/^0+(?=\d)/, '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return m[1] && body !== '0' ? `-${body}` : body;
}

const SCALE = decimalLimits.fractionDigits;

/** A decimal as an integer count of 10^-6 (exact for every value this module accepts). */
function scaled(s: string): bigint {
  const n = normalizeDecimal(s);
  const negative = n.startsWith('-');
  const [int = '0', frac = ''] = n.replace('-', '').split('.');
  if (frac.length > SCALE) throw new Error(`more than ${SCALE} decimals: ${s}`);
  const v = BigInt(int + frac.padEnd(SCALE, '0'));
  return negative ? -v : v;
}

function unscaled(v: bigint): string {
  const negative = v < 0n;
  const digits = (negative ? -v : v).toString().padStart(SCALE + 1, '0');
  const int = digits.slice(0, -SCALE);
  const frac = digits.slice(-SCALE);
  return normalizeDecimal(`${negative ? '-' : ''}${int}.${frac}`);
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const x = scaled(a);
  const y = scaled(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The exact sum of decimals. */
export function sumDecimals(values: readonly string[]): string {
  return unscaled(values.reduce((acc, v) => acc + scaled(v), 0n));
}

/** The exact product of a decimal and a whole number. */
export function multiplyDecimal(value: string, factor: number): string {
  return unscaled(scaled(value) * BigInt(factor));
}

/**
 * A decimal written the Indonesian way with a fixed number of decimals, rounding half away from
 * zero: formatIndonesianNumber('1234.5', 2) → "1.234,50".
 */
export function formatIndonesianNumber(value: string, decimals: number): string {
  const d = Math.max(0, Math.min(SCALE, Math.trunc(decimals)));
  let v = scaled(value);
  const negative = v < 0n;
  if (negative) v = -v;
  const drop = 10n ** BigInt(SCALE - d);
  const rounded = (v + drop / 2n) / drop;
  const digits = rounded.toString().padStart(d + 1, '0');
  const int = d > 0 ? digits.slice(0, -d) : digits;
  const frac = d > 0 ? digits.slice(-d) : '';
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const body = frac ? `${grouped},${frac}` : grouped;
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}
