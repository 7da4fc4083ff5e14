import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCanonicalDecimal } from '../numbers.js';
import { achievement } from './achievement.js';
import { aggregateQuarters } from './aggregate.js';
import { toMicros } from './decimal.js';
import { rollUp } from './rollup.js';
import { categorize, permendagri86Scale } from './scale.js';

// Properties of the measurement engine over many generated inputs.

/** A decimal with up to 4 decimals in [-10^6, 10^6]. */
const decimal = fc
  .tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 0, max: 9999 }))
  .map(([i, f]) => (f === 0 ? String(i) : `${i}.${String(f).padStart(4, '0')}`));
const positive = fc
  .tuple(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 9999 }))
  .map(([i, f]) => `${i}.${String(f).padStart(4, '0')}`);
const direction = fc.constantFrom('higher_better', 'lower_better', 'range' as const);
const formula = fc.constantFrom('inverse_difference', 'ratio' as const);
const target = fc.oneof(
  decimal.map((v) => ({ value: v, low: null, high: null })),
  fc.tuple(decimal, decimal).map(([a, b]) => {
    const [low, high] = toMicros(a) <= toMicros(b) ? [a, b] : [b, a];
    return { value: null, low, high };
  }),
  fc.constant(null),
);
const cmp = (a: string, b: string) => (toMicros(a) < toMicros(b) ? -1 : toMicros(a) > toMicros(b) ? 1 : 0);

describe('measurement properties', () => {
  it('every achievement is a finite decimal or null with a reason, never NaN or Infinity', () => {
    fc.assert(
      fc.property(direction, formula, target, fc.option(decimal, { nil: null }), (d, f, t, a) => {
        const r = achievement({ direction: d, lowerBetterFormula: f, target: t, actual: a });
        if (r.value === null) expect(r.reason).not.toBeNull();
        else {
          expect(r.reason).toBeNull();
          expect(isCanonicalDecimal(r.value)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('higher is better: achievement never decreases as the actual rises', () => {
    fc.assert(
      fc.property(positive, decimal, decimal, (t, a, b) => {
        const [lo, hi] = cmp(a, b) <= 0 ? [a, b] : [b, a];
        const at = (x: string) =>
          achievement({
            direction: 'higher_better',
            lowerBetterFormula: 'ratio',
            target: { value: t, low: null, high: null },
            actual: x,
          }).value!;
        expect(cmp(at(lo), at(hi))).toBeLessThanOrEqual(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('lower is better (inverse difference): achievement never rises as the actual rises', () => {
    fc.assert(
      fc.property(positive, decimal, decimal, (t, a, b) => {
        const [lo, hi] = cmp(a, b) <= 0 ? [a, b] : [b, a];
        const at = (x: string) =>
          achievement({
            direction: 'lower_better',
            lowerBetterFormula: 'inverse_difference',
            target: { value: t, low: null, high: null },
            actual: x,
          }).value!;
        expect(cmp(at(lo), at(hi))).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('inside a range target the achievement is exactly 100', () => {
    fc.assert(
      fc.property(positive, positive, fc.double({ min: 0, max: 1, noNaN: true }), direction, (x, y, w, d) => {
        const [low, high] = cmp(x, y) <= 0 ? [x, y] : [y, x];
        const span = toMicros(high) - toMicros(low);
        const inside = toMicros(low) + BigInt(Math.floor(Number(span) * w));
        const actual = (Number(inside) / 1e6).toFixed(6);
        const r = achievement({
          direction: d,
          lowerBetterFormula: 'ratio',
          target: { value: null, low, high },
          actual,
        });
        expect(r.value).toBe('100');
      }),
      { numRuns: 500 },
    );
  });

  it('a roll-up lies between the smallest and the largest value it combines', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ value: fc.option(decimal, { nil: null }), weight: fc.option(positive, { nil: null }) }), {
          minLength: 1,
          maxLength: 20,
        }),
        (items) => {
          const r = rollUp(items, 6);
          const values = items.filter((i) => i.value !== null).map((i) => i.value!);
          expect(r.measured + r.unmeasured).toBe(items.length);
          if (r.value === null) return;
          const min = values.reduce((m, v) => (cmp(v, m) < 0 ? v : m));
          const max = values.reduce((m, v) => (cmp(v, m) > 0 ? v : m));
          expect(cmp(r.value, min)).toBeGreaterThanOrEqual(0);
          expect(cmp(r.value, max)).toBeLessThanOrEqual(0);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('a year’s average and maximum lie within its quarters; its sum is their exact sum', () => {
    fc.assert(
      fc.property(fc.array(fc.option(decimal, { nil: null }), { minLength: 4, maxLength: 4 }), (qs) => {
        const present = qs.filter((q): q is string => q !== null);
        const sum = aggregateQuarters(qs, 'sum').value;
        if (present.length === 0) {
          expect(sum).toBeNull();
          return;
        }
        expect(toMicros(sum!)).toBe(present.reduce((s, v) => s + toMicros(v), 0n));
        const min = present.reduce((m, v) => (cmp(v, m) < 0 ? v : m));
        const max = present.reduce((m, v) => (cmp(v, m) > 0 ? v : m));
        const avg = aggregateQuarters(qs, 'average').value!;
        expect(cmp(avg, min)).toBeGreaterThanOrEqual(0);
        expect(cmp(avg, max)).toBeLessThanOrEqual(0);
        expect(toMicros(aggregateQuarters(qs, 'max').value!)).toBe(toMicros(max));
      }),
      { numRuns: 1000 },
    );
  });

  it('a higher achievement never falls in a lower category', () => {
    const rank = (v: string) => permendagri86Scale.bands.findIndex((b) => b.key === categorize(v)?.key);
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        const [lo, hi] = cmp(a, b) <= 0 ? [a, b] : [b, a];
        expect(rank(hi)).toBeLessThanOrEqual(rank(lo));
      }),
      { numRuns: 1000 },
    );
  });
});
