import { formatIndonesianNumber, type MeasureTarget } from '@sidakin/core';
import { buildWorkbook, type ExportColumn, type ExportSheet } from '../../xlsx/write.js';
import type { DocAgreement, DocIndicator, DocNode, MeasurementDocument } from './measurement.documents.js';

/**
 * The measurement documents as Excel: the same tables as the PDF, one row per line, figures as
 * numbers (a range target, which a number cell cannot hold, is written out in Keterangan).
 */

const quarterNames = ['TW I', 'TW II', 'TW III', 'TW IV'];

const single = (t: MeasureTarget | null) => t?.value ?? null;
const rangeText = (t: MeasureTarget | null) => (t && t.value === null && t.low !== null ? `${t.low}–${t.high}` : '');

function rangeNotes(ind: DocIndicator): string {
  const notes = ind.quarterTargets.map((t, q) => (rangeText(t) ? `Target ${quarterNames[q]}: ${rangeText(t)}` : ''));
  if (rangeText(ind.annualTarget)) notes.push(`Target tahun: ${rangeText(ind.annualTarget)}`);
  return [...notes, ind.note].filter(Boolean).join('; ');
}

function titleLines(doc: MeasurementDocument): string[] {
  return [
    `${doc.title} — ${doc.agencyName} Tahun ${doc.year}`,
    doc.runLine,
    `SHA-256 data masukan: ${doc.run.inputsSha256}`,
    `Skala kategori: ${doc.methodText.scale} (${doc.methodText.source})`,
  ];
}

const num = <R>(header: string, width: number, value: (row: R) => string | null): ExportColumn<R> => ({
  header,
  width,
  type: 'number',
  decimals: 2,
  value,
});

// ── Kertas Kerja ──
interface WorkLine {
  owner: string;
  level: string;
  code: string;
  name: string;
  ind?: DocIndicator;
  node?: DocNode;
  agreement?: DocAgreement;
}

function workLines(a: DocAgreement): WorkLine[] {
  const out: WorkLine[] = [];
  const walk = (n: DocNode) => {
    out.push({ owner: a.owner, level: n.kindLabel, code: n.code, name: n.name, node: n });
    for (const ind of n.indicators) {
      out.push({ owner: a.owner, level: 'Indikator', code: ind.code, name: ind.name, ind });
    }
    for (const c of n.children) walk(c);
  };
  for (const r of a.roots) walk(r);
  out.push({ owner: a.owner, level: 'Capaian', code: '', name: `Capaian kinerja ${a.owner}`, agreement: a });
  return out;
}

function kertasKerja(doc: MeasurementDocument): ExportSheet<WorkLine> {
  const quarterCols = quarterNames.flatMap((q, i): ExportColumn<WorkLine>[] => [
    num(`Target ${q}`, 11, (l: WorkLine) => (l.ind ? single(l.ind.quarterTargets[i] ?? null) : null)),
    num(`Realisasi ${q}`, 11, (l: WorkLine) => l.ind?.quarters[i]?.actual ?? null),
    num(`Capaian ${q} (%)`, 11, (l: WorkLine) => l.ind?.quarters[i]?.achievement ?? null),
  ]);
  return {
    name: 'Kertas Kerja',
    title: titleLines(doc),
    columns: [
      { header: 'Perjanjian Kinerja', width: 28, value: (l) => l.owner },
      { header: 'Tingkat', width: 11, value: (l) => l.level },
      { header: 'Kode', width: 11, value: (l) => l.code },
      { header: 'Uraian', width: 48, value: (l) => l.name },
      { header: 'Satuan', width: 10, value: (l) => l.ind?.unitOfMeasure ?? '' },
      { header: 'IKU', width: 6, value: (l) => (l.ind?.isKey ? 'Ya' : '') },
      { header: 'Arah', width: 16, value: (l) => l.ind?.directionLabel ?? '' },
      { header: 'Rumus capaian', width: 30, value: (l) => l.ind?.formula ?? '' },
      { header: 'Realisasi tahunan', width: 13, value: (l) => l.ind?.ruleLabel ?? '' },
      ...quarterCols,
      num('Target Tahun', 12, (l: WorkLine) => (l.ind ? single(l.ind.annualTarget) : null)),
      num('Realisasi Tahun', 12, (l: WorkLine) => l.ind?.annual.actual ?? null),
      num(
        'Capaian Tahun (%)',
        12,
        (l: WorkLine) => l.ind?.annual.achievement ?? l.node?.value ?? l.agreement?.value ?? null,
      ),
      {
        header: 'Kategori',
        width: 14,
        value: (l) => l.ind?.categoryLabel ?? l.node?.categoryLabel ?? l.agreement?.categoryLabel ?? '',
      },
      num('Penyerapan anggaran (%)', 13, (l: WorkLine) => l.ind?.annual.absorption ?? null),
      num('Efisiensi', 11, (l: WorkLine) => l.ind?.annual.efficiency ?? null),
      { header: 'Keterangan', width: 36, value: (l) => (l.ind ? rangeNotes(l.ind) : '') },
    ],
    rows: doc.agreements.flatMap(workLines),
  };
}

// ── Rekapitulasi ──
interface RecapLine {
  level: string;
  code: string;
  name: string;
  ind?: DocIndicator;
  node?: DocNode;
  agreement?: DocAgreement;
}

function recapLines(a: DocAgreement): RecapLine[] {
  const out: RecapLine[] = [];
  for (const g of a.groups) {
    out.push({ level: g.node.kindLabel, code: g.node.code, name: g.node.name, node: g.node });
    for (const ind of g.indicators) out.push({ level: 'Indikator', code: ind.code, name: ind.name, ind });
  }
  out.push({ level: 'Capaian', code: '', name: `Capaian kinerja ${a.owner}`, agreement: a });
  return out;
}

function rekapitulasi(doc: MeasurementDocument): ExportSheet<unknown>[] {
  const recap: ExportSheet<RecapLine> = {
    name: 'Rekapitulasi',
    title: titleLines(doc),
    columns: [
      { header: 'Tingkat', width: 11, value: (l) => l.level },
      { header: 'Kode', width: 11, value: (l) => l.code },
      { header: 'Sasaran / Indikator Kinerja', width: 56, value: (l) => l.name },
      { header: 'Satuan', width: 10, value: (l) => l.ind?.unitOfMeasure ?? '' },
      num('Target', 12, (l: RecapLine) => (l.ind ? single(l.ind.annualTarget) : null)),
      num('Realisasi', 12, (l: RecapLine) => l.ind?.annual.actual ?? null),
      num(
        'Capaian (%)',
        12,
        (l: RecapLine) => l.ind?.annual.achievement ?? l.node?.value ?? l.agreement?.value ?? null,
      ),
      {
        header: 'Kategori',
        width: 14,
        value: (l) => l.ind?.categoryLabel ?? l.node?.categoryLabel ?? l.agreement?.categoryLabel ?? '',
      },
      { header: 'Keterangan', width: 36, value: (l) => (l.ind ? rangeNotes(l.ind) : '') },
    ],
    rows: recapLines(doc.own),
  };
  return [recap as ExportSheet<unknown>, categories(doc) as ExportSheet<unknown>, ...unitSheet(doc)];
}

type BandLine = { label: string; range: string; indicators: number; objectives: number };

function categories(doc: MeasurementDocument): ExportSheet<BandLine> {
  return {
    name: 'Kategori',
    title: [`Jumlah indikator dan sasaran per kategori — Perjanjian Kinerja ${doc.agencyName} Tahun ${doc.year}`],
    columns: [
      { header: 'Kategori', width: 18, value: (b) => b.label },
      { header: 'Rentang capaian (%)', width: 20, value: (b) => b.range },
      { header: 'Jumlah indikator', width: 16, type: 'number', value: (b) => b.indicators },
      { header: 'Jumlah sasaran', width: 16, type: 'number', value: (b) => b.objectives },
    ],
    rows: [
      ...doc.bands,
      {
        label: 'Tidak terukur',
        range: '',
        indicators: doc.unmeasured.indicators,
        objectives: doc.unmeasured.objectives,
      },
    ],
  };
}

function unitSheet(doc: MeasurementDocument): ExportSheet<unknown>[] {
  const units = doc.agreements.filter((a) => a !== doc.own);
  if (units.length === 0) return [];
  const sheet: ExportSheet<DocAgreement> = {
    name: 'Unit Kerja',
    title: [`Capaian Perjanjian Kinerja unit kerja — ${doc.agencyName} Tahun ${doc.year}`],
    columns: [
      { header: 'Unit kerja', width: 44, value: (a) => a.owner },
      { header: 'Jumlah indikator', width: 16, type: 'number', value: (a) => a.indicators.length },
      {
        header: 'Indikator terukur',
        width: 16,
        type: 'number',
        value: (a) => a.indicators.filter((i) => i.annual.achievement !== null).length,
      },
      num('Capaian (%)', 12, (a: DocAgreement) => a.value),
      { header: 'Kategori', width: 14, value: (a) => a.categoryLabel ?? '' },
    ],
    rows: units,
  };
  return [sheet as ExportSheet<unknown>];
}

// ── Laporan ──
function laporan(doc: MeasurementDocument): ExportSheet<unknown>[] {
  const m = doc.methodText;
  const summary: ExportSheet<[string, string]> = {
    name: 'Ringkasan',
    title: titleLines(doc).slice(0, 1),
    columns: [
      { header: 'Uraian', width: 34, value: (r) => r[0] },
      { header: 'Isi', width: 110, value: (r) => r[1] },
    ],
    rows: [
      ['Perangkat daerah', doc.agencyName],
      ['Tahun', String(doc.year)],
      ['Pengukuran', doc.runLine],
      ['SHA-256 data masukan', doc.run.inputsSha256],
      ['Capaian kinerja (%)', doc.own.value === null ? 'Tidak terukur' : formatIndonesianNumber(doc.own.value, 2)],
      ['Kategori', doc.own.categoryLabel ?? '–'],
      ['Skala kategori', `${m.scale} (${m.source})`],
      ...doc.bands.map((b): [string, string] => [`  ${b.label}`, b.range]),
      ...m.formulas.map((f, i): [string, string] => [i === 0 ? 'Rumus capaian' : '', f]),
      ['Realisasi tahunan', m.rules],
      ['Capaian sasaran dan perangkat daerah', m.rollUp],
      ['Batas capaian', m.cap],
      ['Efisiensi', m.efficiency],
      ['Pembulatan', m.rounding],
      ['Versi aturan pengukuran', m.engine],
    ],
  };
  const objectives: ExportSheet<{ node: DocNode; indicators: DocIndicator[] }> = {
    name: 'Sasaran',
    title: [`Capaian per sasaran — ${doc.agencyName} Tahun ${doc.year}`],
    columns: [
      { header: 'Kode', width: 10, value: (g) => g.node.code },
      { header: 'Sasaran', width: 60, value: (g) => g.node.name },
      { header: 'Jumlah indikator', width: 16, type: 'number', value: (g) => g.indicators.length },
      {
        header: 'Indikator terukur',
        width: 16,
        type: 'number',
        value: (g) => g.indicators.filter((i) => i.annual.achievement !== null).length,
      },
      num('Capaian (%)', 12, (g: { node: DocNode }) => g.node.value),
      { header: 'Kategori', width: 14, value: (g) => g.node.categoryLabel ?? '' },
    ],
    rows: doc.own.groups,
  };
  type Ranked = { group: string; ind: DocIndicator };
  const ranked: ExportSheet<Ranked> = {
    name: 'Indikator Terkuat dan Terlemah',
    title: [`Indikator dengan capaian tertinggi dan terendah — ${doc.agencyName} Tahun ${doc.year}`],
    columns: [
      { header: 'Kelompok', width: 14, value: (r) => r.group },
      { header: 'Indikator Kinerja', width: 56, value: (r) => r.ind.name },
      { header: 'Perjanjian Kinerja', width: 30, value: (r) => r.ind.owner },
      { header: 'Satuan', width: 10, value: (r) => r.ind.unitOfMeasure },
      num('Target', 12, (r: Ranked) => single(r.ind.annualTarget)),
      num('Realisasi', 12, (r: Ranked) => r.ind.annual.actual),
      num('Capaian (%)', 12, (r: Ranked) => r.ind.annual.achievement),
      { header: 'Kategori', width: 14, value: (r) => r.ind.categoryLabel ?? '' },
    ],
    rows: [
      ...doc.strongest.map((ind) => ({ group: 'Tertinggi', ind })),
      ...doc.weakest.map((ind) => ({ group: 'Terendah', ind })),
      ...doc.notMeasured.map((ind) => ({ group: 'Tidak terukur', ind })),
    ],
  };
  return [
    summary as ExportSheet<unknown>,
    objectives as ExportSheet<unknown>,
    ranked as ExportSheet<unknown>,
    ...unitSheet(doc),
  ];
}

/** The document as an Excel workbook. */
export function measurementWorkbook(doc: MeasurementDocument): Promise<Buffer> {
  const sheets =
    doc.kind === 'kertas-kerja'
      ? [kertasKerja(doc) as ExportSheet<unknown>]
      : doc.kind === 'rekapitulasi'
        ? rekapitulasi(doc)
        : laporan(doc);
  return buildWorkbook(sheets, { creator: 'SIDAKIN', title: `${doc.title} ${doc.agencyName} ${doc.year}` });
}
