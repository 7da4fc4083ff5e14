import type { CollectionRow } from '@sidakin/core';
import type { Queryable } from '../../db/database.js';
import type { RequestContext } from '../../http/context.js';
import { buildWorkbook, type ExportSheet } from '../../xlsx/write.js';
import { documentFrame } from '../org/document-frame.repo.js';
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
  const frame = await documentFrame(db, period.government_id, period.agency_id);
  const bytes = await renderCollectionReport({
    letterhead: frame.letterhead,
    agencyName: period.agency_name,
    periodLabel: period.label,
    status: period.status === 'locked' ? 'dikunci' : 'terbuka',
    lines,
    signer: frame.signer,
    printedAt: frame.printedAt,
  });
  return { bytes, fileName: `${base}.pdf`, mediaType: 'application/pdf' };
}
