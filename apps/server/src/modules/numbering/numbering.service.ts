import {
  type AgendaEntry,
  type AgendaListQuery,
  documentKindLabels,
  formatDocumentNumber,
  type NumberingPattern,
  parseNumberPattern,
} from '@sidakin/core';
import type { Database, Tx } from '../../db/database.js';
import { AppError, assertFresh, invalidField, notFound } from '../../errors.js';
import { authorize } from '../../http/access.js';
import type { RequestContext } from '../../http/context.js';
import { buildWorkbook, type ExportSheet } from '../../xlsx/write.js';
import { recordAudit } from '../audit/audit.service.js';
import { heldPositions } from '../auth/auth.repo.js';
import * as repo from './numbering.repo.js';

/**
 * Document numbers and the buku agenda. A pattern per agency and kind of document gives the
 * number; the running number counts per agency, kind and year under the counter row's lock, and
 * every number given is a line of the book — a cancelled one stays, marked void with a reason.
 */

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

function presentPattern(p: repo.PatternRow, today: string): NumberingPattern {
  return {
    id: p.id,
    agencyId: p.agency_id,
    agencyName: p.agency_name,
    kind: p.kind,
    label: p.label,
    pattern: p.pattern,
    active: p.active,
    nextNumber: parseNumberPattern(p.pattern).ok ? formatDocumentNumber(p.pattern, p.used_this_year + 1, today) : '',
    usedThisYear: p.used_this_year,
    createdAt: iso(p.created_at)!,
    updatedAt: iso(p.updated_at)!,
  };
}

function presentEntry(e: repo.EntryRow): AgendaEntry {
  return {
    id: e.id,
    agencyId: e.agency_id,
    agencyName: e.agency_name,
    kind: e.kind,
    kindLabel: e.kind_label,
    year: e.year,
    sequence: e.sequence,
    number: e.number,
    entryDate: e.entry_date,
    subject: e.subject,
    counterpart: e.counterpart,
    note: e.note,
    link: e.link_kind && e.link_id ? { kind: e.link_kind, id: e.link_id } : null,
    caseId: e.case_id,
    status: e.status,
    voidReason: e.void_reason,
    voidedAt: iso(e.voided_at),
    voidedByName: e.voided_by_name,
    createdByName: e.created_by_name,
    createdByPosition: e.created_by_position,
    createdAt: iso(e.created_at)!,
  };
}

function checkPattern(pattern: string): void {
  const check = parseNumberPattern(pattern);
  if (!check.ok) throw invalidField('body.pattern', check.message);
}

// ── patterns ────────────────────────────────────────────────────────────────────────────────
export async function listPatterns(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  agencyId?: string | undefined;
}) {
  authorize(opts.ctx.actor, 'numbering.read', opts.governmentId);
  const today = await repo.governmentToday(opts.db, opts.governmentId);
  const rows = await repo.listPatterns(opts.db, opts.governmentId, Number(today.slice(0, 4)), opts.agencyId);
  return { items: rows.map((r) => presentPattern(r, today)) };
}

export async function createPattern(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  input: { agencyId: string; kind: string; label: string; pattern: string };
}): Promise<NumberingPattern> {
  authorize(opts.ctx.actor, 'numbering.manage', opts.governmentId);
  checkPattern(opts.input.pattern);
  return opts.db.transaction(async (tx) => {
    const p = await createPatternTx(tx, opts.ctx, opts.governmentId, opts.input);
    return p;
  });
}

/** Adds a pattern (the demo loader and the route use it); the agency must be the government's. */
export async function createPatternTx(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  input: { agencyId: string; kind: string; label: string; pattern: string },
): Promise<NumberingPattern> {
  checkPattern(input.pattern);
  if (!(await repo.agencyOf(tx, governmentId, input.agencyId))) {
    throw invalidField('body.agencyId', { id: 'Perangkat daerah tidak ditemukan', en: 'Agency not found' });
  }
  const id = await repo.insertPattern(tx, { governmentId, ...input });
  if (!id) {
    throw new AppError('DUPLICATE', {
      details: [
        {
          path: 'body.kind',
          message: {
            id: 'Perangkat daerah ini sudah memiliki pola untuk jenis dokumen ini; ubah pola yang ada',
            en: 'This agency already has a pattern for this kind of document; change that one',
          },
        },
      ],
    });
  }
  await recordAudit(tx, ctx, {
    governmentId,
    action: 'numbering_pattern.create',
    entityType: 'numbering_pattern',
    entityId: id,
    after: input,
  });
  const today = await repo.governmentToday(tx, governmentId);
  return presentPattern((await repo.getPattern(tx, governmentId, id, Number(today.slice(0, 4))))!, today);
}

export async function updatePattern(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  id: string;
  input: {
    label?: string | undefined;
    pattern?: string | undefined;
    active?: boolean | undefined;
    expectedUpdatedAt?: string | undefined;
  };
}): Promise<NumberingPattern> {
  authorize(opts.ctx.actor, 'numbering.manage', opts.governmentId);
  if (opts.input.pattern !== undefined) checkPattern(opts.input.pattern);
  return opts.db.transaction(async (tx) => {
    const today = await repo.governmentToday(tx, opts.governmentId);
    const year = Number(today.slice(0, 4));
    const before = await repo.getPattern(tx, opts.governmentId, opts.id, year);
    if (!before) throw notFound();
    const next = {
      label: opts.input.label ?? before.label,
      pattern: opts.input.pattern ?? before.pattern,
      active: opts.input.active ?? before.active,
    };
    assertFresh(await repo.updatePattern(tx, before.id, next, opts.input.expectedUpdatedAt));
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'numbering_pattern.update',
      entityType: 'numbering_pattern',
      entityId: before.id,
      before: { label: before.label, pattern: before.pattern, active: before.active },
      after: next,
    });
    return presentPattern((await repo.getPattern(tx, opts.governmentId, before.id, year))!, today);
  });
}

// ── numbers ─────────────────────────────────────────────────────────────────────────────────
export interface AllocateInput {
  governmentId: string;
  agencyId: string;
  kind: string;
  /** The date the document carries (`yyyy-mm-dd`); today in the government's time zone if absent. */
  entryDate?: string | undefined;
  /** Perihal. */
  subject: string;
  /** Addressee (outgoing) or origin (incoming). */
  counterpart?: string | undefined;
  note?: string | undefined;
  /** What the number was given to (e.g. `{ kind: 'signed_document', id }`). */
  link?: { kind: string; id: string } | null;
  caseId?: string | null;
}

/**
 * Gives the next number of an agency's kind of document inside the caller's transaction and
 * writes it in the buku agenda. Two transactions allocating at once never get the same number:
 * the second waits on the counter row until the first commits or rolls back.
 */
export async function allocateNumberTx(tx: Tx, ctx: RequestContext, input: AllocateInput): Promise<AgendaEntry> {
  const actor = authorize(ctx.actor, 'numbering.allocate', input.governmentId);
  const agency = await repo.agencyOf(tx, input.governmentId, input.agencyId);
  if (!agency) throw invalidField('body.agencyId', { id: 'Perangkat daerah tidak ditemukan', en: 'Agency not found' });
  if (actor.role === 'member') {
    const held = actor.employeeId ? await heldPositions(tx, actor.employeeId) : [];
    if (!held.some((h) => h.agency_id === input.agencyId)) throw new AppError('FORBIDDEN');
  }
  const pattern = await repo.patternFor(tx, input.agencyId, input.kind);
  if (!pattern) {
    throw new AppError('NUMBERING_PATTERN_MISSING', {
      details: [
        {
          path: 'body.kind',
          message: {
            id: `Belum ada pola penomoran "${input.kind}" di ${agency.name}`,
            en: `No numbering pattern "${input.kind}" in ${agency.name}`,
          },
        },
      ],
    });
  }
  const today = await repo.governmentToday(tx, input.governmentId);
  const entryDate = input.entryDate ?? today;
  const year = Number(entryDate.slice(0, 4));
  const sequence = await repo.nextSequence(tx, {
    governmentId: input.governmentId,
    agencyId: input.agencyId,
    kind: input.kind,
    year,
  });
  const number = formatDocumentNumber(pattern.pattern, sequence, entryDate);
  const id = await repo.insertEntry(tx, {
    governmentId: input.governmentId,
    agencyId: input.agencyId,
    kind: input.kind,
    kindLabel: pattern.label,
    year,
    sequence,
    number,
    pattern: pattern.pattern,
    entryDate,
    subject: input.subject,
    counterpart: input.counterpart ?? '',
    note: input.note ?? '',
    link: input.link ?? null,
    caseId: input.caseId ?? null,
    userId: actor.userId,
    userName: actor.displayName,
    position: actor.actingPositionName,
  });
  await recordAudit(tx, ctx, {
    governmentId: input.governmentId,
    action: 'agenda_entry.allocate',
    entityType: 'agenda_entry',
    entityId: id,
    after: { agencyId: input.agencyId, kind: input.kind, year, sequence, number, entryDate, subject: input.subject },
  });
  return presentEntry((await repo.getEntry(tx, input.governmentId, id))!);
}

export async function allocateNumber(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  input: Omit<AllocateInput, 'governmentId' | 'link' | 'caseId'>;
}): Promise<AgendaEntry> {
  authorize(opts.ctx.actor, 'numbering.allocate', opts.governmentId);
  const today = await repo.governmentToday(opts.db, opts.governmentId);
  if (opts.input.entryDate && opts.input.entryDate.slice(0, 4) !== today.slice(0, 4)) {
    throw invalidField('body.entryDate', {
      id: 'Tanggal harus dalam tahun berjalan: nomor urut dihitung per tahun',
      en: 'The date must be in the current year: running numbers count per year',
    });
  }
  return opts.db.transaction((tx) =>
    allocateNumberTx(tx, opts.ctx, { ...opts.input, governmentId: opts.governmentId }),
  );
}

/** Marks a number void with a reason; it stays in the book and is never given again. */
export async function voidAgendaEntryTx(
  tx: Tx,
  ctx: RequestContext,
  input: { governmentId: string; entryId: string; reason: string },
): Promise<AgendaEntry> {
  const actor = ctx.actor;
  const e = await repo.getEntry(tx, input.governmentId, input.entryId, true);
  if (!e) throw notFound();
  if (e.status === 'void') {
    throw new AppError('CONFLICT', {
      message: { id: 'Nomor ini sudah dibatalkan', en: 'This number has already been voided' },
    });
  }
  await repo.voidEntry(tx, e.id, actor?.userId ?? null, input.reason);
  await recordAudit(tx, ctx, {
    governmentId: input.governmentId,
    action: 'agenda_entry.void',
    entityType: 'agenda_entry',
    entityId: e.id,
    before: { status: 'active', number: e.number },
    after: { status: 'void', reason: input.reason },
  });
  return presentEntry((await repo.getEntry(tx, input.governmentId, e.id))!);
}

export async function voidAgendaEntry(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  id: string;
  reason: string;
}): Promise<AgendaEntry> {
  authorize(opts.ctx.actor, 'numbering.manage', opts.governmentId);
  return opts.db.transaction((tx) =>
    voidAgendaEntryTx(tx, opts.ctx, { governmentId: opts.governmentId, entryId: opts.id, reason: opts.reason }),
  );
}

/** Notes what a number was given to, once that exists (e.g. the signed document it numbers). */
export async function linkAgendaEntryTx(
  tx: Tx,
  governmentId: string,
  entryId: string,
  link: { kind: string; id: string },
): Promise<void> {
  const e = await repo.getEntry(tx, governmentId, entryId, true);
  if (!e)
    throw invalidField('body.agendaEntryId', {
      id: 'Nomor tidak ditemukan di buku agenda',
      en: 'No such agenda entry',
    });
  await repo.linkEntry(tx, entryId, link);
}

// ── the book ────────────────────────────────────────────────────────────────────────────────
export async function listAgenda(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  query: AgendaListQuery;
}) {
  authorize(opts.ctx.actor, 'numbering.read', opts.governmentId);
  const { page, pageSize, ...filter } = opts.query;
  const { rows, total } = await repo.listEntries(opts.db, opts.governmentId, filter, { page, pageSize });
  return { items: rows.map(presentEntry), total, page, pageSize };
}

export async function exportAgenda(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  query: Omit<AgendaListQuery, 'page' | 'pageSize'>;
}): Promise<{ bytes: Buffer; fileName: string }> {
  authorize(opts.ctx.actor, 'numbering.read', opts.governmentId);
  const { rows } = await repo.listEntries(opts.db, opts.governmentId, opts.query, null);
  const entries = rows.map(presentEntry);
  const gov = await opts.db.query<{ name: string; code: string }>('SELECT name, code FROM governments WHERE id = $1', [
    opts.governmentId,
  ]);
  const filters = [
    opts.query.year ? `Tahun ${opts.query.year}` : '',
    opts.query.from || opts.query.to ? `Tanggal ${opts.query.from ?? '…'} s.d. ${opts.query.to ?? '…'}` : '',
    opts.query.kind ? `Jenis ${documentKindLabels[opts.query.kind]?.id ?? opts.query.kind}` : '',
    opts.query.status === 'void' ? 'Hanya nomor batal' : opts.query.status === 'active' ? 'Tanpa nomor batal' : '',
  ].filter(Boolean);
  type Row = AgendaEntry & { no: number };
  const bytes = await buildWorkbook(
    [
      {
        name: 'Buku Agenda',
        title: [
          'BUKU AGENDA SURAT/DOKUMEN',
          gov[0]?.name ?? '',
          filters.join(' · ') || 'Semua nomor',
          `Diunduh ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
        ],
        columns: [
          { header: 'No.', width: 6, type: 'number', value: (r: Row) => r.no },
          { header: 'Tanggal', width: 12, value: (r: Row) => r.entryDate },
          { header: 'Nomor', width: 26, value: (r: Row) => r.number },
          { header: 'Jenis', width: 26, value: (r: Row) => r.kindLabel },
          { header: 'Perangkat Daerah', width: 30, value: (r: Row) => r.agencyName },
          { header: 'Perihal', width: 40, value: (r: Row) => r.subject },
          { header: 'Kepada/Dari', width: 28, value: (r: Row) => r.counterpart },
          { header: 'Dicatat oleh', width: 28, value: (r: Row) => r.createdByName },
          { header: 'Jabatan', width: 28, value: (r: Row) => r.createdByPosition ?? '' },
          { header: 'Status', width: 10, value: (r: Row) => (r.status === 'void' ? 'Batal' : 'Aktif') },
          { header: 'Alasan batal', width: 30, value: (r: Row) => r.voidReason },
          { header: 'Keterangan', width: 30, value: (r: Row) => r.note },
        ],
        rows: entries.map((e, i) => ({ ...e, no: i + 1 })),
      } as ExportSheet<Row> as ExportSheet<unknown>,
    ],
    { creator: 'SIDAKIN', title: 'Buku Agenda' },
  );
  return { bytes, fileName: `buku-agenda-${gov[0]?.code ?? 'pemerintah'}.xlsx` };
}
