import {
  type Dashboard,
  type DashboardIndicator,
  divRound,
  fromMicros,
  type MeasuredAgreement,
  type MeasurementMethod,
  type PublicAchievements,
  type PublicAchievementsSetting,
  toMicros,
} from '@sidakin/core';
import type { Database, Queryable } from '../../db/database.js';
import { AppError, invalidField, notFound } from '../../errors.js';
import { authorize } from '../../http/access.js';
import type { RequestContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit.service.js';
import * as collectionRepo from '../collection/collection.repo.js';
import { completenessOf } from '../collection/collection.service.js';
import type { AgreementInputs } from '../measurement/measurement.service.js';
import { methodOf } from '../measurement/settings.service.js';
import * as repo from './dashboards.repo.js';

const quarterCodes = ['q1', 'q2', 'q3', 'q4'] as const;

/** The agencies the asking person may see: all for an administrator, those they head or are secretary of for a member. */
async function visibleAgencies(db: Queryable, ctx: RequestContext, governmentId: string): Promise<repo.AgencyLite[]> {
  const actor = ctx.actor!;
  if (actor.role !== 'member') return repo.agenciesOf(db, governmentId);
  return actor.employeeId ? repo.agenciesLedBy(db, governmentId, actor.employeeId) : [];
}

function yearNow(): number {
  return new Date().getUTCFullYear();
}

/** The exact mean of the measured values, rounded to two decimals as the screens show means. */
function mean(values: readonly (string | null)[]): { value: string | null; measured: number } {
  const xs = values.filter((v): v is string => v !== null);
  if (xs.length === 0) return { value: null, measured: 0 };
  const sum = xs.reduce((acc, v) => acc + toMicros(v), 0n);
  return { value: fromMicros(divRound(sum, BigInt(xs.length)), 2), measured: xs.length };
}

const days = (v: string | null) => (v === null ? null : Number(v));

interface RunView {
  run: repo.RunRow;
  agencyName: string;
  results: MeasuredAgreement[];
  inputs: AgreementInputs[];
}

/** The objective an indicator serves: the nearest sasaran above its node (or its node itself). */
function objectiveOf(
  nodeId: string | null,
  parents: Map<string, { parentId: string | null; kind: string }>,
): { objectiveId: string | null; nodeId: string | null } {
  let at = nodeId;
  for (let guard = 0; at && guard < 20; guard++) {
    const n = parents.get(at);
    if (!n) break;
    if (n.kind === 'objective') return { objectiveId: at, nodeId };
    at = n.parentId;
  }
  return { objectiveId: null, nodeId };
}

function nodeParents(inputs: AgreementInputs[]) {
  const parents = new Map<string, { parentId: string | null; kind: string }>();
  for (const a of inputs) for (const n of a.nodes) parents.set(n.id, { parentId: n.parentId, kind: n.kind });
  return parents;
}

function bandsOf(methods: MeasurementMethod[]): Dashboard['bands'] {
  const seen = new Map<string, Dashboard['bands'][number]>();
  for (const m of methods)
    for (const b of m.scale.bands)
      if (!seen.has(b.key)) seen.set(b.key, { key: b.key, label: b.label, color: b.color });
  return [...seen.values()];
}

async function namesFor(db: Queryable, views: RunView[]) {
  const indicatorIds = new Set<string>();
  const nodeIds = new Set<string>();
  const unitIds = new Set<string>();
  for (const v of views)
    for (const a of v.results) {
      for (const i of a.result.indicators) indicatorIds.add(i.id);
      for (const n of a.result.nodes) nodeIds.add(n.id);
      if (a.unitId) unitIds.add(a.unitId);
    }
  const n = await repo.namesOf(db, [...indicatorIds], [...nodeIds], [...unitIds]);
  return {
    indicators: new Map(n.indicators.map((i) => [i.id, i])),
    nodes: new Map(n.nodes.map((x) => [x.id, x])),
    units: new Map(n.units.map((u) => [u.id, u.name])),
  };
}

/**
 * The dashboard of heads and secretaries: achievement by objective, indicator, unit and quarter
 * from each agency's latest run of the year (marked approved or not), the weakest and strongest
 * indicators, the completeness of every collection period, and SOP timeliness against mutu baku.
 */
export async function getDashboard(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  query: { year?: number | undefined; agencyId?: string | undefined };
}): Promise<Dashboard> {
  authorize(opts.ctx.actor, 'dashboards.read', opts.governmentId);
  const { db, ctx, governmentId } = opts;
  const year = opts.query.year ?? yearNow();
  const agencies = await visibleAgencies(db, ctx, governmentId);
  let inView = agencies;
  if (opts.query.agencyId) {
    const chosen = agencies.find((a) => a.id === opts.query.agencyId);
    if (!chosen) {
      if (ctx.actor!.role === 'member') throw new AppError('FORBIDDEN');
      throw invalidField('query.agencyId', { id: 'Perangkat daerah tidak ditemukan', en: 'Agency not found' });
    }
    inView = [chosen];
  }
  const ids = inView.map((a) => a.id);
  const nameOf = new Map(inView.map((a) => [a.id, a.name]));

  const runs = await repo.latestRuns(db, governmentId, year, ids);
  const views: RunView[] = runs
    .map((run) => ({
      run,
      agencyName: nameOf.get(run.agency_id) ?? '',
      results: run.results as MeasuredAgreement[],
      inputs: run.inputs as AgreementInputs[],
    }))
    .sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'id'));
  const names = await namesFor(db, views);

  // The collection periods of the year and the values entered in them: completeness, and where
  // each figure's value lives for the drill-down.
  const periods = (await collectionRepo.listPeriods(db, governmentId, { year })).filter((p) => nameOf.has(p.agency_id));
  periods.sort((a, b) => a.agency_name.localeCompare(b.agency_name, 'id') || a.period.localeCompare(b.period));
  const values = await repo.valuesOf(
    db,
    periods.map((p) => p.id),
  );
  const valueAt = new Map(values.map((v) => [`${v.period_id}:${v.indicator_id}:${v.unit_id ?? ''}`, v.value_id]));

  const indicators: DashboardIndicator[] = [];
  const objectives: Dashboard['objectives'] = [];
  const units: Dashboard['units'] = [];
  for (const v of views) {
    const parents = nodeParents(v.inputs);
    const approved = v.run.approved;
    const agencyPeriods = periods.filter((p) => p.agency_id === v.run.agency_id);
    const own = v.results.find((a) => a.unitId === null);
    const objectiveSources = own?.result.nodes.some((n) => parents.get(n.id)?.kind === 'objective') ? [own] : v.results;
    const seenObjectives = new Set<string>();
    for (const a of objectiveSources)
      for (const n of a.result.nodes) {
        if (parents.get(n.id)?.kind !== 'objective' || seenObjectives.has(n.id)) continue;
        seenObjectives.add(n.id);
        const named = names.nodes.get(n.id);
        objectives.push({
          agencyId: v.run.agency_id,
          agencyName: v.agencyName,
          nodeId: n.id,
          code: named?.code ?? '',
          name: named?.name ?? '',
          achievement: n.value,
          category: n.category,
          approved,
        });
      }
    for (const a of v.results) {
      const unitName = a.unitId ? (names.units.get(a.unitId) ?? '') : v.agencyName;
      units.push({
        agencyId: v.run.agency_id,
        agencyName: v.agencyName,
        unitId: a.unitId,
        unitName,
        achievement: a.result.agency.value,
        category: a.result.agency.category,
        approved,
      });
      const inputs = v.inputs.find((x) => x.agreementId === a.agreementId);
      for (const i of a.result.indicators) {
        const input = inputs?.indicators.find((x) => x.id === i.id);
        const named = names.indicators.get(i.id);
        const { objectiveId } = objectiveOf(input?.nodeId ?? null, parents);
        indicators.push({
          agencyId: v.run.agency_id,
          agencyName: v.agencyName,
          unitId: a.unitId,
          unitName,
          indicatorId: i.id,
          code: named?.code ?? '',
          name: named?.name ?? '',
          unitOfMeasure: named?.unit_of_measure ?? '',
          decimals: named?.decimals ?? 2,
          objectiveId,
          objectiveName: objectiveId ? (names.nodes.get(objectiveId)?.name ?? null) : null,
          target: input?.annualTarget ?? null,
          actual: i.annual.actual,
          achievement: i.annual.achievement,
          category: i.annual.category,
          quarters: i.quarters.map((q) => q.achievement),
          runId: v.run.id,
          approved,
          drill: agencyPeriods.map((p) => ({
            period: p.period,
            periodId: p.id,
            label: p.label,
            unit: a.unitId ?? 'agency',
            valueId: valueAt.get(`${p.id}:${i.id}:${a.unitId ?? ''}`) ?? null,
          })),
        });
      }
    }
  }

  const measured = indicators.filter((i) => i.achievement !== null);
  const ascending = [...measured].sort((a, b) => Number(a.achievement) - Number(b.achievement));
  const weakest = ascending.slice(0, 5);
  const strongest = ascending.slice(weakest.length).reverse().slice(0, 5);

  const completeness: Dashboard['completeness'] = [];
  for (const p of periods) {
    const c = await completenessOf(db, p, ctx.locale, null);
    completeness.push({
      agencyId: p.agency_id,
      agencyName: p.agency_name,
      periodId: p.id,
      period: p.period,
      label: p.label,
      status: p.status,
      required: c.required,
      entered: c.entered,
      units: c.units.map((u) => ({
        unitId: u.unitId,
        unitName: u.unitName,
        required: u.required,
        entered: u.entered,
        status: u.status,
      })),
    });
  }

  const [totals, bySop, overdue] = await Promise.all([
    repo.timelinessTotals(db, governmentId, year, ids),
    repo.timelinessBySop(db, governmentId, year, ids),
    repo.overdueTasks(db, governmentId, ids),
  ]);

  const settings = await methodOf(db, governmentId);
  const measuredIds = new Set(views.map((v) => v.run.agency_id));
  return {
    year,
    agencyId: opts.query.agencyId ?? null,
    agencies: agencies.map((a) => ({ id: a.id, name: a.name })),
    bands: bandsOf([...views.map((v) => v.run.method as MeasurementMethod), settings]),
    runs: views.map((v) => ({
      agencyId: v.run.agency_id,
      agencyName: v.agencyName,
      runId: v.run.id,
      runNo: v.run.run_no,
      approved: v.run.approved,
      createdAt: new Date(v.run.created_at).toISOString(),
      achievement: v.run.agency_achievement,
      category: v.run.agency_category,
    })),
    unmeasured: inView.filter((a) => !measuredIds.has(a.id)).map((a) => ({ id: a.id, name: a.name })),
    objectives,
    units,
    periods: quarterCodes.map((q, at) => {
      const m = mean(indicators.map((i) => i.quarters[at] ?? null));
      return { period: q, achievement: m.value, measured: m.measured };
    }),
    indicators,
    weakest,
    strongest,
    completeness,
    timeliness: {
      done: totals.done,
      onTime: totals.on_time,
      late: totals.late,
      avgActualDays: days(totals.avg_actual_days),
      avgStandardDays: days(totals.avg_standard_days),
      bySop: bySop.map((r) => ({
        sopId: r.sop_id,
        sopTitle: r.sop_title,
        agencyName: r.agency_name,
        done: r.done,
        onTime: r.on_time,
        late: r.late,
        avgActualDays: days(r.avg_actual_days),
        avgStandardDays: days(r.avg_standard_days),
      })),
      overdue: overdue.map((r) => ({
        taskId: r.task_id,
        caseId: r.case_id,
        caseNumber: r.case_number,
        caseSubject: r.case_subject,
        agencyName: r.agency_name,
        sopTitle: r.sop_title,
        stepNo: r.step_no,
        stepText: r.step_text ?? '',
        dueAt: new Date(r.due_at).toISOString(),
        overdueDays: Number(r.overdue_days),
      })),
    },
  };
}

// ── the public page ──
function presentSetting(r: NonNullable<Awaited<ReturnType<typeof repo.publicSetting>>>): PublicAchievementsSetting {
  return { enabled: r.public_achievements, code: r.code, updatedAt: new Date(r.updated_at).toISOString() };
}

export async function getPublicSetting(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
}): Promise<PublicAchievementsSetting> {
  authorize(opts.ctx.actor, 'government.read', opts.governmentId);
  const r = await repo.publicSetting(opts.db, opts.governmentId);
  if (!r) throw notFound();
  return presentSetting(r);
}

/** Turns the public page of approved achievements on or off, on record. */
export async function setPublicSetting(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  input: { enabled: boolean };
}): Promise<PublicAchievementsSetting> {
  authorize(opts.ctx.actor, 'government.manage', opts.governmentId);
  return opts.db.transaction(async (tx) => {
    const before = await repo.publicSetting(tx, opts.governmentId);
    if (!before) throw notFound();
    if (before.public_achievements === opts.input.enabled) return presentSetting(before);
    await repo.setPublicSetting(tx, opts.governmentId, opts.input.enabled);
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'government.public_achievements',
      entityType: 'government',
      entityId: opts.governmentId,
      before: { publicAchievements: before.public_achievements },
      after: { publicAchievements: opts.input.enabled },
    });
    return presentSetting((await repo.publicSetting(tx, opts.governmentId))!);
  });
}

/**
 * A government's approved achievements for anyone, when it has turned its public page on: each
 * agency's approved run, by objective and indicator — names of plans and figures only, never a
 * person (no names, NIPs or usernames).
 */
export async function publicAchievements(opts: {
  db: Database;
  code: string;
  query: { year?: number | undefined };
}): Promise<PublicAchievements> {
  const g = await repo.governmentByCode(opts.db, opts.code);
  if (!g?.public_achievements) throw notFound();
  const years = await repo.approvedYears(opts.db, g.id);
  const year = opts.query.year ?? years[0] ?? yearNow();
  const runs = (await repo.approvedRuns(opts.db, g.id, year)).sort((a, b) =>
    a.agency_name.localeCompare(b.agency_name, 'id'),
  );
  const approvedAt = new Map(runs.map((r) => [r.id, r.approved_at]));
  const views: RunView[] = runs.map((run) => ({
    run,
    agencyName: run.agency_name,
    results: run.results as MeasuredAgreement[],
    inputs: run.inputs as AgreementInputs[],
  }));
  const names = await namesFor(opts.db, views);
  const settings = await methodOf(opts.db, g.id);
  return {
    government: { code: g.code, name: g.name },
    year,
    years,
    bands: bandsOf([...views.map((v) => v.run.method as MeasurementMethod), settings]),
    agencies: views.map((v) => {
      const own = v.results.find((a) => a.unitId === null) ?? v.results[0];
      const inputs = v.inputs.find((x) => x.agreementId === own?.agreementId);
      const parents = nodeParents(v.inputs);
      const groups = new Map<string, PublicAchievements['agencies'][number]['objectives'][number]>();
      for (const i of own?.result.indicators ?? []) {
        const input = inputs?.indicators.find((x) => x.id === i.id);
        const { objectiveId, nodeId } = objectiveOf(input?.nodeId ?? null, parents);
        const groupId = objectiveId ?? nodeId ?? '';
        if (!groups.has(groupId)) {
          const node = own?.result.nodes.find((n) => n.id === groupId);
          const named = names.nodes.get(groupId);
          groups.set(groupId, {
            code: named?.code ?? '',
            name: named?.name ?? '',
            achievement: node?.value ?? null,
            category: node?.category ?? null,
            indicators: [],
          });
        }
        const named = names.indicators.get(i.id);
        groups.get(groupId)!.indicators.push({
          code: named?.code ?? '',
          name: named?.name ?? '',
          unitOfMeasure: named?.unit_of_measure ?? '',
          target: input?.annualTarget ?? null,
          actual: i.annual.actual,
          achievement: i.annual.achievement,
          category: i.annual.category,
        });
      }
      return {
        name: v.agencyName,
        achievement: own?.result.agency.value ?? v.run.agency_achievement,
        category: own?.result.agency.category ?? v.run.agency_category,
        approvedOn: new Date(approvedAt.get(v.run.id)!).toISOString().slice(0, 10),
        objectives: [...groups.values()],
      };
    }),
  };
}
