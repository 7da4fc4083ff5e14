import fs from 'node:fs';
import path from 'node:path';
import { type DurationUnit, parseDuration, type SopDocument, validateSopText } from '@sidakin/core';
import { describe, expect, it } from 'vitest';
import { type DemoAgency, demoData } from '../../demo/demo-data.js';
import { bindingProblems, mappedPosition } from './seed-helpers.js';

// Disperindag Kab. Sidoarjo, Mekanisme Kesalahan Data Kinerja (seed 001), checked against the seed as
// printed: the expected values below are copied from the seed text, not from the YAML.

const repoRoot = path.resolve(import.meta.dirname, '../../../../../..');
const file = 'sops/sidoarjo/disperindag-kesalahan-data-kinerja.yaml';
const source = fs.readFileSync(path.join(repoRoot, file), 'utf8');

interface ExpectedStep {
  /** The number in the list (5 URAIAN PROSEDUR). */
  no: number;
  /** Lane titles as printed in the Pelaksana columns of the table (6 ALUR SOP). */
  lanes: string[];
  /** The list's text. */
  text: string;
  /** Mutu baku of the matching table row. */
  requirements: string[];
  duration: [number, DurationUnit] | null;
  outputs: string[];
  paraf?: true;
}

/** List step → the table row (as numbered in the table) and its Kegiatan, or null where the table has none. */
const tableRows: Record<number, [string, string] | null> = {
  1: ['1', 'Memerintahkan untuk mereview data kinerja'],
  2: ['2', 'Menyusun rencana kegiatan, pelaksanaan kegiatan perbaikan data'],
  3: ['4', 'Menghimpun data kinerja perbaikan, menyusun konsep laporan'],
  4: ['5', 'Laporan pejabat pelaporan kepada sekretaris terkait hasil perbaikan data kinerja'],
  5: ['6', 'Melakukan rapat intern dengan tim'],
  6: ['7', 'Hasil perbaikan data kinerja'],
  7: null,
};

const expectedSteps: ExpectedStep[] = [
  {
    no: 1,
    lanes: ['Kepala OPD'],
    text: 'Kepala Dinas Perindustrian dan Perdagangan Kabupaten Sidoarjo memerintahkan untuk mereview data kinerja yang telah disampaikan sebelumnya',
    requirements: ['Struktur organisasi'],
    duration: [15, 'menit'],
    outputs: ['Draft tim'],
  },
  {
    no: 2,
    lanes: ['Pejabat Pelaporan'],
    text: 'Kepala Sub Bagian Perencanaan dan Keuangan menyusun rencana kegiatan dan pelaksanaan kegiatan perbaikan data kinerja',
    requirements: ['Data kinerja'],
    duration: [1, 'hari'],
    outputs: ['Rencana kegiatan perbaikan data'],
  },
  {
    no: 3,
    lanes: ['Pejabat Pelaporan', 'Sekretaris'],
    text: 'Kepala Sub Bagian Perencanaan dan Keuangan dan Sekretaris Dinas Perindustrian dan Perdagangan Kabupaten Sidoarjo menghimpun data kinerja perbaikan, menyusun konsep laporan perubahan',
    requirements: ['Tim'],
    duration: [1, 'hari'],
    outputs: ['Konsep laporan hasil pengumpulan data perbaikan'],
  },
  {
    no: 4,
    lanes: ['Pejabat Pelaporan'],
    text: 'Kepala Sub Bagian Perencanaan dan Keuangan melaporkan hasil pengumpulan data kinerja perbaikan kepada Sekretaris Dinas Perindustrian dan Perdagangan Kabupaten Sidoarjo',
    requirements: ['Konsep laporan data kinerja perubahan'],
    duration: [30, 'menit'],
    outputs: ['Konsep laporan hasil perbaikan data'],
  },
  {
    no: 5,
    lanes: ['Pejabat Pelaporan', 'Sekretaris'],
    text: 'Kepala Sub Bagian Perencanaan dan Keuangan bersama Sekretaris Dinas Perindustrian dan Perdagangan Kabupaten Sidoarjo mengadakan rapat intern untuk menentukan data final',
    requirements: ['Data kinerja'],
    duration: [1, 'hari'],
    outputs: ['Laporan final'],
  },
  {
    no: 6,
    lanes: ['Kepala OPD', 'Staf'],
    text: 'Setelah data kinerja final di paraf, diberikan ke staf pengolah data pelaporan untuk diagenda dan dimintakan tanda tangan ke seluruh pemangku kegiatan',
    requirements: ['Data kinerja yang telah diparaf'],
    duration: [30, 'menit'],
    outputs: ['Laporan yang telah ditanda tangani'],
    paraf: true,
  },
  {
    no: 7,
    lanes: ['Staf'],
    text: 'Data yang sudah ditanda tangani siap untuk didokumentasikan',
    requirements: [],
    duration: null,
    outputs: [],
  },
];

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
      ...(s.paraf ? { paraf: true as const } : {}),
    };
  });
}

function demoAgency(doc: SopDocument): DemoAgency {
  const agency = demoData
    .find((g) => g.code === doc.agency.government)
    ?.agencies.find((a) => a.code === doc.agency.agency);
  if (!agency) throw new Error(`no demo agency ${doc.agency.government}/${doc.agency.agency}`);
  return agency;
}

/**
 * Every lane binds to something the demo organisation has: a named position or team role exists in
 * the agency, and the position the demo's lane map gives the printed title fits the binding.
 */

describe('seed 001, Disperindag Kab. Sidoarjo: Mekanisme Kesalahan Data Kinerja', () => {
  const r = validateSopText(source);
  if (!r.ok) throw new Error(`${file}: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  const doc = r.value;

  it('is valid', () => {
    expect(validateSopText(source).ok).toBe(true);
  });

  it('is the correction SOP of the Disperindag, with the printed identity (positions only)', () => {
    expect(doc.id).toBe('sidoarjo/disperindag/kesalahan-data-kinerja');
    expect(doc.kind).toBe('correction');
    expect(doc.agency.header).toEqual(['DINAS PERINDUSTRIAN DAN PERDAGANGAN', 'KABUPATEN SIDOARJO']);
    expect(doc.identity).toMatchObject({
      number: 'SOP/459/438.5.20/2021',
      effectiveOn: '31 Maret 2021',
      effectiveDate: '2021-03-31',
      revision: '0',
      approvedBy: { position: 'Kepala Dinas Perindustrian dan Perdagangan' },
      preparedBy: { position: 'Kepala Sub Bagian Perencanaan dan Keuangan' },
      reviewedBy: { position: 'Sekretaris Dinas Perindustrian dan Perdagangan' },
    });
  });

  it('keeps tujuan, ruang lingkup, definisi and catatan mutu as printed', () => {
    expect(doc.purpose).toBe(
      'Tujuan penyusunan SOP Mekanisme Kesalahan Data Kinerja adalah untuk memberikan petunjuk atau pedoman bagi tim penyusun laporan capaian kinerja dalam melakukan perbaikan terkait kesalahan dalam pengumpulan dan pelaporan data kinerja sebagai bahan laporan akuntabilitas kinerja Dinas Perindustrian dan Perdagangan Kabupaten Sidoarjo.',
    );
    expect(doc.scope).toBe(
      'SOP Mekanisme Kesalahan Data Kinerja merupakan implementasi SAKIP pada Dinas Perindustrian dan Perdagangan Kabupaten Sidoarjo, mulai dari perencanaan, pelaksanaan, monitoring evaluasi sampai dengan pelaporan.',
    );
    expect(doc.definition).toBe(
      'Mekanisme Kesalahan Data Kinerja adalah proses perbaikan data pada laporan capaian kinerja dilaksanakan oleh tim penyusun laporan capaian kinerja dengan para pemangku kegiatan dalam hal ini Pejabat Pelaksana Teknis Kegiatan (PPTK) yang ada di Dinas Perindustrian dan Perdagangan Kabupaten Sidoarjo, yang mana data dapat dilakukan up to date, sehingga akan menghasilkan perbaikan data kinerja.',
    );
    expect(doc.qualityRecords).toEqual([
      'Data Kinerja sebelum review',
      'Perjanjian Kinerja',
      'Evaluasi Internal',
      'Laporan Kinerja Individu',
    ]);
    expect(doc.legalBasis).toHaveLength(7);
  });

  it('has the printed lanes in order', () => {
    expect(Object.values(doc.lanes).map((l) => l.title)).toEqual([
      'Kepala OPD',
      'Pejabat Pelaporan',
      'Sekretaris',
      'Staf',
    ]);
  });

  it('has the seven steps of the list, with lanes and the mutu baku of the matching table rows', () => {
    expect(doc.steps.map((s) => s.no)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(actual(doc)).toEqual(expectedSteps);
  });

  it('says in each step which table row it was matched with (the table skips 3 and has no row for step 7)', () => {
    for (const s of doc.steps) {
      const row = tableRows[s.no];
      const prefix = row ? `Table row ${row[0]}, "${row[1]}"` : 'The table has no row for this step';
      expect(s.notes[0]?.slice(0, prefix.length)).toBe(prefix);
    }
  });

  it('has no decision, and step 6 records the paraf before the signatures', () => {
    expect(doc.steps.filter((s) => s.decision)).toEqual([]);
    expect(doc.steps.filter((s) => s.paraf).map((s) => [s.no, s.action])).toEqual([[6, 'sign']]);
  });

  it('names which lane plays each team role of 5 TANGGUNGJAWAB, and the demo team agrees', () => {
    const agency = demoAgency(doc);
    const team = agency.teams.find((t) => t.code === 'tim-penyusun-lck')!;
    expect(team).toBeDefined();
    const roles = doc.responsibilities.map((x) => ({
      role: x.role,
      lane: x.lane ? doc.lanes[x.lane]!.title : null,
      duties: x.duties.length,
    }));
    expect(roles).toEqual([
      { role: 'Ketua', lane: 'Kepala OPD', duties: 3 },
      { role: 'Sekretaris', lane: 'Sekretaris', duties: 7 },
      { role: 'Anggota', lane: 'Pejabat Pelaporan', duties: 6 },
    ]);
    for (const x of doc.responsibilities) {
      const pos = mappedPosition(agency, doc.lanes[x.lane!]!.title)!;
      expect(team.members).toContainEqual({ role: x.role.toLowerCase(), position: pos.code });
    }
  });

  it('binds every lane to the demo organisation ("Pejabat Pelaporan" is the Kasubbag Perencanaan dan Keuangan)', () => {
    expect(bindingProblems(doc)).toEqual([]);
    expect(doc.lanes['pejabat-pelaporan']?.binding).toEqual({ position: 'kasubbag-perencanaan-keuangan' });
  });

  it('copies no name or NIP from the source', () => {
    const printed = [
      'Etty',
      'Putranti',
      'Riawati',
      'Tjarda',
      '198309052009022007',
      '196803111992022003',
      '196401051988101003',
    ];
    expect(printed.filter((p) => source.toLowerCase().includes(p.toLowerCase()))).toEqual([]);
  });
});
