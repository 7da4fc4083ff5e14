import { type Correction, type CorrectionMeeting, formatIndonesianNumber } from '@sidakin/core';
import type { Queryable } from '../../db/database.js';
import type { ReportSection, ReportSigner } from '../../pdf/report.js';
import { renderReport, reportMargin, reportWidth } from '../../pdf/report.js';
import { documentFrame } from '../org/document-frame.repo.js';
import {
  authorityName,
  type BlockSigner,
  drawSignatureBlock,
  drawVerificationFooter,
  type VerificationMark,
} from '../signatures/signature-block.js';

/**
 * The documents of a correction: the Dokumen Perbaikan Data Kinerja (old → new with reasons, root
 * causes and evidence, the meetings, the paraf trail; as a concept at the recap/report steps, then
 * numbered for signature), the invitation to a rapat and its Notulen. What they say is decided
 * here; `renderReport` lays them out in the agency's letterhead.
 */

const digits = (s: string) => s.split('.')[1]?.length ?? 0;
const num = (s: string | null, decimals = 4) =>
  s === null ? '–' : formatIndonesianNumber(s, Math.min(digits(s), decimals));
const rupiah = (s: string | null) => (s === null ? '' : `Rp ${formatIndonesianNumber(s, 0)}`);

function dateTime(d: string, timeZone: string, withTime = true) {
  return new Intl.DateTimeFormat('id-ID', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(new Date(d));
}

/** The items that the document lists: the accepted ones (applied, approved, or proposed where no review asked). */
export function acceptedItems(c: Correction) {
  return c.items.filter((i) => i.status === 'approved' || i.status === 'proposed' || i.status === 'applied');
}

export function itemSection(c: Correction, heading: string): ReportSection {
  const w = reportWidth('landscape');
  const rows = acceptedItems(c).map((i, n) => {
    const evidence = i.evidence
      .map((e) => (e.kind === 'file' ? (e.fileName ?? 'berkas') : e.kind === 'link' ? e.url! : e.text!))
      .map((t, k) => `${k + 1}. ${t}`)
      .join('\n');
    const money =
      i.proposedBudgetSpent !== null
        ? `\nAnggaran: ${rupiah(i.baseBudgetSpent) || '–'} → ${rupiah(i.proposedBudgetSpent)}`
        : '';
    return [
      String(n + 1),
      `${[i.indicatorCode, i.indicatorName].filter(Boolean).join(' ')}\n${i.ownerName} · ${i.periodLabel}`,
      `${num(i.baseActual, i.decimals)}${i.baseVersion > 0 ? `\n(versi ${i.baseVersion})` : '\n(belum diisi)'}`,
      `${num(i.proposedActual, i.decimals)}${i.appliedVersion ? `\n(versi ${i.appliedVersion})` : ''}${money}`,
      i.unitOfMeasure,
      i.reason,
      `${i.rootCause}\n${i.removesCause ? `Penyebab dihilangkan: ${i.causeAction}` : 'Penyebab belum dihilangkan'}`,
      evidence || '–',
    ];
  });
  return {
    heading,
    columns: [
      { title: 'No', width: 22, align: 'center' },
      { title: 'Indikator / Pemilik Data / Periode', width: 170 },
      { title: 'Data Semula', width: 62, align: 'right' },
      { title: 'Data Perbaikan', width: 72, align: 'right' },
      { title: 'Satuan', width: 44, align: 'center' },
      { title: 'Alasan Perbaikan', width: 120 },
      { title: 'Akar Masalah dan Tindak Lanjut', width: 130 },
      { title: 'Bukti Dukung', width: w - 22 - 170 - 62 - 72 - 44 - 120 - 130 },
    ],
    rows: rows.length ? rows : [['', 'Tidak ada data yang diperbaiki', '', '', '', '', '', '']],
  };
}

export function meetingSection(c: Correction, timeZone: string, heading: string): ReportSection[] {
  if (c.meetings.length === 0) return [];
  const w = reportWidth('landscape');
  return [
    {
      heading,
      columns: [
        { title: 'Waktu dan Tempat', width: 170 },
        { title: 'Peserta Hadir', width: 190 },
        { title: 'Keputusan', width: w - 360 },
      ],
      rows: c.meetings.map((m) => [
        `${dateTime(m.startsAt, timeZone)}\n${m.place}`,
        m.participants
          .filter((p) => p.present)
          .map((p) => `${p.name}${p.positionTitle ? ` (${p.positionTitle})` : ''}`)
          .join('\n') || '–',
        m.decisions || '–',
      ]),
    },
  ];
}

export function parafSection(c: Correction, timeZone: string, heading: string): ReportSection {
  const w = reportWidth('landscape');
  const acting = { definitive: '', plt: 'Plt. ', plh: 'Plh. ' } as const;
  return {
    heading,
    columns: [
      { title: 'No', width: 22, align: 'center' },
      { title: 'Langkah SOP', width: 70, align: 'center' },
      { title: 'Nama / NIP', width: 200 },
      { title: 'Jabatan', width: 220 },
      { title: 'Waktu Paraf', width: w - 512 },
    ],
    rows: c.parafs.length
      ? c.parafs.map((p, i) => [
          String(i + 1),
          String(p.stepNo),
          `${p.name}${p.nip ? `\nNIP. ${p.nip}` : ''}`,
          `${acting[p.acting]}${p.positionTitle}`,
          dateTime(p.at, timeZone),
        ])
      : [['', '', 'Belum ada paraf', '', '']],
  };
}

/** The concept of the Dokumen Perbaikan (no number, no signature), kept at a recap or report step. */
export async function renderConcept(db: Queryable, c: Correction, governmentId: string, now = new Date()) {
  const frame = await documentFrame(db, governmentId, c.agencyId, 'head', now);
  const sections: ReportSection[] = [
    {
      heading: 'A. Dasar',
      paragraph:
        `${c.sopTitle} — kasus nomor ${c.caseNumber}: ${c.subject}. ` +
        `Data kinerja ${c.agencyName} tahun ${c.year} (${c.periods.map((p) => p.label).join(', ')}) ` +
        'yang telah divalidasi dan dikunci diperbaiki sebagai berikut.',
    },
    itemSection(c, 'B. Data yang Diperbaiki'),
    ...meetingSection(c, frame.timeZone, 'C. Rapat'),
    parafSection(c, frame.timeZone, c.meetings.length ? 'D. Paraf' : 'C. Paraf'),
  ];
  const bytes = await renderReport({
    layout: 'landscape',
    letterhead: frame.letterhead,
    agencyName: frame.agencyName,
    title: 'Konsep Dokumen Perbaikan Data Kinerja',
    subtitle: `${c.agencyName} · Tahun ${c.year} · Kasus nomor ${c.caseNumber}\nKONSEP — belum bernomor dan belum ditandatangani`,
    sections,
    signer: null,
    printedAt: frame.printedAt,
  });
  return { bytes, fileName: `Konsep Dokumen Perbaikan Data Kinerja ${c.agencyName} kasus ${c.caseNumber}.pdf` };
}

function meetingFacts(m: CorrectionMeeting, timeZone: string, chair: string) {
  const end = m.endsAt
    ? ` s.d. ${new Intl.DateTimeFormat('id-ID', { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(m.endsAt))}`
    : ' s.d. selesai';
  return [
    `Hari/tanggal: ${dateTime(m.startsAt, timeZone, false)}`,
    `Waktu: pukul ${new Intl.DateTimeFormat('id-ID', { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(m.startsAt))}${end}`,
    `Tempat: ${m.place}`,
    `Acara: ${m.agenda}`,
    ...(chair ? [`Pimpinan rapat: ${chair}`] : []),
  ].join('\n');
}

/** The chair as the signer of an invitation or minutes (name and position as on the day). */
function chairSigner(m: CorrectionMeeting, place: string, timeZone: string, when: Date): ReportSigner | null {
  const chair = m.participants.find((p) => p.employeeId === m.chairEmployeeId);
  if (!chair) return null;
  return {
    place,
    date: new Intl.DateTimeFormat('id-ID', { timeZone, dateStyle: 'long' }).format(when),
    position: chair.positionTitle.replace(/^(Plt\.|Plh\.)\s*/, ''),
    name: chair.name,
    nip: chair.nip,
    acting: /^Plt\./.test(chair.positionTitle) ? 'Plt.' : /^Plh\./.test(chair.positionTitle) ? 'Plh.' : '',
  };
}

async function placeOf(db: Queryable, governmentId: string) {
  const [g] = await db.query<{ name: string; region: string }>('SELECT name, region FROM governments WHERE id = $1', [
    governmentId,
  ]);
  return (g?.region || g?.name || '').replace(/^(Kabupaten|Kota|Provinsi)\s+/i, '');
}

export async function renderInvitation(
  db: Queryable,
  governmentId: string,
  c: Correction,
  m: CorrectionMeeting,
  now = new Date(),
) {
  const frame = await documentFrame(db, governmentId, c.agencyId, 'head', now);
  const chair = m.participants.find((p) => p.employeeId === m.chairEmployeeId);
  const invited = m.participants.filter((p) => p.invited);
  const bytes = await renderReport({
    layout: 'portrait',
    letterhead: frame.letterhead,
    agencyName: frame.agencyName,
    title: 'Undangan Rapat',
    subtitle: `Hal: ${m.agenda}`,
    sections: [
      {
        paragraph: `Yth.\n${invited.map((p, i) => `${i + 1}. ${p.name}${p.positionTitle ? ` — ${p.positionTitle}` : ''}`).join('\n')}\ndi tempat`,
      },
      {
        paragraph:
          `Dalam rangka ${c.sopTitle.toLowerCase()} (kasus nomor ${c.caseNumber}: ${c.subject}), ` +
          'dengan hormat kami mengundang Bapak/Ibu untuk hadir pada rapat yang akan diselenggarakan pada:',
      },
      { paragraph: meetingFacts(m, frame.timeZone, chair ? `${chair.name}` : '') },
      {
        paragraph:
          'Bapak/Ibu dimohon membawa data kinerja dan bukti dukung yang valid terkait. Atas perhatian dan kehadirannya ' +
          'diucapkan terima kasih.',
      },
    ],
    signer: chairSigner(m, await placeOf(db, governmentId), frame.timeZone, now),
    printedAt: frame.printedAt,
  });
  return { bytes, fileName: `Undangan Rapat ${c.agencyName} kasus ${c.caseNumber}.pdf` };
}

export async function renderMinutes(
  db: Queryable,
  governmentId: string,
  c: Correction,
  m: CorrectionMeeting,
  now = new Date(),
) {
  const frame = await documentFrame(db, governmentId, c.agencyId, 'head', now);
  const chair = m.participants.find((p) => p.employeeId === m.chairEmployeeId);
  const w = reportWidth('portrait');
  const bytes = await renderReport({
    layout: 'portrait',
    letterhead: frame.letterhead,
    agencyName: frame.agencyName,
    title: 'Notulen Rapat',
    subtitle: `${c.sopTitle} · Kasus nomor ${c.caseNumber}`,
    sections: [
      { paragraph: meetingFacts(m, frame.timeZone, chair?.name ?? '') },
      {
        heading: 'Peserta Rapat',
        columns: [
          { title: 'No', width: 24, align: 'center' },
          { title: 'Nama / NIP', width: 190 },
          { title: 'Jabatan', width: w - 24 - 190 - 80 },
          { title: 'Kehadiran', width: 80, align: 'center' },
        ],
        rows: m.participants.map((p, i) => [
          String(i + 1),
          `${p.name}${p.nip ? `\nNIP. ${p.nip}` : ''}`,
          p.positionTitle,
          p.present ? 'Hadir' : p.present === false ? 'Tidak hadir' : '–',
        ]),
      },
      { heading: 'Pembahasan', paragraph: m.minutes || '–' },
      { heading: 'Keputusan', paragraph: m.decisions || '–' },
    ],
    signer: chairSigner(m, await placeOf(db, governmentId), frame.timeZone, now),
    printedAt: frame.printedAt,
  });
  return { bytes, fileName: `Notulen Rapat ${c.agencyName} kasus ${c.caseNumber}.pdf` };
}

/**
 * The Dokumen Perbaikan Data Kinerja to be signed: numbered, with the data corrected (old → new,
 * reasons, root causes, evidence), the meetings, the paraf trail, and the electronic signature
 * block of every signer with the QR code to the public verification page; the verification line
 * at the foot of every page.
 */
export async function renderCorrectionDocument(input: {
  db: Queryable;
  governmentId: string;
  correction: Correction;
  number: string;
  signers: BlockSigner[];
  mark: VerificationMark;
  now?: Date;
}) {
  const { db, governmentId, correction: c } = input;
  const now = input.now ?? new Date();
  const frame = await documentFrame(db, governmentId, c.agencyId, 'head', now);
  const [g] = await db.query<{ name: string }>('SELECT name FROM governments WHERE id = $1', [governmentId]);
  const place = await placeOf(db, governmentId);
  const date = new Intl.DateTimeFormat('id-ID', { timeZone: frame.timeZone, dateStyle: 'long' }).format(now);
  const sections: ReportSection[] = [
    {
      heading: 'A. Dasar',
      paragraph:
        `${c.sopTitle} — kasus nomor ${c.caseNumber}: ${c.subject}. ` +
        `Data kinerja ${c.agencyName} tahun ${c.year} (${c.periods.map((p) => p.label).join(', ')}) yang telah ` +
        'divalidasi dan dikunci diperbaiki sebagai berikut. Data semula tetap tersimpan sebagai versi sebelumnya; ' +
        'data perbaikan berlaku sebagai versi baru setelah dokumen ini ditandatangani seluruh penanda tangan.',
    },
    itemSection(c, 'B. Data yang Diperbaiki'),
    ...meetingSection(c, frame.timeZone, 'C. Rapat'),
    parafSection(c, frame.timeZone, c.meetings.length ? 'D. Paraf' : 'C. Paraf'),
  ];
  const rows = Math.ceil(input.signers.length / (input.signers.length > 1 ? 2 : 1));
  return renderReport({
    layout: 'landscape',
    letterhead: frame.letterhead,
    agencyName: frame.agencyName,
    title: 'Dokumen Perbaikan Data Kinerja',
    subtitle: `Nomor: ${input.number}\n${c.agencyName} · Tahun ${c.year} · Kasus nomor ${c.caseNumber}`,
    sections,
    closing: {
      height: 40 + rows * 90,
      draw: (pdf, y, width) => {
        drawSignatureBlock(pdf, { x: reportMargin, y, width, place, date, signers: input.signers, mark: input.mark });
      },
    },
    pageNote: (pdf, y, width) =>
      drawVerificationFooter(pdf, input.mark, {
        issuer: authorityName(g?.name ?? ''),
        x: reportMargin,
        y,
        width: width - 220,
      }),
    printedAt: frame.printedAt,
  });
}
