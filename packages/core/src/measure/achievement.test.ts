import { describe, expect, it } from 'vitest';
import { type AchievementInput, achievement } from './achievement.js';

const one = (value: string) => ({ value, low: null, high: null });
const range = (low: string, high: string) => ({ value: null, low, high });
const run = (over: Partial<AchievementInput>) =>
  achievement({
    direction: 'higher_better',
    lowerBetterFormula: 'inverse_difference',
    target: one('100'),
    actual: '100',
    ...over,
  });

describe('achievement (DESIGN.md §5)', () => {
  it('higher is better: actual / target × 100, exact', () => {
    expect(run({ actual: '85', target: one('80') })).toEqual({ value: '106.25', reason: null });
    expect(run({ actual: '0.3', target: one('0.9') })).toEqual({ value: '33.33', reason: null });
    expect(run({ actual: '2', target: one('3'), decimals: 4 }).value).toBe('66.6667');
  });

  it('lower is better: (2 − a/t) × 100 or t / a × 100', () => {
    expect(run({ direction: 'lower_better', actual: '4', target: one('5') }).value).toBe('120');
    expect(run({ direction: 'lower_better', actual: '6', target: one('5') }).value).toBe('80');
    expect(run({ direction: 'lower_better', lowerBetterFormula: 'ratio', actual: '4', target: one('5') }).value).toBe(
      '125',
    );
    // Far above the target the inverse difference goes below zero: a defined number, not a crash.
    expect(run({ direction: 'lower_better', actual: '15', target: one('5') }).value).toBe('-100');
  });

  it('the §5 worked examples of a range target', () => {
    expect(run({ actual: '70', target: range('80', '90') })).toEqual({ value: '87.5', reason: null });
    expect(run({ actual: '85', target: range('80', '90') }).value).toBe('100');
    expect(run({ actual: '80', target: range('80', '90') }).value).toBe('100');
    expect(run({ actual: '99', target: range('80', '90') }).value).toBe('110');
    // (1 + (1 − 6.5/7)) × 100 ≈ 107.1
    expect(run({ direction: 'lower_better', actual: '6.5', target: range('7', '8') }).value).toBe('107.14');
    expect(run({ direction: 'lower_better', actual: '9', target: range('7', '8') }).value).toBe('87.5');
    expect(
      run({ direction: 'lower_better', lowerBetterFormula: 'ratio', actual: '9', target: range('7', '8') }).value,
    ).toBe('88.89');
  });

  it('a range indicator is hurt on both sides', () => {
    expect(run({ direction: 'range', actual: '70', target: range('80', '90') }).value).toBe('87.5');
    expect(run({ direction: 'range', actual: '9', target: range('7', '8') }).value).toBe('87.5');
    expect(run({ direction: 'range', actual: '7.5', target: range('7', '8') }).value).toBe('100');
  });

  it('zero targets and missing data give null with a reason, never NaN or Infinity', () => {
    expect(run({ actual: null })).toEqual({ value: null, reason: 'no_actual' });
    expect(run({ actual: '  ' })).toEqual({ value: null, reason: 'no_actual' });
    expect(run({ target: null })).toEqual({ value: null, reason: 'no_target' });
    expect(run({ target: { value: null, low: null, high: null } })).toEqual({ value: null, reason: 'no_target' });
    expect(run({ target: one('0') })).toEqual({ value: null, reason: 'zero_target' });
    expect(run({ direction: 'lower_better', target: one('0') })).toEqual({ value: null, reason: 'zero_target' });
    expect(run({ direction: 'lower_better', lowerBetterFormula: 'ratio', actual: '0', target: one('5') })).toEqual({
      value: null,
      reason: 'zero_actual',
    });
    expect(run({ actual: '-1', target: range('0', '5') })).toEqual({ value: null, reason: 'zero_target' });
  });

  it('every finite input gives a finite decimal or a reason', () => {
    const values = ['0', '1', '0.5', '7', '100', '-3', '123456.789'];
    for (const a of values) {
      for (const tv of values) {
        for (const direction of ['higher_better', 'lower_better', 'range'] as const) {
          for (const f of ['inverse_difference', 'ratio'] as const) {
            const r = achievement({ direction, lowerBetterFormula: f, target: one(tv), actual: a });
            if (r.value === null) expect(r.reason).toBeTruthy();
            else expect(Number.isFinite(Number(r.value))).toBe(true);
          }
        }
      }
    }
  });
});
