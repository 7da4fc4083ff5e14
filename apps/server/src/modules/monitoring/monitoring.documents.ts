import { type CategoryScale, formatIndonesianNumber, type MonitoringLine } from '@sidakin/core';
import type { Queryable } from '../../db/database.js';
import { type ReportColumn, renderReport, reportWidth } from '../../pdf/report.js';
import { buildWorkbook, type ExportColumn, type ExportSheet } from '../../xlsx/write.js';
import { methodOf } from '../measurement/settings.service.js';
import { documentFrame } from '../org/document-frame.repo.js';
import type { CycleRow } from './monitoring.repo.js';

// The monitoring SOP's documents: the format sent to the units (Excel), and the report — as a
// concept, then final with the Sekretaris's correction — as PDF in the letterhead and as Excel.

export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const num = (s: string | null) => (s === null ? '–' : formatIndonesianNumber(s, s.split('.')[1]?.length ?? 0));
const pct = (s: string | null) => (s === null ? '–' : `${formatIndonesianNumber(s, 2)} %`);
const tgt = (t: MonitoringLine['yearTarget']) =>
  !t ? '–' : t.value !== null ? num(t.value) : `${num(t.low)} – ${num(t.high)}`;
const statusText = { on_track: 'Sesuai jadwal', behind: 'Tertinggal', unmeasured: 'Belum dapat dinilai' } as const;

/** The format the units fill in (step "membuat format"): the Renstra's indicators for the year. */
export async function formatWorkbook(c: CycleRow, lines: MonitoringLine[]): Promise<Buffer> {
  const columns: ExportColumn<MonitoringLine>[] = [
    { header: 'Kode', width: 12, value: (l) => l.code },
    { header: 'Indikator Kinerja', width: 50, value: (l) => l.name },
    { header: 'Tujuan / Sasaran', width: 40, value: (l) => l.path },
    { header: 'Satuan', width: 12, value: (l) => l.unitOfMeasure },
    { header: `Target Renstra ${c.year}`, width: 16, value: (l) => tgt(l.yearTarget) },
    { header: `Realisasi ${c.year}`, width: 14, value: (l) => l.yearActual, note: 'Isi realisasi tahun berjalan' },
    { header: 'Faktor Pendukung', width: 30, value: () => null },
    { header: 'Faktor Penghambat', width: 30, value: () => null },
    { header: 'Tindak Lanjut', width: 30, value: () => null },
  ];
  const sheet: ExportSheet<MonitoringLine> = {
    name: 'Format Monitoring',
    title: [`Format Monitoring ${c.plan_name}`, `${c.agency_name} · Tahun ${c.year}`],
    columns,
    rows: lines,
  };
  return buildWorkbook([sheet as ExportSheet<unknown>], { creator: 'SIDAKIN', title: sheet.title![0]! });
}

function reportColumns(
  year: number,
  scale: CategoryScale,
): (ReportColumn & { cell: (l: MonitoringLine, i: number) => string })[] {
  const categoryText = (key: string | null) =>
    key === null ? '–' : (scale.bands.find((b) => b.key === key)?.label.id ?? key);
  return [
    { title: 'No', width: 22, align: 'center', cell: (_, i) => String(i + 1) },
    { title: 'Indikator Kinerja', width: 190, cell: (l) => [l.code, l.name].filter(Boolean).join(' ') },
    { title: 'Satuan', width: 50, align: 'center', cell: (l) => l.unitOfMeasure },
    { title: 'Baseline', width: 50, align: 'right', cell: (l) => num(l.baseline) },
    { title: `Target ${year}`, width: 55, align: 'right', cell: (l) => tgt(l.yearTarget) },
    { title: `Realisasi ${year}`, width: 55, align: 'right', cell: (l) => num(l.yearActual) },
    { title: 'Capaian', width: 50, align: 'right', cell: (l) => pct(l.achievement) },
    { title: 'Kategori', width: 55, align: 'center', cell: (l) => categoryText(l.category) },
    { title: 'Target Akhir Renstra', width: 62, align: 'right', cell: (l) => tgt(l.endTarget) },
    { title: 'Kemajuan dari Baseline', width: 62, align: 'right', cell: (l) => pct(l.fromBaseline) },
    { title: 'Keterangan', width: 106.89, cell: (l) => `${statusText[l.status]} (waktu berjalan ${pct(l.expected)})` },
  ];
}

/** The monitoring report: `concept` before the Sekretaris's correction, `final` after. */
export async function monitoringReport(
  db: Queryable,
  c: CycleRow,
  lines: MonitoringLine[],
  stage: 'concept' | 'final',
  format: 'pdf' | 'xlsx',
): Promise<{ bytes: Buffer; fileName: string; mediaType: string }> {
  const title = stage === 'concept' ? 'Konsep Laporan Monitoring Renstra' : 'Laporan Hasil Monitoring Renstra';
  const base = `${title} ${c.agency_name} ${c.year}`;
  const behind = lines.filter((l) => l.status === 'behind');
  const { scale } = await methodOf(db, c.government_id);
  const summary =
    `${c.plan_name} (periode ${c.start_year}–${c.end_year}) dipantau untuk tahun ${c.year}: ${lines.length} indikator, ` +
    `${lines.filter((l) => l.status === 'on_track').length} sesuai jadwal, ${behind.length} tertinggal, ` +
    `${lines.filter((l) => l.status === 'unmeasured').length} belum dapat dinilai. "Sesuai jadwal" berarti kemajuan dari ` +
    'baseline menuju target akhir Renstra sekurang-kurangnya sebanding dengan waktu Renstra yang telah berjalan. ' +
    `Kategori capaian menurut ${scale.source || scale.name.id}.`;
  const cols = reportColumns(c.year, scale);
  if (format === 'xlsx') {
    const columns: ExportColumn<MonitoringLine & { i: number }>[] = cols.map((col) => ({
      header: col.title,
      width: Math.round(col.width / 5.5),
      value: (l) => col.cell(l, l.i),
    }));
    const sheet: ExportSheet<MonitoringLine & { i: number }> = {
      name: stage === 'concept' ? 'Konsep Laporan' : 'Laporan Monitoring',
      title: [base, summary, ...(stage === 'final' && c.correction ? [`Koreksi Sekretaris: ${c.correction}`] : [])],
      columns,
      rows: lines.map((l, i) => ({ ...l, i })),
    };
    return {
      bytes: await buildWorkbook([sheet as ExportSheet<unknown>], { creator: 'SIDAKIN', title: base }),
      fileName: `${base}.xlsx`,
      mediaType: xlsxType,
    };
  }
  const frame = await documentFrame(db, c.government_id, c.agency_id);
  const width = reportWidth('landscape');
  const fit = width / cols.reduce((w, col) => w + col.width, 0);
  const bytes = await renderReport({
    layout: 'landscape',
    letterhead: frame.letterhead,
    agencyName: c.agency_name,
    title,
    subtitle: `${c.plan_name} · Tahun ${c.year}`,
    sections: [
      { heading: 'A. Ringkasan', paragraph: summary },
      {
        heading: 'B. Capaian Indikator terhadap Target Renstra',
        columns: cols.map((col) => ({ title: col.title, width: col.width * fit, align: col.align ?? 'left' })),
        rows: lines.map((l, i) => cols.map((col) => col.cell(l, i))),
      },
      {
        heading: 'C. Indikator yang Tertinggal',
        paragraph: behind.length
          ? behind
              .map(
                (l) => `• ${l.code} ${l.name}: kemajuan ${pct(l.fromBaseline)} dari waktu berjalan ${pct(l.expected)}`,
              )
              .join('\n')
          : 'Tidak ada indikator yang tertinggal dari jadwal Renstra.',
      },
      ...(stage === 'final'
        ? [{ heading: 'D. Koreksi Sekretaris', paragraph: c.correction || 'Tidak ada koreksi.' }]
        : []),
    ],
    signer: stage === 'final' ? frame.signer : null,
    printedAt: frame.printedAt,
  });
  return { bytes, fileName: `${base}.pdf`, mediaType: 'application/pdf' };
}
