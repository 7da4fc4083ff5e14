import { formatIndonesianNumber, type LockedChange, timeZoneLabels } from '@sidakin/core';
import type { Database } from '../../db/database.js';
import { authorize } from '../../http/access.js';
import type { RequestContext } from '../../http/context.js';
import { type ReportColumn, renderReport } from '../../pdf/report.js';
import { buildWorkbook, type ExportSheet } from '../../xlsx/write.js';
import { documentFrame } from '../org/document-frame.repo.js';
import * as repo from './collection.repo.js';
import { presentPeriod, requirePeriod } from './collection.service.js';

/**
 * "Laporan Perubahan Data Terkunci": every value of a period changed after the period was locked
 * (only a correction can), with the value before and after, the reason, the case, who and when —
 * as JSON, as a PDF in the agency's letterhead, and as Excel.
 */

const sourceNames: Record<string, string> = {
  correction: 'Perbaikan',
  form: 'Formulir',
  import: 'Impor Excel',
  demo: 'Data demo',
};

function present(r: repo.LockedChangeRow): LockedChange & { decimals: number } {
  return {
    valueId: r.value_id,
    version: r.version_no,
    indicatorCode: r.indicator_code,
    indicatorName: r.indicator_name,
    unitOfMeasure: r.unit_of_measure,
    decimals: r.decimals,
    ownerName: r.owner_name,
    oldActual: r.old_actual,
    newActual: r.new_actual,
    oldBudgetSpent: r.old_budget_spent,
    newBudgetSpent: r.new_budget_spent,
    reason: r.reason,
    source: r.source,
    caseId: r.case_id,
    caseNumber: r.case_number,
    createdByName: r.created_by_name,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

const cols: ReportColumn[] = [
  { title: 'No', width: 22, align: 'center' },
  { title: 'Indikator Kinerja', width: 170, align: 'left' },
  { title: 'Unit / Pemilik', width: 95, align: 'left' },
  { title: 'Semula', width: 58, align: 'right' },
  { title: 'Menjadi', width: 58, align: 'right' },
  { title: 'Alasan Perubahan', width: 150, align: 'left' },
  { title: 'Kasus', width: 50, align: 'center' },
  { title: 'Oleh', width: 80, align: 'left' },
  { title: 'Waktu', width: 74.89, align: 'left' },
];

export async function lockedChangesReport(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  periodId: string;
  format: 'json' | 'pdf' | 'xlsx';
}) {
  authorize(opts.ctx.actor, 'collection.read', opts.governmentId);
  const p = await requirePeriod(opts.db, opts.governmentId, opts.periodId);
  const items = (await repo.lockedChangesOf(opts.db, p.id)).map(present);
  if (opts.format === 'json') {
    return { kind: 'json' as const, body: { period: presentPeriod(p), items: items.map(({ decimals, ...i }) => i) } };
  }
  const base = `Laporan Perubahan Data Terkunci ${p.agency_name} ${p.label}`;
  const frame = await documentFrame(opts.db, p.government_id, p.agency_id);
  const stamp = new Intl.DateTimeFormat('id-ID', {
    timeZone: frame.timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  const when = (s: string) => `${stamp.format(new Date(s))} ${timeZoneLabels[frame.timeZone]}`;
  const num = (s: string | null, d: number) => (s === null ? '–' : formatIndonesianNumber(s, d));
  const lockedAt = p.locked_at ? when(new Date(p.locked_at).toISOString()) : '–';
  if (opts.format === 'xlsx') {
    type I = (typeof items)[number];
    const sheet: ExportSheet<I> = {
      name: 'Perubahan',
      title: [`Laporan Perubahan Data Terkunci — ${p.agency_name}`, `Periode: ${p.label} · dikunci ${lockedAt}`],
      columns: [
        { header: 'Kode', width: 12, value: (i) => i.indicatorCode },
        { header: 'Indikator', width: 50, value: (i) => i.indicatorName },
        { header: 'Satuan', width: 10, value: (i) => i.unitOfMeasure },
        { header: 'Unit / Pemilik', width: 30, value: (i) => i.ownerName },
        { header: 'Versi', width: 8, type: 'number', value: (i) => i.version },
        { header: 'Realisasi Semula', width: 14, type: 'number', decimals: 2, value: (i) => i.oldActual },
        { header: 'Realisasi Menjadi', width: 14, type: 'number', decimals: 2, value: (i) => i.newActual },
        { header: 'Anggaran Semula (Rp)', width: 18, type: 'number', decimals: 2, value: (i) => i.oldBudgetSpent },
        { header: 'Anggaran Menjadi (Rp)', width: 18, type: 'number', decimals: 2, value: (i) => i.newBudgetSpent },
        { header: 'Alasan', width: 50, value: (i) => i.reason },
        { header: 'Sumber', width: 12, value: (i) => sourceNames[i.source] ?? i.source },
        { header: 'Nomor Kasus', width: 12, value: (i) => (i.caseNumber === null ? '' : `#${i.caseNumber}`) },
        { header: 'Oleh', width: 28, value: (i) => i.createdByName },
        { header: 'Waktu', width: 22, value: (i) => when(i.createdAt) },
      ],
      rows: items,
    };
    return {
      kind: 'file' as const,
      bytes: await buildWorkbook([sheet as ExportSheet<unknown>], { creator: 'SIDAKIN', title: base }),
      fileName: `${base}.xlsx`,
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
  }
  const bytes = await renderReport({
    layout: 'landscape',
    letterhead: frame.letterhead,
    agencyName: p.agency_name,
    title: 'Laporan Perubahan Data Terkunci',
    subtitle: `Periode ${p.label} · dikunci ${lockedAt} · ${items.length} perubahan`,
    sections: [
      {
        paragraph:
          items.length === 0
            ? 'Tidak ada data periode ini yang berubah sejak dikunci.'
            : 'Setiap nilai yang berubah setelah periode dikunci. Data sebelum reviu (nilai saat dikunci) tetap tersimpan dan dapat dilihat kembali; setiap perubahan hanya melalui kasus perbaikan data kinerja.',
        columns: cols,
        rows: items.map((i, n) => [
          String(n + 1),
          [i.indicatorCode, i.indicatorName].filter(Boolean).join(' ') +
            (i.unitOfMeasure ? ` (${i.unitOfMeasure})` : ''),
          i.ownerName,
          num(i.oldActual, i.decimals),
          num(i.newActual, i.decimals),
          i.reason || '–',
          i.caseNumber === null ? (sourceNames[i.source] ?? i.source) : `#${i.caseNumber}`,
          i.createdByName,
          when(i.createdAt),
        ]),
      },
    ],
    signer: frame.signer,
    printedAt: frame.printedAt,
  });
  return { kind: 'file' as const, bytes, fileName: `${base}.pdf`, mediaType: 'application/pdf' };
}
