import fs from 'node:fs';
import path from 'node:path';
import { sopJsonSchema, validateSopText } from '@sidakin/core';
import { describe, expect, it } from 'vitest';
import { demoData } from '../../demo/demo-data.js';

const repoRoot = path.resolve(import.meta.dirname, '../../../../../..');
const file = path.join(repoRoot, 'sops/banggai/disdag-perbaikan-data-kinerja.yaml');

describe('SOP Mekanisme Perbaikan Data Kinerja, Dinas Perdagangan Kab. Banggai (seed 000)', () => {
  const r = validateSopText(fs.readFileSync(file, 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const doc = r.value;

  it('has the nine steps and six lanes of the seed, in order', () => {
    expect(doc.steps.map((s) => s.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Object.values(doc.lanes).map((l) => l.title)).toEqual([
      'Kepala Dinas',
      'Sekretaris Dinas',
      'Kasubbag Perencanaan & Evaluasi',
      'Kepala Bidang',
      'Kepala Seksi',
      'Jabatan Pelaksana (JP)',
    ]);
    const laneTitles = doc.steps.map((s) => s.lanes.map((l) => doc.lanes[l]!.title).join(' + '));
    expect(laneTitles).toEqual([
      'Kepala Dinas',
      'Sekretaris Dinas',
      'Kasubbag Perencanaan & Evaluasi',
      'Kepala Bidang + Kepala Seksi',
      'Jabatan Pelaksana (JP)',
      'Kepala Bidang',
      'Kasubbag Perencanaan & Evaluasi',
      'Sekretaris Dinas',
      'Kepala Dinas',
    ]);
  });

  it('keeps waktu, kelengkapan and output as printed', () => {
    expect(doc.steps.map((s) => s.duration)).toEqual([
      '120 menit',
      '60 menit',
      '30 menit',
      '180 menit',
      '480 menit',
      '120 menit',
      '60 Menit',
      '30 Menit',
      '30 Menit',
    ]);
    expect(doc.steps.map((s) => s.requirements)).toEqual([
      ['Dokumen Data Kinerja'],
      ['Dokumen Data Kinerja'],
      ['Dokumen Format Data'],
      ['Data Kinerja'],
      ['Dokumen Data Kinerja'],
      ['Dokumen Data Kinerja'],
      ['Dokumen Data Kinerja'],
      ['Dokumen Data Kinerja'],
      ['Dokumen Data Kinerja'],
    ]);
    expect(doc.steps.map((s) => s.outputs)).toEqual([
      ['Dokumen Data Kinerja'],
      ['Dokumen Format Data'],
      ['Dokumen Format Data'],
      ['Dokumen Data Kinerja'],
      ['Dokumen Data Kinerja'],
      ['Dokumen Data Kinerja'],
      ['Dokumen Data Kinerja'],
      ['Dokumen Data Kinerja'],
      ['Dokumen Data Kinerja'],
    ]);
    expect(doc.steps[1]!.remarks).toBe('SOP Pengumpulan Data dan Informasi');
  });

  it('routes the returns at step 6 (Kabid → JP) and step 8 (Sekretaris → Kasubbag), with paraf at 8 and signature at 9', () => {
    expect(doc.steps[5]!.decision).toMatchObject({ ya: 7, tidak: 5 });
    expect(doc.steps[7]!.decision).toMatchObject({ ya: 9, tidak: 7 });
    expect(doc.steps[7]!.paraf).toBe(true);
    expect(doc.steps[3]!.action).toBe('meeting');
    expect(doc.steps[8]!.action).toBe('sign');
    expect(doc.activityWorksheet?.steps).toHaveLength(9);
  });

  it('binds its named positions to positions of the demo agency', () => {
    const agency = demoData
      .find((g) => g.code === doc.agency.government)
      ?.agencies.find((a) => a.code === doc.agency.agency);
    expect(agency?.name).toBe('Dinas Perdagangan');
    for (const lane of Object.values(doc.lanes)) {
      if (typeof lane.binding === 'object' && 'position' in lane.binding) {
        const code = lane.binding.position;
        expect(
          agency?.positions.map((p) => p.code),
          lane.title,
        ).toContain(code);
      }
    }
  });
});

describe('sops/sop.schema.json', () => {
  it('is the current export of the SOP format', () => {
    const stored = JSON.parse(fs.readFileSync(path.join(repoRoot, 'sops/sop.schema.json'), 'utf8'));
    expect(stored).toEqual(sopJsonSchema());
  });
});
