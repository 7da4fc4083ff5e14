import { formatVerificationCode } from '@sidakin/core';
import QRCode from 'qrcode';
import { createPdf, type Letterhead, type Pdf, pdfBytes, placeText, textHeight } from '../../pdf/pdf.js';
import { drawLetterhead, reportMargin } from '../../pdf/report.js';

/**
 * What a document to be signed carries before anyone signs it: a QR code that opens the public
 * verification page, the verification code in text, and the signature block ("Ditandatangani
 * secara elektronik oleh …"). Document renderers call these with pdfkit; the code and URL come
 * from `createSignatureRequestTx`, which hands them to the renderer.
 */
export interface VerificationMark {
  /** The stored code (16 characters); printed in groups of four. */
  code: string;
  /** The public verification page, e.g. https://sidakin.example.go.id/verifikasi/<code>. */
  url: string;
}

export interface BlockSigner {
  /** The position as printed, e.g. "Kepala Dinas Perindustrian dan Perdagangan". */
  position: string;
  /** "Plt." / "Plh." / ''. */
  acting?: string;
  name: string;
  nip?: string;
}

/** Draws a QR code of `text` as vector squares (crisp at any zoom and in print), `size` points wide. */
export function drawQrCode(doc: Pdf, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + 2 * quiet);
  doc.save();
  doc.rect(x, y, size, size).fillColor('#ffffff').fill();
  doc.fillColor('#000000');
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.get(r, c)) doc.rect(x + (c + quiet) * cell, y + (r + quiet) * cell, cell, cell);
    }
  }
  doc.fill();
  doc.restore();
}

const ink = '#111827';
const muted = '#374151';

/**
 * The signature block: the place and date, then one cell per signer in signing order (two per
 * row; a single signer in the right-hand cell) with "Ditandatangani secara elektronik oleh", the
 * position and the name; beside them the QR code and the verification line. Returns the height used.
 */
export function drawSignatureBlock(
  doc: Pdf,
  opts: {
    x: number;
    y: number;
    width: number;
    place: string;
    date: string;
    signers: BlockSigner[];
    mark: VerificationMark;
  },
): number {
  const { x, width, mark } = opts;
  let y = opts.y;
  const qr = 78;
  const cellsX = x + qr + 14;
  const cellsW = width - qr - 14;
  // Two signers to a row; a single signer signs in the right-hand cell, as on a printed letter.
  const perRow = 2;
  const cellW = cellsW / perRow;
  const firstCol = opts.signers.length === 1 ? 1 : 0;
  placeText(doc, `${opts.place}, ${opts.date}`, cellsX, y, { width: cellsW, size: 9, align: 'right' });
  y += 16;
  const top = y;
  let rowH = 0;
  opts.signers.forEach((s, i) => {
    const col = (i + firstCol) % perRow;
    if (col === 0 && i > 0) {
      y += rowH + 10;
      rowH = 0;
    }
    const cx = cellsX + col * cellW + 4;
    const w = cellW - 8;
    let cy = y;
    const position = `${s.acting ? `${s.acting} ` : ''}${s.position}`;
    placeText(doc, position, cx, cy, { width: w, size: 8.5, font: 'bold', align: 'center' });
    cy += textHeight(doc, position, { width: w, size: 8.5, font: 'bold' }) + 4;
    const stamp = 'Ditandatangani secara elektronik oleh';
    doc
      .lineWidth(0.6)
      .strokeColor('#1d4ed8')
      .roundedRect(cx + 8, cy, w - 16, 18, 3)
      .stroke();
    placeText(doc, stamp, cx + 8, cy + 5, { width: w - 16, size: 7, align: 'center', color: '#1d4ed8' });
    cy += 24;
    placeText(doc, s.name, cx, cy, { width: w, size: 8.5, font: 'bold', align: 'center' });
    cy += textHeight(doc, s.name, { width: w, size: 8.5, font: 'bold' });
    if (s.nip) {
      placeText(doc, `NIP. ${s.nip}`, cx, cy + 1, { width: w, size: 8, align: 'center' });
      cy += 11;
    }
    rowH = Math.max(rowH, cy - y);
  });
  y += rowH;
  const qrY = top + Math.max(0, (y - top - qr - 30) / 2);
  drawQrCode(doc, mark.url, x, qrY, qr);
  placeText(doc, `Kode verifikasi\n${formatVerificationCode(mark.code)}`, x - 4, qrY + qr + 2, {
    width: qr + 8,
    size: 6.5,
    align: 'center',
    color: ink,
  });
  return Math.max(y, qrY + qr + 24) - opts.y;
}

/**
 * One line at the foot of a page: the document is signed electronically, where and with which
 * code to check it. Drawn without starting a new page.
 */
export function drawVerificationFooter(
  doc: Pdf,
  mark: VerificationMark,
  opts: { issuer: string; x: number; y: number; width: number },
): void {
  const text =
    `Dokumen ini ditandatangani secara elektronik dengan sertifikat elektronik yang diterbitkan oleh ${opts.issuer}. ` +
    `Periksa keasliannya di ${mark.url} (kode ${formatVerificationCode(mark.code)}).`;
  placeText(doc, text, opts.x, opts.y, { width: opts.width, size: 6.5, color: muted });
}

/** The name of a government's certificate authority as printed on its documents. */
export const authorityName = (governmentName: string) => `Otoritas Sertifikat Elektronik ${governmentName}`;

/**
 * A plain signable document in the agency's letterhead: the title and number, paragraphs, the
 * signature block with the QR code, and the verification line on every page. Modules with their
 * own forms draw them themselves and use the pieces above.
 */
export async function renderSignableDocument(input: {
  letterhead: Letterhead;
  agencyName: string;
  governmentName: string;
  title: string;
  number: string;
  paragraphs: string[];
  place: string;
  date: string;
  signers: BlockSigner[];
  mark: VerificationMark;
  createdAt?: Date;
}): Promise<Buffer> {
  const M = reportMargin;
  const doc = createPdf({
    layout: 'portrait',
    margin: M,
    title: `${input.title} ${input.number}`,
    author: input.agencyName,
    ...(input.createdAt ? { createdAt: input.createdAt } : {}),
  });
  const width = doc.page.width - 2 * M;
  const bottom = doc.page.height - M - 30;
  let y = drawLetterhead(doc, input.letterhead, input.agencyName);
  placeText(doc, input.title.toUpperCase(), M, y, { width, size: 12, font: 'bold', align: 'center' });
  y += textHeight(doc, input.title.toUpperCase(), { width, size: 12, font: 'bold' }) + 2;
  placeText(doc, `Nomor: ${input.number}`, M, y, { width, size: 9.5, align: 'center' });
  y += 24;
  for (const p of input.paragraphs) {
    const h = textHeight(doc, p, { width, size: 9.5 });
    if (y + h > bottom) {
      doc.addPage();
      y = M;
    }
    placeText(doc, p, M, y, { width, size: 9.5 });
    y += h + 8;
  }
  const rows = Math.ceil(input.signers.length / (input.signers.length > 1 ? 2 : 1));
  if (y + 40 + rows * 80 > bottom) {
    doc.addPage();
    y = M;
  }
  drawSignatureBlock(doc, {
    x: M,
    y: y + 12,
    width,
    place: input.place,
    date: input.date,
    signers: input.signers,
    mark: input.mark,
  });
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    drawVerificationFooter(doc, input.mark, {
      issuer: authorityName(input.governmentName),
      x: M,
      y: doc.page.height - M + 2,
      width: width - 70,
    });
    placeText(doc, `Halaman ${i + 1} dari ${range.count}`, M + width - 66, doc.page.height - M + 2, {
      width: 66,
      size: 6.5,
      align: 'right',
      color: muted,
    });
  }
  return pdfBytes(doc);
}
