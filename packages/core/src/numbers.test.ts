import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareDecimals,
  formatIndonesianNumber,
  isCanonicalDecimal,
  multiplyDecimal,
  normalizeDecimal,
  parseIndonesianNumber,
  sumDecimals,
} from './numbers.js';

const value = (input: string | number, opts?: Parameters<typeof parseIndonesianNumber>[1]) => {
  const r = parseIndonesianNumber(input, opts);
  if (!r.ok) throw new Error(`${input}: ${r.message.en}`);
  return r.value;
};
const refused = (input: string | number) => {
  const r = parseIndonesianNumber(input);
  if (r.ok) throw new Error(`${input} was read as ${r.value}`);
  return r.message;
};

describe('parseIndonesianNumber', () => {
  it('reads the Indonesian forms: thousands dots, decimal comma, percent, rupiah', () => {
    expect(value('1.234,5')).toBe('1234.5');
    expect(value('1.234.567,891')).toBe('1234567.891');
    expect(value('1234,5')).toBe('1234.5');
    expect(value('85,5')).toBe('85.5');
    expect(value('0,125')).toBe('0.125');
    expect(value('1.234.567')).toBe('1234567');
    expect(value('Rp 1.250.000.000')).toBe('1250000000');
    expect(value('Rp1.250.000,50')).toBe('1250000.5');
    expect(value('  7  ')).toBe('7');
  });

  it('keeps the figure of a percentage and says it was one', () => {
    expect(parseIndonesianNumber('85%')).toEqual({ ok: true, value: '85', percent: true });
    expect(parseIndonesianNumber('85,5 %')).toEqual({ ok: true, value: '85.5', percent: true });
    expect(parseIndonesianNumber('85')).toEqual({ ok: true, value: '85', percent: false });
  });

  it('reads plain and English forms that cannot be misread', () => {
    expect(value('1234.5')).toBe('1234.5');
    expect(value('0.75')).toBe('0.75');
    expect(value('1,234.5')).toBe('1234.5');
    expect(value('1,234,567')).toBe('1234567');
    expect(value('3.14159')).toBe('3.14159');
    expect(value('0.500')).toBe('0.5');
  });

  it('reads signs, including the typographic minus', () => {
    expect(value('-2,5')).toBe('-2.5');
    expect(value('\u22122,5')).toBe('-2.5');
    expect(value('+4')).toBe('4');
    expect(value('-0')).toBe('0');
    expect(value('-0,00')).toBe('0');
  });

  it('canonicalises: no leading zeros, no trailing fraction zeros', () => {
    expect(value('007')).toBe('7');
    expect(value('85,50')).toBe('85.5');
    expect(value('100,000000')).toBe('100');
  });

  it('refuses one separator followed by three digits unless told to read it the Indonesian way', () => {
    const m = refused('1.250');
    expect(m.id).toContain('1250');
    expect(m.id).toContain('1,250');
    expect(m.en).toContain('1250');
    refused('2,500');
    refused('-1.250');
    expect(value('1.250', { ambiguous: 'indonesian' })).toBe('1250');
    expect(value('2,500', { ambiguous: 'indonesian' })).toBe('2.5');
    expect(value('Rp 2.500', { ambiguous: 'indonesian' })).toBe('2500');
  });

  it('refuses what is not a number, each time with a message in both languages', () => {
    for (const bad of [
      '',
      '   ',
      'abc',
      '12a',
      '1.2.3',
      '1,2.3',
      '1.234,5,6',
      '1.23,4.5',
      '.5',
      '5.',
      '1 234',
      '--5',
      '%',
      'Rp 5%',
      '12.34.567',
    ]) {
      const m = refused(bad);
      expect(m.id.length, bad).toBeGreaterThan(0);
      expect(m.en.length, bad).toBeGreaterThan(0);
    }
  });

  it('refuses more than 6 decimals and more than 18 integer digits', () => {
    expect(refused('0,1234567').id).toContain('6 angka di belakang koma');
    expect(refused('1234567890123456789').en).toContain('too large');
    expect(value('123456789012345678')).toBe('123456789012345678');
  });

  it('takes JSON numbers exactly as JavaScript prints them', () => {
    expect(value(85)).toBe('85');
    expect(value(0.1)).toBe('0.1');
    expect(value(-2.5)).toBe('-2.5');
    expect(value(1e-6)).toBe('0.000001');
    expect(value(1.5e10)).toBe('15000000000');
    refused(1e-7);
    refused(1e21);
    refused(Number.NaN);
    refused(Number.POSITIVE_INFINITY);
  });

  it('always gives a canonical decimal, for any formatted number (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 6 }), (units, decimals) => {
        const text = formatIndonesianNumber(
          normalizeDecimal(
            `${units / 10n ** BigInt(decimals)}.${(units % 10n ** BigInt(decimals)).toString().padStart(decimals, '0')}`,
          ),
          decimals,
        );
        const r = parseIndonesianNumber(text, { ambiguous: 'indonesian' });
        expect(r.ok).toBe(true);
        if (r.ok) {
          expect(isCanonicalDecimal(r.value)).toBe(true);
          expect(formatIndonesianNumber(r.value, decimals)).toBe(text);
        }
      }),
    );
  });
});

describe('decimal arithmetic', () => {
  it('normalises PostgreSQL numeric text', () => {
    expect(normalizeDecimal('85.500')).toBe('85.5');
    expect(normalizeDecimal('100.000')).toBe('100');
    expect(normalizeDecimal('-0.0')).toBe('0');
    expect(normalizeDecimal('0012')).toBe('12');
  });

  it('adds exactly where binary floating point does not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['25', '25', '25', '25'])).toBe('100');
    expect(sumDecimals(['-1.5', '1.5'])).toBe('0');
    expect(sumDecimals([])).toBe('0');
    expect(multiplyDecimal('12.345', 4)).toBe('49.38');
  });

  it('compares', () => {
    expect(compareDecimals('7', '8')).toBe(-1);
    expect(compareDecimals('8.0', '8')).toBe(0);
    expect(compareDecimals('-1', '-2')).toBe(1);
    expect(compareDecimals('0.000001', '0')).toBe(1);
  });

  it('formats the Indonesian way, rounding half away from zero', () => {
    expect(formatIndonesianNumber('1234.5', 2)).toBe('1.234,50');
    expect(formatIndonesianNumber('1234567', 0)).toBe('1.234.567');
    expect(formatIndonesianNumber('2.345', 2)).toBe('2,35');
    expect(formatIndonesianNumber('-2.345', 2)).toBe('-2,35');
    expect(formatIndonesianNumber('-0.001', 2)).toBe('0,00');
    expect(formatIndonesianNumber('999.995', 2)).toBe('1.000,00');
  });
});
