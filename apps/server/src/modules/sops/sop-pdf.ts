import { type FlowEdge, flowEdges, indonesianDate, type SopDocument, type StepShape, stepShape } from '@sidakin/core';
import { createPdf, type FontName, type Letterhead, type Pdf, pdfBytes, placeText, textHeight } from '../../pdf/pdf.js';

/**
 * The official SOP document in the SOP AP form of PermenPANRB 35/2012, A4 landscape: the identity
 * block with the agency's letterhead, then the procedure table — No | Kegiatan | one column per
 * lane with the flowchart symbol in the acting lane and arrows between steps | Kelengkapan | Waktu
 * | Output | Keterangan — repeated header on every page, off-page connectors where an arrow
 * crosses a page break.
 */
export interface SopPdfInput {
  doc: SopDocument;
  version: {
    version: number;
    status: string;
    approvedByName: string | null;
    approvedByNip: string | null;
    approvedByPositionName: string | null;
    approvedActing: 'plt' | 'plh' | null;
    approvedOn: string | null;
    effectiveFrom: string | null;
  };
  letterhead: Letterhead;
  /** When the document is printed, shown in the footer, in the government's time zone. */
  printedAt: string;
}

const page = { width: 841.89, height: 595.28 };
const margin = 28;
const contentWidth = page.width - 2 * margin;
const bodyBottom = page.height - margin - 6;
const tableFont: FontName = 'condensed';
const tableSize = 7.2;
const headerSize = 6.4;
const pad = 4;
const minRowHeight = 44;
const connectorBand = 20;
const symbol = { processHalfWidth: 13, processHalfHeight: 8, decisionHalf: 10.5 };
const channelOffset = symbol.processHalfWidth + 5;
/** Half the width of an off-page connector. */
const conn = 5;
const stroke = '#1f2937';
const symbolFill = '#f8fafc';

function list(items: string[]): string {
  if (items.length === 0) return '—';
  if (items.length === 1) return items[0]!;
  return items.map((x, i) => `${i + 1}. ${x}`).join('\n');
}

function bullets(items: string[]): string {
  if (items.length === 0) return '';
  if (items.length === 1) return items[0]!;
  return items.map((x) => `• ${x}`).join('\n');
}

// ── identity page ────────────────────────────────────────────────────────────────────────────

function drawIdentity(pdf: Pdf, input: SopPdfInput): void {
  const { doc, version, letterhead } = input;
  const x0 = margin;
  const left = contentWidth * 0.42;
  const labelW = contentWidth * 0.16;
  const valueW = contentWidth - left - labelW;
  let y = margin;

  const approvedBy = [
    version.approvedActing ? `${version.approvedActing === 'plt' ? 'Plt.' : 'Plh.'} ` : '',
    (version.approvedByPositionName ?? doc.identity.approvedBy.position).toUpperCase(),
  ].join('');
  const effective = version.effectiveFrom ? indonesianDate(version.effectiveFrom) : (doc.identity.effectiveOn ?? '—');
  const rows: [string, string, FontName?][] = [
    ['Nomor SOP', doc.identity.number ?? '—'],
    ['Tanggal Pembuatan', doc.identity.createdOn ?? '—'],
    ['Tanggal Revisi', doc.identity.revisedOn ?? (version.version > 1 ? `Versi ${version.version}` : '—')],
    ['Tanggal Efektif', effective],
    ['Disahkan oleh', ''],
    ['Nama SOP', doc.title.toUpperCase(), 'bold'],
  ];
  const size = 8.5;
  const signBlock = signatureHeight(pdf, approvedBy, version, valueW - 2 * pad);
  const heights = rows.map(([label, value, font], i) =>
    i === 4
      ? signBlock
      : Math.max(
          textHeight(pdf, label, { width: labelW - 2 * pad, size }),
          textHeight(pdf, value, { width: valueW - 2 * pad, size, font: font ?? 'regular' }),
        ) +
        2 * pad,
  );
  const rightH = heights.reduce((a, b) => a + b, 0);

  // Left cell: the letterhead (logo, header lines, address).
  drawLetterheadCell(pdf, letterhead, doc.agency.header, x0, y, left, rightH);
  let ry = y;
  rows.forEach(([label, value, font], i) => {
    const h = heights[i]!;
    pdf
      .lineWidth(0.6)
      .strokeColor(stroke)
      .rect(x0 + left, ry, labelW, h)
      .stroke();
    pdf.rect(x0 + left + labelW, ry, valueW, h).stroke();
    placeText(pdf, label, x0 + left + pad, ry + pad, { width: labelW - 2 * pad, size });
    if (i === 4) drawSignature(pdf, approvedBy, version, x0 + left + labelW + pad, ry + pad, valueW - 2 * pad);
    else
      placeText(pdf, value, x0 + left + labelW + pad, ry + pad, {
        width: valueW - 2 * pad,
        size,
        font: font ?? 'regular',
      });
    ry += h;
  });
  y += rightH;

  // The paired sections below, as printed in the SOP AP form.
  const pairs: [string, string[], string, string[]][] = [
    ['Dasar Hukum', doc.legalBasis, 'Kualifikasi Pelaksana', doc.qualifications],
    ['Keterkaitan', doc.relatedSops, 'Peralatan/Perlengkapan', doc.equipment],
    ['Peringatan', doc.warning, 'Pencatatan dan Pendataan', doc.recordKeeping],
  ];
  const half = contentWidth / 2;
  // Shrink the text until everything fits the first page (the form keeps the identity on one page).
  let s = 8;
  const measure = (sz: number) =>
    pairs.map(
      ([, a, , b]) =>
        Math.max(
          textHeight(pdf, list(a), { width: half - 2 * pad, size: sz }),
          textHeight(pdf, list(b), { width: half - 2 * pad, size: sz }),
        ) +
        sz * 1.6 +
        2 * pad,
    );
  let hs = measure(s);
  while (s > 5.5 && y + hs.reduce((a, b) => a + b, 0) > bodyBottom) {
    s -= 0.5;
    hs = measure(s);
  }
  pairs.forEach(([la, a, lb, b], i) => {
    const h = hs[i]!;
    if (y + h > bodyBottom) {
      pdf.addPage();
      y = margin;
    }
    for (const [j, [label, items]] of (
      [
        [la, a],
        [lb, b],
      ] as const
    ).entries()) {
      const x = x0 + j * half;
      pdf.lineWidth(0.6).strokeColor(stroke).rect(x, y, half, h).stroke();
      placeText(pdf, `${label}:`, x + pad, y + pad, { width: half - 2 * pad, size: s, font: 'bold' });
      placeText(pdf, list([...items]), x + pad, y + pad + s * 1.6, { width: half - 2 * pad, size: s });
    }
    y += h;
  });
}

function signatureHeight(pdf: Pdf, position: string, v: SopPdfInput['version'], width: number): number {
  const size = 8.5;
  return (
    textHeight(pdf, position, { width, size, font: 'bold' }) +
    34 +
    textHeight(pdf, v.approvedByName ?? '(belum disahkan)', { width, size, font: 'bold' }) +
    (v.approvedByNip ? textHeight(pdf, `NIP. ${v.approvedByNip}`, { width, size }) : 0) +
    (v.approvedOn ? textHeight(pdf, 'x', { width, size: 7 }) : 0) +
    2 * pad +
    4
  );
}

function drawSignature(pdf: Pdf, position: string, v: SopPdfInput['version'], x: number, y: number, width: number) {
  const size = 8.5;
  placeText(pdf, position, x, y, { width, size, font: 'bold', align: 'center' });
  let yy = y + textHeight(pdf, position, { width, size, font: 'bold' });
  if (v.approvedOn) {
    placeText(pdf, `Disahkan dalam sistem pada ${indonesianDate(v.approvedOn)}`, x, yy + 2, {
      width,
      size: 7,
      align: 'center',
      color: '#4b5563',
      font: 'italic',
    });
  }
  yy += 34;
  const name = v.approvedByName ?? '(belum disahkan)';
  placeText(pdf, name, x, yy, { width, size, font: 'bold', align: 'center' });
  const nameW = Math.min(width, pdf.font('bold').fontSize(size).widthOfString(name));
  pdf
    .lineWidth(0.5)
    .moveTo(x + (width - nameW) / 2, yy + size + 2)
    .lineTo(x + (width + nameW) / 2, yy + size + 2)
    .stroke();
  yy += textHeight(pdf, name, { width, size, font: 'bold' });
  if (v.approvedByNip) placeText(pdf, `NIP. ${v.approvedByNip}`, x, yy + 1, { width, size, align: 'center' });
}

function drawLetterheadCell(
  pdf: Pdf,
  lh: Letterhead,
  header: string[],
  x: number,
  y: number,
  width: number,
  height: number,
) {
  pdf.lineWidth(0.6).strokeColor(stroke).rect(x, y, width, height).stroke();
  const lines = header.length > 0 ? header : lh.lines;
  const logoSize = 62;
  let yy = y + 14;
  if (lh.logo) {
    pdf.image(lh.logo.bytes, x + (width - logoSize) / 2, yy, { fit: [logoSize, logoSize], align: 'center' });
    yy += logoSize + 8;
  }
  const inner = width - 2 * pad - 8;
  lines.forEach((line, i) => {
    const size = i === 0 ? 10.5 : 9.5;
    placeText(pdf, line.toUpperCase(), x + pad + 4, yy, { width: inner, size, font: 'bold', align: 'center' });
    yy += textHeight(pdf, line.toUpperCase(), { width: inner, size, font: 'bold' }) + 1;
  });
  const contact = [lh.address, lh.contact].filter(Boolean).join('\n');
  if (contact)
    placeText(pdf, contact, x + pad + 4, yy + 4, { width: inner, size: 7, align: 'center', color: '#374151' });
}

// ── the procedure table ──────────────────────────────────────────────────────────────────────

interface Column {
  x: number;
  width: number;
}

interface TableLayout {
  no: Column;
  activity: Column;
  lanes: Column[];
  requirements: Column;
  time: Column;
  output: Column;
  remarks: Column;
  headerHeight: [number, number];
}

function tableLayout(pdf: Pdf, laneTitles: string[]): TableLayout {
  const fixed = { no: 20, requirements: 96, time: 46, output: 92, remarks: 60 };
  const rest = contentWidth - fixed.no - fixed.requirements - fixed.time - fixed.output - fixed.remarks;
  const laneWidth = Math.max(50, Math.min(76, (rest - 150) / laneTitles.length));
  const activityWidth = rest - laneWidth * laneTitles.length;
  let x = margin;
  const col = (width: number): Column => {
    const c = { x, width };
    x += width;
    return c;
  };
  const no = col(fixed.no);
  const activity = col(activityWidth);
  const lanes = laneTitles.map(() => col(laneWidth));
  const requirements = col(fixed.requirements);
  const time = col(fixed.time);
  const output = col(fixed.output);
  const remarks = col(fixed.remarks);
  const second = Math.max(
    ...laneTitles.map((t) => textHeight(pdf, t, { width: laneWidth - 4, size: headerSize, font: 'condensedBold' })),
    textHeight(pdf, 'Kelengkapan', { width: fixed.requirements - 4, size: headerSize, font: 'condensedBold' }),
  );
  return {
    no,
    activity,
    lanes,
    requirements,
    time,
    output,
    remarks,
    headerHeight: [14, second + 6],
  };
}

function drawTableHeader(pdf: Pdf, t: TableLayout, laneTitles: string[], y: number): number {
  const [h1, h2] = t.headerHeight;
  const font: FontName = 'condensedBold';
  const size = headerSize;
  const cell = (c: { x: number; width: number }, top: number, h: number, label: string) => {
    pdf.lineWidth(0.6).strokeColor(stroke).fillColor('#e5e7eb').rect(c.x, top, c.width, h).fillAndStroke();
    const th = textHeight(pdf, label, { width: c.width - 4, size, font });
    placeText(pdf, label, c.x + 2, top + (h - th) / 2, { width: c.width - 4, size, font, align: 'center' });
  };
  const span = (a: Column, b: Column) => ({ x: a.x, width: b.x + b.width - a.x });
  cell(t.no, y, h1 + h2, 'No');
  cell(t.activity, y, h1 + h2, 'Kegiatan');
  cell(span(t.lanes[0]!, t.lanes.at(-1)!), y, h1, 'Pelaksana');
  cell(span(t.requirements, t.output), y, h1, 'Mutu Baku');
  cell(t.remarks, y, h1 + h2, 'Keterangan');
  t.lanes.forEach((c, i) => {
    cell(c, y + h1, h2, laneTitles[i]!);
  });
  cell(t.requirements, y + h1, h2, 'Kelengkapan');
  cell(t.time, y + h1, h2, 'Waktu');
  cell(t.output, y + h1, h2, 'Output');
  return y + h1 + h2;
}

interface RowText {
  activity: string;
  marks: string;
  requirements: string;
  time: string;
  output: string;
  remarks: string;
}

function rowTexts(doc: SopDocument): RowText[] {
  return doc.steps.map((s) => {
    const marks = [
      s.perUnit ? 'per unit kerja' : '',
      s.paraf ? 'paraf' : '',
      s.signature ? 'tanda tangan' : '',
      s.attendees.length ? `bersama ${s.attendees.join(', ')}` : '',
    ].filter(Boolean);
    return {
      activity: s.text,
      marks: marks.length ? `(${marks.join('; ')})` : '',
      requirements: bullets(s.requirements),
      time: s.duration ?? '—',
      output: bullets(s.outputs),
      remarks: s.remarks ?? '',
    };
  });
}

function baseRowHeight(pdf: Pdf, t: TableLayout, r: RowText): number {
  const h = (text: string, c: Column, font: FontName = tableFont) =>
    text ? textHeight(pdf, text, { width: c.width - 2 * pad, size: tableSize, font }) : 0;
  const activity = h(r.activity, t.activity) + (r.marks ? h(r.marks, t.activity, 'italic') + 1 : 0);
  return Math.max(
    minRowHeight,
    activity + 2 * pad,
    h(r.requirements, t.requirements) + 2 * pad,
    h(r.time, t.time) + 2 * pad,
    h(r.output, t.output) + 2 * pad,
    h(r.remarks, t.remarks) + 2 * pad,
  );
}

interface Placed {
  page: number;
  top: number;
  height: number;
  extraTop: number;
  extraBottom: number;
}

const isStraight = (e: FlowEdge) => e.to === e.from + 1;

/** Rows onto pages; arrows that cross a page break get room for their connectors, until stable. */
function paginate(base: number[], edges: FlowEdge[], firstTop: number, nextTop: number): Placed[] {
  const extraTop = base.map(() => 0);
  const extraBottom = base.map(() => 0);
  let placed: Placed[] = [];
  for (let round = 0; round < 6; round++) {
    placed = [];
    let pageNo = 0;
    let y = firstTop;
    base.forEach((h0, i) => {
      const h = h0 + extraTop[i]! + extraBottom[i]!;
      if (y + h > bodyBottom && y > (pageNo === 0 ? firstTop : nextTop)) {
        pageNo += 1;
        y = nextTop;
      }
      placed.push({ page: pageNo, top: y, height: h, extraTop: extraTop[i]!, extraBottom: extraBottom[i]! });
      y += h;
    });
    let changed = false;
    for (const e of edges) {
      if (!isStraight(e) || placed[e.from]!.page === placed[e.to]!.page) continue;
      if (extraBottom[e.from] === 0) {
        extraBottom[e.from] = connectorBand;
        changed = true;
      }
      if (extraTop[e.to] === 0) {
        extraTop[e.to] = connectorBand;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return placed;
}

interface SymbolBox {
  cx: number;
  cy: number;
  hw: number;
  hh: number;
  shape: StepShape;
}

function symbolBox(shape: StepShape, cx: number, cy: number): SymbolBox {
  if (shape === 'decision') return { cx, cy, hw: symbol.decisionHalf + 2, hh: symbol.decisionHalf, shape };
  return { cx, cy, hw: symbol.processHalfWidth, hh: symbol.processHalfHeight, shape };
}

function drawSymbol(pdf: Pdf, b: SymbolBox, perUnit: boolean) {
  pdf.lineWidth(0.9).strokeColor(stroke).fillColor(symbolFill);
  const { cx, cy, hw, hh } = b;
  if (b.shape === 'decision') {
    pdf.polygon([cx, cy - hh], [cx + hw, cy], [cx, cy + hh], [cx - hw, cy]).fillAndStroke();
    return;
  }
  if (perUnit) {
    // A stack: the step runs once per unit in scope.
    pdf.rect(cx - hw + 3, cy - hh - 3, 2 * hw, 2 * hh).fillAndStroke();
  }
  if (b.shape === 'terminator') pdf.roundedRect(cx - hw, cy - hh, 2 * hw, 2 * hh, hh).fillAndStroke();
  else pdf.rect(cx - hw, cy - hh, 2 * hw, 2 * hh).fillAndStroke();
}

type Point = [number, number];

function drawPath(pdf: Pdf, points: Point[], arrow: boolean) {
  pdf.lineWidth(0.8).strokeColor(stroke);
  pdf.moveTo(...points[0]!);
  for (const p of points.slice(1)) pdf.lineTo(...p);
  pdf.stroke();
  if (!arrow || points.length < 2) return;
  const [x1, y1] = points.at(-2)!;
  const [x2, y2] = points.at(-1)!;
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  const ux = (x2 - x1) / len;
  const uy = (y2 - y1) / len;
  const size = 4;
  pdf
    .fillColor(stroke)
    .polygon(
      [x2, y2],
      [x2 - ux * size - uy * size * 0.6, y2 - uy * size + ux * size * 0.6],
      [x2 - ux * size + uy * size * 0.6, y2 - uy * size - ux * size * 0.6],
    )
    .fill();
}

/** The off-page connector: a pentagon pointing down, with the letter that pairs it. */
function drawConnector(pdf: Pdf, cx: number, cy: number, letter: string) {
  pdf
    .lineWidth(0.8)
    .strokeColor(stroke)
    .fillColor('#ffffff')
    .polygon(
      [cx - conn, cy - conn],
      [cx + conn, cy - conn],
      [cx + conn, cy + 1.5],
      [cx, cy + conn],
      [cx - conn, cy + 1.5],
    )
    .fillAndStroke();
  placeText(pdf, letter, cx - conn, cy - conn + 0.5, { width: 2 * conn, size: 6, font: 'bold', align: 'center' });
}

function drawLabel(pdf: Pdf, text: string, x: number, y: number, align: 'left' | 'right') {
  const width = 24;
  placeText(pdf, text, align === 'left' ? x : x - width, y, {
    width,
    size: 6,
    font: 'italic',
    align,
    color: '#111827',
  });
}

function drawProcedure(pdf: Pdf, input: SopPdfInput, startPage: number, trace: SopDrawing[]) {
  const { doc } = input;
  const laneIds = Object.keys(doc.lanes);
  const laneTitles = laneIds.map((id) => doc.lanes[id]!.title);
  const t = tableLayout(pdf, laneTitles);
  const texts = rowTexts(doc);
  const edges = flowEdges(doc);
  // The running header: agency and title (two lines when long), the SOP number at the right.
  const title = `${doc.agency.header.slice(0, 2).join(' · ')} — SOP ${doc.title}`;
  const runningHeader = textHeight(pdf, title, { width: contentWidth * 0.75, size: 7.5, font: 'bold' }) + 5;
  const tableTop = margin + runningHeader;
  const bodyTop = tableTop + t.headerHeight[0] + t.headerHeight[1];
  const rows = paginate(
    texts.map((r) => baseRowHeight(pdf, t, r)),
    edges,
    bodyTop,
    bodyTop,
  );
  const pageCount = rows.at(-1)!.page + 1;
  for (let p = 0; p < pageCount; p++) {
    pdf.addPage();
    placeText(pdf, title, margin, margin, { width: contentWidth * 0.75, size: 7.5, font: 'bold' });
    placeText(
      pdf,
      doc.identity.number ? `Nomor SOP: ${doc.identity.number}` : '',
      margin + contentWidth * 0.75,
      margin,
      {
        width: contentWidth * 0.25,
        size: 7.5,
        align: 'right',
      },
    );
    drawTableHeader(pdf, t, laneTitles, tableTop);
  }
  const pageIndex = (p: number) => startPage + p;

  // Cells and texts.
  const boxes: SymbolBox[][] = [];
  doc.steps.forEach((step, i) => {
    const r = rows[i]!;
    pdf.switchToPage(pageIndex(r.page));
    const columns = [t.no, t.activity, ...t.lanes, t.requirements, t.time, t.output, t.remarks];
    for (const c of columns) pdf.lineWidth(0.6).strokeColor(stroke).rect(c.x, r.top, c.width, r.height).stroke();
    const text = (s: string, c: Column, opts: { align?: 'left' | 'center'; font?: FontName } = {}) =>
      placeText(pdf, s, c.x + pad, r.top + pad, {
        width: c.width - 2 * pad,
        size: tableSize,
        font: opts.font ?? tableFont,
        align: opts.align ?? 'left',
      });
    text(String(step.no), t.no, { align: 'center' });
    const tx = texts[i]!;
    text(tx.activity, t.activity);
    if (tx.marks) {
      const h = textHeight(pdf, tx.activity, { width: t.activity.width - 2 * pad, size: tableSize, font: tableFont });
      placeText(pdf, tx.marks, t.activity.x + pad, r.top + pad + h + 1, {
        width: t.activity.width - 2 * pad,
        size: tableSize - 0.4,
        font: 'italic',
        color: '#374151',
      });
    }
    text(tx.requirements, t.requirements);
    text(tx.time, t.time, { align: 'center' });
    text(tx.output, t.output);
    text(tx.remarks, t.remarks);

    const shape = stepShape(doc, i);
    const cy = r.top + r.extraTop + (r.height - r.extraTop - r.extraBottom) / 2;
    const mine = step.lanes
      .map((l) => laneIds.indexOf(l))
      .filter((k) => k >= 0)
      .map((k) => symbolBox(shape, t.lanes[k]!.x + t.lanes[k]!.width / 2, cy));
    // A step of two lanes: the symbol in each, joined by a line.
    const sorted = [...mine].sort((a, b) => a.cx - b.cx);
    for (let k = 1; k < sorted.length; k++) {
      drawPath(
        pdf,
        [
          [sorted[k - 1]!.cx + sorted[k - 1]!.hw, cy],
          [sorted[k]!.cx - sorted[k]!.hw, cy],
        ],
        false,
      );
    }
    for (const b of mine) drawSymbol(pdf, b, step.perUnit === true);
    step.lanes.forEach((laneId, k) => {
      const column = t.lanes[laneIds.indexOf(laneId)]!;
      trace.push({
        kind: 'symbol',
        stepNo: step.no,
        laneId,
        shape,
        page: pageIndex(r.page) + 1,
        cx: mine[k]!.cx,
        column,
      });
    });
    boxes.push(mine);
  });

  // Arrows.
  const channels = new Map<string, number>();
  const channelX = (p: number, b: SymbolBox, side: 1 | -1) => {
    const key = `${p}:${Math.round(b.cx)}:${side}`;
    const k = channels.get(key) ?? 0;
    channels.set(key, k + 1);
    return b.cx + side * (channelOffset + 4 * k);
  };
  const sideExits = new Set<string>();
  let letter = 0;
  const nextLetter = () =>
    String.fromCharCode(65 + (letter++ % 26)) + (letter > 26 ? String(Math.floor((letter - 1) / 26)) : '');
  for (const e of edges) {
    const s = boxes[e.from]![0];
    const d = boxes[e.to]![0];
    if (!s || !d) continue;
    const rs = rows[e.from]!;
    const rd = rows[e.to]!;
    const label = e.label === 'ya' ? 'Ya' : e.label === 'tidak' ? 'Tidak' : null;
    const samePage = rs.page === rd.page;
    const fromNo = doc.steps[e.from]!.no;
    const toNo = doc.steps[e.to]!.no;
    const connector = (p: number, x: number, y: number, l: string) => {
      drawConnector(pdf, x, y, l);
      trace.push({ kind: 'connector', letter: l, page: pageIndex(p) + 1, fromStep: fromNo, toStep: toNo });
    };
    trace.push({ kind: 'arrow', fromStep: fromNo, toStep: toNo, label: e.label, acrossPages: !samePage });
    if (isStraight(e)) {
      const start: Point = [s.cx, s.cy + s.hh];
      if (samePage) {
        pdf.switchToPage(pageIndex(rs.page));
        const mid = rd.top + Math.min(6, (d.cy - d.hh - rd.top) / 2);
        const pts: Point[] =
          s.cx === d.cx ? [start, [d.cx, d.cy - d.hh]] : [start, [s.cx, mid], [d.cx, mid], [d.cx, d.cy - d.hh]];
        drawPath(pdf, pts, true);
        if (label) drawLabel(pdf, label, s.cx + 2, s.cy + s.hh + 1, 'left');
      } else {
        const l = nextLetter();
        pdf.switchToPage(pageIndex(rs.page));
        const cyOut = rs.top + rs.height - 10;
        drawPath(pdf, [start, [s.cx, cyOut - conn]], true);
        connector(rs.page, s.cx, cyOut, l);
        if (label) drawLabel(pdf, label, s.cx + 2, s.cy + s.hh + 1, 'left');
        pdf.switchToPage(pageIndex(rd.page));
        const cyIn = rd.top + 10;
        connector(rd.page, d.cx, cyIn, l);
        drawPath(
          pdf,
          [
            [d.cx, cyIn + conn],
            [d.cx, d.cy - d.hh],
          ],
          true,
        );
      }
      continue;
    }
    // Around the side: out of the source towards the target, along a channel beside the target's
    // symbol, into its side.
    const side: 1 | -1 = d.cx > s.cx ? -1 : 1;
    const exitSide: 1 | -1 = d.cx === s.cx ? 1 : d.cx > s.cx ? 1 : -1;
    const exitKey = `${e.from}:${exitSide}`;
    let start: Point[];
    if (sideExits.has(exitKey)) {
      start = [
        [s.cx, s.cy + s.hh],
        [s.cx, s.cy + s.hh + 5],
      ];
    } else {
      sideExits.add(exitKey);
      start = [[s.cx + exitSide * s.hw, s.cy]];
    }
    const first = start.at(-1)!;
    if (samePage) {
      pdf.switchToPage(pageIndex(rs.page));
      const x = channelX(rd.page, d, side);
      drawPath(pdf, [...start, [x, first[1]], [x, d.cy], [d.cx + side * d.hw, d.cy]], true);
    } else {
      const l = nextLetter();
      pdf.switchToPage(pageIndex(rs.page));
      const xs = first[0] + exitSide * (6 + conn);
      drawPath(pdf, [...start, [xs - exitSide * conn, first[1]]], true);
      connector(rs.page, xs, first[1], l);
      pdf.switchToPage(pageIndex(rd.page));
      const xd = d.cx + side * (d.hw + 6 + conn);
      connector(rd.page, xd, d.cy, l);
      drawPath(
        pdf,
        [
          [xd - side * conn, d.cy],
          [d.cx + side * d.hw, d.cy],
        ],
        true,
      );
    }
    pdf.switchToPage(pageIndex(rs.page));
    if (label) {
      if (start.length === 1)
        drawLabel(
          pdf,
          label,
          first[0] + (exitSide > 0 ? 1 : -1),
          first[1] - (samePage ? 8 : 13),
          exitSide > 0 ? 'left' : 'right',
        );
      else drawLabel(pdf, label, s.cx + 2, s.cy + s.hh, 'left');
    }
  }
}

function drawActivityWorksheet(pdf: Pdf, doc: SopDocument) {
  const ws = doc.activityWorksheet;
  if (!ws) return;
  pdf.addPage();
  let y = margin;
  placeText(pdf, 'LEMBAR KERJA IDENTIFIKASI KEGIATAN', margin, y, {
    width: contentWidth,
    size: 10,
    font: 'bold',
    align: 'center',
  });
  y += 22;
  const labelW = 200;
  for (const f of ws.fields) {
    const h =
      Math.max(textHeight(pdf, f.value || '—', { width: contentWidth - labelW - 2 * pad, size: 8.5 }), 10) + 2 * pad;
    pdf.lineWidth(0.6).strokeColor(stroke).rect(margin, y, labelW, h).stroke();
    pdf.rect(margin + labelW, y, contentWidth - labelW, h).stroke();
    placeText(pdf, f.label, margin + pad, y + pad, { width: labelW - 2 * pad, size: 8.5, font: 'bold' });
    placeText(pdf, f.value || '—', margin + labelW + pad, y + pad, {
      width: contentWidth - labelW - 2 * pad,
      size: 8.5,
    });
    y += h;
  }
  y += 10;
  const phases = { awal: 'Kegiatan Awal', utama: 'Kegiatan Utama', akhir: 'Kegiatan Akhir' } as const;
  for (const phase of ['awal', 'utama', 'akhir'] as const) {
    const steps = ws.steps.filter((s) => s.phase === phase);
    if (steps.length === 0) continue;
    if (y + 30 > bodyBottom) {
      pdf.addPage();
      y = margin;
    }
    placeText(pdf, phases[phase], margin, y, { width: contentWidth, size: 9, font: 'bold' });
    y += 14;
    for (const s of steps) {
      const h = textHeight(pdf, s.text, { width: contentWidth - 30, size: 8.5 }) + 4;
      if (y + h > bodyBottom) {
        pdf.addPage();
        y = margin;
      }
      placeText(pdf, `${s.no}.`, margin, y, { width: 24, size: 8.5, align: 'right' });
      placeText(pdf, s.text, margin + 30, y, { width: contentWidth - 30, size: 8.5 });
      y += h;
    }
    y += 6;
  }
}

function drawFooters(pdf: Pdf, input: SopPdfInput) {
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const status = input.version.status === 'draft' ? ' · KONSEP (belum disahkan)' : '';
    placeText(
      pdf,
      `SOP ${input.doc.title} · versi ${input.version.version}${status} · dicetak ${input.printedAt} melalui SIDAKIN`,
      margin,
      page.height - margin + 8,
      { width: contentWidth * 0.8, size: 6.5, color: '#4b5563' },
    );
    placeText(
      pdf,
      `Halaman ${i - range.start + 1} dari ${range.count}`,
      margin + contentWidth * 0.8,
      page.height - margin + 8,
      {
        width: contentWidth * 0.2,
        size: 6.5,
        align: 'right',
        color: '#4b5563',
      },
    );
  }
}

/** What the procedure table drew, for checking the drawing against the document (pages count from 1). */
export type SopDrawing =
  | {
      kind: 'symbol';
      stepNo: number;
      laneId: string;
      shape: StepShape;
      page: number;
      cx: number;
      column: { x: number; width: number };
    }
  | { kind: 'arrow'; fromStep: number; toStep: number; label: FlowEdge['label']; acrossPages: boolean }
  | { kind: 'connector'; letter: string; page: number; fromStep: number; toStep: number };

export async function renderSopPdf(input: SopPdfInput, trace: SopDrawing[] = []): Promise<Buffer> {
  const pdf = createPdf({
    layout: 'landscape',
    margin,
    title: `SOP ${input.doc.title}`,
    author: input.doc.agency.header.join(', '),
    subject: `Standar Operasional Prosedur ${input.doc.title}, versi ${input.version.version}`,
  });
  drawIdentity(pdf, input);
  drawActivityWorksheet(pdf, input.doc);
  drawProcedure(pdf, input, pdf.bufferedPageRange().count, trace);
  drawFooters(pdf, input);
  return pdfBytes(pdf);
}
