import type { LocalizedText } from './messages.js';

/**
 * Retention classes of the archive, after the Jadwal Retensi Arsip (JRA) the agencies follow
 * (Permendagri 78/2012 on the JRA of regional governments; PermenPANRB 53/2014 and the ANRI
 * classification for performance accountability): what SAKIP needs to account for a Renstra
 * period and beyond (performance reports, agreements, SOPs) is kept permanently; a correction of
 * performance data, with its dossier, for ten years (two active, eight inactive — two Renstra
 * periods); the record of a routine case for five; memos, invitations and minutes for two.
 * Not configurable yet: an agency with its own JRA asks for a change of this table.
 */
export interface RetentionClass {
  code: 'permanen' | '10-tahun' | '5-tahun' | '2-tahun';
  /** Null: kept permanently. */
  years: number | null;
  label: LocalizedText;
}

export const retentionClasses: Record<RetentionClass['code'], RetentionClass> = {
  permanen: { code: 'permanen', years: null, label: { id: 'Permanen', en: 'Permanent' } },
  '10-tahun': { code: '10-tahun', years: 10, label: { id: '10 tahun', en: '10 years' } },
  '5-tahun': { code: '5-tahun', years: 5, label: { id: '5 tahun', en: '5 years' } },
  '2-tahun': { code: '2-tahun', years: 2, label: { id: '2 tahun', en: '2 years' } },
};

/** The default class of each kind of archived item (document kinds; `case:<sop kind>` for case records). */
const byKind: Record<string, RetentionClass['code']> = {
  'laporan-kinerja': 'permanen',
  'perjanjian-kinerja': 'permanen',
  sop: 'permanen',
  'perbaikan-data-kinerja': '10-tahun',
  'berita-acara': '10-tahun',
  'case:correction': '10-tahun',
  'case:measurement': '10-tahun',
  'case:monitoring': '5-tahun',
  'case:collection': '5-tahun',
  'case:general': '5-tahun',
  'nota-dinas': '2-tahun',
  undangan: '2-tahun',
  'surat-keluar': '5-tahun',
};

/** The retention class of a kind; anything not listed is kept five years (the JRA's common "5 tahun"). */
export function retentionOf(kind: string): RetentionClass {
  return retentionClasses[byKind[kind] ?? '5-tahun'];
}

/** The last day an item archived on `archivedOn` (yyyy-mm-dd) is kept; null when permanent. */
export function retainUntil(cls: RetentionClass, archivedOn: string): string | null {
  if (cls.years === null) return null;
  const [y, m, d] = archivedOn.split('-');
  const year = Number(y) + cls.years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  // 29 February kept into a year without one ends on the 28th.
  return `${year}-${m}-${m === '02' && d === '29' && !leap ? '28' : d}`;
}

export const caseKindLabels: Record<string, LocalizedText> = {
  correction: { id: 'Berkas Kasus Perbaikan Data Kinerja', en: 'Correction case record' },
  collection: { id: 'Berkas Kasus Pengumpulan Data Kinerja', en: 'Collection case record' },
  measurement: { id: 'Berkas Kasus Pengukuran Kinerja', en: 'Measurement case record' },
  monitoring: { id: 'Berkas Kasus Monitoring', en: 'Monitoring case record' },
  general: { id: 'Berkas Kasus', en: 'Case record' },
};
