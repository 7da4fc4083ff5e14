import {
  achievement,
  type CollectionCompleteness,
  type CollectionForm,
  type CollectionPeriod,
  type CollectionPeriodCode,
  type CollectionRow,
  type CollectionSubmission,
  type CollectionValueDetail,
  compareDecimals,
  type createCollectionPeriodBody,
  type evidenceInput,
  formatIndonesianNumber,
  indonesianMonths,
  type Locale,
  type LocalizedText,
  parseIndonesianNumber,
  type SaveCollectionValueBody,
  targetQuarterOf,
  type updateCollectionPeriodBody,
  type ValueIssue,
} from '@sidakin/core';
import type { z } from 'zod';
import type { Database, Queryable, Tx } from '../../db/database.js';
import { AppError, assertFresh, invalidField, notFound } from '../../errors.js';
import { authorize } from '../../http/access.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit.service.js';
import * as filesRepo from '../files/files.repo.js';
import * as repo from './collection.repo.js';

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d ? iso(d) : null);
const text = (t: LocalizedText, locale: Locale) => t[locale];

// ── periods ──────────────────────────────────────────────────────────────────────────────────
const romans = ['I', 'II', 'III', 'IV'];

/** "Triwulan III 2026" or "Agustus 2026". */
export function defaultPeriodLabel(year: number, period: string): string {
  if (period.startsWith('q')) return `Triwulan ${romans[Number(period.slice(1)) - 1]} ${year}`;
  return `${indonesianMonths[Number(period.slice(1)) - 1]} ${year}`;
}

export function presentPeriod(r: repo.PeriodRow): CollectionPeriod {
  return {
    id: r.id,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    year: r.year,
    period: r.period as CollectionPeriodCode,
    label: r.label,
    opensOn: r.opens_on,
    closesOn: r.closes_on,
    status: r.status,
    lockedAt: isoOrNull(r.locked_at),
    updatedAt: iso(r.updated_at),
  };
}

export async function requirePeriod(db: Queryable, governmentId: string, id: string, lock = false) {
  const p = await repo.getPeriod(db, governmentId, id, lock);
  if (!p) throw notFound();
  return p;
}

export async function listPeriods(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  query: { agencyId?: string | undefined; year?: number | undefined };
}) {
  authorize(opts.ctx.actor, 'collection.read', opts.governmentId);
  const rows = await repo.listPeriods(opts.db, opts.governmentId, {
    ...(opts.query.agencyId ? { agencyId: opts.query.agencyId } : {}),
    ...(opts.query.year ? { year: opts.query.year } : {}),
  });
  return { items: rows.map(presentPeriod) };
}

export async function getPeriod(opts: { db: Database; ctx: RequestContext; governmentId: string; periodId: string }) {
  authorize(opts.ctx.actor, 'collection.read', opts.governmentId);
  return presentPeriod(await requirePeriod(opts.db, opts.governmentId, opts.periodId));
}

export async function createPeriod(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  input: z.infer<typeof createCollectionPeriodBody>;
}) {
  authorize(opts.ctx.actor, 'collection.manage', opts.governmentId);
  return opts.db.transaction(async (tx) =>
    presentPeriod(await createPeriodTx(tx, opts.ctx, opts.governmentId, opts.input)),
  );
}

export async function createPeriodTx(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  input: z.infer<typeof createCollectionPeriodBody>,
): Promise<repo.PeriodRow> {
  const agency = await repo.agencyOf(tx, governmentId, input.agencyId);
  if (!agency) {
    throw invalidField('body.agencyId', {
      id: 'Perangkat daerah tidak ada di pemerintah daerah ini',
      en: 'The agency does not exist in this government',
    });
  }
  if (input.closesOn < input.opensOn) {
    throw invalidField('body.closesOn', {
      id: 'Tanggal tutup tidak boleh sebelum tanggal buka',
      en: 'The closing date cannot be before the opening date',
    });
  }
  const taken = await tx.query('SELECT 1 FROM collection_periods WHERE agency_id = $1 AND year = $2 AND period = $3', [
    input.agencyId,
    input.year,
    input.period,
  ]);
  if (taken.length) {
    throw new AppError('DUPLICATE', {
      details: [
        {
          path: 'body.period',
          message: {
            id: 'Periode ini sudah ada untuk perangkat daerah dan tahun tersebut',
            en: 'This period already exists for the agency and year',
          },
        },
      ],
    });
  }
  const id = await repo.insertPeriod(tx, {
    governmentId,
    agencyId: input.agencyId,
    year: input.year,
    period: input.period,
    label: input.label ?? defaultPeriodLabel(input.year, input.period),
    opensOn: input.opensOn,
    closesOn: input.closesOn,
  });
  const row = (await repo.getPeriod(tx, governmentId, id))!;
  await recordAudit(tx, ctx, {
    governmentId,
    action: 'collection_period.create',
    entityType: 'collection_period',
    entityId: id,
    after: presentPeriod(row),
  });
  return row;
}

function assertNotLocked(p: repo.PeriodRow): void {
  if (p.status === 'locked') throw new AppError('PERIOD_LOCKED');
}

export async function updatePeriod(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  periodId: string;
  input: z.infer<typeof updateCollectionPeriodBody>;
}) {
  authorize(opts.ctx.actor, 'collection.manage', opts.governmentId);
  return opts.db.transaction(async (tx) => {
    const before = await requirePeriod(tx, opts.governmentId, opts.periodId, true);
    assertNotLocked(before);
    const next = {
      label: opts.input.label ?? before.label,
      opensOn: opts.input.opensOn ?? before.opens_on,
      closesOn: opts.input.closesOn ?? before.closes_on,
    };
    if (next.closesOn < next.opensOn) {
      throw invalidField('body.closesOn', {
        id: 'Tanggal tutup tidak boleh sebelum tanggal buka',
        en: 'The closing date cannot be before the opening date',
      });
    }
    assertFresh(await repo.updatePeriod(tx, before.id, next, opts.input.expectedUpdatedAt));
    const after = (await repo.getPeriod(tx, opts.governmentId, before.id))!;
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'collection_period.update',
      entityType: 'collection_period',
      entityId: before.id,
      before: presentPeriod(before),
      after: presentPeriod(after),
    });
    return presentPeriod(after);
  });
}

/** Locks a period: from then on every value, evidence and comment write is refused (409). */
export async function lockPeriod(opts: { db: Database; ctx: RequestContext; governmentId: string; periodId: string }) {
  const actor = authorize(opts.ctx.actor, 'collection.manage', opts.governmentId);
  return opts.db.transaction(async (tx) => {
    const p = await requirePeriod(tx, opts.governmentId, opts.periodId, true);
    assertNotLocked(p);
    await lockPeriodTx(tx, opts.ctx, p, actor.userId, null);
    return presentPeriod((await repo.getPeriod(tx, opts.governmentId, p.id))!);
  });
}

export async function lockPeriodTx(
  tx: Tx,
  ctx: RequestContext,
  p: repo.PeriodRow,
  userId: string | null,
  caseId: string | null,
): Promise<void> {
  await repo.lockPeriod(tx, p.id, userId, caseId);
  await recordAudit(tx, ctx, {
    governmentId: p.government_id,
    action: 'collection_period.lock',
    entityType: 'collection_period',
    entityId: p.id,
    before: { status: p.status },
    after: { status: 'locked', caseId },
  });
}

// ── who may do what ──────────────────────────────────────────────────────────────────────────
interface Rights {
  admin: boolean;
  held: repo.HeldRow[];
  units: Map<string, repo.UnitLite>;
  employeeId: string | null;
}

async function rightsOf(db: Queryable, actor: Actor, agencyId: string): Promise<Rights> {
  const admin = actor.role !== 'member';
  const held = actor.employeeId ? await repo.heldInAgency(db, actor.employeeId, agencyId) : [];
  const units = new Map((await repo.unitsOfAgency(db, agencyId)).map((u) => [u.id, u]));
  return { admin, held, units, employeeId: actor.employeeId };
}

/** True when `unitId` is `ancestorId` or lies under it. */
function within(r: Rights, unitId: string, ancestorId: string): boolean {
  let u: string | null = unitId;
  for (let guard = 0; u && guard < 50; guard++) {
    if (u === ancestorId) return true;
    u = r.units.get(u)?.parent_id ?? null;
  }
  return false;
}

const agencyLead = (h: repo.HeldRow) => h.unit_id === null && (h.kind === 'head' || h.kind === 'secretary');

/**
 * Someone of the unit enters its data: a position in the unit or below it (the secretary counts
 * for the sekretariat). The agency's own values belong to its leadership and its sekretariat.
 */
function canEnter(r: Rights, unitId: string | null): boolean {
  if (r.admin) return true;
  if (unitId === null) {
    return r.held.some(
      (h) =>
        agencyLead(h) ||
        (h.unit_id !== null &&
          [...r.units.values()].some((u) => u.kind === 'sekretariat' && within(r, h.unit_id!, u.id))),
    );
  }
  const unit = r.units.get(unitId);
  return r.held.some(
    (h) =>
      (h.unit_id !== null && within(r, h.unit_id, unitId)) || (unit?.kind === 'sekretariat' && h.kind === 'secretary'),
  );
}

/** A reviewer: the head of the unit or of a unit above it, or the agency's head or secretary. */
function canReview(r: Rights, unitId: string | null): boolean {
  if (r.admin) return true;
  return r.held.some(
    (h) =>
      agencyLead(h) || (unitId !== null && h.kind === 'head' && h.unit_id !== null && within(r, unitId, h.unit_id)),
  );
}

function assertWindow(p: repo.PeriodRow, r: Rights): void {
  assertNotLocked(p);
  if (r.admin) return;
  if (p.today < p.opens_on || p.today > p.closes_on) throw new AppError('COLLECTION_WINDOW_CLOSED');
}

// ── rows: targets, achievement, errors and warnings ──────────────────────────────────────────
interface Slot extends repo.SlotRow {}

function slotKey(k: { indicator_id: string | null; individual_indicator_id: string | null; unit_id: string | null }) {
  return k.indicator_id ? `i:${k.indicator_id}:${k.unit_id ?? 'agency'}` : `k:${k.individual_indicator_id}`;
}

const targetOf = (v: string | null, lo: string | null, hi: string | null) =>
  v === null && lo === null && hi === null ? null : { value: v, low: lo, high: hi };

/** A decimal as written in Indonesian ("95,25", "1.250"); as is in English. */
const idNum = (v: string) => formatIndonesianNumber(v, v.split('.')[1]?.length ?? 0);

const issueText = {
  notEntered: { id: 'Realisasi belum diisi', en: 'The actual value has not been entered' },
  outOfRange: (min: string | null, max: string | null): LocalizedText => ({
    id: `Nilai di luar rentang yang valid (${min === null ? '−∞' : idNum(min)} s.d. ${max === null ? '∞' : idNum(max)})`,
    en: `The value is outside the valid range (${min ?? '−∞'} to ${max ?? '∞'})`,
  }),
  evidenceMissing: {
    id: 'Bukti dukung wajib untuk indikator ini dan belum dilampirkan',
    en: 'Evidence is required for this indicator and none is attached',
  },
  returned: (reason: string): LocalizedText => ({
    id: `Dikembalikan untuk diisi ulang: ${reason}`,
    en: `Returned for re-entry: ${reason}`,
  }),
  outlier: (mean: string): LocalizedText => ({
    id: `Nilai jauh dari riwayat unit ini (lebih dari 3 simpangan baku dari rata-rata ${idNum(mean)})`,
    en: `The value is far from this unit's history (more than 3 standard deviations from the mean ${mean})`,
  }),
  jump: (prev: string): LocalizedText => ({
    id: `Nilai lebih dari 3 kali atau kurang dari sepertiga nilai periode sebelumnya (${idNum(prev)})`,
    en: `The value is more than 3 times or less than a third of the previous period's (${prev})`,
  }),
  highAchievement: (a: string): LocalizedText => ({
    id: `Capaian ${idNum(a)}% melebihi 150%; periksa kembali target dan realisasi`,
    en: `Achievement of ${a}% is above 150%; check the target and the actual value`,
  }),
};

/** Warnings against the unit's own earlier values (oldest first). */
function historyWarnings(actual: string, history: string[], locale: Locale): ValueIssue[] {
  const out: ValueIssue[] = [];
  const x = Number(actual);
  const h = history.map(Number);
  if (h.length >= 4) {
    const mean = h.reduce((a, b) => a + b, 0) / h.length;
    const sd = Math.sqrt(h.reduce((a, b) => a + (b - mean) ** 2, 0) / h.length);
    if (sd > 0 && Math.abs(x - mean) > 3 * sd) {
      out.push({
        code: 'OUTLIER_HISTORY',
        path: 'actual',
        message: text(issueText.outlier((Math.round(mean * 100) / 100).toFixed(2).replace(/\.?0+$/, '')), locale),
      });
    }
  }
  const prev = history.at(-1);
  if (prev !== undefined && Number(prev) > 0 && (x > 3 * Number(prev) || x < Number(prev) / 3)) {
    out.push({ code: 'JUMP_PREVIOUS', path: 'actual', message: text(issueText.jump(prev), locale) });
  }
  return out;
}

function rowOf(
  slot: Slot,
  quarter: string,
  v: repo.ValueRow | undefined,
  history: string[],
  locale: Locale,
): CollectionRow {
  const target = targetOf(slot.t_value, slot.t_low, slot.t_high);
  const ach = v
    ? achievement({
        direction: slot.direction,
        lowerBetterFormula: slot.lower_better_formula,
        target,
        actual: v.actual,
      })
    : null;
  const errors: ValueIssue[] = [];
  const warnings: ValueIssue[] = [];
  const required = slot.indicator_id !== null;
  if (!v) {
    if (required) errors.push({ code: 'NOT_ENTERED', path: 'actual', message: text(issueText.notEntered, locale) });
  } else {
    const low = slot.valid_min !== null && compareDecimals(v.actual, slot.valid_min) < 0;
    const high = slot.valid_max !== null && compareDecimals(v.actual, slot.valid_max) > 0;
    if (low || high) {
      errors.push({
        code: 'OUT_OF_RANGE',
        path: 'actual',
        message: text(issueText.outOfRange(slot.valid_min, slot.valid_max), locale),
      });
    }
    if (slot.evidence_required && v.evidence_count === 0) {
      errors.push({ code: 'EVIDENCE_MISSING', path: 'evidence', message: text(issueText.evidenceMissing, locale) });
    }
    if (v.returned_reason !== null) {
      errors.push({ code: 'RETURNED', path: 'actual', message: text(issueText.returned(v.returned_reason), locale) });
    }
    warnings.push(...historyWarnings(v.actual, history, locale));
    if (ach?.value && compareDecimals(ach.value, '150') > 0) {
      warnings.push({
        code: 'ACHIEVEMENT_HIGH',
        path: 'achievement',
        message: text(issueText.highAchievement(ach.value), locale),
      });
    }
  }
  return {
    valueId: v?.id ?? null,
    indicatorId: slot.indicator_id,
    individualIndicatorId: slot.individual_indicator_id,
    unitId: slot.unit_id,
    code: slot.code,
    name: slot.name,
    unitOfMeasure: slot.unit_of_measure,
    direction: slot.direction,
    lowerBetterFormula: slot.lower_better_formula,
    decimals: slot.decimals,
    evidenceRequired: slot.evidence_required,
    validMin: slot.valid_min,
    validMax: slot.valid_max,
    target,
    targetPeriod: quarter,
    annualTarget: targetOf(slot.y_value, slot.y_low, slot.y_high),
    version: v?.version_no ?? 0,
    actual: v?.actual ?? null,
    budgetSpent: v?.budget_spent ?? null,
    supportingFactors: v?.supporting_factors ?? '',
    inhibitingFactors: v?.inhibiting_factors ?? '',
    followUp: v?.follow_up ?? '',
    achievement: ach?.value ?? null,
    achievementReason: ach?.reason ?? null,
    errors,
    warnings,
    evidenceCount: v?.evidence_count ?? 0,
    openFlags: v?.open_flags ?? 0,
    commentCount: v?.comment_count ?? 0,
    returnedReason: v?.returned_reason ?? null,
    updatedAt: v ? iso(v.updated_at) : null,
    updatedByName: v?.updated_by_name ?? null,
  };
}

/** Everything one period needs to present its forms, read once. */
interface PeriodData {
  period: repo.PeriodRow;
  quarter: string;
  agreements: repo.FormUnitRow[];
  values: Map<string, repo.ValueRow>;
  history: Map<string, string[]>;
  submissions: repo.SubmissionRow[];
}

async function periodData(db: Queryable, period: repo.PeriodRow, asOf: Date | null = null): Promise<PeriodData> {
  const [agreements, values, history, submissions] = await Promise.all([
    repo.answeringAgreements(db, period.agency_id, period.year),
    asOf ? repo.valuesOfPeriodAsOf(db, period.id, asOf) : repo.valuesOfPeriod(db, period.id),
    repo.historyBefore(db, { agencyId: period.agency_id, year: period.year, period: period.period }),
    repo.submissionsOf(db, period.id),
  ]);
  const hist = new Map<string, string[]>();
  for (const h of history) {
    const k = slotKey(h);
    hist.set(k, [...(hist.get(k) ?? []), h.actual]);
  }
  return {
    period,
    quarter: targetQuarterOf(period.period as CollectionPeriodCode),
    agreements,
    values: new Map(values.map((v) => [slotKey(v), v])),
    history: hist,
    submissions,
  };
}

async function slotsOf(db: Queryable, d: PeriodData, unitId: string | null) {
  const a = d.agreements.find((x) => x.unit_id === unitId);
  const indicators = a ? await repo.agreementSlots(db, a.agreement_id, unitId, d.quarter) : [];
  const individual = await repo.individualSlots(db, d.period.agency_id, unitId, d.period.year, d.quarter);
  return { indicators, individual };
}

function rowsOf(d: PeriodData, slots: Slot[], locale: Locale): CollectionRow[] {
  return slots.map((s) => rowOf(s, d.quarter, d.values.get(slotKey(s)), d.history.get(slotKey(s)) ?? [], locale));
}

async function presentSubmission(
  db: Queryable,
  d: PeriodData,
  unitId: string | null,
  unitName: string,
): Promise<CollectionSubmission> {
  const s = d.submissions.find((x) => x.unit_id === unitId);
  const since = s?.returned_at ?? null;
  return {
    unitId,
    unitName,
    status: s?.status ?? 'draft',
    completedAt: isoOrNull(s?.completed_at ?? null),
    completedByName: s?.completed_by_name ?? null,
    reviewedAt: isoOrNull(s?.reviewed_at ?? null),
    reviewedByName: s?.reviewed_by_name ?? null,
    returnReason: s?.return_reason ?? null,
    returnedAt: isoOrNull(since),
    changedSinceReturn: since ? await repo.changedSince(db, d.period.id, unitId, since) : 0,
    updatedAt: isoOrNull(s?.updated_at ?? null),
  };
}

function unitNameOf(d: PeriodData, r: Rights | null, unitId: string | null, fallback: string): string {
  if (unitId === null) return d.period.agency_name;
  return d.agreements.find((a) => a.unit_id === unitId)?.unit_name ?? r?.units.get(unitId)?.name ?? fallback;
}

/** What `actor` may do on the form (nothing when no one asks: documents, steps, the demo). */
async function accessOf(db: Queryable, period: repo.PeriodRow, unitId: string | null, actor?: Actor | null) {
  const windowOpen = period.status === 'open' && period.today >= period.opens_on && period.today <= period.closes_on;
  if (!actor || period.status !== 'open') return { enter: false, review: false, windowOpen };
  const r = await rightsOf(db, actor, period.agency_id);
  return { enter: canEnter(r, unitId) && (windowOpen || r.admin), review: canReview(r, unitId), windowOpen };
}

export async function formOf(
  db: Queryable,
  period: repo.PeriodRow,
  unitId: string | null,
  locale: Locale,
  actor?: Actor | null,
  opts: { asOfLock?: boolean } = {},
): Promise<CollectionForm> {
  // "Data before review": the values as they stood at the lock, before any correction.
  const asOf = opts.asOfLock && period.locked_at ? new Date(period.locked_at) : null;
  const d = await periodData(db, period, asOf);
  const slots = await slotsOf(db, d, unitId);
  const units = await repo.unitsOfAgency(db, period.agency_id);
  if (unitId !== null && !units.some((u) => u.id === unitId)) throw notFound();
  const name = unitId === null ? period.agency_name : units.find((u) => u.id === unitId)!.name;
  return {
    access: asOf ? { enter: false, review: false, windowOpen: false } : await accessOf(db, period, unitId, actor),
    period: presentPeriod(period),
    submission: await presentSubmission(db, d, unitId, name),
    rows: rowsOf(d, slots.indicators, locale),
    individualRows: rowsOf(d, slots.individual, locale),
    asOf: asOf ? asOf.toISOString() : null,
  };
}

const unitOfParam = (unit: string) => (unit === 'agency' ? null : unit);

export async function getForm(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  periodId: string;
  unit: string;
  asOf?: 'current' | 'lock';
}) {
  authorize(opts.ctx.actor, 'collection.read', opts.governmentId);
  const p = await requirePeriod(opts.db, opts.governmentId, opts.periodId);
  if (opts.asOf === 'lock' && p.status !== 'locked') {
    throw new AppError('VALIDATION', {
      details: [
        {
          path: 'query.asOf',
          message: {
            id: 'Periode ini belum dikunci: belum ada data sebelum reviu',
            en: 'This period is not locked: there is no data before review yet',
          },
        },
      ],
    });
  }
  return formOf(opts.db, p, unitOfParam(opts.unit), opts.ctx.locale, opts.ctx.actor, {
    asOfLock: opts.asOf === 'lock',
  });
}

export async function completenessOf(
  db: Queryable,
  period: repo.PeriodRow,
  locale: Locale,
  actor?: Actor | null,
): Promise<CollectionCompleteness> {
  const d = await periodData(db, period);
  const r = actor ? await rightsOf(db, actor, period.agency_id) : null;
  const units: CollectionCompleteness['units'] = [];
  const perIndicator = new Map<string, CollectionCompleteness['indicators'][number]>();
  for (const a of d.agreements) {
    const { indicators } = await slotsOf(db, d, a.unit_id);
    const rows = rowsOf(d, indicators, locale);
    units.push({
      unitId: a.unit_id,
      unitName: unitNameOf(d, null, a.unit_id, ''),
      required: rows.length,
      entered: rows.filter((r) => r.valueId).length,
      errors: rows.reduce((n, r) => n + r.errors.length, 0),
      warnings: rows.reduce((n, r) => n + r.warnings.length, 0),
      status: d.submissions.find((s) => s.unit_id === a.unit_id)?.status ?? 'draft',
      canEnter: r !== null && canEnter(r, a.unit_id),
      canReview: r !== null && canReview(r, a.unit_id),
    });
    for (const r of rows) {
      const e = perIndicator.get(r.indicatorId!) ?? {
        indicatorId: r.indicatorId!,
        code: r.code,
        name: r.name,
        required: 0,
        entered: 0,
      };
      e.required++;
      if (r.valueId) e.entered++;
      perIndicator.set(r.indicatorId!, e);
    }
  }
  return {
    period: presentPeriod(period),
    units,
    indicators: [...perIndicator.values()],
    required: units.reduce((n, u) => n + u.required, 0),
    entered: units.reduce((n, u) => n + u.entered, 0),
  };
}

export async function getCompleteness(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  periodId: string;
}) {
  authorize(opts.ctx.actor, 'collection.read', opts.governmentId);
  const p = await requirePeriod(opts.db, opts.governmentId, opts.periodId);
  return completenessOf(opts.db, p, opts.ctx.locale, opts.ctx.actor);
}

/** The units (not the agency itself) whose current agreement of the period's year holds indicators. */
export async function answeringUnits(db: Queryable, p: repo.PeriodRow): Promise<string[]> {
  return (await repo.answeringAgreements(db, p.agency_id, p.year)).flatMap((a) => (a.unit_id ? [a.unit_id] : []));
}

// ── values ───────────────────────────────────────────────────────────────────────────────────
function readDecimal(input: string | number, path: string): string {
  const r = parseIndonesianNumber(input);
  if (!r.ok) throw invalidField(path, r.message);
  return r.value;
}

async function valueDetailOf(
  db: Queryable,
  governmentId: string,
  valueId: string,
  locale: Locale,
): Promise<CollectionValueDetail> {
  const v = await repo.getValue(db, governmentId, valueId);
  if (!v) throw notFound();
  const period = (await repo.getPeriod(db, governmentId, v.period_id))!;
  const d = await periodData(db, period);
  const slots = await slotsOf(db, d, v.unit_id);
  const slot = [...slots.indicators, ...slots.individual].find((s) => slotKey(s) === slotKey(v));
  // A value whose indicator has since left the agreement stays readable, without a target.
  const row = slot
    ? rowsOf(d, [slot], locale)[0]!
    : rowOf(
        {
          indicator_id: v.indicator_id,
          individual_indicator_id: v.individual_indicator_id,
          unit_id: v.unit_id,
          code: '',
          name: '',
          unit_of_measure: '',
          direction: 'higher_better',
          lower_better_formula: 'inverse_difference',
          decimals: 2,
          evidence_required: false,
          valid_min: null,
          valid_max: null,
          t_value: null,
          t_low: null,
          t_high: null,
          y_value: null,
          y_low: null,
          y_high: null,
          sort: 0,
        },
        d.quarter,
        v,
        [],
        locale,
      );
  const [versions, evidence, comments, flags] = await Promise.all([
    repo.versionsOf(db, v.id),
    repo.evidenceOf(db, v.id),
    repo.commentsOf(db, v.id),
    repo.flagsOf(db, v.id),
  ]);
  return {
    period: presentPeriod(period),
    row,
    versions: versions.map((x) => ({
      version: x.version_no,
      actual: x.actual,
      budgetSpent: x.budget_spent,
      supportingFactors: x.supporting_factors,
      inhibitingFactors: x.inhibiting_factors,
      followUp: x.follow_up,
      reason: x.reason,
      caseId: x.case_id,
      caseNumber: x.case_number,
      source: x.source,
      createdByName: x.created_by_name,
      createdAt: iso(x.created_at),
      afterLock: x.after_lock,
    })),
    evidence: evidence.map((e) => ({
      id: e.id,
      kind: e.kind,
      fileId: e.file_id,
      fileName: e.file_name,
      url: e.url,
      text: e.body,
      description: e.description,
      createdByName: e.created_by_name,
      createdAt: iso(e.created_at),
      replacedById: e.replaced_by_id,
      replacedAt: isoOrNull(e.replaced_at),
      replaceReason: e.replace_reason,
    })),
    comments: comments.map((c) => ({
      id: c.id,
      body: c.body,
      authorName: c.author_name,
      createdAt: iso(c.created_at),
    })),
    flags: flags.map((f) => ({
      id: f.id,
      note: f.note,
      raisedByName: f.raised_by_name,
      raisedAt: iso(f.raised_at),
      resolution: f.resolution,
      resolvedByName: f.resolved_by_name,
      resolvedAt: isoOrNull(f.resolved_at),
    })),
  };
}

export async function getValue(opts: { db: Database; ctx: RequestContext; governmentId: string; valueId: string }) {
  authorize(opts.ctx.actor, 'collection.read', opts.governmentId);
  return valueDetailOf(opts.db, opts.governmentId, opts.valueId, opts.ctx.locale);
}

export interface ValueKey {
  indicatorId: string | null;
  individualIndicatorId: string | null;
  unitId: string | null;
}

/** Finds what a save is about: an indicator of the unit's (or agency's) agreement, or an IKI. */
/** The slot a value fills (an indicator of the agency or a unit, or an individual indicator), checked against the period's agreements. */
export async function resolveValueKey(
  db: Queryable,
  governmentId: string,
  period: repo.PeriodRow,
  input: {
    indicatorId?: string | undefined;
    individualIndicatorId?: string | undefined;
    unitId?: string | null | undefined;
  },
  path = 'body',
): Promise<ValueKey & { employeeId: string | null }> {
  if (input.individualIndicatorId) {
    const ii = await repo.individualIndicator(db, governmentId, input.individualIndicatorId);
    if (!ii || ii.agency_id !== period.agency_id || ii.year !== period.year) {
      throw invalidField(`${path}.individualIndicatorId`, {
        id: 'Indikator individu ini tidak ada pada perangkat daerah dan tahun periode ini',
        en: "This individual indicator does not exist in the period's agency and year",
      });
    }
    return { indicatorId: null, individualIndicatorId: ii.id, unitId: ii.unit_id, employeeId: ii.employee_id };
  }
  const unitId = input.unitId ?? null;
  const agreements = await repo.answeringAgreements(db, period.agency_id, period.year);
  const a = agreements.find((x) => x.unit_id === unitId);
  const slots = a ? await repo.agreementSlots(db, a.agreement_id, unitId, 'year') : [];
  if (!slots.some((s) => s.indicator_id === input.indicatorId)) {
    throw invalidField(`${path}.indicatorId`, {
      id: `Indikator ini tidak ada dalam Perjanjian Kinerja ${unitId ? 'unit ini' : 'perangkat daerah'} tahun ${period.year}`,
      en: `This indicator is not in the ${unitId ? "unit's" : "agency's"} performance agreement of ${period.year}`,
    });
  }
  return { indicatorId: input.indicatorId!, individualIndicatorId: null, unitId, employeeId: null };
}

function assertFormOpen(s: repo.SubmissionRow): void {
  if (s.status === 'completed' || s.status === 'approved') throw new AppError('FORM_SUBMITTED');
}

interface SaveFields extends repo.ValueFields {}

function fieldsOf(input: SaveCollectionValueBody, current: repo.ValueRow | undefined): SaveFields {
  const actual = readDecimal(input.actual, 'body.actual');
  let budget: string | null = current?.budget_spent ?? null;
  if (input.budgetSpent !== undefined) {
    budget = input.budgetSpent === null ? null : readDecimal(input.budgetSpent, 'body.budgetSpent');
    if (budget?.startsWith('-')) {
      throw invalidField('body.budgetSpent', {
        id: 'Realisasi anggaran tidak boleh negatif',
        en: 'Budget spent cannot be negative',
      });
    }
    if (budget !== null && (budget.split('.')[1]?.length ?? 0) > 2) {
      throw invalidField('body.budgetSpent', {
        id: 'Rupiah paling banyak 2 angka di belakang koma',
        en: 'Rupiah amounts have at most 2 decimals',
      });
    }
  }
  return {
    actual,
    budget_spent: budget,
    supporting_factors: input.supportingFactors ?? current?.supporting_factors ?? '',
    inhibiting_factors: input.inhibitingFactors ?? current?.inhibiting_factors ?? '',
    follow_up: input.followUp ?? current?.follow_up ?? '',
  };
}

const presentFields = (f: SaveFields & { version?: number }) => ({
  ...(f.version !== undefined ? { version: f.version } : {}),
  actual: f.actual,
  budgetSpent: f.budget_spent,
  supportingFactors: f.supporting_factors,
  inhibitingFactors: f.inhibiting_factors,
  followUp: f.follow_up,
});

/**
 * Saves a value as a new version. The save names the version it was based on: a stale one gets
 * 409 with the stored and the sent value side by side, so nothing is silently overwritten.
 */
/** What happens elsewhere when values of a period change (measurement re-measures what depends on them). */
export type ValuesChangedHook = (
  tx: Tx,
  ctx: RequestContext,
  change: { governmentId: string; agencyId: string; year: number; reason: string },
) => Promise<void>;
const valuesChangedHooks: ValuesChangedHook[] = [];

/** Registers a hook run inside the transaction that changed a period's values. */
export function onValuesChanged(hook: ValuesChangedHook): void {
  valuesChangedHooks.push(hook);
}

export async function notifyValuesChanged(
  tx: Tx,
  ctx: RequestContext,
  period: repo.PeriodRow,
  reason: string,
): Promise<void> {
  for (const hook of valuesChangedHooks) {
    await hook(tx, ctx, { governmentId: period.government_id, agencyId: period.agency_id, year: period.year, reason });
  }
}

export async function saveValue(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  periodId: string;
  input: SaveCollectionValueBody;
}) {
  const actor = authorize(opts.ctx.actor, 'collection.enter', opts.governmentId);
  return opts.db.transaction(async (tx) => {
    const period = await requirePeriod(tx, opts.governmentId, opts.periodId, true);
    const r = await rightsOf(tx, actor, period.agency_id);
    assertWindow(period, r);
    const key = await resolveValueKey(tx, opts.governmentId, period, opts.input);
    if (!canEnter(r, key.unitId) && !(key.employeeId && key.employeeId === actor.employeeId)) {
      throw new AppError('FORBIDDEN');
    }
    const valueId = await saveValueTx(tx, opts.ctx, actor, period, key, opts.input, 'form');
    await notifyValuesChanged(tx, opts.ctx, period, `${period.label}: ${actor.displayName}`);
    return valueDetailOf(tx, opts.governmentId, valueId, opts.ctx.locale);
  });
}

export async function saveValueTx(
  tx: Tx,
  ctx: RequestContext,
  actor: { userId: string; displayName: string } | null,
  period: repo.PeriodRow,
  key: ValueKey,
  input: SaveCollectionValueBody,
  source: 'form' | 'import' | 'demo',
): Promise<string> {
  const sub = await repo.submissionFor(tx, period.government_id, period.id, key.unitId);
  assertFormOpen(sub);
  const existingId = await repo.findValue(tx, period.id, key);
  const current = existingId ? await repo.getValue(tx, period.government_id, existingId) : undefined;
  const fields = fieldsOf(input, current);
  const currentVersion = current?.version_no ?? 0;
  if (input.baseVersion !== currentVersion) {
    throw new AppError('STALE_WRITE', {
      details: [
        {
          path: 'body.baseVersion',
          message: {
            id: `Nilai ini sudah diubah menjadi versi ${currentVersion} sejak Anda membukanya; bandingkan nilai tersimpan dengan nilai Anda`,
            en: `This value has been changed to version ${currentVersion} since you opened it; compare the stored value with yours`,
          },
        },
      ],
      data: {
        stored: current
          ? {
              ...presentFields({ ...current, version: current.version_no }),
              updatedAt: iso(current.updated_at),
              updatedByName: current.updated_by_name,
            }
          : null,
        sent: presentFields({ ...fields, version: input.baseVersion }),
      },
    });
  }
  const unchanged =
    current &&
    compareDecimals(current.actual, fields.actual) === 0 &&
    (current.budget_spent === null) === (fields.budget_spent === null) &&
    (current.budget_spent === null || compareDecimals(current.budget_spent, fields.budget_spent!) === 0) &&
    current.supporting_factors === fields.supporting_factors &&
    current.inhibiting_factors === fields.inhibiting_factors &&
    current.follow_up === fields.follow_up &&
    current.returned_reason === null;
  if (unchanged) return current.id;
  const caseId = await repo.openCollectionCase(tx, period.government_id, period.id);
  const version = currentVersion + 1;
  const userId = actor?.userId ?? null;
  let id = current?.id;
  if (!id) {
    id = await repo.insertValue(tx, {
      ...fields,
      government_id: period.government_id,
      period_id: period.id,
      indicator_id: key.indicatorId,
      individual_indicator_id: key.individualIndicatorId,
      unit_id: key.unitId,
      user_id: userId,
    });
  } else {
    await repo.updateValue(tx, id, version, fields, userId);
  }
  await repo.insertVersion(tx, {
    ...fields,
    value_id: id,
    government_id: period.government_id,
    version_no: version,
    reason: input.reason ?? '',
    case_id: caseId,
    source,
    user_id: userId,
    user_name: actor?.displayName ?? 'Sistem',
  });
  await recordAudit(tx, ctx, {
    governmentId: period.government_id,
    action: 'collection_value.save',
    entityType: 'collection_value',
    entityId: id,
    before: current ? presentFields({ ...current, version: current.version_no }) : null,
    after: {
      ...presentFields({ ...fields, version }),
      periodId: period.id,
      indicatorId: key.indicatorId,
      individualIndicatorId: key.individualIndicatorId,
      unitId: key.unitId,
      reason: input.reason ?? '',
      caseId,
      source,
    },
  });
  return id;
}

/**
 * Writes a correction of a locked value as its next version (source `correction`, with the case),
 * inside the transaction that applies the correction. The value must still be at `baseVersion`
 * (0: never entered), or nothing is written: a value that moved on since the correction was proposed
 * is refused with 409 at `path`. The notes of the value are kept; the spending changes only when
 * given. The caller tells the period's dependents once it has applied all its items.
 */
export async function applyCorrectionTx(
  tx: Tx,
  ctx: RequestContext,
  actor: { userId: string; displayName: string },
  input: {
    period: repo.PeriodRow;
    key: ValueKey;
    baseVersion: number;
    actual: string;
    budgetSpent: string | null | undefined;
    reason: string;
    caseId: string;
    path: string;
  },
): Promise<{ valueId: string; version: number }> {
  const { period, key } = input;
  const existingId = await repo.findValue(tx, period.id, key);
  const current = existingId ? await repo.getValue(tx, period.government_id, existingId) : undefined;
  const currentVersion = current?.version_no ?? 0;
  if (currentVersion !== input.baseVersion) {
    throw new AppError('STALE_WRITE', {
      details: [
        {
          path: input.path,
          message: {
            id: `Nilai ini telah berubah menjadi versi ${currentVersion} sejak perbaikan diusulkan atas versi ${input.baseVersion}; usulan perlu diperbarui`,
            en: `This value has become version ${currentVersion} since the correction was proposed against version ${input.baseVersion}; the proposal needs revising`,
          },
        },
      ],
    });
  }
  const fields: repo.ValueFields = {
    actual: input.actual,
    budget_spent: input.budgetSpent === undefined ? (current?.budget_spent ?? null) : input.budgetSpent,
    supporting_factors: current?.supporting_factors ?? '',
    inhibiting_factors: current?.inhibiting_factors ?? '',
    follow_up: current?.follow_up ?? '',
  };
  const version = currentVersion + 1;
  let id = current?.id;
  if (!id) {
    id = await repo.insertValue(tx, {
      ...fields,
      government_id: period.government_id,
      period_id: period.id,
      indicator_id: key.indicatorId,
      individual_indicator_id: key.individualIndicatorId,
      unit_id: key.unitId,
      user_id: actor.userId,
    });
  } else {
    await repo.updateValue(tx, id, version, fields, actor.userId);
  }
  await repo.insertVersion(tx, {
    ...fields,
    value_id: id,
    government_id: period.government_id,
    version_no: version,
    reason: input.reason,
    case_id: input.caseId,
    source: 'correction',
    user_id: actor.userId,
    user_name: actor.displayName,
  });
  await recordAudit(tx, ctx, {
    governmentId: period.government_id,
    action: 'collection_value.correct',
    entityType: 'collection_value',
    entityId: id,
    before: current ? presentFields({ ...current, version: current.version_no }) : null,
    after: {
      ...presentFields({ ...fields, version }),
      periodId: period.id,
      indicatorId: key.indicatorId,
      individualIndicatorId: key.individualIndicatorId,
      unitId: key.unitId,
      reason: input.reason,
      caseId: input.caseId,
      source: 'correction',
    },
  });
  return { valueId: id, version };
}

/** The checks of a save for a whole form (the Excel import): open period, window, the unit's people. */
export async function saveValueRights(
  tx: Tx,
  actor: Actor,
  period: repo.PeriodRow,
  unitId: string | null,
): Promise<void> {
  const r = await rightsOf(tx, actor, period.agency_id);
  assertWindow(period, r);
  if (!canEnter(r, unitId)) throw new AppError('FORBIDDEN');
}

/** A value, its period and what the actor may do with it, for evidence, comments and flags. */
async function valueContext(tx: Tx, actor: Actor, governmentId: string, valueId: string) {
  const v = await repo.getValue(tx, governmentId, valueId, true);
  if (!v) throw notFound();
  const period = (await repo.getPeriod(tx, governmentId, v.period_id, true))!;
  const r = await rightsOf(tx, actor, period.agency_id);
  let owner = false;
  if (v.individual_indicator_id) {
    const ii = await repo.individualIndicator(tx, governmentId, v.individual_indicator_id);
    owner = !!ii && ii.employee_id === actor.employeeId;
  }
  return { v, period, r, enter: canEnter(r, v.unit_id) || owner, review: canReview(r, v.unit_id) };
}

type EvidenceInput = z.infer<typeof evidenceInput>;

async function insertEvidenceTx(
  tx: Tx,
  actor: Actor,
  governmentId: string,
  valueId: string,
  e: EvidenceInput,
  path: string,
) {
  if (e.kind === 'file') {
    const f = await filesRepo.getFile(tx, governmentId, e.fileId);
    if (f?.source !== 'upload' || f.uploaded_by_user_id !== actor.userId) {
      throw invalidField(`${path}.fileId`, {
        id: 'Berkas tidak ditemukan di antara unggahan Anda sendiri; unggah berkasnya terlebih dahulu',
        en: 'The file is not among your own uploads; upload it first',
      });
    }
  }
  return repo.insertEvidence(tx, {
    government_id: governmentId,
    value_id: valueId,
    kind: e.kind,
    file_id: e.kind === 'file' ? e.fileId : null,
    url: e.kind === 'link' ? e.url : null,
    body: e.kind === 'text' ? e.text : null,
    description: e.description ?? '',
    user_id: actor.userId,
    user_name: actor.displayName,
  });
}

export async function addEvidence(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  valueId: string;
  input: EvidenceInput;
}) {
  const actor = authorize(opts.ctx.actor, 'collection.enter', opts.governmentId);
  return opts.db.transaction(async (tx) => {
    const c = await valueContext(tx, actor, opts.governmentId, opts.valueId);
    assertWindow(c.period, c.r);
    if (!c.enter) throw new AppError('FORBIDDEN');
    assertFormOpen(await repo.submissionFor(tx, opts.governmentId, c.period.id, c.v.unit_id));
    const id = await insertEvidenceTx(tx, actor, opts.governmentId, c.v.id, opts.input, 'body');
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'collection_evidence.add',
      entityType: 'collection_value',
      entityId: c.v.id,
      after: { evidenceId: id, ...opts.input },
    });
    return valueDetailOf(tx, opts.governmentId, c.v.id, opts.ctx.locale);
  });
}

/** Replaces one evidence item; the old one stays, marked with the reason and its successor. */
export async function replaceEvidence(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  valueId: string;
  evidenceId: string;
  input: { evidence: EvidenceInput; reason: string };
}) {
  const actor = authorize(opts.ctx.actor, 'collection.enter', opts.governmentId);
  return opts.db.transaction(async (tx) => {
    const c = await valueContext(tx, actor, opts.governmentId, opts.valueId);
    assertWindow(c.period, c.r);
    if (!c.enter) throw new AppError('FORBIDDEN');
    assertFormOpen(await repo.submissionFor(tx, opts.governmentId, c.period.id, c.v.unit_id));
    const old = (await repo.evidenceOf(tx, c.v.id)).find((e) => e.id === opts.evidenceId);
    if (!old) throw notFound();
    if (old.replaced_at) {
      throw new AppError('CONFLICT', {
        details: [
          {
            path: 'params.evidenceId',
            message: { id: 'Bukti dukung ini sudah diganti sebelumnya', en: 'This evidence has already been replaced' },
          },
        ],
      });
    }
    const id = await insertEvidenceTx(tx, actor, opts.governmentId, c.v.id, opts.input.evidence, 'body.evidence');
    await repo.replaceEvidence(tx, old.id, id, opts.input.reason);
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'collection_evidence.replace',
      entityType: 'collection_value',
      entityId: c.v.id,
      before: { evidenceId: old.id, kind: old.kind, fileId: old.file_id, url: old.url, text: old.body },
      after: { evidenceId: id, ...opts.input.evidence, reason: opts.input.reason },
    });
    return valueDetailOf(tx, opts.governmentId, c.v.id, opts.ctx.locale);
  });
}

export async function addComment(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  valueId: string;
  body: string;
}) {
  const actor = authorize(opts.ctx.actor, 'collection.enter', opts.governmentId);
  return opts.db.transaction(async (tx) => {
    const c = await valueContext(tx, actor, opts.governmentId, opts.valueId);
    assertNotLocked(c.period);
    if (!c.enter && !c.review) throw new AppError('FORBIDDEN');
    const id = await repo.insertComment(tx, {
      government_id: opts.governmentId,
      value_id: c.v.id,
      body: opts.body,
      user_id: actor.userId,
      user_name: actor.displayName,
    });
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'collection_comment.add',
      entityType: 'collection_value',
      entityId: c.v.id,
      after: { commentId: id, body: opts.body },
    });
    return valueDetailOf(tx, opts.governmentId, c.v.id, opts.ctx.locale);
  });
}

export async function raiseFlag(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  valueId: string;
  note: string;
}) {
  const actor = authorize(opts.ctx.actor, 'collection.enter', opts.governmentId);
  return opts.db.transaction(async (tx) => {
    const c = await valueContext(tx, actor, opts.governmentId, opts.valueId);
    assertNotLocked(c.period);
    if (!c.enter && !c.review) throw new AppError('FORBIDDEN');
    const id = await repo.insertFlag(tx, {
      government_id: opts.governmentId,
      value_id: c.v.id,
      note: opts.note,
      user_id: actor.userId,
      user_name: actor.displayName,
    });
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'collection_flag.raise',
      entityType: 'collection_value',
      entityId: c.v.id,
      after: { flagId: id, note: opts.note },
    });
    return valueDetailOf(tx, opts.governmentId, c.v.id, opts.ctx.locale);
  });
}

export async function resolveFlag(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  valueId: string;
  flagId: string;
  resolution: string;
}) {
  const actor = authorize(opts.ctx.actor, 'collection.enter', opts.governmentId);
  return opts.db.transaction(async (tx) => {
    const c = await valueContext(tx, actor, opts.governmentId, opts.valueId);
    assertNotLocked(c.period);
    if (!c.enter && !c.review) throw new AppError('FORBIDDEN');
    const flag = (await repo.flagsOf(tx, c.v.id)).find((f) => f.id === opts.flagId);
    if (!flag) throw notFound();
    const ok = await repo.resolveFlag(tx, flag.id, c.v.id, {
      resolution: opts.resolution,
      user_id: actor.userId,
      user_name: actor.displayName,
    });
    if (!ok) {
      throw new AppError('CONFLICT', {
        details: [
          {
            path: 'params.flagId',
            message: { id: 'Tindak lanjut ini sudah diselesaikan', en: 'This flag is already resolved' },
          },
        ],
      });
    }
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'collection_flag.resolve',
      entityType: 'collection_value',
      entityId: c.v.id,
      before: { flagId: flag.id, note: flag.note },
      after: { flagId: flag.id, resolution: opts.resolution },
    });
    return valueDetailOf(tx, opts.governmentId, c.v.id, opts.ctx.locale);
  });
}

// ── submissions ──────────────────────────────────────────────────────────────────────────────
/** Every error of a form, as details naming the value (`values.<indicatorId>.actual`). */
function formErrors(form: CollectionForm): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const row of [...form.rows, ...form.individualRows]) {
    const id = row.indicatorId ?? row.individualIndicatorId;
    for (const e of row.errors) out.push({ path: `values.${id}.${e.path}`, message: `${row.name}: ${e.message}` });
  }
  return out;
}

export interface ActAs {
  userId: string;
  displayName: string;
}

type FormAct = 'complete' | 'approve' | 'return';

/**
 * Moves a form to its next state: the submission, its event (with the case that did it) and the
 * audit record, in the caller's transaction.
 */
async function transition(
  tx: Tx,
  ctx: RequestContext,
  actor: ActAs,
  period: repo.PeriodRow,
  sub: { id: string; status: string },
  unitId: string | null,
  to: { kind: FormAct; status: 'completed' | 'approved' | 'returned'; reason: string | null },
  caseId: string | null,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await repo.setSubmission(tx, sub.id, to.status, actor.userId, to.reason);
  await repo.insertSubmissionEvent(tx, {
    government_id: period.government_id,
    submission_id: sub.id,
    kind: to.kind,
    reason: to.reason ?? '',
    case_id: caseId,
    user_id: actor.userId,
    user_name: actor.displayName,
  });
  await recordAudit(tx, ctx, {
    governmentId: period.government_id,
    action: `collection_submission.${to.kind}`,
    entityType: 'collection_submission',
    entityId: sub.id,
    before: { status: sub.status },
    after: {
      status: to.status,
      ...(to.reason === null ? {} : { reason: to.reason }),
      ...extra,
      periodId: period.id,
      unitId,
      caseId,
    },
  });
}

/** Completes a unit's form (someone of the unit); refused, listing them, while errors remain. */
export async function completeFormTx(
  tx: Tx,
  ctx: RequestContext,
  actor: ActAs,
  period: repo.PeriodRow,
  unitId: string | null,
  caseId: string | null,
): Promise<void> {
  assertNotLocked(period);
  const sub = await repo.submissionFor(tx, period.government_id, period.id, unitId);
  if (sub.status === 'completed' || sub.status === 'approved') {
    throw new AppError('SUBMISSION_STATE', {
      details: [
        {
          path: 'params.unit',
          message: { id: 'Formulir ini sudah diselesaikan', en: 'This form is already completed' },
        },
      ],
    });
  }
  const form = await formOf(tx, period, unitId, ctx.locale);
  if (form.rows.length === 0 && form.individualRows.length === 0) {
    throw invalidField('params.unit', {
      id: 'Unit ini tidak memiliki indikator pada periode ini',
      en: 'This unit has no indicators in this period',
    });
  }
  const errors = formErrors(form);
  if (errors.length) throw new AppError('FORM_HAS_ERRORS', { details: errors });
  await transition(
    tx,
    ctx,
    actor,
    period,
    sub,
    unitId,
    { kind: 'complete', status: 'completed', reason: null },
    caseId,
  );
}

export async function approveFormTx(
  tx: Tx,
  ctx: RequestContext,
  actor: ActAs,
  period: repo.PeriodRow,
  unitId: string | null,
  caseId: string | null,
): Promise<void> {
  assertNotLocked(period);
  const sub = await repo.submissionFor(tx, period.government_id, period.id, unitId);
  if (sub.status !== 'completed') {
    const name = unitId
      ? ((await repo.unitsOfAgency(tx, period.agency_id)).find((u) => u.id === unitId)?.name ?? '')
      : period.agency_name;
    throw new AppError('SUBMISSION_STATE', {
      details: [
        {
          path: 'params.unit',
          message: {
            id: `Data ${name} belum diselesaikan oleh unitnya (status: ${sub.status})`,
            en: `The data of ${name} has not been completed by its unit (status: ${sub.status})`,
          },
        },
      ],
    });
  }
  // The person who completed the form does not approve it.
  if (sub.completed_by_user_id === actor.userId) throw new AppError('SELF_REVIEW');
  await transition(tx, ctx, actor, period, sub, unitId, { kind: 'approve', status: 'approved', reason: null }, caseId);
}

export async function returnFormTx(
  tx: Tx,
  ctx: RequestContext,
  actor: ActAs,
  period: repo.PeriodRow,
  unitId: string | null,
  input: { reason: string; values?: { valueId: string; reason: string }[] | undefined },
  caseId: string | null,
): Promise<void> {
  assertNotLocked(period);
  const sub = await repo.submissionFor(tx, period.government_id, period.id, unitId);
  if (sub.status !== 'completed' && sub.status !== 'approved') {
    throw new AppError('SUBMISSION_STATE', {
      details: [
        {
          path: 'params.unit',
          message: {
            id: 'Hanya formulir yang sudah diselesaikan yang dapat dikembalikan',
            en: 'Only a completed form can be returned',
          },
        },
      ],
    });
  }
  const values = input.values ?? [];
  for (const [i, item] of values.entries()) {
    const v = await repo.getValue(tx, period.government_id, item.valueId);
    if (!v || v.period_id !== period.id || v.unit_id !== unitId) {
      throw invalidField(`body.values.${i}.valueId`, {
        id: 'Nilai ini bukan bagian dari formulir ini',
        en: 'This value is not part of this form',
      });
    }
    await repo.markValueReturned(tx, v.id, item.reason);
  }
  const to = { kind: 'return', status: 'returned', reason: input.reason } as const;
  await transition(tx, ctx, actor, period, sub, unitId, to, caseId, { values });
}

export async function actOnForm(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  periodId: string;
  unit: string;
  act: FormAct;
  input?: { reason: string; values?: { valueId: string; reason: string }[] | undefined };
}) {
  const actor = authorize(opts.ctx.actor, 'collection.enter', opts.governmentId);
  const unitId = unitOfParam(opts.unit);
  return opts.db.transaction(async (tx) => {
    const period = await requirePeriod(tx, opts.governmentId, opts.periodId, true);
    assertNotLocked(period);
    const r = await rightsOf(tx, actor, period.agency_id);
    if (unitId !== null && !r.units.has(unitId)) throw notFound();
    const caseId = await repo.openCollectionCase(tx, opts.governmentId, period.id);
    switch (opts.act) {
      case 'complete':
        if (!canEnter(r, unitId)) throw new AppError('FORBIDDEN');
        await completeFormTx(tx, opts.ctx, actor, period, unitId, caseId);
        break;
      case 'approve':
        if (!canReview(r, unitId)) throw new AppError('FORBIDDEN');
        await approveFormTx(tx, opts.ctx, actor, period, unitId, caseId);
        break;
      case 'return':
        if (!canReview(r, unitId)) throw new AppError('FORBIDDEN');
        await returnFormTx(tx, opts.ctx, actor, period, unitId, opts.input!, caseId);
        break;
    }
    const after = (await repo.getPeriod(tx, opts.governmentId, period.id))!;
    return formOf(tx, after, unitId, opts.ctx.locale, opts.ctx.actor);
  });
}
