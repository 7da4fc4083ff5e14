import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNip, type NipErrorCode, type NipResult, nipSchema, normalizeNip, parseNip } from './nip.js';

// A fixed "today" keeps every case independent of the machine's clock.
const today = new Date(2026, 10, 22); // 22 November 2026, local calendar
const parse = (nip: string) => parseNip(nip, { today });

function codes(result: NipResult): NipErrorCode[] {
  return result.ok ? [] : result.errors.map((e) => e.code);
}

function errorOf(result: NipResult, code: NipErrorCode) {
  if (result.ok) throw new Error('expected the NIP to be refused');
  const error = result.errors.find((e) => e.code === code);
  if (!error) throw new Error(`expected an error with code ${code}, got ${codes(result).join(', ')}`);
  return error;
}

describe('parseNip: valid NIPs', () => {
  it('splits a NIP into its four parts', () => {
    expect(parse('196209051991031002')).toEqual({
      ok: true,
      value: {
        nip: '196209051991031002',
        birthDate: '1962-09-05',
        appointment: '1991-03',
        sex: 'male',
        sequence: 2,
      },
    });
  });

  it('reads the female sex digit and a three-digit sequence', () => {
    const result = parse('198309052009022007');
    expect(result.ok && result.value).toMatchObject({ sex: 'female', sequence: 7, appointment: '2009-02' });
    expect(parse('199001012015122999')).toMatchObject({ ok: true, value: { sequence: 999 } });
  });

  it('accepts the printed form with spaces', () => {
    expect(normalizeNip(' 19621205 198502 1 001 ')).toBe('196212051985021001');
    expect(parse('19621205 198502 1 001')).toMatchObject({
      ok: true,
      value: { nip: '196212051985021001', birthDate: '1962-12-05', appointment: '1985-02' },
    });
  });

  it('accepts an appointment in the month of the 18th birthday and in the current month', () => {
    expect(parse('199805202016051001').ok).toBe(true); // 18 in May 2016
    expect(parse('199805202026111001').ok).toBe(true); // current month
  });
});

describe('parseNip: leap days', () => {
  it('accepts 29 February 2000 (divisible by 400)', () => {
    expect(parse('200002292020011001')).toMatchObject({ ok: true, value: { birthDate: '2000-02-29' } });
  });

  it('refuses 29 February 1900 (divisible by 100) and 2001 (not a leap year)', () => {
    // 1900 also fails the 1940 lower bound, but the calendar error is the one reported.
    expect(errorOf(parse('190002291960011001'), 'birthDate').message).toEqual({
      id: 'Tanggal lahir pada NIP (digit 1–8: 19000229) bukan tanggal yang valid',
      en: 'The birth date in the NIP (digits 1–8: 19000229) is not a valid date',
    });
    expect(codes(parse('200102292020011001'))).toEqual(['birthDate']);
  });

  it('accepts 29 February in an ordinary leap year', () => {
    expect(parse('198802292010011001').ok).toBe(true);
  });
});

describe('parseNip: each error names the part that is wrong', () => {
  it('length', () => {
    const result = parse('19621205 198502 1 01');
    expect(codes(result)).toEqual(['length']);
    expect(errorOf(result, 'length').message).toEqual({
      id: 'NIP harus terdiri dari 18 digit, bukan 17',
      en: 'The NIP must have 18 digits, not 17',
    });
    expect(codes(parse(''))).toEqual(['length']);
  });

  it('digits', () => {
    const result = parse('19621205-198502-1-001');
    expect(codes(result)).toEqual(['digits', 'length']);
    expect(errorOf(result, 'digits').message.id).toBe(
      'NIP hanya boleh berisi angka (boleh dipisah spasi); ditemukan "-"',
    );
    expect(codes(parse('19621205198502100A'))).toEqual(['digits']);
    expect(codes(parse('1962.1205.198502.1.001'))).toContain('digits');
  });

  it('birth date that is not a calendar date', () => {
    expect(errorOf(parse('196213051985021001'), 'birthDate').message).toEqual({
      id: 'Tanggal lahir pada NIP (digit 1–8: 19621305) bukan tanggal yang valid',
      en: 'The birth date in the NIP (digits 1–8: 19621305) is not a valid date',
    });
    expect(codes(parse('196204311985021001'))).toEqual(['birthDate']); // 31 April
    expect(codes(parse('196212001985021001'))).toEqual(['birthDate']); // day 00
  });

  it('birth date before 1940 or in the future', () => {
    expect(errorOf(parse('193912311960011001'), 'birthDate').message.id).toBe(
      'Tahun lahir pada NIP (digit 1–8: 19391231) tidak boleh sebelum 1940',
    );
    expect(errorOf(parse('202611231985021001'), 'birthDate').message.en).toBe(
      'The birth date in the NIP (digits 1–8: 20261123) must not be in the future',
    );
    // 22 November 2026 itself is not in the future.
    expect(codes(parse('202611222026111001'))).toEqual(['appointmentBeforeAdulthood']);
  });

  it('appointment month, year and future', () => {
    expect(errorOf(parse('196212051985131001'), 'appointment').message).toEqual({
      id: 'Bulan TMT CPNS pada NIP (digit 9–14: 198513) harus 01–12, bukan 13',
      en: 'The appointment (TMT CPNS) month in the NIP (digits 9–14: 198513) must be 01–12, not 13',
    });
    expect(codes(parse('196212051985001001'))).toEqual(['appointment']);
    expect(errorOf(parse('194012051959121001'), 'appointment').message.id).toBe(
      'Tahun TMT CPNS pada NIP (digit 9–14: 195912) tidak boleh sebelum 1960',
    );
    expect(errorOf(parse('199012052026121001'), 'appointment').message.id).toBe(
      'TMT CPNS pada NIP (digit 9–14: 202612) tidak boleh setelah bulan ini',
    );
  });

  it('appointment before the holder turned 18', () => {
    const result = parse('196212051980111001');
    expect(codes(result)).toEqual(['appointmentBeforeAdulthood']);
    expect(errorOf(result, 'appointmentBeforeAdulthood').message).toEqual({
      id: 'TMT CPNS pada NIP (digit 9–14: 198011) lebih awal dari usia 18 tahun pemilik NIP (lahir 1962-12-05; paling awal 1980-12)',
      en: 'The appointment (TMT CPNS) in the NIP (digits 9–14: 198011) is before the holder turned 18 (born 1962-12-05; earliest 1980-12)',
    });
    expect(parse('196212051980121001').ok).toBe(true);
  });

  it('sex digit', () => {
    expect(errorOf(parse('196212051985023001'), 'sex').message).toEqual({
      id: 'Digit jenis kelamin pada NIP (digit 15) harus 1 atau 2, bukan 3',
      en: 'The sex digit in the NIP (digit 15) must be 1 or 2, not 3',
    });
    expect(codes(parse('196212051985020001'))).toEqual(['sex']);
  });

  it('sequence 000', () => {
    expect(errorOf(parse('196212051985021000'), 'sequence').message).toEqual({
      id: 'Nomor urut pada NIP (digit 16–18) harus 001–999, bukan 000',
      en: 'The sequence number in the NIP (digits 16–18) must be 001–999, not 000',
    });
  });

  it('reports every broken rule at once', () => {
    expect(codes(parse('19621305 198513 3 000'))).toEqual(['birthDate', 'appointment', 'sex', 'sequence']);
    expect(codes(parse('19621205 197001 0 000'))).toEqual(['appointmentBeforeAdulthood', 'sex', 'sequence']);
  });

  it('uses the clock when no date is given', () => {
    const nextYear = new Date().getFullYear() + 1;
    expect(codes(parseNip(`${nextYear}01011985021001`))).toContain('birthDate');
  });
});

describe('formatNip', () => {
  it('prints the four groups', () => {
    expect(formatNip('196212051985021001')).toBe('19621205 198502 1 001');
    expect(formatNip(' 19621205 198502 1 001')).toBe('19621205 198502 1 001');
  });

  it('leaves anything that is not 18 digits unchanged', () => {
    expect(formatNip('12345')).toBe('12345');
  });
});

describe('nipSchema', () => {
  it('yields the normalised NIP', () => {
    expect(nipSchema.parse('19620905 199103 1 002')).toBe('196209051991031002');
  });

  it('puts the Indonesian message, the English text and the code in each issue', () => {
    const result = nipSchema.safeParse('19621305 198502 3 001');
    expect(result.success).toBe(false);
    const issues = result.error?.issues ?? [];
    expect(issues.map((i) => i.message)).toEqual([
      'Tanggal lahir pada NIP (digit 1–8: 19621305) bukan tanggal yang valid',
      'Digit jenis kelamin pada NIP (digit 15) harus 1 atau 2, bukan 3',
    ]);
    expect(issues[0]).toMatchObject({
      code: 'custom',
      params: {
        nipError: 'birthDate',
        en: 'The birth date in the NIP (digits 1–8: 19621305) is not a valid date',
      },
    });
  });

  it('refuses non-strings', () => {
    expect(nipSchema.safeParse(19620905).success).toBe(false);
  });
});

// Property tests -------------------------------------------------------------------------------

const TODAY_MONTH_INDEX = 2026 * 12 + (11 - 1);

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A valid NIP with the parts it was built from. */
const validNip = fc
  .record({
    year: fc.integer({ min: 1940, max: 2007 }),
    month: fc.integer({ min: 1, max: 12 }),
    dayFraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    sex: fc.constantFrom<'male' | 'female'>('male', 'female'),
    sequence: fc.integer({ min: 1, max: 999 }),
    appointmentFraction: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ year, month, dayFraction, sex, sequence, appointmentFraction }) => {
    const day = 1 + Math.floor(dayFraction * daysIn(year, month));
    const earliest = Math.max((year + 18) * 12 + (month - 1), 1960 * 12);
    const index = earliest + Math.round(appointmentFraction * (TODAY_MONTH_INDEX - earliest));
    const apptYear = Math.floor(index / 12);
    const apptMonth = (index % 12) + 1;
    const parts = {
      birthDate: `${year}-${pad(month, 2)}-${pad(day, 2)}`,
      appointment: `${apptYear}-${pad(apptMonth, 2)}`,
      sex,
      sequence,
    };
    const nip = `${year}${pad(month, 2)}${pad(day, 2)}${apptYear}${pad(apptMonth, 2)}${sex === 'male' ? 1 : 2}${pad(sequence, 3)}`;
    return { nip, parts };
  });

describe('parseNip properties', () => {
  it('parses every well-formed NIP and gives back the parts it was built from', () => {
    fc.assert(
      fc.property(validNip, ({ nip, parts }) => {
        expect(parse(nip)).toEqual({ ok: true, value: { nip, ...parts } });
        expect(parse(formatNip(nip))).toEqual({ ok: true, value: { nip, ...parts } });
      }),
      { numRuns: 500 },
    );
  });

  it('refuses every NIP whose sex digit is not 1 or 2, with code "sex"', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 18, maxLength: 18 }),
        fc.constantFrom('0', '3', '4', '5', '6', '7', '8', '9'),
        (digits, sexDigit) => {
          const nip = `${digits.slice(0, 14)}${sexDigit}${digits.slice(15)}`;
          const result = parse(nip);
          expect(result.ok).toBe(false);
          expect(codes(result)).toContain('sex');
        },
      ),
      { numRuns: 500 },
    );
  });
});
