import type { LocalizedText } from '../messages.js';
import { divRound, fromMicros, toMicros } from './decimal.js';

// Individual performance (SKP, PermenPANRB 6/2022): an IKI's achievement is measured like any
// indicator (range targets against the bound passed; lower-is-better as (1 + (1 − actual/target))
// × 100, which is the `inverse_difference` rule of achievement.ts), converted to a nilai capaian by
// bands, and the rating of the work results (hasil kerja) is combined with the rating of the
// work behaviour (perilaku kerja) into the predikat kinerja.

/** Di atas / sesuai / di bawah ekspektasi. */
export type Expectation = 'above' | 'meets' | 'below';
export type Predikat = 'sangat-baik' | 'baik' | 'butuh-perbaikan' | 'kurang' | 'sangat-kurang';

export const predikatLabels: Record<Predikat, LocalizedText> = {
  'sangat-baik': { id: 'Sangat Baik', en: 'Very good' },
  baik: { id: 'Baik', en: 'Good' },
  'butuh-perbaikan': { id: 'Butuh Perbaikan', en: 'Needs improvement' },
  kurang: { id: 'Kurang', en: 'Poor' },
  'sangat-kurang': { id: 'Sangat Kurang', en: 'Very poor' },
};

/**
 * The predikat kinerja from the two ratings (the matrix of PermenPANRB 6/2022): results above and
 * behaviour above → sangat baik; results below with behaviour meeting or above → butuh perbaikan;
 * behaviour below → kurang (misconduct), or sangat kurang when the results are below too; the
 * rest → baik.
 */
export function predikatKinerja(hasilKerja: Expectation, perilakuKerja: Expectation): Predikat {
  if (perilakuKerja === 'below') return hasilKerja === 'below' ? 'sangat-kurang' : 'kurang';
  if (hasilKerja === 'below') return 'butuh-perbaikan';
  if (hasilKerja === 'above' && perilakuKerja === 'above') return 'sangat-baik';
  return 'baik';
}

/**
 * A conversion of achievement (capaian, %) to a score (nilai capaian): bands from the highest down,
 * each mapping [fromAchievement, toAchievement] linearly onto [fromScore, toScore]; above the top
 * band's end the score stays at its `toScore` (a cap), below the lowest band's start it is that
 * band's `fromScore`. A government sets its own table; see `defaultIkiConversion`.
 */
export interface ConversionBand {
  key: string;
  label: LocalizedText;
  fromAchievement: string;
  toAchievement: string;
  fromScore: string;
  toScore: string;
}
export interface ConversionTable {
  key: string;
  name: LocalizedText;
  bands: ConversionBand[];
  /** Scores at or above → above expectation; at or above `meets` → meets; else below. */
  expectation: { above: string; meets: string };
}

/**
 * The quantitative table in common use with PermenPANRB 6/2022 (check it against the annex in
 * force for your government, and override it where it differs): 101–110 % → 110–120 sangat baik,
 * 90–100 % → 90–109 baik, 80–89 % → 70–89 butuh perbaikan, 60–79 % → 50–69 kurang, 0–59 % →
 * 0–49 sangat kurang; a score from 110 is above expectation, from 90 meets it.
 */
export const defaultIkiConversion: ConversionTable = {
  key: 'iki-kuantitatif',
  name: { id: 'Konversi capaian IKI (kuantitatif)', en: 'IKI achievement conversion (quantitative)' },
  bands: [
    {
      key: 'sangat-baik',
      label: predikatLabels['sangat-baik'],
      fromAchievement: '101',
      toAchievement: '110',
      fromScore: '110',
      toScore: '120',
    },
    {
      key: 'baik',
      label: predikatLabels.baik,
      fromAchievement: '90',
      toAchievement: '100',
      fromScore: '90',
      toScore: '109',
    },
    {
      key: 'butuh-perbaikan',
      label: predikatLabels['butuh-perbaikan'],
      fromAchievement: '80',
      toAchievement: '89',
      fromScore: '70',
      toScore: '89',
    },
    {
      key: 'kurang',
      label: predikatLabels.kurang,
      fromAchievement: '60',
      toAchievement: '79',
      fromScore: '50',
      toScore: '69',
    },
    {
      key: 'sangat-kurang',
      label: predikatLabels['sangat-kurang'],
      fromAchievement: '0',
      toAchievement: '59',
      fromScore: '0',
      toScore: '49',
    },
  ],
  expectation: { above: '110', meets: '90' },
};

export interface Conversion {
  score: string;
  band: ConversionBand;
  expectation: Expectation;
}

/**
 * Converts an achievement to its score. Between two bands (e.g. 100,5 % between 100 and 101) the
 * lower band's end applies; the result is rounded to `decimals` places.
 */
export function convertAchievement(
  achievementValue: string | null,
  table: ConversionTable = defaultIkiConversion,
  decimals = 2,
): Conversion | null {
  if (achievementValue === null || table.bands.length === 0) return null;
  const a = toMicros(achievementValue);
  const bands = table.bands;
  let score: bigint | null = null;
  let band = bands[bands.length - 1]!;
  for (const b of bands) {
    const lo = toMicros(b.fromAchievement);
    const hi = toMicros(b.toAchievement);
    const s0 = toMicros(b.fromScore);
    const s1 = toMicros(b.toScore);
    if (a >= lo) {
      band = b;
      if (a >= hi) score = s1;
      else score = hi === lo ? s1 : s0 + divRound((a - lo) * (s1 - s0), hi - lo);
      break;
    }
  }
  if (score === null) score = toMicros(band.fromScore);
  const expectation: Expectation =
    score >= toMicros(table.expectation.above)
      ? 'above'
      : score >= toMicros(table.expectation.meets)
        ? 'meets'
        : 'below';
  return { score: fromMicros(score, decimals), band, expectation };
}
