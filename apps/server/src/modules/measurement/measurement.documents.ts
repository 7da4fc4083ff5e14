import {
  type CategoryBand,
  formatIndonesianNumber,
  type MeasuredBudget,
  type MeasurementMethod,
  type MeasurementRun,
  type MeasurementRunSummary,
  type MeasureTarget,
  timeZoneLabels,
  toMicros,
} from '@sidakin/core';
import type { Queryable } from '../../db/database.js';
import { notFound } from '../../errors.js';
import type { RequestContext } from '../../http/context.js';
import type { Letterhead } from '../../pdf/pdf.js';
import type { ReportSigner } from '../../pdf/report.js';
import { documentFrame } from '../org/document-frame.repo.js';
import { loadLkjipDocument } from './lkjip.documents.js';
import { lkjipWorkbook, renderLkjipPdf } from './lkjip-render.js';
import * as repo from './measurement.documents.repo.js';
import type { AgreementInputs } from './measurement.service.js';
import { renderMeasurementPdf } from './measurement-pdf.js';
import { measurementWorkbook } from './measurement-xlsx.js';
import { getRun } from './runs.service.js';

/**
 * The measurement documents of a run — Kertas Kerja, Rekapitulasi and Laporan Hasil Pengukuran
 * Kinerja — built from the run (method, results, and the inputs it measured) and the plan tables
 * (a run keeps only ids). Everything a document prints is decided here, in words; the PDF and
 * Excel writers only lay it out.
 */
const xlsxMediaType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const documentKinds = ['kertas-kerja', 'rekapitulasi', 'laporan', 'lkjip'] as const;
export type DocumentKind = (typeof documentKinds)[number];

export const documentTitles: Record<DocumentKind, string> = {
  'kertas-kerja': 'Kertas Kerja Pengukuran Kinerja',
  rekapitulasi: 'Rekapitulasi Hasil Pengukuran Kinerja',
  laporan: 'Laporan Hasil Pengukuran Kinerja',
  lkjip: 'Tabel Akuntabilitas Kinerja — Bab III LKjIP',
};

type Direction = AgreementInputs['indicators'][number]['direction'];
type Aggregation = AgreementInputs['indicators'][number]['aggregation'];
type NodeKind = repo.NodeInfoRow['kind'];
type IndicatorResult = MeasurementRun['results'][number]['result']['indicators'][number];

export interface DocIndicator {
  id: string;
  /** Number within its agreement, in the order of the plan tree. */
  no: number;
  code: string;
  name: string;
  unitOfMeasure: string;
  isKey: boolean;
  /** Decimals the indicator's figures are kept in. */
  decimals: number;
  /** Whose agreement: the agency's or a unit's name. */
  owner: string;
  directionLabel: string;
  /** The achievement formula in words ("Realisasi ÷ Target × 100"). */
  formula: string;
  /** How the quarters make the year (jumlah, nilai akhir, rata-rata, maksimum). */
  ruleLabel: string;
  quarterTargets: (MeasureTarget | null)[];
  annualTarget: MeasureTarget | null;
  quarters: IndicatorResult['quarters'];
  annual: IndicatorResult['annual'];
  categoryLabel: string | null;
  /** Why an achievement is missing, or what to know about it; '' when nothing. */
  note: string;
}

export interface DocNode {
  id: string;
  kind: NodeKind;
  kindLabel: string;
  code: string;
  name: string;
  value: string | null;
  measured: number;
  unmeasured: number;
  category: string | null;
  categoryLabel: string | null;
  /** Pagu, spending, absorption and efficiency, when the run has them for this node. */
  budget: MeasuredBudget | null;
  indicators: DocIndicator[];
  children: DocNode[];
}

export interface DocAgreement {
  agreementId: string;
  unitId: string | null;
  owner: string;
  roots: DocNode[];
  /** Every indicator, in the order of the tree. */
  indicators: DocIndicator[];
  /** Indicators grouped by their sasaran (or, above every sasaran, by their tujuan). */
  groups: { node: DocNode; indicators: DocIndicator[] }[];
  value: string | null;
  measured: number;
  unmeasured: number;
  category: string | null;
  categoryLabel: string | null;
  budget: MeasuredBudget | null;
}

export interface DocBand {
  key: string;
  label: string;
  /** "≥ 91", "≥ 76 dan < 91", "≤ 50". */
  range: string;
  /** Of the agency's own agreement. */
  indicators: number;
  objectives: number;
}

export interface MeasurementDocument {
  kind: DocumentKind;
  title: string;
  run: MeasurementRunSummary;
  method: MeasurementMethod;
  agencyName: string;
  year: number;
  /** "Pengukuran ke-2, 5 Mei 2026 pukul 10.12 WITA, atas permintaan (Admin …)". */
  runLine: string;
  /** Under the title: the agency and year, the run, the SHA-256 of its inputs. */
  subtitle: string;
  methodText: {
    scale: string;
    source: string;
    formulas: string[];
    rules: string;
    rollUp: string;
    cap: string;
    efficiency: string;
    rounding: string;
    engine: string;
  };
  bands: DocBand[];
  /** Indicators and objectives of the agency's own agreement without an achievement. */
  unmeasured: { indicators: number; objectives: number };
  agreements: DocAgreement[];
  own: DocAgreement;
  strongest: DocIndicator[];
  weakest: DocIndicator[];
  notMeasured: DocIndicator[];
  letterhead: Letterhead;
  printedAt: string;
  /** Who signs the laporan: the head holding the position today (else the secretary; else a blank line). */
  signer: ReportSigner;
}

const kindLabels: Record<NodeKind, string> = {
  goal: 'Tujuan',
  objective: 'Sasaran',
  program: 'Program',
  activity: 'Kegiatan',
  sub_activity: 'Subkegiatan',
};

const ruleLabels: Record<Aggregation, string> = {
  sum: 'Jumlah',
  last: 'Nilai akhir',
  average: 'Rata-rata',
  max: 'Maksimum',
};

const directionLabels: Record<Direction, string> = {
  higher_better: 'Semakin tinggi semakin baik',
  lower_better: 'Semakin rendah semakin baik',
  range: 'Rentang',
};

const reasonTexts: Record<string, string> = {
  no_actual: 'Realisasi belum ada',
  no_target: 'Target belum ada',
  zero_target: 'Target 0: capaian tidak dihitung',
  zero_actual: 'Realisasi 0: capaian tidak dihitung',
};

const triggerTexts: Record<MeasurementRunSummary['trigger'], string> = {
  request: 'atas permintaan',
  data_changed: 'karena data berubah',
  case_step: 'dalam langkah SOP pengukuran',
};

/** The achievement formula in words, for an indicator's direction and the shape of its target. */
export function formulaText(
  direction: Direction,
  lowerBetter: 'inverse_difference' | 'ratio',
  target: MeasureTarget | null,
): string {
  const range = target?.value == null && target?.low != null;
  const lower = (bound: string) =>
    lowerBetter === 'ratio' ? `${bound} ÷ Realisasi × 100` : `(2 − Realisasi ÷ ${bound}) × 100`;
  switch (direction) {
    case 'higher_better':
      return range ? 'Dalam rentang = 100; di luar: Realisasi ÷ Batas terdekat × 100' : 'Realisasi ÷ Target × 100';
    case 'lower_better':
      return range ? `Dalam rentang = 100; di luar: ${lower('Batas terdekat')}` : lower('Target');
    case 'range':
      return range
        ? `Dalam rentang = 100; di bawah: Realisasi ÷ Batas bawah × 100; di atas: ${lower('Batas atas')}`
        : `Sama dengan target = 100; di bawah: Realisasi ÷ Target × 100; di atas: ${lower('Target')}`;
  }
}

const plain = (s: string) => formatIndonesianNumber(s, s.split('.')[1]?.length ?? 0);

/** Each band's range in words: "≥ 91", "≥ 76 dan < 91", "> 50 dan < 66", "≤ 50". */
export function bandRanges(bands: readonly CategoryBand[]): string[] {
  return bands.map((b, i) => {
    const above = i > 0 ? bands[i - 1] : undefined;
    const upper = above?.from != null ? `${above.exclusive ? '≤' : '<'} ${plain(above.from)}` : '';
    if (b.from === null) return upper || 'semua';
    const lower = `${b.exclusive ? '>' : '≥'} ${plain(b.from)}`;
    return upper ? `${lower} dan ${upper}` : lower;
  });
}

function noteOf(r: IndicatorResult, cap: string | null): string {
  const notes: string[] = [];
  if (r.annual.achievement === null && r.annual.reason) notes.push(reasonTexts[r.annual.reason] ?? r.annual.reason);
  if (r.annual.actual !== null && !r.annual.complete) notes.push('Realisasi triwulan belum lengkap');
  if (r.annual.capped && cap) notes.push(`Capaian dibatasi ${plain(cap)}%`);
  return notes.join('; ');
}

const byMicros = (a: string, b: string) => {
  const d = toMicros(a) - toMicros(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};

/** One agreement of the run as its documents show it: the plan tree with its figures, in plan order. */
function agreementOf(
  input: AgreementInputs,
  measured: MeasurementRun['results'][number],
  owner: string,
  lookup: {
    nodeInfo: Map<string, repo.NodeInfoRow>;
    indicatorInfo: Map<string, repo.IndicatorInfoRow>;
    labelOf: (key: string | null) => string | null;
    cap: string | null;
  },
): DocAgreement {
  const { nodeInfo, indicatorInfo, labelOf } = lookup;
  const nodeResults = new Map(measured.result.nodes.map((n) => [n.id, n]));
  const docNodes = new Map<string, DocNode>();
  for (const n of input.nodes) {
    const info = nodeInfo.get(n.id);
    const res = nodeResults.get(n.id);
    const kind = (info?.kind ?? n.kind) as NodeKind;
    docNodes.set(n.id, {
      id: n.id,
      kind,
      kindLabel: kindLabels[kind] ?? kind,
      code: info?.code ?? '',
      name: info?.name ?? '(simpul rencana tidak ditemukan)',
      value: res?.value ?? null,
      measured: res?.measured ?? 0,
      unmeasured: res?.unmeasured ?? 0,
      category: res?.category ?? null,
      categoryLabel: labelOf(res?.category ?? null),
      budget: res?.budget ?? null,
      indicators: [],
      children: [],
    });
  }
  const loose: DocIndicator[] = [];
  input.indicators.forEach((ind, i) => {
    const r = measured.result.indicators[i];
    if (!r || r.id !== ind.id) return;
    const info = indicatorInfo.get(ind.id);
    const doc: DocIndicator = {
      id: ind.id,
      no: 0,
      code: info?.code ?? '',
      name: info?.name ?? '(indikator tidak ditemukan)',
      unitOfMeasure: info?.unit_of_measure ?? '',
      isKey: info?.is_key ?? false,
      decimals: info?.decimals ?? 2,
      owner,
      directionLabel: directionLabels[ind.direction],
      formula: formulaText(ind.direction, ind.lowerBetterFormula, ind.annualTarget),
      ruleLabel: ruleLabels[ind.aggregation],
      quarterTargets: [...ind.quarterTargets],
      annualTarget: ind.annualTarget,
      quarters: r.quarters,
      annual: r.annual,
      categoryLabel: labelOf(r.annual.category),
      note: noteOf(r, lookup.cap),
    };
    const node = ind.nodeId ? docNodes.get(ind.nodeId) : undefined;
    if (node) node.indicators.push(doc);
    else loose.push(doc);
  });
  const order = (a: DocNode, b: DocNode) =>
    (nodeInfo.get(a.id)?.sort_order ?? 0) - (nodeInfo.get(b.id)?.sort_order ?? 0) ||
    a.code.localeCompare(b.code, 'id', { numeric: true });
  const roots: DocNode[] = [];
  for (const n of input.nodes) {
    const doc = docNodes.get(n.id)!;
    const parent = n.parentId ? docNodes.get(n.parentId) : undefined;
    (parent ? parent.children : roots).push(doc);
  }
  const sortTree = (list: DocNode[]) => {
    list.sort(order);
    for (const n of list) sortTree(n.children);
  };
  sortTree(roots);
  if (loose.length > 0) {
    roots.push({
      id: '',
      kind: 'objective',
      kindLabel: '',
      code: '',
      name: 'Indikator tanpa simpul rencana',
      value: null,
      measured: 0,
      unmeasured: loose.length,
      category: null,
      categoryLabel: null,
      budget: null,
      indicators: loose,
      children: [],
    });
  }
  // Tree order numbers the indicators; each goes with its sasaran, or its tujuan above any sasaran.
  const indicators: DocIndicator[] = [];
  const groups: DocAgreement['groups'] = [];
  const walk = (n: DocNode, group: DocNode) => {
    const g = n.kind === 'objective' ? n : group;
    for (const ind of n.indicators) {
      ind.no = indicators.length + 1;
      indicators.push(ind);
      const last = groups.find((x) => x.node === g);
      if (last) last.indicators.push(ind);
      else groups.push({ node: g, indicators: [ind] });
    }
    for (const c of n.children) walk(c, g);
  };
  for (const root of roots) walk(root, root);
  const agency = measured.result.agency;
  return {
    agreementId: input.agreementId,
    unitId: input.unitId,
    owner,
    roots,
    indicators,
    groups,
    value: agency.value,
    measured: agency.measured,
    unmeasured: agency.unmeasured,
    category: agency.category,
    categoryLabel: labelOf(agency.category),
    budget: agency.budget ?? null,
  };
}

/** Reads a run and what it names, and decides what its documents say. */
export async function loadMeasurementDocument(opts: {
  db: Queryable;
  ctx: RequestContext;
  governmentId: string;
  runId: string;
  kind: DocumentKind;
  now?: Date;
}): Promise<MeasurementDocument> {
  const run = await getRun(opts);
  const { db, governmentId } = opts;
  const inputs = (await repo.runInputs(db, governmentId, run.id)) as AgreementInputs[] | undefined;
  if (!inputs) throw notFound();
  const now = opts.now ?? new Date();
  const frame = await documentFrame(db, governmentId, run.agencyId, 'head', now);
  const signer = frame.signer ??
    (await documentFrame(db, governmentId, run.agencyId, 'secretary', now)).signer ?? {
      place: await repo.place(db, governmentId),
      date: new Intl.DateTimeFormat('id-ID', { timeZone: frame.timeZone, dateStyle: 'long' }).format(now),
      position: `Kepala ${run.agencyName}`,
      // No one holds the position today: a blank line to sign on, the width of a name.
      name: '\u00a0'.repeat(48),
      nip: '',
      acting: '',
    };
  const nodeIds = [...new Set(inputs.flatMap((a) => a.nodes.map((n) => n.id)))];
  const indicatorIds = [...new Set(inputs.flatMap((a) => a.indicators.map((i) => i.id)))];
  const unitIds = inputs.flatMap((a) => (a.unitId ? [a.unitId] : []));
  const nodeRows = await repo.nodes(db, governmentId, nodeIds);
  const indicatorRows = await repo.indicators(db, governmentId, indicatorIds);
  const unitRows = await repo.unitNames(db, governmentId, unitIds);
  const nodeInfo = new Map(nodeRows.map((n) => [n.id, n]));
  const indicatorInfo = new Map(indicatorRows.map((i) => [i.id, i]));
  const unitInfo = new Map(unitRows.map((u) => [u.id, u]));
  const method = run.method;
  const bands = method.scale.bands;
  const labelOf = (key: string | null) => (key === null ? null : (bands.find((b) => b.key === key)?.label.id ?? key));

  const agreements: DocAgreement[] = [];
  for (const input of inputs) {
    const measured = run.results.find((r) => r.agreementId === input.agreementId);
    if (!measured) continue;
    const owner = input.unitId ? (unitInfo.get(input.unitId)?.name ?? 'Unit kerja') : run.agencyName;
    agreements.push(agreementOf(input, measured, owner, { nodeInfo, indicatorInfo, labelOf, cap: method.cap }));
  }
  const own = agreements.find((a) => a.unitId === null) ?? agreements[0];
  if (!own) throw notFound();
  const units = agreements
    .filter((a) => a !== own)
    .sort(
      (a, b) =>
        (unitInfo.get(a.unitId ?? '')?.sort_order ?? 0) - (unitInfo.get(b.unitId ?? '')?.sort_order ?? 0) ||
        a.owner.localeCompare(b.owner, 'id'),
    );

  const objectives = own.groups.map((g) => g.node);
  const ranges = bandRanges(bands);
  const docBands: DocBand[] = bands.map((b, i) => ({
    key: b.key,
    label: b.label.id,
    range: ranges[i]!,
    indicators: own.indicators.filter((x) => x.annual.category === b.key).length,
    objectives: objectives.filter((o) => o.category === b.key).length,
  }));

  const all = [own, ...units].flatMap((a) => a.indicators);
  const ranked = all
    .filter((x) => x.annual.achievement !== null)
    .sort((a, b) => byMicros(b.annual.achievement!, a.annual.achievement!));
  const k = ranked.length === 1 ? 1 : Math.min(3, Math.floor(ranked.length / 2));
  const strongest = ranked.slice(0, k);
  const weakest = ranked.length > 1 ? ranked.slice(-k).reverse() : [];

  const stamp = (d: Date) =>
    `${new Intl.DateTimeFormat('id-ID', {
      timeZone: frame.timeZone,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }).format(d)} ${timeZoneLabels[frame.timeZone]}`;
  const runLine = `Pengukuran ke-${run.runNo}, ${stamp(new Date(run.createdAt))}, ${triggerTexts[run.trigger]} (${
    run.createdByName
  })${run.current ? '' : `; telah digantikan pengukuran yang lebih baru pada ${stamp(new Date(run.supersededAt!))}`}`;
  const weighted = inputs.some((a) => a.indicators.some((i) => i.weight != null));
  return {
    kind: opts.kind,
    title: documentTitles[opts.kind],
    run,
    method,
    agencyName: run.agencyName,
    year: run.year,
    runLine,
    subtitle: `${run.agencyName} · Tahun ${run.year}\n${runLine}\nSHA-256 data masukan: ${run.inputsSha256}`,
    methodText: {
      scale: method.scale.name.id,
      source: method.scale.source,
      formulas: [
        ...new Set([own, ...units].flatMap((a) => a.indicators.map((x) => `${x.directionLabel}: ${x.formula}`))),
        'Target 0 atau realisasi yang belum ada tidak memberi capaian; indikatornya dicatat tidak terukur',
      ],
      rules:
        'Realisasi tahunan dari realisasi triwulan menurut aturan tiap indikator: jumlah (arus), nilai akhir (stok dan persentase), rata-rata, atau maksimum',
      rollUp: `Capaian sasaran = rata-rata${weighted ? ' berbobot' : ''} capaian indikatornya (atau, tanpa indikator, capaian simpul di bawahnya); capaian perangkat daerah = rata-rata capaian ${
        method.agencyFrom === 'objective'
          ? 'sasaran'
          : (kindLabels[method.agencyFrom as NodeKind] ?? method.agencyFrom).toLowerCase()
      }`,
      cap:
        method.cap === null ? 'Tidak dibatasi' : `Capaian di atas ${plain(method.cap)}% dicatat ${plain(method.cap)}%`,
      efficiency:
        method.efficiency === 'difference'
          ? 'Efisiensi = Capaian − Penyerapan anggaran (poin persen)'
          : 'Efisiensi = Capaian ÷ Penyerapan anggaran × 100',
      rounding: `${method.decimals} angka desimal, dibulatkan setengah menjauhi nol`,
      engine: method.engine,
    },
    bands: docBands,
    unmeasured: {
      indicators: own.indicators.filter((x) => x.annual.achievement === null).length,
      objectives: objectives.filter((o) => o.value === null).length,
    },
    agreements: [own, ...units],
    own,
    strongest,
    weakest,
    notMeasured: all.filter((x) => x.annual.achievement === null),
    letterhead: frame.letterhead,
    printedAt: frame.printedAt,
    signer,
  };
}

/** A measurement document of a run as a file: PDF in the agency's letterhead, or Excel. */
export async function measurementDocumentFile(opts: {
  db: Queryable;
  ctx: RequestContext;
  governmentId: string;
  runId: string;
  kind: DocumentKind;
  format: 'pdf' | 'xlsx';
}): Promise<{ bytes: Buffer; fileName: string; mediaType: string }> {
  if (opts.kind === 'lkjip') {
    const lkjip = await loadLkjipDocument(opts);
    const b = lkjip.base;
    const name = `Tabel Bab III LKjIP ${b.agencyName} ${b.year} (Pengukuran ke-${b.run.runNo})`;
    return opts.format === 'xlsx'
      ? { bytes: await lkjipWorkbook(lkjip), fileName: `${name}.xlsx`, mediaType: xlsxMediaType }
      : { bytes: await renderLkjipPdf(lkjip), fileName: `${name}.pdf`, mediaType: 'application/pdf' };
  }
  const doc = await loadMeasurementDocument(opts);
  const base = `${doc.title} ${doc.agencyName} ${doc.year} (Pengukuran ke-${doc.run.runNo})`;
  if (opts.format === 'xlsx') {
    return {
      bytes: await measurementWorkbook(doc),
      fileName: `${base}.xlsx`,
      mediaType: xlsxMediaType,
    };
  }
  return { bytes: await renderMeasurementPdf(doc), fileName: `${base}.pdf`, mediaType: 'application/pdf' };
}
