import { parseDuration, type SopDocument } from '@sidakin/core';
import { describe, expect, it } from 'vitest';
import { demoLaneMap } from '../../demo/demo-data.js';
import { demoAgencyOf, holders, loadSeedSop } from './seed-helpers.js';

// Seed 004 (Disdagtrans Kab. Pesisir Selatan, A. Pengumpulan and B. Pengukuran Data Kinerja)
// against its encoding in sops/pesisir-selatan. The expected values are copied from the seed's
// tables as printed, not from the YAML.

interface PrintedStep {
  no: number;
  lanes: string[];
  text: string;
  requirements: string[];
  /** [value, unit]; null where the Waktu column is empty. */
  duration: [number, string] | null;
  outputs: string[];
  decision?: { ya: number; tidak: number };
  perUnit?: boolean;
}

function expectAsPrinted(doc: SopDocument, want: PrintedStep): void {
  const step = doc.steps.find((s) => s.no === want.no)!;
  expect(step.lanes.map((id) => doc.lanes[id]!.title)).toEqual(want.lanes);
  expect(step.text).toBe(want.text);
  expect(step.requirements).toEqual(want.requirements);
  const duration = step.duration === null ? null : parseDuration(step.duration);
  expect(duration && [duration.value, duration.unit]).toEqual(want.duration);
  expect(step.outputs).toEqual(want.outputs);
  expect(step.decision ? { ya: step.decision.ya, tidak: step.decision.tidak } : undefined).toEqual(want.decision);
  expect(step.action === 'review').toBe(want.decision !== undefined);
  expect(step.perUnit ?? false).toBe(want.perUnit ?? false);
}

const agency = demoAgencyOf('pesisir-selatan', 'disdagtrans');
const bidangUnits = agency.units.filter((u) => u.kind === 'bidang');

function expectBindingsResolve(doc: SopDocument): void {
  expect(doc.agency.government).toBe('pesisir-selatan');
  expect(doc.agency.agency).toBe(agency.code);
  const laneMap = demoLaneMap[agency.code]!;
  for (const lane of Object.values(doc.lanes)) {
    const candidates = holders(agency, lane.binding);
    expect(
      candidates.map((p) => p.code),
      lane.title,
    ).toContain(laneMap[lane.title]);
    // A lane of "the unit in scope" must have someone in every Bidang that can be in scope.
    if (lane.binding === 'head-of-unit' || lane.binding === 'staff-of-unit') {
      for (const unit of bidangUnits) {
        expect(
          candidates.some((p) => p.unit === unit.code),
          `${lane.title} in ${unit.code}`,
        ).toBe(true);
      }
    }
  }
}

function expectIdentityAsPrinted(doc: SopDocument): void {
  expect(doc.identity).toMatchObject({
    number: '510/10.a/DP-Trans/2025',
    createdOn: '15 Januari 2025',
    revisedOn: '-',
    effectiveOn: '15 Januari 2025',
    effectiveDate: '2025-01-15',
  });
  expect(doc.equipment).toEqual([
    'Perjanjian Kinerja',
    'Renstra',
    'Laporan Kinerja Instansi Pemerintah (LKJIP)',
    'Dokumen hasil penilaian SAKIP',
    'DPA',
    'Aplikasi e-simbangda',
    'Aplikasi e-sakip',
    'Aplikasi SIPD',
  ]);
}

const aplikasi = ['Komputer', 'Aplikasi Pengumpulan data Kinerja'];

describe('seed 004 A: Pengumpulan Data Kinerja, Disdagtrans Kab. Pesisir Selatan', () => {
  const doc = loadSeedSop('pesisir-selatan/disdagtrans-pengumpulan-data-kinerja.yaml');
  const printedLanes = ['Kepala Dinas', 'Sekretariat', 'Bidang', 'Tim SAKIP Internal', 'Staf/ Operator'];
  const printed: PrintedStep[] = [
    {
      no: 1,
      lanes: ['Kepala Dinas'],
      text: 'Kepala Dinas memerintahkan Sekretaris untuk melakukan pengumpulan data kinerja',
      requirements: ['Blangko Nota Dinas'],
      duration: [5, 'menit'],
      outputs: ['Nota Dinas'],
    },
    {
      no: 2,
      lanes: ['Sekretariat', 'Tim SAKIP Internal'],
      text: 'Sekretaris melakukan rapat dengan Tim untuk memberikan arahan pelaksanaan kegiatan pengumpulan data kinerja',
      requirements: ['Nota Dinas'],
      duration: [60, 'menit'],
      outputs: ['Notulen Rapat'],
    },
    {
      no: 3,
      lanes: ['Tim SAKIP Internal'],
      text: 'Tim menyusun rencana kegiatan Pelaksanaan Pengumpulan Data',
      requirements: ['Notulen Rapat'],
      duration: [120, 'menit'],
      outputs: ['Program Kerja Kegiatan'],
    },
    {
      no: 4,
      lanes: ['Tim SAKIP Internal'],
      text: 'Tim mengumpulkan dokumen dokumen yang diperlukan untuk kegiatan pengumpulan data',
      requirements: [
        'Program Kerja Keg. PK',
        'IKU',
        'DPA',
        'Dokumen bukti pelaksanaan kegiatan Hasil Survey',
        'Lap. Hasil Evaluasi',
        'SAKIP Menpan RB Draft Formulir pengumpulan data capaian kinerja',
      ],
      duration: [1, 'hari'],
      outputs: ['Checklist Dokumen'],
    },
    {
      no: 5,
      lanes: ['Tim SAKIP Internal'],
      text: 'Tim memberikan arahan/sosialisasi tata cara Pengentrian Data Kinerja ke Aplikasi kepada Operator di masing-masing Bidang',
      requirements: aplikasi,
      duration: [120, 'menit'],
      outputs: ['Pemahaman staf/ operator'],
    },
    {
      no: 6,
      lanes: ['Staf/ Operator'],
      text: 'Staf/ Operator mengentrikan Data kinerja pada Aplikasi',
      requirements: aplikasi,
      duration: [2, 'hari'],
      outputs: ['Data kinerja yang sudah dientri'],
      perUnit: true,
    },
    {
      no: 7,
      lanes: ['Bidang'],
      text: 'Kepala Bidang Mengecek pengisian data kinerja pada aplikasi',
      requirements: aplikasi,
      duration: [120, 'menit'],
      outputs: ['Data kinerja yang sudah dicrosscheck'],
      perUnit: true,
    },
    {
      no: 8,
      lanes: ['Tim SAKIP Internal'],
      text: 'Tim Merekap Data Capaian Kinerja yang ada pada aplikasi',
      requirements: aplikasi,
      duration: [30, 'menit'],
      outputs: ['Draft Laporan Hasil Pengumpulan data Kinerja pada aplikasi'],
    },
    {
      no: 9,
      lanes: ['Tim SAKIP Internal'],
      text: 'Tim melaporkan hasil rekapitulasi data kinerja kepada Sekretaris',
      requirements: ['Draft Laporan Hasil Pengumpulan data Kinerja pada aplikasi'],
      duration: [30, 'menit'],
      outputs: ['Draft Laporan Hasil Pengumpulan Data Kinerja'],
    },
    {
      no: 10,
      lanes: ['Sekretariat'],
      text: 'Sekretaris menganalisa laporan hasil pengumpulan data kinerja, apabila setuju akan digunakan sebagai bahan untuk penyusunan laporan kinerja. Jika tidak maka dikembalikan untuk dilengkapi dan dientrikan ulang pada aplikasi',
      requirements: ['Draft Laporan Hasil Pengumpulan data Kinerja pada aplikasi'],
      duration: [90, 'menit'],
      outputs: ['Laporan hasil pengumpulan data Kinerja'],
      decision: { ya: 11, tidak: 6 },
    },
    {
      no: 11,
      lanes: ['Sekretariat'],
      text: 'Sekretaris melaporkan hasil pengumpulan data Kinerja kepada Kepala Dinas',
      requirements: ['Laporan Hasil Pengumpulan data Kinerja pada aplikasi', 'Lembar Disposisi'],
      duration: [30, 'menit'],
      outputs: ['Disposisi Kepala Dinas'],
    },
    {
      no: 12,
      lanes: ['Sekretariat'],
      text: 'Pengarsipan data kinerja',
      requirements: ['Arsip Hasil Pengumpulan data Kinerja'],
      duration: null,
      outputs: [],
    },
  ];

  it('carries the identity as printed', () => {
    expect(doc.kind).toBe('collection');
    expectIdentityAsPrinted(doc);
  });

  it('has the printed steps, numbers and lanes in order', () => {
    expect(doc.steps.map((s) => s.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(Object.values(doc.lanes).map((l) => l.title)).toEqual(printedLanes);
  });

  it.each(printed)('step $no is encoded as printed', (want) => expectAsPrinted(doc, want));

  it('enters and checks the data once per Bidang, then recaps (the join), and archives at the end', () => {
    expect(doc.steps.filter((s) => s.perUnit).map((s) => s.no)).toEqual([6, 7]);
    expect(doc.steps.find((s) => s.no === 12)!.action).toBe('archive');
  });

  it('binds every lane to the demo Disdagtrans, as the demo lane map does', () => expectBindingsResolve(doc));
});

describe('seed 004 B: Pengukuran Data Kinerja, Disdagtrans Kab. Pesisir Selatan', () => {
  const doc = loadSeedSop('pesisir-selatan/disdagtrans-pengukuran-data-kinerja.yaml');
  // Printed: Kepala Dinas, Sekretaris, Bidang, Tim SAKIP Internal, Staf. No step names or marks
  // Bidang or Staf, and a declared lane must be used, so those two are not declared.
  const printedLanes = ['Kepala Dinas', 'Sekretaris', 'Bidang', 'Tim SAKIP Internal', 'Staf'];
  const unusedLanes = ['Bidang', 'Staf'];
  const kertasKerja = ['Kertas Kerja Pengukuran Kinerja'];
  const printed: PrintedStep[] = [
    {
      no: 1,
      lanes: ['Kepala Dinas'],
      text: 'Kepala Dinas memerintahkan Sekretaris untuk melakukan pengukuran kinerja',
      requirements: ['Blangko Nota Dinas'],
      duration: [5, 'menit'],
      outputs: ['Nota Dinas'],
    },
    {
      no: 2,
      lanes: ['Sekretaris', 'Tim SAKIP Internal'],
      text: 'Sekretaris melakukan rapat dengan Tim untuk memberikan arahan pelaksanaan kegiatan pengukuran kinerja',
      requirements: ['Nota Dinas'],
      duration: [60, 'menit'],
      outputs: ['Notulen Rapat'],
    },
    {
      no: 3,
      lanes: ['Tim SAKIP Internal'],
      text: 'Tim menyusun rencana kegiatan pengukuran kinerja',
      requirements: ['Notulen Rapat'],
      duration: [120, 'menit'],
      outputs: ['Program Kerja Kegiatan'],
    },
    {
      no: 4,
      lanes: ['Tim SAKIP Internal'],
      text: 'Tim menyiapkan metodologi pengukuran capaian kinerja untuk tiap-tiap tujuan/ sasaran/ program/ kegiatan berdasarkan indikator kinerja yang SMART',
      requirements: ['Juknis Pengukuran Kinerja Menpan RB RENSTRA', 'IKU', 'Program Kerja Kegiatan'],
      duration: [120, 'menit'],
      outputs: kertasKerja,
    },
    {
      no: 5,
      lanes: ['Tim SAKIP Internal'],
      text: 'Tim melakukan pengukuran capaian kinerja menggunakan metodologi yang telah ditetapkan',
      requirements: ['Kertas Kerja Pengukuran Kinerja', 'Dokumen Pengumpulan Data Kinerja'],
      duration: [1, 'hari'],
      outputs: kertasKerja,
    },
    {
      no: 6,
      lanes: ['Tim SAKIP Internal'],
      text: 'Tim merekap seluruh hasil pengukuran capaian kinerja untuk tiap-tiap tujuan/ sasaran/ program/ kegiatan',
      requirements: kertasKerja,
      duration: [120, 'menit'],
      outputs: ['Rekapitulasi Hasil Pengukuran Kinerja'],
    },
    {
      no: 7,
      lanes: ['Tim SAKIP Internal'],
      text: 'Tim melaporkan hasil rekapitulasi pengukuran kinerja kepada Sekretaris',
      requirements: ['Rekapitulasi Hasil Pengumpulan Data Kinerja'],
      duration: [30, 'menit'],
      outputs: ['Draft Laporan Hasil Pengukuran Data Kinerja'],
    },
    {
      no: 8,
      lanes: ['Sekretaris'],
      text: 'Sekretaris menganalisa hasil rekapitulasi pengukuran kinerja, apabila setuju akan digunakan sebagai bahan untuk penyusunan laporan Kinerja dan evaluasi. Jika tidak maka dikembalikan untuk dilengkapi sesuai arahan.',
      requirements: ['Draft Laporan Hasil Pengukuran Data Kinerja'],
      duration: [90, 'menit'],
      outputs: ['Laporan Hasil Pengukuran Kinerja', 'Lembar Disposisi'],
      decision: { ya: 9, tidak: 5 },
    },
    {
      no: 9,
      lanes: ['Sekretaris'],
      text: 'Sekretaris melaporkan data pengukuran kinerja kepada Kepala Dinas',
      requirements: ['Laporan Hasil Pengukuran Kinerja', 'Lembar Disposisi'],
      duration: [30, 'menit'],
      outputs: ['Disposisi Kepala Dinas'],
    },
    {
      // No text is printed for step 10; the encoding reconstructs it from the kelengkapan.
      no: 10,
      lanes: ['Sekretaris'],
      text: 'Pengarsipan hasil pengukuran data kinerja',
      requirements: ['Arsip Hasil Pengukuran Data Kinerja'],
      duration: null,
      outputs: [],
    },
  ];

  it('carries the identity as printed', () => {
    expect(doc.kind).toBe('measurement');
    expectIdentityAsPrinted(doc);
  });

  it('has the printed steps and numbers, and the printed lanes that some step uses, in order', () => {
    expect(doc.steps.map((s) => s.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(Object.values(doc.lanes).map((l) => l.title)).toEqual(printedLanes.filter((t) => !unusedLanes.includes(t)));
  });

  it.each(printed)('step $no is encoded as printed', (want) => expectAsPrinted(doc, want));

  it('measures at step 5, runs nothing per unit and archives at the end', () => {
    expect(doc.steps.find((s) => s.no === 5)!.action).toBe('measure');
    expect(doc.steps.filter((s) => s.perUnit)).toEqual([]);
    expect(doc.steps.find((s) => s.no === 10)!.action).toBe('archive');
  });

  it('binds every lane to the demo Disdagtrans, as the demo lane map does', () => expectBindingsResolve(doc));
});
