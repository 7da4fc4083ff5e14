import { createPdf, type Letterhead, type Pdf, pdfBytes, placeText, textHeight } from './pdf.js';

/**
 * A report as the agencies print them: the kop surat (letterhead), a centred title and subtitle,
 * sections each with an optional paragraph and a table whose header repeats on every page, a
 * signature block kept on one page, and "Dicetak dari SIDAKIN … · Halaman n dari m" at the foot.
 * The collection report, the monitoring report and the measurement documents share it.
 */
export interface ReportColumn {
  title: string;
  /** Points; the columns of a table should add up to the page's width between the margins. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface ReportSection {
  heading?: string;
  paragraph?: string;
  columns?: ReportColumn[];
  rows?: string[][];
  /** Rows drawn bold (e.g. a total or a roll-up row), by index. */
  boldRows?: number[];
}

export interface ReportSigner {
  place: string;
  date: string;
  position: string;
  name: string;
  nip: string;
  /** "Plt." / "Plh." or ''. */
  acting: string;
}

export interface ReportInput {
  layout: 'portrait' | 'landscape';
  letterhead: Letterhead;
  agencyName: string;
  title: string;
  subtitle?: string;
  sections: ReportSection[];
  signer?: ReportSigner | null;
  /** Drawn after the sections in place of `signer` (an electronic signature block), kept on one page. */
  closing?: { height: number; draw: (pdf: Pdf, y: number, width: number) => void };
  /** Drawn above the foot of every page (e.g. where a signed document is verified). */
  pageNote?: (pdf: Pdf, y: number, width: number) => void;
  printedAt: string;
  /** Fixes the document's creation date, so the same input gives the same file. */
  createdAt?: Date;
}

export const reportMargin = 42;
const M = reportMargin;
const stroke = '#111827';
const size = 7.5;

/** The width between the margins of an A4 page in this layout. */
export function reportWidth(layout: 'portrait' | 'landscape'): number {
  return (layout === 'portrait' ? 595.28 : 841.89) - 2 * M;
}

export function drawLetterhead(pdf: Pdf, lh: Letterhead, agencyName: string): number {
  const width = pdf.page.width - 2 * M;
  let y = M;
  const logo = 56;
  if (lh.logo) pdf.image(lh.logo.bytes, M, y, { fit: [logo, logo] });
  const lines = [...lh.lines, agencyName].map((l) => l.toUpperCase());
  const x = M + (lh.logo ? logo + 8 : 0);
  const w = width - (lh.logo ? 2 * (logo + 8) : 0);
  lines.forEach((line, i) => {
    const s = i === lines.length - 1 ? 13 : 11;
    placeText(pdf, line, x, y, { width: w, size: s, font: 'bold', align: 'center' });
    y += textHeight(pdf, line, { width: w, size: s, font: 'bold' });
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

function rowHeight(pdf: Pdf, columns: ReportColumn[], cells: string[], bold: boolean): number {
  let h = 0;
  columns.forEach((c, i) => {
    h = Math.max(h, textHeight(pdf, cells[i] ?? '', { width: c.width - 6, size, font: bold ? 'bold' : 'regular' }));
  });
  return h + 6;
}

function drawRow(
  pdf: Pdf,
  columns: ReportColumn[],
  cells: string[],
  y: number,
  h: number,
  kind: 'header' | 'bold' | 'plain',
) {
  let x = M;
  columns.forEach((c, i) => {
    if (kind === 'header') pdf.rect(x, y, c.width, h).fillColor('#e5e7eb').fill();
    pdf.lineWidth(0.5).strokeColor(stroke).rect(x, y, c.width, h).stroke();
    placeText(pdf, cells[i] ?? '', x + 3, y + 3, {
      width: c.width - 6,
      size,
      font: kind === 'plain' ? 'regular' : 'bold',
      align: kind === 'header' ? 'center' : (c.align ?? 'left'),
    });
    x += c.width;
  });
}

function drawSigner(pdf: Pdf, s: ReportSigner, y: number, width: number) {
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

export async function renderReport(input: ReportInput): Promise<Buffer> {
  const pdf = createPdf({
    layout: input.layout,
    margin: M,
    title: `${input.title} ${input.agencyName}${input.subtitle ? ` ${input.subtitle}` : ''}`,
    author: input.agencyName,
    ...(input.createdAt ? { createdAt: input.createdAt } : {}),
  });
  const bottom = pdf.page.height - M - 20;
  const width = pdf.page.width - 2 * M;
  let y = drawLetterhead(pdf, input.letterhead, input.agencyName);
  placeText(pdf, input.title.toUpperCase(), M, y, { width, size: 12, font: 'bold', align: 'center' });
  y += textHeight(pdf, input.title.toUpperCase(), { width, size: 12, font: 'bold' }) + 3;
  if (input.subtitle) {
    placeText(pdf, input.subtitle, M, y, { width, size: 9, align: 'center' });
    y += textHeight(pdf, input.subtitle, { width, size: 9 });
  }
  y += 16;
  const newPage = () => {
    pdf.addPage();
    y = M;
  };
  for (const section of input.sections) {
    const columns = section.columns ?? [];
    const rows = section.rows ?? [];
    const headerH = columns.length
      ? rowHeight(
          pdf,
          columns,
          columns.map((c) => c.title),
          true,
        )
      : 0;
    const firstH = columns.length && rows[0] ? rowHeight(pdf, columns, rows[0], false) : 0;
    const headingH = section.heading ? textHeight(pdf, section.heading, { width, size: 9.5, font: 'bold' }) + 5 : 0;
    const paraH = section.paragraph ? textHeight(pdf, section.paragraph, { width, size: 8.5 }) + 6 : 0;
    // Keep a heading with its paragraph, the table's header and its first row.
    if (y + headingH + paraH + headerH + firstH > bottom) newPage();
    if (section.heading) {
      placeText(pdf, section.heading, M, y, { width, size: 9.5, font: 'bold' });
      y += headingH;
    }
    if (section.paragraph) {
      placeText(pdf, section.paragraph, M, y, { width, size: 8.5 });
      y += paraH;
    }
    if (columns.length) {
      drawRow(
        pdf,
        columns,
        columns.map((c) => c.title),
        y,
        headerH,
        'header',
      );
      y += headerH;
      rows.forEach((cells, i) => {
        const bold = section.boldRows?.includes(i) ?? false;
        const h = rowHeight(pdf, columns, cells, bold);
        if (y + h > bottom) {
          newPage();
          drawRow(
            pdf,
            columns,
            columns.map((c) => c.title),
            y,
            headerH,
            'header',
          );
          y += headerH;
        }
        drawRow(pdf, columns, cells, y, h, bold ? 'bold' : 'plain');
        y += h;
      });
    }
    y += 14;
  }
  if (input.closing) {
    if (y + input.closing.height > bottom) newPage();
    input.closing.draw(pdf, y, width);
  } else if (input.signer) {
    if (y + 120 > bottom) newPage();
    drawSigner(pdf, input.signer, y, width);
  }
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    input.pageNote?.(pdf, pdf.page.height - M - 18, width);
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
