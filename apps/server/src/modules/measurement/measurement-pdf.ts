import { formatIndonesianNumber, type MeasureTarget } from '@sidakin/core';
import { createPdf, type FontName, type Pdf, pdfBytes, placeText, textHeight } from '../../pdf/pdf.js';
import {
  drawLetterhead,
  type ReportColumn,
  type ReportSection,
  renderReport,
  reportMargin,
  reportWidth,
} from '../../pdf/report.js';
import type { DocAgreement, DocIndicator, DocNode, MeasurementDocument } from './measurement.documents.js';

/**
 * The measurement documents as PDF, A4 in the agency's letterhead. The Rekapitulasi and the
 * Laporan are reports like the system's others (`renderReport`, portrait). The Kertas Kerja is
 * landscape with the quarters side by side under a two-row header, and its plan tree as shaded
 * heading rows across the table; the shared report's tables have neither, so it is drawn here,
 * in the same letterhead and footer.
 */

const stroke = '#111827';
const muted = '#4b5563';
type Align = 'left' | 'center' | 'right';

// ── figures, the Indonesian way ──
const digits = (s: string) => s.split('.')[1]?.length ?? 0;
/** A figure as stored, in Indonesian notation, with at most `max` decimals ("1.404", "65,34"). */
const num = (s: string | null, max = 2) => (s === null ? '–' : formatIndonesianNumber(s, Math.min(digits(s), max)));
const target = (t: MeasureTarget | null, max: number) =>
  !t ? '–' : t.value !== null ? num(t.value, max) : t.low !== null ? `${num(t.low, max)}–${num(t.high, max)}` : '–';
const figures = (ind: DocIndicator) => Math.max(ind.decimals, 2);
const indicatorName = (ind: DocIndicator) => [ind.code, ind.name].filter(Boolean).join(' ');
/** "Sasaran 1.2  Meningkatnya tertib ukur …" */
const nodeTitle = (n: DocNode) => `${[n.kindLabel, n.code].filter(Boolean).join(' ')}  ${n.name}`;

// ── Kertas Kerja: a table with a two-row header and heading rows across it ──
interface Col {
  width: number;
  align: Align;
}
interface Seg {
  text: string;
  span?: number;
  align?: Align;
  bold?: boolean;
}
interface Row {
  segs: Seg[];
  fill?: string;
  /** Keep on the same page as the row after it (the headings above an indicator). */
  keep?: boolean;
}
interface HeadCell {
  text: string;
  col: number;
  span?: number;
  /** Reaches down through the second header row. */
  tall?: boolean;
}

const M = reportMargin;
const size = 6.5;
const pad = 2.5;
const font = (bold?: boolean): FontName => (bold ? 'condensedBold' : 'condensed');

interface Sheet {
  pdf: Pdf;
  cols: Col[];
  head: HeadCell[][];
  y: number;
  bottom: number;
}

const spanWidth = (cols: Col[], from: number, span = 1) =>
  cols.slice(from, from + span).reduce((w, c) => w + c.width, 0);
const heightOf = (pdf: Pdf, text: string, width: number, bold?: boolean) =>
  textHeight(pdf, text, { width: width - 2 * pad, size, font: font(bold) }) + 2 * pad;

function cell(
  pdf: Pdf,
  x: number,
  y: number,
  w: number,
  h: number,
  text: string,
  o: { fill?: string | undefined; bold?: boolean | undefined; align: Align; middle?: boolean },
) {
  if (o.fill) pdf.rect(x, y, w, h).fillColor(o.fill).fill();
  pdf.lineWidth(0.5).strokeColor(stroke).rect(x, y, w, h).stroke();
  const ty = o.middle ? y + (h - heightOf(pdf, text, w, o.bold)) / 2 + pad : y + pad;
  placeText(pdf, text, x + pad, ty, { width: w - 2 * pad, size, font: font(o.bold), align: o.align });
}

function headHeights(s: Sheet): [number, number] {
  const h = [0, 0] as [number, number];
  s.head.forEach((cells, r) => {
    for (const c of cells) {
      if (!c.tall) h[r] = Math.max(h[r]!, heightOf(s.pdf, c.text, spanWidth(s.cols, c.col, c.span), true));
    }
  });
  for (const c of s.head[0]!.filter((c) => c.tall)) {
    const need = heightOf(s.pdf, c.text, spanWidth(s.cols, c.col, c.span), true);
    if (need > h[0] + h[1]) h[1] = need - h[0];
  }
  return h;
}

function drawHead(s: Sheet): void {
  const h = headHeights(s);
  s.head.forEach((cells, r) => {
    const y = s.y + (r === 0 ? 0 : h[0]);
    for (const c of cells) {
      cell(
        s.pdf,
        M + spanWidth(s.cols, 0, c.col),
        y,
        spanWidth(s.cols, c.col, c.span),
        c.tall ? h[0] + h[1] : h[r]!,
        c.text,
        {
          fill: '#e5e7eb',
          bold: true,
          align: 'center',
          middle: true,
        },
      );
    }
  });
  s.y += h[0] + h[1];
}

function rowHeight(s: Sheet, row: Row): number {
  let col = 0;
  let h = 0;
  for (const seg of row.segs) {
    h = Math.max(h, heightOf(s.pdf, seg.text, spanWidth(s.cols, col, seg.span), seg.bold));
    col += seg.span ?? 1;
  }
  return h;
}

function drawRow(s: Sheet, row: Row, h: number): void {
  let col = 0;
  for (const seg of row.segs) {
    const span = seg.span ?? 1;
    cell(s.pdf, M + spanWidth(s.cols, 0, col), s.y, spanWidth(s.cols, col, span), h, seg.text, {
      fill: row.fill,
      bold: seg.bold,
      // A cell across columns is a heading: left unless said otherwise.
      align: seg.align ?? (span > 1 ? 'left' : (s.cols[col]?.align ?? 'left')),
    });
    col += span;
  }
  s.y += h;
}

/** Draws the rows, starting new pages with the header again; kept rows go over with the row after them. */
function drawRows(s: Sheet, rows: Row[]): void {
  const heights = rows.map((r) => rowHeight(s, r));
  const block = (i: number) => {
    let h = 0;
    for (let j = i; j < rows.length; j++) {
      h += heights[j]!;
      if (!rows[j]!.keep) break;
    }
    return h;
  };
  const [h0, h1] = headHeights(s);
  if (s.y + h0 + h1 + block(0) > s.bottom) {
    s.pdf.addPage();
    s.y = M;
  }
  drawHead(s);
  rows.forEach((row, i) => {
    if (s.y + (row.keep ? block(i) : heights[i]!) > s.bottom) {
      s.pdf.addPage();
      s.y = M;
      drawHead(s);
    }
    drawRow(s, row, heights[i]!);
  });
}

function kertasKerjaRows(doc: MeasurementDocument): Row[] {
  const d = doc.method.decimals;
  const rows: Row[] = [];
  const fills: Record<string, string> = { goal: '#e5e7eb', objective: '#f3f4f6' };
  const indicatorRow = (ind: DocIndicator): Row => {
    const max = figures(ind);
    return {
      segs: [
        { text: String(ind.no) },
        { text: ind.note ? `${indicatorName(ind)}\n(${ind.note})` : indicatorName(ind) },
        { text: ind.unitOfMeasure },
        { text: `${ind.directionLabel}:\n${ind.formula}` },
        { text: ind.ruleLabel },
        ...ind.quarters.flatMap((q, i) => [
          { text: target(ind.quarterTargets[i] ?? null, max) },
          { text: num(q.actual, max) },
          { text: num(q.achievement, d) },
        ]),
        { text: target(ind.annualTarget, max) },
        { text: num(ind.annual.actual, max) },
        { text: num(ind.annual.achievement, d), bold: true },
        { text: ind.categoryLabel ?? '–' },
      ],
    };
  };
  const walk = (n: DocNode) => {
    rows.push({
      segs: [
        { text: nodeTitle(n), span: 19, bold: true },
        { text: num(n.value, d), bold: true },
        { text: n.categoryLabel ?? '–', bold: true },
      ],
      fill: fills[n.kind] ?? '#f9fafb',
      keep: true,
    });
    for (const ind of n.indicators) rows.push(indicatorRow(ind));
    for (const c of n.children) walk(c);
  };
  doc.agreements.forEach((a: DocAgreement, i) => {
    if (doc.agreements.length > 1) {
      const letter = String.fromCharCode(65 + (i % 26));
      rows.push({
        segs: [{ text: `${letter}. Perjanjian Kinerja ${a.owner}`, span: 21, bold: true }],
        fill: '#d1d5db',
        keep: true,
      });
    }
    for (const r of a.roots) walk(r);
    // The roll-up goes over to a new page with the agreement's last row, never alone.
    const last = rows[rows.length - 1];
    if (last) last.keep = true;
    rows.push({
      segs: [
        { text: `Capaian kinerja ${a.owner}`, span: 19, bold: true, align: 'right' },
        { text: num(a.value, d), bold: true },
        { text: a.categoryLabel ?? '–', bold: true },
      ],
    });
  });
  return rows;
}

async function renderKertasKerja(doc: MeasurementDocument): Promise<Buffer> {
  const pdf = createPdf({
    layout: 'landscape',
    margin: M,
    title: `${doc.title} ${doc.agencyName} Tahun ${doc.year}`,
    author: doc.agencyName,
  });
  const width = reportWidth('landscape');
  const fixed = [18, 34, 72, 36, ...Array<number>(12).fill(27), 31, 31, 31, 52];
  const cols: Col[] = [
    { width: 18, align: 'center' },
    { width: width - fixed.reduce((a, b) => a + b, 0), align: 'left' },
    { width: 34, align: 'center' },
    { width: 72, align: 'left' },
    { width: 36, align: 'center' },
    ...Array.from({ length: 15 }, (_, i): Col => ({ width: i < 12 ? 27 : 31, align: 'right' })),
    { width: 52, align: 'center' },
  ];
  const head: HeadCell[][] = [
    [
      { text: 'No', col: 0, tall: true },
      { text: 'Indikator Kinerja', col: 1, tall: true },
      { text: 'Satuan', col: 2, tall: true },
      { text: 'Arah dan rumus capaian', col: 3, tall: true },
      { text: 'Realisasi tahunan', col: 4, tall: true },
      ...['Triwulan I', 'Triwulan II', 'Triwulan III', 'Triwulan IV'].map((q, i) => ({
        text: q,
        col: 5 + 3 * i,
        span: 3,
      })),
      { text: `Tahun ${doc.year}`, col: 17, span: 3 },
      { text: 'Kategori', col: 20, tall: true },
    ],
    Array.from({ length: 15 }, (_, i) => ({
      text: ['Target', 'Real.', 'Cap. (%)'][i % 3]!,
      col: 5 + i,
    })),
  ];
  let y = drawLetterhead(pdf, doc.letterhead, doc.agencyName);
  const title = doc.title.toUpperCase();
  placeText(pdf, title, M, y, { width, size: 12, font: 'bold', align: 'center' });
  y += textHeight(pdf, title, { width, size: 12, font: 'bold' }) + 3;
  placeText(pdf, doc.subtitle, M, y, { width, size: 9, align: 'center' });
  y += textHeight(pdf, doc.subtitle, { width, size: 9 }) + 10;
  const legend = `Real. = realisasi; Cap. = capaian. Capaian tiap triwulan diukur terhadap target rencana aksi triwulan itu; capaian tahun, dari realisasi tahunan (menurut aturan indikator) terhadap target tahunan. Kategori menurut ${doc.methodText.source}.`;
  placeText(pdf, legend, M, y, { width, size: 7, color: muted });
  y += textHeight(pdf, legend, { width, size: 7 }) + 6;
  drawRows({ pdf, cols, head, y, bottom: pdf.page.height - M - 20 }, kertasKerjaRows(doc));

  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const fy = pdf.page.height - M + 8;
    const o = { size: 7, color: muted };
    placeText(pdf, `Pengukuran ke-${doc.run.runNo} · SHA-256 data masukan: ${doc.run.inputsSha256}`, M, fy, {
      ...o,
      width: width / 2 + 60,
    });
    placeText(pdf, `Dicetak dari SIDAKIN ${doc.printedAt} · Halaman ${i + 1} dari ${range.count}`, M, fy, {
      ...o,
      width,
      align: 'right',
    });
  }
  return pdfBytes(pdf);
}

// ── Rekapitulasi and Laporan: reports ──
const w = reportWidth('portrait');
const column = (title: string, width: number, align: Align = 'left'): ReportColumn => ({ title, width, align });

function recapSection(doc: MeasurementDocument, a: DocAgreement, heading: string): ReportSection {
  const d = doc.method.decimals;
  const rows: string[][] = [];
  const bold: number[] = [];
  for (const g of a.groups) {
    bold.push(rows.length);
    rows.push(['', nodeTitle(g.node), '', '', '', num(g.node.value, d), g.node.categoryLabel ?? '–']);
    for (const ind of g.indicators) {
      const max = figures(ind);
      rows.push([
        String(ind.no),
        ind.note ? `${indicatorName(ind)}\n(${ind.note})` : indicatorName(ind),
        ind.unitOfMeasure,
        target(ind.annualTarget, max),
        num(ind.annual.actual, max),
        num(ind.annual.achievement, d),
        ind.categoryLabel ?? '–',
      ]);
    }
  }
  bold.push(rows.length);
  rows.push(['', `Capaian kinerja ${a.owner}`, '', '', '', num(a.value, d), a.categoryLabel ?? '–']);
  return {
    heading,
    columns: [
      column('No', 22, 'center'),
      column('Sasaran / Indikator Kinerja', w - 22 - 44 - 48 - 48 - 50 - 70),
      column('Satuan', 44, 'center'),
      column('Target', 48, 'right'),
      column('Realisasi', 48, 'right'),
      column('Capaian (%)', 50, 'right'),
      column('Kategori', 70, 'center'),
    ],
    rows,
    boldRows: bold,
  };
}

function categorySection(doc: MeasurementDocument, heading: string): ReportSection {
  const objectives = doc.bands.reduce((n, b) => n + b.objectives, doc.unmeasured.objectives);
  return {
    heading,
    paragraph: `Indikator dan sasaran Perjanjian Kinerja ${doc.agencyName}, menurut skala ${doc.methodText.scale} (${doc.methodText.source}).`,
    columns: [
      column('Kategori', 131),
      column('Rentang capaian (%)', 140, 'center'),
      column('Jumlah indikator', 120, 'right'),
      column('Jumlah sasaran', w - 391, 'right'),
    ],
    rows: [
      ...doc.bands.map((b) => [b.label, b.range, String(b.indicators), String(b.objectives)]),
      ['Tidak terukur', '–', String(doc.unmeasured.indicators), String(doc.unmeasured.objectives)],
      ['Jumlah', '', String(doc.own.indicators.length), String(objectives)],
    ],
    boldRows: [doc.bands.length + 1],
  };
}

function unitSection(doc: MeasurementDocument, heading: string): ReportSection[] {
  const units = doc.agreements.filter((a) => a !== doc.own);
  if (units.length === 0) return [];
  const d = doc.method.decimals;
  return [
    {
      heading,
      columns: [
        column('No', 22, 'center'),
        column('Unit kerja', w - 22 - 80 - 66 - 86),
        column('Indikator terukur', 80, 'center'),
        column('Capaian (%)', 66, 'right'),
        column('Kategori', 86, 'center'),
      ],
      rows: units.map((a, i) => [
        String(i + 1),
        a.owner,
        `${a.indicators.filter((x) => x.annual.achievement !== null).length} dari ${a.indicators.length}`,
        num(a.value, d),
        a.categoryLabel ?? '–',
      ]),
    },
  ];
}

function rankedSection(doc: MeasurementDocument, heading: string, list: DocIndicator[]): ReportSection[] {
  if (list.length === 0) return [];
  const d = doc.method.decimals;
  return [
    {
      heading,
      columns: [
        column('No', 20, 'center'),
        column('Indikator Kinerja', w - 20 - 105 - 52 - 52 - 50 - 62),
        column('Perjanjian Kinerja', 105),
        column('Target', 52, 'right'),
        column('Realisasi', 52, 'right'),
        column('Capaian (%)', 50, 'right'),
        column('Kategori', 62, 'center'),
      ],
      rows: list.map((ind, i) => {
        const uom = ind.unitOfMeasure ? ` ${ind.unitOfMeasure}` : '';
        return [
          String(i + 1),
          indicatorName(ind),
          ind.owner,
          `${target(ind.annualTarget, figures(ind))}${ind.annualTarget ? uom : ''}`,
          `${num(ind.annual.actual, figures(ind))}${ind.annual.actual === null ? '' : uom}`,
          num(ind.annual.achievement, d),
          ind.categoryLabel ?? '–',
        ];
      }),
    },
  ];
}

function summaryText(doc: MeasurementDocument): string {
  const own = doc.own;
  const head =
    own.value === null
      ? `Capaian kinerja ${doc.agencyName} tahun ${doc.year} belum dapat dihitung: tidak satu pun sasarannya terukur.`
      : `Capaian kinerja ${doc.agencyName} tahun ${doc.year} adalah ${num(own.value, doc.method.decimals)}%, kategori ${(
          own.categoryLabel ?? ''
        ).toLowerCase()}, yaitu rata-rata capaian ${own.measured} dari ${own.groups.length} sasaran Perjanjian Kinerjanya.`;
  const counts = doc.bands
    .filter((b) => b.indicators > 0)
    .map((b) => `${b.indicators} berkategori ${b.label.toLowerCase()}`);
  if (doc.unmeasured.indicators > 0) counts.push(`${doc.unmeasured.indicators} tidak terukur`);
  const units = doc.agreements.filter((a) => a !== own);
  const unitText =
    units.length > 0
      ? ` Pengukuran ini juga meliputi Perjanjian Kinerja ${units.length} unit kerja (${units.reduce(
          (n, a) => n + a.indicators.length,
          0,
        )} indikator).`
      : '';
  return `${head} Dari ${own.indicators.length} indikator kinerjanya, ${counts.join(', ') || 'tidak ada yang terukur'}.${unitText}`;
}

function laporanSections(doc: MeasurementDocument): ReportSection[] {
  const m = doc.methodText;
  const d = doc.method.decimals;
  const keyValue = (rows: [string, string][]) => ({
    columns: [column('Uraian', 150), column('Keterangan', w - 150)],
    rows,
    boldRows: [],
  });
  const units = doc.agreements.length - 1;
  const indicators = doc.agreements.reduce((n, a) => n + a.indicators.length, 0);
  return [
    {
      heading: 'A. Dasar Pengukuran',
      paragraph:
        'Angka dalam laporan ini dihitung dari data masukan yang sidiknya (SHA-256) tercantum di bawah, dengan metode pada bagian B; perhitungan ulang atas data dan metode yang sama memberi hasil yang persis sama.',
      ...keyValue([
        ['Perangkat daerah', doc.agencyName],
        ['Tahun', String(doc.year)],
        ['Pengukuran', doc.runLine],
        ['Sidik data masukan (SHA-256)', doc.run.inputsSha256],
        [
          'Cakupan',
          `Perjanjian Kinerja ${doc.agencyName}${units > 0 ? ` dan ${units} unit kerja` : ''}: ${indicators} indikator`,
        ],
      ]),
    },
    {
      heading: 'B. Metode Pengukuran',
      ...keyValue([
        ['Skala kategori', `${m.scale} (${m.source})\n${doc.bands.map((b) => `${b.label}: ${b.range}`).join('\n')}`],
        ['Rumus capaian', m.formulas.map((x) => `• ${x}`).join('\n')],
        ['Realisasi tahunan', m.rules],
        ['Capaian sasaran dan perangkat daerah', m.rollUp],
        ['Batas capaian', m.cap],
        ['Efisiensi', m.efficiency],
        ['Pembulatan', m.rounding],
        ['Versi aturan pengukuran', m.engine],
      ]),
    },
    {
      heading: 'C. Hasil Pengukuran',
      paragraph: summaryText(doc),
      columns: [
        column('No', 22, 'center'),
        column('Sasaran', w - 22 - 80 - 66 - 86),
        column('Indikator terukur', 80, 'center'),
        column('Capaian (%)', 66, 'right'),
        column('Kategori', 86, 'center'),
      ],
      rows: [
        ...doc.own.groups.map((g, i) => [
          String(i + 1),
          nodeTitle(g.node),
          `${g.indicators.filter((x) => x.annual.achievement !== null).length} dari ${g.indicators.length}`,
          num(g.node.value, d),
          g.node.categoryLabel ?? '–',
        ]),
        ['', `Capaian kinerja ${doc.agencyName}`, '', num(doc.own.value, d), doc.own.categoryLabel ?? '–'],
      ],
      boldRows: [doc.own.groups.length],
    },
    ...unitSection(doc, 'Capaian Perjanjian Kinerja unit kerja'),
    ...rankedSection(doc, 'Indikator dengan capaian tertinggi', doc.strongest),
    ...rankedSection(doc, 'Indikator dengan capaian terendah', doc.weakest),
    ...(doc.notMeasured.length > 0
      ? [
          {
            heading: 'Indikator yang belum terukur',
            columns: [
              column('No', 20, 'center'),
              column('Indikator Kinerja', w - 20 - 130 - 140),
              column('Perjanjian Kinerja', 130),
              column('Keterangan', 140),
            ],
            rows: doc.notMeasured.map((ind, i) => [String(i + 1), indicatorName(ind), ind.owner, ind.note || '–']),
          },
        ]
      : []),
  ];
}

/** The document as PDF. */
export async function renderMeasurementPdf(doc: MeasurementDocument): Promise<Buffer> {
  if (doc.kind === 'kertas-kerja') return renderKertasKerja(doc);
  const sections =
    doc.kind === 'rekapitulasi'
      ? [
          recapSection(doc, doc.own, `A. Capaian per sasaran — Perjanjian Kinerja ${doc.agencyName}`),
          categorySection(doc, 'B. Jumlah indikator dan sasaran per kategori'),
          ...unitSection(doc, 'C. Capaian Perjanjian Kinerja unit kerja'),
        ]
      : laporanSections(doc);
  return renderReport({
    layout: 'portrait',
    letterhead: doc.letterhead,
    agencyName: doc.agencyName,
    title: doc.title,
    subtitle: doc.subtitle,
    sections,
    signer: doc.kind === 'laporan' ? doc.signer : null,
    printedAt: doc.printedAt,
  });
}
