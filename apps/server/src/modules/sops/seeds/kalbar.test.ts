import { parseDuration } from '@sidakin/core';
import { describe, expect, it } from 'vitest';
import { demoLaneMap } from '../../demo/demo-data.js';
import { demoAgencyOf, holders, loadSeedSop } from './seed-helpers.js';

// Seed 003 (Prov. Kalimantan Barat, SOP Perbaikan Data Kinerja) against its encoding in sops/kalbar.
// The expected values are copied from the seed's table as printed, not from the YAML.

interface PrintedStep {
  no: number;
  lanes: string[];
  text: string;
  requirements: string[];
  /** [value, unit]; null where the Waktu column is empty. */
  duration: [number, string] | null;
  outputs: string[];
  decision?: { ya: number; tidak: number };
  paraf?: boolean;
}

describe('seed 003: Perbaikan Data Kinerja, Biro Organisasi Prov. Kalimantan Barat', () => {
  const doc = loadSeedSop('kalbar/biro-organisasi-perbaikan-data-kinerja.yaml');
  const agency = demoAgencyOf('kalbar', 'biro-organisasi');

  const printedLanes = ['Karo Organisasi', 'Kabag Tatalaksana', 'Kasubbag TU', 'Pelaksana', 'Arsiparis'];
  const dokumenData = ['Dokumen', 'data'];
  const bahan = ['Bahan Informasi Perbaikan Data kinerja'];
  const draft = ['Draft Perbaikan Data kinerja'];
  const hasil = ['Perbaikan Data kinerja'];
  const printed: PrintedStep[] = [
    {
      no: 1,
      lanes: ['Karo Organisasi'],
      text: 'Memerintahkan Kabag Tatalaksana untuk membuat Nota Dinas permintaan data dan informasi kinerja untuk perbaikan data kinerja',
      requirements: ['Surat permintaan data kpd PD'],
      duration: [5, 'menit'],
      outputs: ['Disposisi'],
    },
    {
      no: 2,
      lanes: ['Kabag Tatalaksana'],
      text: 'menyampaikan perbaikan data dan informasi kinerja kepada Kasubbag TU Biro',
      requirements: dokumenData,
      duration: [5, 'menit'],
      outputs: bahan,
    },
    {
      no: 3,
      lanes: ['Kasubbag TU'],
      text: 'Menerima dan memerintahkan pelaksana untuk menghimpun perbaikan data kinerja',
      requirements: dokumenData,
      duration: [5, 'menit'],
      outputs: bahan,
    },
    {
      no: 4,
      lanes: ['Pelaksana'],
      text: 'Menganalisis dan mengevaluasi perbaikan data dan informasi kinerja Bagian-Bagian yang sudah terkumpul dan Menyusun perbaikan data kinerja, kemudian disampaikan kepada Kasubbag TU',
      requirements: dokumenData,
      duration: [20, 'menit'],
      outputs: bahan,
    },
    {
      no: 5,
      lanes: ['Kasubbag TU'],
      text: 'Menelaah dan mengoreksi perbaikan data kinerja, jika tidak setuju dikembalikan kepada pelaksana untuk diperbaiki, jika setuju diparaf dan diserahkan kepada kabag',
      requirements: dokumenData,
      duration: [20, 'menit'],
      outputs: draft,
      decision: { ya: 6, tidak: 4 },
      paraf: true,
    },
    {
      no: 6,
      lanes: ['Kabag Tatalaksana'],
      text: 'Menelaah dan mengoreksi perbaikan data kinerja, jika tidak setuju dikembalikan kepada kasubbag TU untuk diperbaiki, jika setuju diparaf dan diserahkan kepada Karo',
      requirements: dokumenData,
      duration: [20, 'menit'],
      outputs: draft,
      decision: { ya: 7, tidak: 5 },
      paraf: true,
    },
    {
      no: 7,
      lanes: ['Karo Organisasi'],
      text: 'Menelaah dan mengoreksi perbaikan data kinerja, jika tidak setuju dikembalikan kepada Kabag untuk diperbaiki, jika setuju ditandatangani dan diserahkan kepada kabag untuk ditindak lanjuti',
      requirements: dokumenData,
      duration: [20, 'menit'],
      outputs: draft,
      decision: { ya: 8, tidak: 6 },
    },
    {
      no: 8,
      lanes: ['Kabag Tatalaksana'],
      text: 'Menerima hasil perbaikan data kinerja dan memerintahkan Kasubbag untuk Mengarsipkan perbaikan data kinerja Biro',
      requirements: dokumenData,
      duration: [5, 'menit'],
      outputs: hasil,
    },
    {
      no: 9,
      lanes: ['Kasubbag TU'],
      text: 'Memerintahkan Arsiparis untuk Mengarsipkan perbaikan data kinerja Biro Organisasi',
      requirements: dokumenData,
      duration: [5, 'menit'],
      outputs: hasil,
    },
    {
      no: 10,
      lanes: ['Arsiparis'],
      text: 'Mengarsipkan Perbaikan Data Kinerja dalam Arsip Biro',
      requirements: dokumenData,
      duration: [5, 'menit'],
      outputs: hasil,
    },
  ];

  it('is bound to the Biro Organisasi and carries the identity as printed', () => {
    expect(doc.kind).toBe('correction');
    expect(doc.agency.government).toBe('kalbar');
    expect(doc.agency.agency).toBe(agency.code);
    expect(doc.identity).toMatchObject({
      number: '45/DPPESDM/2021',
      createdOn: 'Desember 2020',
      revisedOn: 'Juni 2021',
      effectiveOn: 'Juni 2021',
      effectiveDate: '2021-06-01',
    });
    expect(doc.recordKeeping).toEqual(['Buku Agenda', 'Nota Dinas']);
    // The header names the Dinas that issued the document; it is in the demo too.
    expect(doc.agency.header[1]).toBe('DINAS PERINDUSTRIAN, PERDAGANGAN, ENERGI, DAN SUMBER DAYA MINERAL');
    expect(demoAgencyOf('kalbar', 'dppesdm').positions.some((p) => p.code === 'kepala-dinas')).toBe(true);
  });

  it('has the printed steps, numbers and lanes in order', () => {
    expect(doc.steps.map((s) => s.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(Object.values(doc.lanes).map((l) => l.title)).toEqual(printedLanes);
  });

  it.each(printed)('step $no is encoded as printed', (want) => {
    const step = doc.steps.find((s) => s.no === want.no)!;
    expect(step.lanes.map((id) => doc.lanes[id]!.title)).toEqual(want.lanes);
    expect(step.text).toBe(want.text);
    expect(step.requirements).toEqual(want.requirements);
    const duration = step.duration === null ? null : parseDuration(step.duration);
    expect(duration && [duration.value, duration.unit]).toEqual(want.duration);
    expect(step.outputs).toEqual(want.outputs);
    expect(step.decision ? { ya: step.decision.ya, tidak: step.decision.tidak } : undefined).toEqual(want.decision);
    expect(step.action === 'review').toBe(want.decision !== undefined);
    expect(step.paraf ?? false).toBe(want.paraf ?? false);
    expect(step.perUnit ?? false).toBe(false);
  });

  it('signs at step 7 and archives at step 10', () => {
    expect(doc.steps.find((s) => s.no === 7)!.text).toContain('ditandatangani');
    expect(doc.steps.find((s) => s.no === 10)!.action).toBe('archive');
  });

  it('binds every lane to a position of the Biro Organisasi in the demo, as the demo lane map does', () => {
    const laneMap = demoLaneMap[agency.code]!;
    for (const lane of Object.values(doc.lanes)) {
      const candidates = holders(agency, lane.binding).map((p) => p.code);
      expect(candidates, lane.title).not.toEqual([]);
      expect(candidates, lane.title).toContain(laneMap[lane.title]);
    }
  });
});
