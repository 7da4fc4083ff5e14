import { formatIndonesianNumber, type MeasuredBudget, type MeasureTarget } from '@sidakin/core';
import { type ReportColumn, type ReportSection, renderReport, reportWidth } from '../../pdf/report.js';
import { buildWorkbook, type ExportColumn, type ExportSheet } from '../../xlsx/write.js';
import { type LkjipDocument, type LkjipIndicator, paceText } from './lkjip.documents.js';
import type { DocNode } from './measurement.documents.js';

/**
 * The chapter III tables of the LKjIP as PDF (A4 landscape, in the agency's letterhead, signed by
 * the head) and as Excel (one sheet per table, figures as numbers). Both lay out what
 * `lkjip.documents.ts` decided.
 */

type Align = 'left' | 'center' | 'right';
const digits = (s: string) => s.split('.')[1]?.length ?? 0;
const num = (s: string | null, max = 2) => (s === null ? '–' : formatIndonesianNumber(s, Math.min(digits(s), max)));
const rupiah = (s: string | null) => (s === null ? '–' : formatIndonesianNumber(s, 0));
const tgt = (t: MeasureTarget | null, max = 2) =>
  !t ? '–' : t.value !== null ? num(t.value, max) : `${num(t.low, max)}–${num(t.high, max)}`;
const tgtText = (t: MeasureTarget | null) => (!t ? null : t.value !== null ? t.value : `${t.low}–${t.high}`);
const nameOf = (l: LkjipIndicator) => [l.ind.code, l.ind.name].filter(Boolean).join(' ');
const nodeName = (n: DocNode) => `${[n.kindLabel, n.code].filter(Boolean).join(' ')} ${n.name}`.trim();
const fig = (l: LkjipIndicator) => Math.max(l.ind.decimals, 2);
const signed = (s: string | null, d: number) => (s === null ? '–' : `${s.startsWith('-') ? '' : '+'}${num(s, d)}`);

const W = reportWidth('landscape');
/** Columns with the first flexible one taking what the fixed ones leave. */
function cols(spec: [string, number | null, Align?][]): ReportColumn[] {
  const fixed = spec.reduce((w, [, width]) => w + (width ?? 0), 0);
  return spec.map(([title, width, align]) => ({ title, width: width ?? W - fixed, align: align ?? 'left' }));
}

function capaianSection(doc: LkjipDocument): ReportSection {
  const d = doc.base.method.decimals;
  const rows: string[][] = [];
  const bold: number[] = [];
  doc.objectives.forEach((o, i) => {
    bold.push(rows.length);
    rows.push([String(i + 1), nodeName(o.node), '', '', '', num(o.node.value, d), o.node.categoryLabel ?? '–']);
    for (const l of o.indicators) {
      rows.push([
        '',
        l.ind.note ? `${nameOf(l)}\n(${l.ind.note})` : nameOf(l),
        l.ind.unitOfMeasure,
        tgt(l.ind.annualTarget, fig(l)),
        num(l.ind.annual.actual, fig(l)),
        num(l.ind.annual.achievement, d),
        l.ind.categoryLabel ?? '–',
      ]);
    }
  });
  bold.push(rows.length);
  rows.push([
    '',
    `Capaian kinerja ${doc.base.agencyName}`,
    '',
    '',
    '',
    num(doc.base.own.value, d),
    doc.base.own.categoryLabel ?? '–',
  ]);
  return {
    heading: `Tabel 3.1 Capaian Kinerja Sasaran Strategis Tahun ${doc.base.year}`,
    paragraph: `Kategori menurut ${doc.base.methodText.scale} (${doc.base.methodText.source}). ${doc.base.methodText.rollUp}.`,
    columns: cols([
      ['No', 24, 'center'],
      ['Sasaran Strategis / Indikator Kinerja', null],
      ['Satuan', 60, 'center'],
      ['Target', 70, 'right'],
      ['Realisasi', 70, 'right'],
      ['Capaian (%)', 64, 'right'],
      ['Kategori', 84, 'center'],
    ]),
    rows,
    boldRows: bold,
  };
}

function earlierSection(doc: LkjipDocument): ReportSection {
  const d = doc.base.method.decimals;
  const [y2, y1] = doc.earlierYears;
  const y = doc.base.year;
  const rows: string[][] = [];
  const bold: number[] = [];
  let n = 0;
  for (const o of doc.objectives) {
    bold.push(rows.length);
    rows.push(['', nodeName(o.node), '', '', '', '', '', '', '', '']);
    for (const l of o.indicators) {
      rows.push([
        String(++n),
        nameOf(l),
        l.ind.unitOfMeasure,
        num(l.earlier[0]!.actual, fig(l)),
        num(l.earlier[1]!.actual, fig(l)),
        num(l.ind.annual.actual, fig(l)),
        num(l.earlier[0]!.achievement, d),
        num(l.earlier[1]!.achievement, d),
        num(l.ind.annual.achievement, d),
        signed(l.change, d),
      ]);
    }
  }
  const sources = doc.earlierYears.map((e) => `${e.year}: ${e.source ?? 'belum diukur di SIDAKIN'}`).join('; ');
  return {
    heading: `Tabel 3.2 Perbandingan Realisasi dan Capaian Tahun ${y} dengan Tahun ${y2!.year} dan ${y1!.year}`,
    paragraph: `Sumber angka tahun sebelumnya — ${sources}. Perubahan = capaian ${y} − capaian ${y1!.year} (poin persen).`,
    columns: cols([
      ['No', 24, 'center'],
      ['Indikator Kinerja', null],
      ['Satuan', 56, 'center'],
      [`Realisasi ${y2!.year}`, 58, 'right'],
      [`Realisasi ${y1!.year}`, 58, 'right'],
      [`Realisasi ${y}`, 58, 'right'],
      [`Capaian ${y2!.year} (%)`, 56, 'right'],
      [`Capaian ${y1!.year} (%)`, 56, 'right'],
      [`Capaian ${y} (%)`, 56, 'right'],
      ['Perubahan (poin)', 56, 'right'],
    ]),
    rows,
    boldRows: bold,
  };
}

function renstraSection(doc: LkjipDocument): ReportSection {
  const d = doc.base.method.decimals;
  const y = doc.base.year;
  const rows: string[][] = [];
  const bold: number[] = [];
  let n = 0;
  let plan = '';
  for (const o of doc.objectives) {
    bold.push(rows.length);
    rows.push(['', nodeName(o.node), '', '', '', '', '', '', '', '']);
    for (const l of o.indicators) {
      const r = l.renstra;
      if (r && !plan) plan = `${r.planName} (${r.startYear}–${r.endYear})`;
      rows.push([
        String(++n),
        nameOf(l),
        l.ind.unitOfMeasure,
        r?.baseline != null ? `${num(r.baseline, fig(l))}${r.baselineYear ? ` (${r.baselineYear})` : ''}` : '–',
        tgt(r?.yearTarget ?? null, fig(l)),
        num(l.ind.annual.actual, fig(l)),
        r ? `${tgt(r.endTarget, fig(l))} (${r.endYear})` : '–',
        num(r?.againstEnd ?? null, d),
        num(r?.fromBaseline ?? null, d),
        r ? `${paceText(r.status)} (waktu berjalan ${num(r.expected, 2)}%)` : 'Bukan indikator Renstra',
      ]);
    }
  }
  return {
    heading: `Tabel 3.3 Realisasi Tahun ${y} terhadap Target Akhir Renstra`,
    paragraph:
      `${plan ? `${plan}. ` : ''}Capaian terhadap target akhir dihitung dengan rumus indikator; kemajuan = ` +
      '(realisasi − baseline) ÷ (target akhir − baseline) × 100. Sesuai jadwal bila kemajuan (atau, tanpa baseline, ' +
      'capaian terhadap target akhir) sekurang-kurangnya sebanding dengan waktu Renstra yang telah berjalan.',
    columns: cols([
      ['No', 24, 'center'],
      ['Indikator Kinerja', null],
      ['Satuan', 52, 'center'],
      ['Baseline', 58, 'right'],
      [`Target Renstra ${y}`, 58, 'right'],
      [`Realisasi ${y}`, 58, 'right'],
      ['Target Akhir Renstra', 64, 'right'],
      ['Capaian thd Target Akhir (%)', 64, 'right'],
      ['Kemajuan dari Baseline (%)', 60, 'right'],
      ['Keterangan', 112],
    ]),
    rows,
    boldRows: bold,
  };
}

function budgetRow(no: string, name: string, b: MeasuredBudget | null, value: string | null, d: number): string[] {
  return [
    no,
    name,
    rupiah(b?.ceiling ?? null),
    rupiah(b?.spent ?? null),
    num(b?.absorption ?? null, d),
    num(value, d),
    num(b?.efficiency ?? null, d),
  ];
}

function budgetSection(doc: LkjipDocument): ReportSection {
  const d = doc.base.method.decimals;
  const rows: string[][] = [];
  const bold: number[] = [];
  doc.objectives.forEach((o, i) => {
    bold.push(rows.length);
    rows.push(budgetRow(String(i + 1), nodeName(o.node), o.node.budget, o.node.value, d));
    for (const p of o.spending) rows.push(budgetRow('', `   ${nodeName(p)}`, p.budget, p.value, d));
  });
  bold.push(rows.length);
  rows.push(budgetRow('', `Jumlah ${doc.base.agencyName}`, doc.budget, doc.base.own.value, d));
  return {
    heading: `Tabel 3.4 Realisasi Anggaran dan Efisiensi Tahun ${doc.base.year}`,
    paragraph:
      `Pagu menurut Perjanjian Kinerja; realisasi anggaran dilaporkan bersama realisasi indikator. ` +
      `Penyerapan = realisasi ÷ pagu × 100. ${doc.base.methodText.efficiency}.`,
    columns: cols([
      ['No', 24, 'center'],
      ['Sasaran Strategis / Program / Kegiatan', null],
      ['Pagu (Rp)', 96, 'right'],
      ['Realisasi (Rp)', 96, 'right'],
      ['Penyerapan (%)', 66, 'right'],
      ['Capaian Kinerja (%)', 66, 'right'],
      ['Efisiensi', 66, 'right'],
    ]),
    rows,
    boldRows: bold,
  };
}

export function lkjipSections(doc: LkjipDocument): ReportSection[] {
  return [capaianSection(doc), earlierSection(doc), renstraSection(doc), budgetSection(doc)];
}

export async function renderLkjipPdf(doc: LkjipDocument): Promise<Buffer> {
  return renderReport({
    layout: 'landscape',
    letterhead: doc.base.letterhead,
    agencyName: doc.base.agencyName,
    title: doc.base.title,
    subtitle: doc.base.subtitle,
    sections: lkjipSections(doc),
    signer: doc.base.signer,
    printedAt: doc.base.printedAt,
  });
}

// ── Excel: one sheet per table ──
interface Line {
  level: 'Sasaran' | 'Indikator' | 'Program' | 'Jumlah';
  name: string;
  node?: DocNode;
  l?: LkjipIndicator;
  budget?: MeasuredBudget | null;
  value?: string | null;
}
const n2 = (header: string, width: number, value: (r: Line) => string | null, decimals = 2): ExportColumn<Line> => ({
  header,
  width,
  type: 'number',
  decimals,
  value,
});
const text = (header: string, width: number, value: (r: Line) => string): ExportColumn<Line> => ({
  header,
  width,
  value,
});

function indicatorLines(doc: LkjipDocument): Line[] {
  return doc.objectives.flatMap((o) => [
    { level: 'Sasaran' as const, name: nodeName(o.node), node: o.node },
    ...o.indicators.map((l) => ({ level: 'Indikator' as const, name: nameOf(l), l })),
  ]);
}

export async function lkjipWorkbook(doc: LkjipDocument): Promise<Buffer> {
  const b = doc.base;
  const y = b.year;
  const [y2, y1] = doc.earlierYears;
  const head = (t: string) => [
    `${t} — ${b.agencyName} Tahun ${y}`,
    b.runLine,
    `SHA-256 data masukan: ${b.run.inputsSha256}`,
  ];
  const lines = indicatorLines(doc);
  const common = [
    text('Tingkat', 11, (r) => r.level),
    text('Sasaran / Indikator', 60, (r) => r.name),
    text('Satuan', 12, (r) => r.l?.ind.unitOfMeasure ?? ''),
  ];
  const capaian: ExportSheet<Line> = {
    name: 'Tabel 3.1 Capaian',
    title: head(`Tabel 3.1 Capaian Kinerja Sasaran Strategis`),
    columns: [
      ...common,
      n2('Target', 13, (r) => r.l?.ind.annualTarget?.value ?? null),
      text('Target (rentang)', 14, (r) =>
        r.l && r.l.ind.annualTarget?.value === null ? (tgtText(r.l.ind.annualTarget) ?? '') : '',
      ),
      n2('Realisasi', 13, (r) => r.l?.ind.annual.actual ?? null),
      n2('Capaian (%)', 12, (r) => r.l?.ind.annual.achievement ?? r.node?.value ?? r.value ?? null),
      text('Kategori', 16, (r) => r.l?.ind.categoryLabel ?? r.node?.categoryLabel ?? ''),
      text('Keterangan', 30, (r) => r.l?.ind.note ?? ''),
    ],
    rows: [...lines, { level: 'Jumlah', name: `Capaian kinerja ${b.agencyName}`, value: b.own.value }],
  };
  const earlier: ExportSheet<Line> = {
    name: 'Tabel 3.2 Tahun Sebelumnya',
    title: [
      ...head('Tabel 3.2 Perbandingan dengan Tahun Sebelumnya'),
      doc.earlierYears.map((e) => `${e.year}: ${e.source ?? 'belum diukur di SIDAKIN'}`).join('; '),
    ],
    columns: [
      ...common,
      n2(`Realisasi ${y2!.year}`, 13, (r) => r.l?.earlier[0]?.actual ?? null),
      n2(`Realisasi ${y1!.year}`, 13, (r) => r.l?.earlier[1]?.actual ?? null),
      n2(`Realisasi ${y}`, 13, (r) => r.l?.ind.annual.actual ?? null),
      n2(`Capaian ${y2!.year} (%)`, 13, (r) => r.l?.earlier[0]?.achievement ?? null),
      n2(`Capaian ${y1!.year} (%)`, 13, (r) => r.l?.earlier[1]?.achievement ?? null),
      n2(`Capaian ${y} (%)`, 13, (r) => r.l?.ind.annual.achievement ?? null),
      n2('Perubahan (poin)', 13, (r) => r.l?.change ?? null),
    ],
    rows: lines,
  };
  const renstra: ExportSheet<Line> = {
    name: 'Tabel 3.3 Target Akhir',
    title: head('Tabel 3.3 Realisasi terhadap Target Akhir Renstra'),
    columns: [
      ...common,
      n2('Baseline', 12, (r) => r.l?.renstra?.baseline ?? null),
      text('Tahun baseline', 10, (r) => String(r.l?.renstra?.baselineYear ?? '')),
      text(`Target Renstra ${y}`, 14, (r) => tgtText(r.l?.renstra?.yearTarget ?? null) ?? ''),
      n2(`Realisasi ${y}`, 13, (r) => r.l?.ind.annual.actual ?? null),
      text('Target akhir', 14, (r) => tgtText(r.l?.renstra?.endTarget ?? null) ?? ''),
      text('Tahun akhir', 10, (r) => String(r.l?.renstra?.endYear ?? '')),
      n2('Capaian thd target akhir (%)', 14, (r) => r.l?.renstra?.againstEnd ?? null),
      n2('Kemajuan dari baseline (%)', 14, (r) => r.l?.renstra?.fromBaseline ?? null),
      n2('Waktu berjalan (%)', 12, (r) => r.l?.renstra?.expected ?? null),
      text('Keterangan', 22, (r) =>
        r.l?.renstra ? paceText(r.l.renstra.status) : r.l ? 'Bukan indikator Renstra' : '',
      ),
    ],
    rows: lines,
  };
  const budgetLines: Line[] = [
    ...doc.objectives.flatMap((o) => [
      { level: 'Sasaran' as const, name: nodeName(o.node), budget: o.node.budget, value: o.node.value },
      ...o.spending.map((p) => ({ level: 'Program' as const, name: nodeName(p), budget: p.budget, value: p.value })),
    ]),
    { level: 'Jumlah', name: `Jumlah ${b.agencyName}`, budget: doc.budget, value: b.own.value },
  ];
  const budget: ExportSheet<Line> = {
    name: 'Tabel 3.4 Anggaran',
    title: [...head('Tabel 3.4 Realisasi Anggaran dan Efisiensi'), b.methodText.efficiency],
    columns: [
      text('Tingkat', 11, (r) => r.level),
      text('Sasaran / Program / Kegiatan', 60, (r) => r.name),
      n2('Pagu (Rp)', 18, (r) => r.budget?.ceiling ?? null, 0),
      n2('Realisasi (Rp)', 18, (r) => r.budget?.spent ?? null, 0),
      n2('Penyerapan (%)', 13, (r) => r.budget?.absorption ?? null),
      n2('Capaian Kinerja (%)', 13, (r) => r.value ?? null),
      n2('Efisiensi', 12, (r) => r.budget?.efficiency ?? null),
    ],
    rows: budgetLines,
  };
  return buildWorkbook([capaian, earlier, renstra, budget] as ExportSheet<unknown>[], {
    creator: 'SIDAKIN',
    title: `${b.title} ${b.agencyName} ${y}`,
  });
}
