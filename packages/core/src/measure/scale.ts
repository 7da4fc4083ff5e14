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

/**
 * The four bands of the LAN RI guide to performance reporting (Pedoman Penyusunan Pelaporan
 * Akuntabilitas Kinerja Instansi Pemerintah, Keputusan Kepala LAN 239/IX/6/8/2003): above 85
 * sangat berhasil, above 70 berhasil, above 55 cukup berhasil, otherwise tidak berhasil.
 */
export const lanScale: CategoryScale = {
  key: 'lan-2003',
  name: { id: 'Pedoman LAN 2003 (empat predikat)', en: 'LAN 2003 guide (four ratings)' },
  source: 'Keputusan Kepala LAN Nomor 239/IX/6/8/2003',
  bands: [
    {
      key: 'sangat-berhasil',
      label: { id: 'Sangat berhasil', en: 'Very successful' },
      from: '85',
      exclusive: true,
      color: 'teal',
    },
    { key: 'berhasil', label: { id: 'Berhasil', en: 'Successful' }, from: '70', exclusive: true, color: 'green' },
    {
      key: 'cukup-berhasil',
      label: { id: 'Cukup berhasil', en: 'Fairly successful' },
      from: '55',
      exclusive: true,
      color: 'yellow',
    },
    { key: 'tidak-berhasil', label: { id: 'Tidak berhasil', en: 'Not successful' }, from: null, color: 'red' },
  ],
};

/** Scales a government starts from; it may change any band (words, edges, colours) after. */
export const categoryScalePresets: readonly CategoryScale[] = [permendagri86Scale, lanScale];

/** Colours a band may take (Mantine's palette). */
export const bandColors = [
  'teal',
  'green',
  'lime',
  'yellow',
  'orange',
  'red',
  'grape',
  'violet',
  'indigo',
  'blue',
  'cyan',
  'gray',
] as const;

/** A problem of a scale, at `bands[band]` (or the whole scale), in both languages. */
export interface ScaleIssue {
  band: number | null;
  field: 'bands' | 'key' | 'from';
  message: LocalizedText;
}

/** What is wrong with a scale, worded for people, each naming the band it is about. */
export function scaleIssues(scale: CategoryScale): ScaleIssue[] {
  const issues: ScaleIssue[] = [];
  const bands = scale.bands;
  if (bands.length < 2) {
    issues.push({
      band: null,
      field: 'bands',
      message: { id: 'Skala memerlukan sedikitnya dua kategori', en: 'A scale needs at least two bands' },
    });
  }
  const keys = new Set<string>();
  bands.forEach((b, i) => {
    const n = i + 1;
    if (keys.has(b.key)) {
      issues.push({
        band: i,
        field: 'key',
        message: {
          id: `Kategori ${n}: kode "${b.key}" dipakai dua kali`,
          en: `Band ${n}: key "${b.key}" is used twice`,
        },
      });
    }
    keys.add(b.key);
    const last = i === bands.length - 1;
    if (last && b.from !== null) {
      issues.push({
        band: i,
        field: 'from',
        message: {
          id: 'Kategori terakhir harus mencakup semua nilai di bawahnya (tanpa batas bawah)',
          en: 'The last band must take everything below (no lower edge)',
        },
      });
    }
    if (!last && b.from === null) {
      issues.push({
        band: i,
        field: 'from',
        message: {
          id: `Kategori ${n}: hanya kategori terakhir yang boleh tanpa batas bawah`,
          en: `Band ${n}: only the last band may be open below`,
        },
      });
    }
    const next = bands[i + 1];
    if (!last && b.from !== null && next?.from != null) {
      const here = toMicros(b.from);
      const below = toMicros(next.from);
      if (here < below || (here === below && !(next.exclusive && !b.exclusive))) {
        issues.push({
          band: i,
          field: 'from',
          message: {
            id: `Kategori ${n}: batas bawahnya harus di atas batas kategori ${n + 1}`,
            en: `Band ${n}: must start above band ${n + 1}`,
          },
        });
      }
    }
  });
  return issues;
}
