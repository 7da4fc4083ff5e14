import {
  type CollectionRow,
  formatNip,
  formatPersonName,
  type IndonesianTimeZone,
  timeZoneLabels,
} from '@sidakin/core';
import type { Queryable } from '../../db/database.js';
import type { RequestContext } from '../../http/context.js';
import { buildWorkbook, type ExportSheet } from '../../xlsx/write.js';
import type * as repo from './collection.repo.js';
import { answeringUnits, formOf } from './collection.service.js';
import { renderCollectionReport } from './collection-pdf.js';

/** One line of the recap: a value of a unit (or of the agency itself). */
export interface RecapLine {
  unitName: string;
  status: string;
  row: CollectionRow;
}

const targetText = (t: CollectionRow['target']) => (!t ? '' : t.value !== null ? t.value : `${t.low}–${t.high}`);

const statusNames: Record<string, string> = {
  draft: 'Draf',
  completed: 'Selesai diisi',
  approved: 'Disetujui',
  returned: 'Dikembalikan',
};

/** The values of the period: the agency's own form first, then every answering unit (or `unitIds`). */
export async function recapLines(
  db: Queryable,
  period: repo.PeriodRow,
  ctx: RequestContext,
  unitIds?: string[],
): Promise<RecapLine[]> {
  const units = unitIds ?? [...(await answeringUnits(db, period))];
  const forms: (string | null)[] = unitIds ? units : [null, ...units];
  const out: RecapLine[] = [];
  for (const u of forms) {
    const form = await formOf(db, period, u, ctx.locale);
    for (const row of [...form.rows, ...form.individualRows]) {
      out.push({ unitName: form.submission.unitName, status: statusNames[form.submission.status] ?? '', row });
    }
  }
  return out;
}

/** The recap table (rekapitulasi data kinerja) of a period as an Excel workbook. */
export async function recapWorkbook(period: repo.PeriodRow, lines: RecapLine[]): Promise<Buffer> {
  const sheet: ExportSheet<RecapLine> = {
    name: 'Rekapitulasi',
    title: [`Rekapitulasi Data Kinerja — ${period.agency_name}`, `Periode: ${period.label}`],
    columns: [
      { header: 'Unit', width: 32, value: (l) => l.unitName },
      { header: 'Kode', width: 12, value: (l) => l.row.code },
      { header: 'Indikator', width: 50, value: (l) => l.row.name },
      { header: 'Satuan', width: 10, value: (l) => l.row.unitOfMeasure },
      { header: `Target (${l_(period)})`, width: 14, value: (l) => targetText(l.row.target) },
      { header: 'Realisasi', width: 14, type: 'number', decimals: 2, value: (l) => l.row.actual },
      { header: 'Capaian (%)', width: 12, type: 'number', decimals: 2, value: (l) => l.row.achievement },
      { header: 'Realisasi Anggaran (Rp)', width: 20, type: 'number', decimals: 2, value: (l) => l.row.budgetSpent },
      { header: 'Faktor Pendukung', width: 30, value: (l) => l.row.supportingFactors },
      { header: 'Faktor Penghambat', width: 30, value: (l) => l.row.inhibitingFactors },
      { header: 'Tindak Lanjut', width: 30, value: (l) => l.row.followUp },
      { header: 'Versi', width: 8, type: 'number', value: (l) => l.row.version },
      { header: 'Status Formulir', width: 16, value: (l) => l.status },
      {
        header: 'Catatan Pemeriksaan',
        width: 50,
        value: (l) => [...l.row.errors, ...l.row.warnings].map((i) => i.message).join('; '),
      },
    ],
    rows: lines,
  };
  return buildWorkbook([sheet as ExportSheet<unknown>], {
    creator: 'SIDAKIN',
    title: `Rekapitulasi Data Kinerja ${period.label}`,
  });
}

const l_ = (p: repo.PeriodRow) => (p.period.startsWith('q') ? `TW ${p.period.slice(1)}` : p.label);

// ── the report: PDF and Excel ────────────────────────────────────────────────────────────────
const dateFmt = (tz: string) =>
  new Intl.DateTimeFormat('id-ID', { timeZone: tz, day: 'numeric', month: 'long', year: 'numeric' });

/** "Laporan Hasil Pengumpulan Data Kinerja" of a period: every form, in the agency's letterhead. */
export async function collectionReport(
  db: Queryable,
  period: repo.PeriodRow,
  ctx: RequestContext,
  format: 'pdf' | 'xlsx',
): Promise<{ bytes: Buffer; fileName: string; mediaType: string }> {
  const lines = await recapLines(db, period, ctx);
  const base = `Laporan Hasil Pengumpulan Data Kinerja ${period.agency_name} ${period.label}`;
  if (format === 'xlsx') {
    return {
      bytes: await recapWorkbook(period, lines),
      fileName: `${base}.xlsx`,
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
  }
  const [g] = await db.query<{
    name: string;
    region: string;
    address: string;
    phone: string;
    email: string;
    website: string;
    letterhead_lines: string[];
    time_zone: IndonesianTimeZone;
    logo: Uint8Array | null;
    logo_mime: string | null;
  }>(
    'SELECT name, region, address, phone, email, website, letterhead_lines, time_zone, logo, logo_mime FROM governments WHERE id = $1',
    [period.government_id],
  );
  const [agency] = await db.query<{ address: string }>('SELECT address FROM agencies WHERE id = $1', [
    period.agency_id,
  ]);
  const [head] = await db.query<{
    position_name: string;
    name: string;
    front_title: string;
    back_title: string;
    nip: string;
    kind: string;
  }>(
    `SELECT p.name AS position_name, e.name, e.front_title, e.back_title, e.nip, pa.kind
       FROM positions p JOIN position_assignments pa ON pa.position_id = p.id
       JOIN employees e ON e.id = pa.employee_id JOIN governments g ON g.id = p.government_id
      WHERE p.agency_id = $1 AND p.kind = 'head' AND p.unit_id IS NULL AND p.active
        AND pa.starts_on <= (now() AT TIME ZONE g.time_zone)::date
        AND (pa.ends_on IS NULL OR pa.ends_on >= (now() AT TIME ZONE g.time_zone)::date)
      ORDER BY (pa.kind = 'definitive') DESC LIMIT 1`,
    [period.agency_id],
  );
  const contact = [g!.phone && `Telepon ${g!.phone}`, g!.email && `Pos-el ${g!.email}`, g!.website]
    .filter(Boolean)
    .join(' · ');
  const now = new Date();
  const bytes = await renderCollectionReport({
    letterhead: {
      lines: g!.letterhead_lines,
      address: agency?.address || g!.address,
      contact,
      logo: g!.logo && g!.logo_mime ? { bytes: Buffer.from(g!.logo), mimeType: g!.logo_mime } : null,
    },
    agencyName: period.agency_name,
    periodLabel: period.label,
    status: period.status === 'locked' ? 'dikunci' : 'terbuka',
    lines,
    signer: head
      ? {
          place: (g!.region || g!.name).replace(/^(Kabupaten|Kota|Provinsi)\s+/i, ''),
          date: dateFmt(g!.time_zone).format(now),
          position: head.position_name,
          name: formatPersonName({ name: head.name, frontTitle: head.front_title, backTitle: head.back_title }),
          nip: formatNip(head.nip),
          acting: head.kind === 'definitive' ? '' : head.kind === 'plt' ? 'Plt.' : 'Plh.',
        }
      : null,
    printedAt: `${new Intl.DateTimeFormat('id-ID', {
      timeZone: g!.time_zone,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }).format(now)} ${timeZoneLabels[g!.time_zone]}`,
  });
  return { bytes, fileName: `${base}.pdf`, mediaType: 'application/pdf' };
}
