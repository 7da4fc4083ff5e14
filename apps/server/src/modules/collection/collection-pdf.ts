import { formatIndonesianNumber } from '@sidakin/core';
import { createPdf, type Letterhead, type Pdf, pdfBytes, placeText, textHeight } from '../../pdf/pdf.js';
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
  signer: { place: string; date: string; position: string; name: string; nip: string; acting: string } | null;
  printedAt: string;
}

const M = 42;
const stroke = '#111827';
const cols = [
  { key: 'no' as const, title: 'No', width: 22, align: 'center' as const },
  { key: 'name' as const, title: 'Indikator Kinerja', width: 166, align: 'left' as const },
  { key: 'uom' as const, title: 'Satuan', width: 54, align: 'center' as const },
  { key: 'target' as const, title: 'Target', width: 52, align: 'right' as const },
  { key: 'actual' as const, title: 'Realisasi', width: 52, align: 'right' as const },
  { key: 'ach' as const, title: 'Capaian (%)', width: 50, align: 'right' as const },
  { key: 'notes' as const, title: 'Catatan', width: 115, align: 'left' as const },
];
type Cells = Record<'no' | 'name' | 'uom' | 'target' | 'actual' | 'ach' | 'notes', string>;

const num = (s: string | null) => (s === null ? '–' : formatIndonesianNumber(s, s.split('.')[1]?.length ?? 0));

function drawLetterhead(pdf: Pdf, lh: Letterhead, agencyName: string): number {
  const width = pdf.page.width - 2 * M;
  let y = M;
  const logo = 56;
  if (lh.logo) pdf.image(lh.logo.bytes, M, y, { fit: [logo, logo] });
  const lines = [...lh.lines, agencyName].map((l) => l.toUpperCase());
  const x = M + (lh.logo ? logo + 8 : 0);
  const w = width - (lh.logo ? 2 * (logo + 8) : 0);
  lines.forEach((line, i) => {
    const size = i === lines.length - 1 ? 13 : 11;
    placeText(pdf, line, x, y, { width: w, size, font: 'bold', align: 'center' });
    y += textHeight(pdf, line, { width: w, size, font: 'bold' });
  });
  const contact = [lh.address, lh.contact].filter(Boolean).join('\n');
  if (contact) {
    placeText(pdf, contact, x, y + 2, { width: w, size: 7.5, align: 'center', color: '#374151' });
    y += textHeight(pdf, contact, { width: w, size: 7.5 }) + 2;
  }
  y = Math.max(y, M + logo) + 6;
  pdf
    .lineWidth(1.6)
    .strokeColor(stroke)
    .moveTo(M, y)
    .lineTo(M + width, y)
    .stroke();
  pdf
    .lineWidth(0.5)
    .moveTo(M, y + 3)
    .lineTo(M + width, y + 3)
    .stroke();
  return y + 14;
}

function rowHeight(pdf: Pdf, cells: Cells, bold = false): number {
  let h = 0;
  for (const c of cols) {
    h = Math.max(h, textHeight(pdf, cells[c.key], { width: c.width - 6, size: 7.5, font: bold ? 'bold' : 'regular' }));
  }
  return h + 6;
}

function drawRow(pdf: Pdf, cells: Cells, y: number, h: number, header = false): void {
  let x = M;
  for (const c of cols) {
    if (header) pdf.rect(x, y, c.width, h).fillColor('#e5e7eb').fill();
    pdf.lineWidth(0.5).strokeColor(stroke).rect(x, y, c.width, h).stroke();
    placeText(pdf, cells[c.key], x + 3, y + 3, {
      width: c.width - 6,
      size: 7.5,
      font: header ? 'bold' : 'regular',
      align: header ? 'center' : c.align,
    });
    x += c.width;
  }
}

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

const headerCells = Object.fromEntries(cols.map((c) => [c.key, c.title])) as Cells;

export async function renderCollectionReport(input: CollectionReportInput): Promise<Buffer> {
  const pdf = createPdf({
    layout: 'portrait',
    margin: M,
    title: `Laporan Hasil Pengumpulan Data Kinerja ${input.agencyName} ${input.periodLabel}`,
    author: input.agencyName,
  });
  const bottom = pdf.page.height - M - 20;
  let y = drawLetterhead(pdf, input.letterhead, input.agencyName);
  const width = pdf.page.width - 2 * M;
  placeText(pdf, 'LAPORAN HASIL PENGUMPULAN DATA KINERJA', M, y, { width, size: 12, font: 'bold', align: 'center' });
  y += 17;
  placeText(pdf, `Periode ${input.periodLabel} · Status periode: ${input.status}`, M, y, {
    width,
    size: 9,
    align: 'center',
  });
  y += 22;

  const units: string[] = [];
  for (const l of input.lines) if (!units.includes(l.unitName)) units.push(l.unitName);
  units.forEach((unit, ui) => {
    const lines = input.lines.filter((l) => l.unitName === unit);
    const heading = `${String.fromCharCode(65 + (ui % 26))}. ${unit} (${lines[0]?.status ?? ''})`;
    const hh = rowHeight(pdf, headerCells, true);
    // Keep the heading with the table header and at least its first row.
    const firstRow = lines[0] ? rowHeight(pdf, cellsOf(lines[0], 0)) : 0;
    if (y + 16 + hh + firstRow > bottom) {
      pdf.addPage();
      y = M;
    }
    placeText(pdf, heading, M, y, { width, size: 9.5, font: 'bold' });
    y += 16;
    drawRow(pdf, headerCells, y, hh, true);
    y += hh;
    lines.forEach((l, i) => {
      const cells = cellsOf(l, i);
      const h = rowHeight(pdf, cells);
      if (y + h > bottom) {
        pdf.addPage();
        y = M;
        drawRow(pdf, headerCells, y, hh, true);
        y += hh;
      }
      drawRow(pdf, cells, y, h);
      y += h;
    });
    y += 16;
  });

  // The head's signature block, kept together on one page.
  if (input.signer) {
    const s = input.signer;
    const block = 120;
    if (y + block > bottom) {
      pdf.addPage();
      y = M;
    }
    const x = M + width - 220;
    const w = 220;
    placeText(pdf, `${s.place}, ${s.date}`, x, y, { width: w, size: 9, align: 'center' });
    const pos = `${s.acting ? `${s.acting} ` : ''}${s.position}`;
    placeText(pdf, pos, x, y + 14, { width: w, size: 9, font: 'bold', align: 'center' });
    const posH = textHeight(pdf, pos, { width: w, size: 9, font: 'bold' });
    const nameY = y + 14 + posH + 52;
    placeText(pdf, s.name, x, nameY, { width: w, size: 9, font: 'bold', align: 'center' });
    const nameW = Math.min(w, pdf.font('bold').fontSize(9).widthOfString(s.name) + 4);
    pdf
      .lineWidth(0.6)
      .strokeColor(stroke)
      .moveTo(x + (w - nameW) / 2, nameY + 12)
      .lineTo(x + (w + nameW) / 2, nameY + 12)
      .stroke();
    if (s.nip) placeText(pdf, `NIP. ${s.nip}`, x, nameY + 15, { width: w, size: 8.5, align: 'center' });
  }

  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    placeText(
      pdf,
      `Dicetak dari SIDAKIN ${input.printedAt} · Halaman ${i + 1} dari ${range.count}`,
      M,
      pdf.page.height - M + 8,
      {
        width,
        size: 7,
        align: 'right',
        color: '#4b5563',
      },
    );
  }
  return pdfBytes(pdf);
}
