import fs from 'node:fs';
import path from 'node:path';
import { type DurationUnit, parseDuration, type SopDocument, validateSopText } from '@sidakin/core';
import { describe, expect, it } from 'vitest';
import { bindingProblems } from './seed-helpers.js';

// The three SOPs of Kecamatan Masama (seed 002), checked against the seed as printed: the expected
// values below are copied from the seed text, not from the YAML.

const repoRoot = path.resolve(import.meta.dirname, '../../../../../..');

function read(file: string): string {
  return fs.readFileSync(path.join(repoRoot, file), 'utf8');
}

function load(file: string): SopDocument {
  const r = validateSopText(read(file));
  if (!r.ok) throw new Error(`${file}: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return r.value;
}

function validationErrors(file: string): unknown[] {
  const r = validateSopText(read(file));
  return r.ok ? [] : r.errors;
}

interface ExpectedStep {
  no: number;
  /** Lane titles as printed in the Pelaksana columns. */
  lanes: string[];
  text: string;
  requirements: string[];
  duration: [number, DurationUnit] | null;
  outputs: string[];
  perUnit?: true;
  paraf?: true;
}

function laneTitles(doc: SopDocument): string[] {
  return Object.values(doc.lanes).map((l) => l.title);
}

function actual(doc: SopDocument): ExpectedStep[] {
  return doc.steps.map((s) => {
    const d = s.duration === null ? null : parseDuration(s.duration);
    return {
      no: s.no,
      lanes: s.lanes.map((l) => doc.lanes[l]!.title),
      text: s.text,
      requirements: s.requirements,
      duration: d ? [d.value, d.unit] : null,
      outputs: s.outputs,
      ...(s.perUnit ? { perUnit: true as const } : {}),
      ...(s.paraf ? { paraf: true as const } : {}),
    };
  });
}

function decisions(doc: SopDocument): Record<number, { ya: number; tidak: number }> {
  const out: Record<number, { ya: number; tidak: number }> = {};
  for (const s of doc.steps) if (s.decision) out[s.no] = { ya: s.decision.ya, tidak: s.decision.tidak };
  return out;
}

/**
 * Every lane binds to something the demo organisation has: a named position or team role exists in
 * the agency, and the position the demo's lane map gives the printed title fits the binding.
 */

/** Names and NIPs printed in seed 002 (in its several spellings); none may be copied. */
const printedPeople = [
  'KAMALUDDIN',
  'KAMALUDIN',
  'KALUDDIN',
  'KAMALUS',
  'DJANO',
  'DJAINO',
  'BUAHO',
  '19681251986111001',
  '196801271986111001',
  '19660125',
  '1960122',
  '680125',
];

function copiedPeople(file: string): string[] {
  const text = read(file).toUpperCase();
  return printedPeople.filter((p) => text.includes(p));
}

const banggaiHeader = ['PEMERINTAH KABUPATEN BANGGAI', 'KECAMATAN MASAMA', 'KABUPATEN BANGGAI'];

describe('seed 002, Kecamatan Masama: Perbaikan Data Kinerja', () => {
  const file = 'sops/banggai/masama-perbaikan-data-kinerja.yaml';
  const doc = load(file);

  it('is valid', () => {
    expect(validationErrors(file)).toEqual([]);
  });

  it('is the correction SOP of Kecamatan Masama', () => {
    expect(doc.id).toBe('banggai/masama/perbaikan-data-kinerja');
    expect(doc.kind).toBe('correction');
    expect(doc.agency.header).toEqual(banggaiHeader);
    expect(doc.identity.approvedBy.position).toBe('Camat Masama');
    expect(doc.identity.number).toBeNull();
  });

  it('has the printed lanes in order', () => {
    expect(laneTitles(doc)).toEqual(['Camat', 'Sekretaris', 'Kepala Seksi/Lurah', 'Kasubag Evlap', 'Pelaksana']);
  });

  it('has the nine printed steps with their lanes and mutu baku', () => {
    const dok = ['Dokumen data kinerja'];
    const expected: ExpectedStep[] = [
      {
        no: 1,
        lanes: ['Camat'],
        text: 'Camat meneliti data kinerja seluruh pegawai Kec. Masama dan didapatkan ada kesalahan data kinerja yang telah selesai divalidasi dan akan ditandatangani',
        requirements: dok,
        duration: [120, 'menit'],
        outputs: dok,
      },
      {
        no: 2,
        lanes: ['Camat'],
        text: 'Memerintahkan sekretaris untuk melakukan verifikasi ulang terhadap data kinerja yang sudah ada',
        requirements: dok,
        duration: [60, 'menit'],
        outputs: dok,
      },
      {
        no: 3,
        lanes: ['Sekretaris'],
        text: 'Sekretaris memerintahkan Kasubag evlap untuk berkoordinasi ke Kepala Seksi mengenai kesalahan data kinerja',
        requirements: dok,
        duration: [60, 'menit'],
        outputs: dok,
      },
      {
        no: 4,
        lanes: ['Pelaksana'],
        text: 'Pelaksana memperbaiki data kinerja seluruh pegawai Kecamatan Masama',
        requirements: dok,
        duration: [480, 'menit'],
        outputs: dok,
      },
      {
        no: 5,
        lanes: ['Kepala Seksi/Lurah'],
        text: 'Kepala Seksi melakukan koreksi atas perbaikan data kinerja',
        requirements: dok,
        duration: [120, 'menit'],
        outputs: dok,
      },
      {
        no: 6,
        lanes: ['Kepala Seksi/Lurah'],
        text: 'Menyampaikan perbaikan data kinerja ke Kasubag Evlap',
        requirements: dok,
        duration: [60, 'menit'],
        outputs: dok,
      },
      {
        no: 7,
        lanes: ['Kasubag Evlap'],
        text: 'Melakukan rekapitulasi terhadap perbaikan data kinerja sebagai bahan laporan',
        requirements: dok,
        duration: [30, 'menit'],
        outputs: dok,
      },
      {
        no: 8,
        lanes: ['Sekretaris'],
        text: 'Sekretaris meneliti perbaikan data kinerja dan memberikan paraf sebelum ditandatangani oleh Camat',
        requirements: dok,
        duration: [30, 'menit'],
        outputs: dok,
        paraf: true,
      },
      {
        no: 9,
        lanes: ['Camat'],
        text: 'Camat menandatangani dokumen perbaikan data kinerja',
        requirements: dok,
        duration: [30, 'menit'],
        outputs: dok,
      },
    ];
    expect(doc.steps.map((s) => s.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(actual(doc)).toEqual(expected);
  });

  it('has no decision (the text describes no return) and ends with the Camat signing', () => {
    expect(decisions(doc)).toEqual({});
    expect(doc.steps.at(-1)!.action).toBe('sign');
  });

  it('binds every lane to the demo organisation', () => {
    expect(bindingProblems(doc)).toEqual([]);
  });

  it('copies no name or NIP from the source', () => {
    expect(copiedPeople(file)).toEqual([]);
  });
});

describe('seed 002, Kecamatan Masama: Monitoring Renstra Secara Periodik', () => {
  const file = 'sops/banggai/masama-monitoring-renstra.yaml';
  const doc = load(file);

  it('is valid', () => {
    expect(validationErrors(file)).toEqual([]);
  });

  it('is the monitoring SOP of Kecamatan Masama', () => {
    expect(doc.id).toBe('banggai/masama/monitoring-renstra');
    expect(doc.kind).toBe('monitoring');
    expect(doc.title).toBe('Mekanisme Monitoring Renstra Secara Periodik');
    expect(doc.agency.header).toEqual(banggaiHeader);
    expect(doc.identity.approvedBy.position).toBe('Camat Masama');
  });

  it('has the printed lanes in order', () => {
    expect(laneTitles(doc)).toEqual(['Camat', 'Sekretaris', 'kepala seksi/lurah', 'Kasubag Evlap', 'Pelaksana']);
  });

  it('has the ten printed steps with their lanes and mutu baku', () => {
    const renstra = ['RENSTRA Kec. Masama'];
    const expected: ExpectedStep[] = [
      {
        no: 1,
        lanes: ['Camat'],
        text: 'Memerintahkan melakukan monitoring RENSTRA',
        requirements: ['Lembar Disposisi'],
        duration: [10, 'menit'],
        outputs: ['Disposisi surat'],
      },
      {
        no: 2,
        lanes: ['Kasubag Evlap'],
        text: 'Kasubag Evlap membuat format pengumpulan data dan informasi kinerja dari masing-masing Seksi dan Sekretariat terkait monitoring RENSTRA secara periodeik',
        requirements: renstra,
        duration: [120, 'menit'],
        outputs: renstra,
      },
      {
        no: 3,
        lanes: ['Kasubag Evlap'],
        text: 'Menyampaikan format pengumpulan data dan informasi monitoring RENSTRA kepada masing-masing Seksi dan Sekretaris',
        requirements: renstra,
        duration: [60, 'menit'],
        outputs: renstra,
      },
      {
        no: 4,
        lanes: ['Kasubag Evlap'],
        text: 'Mengundang Camat, pejabat eselon III , IV dan JP untuk rapat pembahasan monitoring RENSTRA',
        requirements: ['Undangan rapat'],
        duration: [120, 'menit'],
        outputs: ['Rapat persiapan monitoring RENSTRA'],
      },
      {
        no: 5,
        lanes: ['Camat', 'Sekretaris', 'kepala seksi/lurah', 'Kasubag Evlap', 'Pelaksana'],
        text: 'Melaksanakan rapat pembahasan Monitoring RENSTRA',
        requirements: renstra,
        duration: [180, 'menit'],
        outputs: renstra,
      },
      {
        no: 6,
        lanes: ['Kasubag Evlap'],
        text: 'Menghimpun format data dan informasi monitoring RENSTRA dari masing-masing Seksi, Lurah dan Sekretariat',
        requirements: renstra,
        duration: [480, 'menit'],
        outputs: renstra,
      },
      {
        no: 7,
        lanes: ['Kasubag Evlap'],
        text: 'Menganalisa data dan informasi monitoring RENSTRA yang telah terkumpul',
        requirements: renstra,
        duration: [480, 'menit'],
        outputs: renstra,
      },
      {
        no: 8,
        lanes: ['Kasubag Evlap'],
        text: 'Membuat konsep laporan monitoring RENSTRA',
        requirements: renstra,
        duration: [480, 'menit'],
        outputs: renstra,
      },
      {
        no: 9,
        lanes: ['Sekretaris'],
        text: 'Mengkoreksi konsep laporan monitoring RENSTRA',
        requirements: renstra,
        duration: [120, 'menit'],
        outputs: renstra,
      },
      {
        no: 10,
        lanes: ['Camat'],
        text: 'Menyampaikan laporan hasil monitoring RENSTRA',
        requirements: renstra,
        duration: [60, 'menit'],
        outputs: renstra,
      },
    ];
    expect(doc.steps.map((s) => s.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(actual(doc)).toEqual(expected);
  });

  it('has no decision (the text describes no return)', () => {
    expect(decisions(doc)).toEqual({});
  });

  it('binds every lane to the demo organisation', () => {
    expect(bindingProblems(doc)).toEqual([]);
  });

  it('copies no name or NIP from the source', () => {
    expect(copiedPeople(file)).toEqual([]);
  });
});

describe('seed 002, Kecamatan Masama: Pengumpulan Data Kinerja', () => {
  const file = 'sops/banggai/masama-pengumpulan-data-kinerja.yaml';
  const doc = load(file);

  it('is valid', () => {
    expect(validationErrors(file)).toEqual([]);
  });

  it('is the collection SOP of Kecamatan Masama', () => {
    expect(doc.id).toBe('banggai/masama/pengumpulan-data-kinerja');
    expect(doc.kind).toBe('collection');
    expect(doc.title).toBe('Mekanisme Pengumpulan Data Kinerja');
    expect(doc.agency.header).toEqual(banggaiHeader);
    expect(doc.identity.approvedBy.position).toBe('Camat Masama');
    expect(doc.recordKeeping).toEqual([
      'Kepala OPD : Lembar disposisi/arahan, tanda tangan',
      'Sekretaris OPD : Lembar disposisi, paraf',
      'Kasubag Perencanaan : Lembar disposisi, paraf',
      'Setiap tahap terdokumentasi dengan baik dalam bentuk softcopy maupun hardcopy',
    ]);
  });

  it('has the printed lanes in order', () => {
    expect(laneTitles(doc)).toEqual(['Camat', 'Sekretaris', 'Kepala Seksi/ Lurah', 'Kasubag', 'Kasubag Perenc']);
  });

  it('has the nine printed steps with their lanes and mutu baku; each unit discusses and compiles its data', () => {
    const dokumen = ['Dokumen'];
    const format = ['Dokumen Format data'];
    const data = ['Dokumen data kinerja'];
    const expected: ExpectedStep[] = [
      {
        no: 1,
        lanes: ['Camat'],
        text: 'Perintah untuk melakukan pengumpulan data kinerja',
        requirements: ['Lembar disposisi'],
        duration: [15, 'menit'],
        outputs: ['Lembar disposisi'],
      },
      {
        no: 2,
        lanes: ['Sekretaris'],
        text: 'Memerintahkan Kasubag Evlap untuk membuat format permintaan data kinerja',
        requirements: ['Lembar disposisi'],
        duration: [30, 'menit'],
        outputs: format,
      },
      {
        no: 3,
        lanes: ['Kasubag Perenc'],
        text: 'Menyampaikan format permintaan data kinerja kepada masing-masing Seksi, Lurah dan Sekretariat',
        requirements: dokumen,
        duration: [15, 'menit'],
        outputs: format,
      },
      {
        no: 4,
        lanes: ['Kepala Seksi/ Lurah', 'Kasubag Perenc'],
        text: 'Rapat Kepala Seksi dengan Kasubag Perenc untuk membahas pengisian format data kinerja',
        requirements: dokumen,
        duration: [60, 'menit'],
        outputs: format,
        perUnit: true,
      },
      {
        no: 5,
        lanes: ['Kepala Seksi/ Lurah'],
        text: 'Menyusun data kinerja',
        requirements: dokumen,
        duration: [480, 'menit'],
        outputs: data,
        perUnit: true,
      },
      {
        no: 6,
        lanes: ['Kasubag'],
        text: 'Melakukan rekapitulasi data kinerja masing-masing Seksi/Lurah dan sekretariat',
        requirements: dokumen,
        duration: [480, 'menit'],
        outputs: data,
      },
      {
        no: 7,
        lanes: ['Sekretaris'],
        text: 'Menghimpun dan memvalidasi data kinerja',
        requirements: dokumen,
        duration: [480, 'menit'],
        outputs: data,
      },
      {
        no: 8,
        lanes: ['Sekretaris'],
        text: 'Menyampaikan data kinerja kepada Kasubag Evlap',
        requirements: dokumen,
        duration: [15, 'menit'],
        outputs: data,
      },
      {
        no: 9,
        lanes: ['Kasubag Perenc'],
        text: 'Melakukan rekapitulasi data kinerja Kec. Masama sebagai bahan penyusunan laporan',
        requirements: dokumen,
        duration: [480, 'menit'],
        outputs: data,
      },
    ];
    expect(doc.steps.map((s) => s.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(actual(doc)).toEqual(expected);
  });

  it('has no decision (the text describes no return)', () => {
    expect(decisions(doc)).toEqual({});
  });

  it('binds every lane to the demo organisation ("Kasubag Perenc" is the Kasubag Evlap)', () => {
    expect(bindingProblems(doc)).toEqual([]);
    expect(doc.lanes['kasubag-perenc']?.binding).toEqual({ position: 'kasubbag-evlap' });
  });

  it('copies no name or NIP from the source', () => {
    expect(copiedPeople(file)).toEqual([]);
  });
});
