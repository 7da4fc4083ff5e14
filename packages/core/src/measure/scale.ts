import type { LocalizedText } from '../messages.js';
import { toMicros } from './decimal.js';

/**
 * A category scale: the words an achievement is reported in ("tinggi", "sangat baik", …). Bands
 * run from the highest down; each starts at `from` — inclusive (≥) unless `exclusive` (>) — and
 * ends where the band above starts. The last band has `from: null` and takes everything below,
 * negative achievements included.
 */
export interface CategoryBand {
  key: string;
  label: LocalizedText;
  from: string | null;
  exclusive?: boolean;
  /** A colour name for charts and badges (Mantine palette). */
  color: string;
}

export interface CategoryScale {
  key: string;
  name: LocalizedText;
  /** Where the scale comes from, printed under tables that use it. */
  source: string;
  bands: CategoryBand[];
}

/**
 * The default scale, Permendagri 86/2017 (evaluasi hasil RKPD): ≥ 91 sangat tinggi, 76–90 tinggi,
 * 66–75 sedang, 51–65 rendah, ≤ 50 sangat rendah. The regulation writes whole numbers; between
 * them a fraction belongs to the band below the next edge (90,5 is tinggi, 65,9 rendah) and
 * anything above 50 is at least rendah (50,2 is rendah, 50 sangat rendah).
 */
export const permendagri86Scale: CategoryScale = {
  key: 'permendagri-86-2017',
  name: { id: 'Permendagri 86/2017', en: 'Permendagri 86/2017' },
  source: 'Permendagri Nomor 86 Tahun 2017',
  bands: [
    { key: 'sangat-tinggi', label: { id: 'Sangat tinggi', en: 'Very high' }, from: '91', color: 'teal' },
    { key: 'tinggi', label: { id: 'Tinggi', en: 'High' }, from: '76', color: 'green' },
    { key: 'sedang', label: { id: 'Sedang', en: 'Medium' }, from: '66', color: 'yellow' },
    { key: 'rendah', label: { id: 'Rendah', en: 'Low' }, from: '50', exclusive: true, color: 'orange' },
    { key: 'sangat-rendah', label: { id: 'Sangat rendah', en: 'Very low' }, from: null, color: 'red' },
  ],
};

/** What is wrong with a scale, or an empty list. */
export function scaleProblems(scale: CategoryScale): string[] {
  const problems: string[] = [];
  const bands = scale.bands;
  if (bands.length < 2) problems.push('a scale needs at least two bands');
  const keys = new Set<string>();
  bands.forEach((b, i) => {
    if (keys.has(b.key)) problems.push(`band ${i + 1}: key "${b.key}" is used twice`);
    keys.add(b.key);
    const last = i === bands.length - 1;
    if (last && b.from !== null) problems.push('the last band must take everything below (from: null)');
    if (!last && b.from === null) problems.push(`band ${i + 1}: only the last band may be open below`);
    const next = bands[i + 1];
    if (!last && b.from !== null && next?.from != null) {
      const here = toMicros(b.from);
      const below = toMicros(next.from);
      if (here < below || (here === below && !(next.exclusive && !b.exclusive))) {
        problems.push(`band ${i + 1}: must start above band ${i + 2}`);
      }
    }
  });
  return problems;
}

/** The band an achievement falls in; null for no achievement. */
export function categorize(value: string | null, scale: CategoryScale = permendagri86Scale): CategoryBand | null {
  if (value === null) return null;
  const v = toMicros(value);
  for (const band of scale.bands) {
    if (band.from === null) return band;
    const edge = toMicros(band.from);
    if (band.exclusive ? v > edge : v >= edge) return band;
  }
  return scale.bands[scale.bands.length - 1] ?? null;
}
