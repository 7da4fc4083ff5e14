import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

/**
 * PDF documents of the system, drawn with pdfkit in DejaVu Sans (which has every character an
 * Indonesian document needs, ≥ and – included). Pages are buffered, so page numbers and things
 * that point across pages are drawn once everything is laid out.
 */
const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const fonts = {
  regular: path.join(fontDir, 'DejaVuSans.ttf'),
  bold: path.join(fontDir, 'DejaVuSans-Bold.ttf'),
  italic: path.join(fontDir, 'DejaVuSans-Oblique.ttf'),
  condensed: path.join(fontDir, 'DejaVuSansCondensed.ttf'),
  condensedBold: path.join(fontDir, 'DejaVuSansCondensed-Bold.ttf'),
} as const;
export type FontName = keyof typeof fonts;

export type Pdf = PDFKit.PDFDocument;

export function createPdf(opts: {
  layout: 'portrait' | 'landscape';
  margin: number;
  title: string;
  author: string;
  subject?: string;
  /** Fixes the creation date (the document's own date), so the same input gives the same file. */
  createdAt?: Date;
}): Pdf {
  const doc = new PDFDocument({
    size: 'A4',
    layout: opts.layout,
    margin: opts.margin,
    bufferPages: true,
    autoFirstPage: true,
    lang: 'id-ID',
    displayTitle: true,
    info: {
      Title: opts.title,
      Author: opts.author,
      Subject: opts.subject ?? opts.title,
      Creator: 'SIDAKIN',
      Producer: 'SIDAKIN',
      ...(opts.createdAt ? { CreationDate: opts.createdAt, ModDate: opts.createdAt } : {}),
    },
  });
  for (const [name, file] of Object.entries(fonts)) doc.registerFont(name, file);
  doc.font('regular');
  return doc;
}

/** Ends the document and collects its bytes. */
export function pdfBytes(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** Writes text at a fixed place without ever starting a new page (for footers and table cells). */
export function placeText(
  doc: Pdf,
  text: string,
  x: number,
  y: number,
  opts: { width: number; font?: FontName; size?: number; align?: 'left' | 'center' | 'right'; color?: string },
): void {
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc
    .font(opts.font ?? 'regular')
    .fontSize(opts.size ?? 8)
    .fillColor(opts.color ?? '#000000')
    .text(text, x, y, { width: opts.width, align: opts.align ?? 'left', lineGap: 1 });
  doc.page.margins.bottom = bottom;
}

export function textHeight(doc: Pdf, text: string, opts: { width: number; font?: FontName; size?: number }): number {
  doc.font(opts.font ?? 'regular').fontSize(opts.size ?? 8);
  return doc.heightOfString(text, { width: opts.width, lineGap: 1 });
}

/** The kop surat: logo at the left, the header lines centred and bold, the address below, a double rule. */
export interface Letterhead {
  lines: string[];
  address: string;
  contact: string;
  logo: { bytes: Buffer; mimeType: string } | null;
}
