import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDocumentNumber, parseNumberPattern, romanNumeral } from './numbering.js';

describe('document number patterns', () => {
  it('gives the numbers the seed agencies print', () => {
    expect(formatDocumentNumber('SOP/{seq}/438.5.20/{year}', 459, '2021-06-14')).toBe('SOP/459/438.5.20/2021');
    expect(formatDocumentNumber('510/{seq}.a/DP-Trans/{year}', 10, '2025-02-03')).toBe('510/10.a/DP-Trans/2025');
    expect(formatDocumentNumber('{seq}/DPPESDM/{year}', 45, '2021-12-31')).toBe('45/DPPESDM/2021');
  });

  it('pads the running number and writes the month as digits or in Roman numerals', () => {
    expect(formatDocumentNumber('050/{seq:3}/Disdag/{romanMonth}/{year}', 7, '2025-09-01')).toBe(
      '050/007/Disdag/IX/2025',
    );
    expect(formatDocumentNumber('{seq:2}-{month}-{year}', 123, '2025-01-15')).toBe('123-01-2025');
    expect([1, 4, 9, 12].map(romanNumeral)).toEqual(['I', 'IV', 'IX', 'XII']);
  });

  it('refuses a pattern without the running number, naming what is missing', () => {
    const r = parseNumberPattern('SOP/438.5.20/{year}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.id).toContain('{seq}');
  });

  it('refuses a pattern without the year, two running numbers, unknown tokens and stray braces', () => {
    for (const bad of ['{seq}/DPPESDM', '{seq}/{seq}/{year}', '{seq}/{tahun}', '{seq:0}/{year}', '{seq}/{year}}']) {
      expect(parseNumberPattern(bad).ok, bad).toBe(false);
    }
    expect(parseNumberPattern('{seq}/{tahun}/{year}')).toMatchObject({ ok: false });
    const unknown = parseNumberPattern('{seq}/{tahun}/{year}');
    if (!unknown.ok) expect(unknown.message.en).toContain('{tahun}');
  });

  it('gives every running number of a year its own number', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('{seq}/DPPESDM/{year}', '510/{seq}.a/DP-Trans/{year}', '050/{seq:3}/X/{romanMonth}/{year}'),
        fc.uniqueArray(fc.integer({ min: 1, max: 99_999 }), { minLength: 2, maxLength: 40 }),
        (pattern, seqs) => {
          const numbers = seqs.map((s) => formatDocumentNumber(pattern, s, '2025-03-10'));
          expect(new Set(numbers).size).toBe(seqs.length);
        },
      ),
    );
  });
});
