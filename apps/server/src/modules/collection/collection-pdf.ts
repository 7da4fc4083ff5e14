import { formatIndonesianNumber } from '@sidakin/core';
import type { Letterhead } from '../../pdf/pdf.js';
import { type ReportColumn, type ReportSigner, renderReport } from '../../pdf/report.js';
import type { RecapLine } from './collection.documents.js';

/**
 * "Laporan Hasil Pengumpulan Data Kinerja": A4 portrait in the agency's letterhead, one table per
 * unit (indicator, target, realisasi, capaian, notes) and the head's signature block.
 */
export interface CollectionReportInput {
  letterhead: Letterhead;
  agencyName: string;
  periodLabel: string;
  status: string;
  lines: RecapLine[];
  signer: ReportSigner | null;
  printedAt: string;
}

const cols: (ReportColumn & { key: keyof Cells })[] = [
  { key: 'no', title: 'No', width: 22, align: 'center' },
  { key: 'name', title: 'Indikator Kinerja', width: 166, align: 'left' },
  { key: 'uom', title: 'Satuan', width: 54, align: 'center' },
  { key: 'target', title: 'Target', width: 52, align: 'right' },
  { key: 'actual', title: 'Realisasi', width: 52, align: 'right' },
  { key: 'ach', title: 'Capaian (%)', width: 50, align: 'right' },
  { key: 'notes', title: 'Catatan', width: 115, align: 'left' },
];
type Cells = Record<'no' | 'name' | 'uom' | 'target' | 'actual' | 'ach' | 'notes', string>;

const num = (s: string | null) => (s === null ? '–' : formatIndonesianNumber(s, s.split('.')[1]?.length ?? 0));

function cellsOf(l: RecapLine, i: number): Cells {
  const r = l.row;
  const t = r.target;
  const notes = [
    ...r.errors.map((e) => `Kesalahan: ${e.message}`),
    ...r.warnings.map((w) => `Peringatan: ${w.message}`),
    r.inhibitingFactors ? `Penghambat: ${r.inhibitingFactors}` : '',
    r.achievementReason && r.actual !== null ? `Capaian tidak dihitung (${r.achievementReason})` : '',
  ]
    .filter(Boolean)
    .join('\n');
  return {
    no: String(i + 1),
    name: [r.code, r.name].filter(Boolean).join(' '),
    uom: r.unitOfMeasure,
    target: !t ? '–' : t.value !== null ? num(t.value) : `${num(t.low)}–${num(t.high)}`,
    actual: num(r.actual),
    ach: num(r.achievement),
    notes: notes || '–',
  };
}

export async function renderCollectionReport(input: CollectionReportInput): Promise<Buffer> {
  const units: string[] = [];
  for (const l of input.lines) if (!units.includes(l.unitName)) units.push(l.unitName);
  return renderReport({
    layout: 'portrait',
    letterhead: input.letterhead,
    agencyName: input.agencyName,
    title: 'Laporan Hasil Pengumpulan Data Kinerja',
    subtitle: `Periode ${input.periodLabel} · Status periode: ${input.status}`,
    sections: units.map((unit, ui) => {
      const lines = input.lines.filter((l) => l.unitName === unit);
      return {
        heading: `${String.fromCharCode(65 + (ui % 26))}. ${unit} (${lines[0]?.status ?? ''})`,
        columns: cols,
        rows: lines.map((l, i) => {
          const c = cellsOf(l, i);
          return cols.map((col) => c[col.key]);
        }),
      };
    }),
    signer: input.signer,
    printedAt: input.printedAt,
  });
}
