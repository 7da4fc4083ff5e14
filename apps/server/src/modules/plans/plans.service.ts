import {
  type AgreementDetail,
  type AgreementIndicator,
  type Agreement as AgreementSummary,
  type addAgreementIndicatorBody,
  checkQuarterTargets,
  compareDecimals,
  type createAgreementBody,
  type createIndicatorBody,
  type createIndividualIndicatorBody,
  type createNodeBody,
  type createPlanBody,
  formatIndonesianNumber,
  formatPersonName,
  type IndividualIndicator,
  type Locale,
  type LocalizedText,
  type moveNodeBody,
  normalizeDecimal,
  type Page,
  type Plan,
  type PlanIndicator,
  type PlanNode,
  type PlanSettings,
  type PlanTree,
  parentKindOf,
  parseIndonesianNumber,
  planNodeKindNames,
  type QuarterTargets,
  quarters,
  type reorderNodesBody,
  type Signatory,
  type setBudgetsBody,
  type setIndicatorTargetsBody,
  type setIndividualTargetsBody,
  type setSignatoriesBody,
  type signatoryInput,
  sumDecimals,
  type Target,
  type TargetInput,
  type updateAgreementIndicatorBody,
  type updateIndicatorBody,
  type updateIndividualIndicatorBody,
  type updateNodeBody,
  type updatePlanBody,
  type Warning,
} from '@sidakin/core';
import type { z } from 'zod';
import type { Database, Queryable, Tx } from '../../db/database.js';
import { AppError, assertFresh, type ErrorDetail, invalidField, notFound } from '../../errors.js';
import { authorize } from '../../http/access.js';
import type { RequestContext } from '../../http/context.js';
import { recordAudit, updateAction } from '../audit/audit.service.js';
import * as repo from './plans.repo.js';

type Body<T extends z.ZodType> = z.input<T>;
type Parsed<T extends z.ZodType> = z.infer<T>;

const iso = (d: Date | string) => new Date(d).toISOString();

// ── problems and messages ────────────────────────────────────────────────────────────────────

/** Collects every problem of a request so that one answer names all the fields at fault. */
class Problems {
  readonly details: ErrorDetail[] = [];
  add(path: string, message: LocalizedText): void {
    this.details.push({ path, message });
  }
  get any(): boolean {
    return this.details.length > 0;
  }
  throwIfAny(code: 'VALIDATION' | 'PLAN_TREE_INVALID' | 'AGREEMENT_INCOMPLETE' = 'VALIDATION'): void {
    if (this.any) throw new AppError(code, { details: this.details });
  }
}

const idNum = (v: string) => formatIndonesianNumber(v, v.split('.')[1]?.length ?? 0);

const msg = {
  missingReference: {
    id: 'Data yang dirujuk tidak ada di pemerintah daerah ini',
    en: 'The referenced record does not exist in this government',
  },
  inactiveReference: { id: 'Data yang dirujuk tidak aktif', en: 'The referenced record is inactive' },
  unitOfOtherAgency: {
    id: 'Unit harus berada di perangkat daerah pemilik Renstra',
    en: 'The unit must belong to the agency that owns the plan',
  },
  targetShape: {
    id: 'Isi target berupa satu nilai, atau rentang dengan batas bawah dan batas atas',
    en: 'Give the target as one value, or as a range with a low and a high bound',
  },
  rangeRequired: {
    id: 'Indikator dengan arah "rentang" memerlukan target berupa rentang (batas bawah dan atas)',
    en: 'An indicator with the "range" direction needs its targets as ranges (low and high)',
  },
  lowAboveHigh: {
    id: 'Batas bawah tidak boleh lebih besar dari batas atas',
    en: 'The low bound cannot be greater than the high bound',
  },
  yearOutside: (start: number, end: number): LocalizedText => ({
    id: `Tahun harus di dalam periode Renstra ${start}–${end}`,
    en: `The year must be inside the plan period ${start}–${end}`,
  }),
  yearTwice: { id: 'Tahun ini disebut lebih dari sekali', en: 'This year is given more than once' },
  nonNegative: { id: 'Nilai tidak boleh negatif', en: 'The value cannot be negative' },
  positive: { id: 'Nilai harus lebih besar dari nol', en: 'The value must be greater than zero' },
  rupiah: { id: 'Pagu paling banyak 2 angka di belakang koma', en: 'A budget ceiling has at most 2 decimals' },
  baselinePair: {
    id: 'Isi nilai dan tahun baseline bersama-sama',
    en: 'Give the baseline value and year together',
  },
  validRange: (min: string, max: string): LocalizedText => ({
    id: `Nilai maksimum valid (${idNum(max)}) tidak boleh lebih kecil dari nilai minimum valid (${idNum(min)})`,
    en: `The valid maximum (${max}) cannot be less than the valid minimum (${min})`,
  }),
  baselineYear: (start: number): LocalizedText => ({
    id: `Tahun baseline paling lambat tahun awal Renstra (${start})`,
    en: `The baseline year must be no later than the plan's first year (${start})`,
  }),
  endBeforeStart: {
    id: 'Tahun akhir tidak boleh sebelum tahun awal',
    en: 'The end year cannot be before the start year',
  },
  periodTooLong: { id: 'Periode Renstra paling lama 10 tahun', en: 'A plan period is at most 10 years' },
  overlap: (p: repo.PlanRow): LocalizedText => ({
    id: `Periode bertumpang tindih dengan Renstra aktif "${p.name}" (${p.start_year}–${p.end_year})`,
    en: `The period overlaps the active plan "${p.name}" (${p.start_year}–${p.end_year})`,
  }),
  yearsInUse: (years: number[]): LocalizedText => ({
    id: `Sudah ada target atau Perjanjian Kinerja pada tahun ${years.join(', ')} di luar periode baru`,
    en: `Targets or performance agreements exist for ${years.join(', ')}, outside the new period`,
  }),
  goalHasNoParent: { id: 'Tujuan tidak boleh memiliki induk', en: 'A goal cannot have a parent' },
  parentKind: (kind: repo.NodeRow['kind']): LocalizedText => {
    const parent = parentKindOf[kind]!;
    return {
      id: `${cap(planNodeKindNames[kind].id)} harus berada langsung di bawah ${planNodeKindNames[parent].id}`,
      en: `${cap(planNodeKindNames[kind].en)} must sit directly under ${/^[aeiou]/.test(planNodeKindNames[parent].en) ? 'an' : 'a'} ${planNodeKindNames[parent].en}`,
    };
  },
  otherPlan: { id: 'Induk harus berada di Renstra yang sama', en: 'The parent must be in the same plan' },
  cycle: {
    id: 'Simpul tidak boleh dipindahkan ke bawah dirinya sendiri atau turunannya',
    en: 'A node cannot be moved under itself or one of its descendants',
  },
  activeChildren: {
    id: 'Masih ada turunan yang aktif; nonaktifkan turunannya terlebih dahulu',
    en: 'It still has active children; deactivate them first',
  },
  inactiveParent: {
    id: 'Induknya tidak aktif; aktifkan induknya terlebih dahulu',
    en: 'Its parent is inactive; reactivate the parent first',
  },
  reorderStale: {
    id: 'Daftar ini tidak sama dengan turunan aktif saat ini; muat ulang lalu urutkan kembali',
    en: 'This list does not match the current active children; reload and reorder again',
  },
  listedTwice: { id: 'Disebut lebih dari sekali', en: 'Listed more than once' },
  nodeNotInPlan: { id: 'Simpul tidak ada di Renstra ini', en: 'The node is not in this plan' },
  indicatorNotInPlan: {
    id: 'Indikator tidak ada di Renstra Perjanjian Kinerja ini',
    en: "The indicator is not in this agreement's plan",
  },
  indicatorInAgreement: {
    id: 'Indikator ini sudah ada dalam Perjanjian Kinerja ini',
    en: 'This indicator is already in this agreement',
  },
  budgetNode: {
    id: 'Pagu hanya untuk program, kegiatan atau sub kegiatan dari Renstra ini',
    en: 'A budget ceiling belongs to a program, activity or sub-activity of this plan',
  },
  agreementExists: {
    id: 'Perjanjian Kinerja untuk tahun ini sudah ada; ubah versinya atau buat versi perubahan',
    en: 'A performance agreement for this year already exists; edit it or create a perubahan version',
  },
  noParentAgreement: (year: number): LocalizedText => ({
    id: `Buat dahulu Perjanjian Kinerja perangkat daerah (atau unit induknya) tahun ${year}, lalu turunkan ke unit`,
    en: `Create the agency's (or the parent unit's) performance agreement for ${year} first, then cascade it to the unit`,
  }),
  parentOtherPlan: {
    id: 'Perjanjian Kinerja induk memakai Renstra lain',
    en: 'The parent agreement uses another plan',
  },
  notDirectSubunit: {
    id: 'Bukan sub-unit langsung dari cakupan Perjanjian Kinerja ini',
    en: "Not a direct sub-unit of this agreement's scope",
  },
  notHeadOfScope: {
    id: 'Pihak pertama harus jabatan kepala perangkat daerah/unit yang membuat Perjanjian Kinerja ini',
    en: 'The first party must be the position heading the agency or unit of this agreement',
  },
  notSuperior: {
    id: 'Pihak kedua harus jabatan atasan langsung (kepala unit induk, atau kepala perangkat daerah)',
    en: 'The second party must be the superior position (head of the parent unit, or of the agency)',
  },
  employeeRequired: {
    id: 'Pilih pegawai yang menandatangani jabatan ini',
    en: 'Choose the employee who signs for this position',
  },
  positionRequired: {
    id: 'Pihak kedua Perjanjian Kinerja unit adalah jabatan di sistem; pilih jabatannya',
    en: "The second party of a unit's agreement is a position in the system; choose it",
  },
  externalNeedsName: {
    id: 'Untuk pejabat di luar sistem, isi jabatan dan nama',
    en: 'For an official outside the system, give the title and the name',
  },
  notHolder: (year: number): LocalizedText => ({
    id: `Pegawai ini tidak memegang jabatan tersebut (definitif atau Plt/Plh) pada ${year - 1}–${year}`,
    en: `This employee did not hold the position (definitive or Plt/Plh) in ${year - 1}–${year}`,
  }),
  actingMismatch: {
    id: 'Penugasan pegawai pada jabatan ini bukan jenis ini (definitif / Plt / Plh)',
    en: "The employee's assignment to this position is not of this kind (definitive / Plt / Plh)",
  },
  notHolderOn: (name: string, title: string, date: string): LocalizedText => ({
    id: `Pada ${date}, ${name} tidak memegang jabatan ${title}`,
    en: `On ${date}, ${name} did not hold the position ${title}`,
  }),
  signedOnWindow: (year: number): LocalizedText => ({
    id: `Tanggal penandatanganan harus antara 1 Januari ${year - 1} dan 31 Desember ${year}`,
    en: `The signing date must be between 1 January ${year - 1} and 31 December ${year}`,
  }),
  signedBeforePrevious: (date: string): LocalizedText => ({
    id: `Versi perubahan tidak boleh ditandatangani sebelum versi sebelumnya (${date})`,
    en: `A perubahan version cannot be signed before the version it replaces (${date})`,
  }),
  noIndicators: { id: 'Belum ada indikator', en: 'There are no indicators yet' },
  noAnnual: { id: 'Target tahunan belum diisi', en: 'The annual target is missing' },
  noSignatory: { id: 'Penandatangan belum ditetapkan', en: 'The signatory is not set' },
  noAgreementFor: (year: number): LocalizedText => ({
    id: `Belum ada Perjanjian Kinerja untuk unit ini pada tahun ${year}`,
    en: `There is no performance agreement for this unit in ${year}`,
  }),
  parentNotInAgreement: (year: number): LocalizedText => ({
    id: `Indikator induk harus ada dalam Perjanjian Kinerja unit ini tahun ${year}`,
    en: `The parent indicator must be in this unit's performance agreement for ${year}`,
  }),
  notInUnit: (year: number): LocalizedText => ({
    id: `Pegawai ini tidak memegang jabatan di unit tersebut pada tahun ${year}`,
    en: `This employee held no position in that unit in ${year}`,
  }),
  noAgency: {
    id: 'Pegawai ini belum terdaftar di perangkat daerah; pilih unitnya',
    en: 'This employee is not registered with an agency; choose the unit',
  },
  directionVsTargets: {
    id: 'Target yang sudah ada berupa nilai tunggal; ubah targetnya menjadi rentang terlebih dahulu',
    en: 'Existing targets are single values; change them to ranges first',
  },
} as const;

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function badReference(path: string, inactive = false): AppError {
  return invalidField(path, inactive ? msg.inactiveReference : msg.missingReference);
}

function duplicate(path: string, message: LocalizedText): AppError {
  return new AppError('DUPLICATE', { details: [{ path, message }] });
}

// ── numbers and targets ──────────────────────────────────────────────────────────────────────

/** Reads a number sent as JSON or text (Indonesian forms included); records a problem when it is not one. */
function readNumber(p: Problems, input: string | number, path: string): string | null {
  const r = parseIndonesianNumber(input);
  if (!r.ok) {
    p.add(path, r.message);
    return null;
  }
  return r.value;
}

type Direction = repo.IndicatorRow['direction'];

/** A target as sent → its columns, checking the form (one value or a range), low ≤ high, and the direction. */
function readTarget(p: Problems, input: TargetInput, path: string, direction: Direction): repo.TargetColumns | null {
  const hasValue = input.value !== undefined;
  const hasLow = input.low !== undefined;
  const hasHigh = input.high !== undefined;
  if (hasValue === (hasLow || hasHigh) || hasLow !== hasHigh) {
    p.add(path, msg.targetShape);
    return null;
  }
  if (hasValue) {
    if (direction === 'range') {
      p.add(path, msg.rangeRequired);
      return null;
    }
    const value = readNumber(p, input.value!, `${path}.value`);
    return value === null ? null : { target_value: value, target_low: null, target_high: null };
  }
  const low = readNumber(p, input.low!, `${path}.low`);
  const high = readNumber(p, input.high!, `${path}.high`);
  if (low === null || high === null) return null;
  if (compareDecimals(low, high) > 0) {
    p.add(`${path}.high`, msg.lowAboveHigh);
    return null;
  }
  return { target_value: null, target_low: low, target_high: high };
}

const dec = (v: string | null) => (v === null ? null : normalizeDecimal(v));

function presentTarget(t: repo.TargetColumns | null | undefined): Target | null {
  if (!t || (t.target_value === null && t.target_low === null)) return null;
  return { value: dec(t.target_value), low: dec(t.target_low), high: dec(t.target_high) };
}

function isValueTarget(t: repo.TargetColumns | null | undefined): boolean {
  return !!t && t.target_value !== null;
}

function text(t: LocalizedText, locale: Locale): string {
  return t[locale];
}

/** Annual and quarterly targets of one owner (agreement row or IKI) from its period rows. */
function periodsOf(rows: repo.PeriodTargetRow[]): { annual: Target | null; quarters: QuarterTargets } {
  const by = new Map(rows.map((r) => [r.period, r]));
  return {
    annual: presentTarget(by.get('year')),
    quarters: {
      q1: presentTarget(by.get('q1')),
      q2: presentTarget(by.get('q2')),
      q3: presentTarget(by.get('q3')),
      q4: presentTarget(by.get('q4')),
    },
  };
}

function quarterWarnings(
  aggregation: repo.IndicatorRow['aggregation'],
  annual: Target | null,
  q: QuarterTargets,
  prefix: string,
  locale: Locale,
): Warning[] {
  return checkQuarterTargets({ aggregation, annual, quarters: q }).map((w) => ({
    code: w.code,
    path: prefix ? `${prefix}.${w.path}` : w.path,
    message: text(w.message, locale),
  }));
}

/** Reads the annual (`undefined` keeps, null clears) and quarterly targets of a request. */
function readPeriodTargets(
  p: Problems,
  input: {
    annual?: TargetInput | null | undefined;
    quarters?: Partial<Record<(typeof quarters)[number], TargetInput | null>> | undefined;
  },
  direction: Direction,
): Map<repo.Period, repo.TargetColumns | null> {
  const out = new Map<repo.Period, repo.TargetColumns | null>();
  if (input.annual !== undefined) {
    out.set('year', input.annual === null ? null : readTarget(p, input.annual, 'body.annual', direction));
  }
  for (const q of quarters) {
    const t = input.quarters?.[q];
    if (t === undefined) continue;
    out.set(q, t === null ? null : readTarget(p, t, `body.quarters.${q}`, direction));
  }
  return out;
}

async function writePeriodTargets(
  tx: Tx,
  owner: repo.PeriodOwner,
  governmentId: string,
  ownerId: string,
  targets: Map<repo.Period, repo.TargetColumns | null>,
): Promise<void> {
  for (const [period, t] of targets) await repo.putPeriodTarget(tx, owner, governmentId, ownerId, period, t);
}

// ── settings ─────────────────────────────────────────────────────────────────────────────────
function presentSettings(s: repo.SettingsRow): PlanSettings {
  return { lowerBetterFormula: s.lower_better_formula, updatedAt: s.updated_at ? iso(s.updated_at) : null };
}

export async function getPlanSettings(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
}): Promise<PlanSettings> {
  authorize(opts.ctx.actor, 'plans.read', opts.governmentId);
  return presentSettings(await repo.getSettings(opts.db, opts.governmentId));
}

export async function updatePlanSettings(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  input: { lowerBetterFormula: 'inverse_difference' | 'ratio'; expectedUpdatedAt?: string | undefined };
}): Promise<PlanSettings> {
  authorize(opts.ctx.actor, 'plans.manage', opts.governmentId);
  return opts.db.transaction(async (tx) => {
    const before = presentSettings(await repo.getSettings(tx, opts.governmentId));
    assertFresh(
      await repo.putSettings(tx, opts.governmentId, opts.input.lowerBetterFormula, opts.input.expectedUpdatedAt),
    );
    const after = presentSettings(await repo.getSettings(tx, opts.governmentId));
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'plan_settings.update',
      entityType: 'plan_settings',
      entityId: opts.governmentId,
      before,
      after,
    });
    return after;
  });
}

// ── plans ────────────────────────────────────────────────────────────────────────────────────
export function presentPlan(r: repo.PlanRow): Plan {
  return {
    id: r.id,
    governmentId: r.government_id,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    name: r.name,
    startYear: r.start_year,
    endYear: r.end_year,
    status: r.status,
    decreeNumber: r.decree_number,
    description: r.description,
    active: r.active,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export async function listPlans(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  query: {
    q?: string | undefined;
    page: number;
    pageSize: number;
    active: 'true' | 'false' | 'all';
    agencyId?: string | undefined;
    year?: number | undefined;
  };
}): Promise<Page<Plan>> {
  authorize(opts.ctx.actor, 'plans.read', opts.governmentId);
  const { rows, total } = await repo.pagePlans(opts.db, opts.governmentId, opts.query);
  return { items: rows.map(presentPlan), total, page: opts.query.page, pageSize: opts.query.pageSize };
}

async function requirePlan(db: Queryable, governmentId: string, planId: string): Promise<repo.PlanRow> {
  const plan = await repo.getPlan(db, governmentId, planId);
  if (!plan) throw notFound();
  return plan;
}

/** The plan, locked for this transaction, refusing changes to an inactive one. */
async function editablePlan(tx: Tx, governmentId: string, planId: string): Promise<repo.PlanRow> {
  await repo.lockPlan(tx, governmentId, planId);
  const plan = await requirePlan(tx, governmentId, planId);
  if (!plan.active) throw new AppError('PLAN_INACTIVE');
  return plan;
}

function checkPeriod(p: Problems, start: number, end: number): void {
  if (end < start) p.add('body.endYear', msg.endBeforeStart);
  else if (end - start > 9) p.add('body.endYear', msg.periodTooLong);
}

export async function createPlan(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  input: Parsed<typeof createPlanBody>;
}): Promise<Plan> {
  authorize(opts.ctx.actor, 'plans.manage', opts.governmentId);
  return opts.db.transaction((tx) => insertPlanTx(tx, opts.ctx, opts.governmentId, opts.input));
}

export async function insertPlanTx(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  input: Parsed<typeof createPlanBody>,
): Promise<Plan> {
  const p = new Problems();
  const agency = await repo.getAgencyLite(tx, governmentId, input.agencyId);
  if (!agency) p.add('body.agencyId', msg.missingReference);
  else if (!agency.active) p.add('body.agencyId', msg.inactiveReference);
  checkPeriod(p, input.startYear, input.endYear);
  p.throwIfAny();
  const overlapping = await repo.overlappingPlans(tx, input.agencyId, input.startYear, input.endYear, null);
  if (overlapping[0]) throw invalidField('body.startYear', msg.overlap(overlapping[0]));
  const id = await repo.insertPlan(tx, {
    government_id: governmentId,
    agency_id: input.agencyId,
    name: input.name,
    start_year: input.startYear,
    end_year: input.endYear,
    status: input.status ?? 'draft',
    decree_number: input.decreeNumber ?? '',
    description: input.description ?? '',
  });
  const created = presentPlan((await repo.getPlan(tx, governmentId, id))!);
  await recordAudit(tx, ctx, {
    governmentId,
    action: 'plan.create',
    entityType: 'plan',
    entityId: id,
    after: created,
  });
  return created;
}

export async function updatePlan(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  planId: string;
  input: Parsed<typeof updatePlanBody>;
}): Promise<Plan> {
  authorize(opts.ctx.actor, 'plans.manage', opts.governmentId);
  const { governmentId, planId, input } = opts;
  return opts.db.transaction(async (tx) => {
    await repo.lockPlan(tx, governmentId, planId);
    const before = await requirePlan(tx, governmentId, planId);
    const start = input.startYear ?? before.start_year;
    const end = input.endYear ?? before.end_year;
    const p = new Problems();
    checkPeriod(p, start, end);
    p.throwIfAny();
    const active = input.active ?? before.active;
    if (active && (start !== before.start_year || end !== before.end_year || !before.active)) {
      const overlapping = await repo.overlappingPlans(tx, before.agency_id, start, end, planId);
      if (overlapping[0]) {
        throw invalidField(
          input.startYear !== undefined ? 'body.startYear' : 'body.active',
          msg.overlap(overlapping[0]),
        );
      }
    }
    if (start !== before.start_year || end !== before.end_year) {
      const years = await repo.yearsInUseOutside(tx, planId, start, end);
      if (years.length > 0) {
        const path = years.some((y) => y < start) ? 'body.startYear' : 'body.endYear';
        throw invalidField(path, msg.yearsInUse(years));
      }
    }
    assertFresh(
      await repo.updateRow(
        tx,
        'plans',
        governmentId,
        planId,
        {
          name: input.name,
          start_year: input.startYear,
          end_year: input.endYear,
          status: input.status,
          decree_number: input.decreeNumber,
          description: input.description,
          active: input.active,
        },
        input.expectedUpdatedAt,
      ),
    );
    const after = presentPlan((await repo.getPlan(tx, governmentId, planId))!);
    await recordAudit(tx, opts.ctx, {
      governmentId,
      action: updateAction('plan', before.active, input.active),
      entityType: 'plan',
      entityId: planId,
      before: presentPlan(before),
      after,
    });
    return after;
  });
}

export function presentIndicator(r: repo.IndicatorRow, targets: repo.YearTargetRow[]): PlanIndicator {
  return {
    id: r.id,
    planId: r.plan_id,
    nodeId: r.node_id,
    code: r.code,
    name: r.name,
    unitOfMeasure: r.unit_of_measure,
    direction: r.direction,
    lowerBetterFormula: r.lower_better_formula,
    definition: r.definition,
    formula: r.formula,
    dataSource: r.data_source,
    unitId: r.unit_id,
    unitName: r.unit_name,
    isKey: r.is_key,
    type: r.indicator_type,
    aggregation: r.aggregation,
    decimals: r.decimals,
    weight: dec(r.weight),
    baseline: { value: dec(r.baseline_value), year: r.baseline_year },
    endTarget: presentTarget({
      target_value: r.end_target_value,
      target_low: r.end_target_low,
      target_high: r.end_target_high,
    }),
    targets: targets.filter((t) => t.indicator_id === r.id).map((t) => ({ year: t.year, ...presentTarget(t)! })),
    validMin: dec(r.valid_min),
    validMax: dec(r.valid_max),
    evidenceRequired: r.evidence_required,
    sortOrder: r.sort_order,
    active: r.active,
    updatedAt: iso(r.updated_at),
  };
}

function presentNode(r: repo.NodeRow, depth: number, indicators: PlanIndicator[]): PlanNode {
  return {
    id: r.id,
    planId: r.plan_id,
    parentId: r.parent_id,
    kind: r.kind,
    code: r.code,
    name: r.name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    sortOrder: r.sort_order,
    depth,
    active: r.active,
    updatedAt: iso(r.updated_at),
    indicators,
  };
}

/** The plan with its tree: nodes depth-first in their order, each with its indicators and targets. */
export async function getPlanTree(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  planId: string;
  includeInactive?: boolean;
}): Promise<PlanTree> {
  authorize(opts.ctx.actor, 'plans.read', opts.governmentId);
  return planTreeOf(opts.db, opts.governmentId, opts.planId, opts.includeInactive ?? false);
}

export async function planTreeOf(
  db: Queryable,
  governmentId: string,
  planId: string,
  includeInactive: boolean,
): Promise<PlanTree> {
  const plan = await requirePlan(db, governmentId, planId);
  const nodes = (await repo.listNodes(db, planId)).filter((n) => includeInactive || n.active);
  const indicators = await repo.listIndicators(db, planId, includeInactive ? {} : { active: true });
  const targets = await repo.yearTargets(
    db,
    indicators.map((i) => i.id),
  );
  const byNode = new Map<string, PlanIndicator[]>();
  for (const i of indicators) {
    const list = byNode.get(i.node_id) ?? [];
    list.push(presentIndicator(i, targets));
    byNode.set(i.node_id, list);
  }
  const children = new Map<string | null, repo.NodeRow[]>();
  for (const n of nodes) {
    const list = children.get(n.parent_id) ?? [];
    list.push(n);
    children.set(n.parent_id, list);
  }
  const ordered: PlanNode[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const n of children.get(parentId) ?? []) {
      ordered.push(presentNode(n, depth, byNode.get(n.id) ?? []));
      walk(n.id, depth + 1);
    }
  };
  walk(null, 0);
  const years = Array.from({ length: plan.end_year - plan.start_year + 1 }, (_, i) => plan.start_year + i);
  return { ...presentPlan(plan), years, nodes: ordered };
}

// ── nodes ────────────────────────────────────────────────────────────────────────────────────
async function checkUnitOfPlan(
  p: Problems,
  db: Queryable,
  governmentId: string,
  plan: repo.PlanRow,
  unitId: string | null | undefined,
  path: string,
): Promise<void> {
  if (!unitId) return;
  const unit = await repo.getUnit(db, governmentId, unitId);
  if (!unit) p.add(path, msg.missingReference);
  else if (unit.agency_id !== plan.agency_id) p.add(path, msg.unitOfOtherAgency);
  else if (!unit.active) p.add(path, msg.inactiveReference);
}

/** Whether `parentId` may hold a node of `kind` in the plan; the problem goes to body.parentId. */
async function checkParent(
  p: Problems,
  db: Queryable,
  governmentId: string,
  planId: string,
  kind: repo.NodeRow['kind'],
  parentId: string | null,
): Promise<void> {
  if (kind === 'goal') {
    if (parentId) p.add('body.parentId', msg.goalHasNoParent);
    return;
  }
  if (!parentId) {
    p.add('body.parentId', msg.parentKind(kind));
    return;
  }
  const parent = await repo.getNode(db, governmentId, parentId);
  if (!parent) p.add('body.parentId', msg.missingReference);
  else if (parent.plan_id !== planId) p.add('body.parentId', msg.otherPlan);
  else if (parent.kind !== parentKindOf[kind]) p.add('body.parentId', msg.parentKind(kind));
  else if (!parent.active) p.add('body.parentId', msg.inactiveParent);
}

export async function createNode(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  planId: string;
  input: Parsed<typeof createNodeBody>;
}): Promise<PlanNode> {
  authorize(opts.ctx.actor, 'plans.manage', opts.governmentId);
  return opts.db.transaction((tx) => insertNodeTx(tx, opts.ctx, opts.governmentId, opts.planId, opts.input));
}

export async function insertNodeTx(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  planId: string,
  input: Parsed<typeof createNodeBody>,
): Promise<PlanNode> {
  const plan = await editablePlan(tx, governmentId, planId);
  const parentId = input.parentId ?? null;
  const tree = new Problems();
  await checkParent(tree, tx, governmentId, planId, input.kind, parentId);
  tree.throwIfAny('PLAN_TREE_INVALID');
  const p = new Problems();
  await checkUnitOfPlan(p, tx, governmentId, plan, input.unitId, 'body.unitId');
  p.throwIfAny();
  const id = await repo.insertNode(tx, {
    government_id: governmentId,
    plan_id: planId,
    parent_id: parentId,
    kind: input.kind,
    code: input.code,
    name: input.name,
    unit_id: input.unitId ?? null,
    sort_order: input.sortOrder ?? (await repo.nextSortOrder(tx, planId, parentId)),
  });
  const created = await nodeOf(tx, governmentId, id);
  await recordAudit(tx, ctx, {
    governmentId,
    action: 'plan_node.create',
    entityType: 'plan_node',
    entityId: id,
    after: withoutIndicators(created),
  });
  return created;
}

async function nodeOf(db: Queryable, governmentId: string, id: string): Promise<PlanNode> {
  const n = (await repo.getNode(db, governmentId, id))!;
  const indicators = (await repo.listIndicators(db, n.plan_id, { nodeId: id })).filter((i) => i.active);
  const targets = await repo.yearTargets(
    db,
    indicators.map((i) => i.id),
  );
  const depth = (['goal', 'objective', 'program', 'activity', 'sub_activity'] as const).indexOf(n.kind);
  return presentNode(
    n,
    depth,
    indicators.map((i) => presentIndicator(i, targets)),
  );
}

function withoutIndicators(n: PlanNode) {
  const { indicators: _indicators, ...rest } = n;
  return rest;
}

async function requireNode(db: Queryable, governmentId: string, planId: string, nodeId: string) {
  const node = await repo.getNode(db, governmentId, nodeId);
  if (!node || node.plan_id !== planId) throw notFound();
  return node;
}

export async function updateNode(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  planId: string;
  nodeId: string;
  input: Parsed<typeof updateNodeBody>;
}): Promise<PlanNode> {
  authorize(opts.ctx.actor, 'plans.manage', opts.governmentId);
  return opts.db.transaction((tx) =>
    updateNodeTx(tx, opts.ctx, opts.governmentId, opts.planId, opts.nodeId, opts.input),
  );
}

export async function updateNodeTx(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  planId: string,
  nodeId: string,
  input: Parsed<typeof updateNodeBody>,
): Promise<PlanNode> {
  const plan = await editablePlan(tx, governmentId, planId);
  const before = await requireNode(tx, governmentId, planId, nodeId);
  const tree = new Problems();
  if (input.active === false && before.active && (await repo.activeChildCount(tx, nodeId)) > 0) {
    tree.add('body.active', msg.activeChildren);
  }
  if (input.active === true && !before.active && before.parent_id) {
    const parent = await repo.getNode(tx, governmentId, before.parent_id);
    if (parent && !parent.active) tree.add('body.active', msg.inactiveParent);
  }
  tree.throwIfAny('PLAN_TREE_INVALID');
  const p = new Problems();
  await checkUnitOfPlan(p, tx, governmentId, plan, input.unitId, 'body.unitId');
  p.throwIfAny();
  const beforeView = withoutIndicators(await nodeOf(tx, governmentId, nodeId));
  assertFresh(
    await repo.updateRow(
      tx,
      'plan_nodes',
      governmentId,
      nodeId,
      { code: input.code, name: input.name, unit_id: input.unitId, active: input.active },
      input.expectedUpdatedAt,
    ),
  );
  const after = await nodeOf(tx, governmentId, nodeId);
  await recordAudit(tx, ctx, {
    governmentId,
    action: updateAction('plan_node', before.active, input.active),
    entityType: 'plan_node',
    entityId: nodeId,
    before: beforeView,
    after: withoutIndicators(after),
  });
  return after;
}

export async function moveNode(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  planId: string;
  nodeId: string;
  input: Parsed<typeof moveNodeBody>;
}): Promise<PlanNode> {
  authorize(opts.ctx.actor, 'plans.manage', opts.governmentId);
  const { governmentId, planId, nodeId, input } = opts;
  return opts.db.transaction(async (tx) => {
    await editablePlan(tx, governmentId, planId);
    const before = await requireNode(tx, governmentId, planId, nodeId);
    const tree = new Problems();
    // The cycle first: it is the more telling reason when both apply.
    if (input.parentId && (await repo.nodeSubtree(tx, planId, nodeId)).includes(input.parentId)) {
      tree.add('body.parentId', msg.cycle);
    } else {
      await checkParent(tree, tx, governmentId, planId, before.kind, input.parentId);
    }
    tree.throwIfAny('PLAN_TREE_INVALID');
    const sortOrder =
      input.sortOrder ??
      (input.parentId === before.parent_id ? before.sort_order : await repo.nextSortOrder(tx, planId, input.parentId));
    assertFresh(
      await repo.updateRow(
        tx,
        'plan_nodes',
        governmentId,
        nodeId,
        { parent_id: input.parentId, sort_order: sortOrder },
        input.expectedUpdatedAt,
      ),
    );
    const after = await nodeOf(tx, governmentId, nodeId);
    await recordAudit(tx, opts.ctx, {
      governmentId,
      action: 'plan_node.move',
      entityType: 'plan_node',
      entityId: nodeId,
      before: { parentId: before.parent_id, sortOrder: before.sort_order },
      after: { parentId: after.parentId, sortOrder: after.sortOrder },
    });
    return after;
  });
}

/** Puts the active children of one parent (null: the goals) in the given order. */
export async function reorderNodes(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  planId: string;
  input: Parsed<typeof reorderNodesBody>;
}): Promise<PlanTree> {
  authorize(opts.ctx.actor, 'plans.manage', opts.governmentId);
  const { governmentId, planId, input } = opts;
  return opts.db.transaction(async (tx) => {
    await editablePlan(tx, governmentId, planId);
    if (input.parentId) await requireNode(tx, governmentId, planId, input.parentId);
    const p = new Problems();
    const seen = new Set<string>();
    input.nodeIds.forEach((id, i) => {
      if (seen.has(id)) p.add(`body.nodeIds.${i}`, msg.listedTwice);
      seen.add(id);
    });
    p.throwIfAny();
    const current = (await repo.siblings(tx, planId, input.parentId)).filter((n) => n.active);
    const currentIds = new Set(current.map((n) => n.id));
    if (current.length !== input.nodeIds.length || input.nodeIds.some((id) => !currentIds.has(id))) {
      throw new AppError('STALE_WRITE', { details: [{ path: 'body.nodeIds', message: msg.reorderStale }] });
    }
    for (const [i, id] of input.nodeIds.entries()) await repo.setSortOrder(tx, id, i * 10);
    await recordAudit(tx, opts.ctx, {
      governmentId,
      action: 'plan_node.reorder',
      entityType: 'plan',
      entityId: planId,
      before: { parentId: input.parentId, nodeIds: current.map((n) => n.id) },
      after: { parentId: input.parentId, nodeIds: input.nodeIds },
    });
    return planTreeOf(tx, governmentId, planId, false);
  });
}

// ── indicators ───────────────────────────────────────────────────────────────────────────────
export async function listPlanIndicators(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  planId: string;
  query: {
    nodeId?: string | undefined;
    unitId?: string | undefined;
    isKey?: 'true' | 'false' | undefined;
    active: 'true' | 'false' | 'all';
  };
}): Promise<{ items: PlanIndicator[] }> {
  authorize(opts.ctx.actor, 'plans.read', opts.governmentId);
  await requirePlan(opts.db, opts.governmentId, opts.planId);
  const { query } = opts;
  const rows = await repo.listIndicators(opts.db, opts.planId, {
    nodeId: query.nodeId,
    unitId: query.unitId,
    isKey: query.isKey === undefined ? undefined : query.isKey === 'true',
    ...(query.active === 'all' ? {} : { active: query.active === 'true' }),
  });
  const targets = await repo.yearTargets(
    opts.db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => presentIndicator(r, targets)) };
}

async function indicatorOf(db: Queryable, governmentId: string, id: string): Promise<PlanIndicator> {
  const row = (await repo.getIndicator(db, governmentId, id))!;
  return presentIndicator(row, await repo.yearTargets(db, [id]));
}

export async function getPlanIndicator(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  planId: string;
  indicatorId: string;
}): Promise<PlanIndicator> {
  authorize(opts.ctx.actor, 'plans.read', opts.governmentId);
  const row = await repo.getIndicator(opts.db, opts.governmentId, opts.indicatorId);
  if (!row || row.plan_id !== opts.planId) throw notFound();
  return indicatorOf(opts.db, opts.governmentId, opts.indicatorId);
}

/** Yearly targets as sent → rows, each year inside the period and given once. */
function readYearTargets(
  p: Problems,
  plan: repo.PlanRow,
  targets: {
    year: number;
    value?: string | number | undefined;
    low?: string | number | undefined;
    high?: string | number | undefined;
  }[],
  direction: Direction,
): ({ year: number } & repo.TargetColumns)[] {
  const out: ({ year: number } & repo.TargetColumns)[] = [];
  const seen = new Set<number>();
  targets.forEach((t, i) => {
    const path = `body.targets.${i}`;
    if (t.year < plan.start_year || t.year > plan.end_year) {
      p.add(`${path}.year`, msg.yearOutside(plan.start_year, plan.end_year));
    } else if (seen.has(t.year)) {
      p.add(`${path}.year`, msg.yearTwice);
    }
    seen.add(t.year);
    const { year: _year, ...target } = t;
    const cols = readTarget(p, target, path, direction);
    if (cols) out.push({ year: t.year, ...cols });
  });
  return out.sort((a, b) => a.year - b.year);
}

interface IndicatorDraft {
  baselineValue: string | null;
  baselineYear: number | null;
  weight: string | null;
  validMin: string | null;
  validMax: string | null;
}

function readIndicatorNumbers(
  p: Problems,
  plan: repo.PlanRow,
  input: {
    weight?: string | number | null | undefined;
    baselineValue?: string | number | null | undefined;
    baselineYear?: number | null | undefined;
    validMin?: string | number | null | undefined;
    validMax?: string | number | null | undefined;
  },
  before: IndicatorDraft,
): IndicatorDraft {
  let weight = before.weight;
  if (input.weight !== undefined) {
    weight = input.weight === null ? null : readNumber(p, input.weight, 'body.weight');
    if (weight !== null && compareDecimals(weight, '0') <= 0) p.add('body.weight', msg.positive);
  }
  let baselineValue = before.baselineValue;
  let unreadable = false;
  if (input.baselineValue !== undefined) {
    baselineValue = input.baselineValue === null ? null : readNumber(p, input.baselineValue, 'body.baselineValue');
    unreadable = input.baselineValue !== null && baselineValue === null;
  }
  const baselineYear = input.baselineYear !== undefined ? input.baselineYear : before.baselineYear;
  if ((baselineValue === null) !== (baselineYear === null) && !unreadable) {
    p.add(baselineValue === null ? 'body.baselineValue' : 'body.baselineYear', msg.baselinePair);
  }
  if (baselineYear !== null && baselineYear > plan.start_year) {
    p.add('body.baselineYear', msg.baselineYear(plan.start_year));
  }
  // The valid range: each bound kept unless sent (null opens it); checked against the other as it will be.
  const bound = (v: string | number | null | undefined, kept: string | null, path: string) =>
    v === undefined ? kept : v === null ? null : readNumber(p, v, path);
  const validMin = bound(input.validMin, before.validMin, 'body.validMin');
  const validMax = bound(input.validMax, before.validMax, 'body.validMax');
  if (validMin !== null && validMax !== null && compareDecimals(validMin, validMax) > 0) {
    p.add(input.validMax !== undefined ? 'body.validMax' : 'body.validMin', msg.validRange(validMin, validMax));
  }
  return { weight, baselineValue, baselineYear, validMin, validMax };
}

async function requireActiveNodeOfPlan(
  p: Problems,
  db: Queryable,
  governmentId: string,
  planId: string,
  nodeId: string,
): Promise<void> {
  const node = await repo.getNode(db, governmentId, nodeId);
  if (!node) p.add('body.nodeId', msg.missingReference);
  else if (node.plan_id !== planId) p.add('body.nodeId', msg.nodeNotInPlan);
  else if (!node.active) p.add('body.nodeId', msg.inactiveReference);
}

export async function createIndicator(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  planId: string;
  input: Parsed<typeof createIndicatorBody>;
}): Promise<PlanIndicator> {
  authorize(opts.ctx.actor, 'plans.manage', opts.governmentId);
  return opts.db.transaction((tx) => insertIndicatorTx(tx, opts.ctx, opts.governmentId, opts.planId, opts.input));
}

export async function insertIndicatorTx(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  planId: string,
  input: Parsed<typeof createIndicatorBody>,
): Promise<PlanIndicator> {
  const plan = await editablePlan(tx, governmentId, planId);
  const p = new Problems();
  await requireActiveNodeOfPlan(p, tx, governmentId, planId, input.nodeId);
  await checkUnitOfPlan(p, tx, governmentId, plan, input.unitId, 'body.unitId');
  const numbers = readIndicatorNumbers(p, plan, input, {
    weight: null,
    baselineValue: null,
    baselineYear: null,
    validMin: null,
    validMax: null,
  });
  const end = input.endTarget ? readTarget(p, input.endTarget, 'body.endTarget', input.direction) : null;
  const targets = readYearTargets(p, plan, input.targets ?? [], input.direction);
  p.throwIfAny();
  const settings = await repo.getSettings(tx, governmentId);
  const id = await repo.insertIndicator(tx, {
    government_id: governmentId,
    plan_id: planId,
    node_id: input.nodeId,
    code: input.code ?? '',
    name: input.name,
    unit_of_measure: input.unitOfMeasure,
    direction: input.direction,
    lower_better_formula: input.lowerBetterFormula ?? settings.lower_better_formula,
    definition: input.definition ?? '',
    formula: input.formula ?? '',
    data_source: input.dataSource ?? '',
    unit_id: input.unitId ?? null,
    is_key: input.isKey ?? false,
    indicator_type: input.type,
    aggregation: input.aggregation,
    decimals: input.decimals ?? 2,
    weight: numbers.weight,
    baseline_value: numbers.baselineValue,
    baseline_year: numbers.baselineYear,
    end_target_value: end?.target_value ?? null,
    end_target_low: end?.target_low ?? null,
    end_target_high: end?.target_high ?? null,
    valid_min: numbers.validMin,
    valid_max: numbers.validMax,
    evidence_required: input.evidenceRequired ?? false,
    sort_order: input.sortOrder ?? (await repo.nextIndicatorOrder(tx, input.nodeId)),
  });
  await repo.replaceYearTargets(tx, governmentId, id, targets);
  const created = await indicatorOf(tx, governmentId, id);
  await recordAudit(tx, ctx, {
    governmentId,
    action: 'plan_indicator.create',
    entityType: 'plan_indicator',
    entityId: id,
    after: created,
  });
  return created;
}

async function requireIndicatorOfPlan(tx: Tx, governmentId: string, planId: string, indicatorId: string) {
  const row = await repo.getIndicator(tx, governmentId, indicatorId);
  if (!row || row.plan_id !== planId) throw notFound();
  return row;
}

export async function updateIndicator(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  planId: string;
  indicatorId: string;
  input: Parsed<typeof updateIndicatorBody>;
}): Promise<PlanIndicator> {
  authorize(opts.ctx.actor, 'plans.manage', opts.governmentId);
  return opts.db.transaction((tx) =>
    updateIndicatorTx(tx, opts.ctx, opts.governmentId, opts.planId, opts.indicatorId, opts.input),
  );
}

export async function updateIndicatorTx(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  planId: string,
  indicatorId: string,
  input: Parsed<typeof updateIndicatorBody>,
): Promise<PlanIndicator> {
  const plan = await editablePlan(tx, governmentId, planId);
  const before = await requireIndicatorOfPlan(tx, governmentId, planId, indicatorId);
  const beforeView = await indicatorOf(tx, governmentId, indicatorId);
  const p = new Problems();
  if (input.nodeId && input.nodeId !== before.node_id) {
    await requireActiveNodeOfPlan(p, tx, governmentId, planId, input.nodeId);
  }
  await checkUnitOfPlan(p, tx, governmentId, plan, input.unitId, 'body.unitId');
  const numbers = readIndicatorNumbers(p, plan, input, {
    weight: before.weight,
    baselineValue: before.baseline_value,
    baselineYear: before.baseline_year,
    validMin: before.valid_min,
    validMax: before.valid_max,
  });
  const direction = input.direction ?? before.direction;
  let end: repo.TargetColumns | null | undefined;
  if (input.endTarget !== undefined) {
    end = input.endTarget === null ? null : readTarget(p, input.endTarget, 'body.endTarget', direction);
  }
  if (direction === 'range' && before.direction !== 'range') {
    const endAfter =
      end === undefined ? { target_value: before.end_target_value, target_low: null, target_high: null } : end;
    if (beforeView.targets.some((t) => t.value !== null) || isValueTarget(endAfter)) {
      p.add('body.direction', msg.directionVsTargets);
    }
  }
  p.throwIfAny();
  assertFresh(
    await repo.updateRow(
      tx,
      'plan_indicators',
      governmentId,
      indicatorId,
      {
        node_id: input.nodeId,
        code: input.code,
        name: input.name,
        unit_of_measure: input.unitOfMeasure,
        direction: input.direction,
        lower_better_formula: input.lowerBetterFormula,
        definition: input.definition,
        formula: input.formula,
        data_source: input.dataSource,
        unit_id: input.unitId,
        is_key: input.isKey,
        indicator_type: input.type,
        aggregation: input.aggregation,
        decimals: input.decimals,
        evidence_required: input.evidenceRequired,
        sort_order: input.sortOrder,
        active: input.active,
        // null is a value here (clearing), so these are passed only when they were sent.
        ...(input.weight !== undefined ? { weight: numbers.weight } : {}),
        ...(input.baselineValue !== undefined || input.baselineYear !== undefined
          ? { baseline_value: numbers.baselineValue, baseline_year: numbers.baselineYear }
          : {}),
        ...(input.validMin !== undefined ? { valid_min: numbers.validMin } : {}),
        ...(input.validMax !== undefined ? { valid_max: numbers.validMax } : {}),
        ...(end !== undefined
          ? {
              end_target_value: end?.target_value ?? null,
              end_target_low: end?.target_low ?? null,
              end_target_high: end?.target_high ?? null,
            }
          : {}),
      },
      input.expectedUpdatedAt,
    ),
  );
  const after = await indicatorOf(tx, governmentId, indicatorId);
  await recordAudit(tx, ctx, {
    governmentId,
    action: updateAction('plan_indicator', before.active, input.active),
    entityType: 'plan_indicator',
    entityId: indicatorId,
    before: beforeView,
    after,
  });
  return after;
}

/** Replaces the Renstra targets of an indicator (and its end target when sent). */
export async function setIndicatorTargets(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  planId: string;
  indicatorId: string;
  input: Parsed<typeof setIndicatorTargetsBody>;
}): Promise<PlanIndicator> {
  authorize(opts.ctx.actor, 'plans.manage', opts.governmentId);
  return opts.db.transaction((tx) =>
    setIndicatorTargetsTx(tx, opts.ctx, opts.governmentId, opts.planId, opts.indicatorId, opts.input),
  );
}

export async function setIndicatorTargetsTx(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  planId: string,
  indicatorId: string,
  input: Parsed<typeof setIndicatorTargetsBody>,
): Promise<PlanIndicator> {
  const plan = await editablePlan(tx, governmentId, planId);
  const before = await requireIndicatorOfPlan(tx, governmentId, planId, indicatorId);
  const beforeView = await indicatorOf(tx, governmentId, indicatorId);
  const p = new Problems();
  const targets = readYearTargets(p, plan, input.targets, before.direction);
  let end: repo.TargetColumns | null | undefined;
  if (input.endTarget !== undefined) {
    end = input.endTarget === null ? null : readTarget(p, input.endTarget, 'body.endTarget', before.direction);
  }
  p.throwIfAny();
  assertFresh(
    await repo.updateRow(
      tx,
      'plan_indicators',
      governmentId,
      indicatorId,
      end !== undefined
        ? {
            end_target_value: end?.target_value ?? null,
            end_target_low: end?.target_low ?? null,
            end_target_high: end?.target_high ?? null,
          }
        : {},
      input.expectedUpdatedAt,
    ),
  );
  await repo.replaceYearTargets(tx, governmentId, indicatorId, targets);
  const after = await indicatorOf(tx, governmentId, indicatorId);
  await recordAudit(tx, ctx, {
    governmentId,
    action: 'plan_indicator.targets',
    entityType: 'plan_indicator',
    entityId: indicatorId,
    before: { targets: beforeView.targets, endTarget: beforeView.endTarget },
    after: { targets: after.targets, endTarget: after.endTarget },
  });
  return after;
}

// ── performance agreements ─────────────────────────────────────────────────────────────────
export function presentAgreement(r: repo.AgreementRow): AgreementSummary {
  return {
    id: r.id,
    governmentId: r.government_id,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    level: r.unit_id ? 'unit' : 'agency',
    planId: r.plan_id,
    year: r.year,
    versionNo: r.version_no,
    versionKind: r.version_kind,
    reason: r.reason,
    supersedesId: r.supersedes_id,
    supersededById: r.superseded_by_id,
    current: r.is_current,
    status: r.status,
    signedOn: r.signed_on,
    parentId: r.parent_id,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

function presentAgreementIndicator(
  r: repo.AgreementIndicatorRow,
  targets: repo.PeriodTargetRow[],
  locale: Locale,
): AgreementIndicator {
  const { annual, quarters: q } = periodsOf(targets.filter((t) => t.owner_id === r.id));
  return {
    id: r.id,
    agreementId: r.agreement_id,
    indicatorId: r.indicator_id,
    code: r.code,
    name: r.name,
    nodeId: r.node_id,
    nodeKind: r.node_kind,
    nodeCode: r.node_code,
    nodeName: r.node_name,
    unitOfMeasure: r.unit_of_measure,
    direction: r.direction,
    aggregation: r.aggregation,
    decimals: r.decimals,
    isKey: r.is_key,
    annual,
    quarters: q,
    sortOrder: r.sort_order,
    updatedAt: iso(r.updated_at),
    warnings: quarterWarnings(r.aggregation, annual, q, '', locale),
  };
}

function presentSignatory(s: repo.SignatoryRow): Signatory {
  return {
    party: s.party,
    positionId: s.position_id,
    title: s.title,
    employeeId: s.employee_id,
    name: s.name,
    nip: s.nip,
    acting: s.acting,
  };
}

function presentParty(rows: repo.SignatoryRow[], party: 'first' | 'second'): Signatory | null {
  const row = rows.find((r) => r.party === party);
  return row ? presentSignatory(row) : null;
}

async function agreementDetailOf(
  db: Queryable,
  governmentId: string,
  id: string,
  locale: Locale,
): Promise<AgreementDetail> {
  const row = await repo.getAgreement(db, governmentId, id);
  if (!row) throw notFound();
  const rows = await repo.agreementIndicators(db, id);
  const targets = await repo.periodTargets(
    db,
    'agreement',
    rows.map((r) => r.id),
  );
  const budgets = await repo.budgets(db, id);
  const signers = await repo.signatories(db, id);
  return {
    ...presentAgreement(row),
    indicators: rows.map((r) => presentAgreementIndicator(r, targets, locale)),
    budgets: budgets.map((b) => ({
      nodeId: b.node_id,
      nodeKind: b.node_kind,
      nodeCode: b.node_code,
      nodeName: b.node_name,
      amount: normalizeDecimal(b.amount),
    })),
    budgetTotal: sumDecimals(budgets.map((b) => b.amount)),
    signatories: { first: presentParty(signers, 'first'), second: presentParty(signers, 'second') },
  };
}

export async function listAgreements(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  query: {
    page: number;
    pageSize: number;
    agencyId?: string | undefined;
    unitId?: string | undefined;
    planId?: string | undefined;
    year?: number | undefined;
    level?: 'agency' | 'unit' | undefined;
    current: 'true' | 'all';
  };
}): Promise<Page<AgreementSummary>> {
  authorize(opts.ctx.actor, 'plans.read', opts.governmentId);
  const { query } = opts;
  const { rows, total } = await repo.pageAgreements(opts.db, opts.governmentId, {
    ...query,
    currentOnly: query.current === 'true',
  });
  return { items: rows.map(presentAgreement), total, page: query.page, pageSize: query.pageSize };
}

export async function getAgreement(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  agreementId: string;
}): Promise<AgreementDetail> {
  authorize(opts.ctx.actor, 'plans.read', opts.governmentId);
  return agreementDetailOf(opts.db, opts.governmentId, opts.agreementId, opts.ctx.locale);
}

export async function listAgreementVersions(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  agreementId: string;
}): Promise<{ items: AgreementSummary[] }> {
  authorize(opts.ctx.actor, 'plans.read', opts.governmentId);
  const row = await repo.getAgreement(opts.db, opts.governmentId, opts.agreementId);
  if (!row) throw notFound();
  const versions = await repo.agreementVersions(opts.db, row.agency_id, row.unit_id, row.year);
  return { items: versions.map(presentAgreement) };
}

/** The agreement locked for this transaction; only the current draft version may change. */
async function editableAgreement(tx: Tx, governmentId: string, id: string): Promise<repo.AgreementRow> {
  await repo.lockAgreement(tx, governmentId, id);
  const row = await repo.getAgreement(tx, governmentId, id);
  if (!row) throw notFound();
  if (!row.is_current || row.status !== 'draft') throw new AppError('AGREEMENT_LOCKED');
  return row;
}

/** The current agreement the unit's one cascades from: the nearest ancestor unit's, else the agency's. */
async function parentAgreementFor(
  db: Queryable,
  governmentId: string,
  unit: repo.UnitLite,
  year: number,
): Promise<repo.AgreementRow | undefined> {
  let parentId = unit.parent_id;
  while (parentId) {
    const found = await repo.currentAgreement(db, unit.agency_id, parentId, year);
    if (found) return found;
    parentId = (await repo.getUnit(db, governmentId, parentId))?.parent_id ?? null;
  }
  return repo.currentAgreement(db, unit.agency_id, null, year);
}

/** The plan's indicators that start an agreement: IKU for the agency, the unit's own for a unit. */
async function prefillIndicators(db: Queryable, planId: string, unitId: string | null): Promise<repo.IndicatorRow[]> {
  return unitId ? repo.indicatorsResponsibleFor(db, planId, unitId) : repo.keyIndicators(db, planId);
}

export async function createAgreement(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  input: Parsed<typeof createAgreementBody>;
}): Promise<AgreementDetail> {
  authorize(opts.ctx.actor, 'plans.manage', opts.governmentId);
  return opts.db.transaction(async (tx) => {
    const id = await insertAgreementTx(tx, opts.ctx, opts.governmentId, opts.input);
    return agreementDetailOf(tx, opts.governmentId, id, opts.ctx.locale);
  });
}

export async function insertAgreementTx(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  input: { planId: string; unitId?: string | null | undefined; year: number; prefill?: boolean | undefined },
): Promise<string> {
  const plan = await repo.getPlan(tx, governmentId, input.planId);
  if (!plan) throw badReference('body.planId');
  if (!plan.active)
    throw new AppError('PLAN_INACTIVE', { details: [{ path: 'body.planId', message: msg.inactiveReference }] });
  const p = new Problems();
  if (input.year < plan.start_year || input.year > plan.end_year) {
    p.add('body.year', msg.yearOutside(plan.start_year, plan.end_year));
  }
  const unitId = input.unitId ?? null;
  let unit: repo.UnitLite | undefined;
  if (unitId) {
    unit = await repo.getUnit(tx, governmentId, unitId);
    if (!unit) p.add('body.unitId', msg.missingReference);
    else if (unit.agency_id !== plan.agency_id) p.add('body.unitId', msg.unitOfOtherAgency);
    else if (!unit.active) p.add('body.unitId', msg.inactiveReference);
  }
  p.throwIfAny();
  let parent: repo.AgreementRow | undefined;
  if (unit) {
    parent = await parentAgreementFor(tx, governmentId, unit, input.year);
    if (!parent) throw invalidField('body.unitId', msg.noParentAgreement(input.year));
    if (parent.plan_id !== plan.id) throw invalidField('body.planId', msg.parentOtherPlan);
  }
  if (await repo.currentAgreement(tx, plan.agency_id, unitId, input.year)) {
    throw duplicate('body.year', msg.agreementExists);
  }
  const id = await repo.insertAgreement(tx, {
    government_id: governmentId,
    agency_id: plan.agency_id,
    unit_id: unitId,
    plan_id: plan.id,
    year: input.year,
    version_no: 1,
    version_kind: 'murni',
    reason: '',
    supersedes_id: null,
    parent_id: parent?.id ?? null,
    created_by_user_id: ctx.actor?.userId ?? null,
  });
  if (input.prefill ?? true) {
    const indicators = await prefillIndicators(tx, plan.id, unitId);
    const yearly = await repo.yearTargets(
      tx,
      indicators.map((i) => i.id),
    );
    for (const [i, indicator] of indicators.entries()) {
      const rowId = await repo.insertAgreementIndicator(tx, {
        government_id: governmentId,
        agreement_id: id,
        indicator_id: indicator.id,
        sort_order: i * 10,
      });
      const t = yearly.find((y) => y.indicator_id === indicator.id && y.year === input.year);
      if (t) await repo.putPeriodTarget(tx, 'agreement', governmentId, rowId, 'year', t);
    }
  }
  const created = await agreementDetailOf(tx, governmentId, id, 'id');
  await recordAudit(tx, ctx, {
    governmentId,
    action: 'performance_agreement.create',
    entityType: 'performance_agreement',
    entityId: id,
    after: auditView(created),
  });
  return id;
}

/** What the audit keeps of an agreement: the summary, its indicators' targets, budgets and signatories. */
function auditView(a: AgreementDetail) {
  return {
    ...presentSummaryOf(a),
    indicators: a.indicators.map((r) => ({ indicatorId: r.indicatorId, annual: r.annual, quarters: r.quarters })),
    budgets: a.budgets.map((b) => ({ nodeId: b.nodeId, amount: b.amount })),
    signatories: a.signatories,
  };
}

function presentSummaryOf(a: AgreementDetail): AgreementSummary {
  const { indicators: _i, budgets: _b, budgetTotal: _t, signatories: _s, ...summary } = a;
  return summary;
}

/** Cascades an agreement to its direct sub-units: one prefilled murni draft for each that has none. */
export async function cascadeAgreement(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  agreementId: string;
  unitIds?: string[] | undefined;
}): Promise<{ created: AgreementSummary[]; skipped: { unitId: string; unitName: string; reason: string }[] }> {
  authorize(opts.ctx.actor, 'plans.manage', opts.governmentId);
  return opts.db.transaction((tx) =>
    cascadeAgreementTx(tx, opts.ctx, opts.governmentId, opts.agreementId, opts.unitIds),
  );
}

export async function cascadeAgreementTx(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  agreementId: string,
  unitIds: string[] | undefined,
): Promise<{ created: AgreementSummary[]; skipped: { unitId: string; unitName: string; reason: string }[] }> {
  const parent = await repo.getAgreement(tx, governmentId, agreementId);
  if (!parent) throw notFound();
  if (!parent.is_current) throw new AppError('AGREEMENT_LOCKED');
  const units = await repo.agencyUnits(tx, parent.agency_id);
  const direct = units.filter((u) => u.parent_id === parent.unit_id && u.active);
  let chosen: repo.UnitLite[];
  if (unitIds) {
    const p = new Problems();
    chosen = [];
    unitIds.forEach((id, i) => {
      const u = direct.find((d) => d.id === id);
      if (!u) p.add(`body.unitIds.${i}`, msg.notDirectSubunit);
      else if (!chosen.includes(u)) chosen.push(u);
    });
    p.throwIfAny();
  } else {
    chosen = [];
    for (const u of direct) {
      if ((await repo.indicatorsResponsibleFor(tx, parent.plan_id, u.id)).length > 0) chosen.push(u);
    }
  }
  const created: AgreementSummary[] = [];
  const skipped: { unitId: string; unitName: string; reason: string }[] = [];
  for (const u of chosen) {
    if (await repo.currentAgreement(tx, parent.agency_id, u.id, parent.year)) {
      skipped.push({ unitId: u.id, unitName: u.name, reason: text(msg.agreementExists, ctx.locale) });
      continue;
    }
    const id = await insertAgreementTx(tx, ctx, governmentId, {
      planId: parent.plan_id,
      unitId: u.id,
      year: parent.year,
      prefill: true,
    });
    created.push(presentAgreement((await repo.getAgreement(tx, governmentId, id))!));
  }
  return { created, skipped };
}

async function agreementRowView(tx: Tx, agreementId: string, rowId: string, locale: Locale) {
  const row = (await repo.getAgreementIndicator(tx, agreementId, rowId))!;
  return presentAgreementIndicator(row, await repo.periodTargets(tx, 'agreement', [rowId]), locale);
}

function responseWarnings(item: { warnings: Warning[] }): Warning[] {
  return item.warnings.map((w) => ({ ...w, path: `body.${w.path}` }));
}

export async function addAgreementIndicator(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  agreementId: string;
  input: Parsed<typeof addAgreementIndicatorBody>;
}): Promise<{ item: AgreementIndicator; warnings: Warning[] }> {
  authorize(opts.ctx.actor, 'plans.manage', opts.governmentId);
  return opts.db.transaction((tx) =>
    addAgreementIndicatorTx(tx, opts.ctx, opts.governmentId, opts.agreementId, opts.input),
  );
}

export async function addAgreementIndicatorTx(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  agreementId: string,
  input: Body<typeof addAgreementIndicatorBody>,
): Promise<{ item: AgreementIndicator; warnings: Warning[] }> {
  const ag = await editableAgreement(tx, governmentId, agreementId);
  const indicator = await repo.getIndicator(tx, governmentId, input.indicatorId);
  if (!indicator) throw badReference('body.indicatorId');
  if (indicator.plan_id !== ag.plan_id) throw invalidField('body.indicatorId', msg.indicatorNotInPlan);
  if (!indicator.active) throw badReference('body.indicatorId', true);
  if ((await repo.agreementIndicators(tx, agreementId)).some((r) => r.indicator_id === indicator.id)) {
    throw duplicate('body.indicatorId', msg.indicatorInAgreement);
  }
  const p = new Problems();
  const targets = readPeriodTargets(p, input, indicator.direction);
  p.throwIfAny();
  if (input.annual === undefined) {
    const yearly = (await repo.yearTargets(tx, [indicator.id])).find((y) => y.year === ag.year);
    if (yearly) targets.set('year', yearly);
  }
  const rowId = await repo.insertAgreementIndicator(tx, {
    government_id: governmentId,
    agreement_id: agreementId,
    indicator_id: indicator.id,
    sort_order: input.sortOrder ?? (await repo.nextAgreementIndicatorOrder(tx, agreementId)),
  });
  await writePeriodTargets(tx, 'agreement', governmentId, rowId, targets);
  const item = await agreementRowView(tx, agreementId, rowId, ctx.locale);
  await recordAudit(tx, ctx, {
    governmentId,
    action: 'performance_agreement.indicator_add',
    entityType: 'performance_agreement',
    entityId: agreementId,
    after: { rowId, indicatorId: indicator.id, annual: item.annual, quarters: item.quarters },
  });
  return { item, warnings: responseWarnings(item) };
}

export async function updateAgreementIndicator(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  agreementId: string;
  rowId: string;
  input: Parsed<typeof updateAgreementIndicatorBody>;
}): Promise<{ item: AgreementIndicator; warnings: Warning[] }> {
  authorize(opts.ctx.actor, 'plans.manage', opts.governmentId);
  return opts.db.transaction((tx) =>
    updateAgreementIndicatorTx(tx, opts.ctx, opts.governmentId, opts.agreementId, opts.rowId, opts.input),
  );
}

export async function updateAgreementIndicatorTx(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  agreementId: string,
  rowId: string,
  input: Body<typeof updateAgreementIndicatorBody>,
): Promise<{ item: AgreementIndicator; warnings: Warning[] }> {
  await editableAgreement(tx, governmentId, agreementId);
  const row = await repo.getAgreementIndicator(tx, agreementId, rowId);
  if (!row) throw notFound();
  const before = await agreementRowView(tx, agreementId, rowId, ctx.locale);
  const p = new Problems();
  const targets = readPeriodTargets(p, input, row.direction);
  p.throwIfAny();
  assertFresh(await repo.touchAgreementIndicator(tx, rowId, { sort_order: input.sortOrder }, input.expectedUpdatedAt));
  await writePeriodTargets(tx, 'agreement', governmentId, rowId, targets);
  const item = await agreementRowView(tx, agreementId, rowId, ctx.locale);
  await recordAudit(tx, ctx, {
    governmentId,
    action: 'performance_agreement.indicator_update',
    entityType: 'performance_agreement',
    entityId: agreementId,
    before: { rowId, indicatorId: row.indicator_id, annual: before.annual, quarters: before.quarters },
    after: { rowId, indicatorId: row.indicator_id, annual: item.annual, quarters: item.quarters },
  });
  return { item, warnings: responseWarnings(item) };
}

export async function removeAgreementIndicator(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  agreementId: string;
  rowId: string;
}): Promise<AgreementDetail> {
  authorize(opts.ctx.actor, 'plans.manage', opts.governmentId);
  const { governmentId, agreementId, rowId } = opts;
  return opts.db.transaction(async (tx) => {
    await editableAgreement(tx, governmentId, agreementId);
    const row = await repo.getAgreementIndicator(tx, agreementId, rowId);
    if (!row) throw notFound();
    const before = await agreementRowView(tx, agreementId, rowId, opts.ctx.locale);
    await repo.deleteAgreementIndicator(tx, rowId);
    await recordAudit(tx, opts.ctx, {
      governmentId,
      action: 'performance_agreement.indicator_remove',
      entityType: 'performance_agreement',
      entityId: agreementId,
      before: { rowId, indicatorId: row.indicator_id, annual: before.annual, quarters: before.quarters },
    });
    return agreementDetailOf(tx, governmentId, agreementId, opts.ctx.locale);
  });
}

export async function setAgreementBudgets(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  agreementId: string;
  input: Parsed<typeof setBudgetsBody>;
}): Promise<AgreementDetail> {
  authorize(opts.ctx.actor, 'plans.manage', opts.governmentId);
  return opts.db.transaction((tx) =>
    setAgreementBudgetsTx(tx, opts.ctx, opts.governmentId, opts.agreementId, opts.input),
  );
}

export async function setAgreementBudgetsTx(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  agreementId: string,
  input: Body<typeof setBudgetsBody>,
): Promise<AgreementDetail> {
  const ag = await editableAgreement(tx, governmentId, agreementId);
  const p = new Problems();
  const items: { node_id: string; amount: string }[] = [];
  const seen = new Set<string>();
  for (const [i, b] of input.items.entries()) {
    const path = `body.items.${i}`;
    const node = await repo.getNode(tx, governmentId, b.nodeId);
    if (!node) p.add(`${path}.nodeId`, msg.missingReference);
    else if (node.plan_id !== ag.plan_id || node.kind === 'goal' || node.kind === 'objective') {
      p.add(`${path}.nodeId`, msg.budgetNode);
    } else if (seen.has(b.nodeId)) p.add(`${path}.nodeId`, msg.listedTwice);
    seen.add(b.nodeId);
    const amount = readNumber(p, b.amount, `${path}.amount`);
    if (amount !== null) {
      if (amount.startsWith('-')) p.add(`${path}.amount`, msg.nonNegative);
      else if ((amount.split('.')[1]?.length ?? 0) > 2) p.add(`${path}.amount`, msg.rupiah);
      else items.push({ node_id: b.nodeId, amount });
    }
  }
  p.throwIfAny();
  const before = await repo.budgets(tx, agreementId);
  assertFresh(
    await repo.updateRow(tx, 'performance_agreements', governmentId, agreementId, {}, input.expectedUpdatedAt),
  );
  await repo.replaceBudgets(tx, governmentId, agreementId, items);
  const after = await agreementDetailOf(tx, governmentId, agreementId, ctx.locale);
  await recordAudit(tx, ctx, {
    governmentId,
    action: 'performance_agreement.budgets',
    entityType: 'performance_agreement',
    entityId: agreementId,
    before: {
      budgets: before.map((b) => ({ nodeId: b.node_id, amount: normalizeDecimal(b.amount) })),
      total: sumDecimals(before.map((b) => b.amount)),
    },
    after: { budgets: auditView(after).budgets, total: after.budgetTotal },
  });
  return after;
}

/** Positions heading a scope: the agency head, or the unit's head (the secretary heads a sekretariat). */
async function headPositionIds(db: Queryable, agencyId: string, unit: repo.UnitLite | null): Promise<Set<string>> {
  return new Set(await repo.headPositionIds(db, agencyId, unit?.id ?? null, unit?.kind === 'sekretariat'));
}

async function readSignatory(
  p: Problems,
  tx: Tx,
  governmentId: string,
  ag: repo.AgreementRow,
  party: 'first' | 'second',
  input: Parsed<typeof signatoryInput>,
): Promise<repo.SignatoryRow | null> {
  const path = `body.${party}`;
  const unit = ag.unit_id ? ((await repo.getUnit(tx, governmentId, ag.unit_id)) ?? null) : null;
  if (!input.positionId) {
    if (party === 'first') {
      p.add(`${path}.positionId`, msg.notHeadOfScope);
      return null;
    }
    if (unit) {
      p.add(`${path}.positionId`, msg.positionRequired);
      return null;
    }
    if (!input.title || !input.name) {
      p.add(input.title ? `${path}.name` : `${path}.title`, msg.externalNeedsName);
      return null;
    }
    return {
      party,
      position_id: null,
      title: input.title,
      employee_id: null,
      name: input.name,
      nip: input.nip ?? '',
      acting: input.acting ?? 'definitive',
    };
  }
  const position = await repo.getPosition(tx, governmentId, input.positionId);
  if (!position) {
    p.add(`${path}.positionId`, msg.missingReference);
    return null;
  }
  if (party === 'first') {
    if (!(await headPositionIds(tx, ag.agency_id, unit)).has(position.id)) {
      p.add(`${path}.positionId`, msg.notHeadOfScope);
      return null;
    }
  } else if (unit) {
    const parentUnit = unit.parent_id ? ((await repo.getUnit(tx, governmentId, unit.parent_id)) ?? null) : null;
    if (!(await headPositionIds(tx, ag.agency_id, parentUnit)).has(position.id)) {
      p.add(`${path}.positionId`, msg.notSuperior);
      return null;
    }
  }
  if (!input.employeeId) {
    p.add(`${path}.employeeId`, msg.employeeRequired);
    return null;
  }
  const employee = await repo.getEmployee(tx, governmentId, input.employeeId);
  if (!employee) {
    p.add(`${path}.employeeId`, msg.missingReference);
    return null;
  }
  const held = await repo.assignmentsOverlapping(
    tx,
    position.id,
    employee.id,
    `${ag.year - 1}-01-01`,
    `${ag.year}-12-31`,
  );
  if (held.length === 0) {
    p.add(`${path}.employeeId`, msg.notHolder(ag.year));
    return null;
  }
  const acting = input.acting ?? held[0]!.kind;
  if (!held.some((h) => h.kind === acting)) {
    p.add(`${path}.acting`, msg.actingMismatch);
    return null;
  }
  return {
    party,
    position_id: position.id,
    title: position.name,
    employee_id: employee.id,
    name: formatPersonName({ name: employee.name, frontTitle: employee.front_title, backTitle: employee.back_title }),
    nip: employee.nip,
    acting,
  };
}

export async function setAgreementSignatories(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  agreementId: string;
  input: Parsed<typeof setSignatoriesBody>;
}): Promise<AgreementDetail> {
  authorize(opts.ctx.actor, 'plans.manage', opts.governmentId);
  return opts.db.transaction((tx) =>
    setAgreementSignatoriesTx(tx, opts.ctx, opts.governmentId, opts.agreementId, opts.input),
  );
}

export async function setAgreementSignatoriesTx(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  agreementId: string,
  input: Parsed<typeof setSignatoriesBody>,
): Promise<AgreementDetail> {
  const ag = await editableAgreement(tx, governmentId, agreementId);
  const p = new Problems();
  const first = await readSignatory(p, tx, governmentId, ag, 'first', input.first);
  const second = await readSignatory(p, tx, governmentId, ag, 'second', input.second);
  p.throwIfAny();
  const before = await repo.signatories(tx, agreementId);
  assertFresh(
    await repo.updateRow(tx, 'performance_agreements', governmentId, agreementId, {}, input.expectedUpdatedAt),
  );
  await repo.replaceSignatories(tx, governmentId, agreementId, [first!, second!]);
  const after = await agreementDetailOf(tx, governmentId, agreementId, ctx.locale);
  await recordAudit(tx, ctx, {
    governmentId,
    action: 'performance_agreement.signatories',
    entityType: 'performance_agreement',
    entityId: agreementId,
    before: {
      first: presentParty(before, 'first'),
      second: presentParty(before, 'second'),
    },
    after: after.signatories,
  });
  return after;
}

/** Records that the agreement was signed on a date; from then on it changes only through a perubahan. */
export async function signAgreement(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  agreementId: string;
  input: { signedOn: string; expectedUpdatedAt?: string | undefined };
}): Promise<AgreementDetail> {
  authorize(opts.ctx.actor, 'plans.manage', opts.governmentId);
  return opts.db.transaction((tx) => signAgreementTx(tx, opts.ctx, opts.governmentId, opts.agreementId, opts.input));
}

export async function signAgreementTx(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  agreementId: string,
  input: { signedOn: string; expectedUpdatedAt?: string | undefined },
): Promise<AgreementDetail> {
  const ag = await editableAgreement(tx, governmentId, agreementId);
  const detail = await agreementDetailOf(tx, governmentId, agreementId, ctx.locale);
  const incomplete = new Problems();
  if (detail.indicators.length === 0) incomplete.add('indicators', msg.noIndicators);
  detail.indicators.forEach((r, i) => {
    if (!r.annual) incomplete.add(`indicators.${i}.annual`, msg.noAnnual);
  });
  if (!detail.signatories.first) incomplete.add('signatories.first', msg.noSignatory);
  if (!detail.signatories.second) incomplete.add('signatories.second', msg.noSignatory);
  incomplete.throwIfAny('AGREEMENT_INCOMPLETE');

  const p = new Problems();
  const { signedOn } = input;
  if (signedOn < `${ag.year - 1}-01-01` || signedOn > `${ag.year}-12-31`) {
    p.add('body.signedOn', msg.signedOnWindow(ag.year));
  }
  if (ag.supersedes_id) {
    const previous = await repo.getAgreement(tx, governmentId, ag.supersedes_id);
    if (previous?.signed_on && signedOn < previous.signed_on) {
      p.add('body.signedOn', msg.signedBeforePrevious(previous.signed_on));
    }
  }
  for (const s of [detail.signatories.first!, detail.signatories.second!]) {
    if (!s.positionId || !s.employeeId) continue;
    const held = await repo.assignmentsOverlapping(tx, s.positionId, s.employeeId, signedOn, signedOn);
    if (!held.some((h) => h.kind === s.acting)) {
      p.add(
        'body.signedOn',
        msg.notHolderOn(s.name, s.acting === 'definitive' ? s.title : `${s.acting.toUpperCase()} ${s.title}`, signedOn),
      );
    }
  }
  p.throwIfAny();
  assertFresh(
    await repo.updateRow(tx, 'performance_agreements', governmentId, agreementId, {}, input.expectedUpdatedAt),
  );
  await repo.signAgreement(tx, agreementId, signedOn);
  const after = await agreementDetailOf(tx, governmentId, agreementId, ctx.locale);
  await recordAudit(tx, ctx, {
    governmentId,
    action: 'performance_agreement.sign',
    entityType: 'performance_agreement',
    entityId: agreementId,
    before: { status: detail.status, signedOn: detail.signedOn },
    after: auditView(after),
  });
  return after;
}

/** Opens a perubahan: a new draft version with a reason, starting from the signed one, which stays readable. */
export async function reviseAgreement(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  agreementId: string;
  input: { reason: string; expectedUpdatedAt?: string | undefined };
}): Promise<AgreementDetail> {
  authorize(opts.ctx.actor, 'plans.manage', opts.governmentId);
  return opts.db.transaction(async (tx) => {
    const id = await reviseAgreementTx(tx, opts.ctx, opts.governmentId, opts.agreementId, opts.input);
    return agreementDetailOf(tx, opts.governmentId, id, opts.ctx.locale);
  });
}

export async function reviseAgreementTx(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  agreementId: string,
  input: { reason: string; expectedUpdatedAt?: string | undefined },
): Promise<string> {
  await repo.lockAgreement(tx, governmentId, agreementId);
  const ag = await repo.getAgreement(tx, governmentId, agreementId);
  if (!ag) throw notFound();
  if (!ag.is_current) throw new AppError('AGREEMENT_LOCKED');
  if (ag.status !== 'signed') throw new AppError('AGREEMENT_NOT_SIGNED');
  assertFresh(
    await repo.updateRow(tx, 'performance_agreements', governmentId, agreementId, {}, input.expectedUpdatedAt),
  );
  await repo.supersede(tx, agreementId);
  const id = await repo.insertAgreement(tx, {
    government_id: governmentId,
    agency_id: ag.agency_id,
    unit_id: ag.unit_id,
    plan_id: ag.plan_id,
    year: ag.year,
    version_no: ag.version_no + 1,
    version_kind: 'perubahan',
    reason: input.reason,
    supersedes_id: ag.id,
    parent_id: ag.parent_id,
    created_by_user_id: ctx.actor?.userId ?? null,
  });
  await repo.copyAgreementContent(tx, agreementId, id);
  const created = await agreementDetailOf(tx, governmentId, id, 'id');
  await recordAudit(tx, ctx, {
    governmentId,
    action: 'performance_agreement.revise',
    entityType: 'performance_agreement',
    entityId: id,
    before: presentAgreement(ag),
    after: auditView(created),
  });
  return id;
}

// ── individual indicators (IKI) ────────────────────────────────────────────────────────────
function presentIndividual(
  r: repo.IndividualRow,
  targets: repo.PeriodTargetRow[],
  locale: Locale,
): IndividualIndicator {
  const { annual, quarters: q } = periodsOf(targets.filter((t) => t.owner_id === r.id));
  return {
    id: r.id,
    governmentId: r.government_id,
    agencyId: r.agency_id,
    employeeId: r.employee_id,
    employeeName: formatPersonName({ name: r.employee_name, frontTitle: r.front_title, backTitle: r.back_title }),
    employeeNip: r.employee_nip,
    unitId: r.unit_id,
    unitName: r.unit_name,
    year: r.year,
    parentIndicatorId: r.parent_indicator_id,
    parentIndicatorName: r.parent_indicator_name,
    name: r.name,
    unitOfMeasure: r.unit_of_measure,
    direction: r.direction,
    lowerBetterFormula: r.lower_better_formula,
    aggregation: r.aggregation,
    decimals: r.decimals,
    annual,
    quarters: q,
    sortOrder: r.sort_order,
    active: r.active,
    updatedAt: iso(r.updated_at),
    warnings: quarterWarnings(r.aggregation, annual, q, '', locale),
  };
}

async function individualOf(db: Queryable, governmentId: string, id: string, locale: Locale) {
  const row = await repo.getIndividual(db, governmentId, id);
  if (!row) throw notFound();
  return presentIndividual(row, await repo.periodTargets(db, 'individual', [id]), locale);
}

export async function listIndividualIndicators(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  query: {
    page: number;
    pageSize: number;
    employeeId?: string | undefined;
    agencyId?: string | undefined;
    unitId?: string | undefined;
    year?: number | undefined;
    active: 'true' | 'false' | 'all';
  };
}): Promise<Page<IndividualIndicator>> {
  authorize(opts.ctx.actor, 'plans.read', opts.governmentId);
  const { rows, total } = await repo.pageIndividuals(opts.db, opts.governmentId, opts.query);
  const targets = await repo.periodTargets(
    opts.db,
    'individual',
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => presentIndividual(r, targets, opts.ctx.locale)),
    total,
    page: opts.query.page,
    pageSize: opts.query.pageSize,
  };
}

export async function getIndividualIndicator(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  id: string;
}): Promise<IndividualIndicator> {
  authorize(opts.ctx.actor, 'plans.read', opts.governmentId);
  return individualOf(opts.db, opts.governmentId, opts.id, opts.ctx.locale);
}

export async function createIndividualIndicator(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  input: Parsed<typeof createIndividualIndicatorBody>;
}): Promise<{ item: IndividualIndicator; warnings: Warning[] }> {
  authorize(opts.ctx.actor, 'plans.manage', opts.governmentId);
  return opts.db.transaction((tx) => insertIndividualIndicatorTx(tx, opts.ctx, opts.governmentId, opts.input));
}

export async function insertIndividualIndicatorTx(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  input: Body<typeof createIndividualIndicatorBody>,
): Promise<{ item: IndividualIndicator; warnings: Warning[] }> {
  const p = new Problems();
  const employee = await repo.getEmployee(tx, governmentId, input.employeeId);
  if (!employee) p.add('body.employeeId', msg.missingReference);
  else if (!employee.active) p.add('body.employeeId', msg.inactiveReference);
  let unit: repo.UnitLite | undefined;
  if (input.unitId) {
    unit = await repo.getUnit(tx, governmentId, input.unitId);
    if (!unit) p.add('body.unitId', msg.missingReference);
  } else if (employee && !employee.agency_id) {
    p.add('body.unitId', msg.noAgency);
  }
  p.throwIfAny();
  const agencyId = unit ? unit.agency_id : employee!.agency_id!;
  const agreement = await repo.currentAgreement(tx, agencyId, unit?.id ?? null, input.year);
  if (!agreement) throw invalidField('body.year', msg.noAgreementFor(input.year));
  const inAgreement = (await repo.agreementIndicators(tx, agreement.id)).some(
    (r) => r.indicator_id === input.parentIndicatorId,
  );
  if (!inAgreement) throw invalidField('body.parentIndicatorId', msg.parentNotInAgreement(input.year));
  const held = await repo.unitsHeldBy(tx, employee!.id, `${input.year}-01-01`, `${input.year}-12-31`);
  const scope = unit ? new Set(await repo.unitSubtreeIds(tx, unit.id)) : null;
  const inScope = held.some(
    (h) => h.agency_id === agencyId && (!scope || (h.unit_id !== null && scope.has(h.unit_id))),
  );
  if (!inScope) throw invalidField('body.employeeId', msg.notInUnit(input.year));
  const parent = (await repo.getIndicator(tx, governmentId, input.parentIndicatorId))!;
  const direction = input.direction ?? parent.direction;
  const targets = readPeriodTargets(p, input, direction);
  p.throwIfAny();
  const id = await repo.insertIndividual(tx, {
    government_id: governmentId,
    agency_id: agencyId,
    employee_id: employee!.id,
    unit_id: unit?.id ?? null,
    year: input.year,
    parent_indicator_id: parent.id,
    name: input.name ?? parent.name,
    unit_of_measure: input.unitOfMeasure ?? parent.unit_of_measure,
    direction,
    lower_better_formula: input.lowerBetterFormula ?? parent.lower_better_formula,
    aggregation: input.aggregation ?? parent.aggregation,
    decimals: input.decimals ?? parent.decimals,
    sort_order: input.sortOrder ?? (await repo.nextIndividualOrder(tx, employee!.id, input.year)),
  });
  await writePeriodTargets(tx, 'individual', governmentId, id, targets);
  const item = await individualOf(tx, governmentId, id, ctx.locale);
  await recordAudit(tx, ctx, {
    governmentId,
    action: 'individual_indicator.create',
    entityType: 'individual_indicator',
    entityId: id,
    after: { ...item, warnings: undefined },
  });
  return { item, warnings: responseWarnings(item) };
}

export async function updateIndividualIndicator(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  id: string;
  input: Parsed<typeof updateIndividualIndicatorBody>;
}): Promise<IndividualIndicator> {
  authorize(opts.ctx.actor, 'plans.manage', opts.governmentId);
  const { governmentId, id, input } = opts;
  return opts.db.transaction(async (tx) => {
    const before = await individualOf(tx, governmentId, id, opts.ctx.locale);
    if (input.direction === 'range' && before.direction !== 'range') {
      const values = [before.annual, ...quarters.map((q) => before.quarters[q])].some((t) => t && t.value !== null);
      if (values) throw invalidField('body.direction', msg.directionVsTargets);
    }
    assertFresh(
      await repo.updateRow(
        tx,
        'individual_indicators',
        governmentId,
        id,
        {
          name: input.name,
          unit_of_measure: input.unitOfMeasure,
          direction: input.direction,
          lower_better_formula: input.lowerBetterFormula,
          aggregation: input.aggregation,
          decimals: input.decimals,
          sort_order: input.sortOrder,
          active: input.active,
        },
        input.expectedUpdatedAt,
      ),
    );
    const after = await individualOf(tx, governmentId, id, opts.ctx.locale);
    await recordAudit(tx, opts.ctx, {
      governmentId,
      action: updateAction('individual_indicator', before.active, input.active),
      entityType: 'individual_indicator',
      entityId: id,
      before: { ...before, warnings: undefined },
      after: { ...after, warnings: undefined },
    });
    return after;
  });
}

export async function setIndividualTargets(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  id: string;
  input: Parsed<typeof setIndividualTargetsBody>;
}): Promise<{ item: IndividualIndicator; warnings: Warning[] }> {
  authorize(opts.ctx.actor, 'plans.manage', opts.governmentId);
  const { governmentId, id, input } = opts;
  return opts.db.transaction(async (tx) => {
    const before = await individualOf(tx, governmentId, id, opts.ctx.locale);
    const p = new Problems();
    const targets = readPeriodTargets(p, input, before.direction);
    p.throwIfAny();
    assertFresh(await repo.updateRow(tx, 'individual_indicators', governmentId, id, {}, input.expectedUpdatedAt));
    await writePeriodTargets(tx, 'individual', governmentId, id, targets);
    const item = await individualOf(tx, governmentId, id, opts.ctx.locale);
    await recordAudit(tx, opts.ctx, {
      governmentId,
      action: 'individual_indicator.targets',
      entityType: 'individual_indicator',
      entityId: id,
      before: { annual: before.annual, quarters: before.quarters },
      after: { annual: item.annual, quarters: item.quarters },
    });
    return { item, warnings: responseWarnings(item) };
  });
}
