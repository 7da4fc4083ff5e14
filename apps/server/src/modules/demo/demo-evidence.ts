/**
 * Bukti dukung of the demo as real documents: small PDFs in the agency's letterhead of the kind a
 * staff member uploads beside a quarter's realisasi — a price-monitoring report, a berita acara of
 * tera ulang, a recap of administrative services. Their figures agree with the values they back
 * (a count is spread over its lines, a percentage is the share of them); the people named are the
 * demo's own: whoever entered the value, and the head of the unit (or agency) who knew of it.
 * Every page says that it is demo data, not an official document.
 */
import { createHash } from 'node:crypto';
import { formatIndonesianNumber, type Target } from '@sidakin/core';
import { createPdf, type Letterhead, type Pdf, pdfBytes, placeText, textHeight } from '../../pdf/pdf.js';

export type EvidenceKind = 'prices' | 'uttp' | 'services';

/** The document that backs an indicator, read from its name; null when the demo has none for it. */
export function evidenceKindOf(indicatorName: string): EvidenceKind | null {
  if (/harga barang kebutuhan pokok/i.test(indicatorName)) return 'prices';
  if (/\bUTTP\b/.test(indicatorName)) return 'uttp';
  if (/layanan administrasi/i.test(indicatorName)) return 'services';
  return null;
}

export interface EvidencePerson {
  position: string;
  /** With titles, as printed. */
  name: string;
  nip: string;
  acting: 'plt' | 'plh' | null;
}

export interface EvidenceInput {
  kind: EvidenceKind;
  letterhead: Letterhead;
  agencyName: string;
  unitName: string | null;
  /** "Triwulan I 2025". */
  periodLabel: string;
  year: number;
  /** Day of the document (ISO). */
  date: string;
  /** Where it is signed ("Banggai"). */
  place: string;
  number: string;
  /** The values the document backs. */
  rows: { name: string; unitOfMeasure: string; target: Target | null; actual: string }[];
  preparedBy: EvidencePerson | null;
  knownBy: EvidencePerson | null;
}

export function evidenceTitle(kind: EvidenceKind, periodLabel: string): string {
  switch (kind) {
    case 'prices':
      return `Laporan Pemantauan Harga Bahan Pokok ${periodLabel}`;
    case 'uttp':
      return `Berita Acara Tera Ulang UTTP ${periodLabel}`;
    case 'services':
      return `Rekap Pelayanan Administrasi Kependudukan ${periodLabel}`;
  }
}

/** What the evidence item says it is. */
export function evidenceDescription(kind: EvidenceKind): string {
  switch (kind) {
    case 'prices':
      return 'Laporan pemantauan harga dan stok bahan pokok (PDF)';
    case 'uttp':
      return 'Berita acara pelaksanaan tera ulang UTTP (PDF)';
    case 'services':
      return 'Rekapitulasi register pelayanan administrasi (PDF)';
  }
}

// ── figures: deterministic, derived from the values backed ───────────────────────────────────
/** A repeatable sequence in [0, 1) from a text (the same document always gets the same figures). */
function random(seed: string): () => number {
  let s = createHash('sha256').update(seed).digest().readUInt32BE(0);
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `total` spread over weights as whole numbers that add up to it exactly. */
function spread(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => Math.floor((total * w) / sum));
  out[0]! += total - out.reduce((a, b) => a + b, 0);
  return out;
}

const num = (v: number | string, decimals = 0) => formatIndonesianNumber(String(v), decimals);
const exact = (v: string) => formatIndonesianNumber(v, v.split('.')[1]?.length ?? 0);
const targetText = (t: Target | null) =>
  t?.value ? exact(t.value) : t?.low && t.high ? `${exact(t.low)} – ${exact(t.high)}` : '–';

/** The row that is a count (summed over a quarter) and the one that is a percentage, if any. */
function countAndShare(rows: EvidenceInput['rows']) {
  const count = rows.find((r) => r.unitOfMeasure !== '%');
  const share = rows.find((r) => r.unitOfMeasure === '%');
  return {
    count: count ? Math.max(0, Math.round(Number(count.actual))) : null,
    share: share ? Math.min(100, Math.max(0, Number(share.actual))) : null,
  };
}

interface Table {
  columns: { title: string; width: number; align: 'left' | 'right' | 'center' }[];
  rows: string[][];
  total?: string[];
}

interface Body {
  intro: string;
  table: Table;
  closing: string;
  left: string;
  right: string;
}

const COMMODITIES: [string, string, number][] = [
  ['Beras medium', 'kg', 12_600],
  ['Beras premium', 'kg', 14_900],
  ['Gula pasir', 'kg', 17_800],
  ['Minyak goreng curah', 'liter', 16_200],
  ['Tepung terigu', 'kg', 11_500],
  ['Cabai merah keriting', 'kg', 44_000],
  ['Bawang merah', 'kg', 37_500],
  ['Telur ayam ras', 'kg', 28_600],
  ['Daging ayam ras', 'kg', 36_800],
];

function pricesBody(input: EvidenceInput, rnd: () => number): Body {
  const cv = input.rows.find((r) => /koefisien variasi/i.test(r.name));
  // Commodity CVs scatter around the indicator's value (the mean of them), staple foods steadier.
  const mean = cv ? Number(cv.actual) : 6;
  const trend = 1 + 0.035 * (input.year - 2025);
  const raw = COMMODITIES.map((_, i) => (i >= 5 ? 1.35 + rnd() * 0.3 : 0.6 + rnd() * 0.3));
  const scale = mean / (raw.reduce((a, b) => a + b, 0) / raw.length);
  const rows = COMMODITIES.map(([name, unit, base], i) => {
    const price = Math.round((base * trend * (0.96 + rnd() * 0.08)) / 50) * 50;
    return [name, unit, num(price), num((raw[i]! * scale).toFixed(2), 2), i >= 5 ? 'Berfluktuasi' : 'Stabil'];
  });
  return {
    intro:
      `Pemantauan harga dan stok barang kebutuhan pokok pada ${input.periodLabel} dilaksanakan setiap minggu di pasar ` +
      `acuan oleh petugas ${input.unitName ?? input.agencyName}. Harga rata-rata dan koefisien variasi (KV) per komoditas ` +
      'adalah sebagai berikut; KV bahan pokok adalah rata-rata KV komoditas.',
    table: {
      columns: [
        { title: 'No', width: 24, align: 'center' },
        { title: 'Komoditas', width: 160, align: 'left' },
        { title: 'Satuan', width: 50, align: 'center' },
        { title: 'Harga rata-rata (Rp)', width: 100, align: 'right' },
        { title: 'KV (%)', width: 60, align: 'right' },
        { title: 'Keterangan', width: 105, align: 'left' },
      ],
      rows: rows.map((r, i) => [String(i + 1), ...r]),
    },
    closing:
      'Stok komoditas utama tersedia cukup di tingkat distributor dan pengecer. Kenaikan harga cabai dan bawang merah ' +
      'dipengaruhi musim tanam; koordinasi dengan distributor dan operasi pasar dilakukan bila diperlukan.',
    left: 'Petugas Pemantau,',
    right: 'Mengetahui,',
  };
}

const UTTP_TYPES: [string, number][] = [
  ['Timbangan meja', 18],
  ['Timbangan pegas', 14],
  ['Timbangan sentisimal', 9],
  ['Timbangan elektronik', 22],
  ['Dacin logam', 6],
  ['Meter kayu', 8],
  ['Takaran kering dan basah', 7],
  ['Pompa ukur BBM', 16],
];

function uttpBody(input: EvidenceInput, rnd: () => number): Body {
  // A count row's value is what was verified this quarter; otherwise a plausible quarter's work.
  const { count } = countAndShare(input.rows);
  const total = count ?? 180 + Math.round(rnd() * 120);
  const validShare = 93 + rnd() * 5;
  const counts = spread(
    total,
    UTTP_TYPES.map(([, w]) => w * (0.8 + rnd() * 0.4)),
  );
  const valid = counts.map((c) => Math.min(c, Math.round((c * validShare) / 100)));
  return {
    intro:
      `Pada ${input.periodLabel} telah dilaksanakan tera ulang alat ukur, takar, timbang dan perlengkapannya (UTTP) ` +
      `milik pelaku usaha oleh penera ${input.unitName ?? input.agencyName}, dengan hasil sebagai berikut.`,
    table: {
      columns: [
        { title: 'No', width: 24, align: 'center' },
        { title: 'Jenis UTTP', width: 190, align: 'left' },
        { title: 'Diperiksa', width: 85, align: 'right' },
        { title: 'Sah (dibubuhi tanda tera)', width: 110, align: 'right' },
        { title: 'Batal', width: 90, align: 'right' },
      ],
      rows: UTTP_TYPES.map(([name], i) => [
        String(i + 1),
        name,
        num(counts[i]!),
        num(valid[i]!),
        num(counts[i]! - valid[i]!),
      ]),
      total: [
        '',
        'Jumlah',
        num(total),
        num(valid.reduce((a, b) => a + b, 0)),
        num(total - valid.reduce((a, b) => a + b, 0)),
      ],
    },
    closing:
      'UTTP yang batal telah diberi tanda batal dan pemiliknya diminta memperbaiki atau mengganti alat sebelum ' +
      'digunakan kembali. Berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.',
    left: 'Petugas Penera,',
    right: 'Mengetahui,',
  };
}

const SERVICES: [string, number][] = [
  ['Surat pengantar perekaman KTP-el', 22],
  ['Surat pengantar Kartu Keluarga', 19],
  ['Surat keterangan pindah datang', 9],
  ['Surat keterangan domisili', 17],
  ['Surat keterangan tidak mampu', 12],
  ['Legalisasi dokumen kependudukan', 14],
  ['Rekomendasi izin usaha mikro', 7],
];

function servicesBody(input: EvidenceInput, rnd: () => number): Body {
  const { count, share } = countAndShare(input.rows);
  const total = count ?? 260 + Math.round(rnd() * 60);
  const onTime = share ?? 90 + rnd() * 6;
  const counts = spread(
    total,
    SERVICES.map(([, w]) => w * (0.85 + rnd() * 0.3)),
  );
  const timely = counts.map((c) => Math.min(c, Math.round((c * onTime) / 100)));
  return {
    intro:
      `Rekapitulasi register Pelayanan Administrasi Terpadu Kecamatan (PATEN) pada ${input.periodLabel}: jumlah ` +
      'dokumen yang diterbitkan per jenis layanan dan yang diselesaikan sesuai standar waktu pelayanan.',
    table: {
      columns: [
        { title: 'No', width: 24, align: 'center' },
        { title: 'Jenis layanan', width: 205, align: 'left' },
        { title: 'Diterbitkan', width: 85, align: 'right' },
        { title: 'Tepat waktu', width: 85, align: 'right' },
        { title: 'Tepat waktu (%)', width: 100, align: 'right' },
      ],
      rows: SERVICES.map(([name], i) => [
        String(i + 1),
        name,
        num(counts[i]!),
        num(timely[i]!),
        counts[i] ? num(((timely[i]! / counts[i]!) * 100).toFixed(1), 1) : '–',
      ]),
      total: [
        '',
        'Jumlah',
        num(total),
        num(timely.reduce((a, b) => a + b, 0)),
        total ? num(((timely.reduce((a, b) => a + b, 0) / total) * 100).toFixed(1), 1) : '–',
      ],
    },
    closing:
      'Data bersumber dari register pelayanan dan aplikasi antrean kecamatan; berkas pendukung tersimpan di ' +
      'arsip seksi dan dapat diperiksa sewaktu-waktu.',
    left: 'Yang membuat,',
    right: 'Mengetahui,',
  };
}

// ── drawing ───────────────────────────────────────────────────────────────────────────────────
const M = 48;
const stroke = '#111827';

function drawLetterhead(pdf: Pdf, lh: Letterhead, agencyName: string): number {
  const width = pdf.page.width - 2 * M;
  const logo = 54;
  let y = M;
  if (lh.logo) pdf.image(lh.logo.bytes, M, y, { fit: [logo, logo] });
  const x = M + (lh.logo ? logo + 8 : 0);
  const w = width - (lh.logo ? 2 * (logo + 8) : 0);
  const lines = [...lh.lines, agencyName].map((l) => l.toUpperCase());
  lines.forEach((line, i) => {
    const size = i === lines.length - 1 ? 12.5 : 10.5;
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
  return y + 16;
}

function drawTable(pdf: Pdf, table: Table, y0: number): number {
  let y = y0;
  const row = (cells: string[], header: boolean, bold = header) => {
    const h =
      Math.max(
        ...table.columns.map((c, i) =>
          textHeight(pdf, cells[i] ?? '', { width: c.width - 6, size: 8, font: bold ? 'bold' : 'regular' }),
        ),
      ) + 6;
    let x = M;
    table.columns.forEach((c, i) => {
      if (header) pdf.rect(x, y, c.width, h).fillColor('#e5e7eb').fill();
      pdf.lineWidth(0.5).strokeColor(stroke).rect(x, y, c.width, h).stroke();
      placeText(pdf, cells[i] ?? '', x + 3, y + 3, {
        width: c.width - 6,
        size: 8,
        font: bold ? 'bold' : 'regular',
        align: header ? 'center' : c.align,
      });
      x += c.width;
    });
    y += h;
  };
  row(
    table.columns.map((c) => c.title),
    true,
  );
  for (const cells of table.rows) row(cells, false);
  if (table.total) row(table.total, false, true);
  return y;
}

function signatureBlock(pdf: Pdf, x: number, y: number, w: number, heading: string, p: EvidencePerson | null): void {
  placeText(pdf, heading, x, y, { width: w, size: 9, align: 'center' });
  if (!p) return;
  const position = `${p.acting ? `${p.acting === 'plt' ? 'Plt.' : 'Plh.'} ` : ''}${p.position}`;
  placeText(pdf, position, x, y + 13, { width: w, size: 9, font: 'bold', align: 'center' });
  const nameY = y + 13 + textHeight(pdf, position, { width: w, size: 9, font: 'bold' }) + 46;
  placeText(pdf, p.name, x, nameY, { width: w, size: 9, font: 'bold', align: 'center' });
  const nameW = Math.min(w, pdf.font('bold').fontSize(9).widthOfString(p.name) + 4);
  pdf
    .lineWidth(0.6)
    .strokeColor(stroke)
    .moveTo(x + (w - nameW) / 2, nameY + 12)
    .lineTo(x + (w + nameW) / 2, nameY + 12)
    .stroke();
  if (p.nip) placeText(pdf, `NIP. ${p.nip}`, x, nameY + 15, { width: w, size: 8.5, align: 'center' });
}

const longDate = (iso: string) =>
  new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${iso}T00:00:00Z`),
  );

/** The document as PDF bytes; the same input gives the same bytes. */
export async function renderEvidencePdf(input: EvidenceInput): Promise<Buffer> {
  const title = evidenceTitle(input.kind, input.periodLabel);
  const pdf = createPdf({
    layout: 'portrait',
    margin: M,
    title,
    author: input.unitName ? `${input.unitName}, ${input.agencyName}` : input.agencyName,
    subject: `${title} — data demo SIDAKIN`,
    createdAt: new Date(`${input.date}T09:00:00Z`),
  });
  const rnd = random(`${input.agencyName}|${input.unitName}|${input.periodLabel}|${input.kind}`);
  const body =
    input.kind === 'prices'
      ? pricesBody(input, rnd)
      : input.kind === 'uttp'
        ? uttpBody(input, rnd)
        : servicesBody(input, rnd);
  const width = pdf.page.width - 2 * M;
  let y = drawLetterhead(pdf, input.letterhead, input.agencyName);
  placeText(pdf, title.toUpperCase(), M, y, { width, size: 11.5, font: 'bold', align: 'center' });
  y += textHeight(pdf, title.toUpperCase(), { width, size: 11.5, font: 'bold' }) + 2;
  placeText(pdf, `Nomor: ${input.number}`, M, y, { width, size: 9, align: 'center' });
  y += 24;
  placeText(pdf, body.intro, M, y, { width, size: 9.5 });
  y += textHeight(pdf, body.intro, { width, size: 9.5 }) + 10;
  y = drawTable(pdf, body.table, y) + 14;

  // What this document backs, as entered in SIDAKIN.
  placeText(pdf, 'Realisasi indikator kinerja yang didukung:', M, y, { width, size: 9.5, font: 'bold' });
  y += 15;
  y =
    drawTable(
      pdf,
      {
        columns: [
          { title: 'Indikator kinerja', width: 270, align: 'left' },
          { title: 'Satuan', width: 60, align: 'center' },
          { title: 'Target', width: 84, align: 'right' },
          { title: 'Realisasi', width: 85, align: 'right' },
        ],
        rows: input.rows.map((r) => [r.name, r.unitOfMeasure, targetText(r.target), exact(r.actual)]),
      },
      y,
    ) + 14;
  placeText(pdf, body.closing, M, y, { width, size: 9.5 });
  y += textHeight(pdf, body.closing, { width, size: 9.5 }) + 22;

  const col = 220;
  placeText(pdf, `${input.place}, ${longDate(input.date)}`, M + width - col, y, {
    width: col,
    size: 9,
    align: 'center',
  });
  y += 14;
  // On an agency's own form the document is compiled by its data staff, not by the field officer.
  signatureBlock(pdf, M, y, col, input.unitName ? body.left : 'Yang membuat,', input.preparedBy);
  signatureBlock(pdf, M + width - col, y, col, body.right, input.knownBy);

  placeText(
    pdf,
    'Contoh bukti dukung dari data demo SIDAKIN: nama, NIP dan angka fiktif; bukan dokumen resmi.',
    M,
    pdf.page.height - M + 10,
    { width, size: 7, align: 'center', color: '#6b7280' },
  );
  return pdfBytes(pdf);
}
