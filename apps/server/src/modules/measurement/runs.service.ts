import { createHash, randomUUID } from 'node:crypto';
import type { MeasurementMethod, MeasurementRun, MeasurementRunSummary, MeasureOptions } from '@sidakin/core';
import canonicalize from 'canonicalize';
import type { Database, Queryable, Tx } from '../../db/database.js';
import { AppError, invalidField, notFound } from '../../errors.js';
import { authorize } from '../../http/access.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit.service.js';
import * as collectionRepo from '../collection/collection.repo.js';
import { onValuesChanged } from '../collection/collection.service.js';
import { type AgreementInputs, loadInputs, measureInputs } from './measurement.service.js';
import * as repo from './runs.repo.js';
import { methodOf } from './settings.service.js';

function optionsOf(m: MeasurementMethod): MeasureOptions {
  return { scale: m.scale, decimals: m.decimals, cap: m.cap, efficiency: m.efficiency, agencyFrom: m.agencyFrom };
}

/** SHA-256 over the RFC 8785 canonical JSON of the inputs. */
export function inputsHash(inputs: readonly AgreementInputs[]): string {
  return createHash('sha256')
    .update(canonicalize(inputs) ?? '')
    .digest('hex');
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function present(r: repo.RunRow): MeasurementRunSummary {
  return {
    id: r.id,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    year: r.year,
    runNo: r.run_no,
    trigger: r.trigger,
    reason: r.reason,
    inputsSha256: r.inputs_sha256,
    agencyAchievement: r.agency_achievement,
    agencyCategory: r.agency_category,
    indicatorCount: r.indicator_count,
    caseId: r.case_id,
    current: r.superseded_by_id === null,
    supersededById: r.superseded_by_id,
    supersededAt: iso(r.superseded_at),
    createdByName: r.created_by_name,
    createdAt: iso(r.created_at)!,
  };
}

/**
 * Measures an agency's year and keeps it as a run: method, inputs (with their hash) and results.
 * The previous current run, if any, is superseded and stays readable. With `onlyIfChanged`, nothing
 * happens when the inputs are the same as the current run's; with `onlyIfMeasured`, when the year
 * has no run yet.
 */
export async function createRunTx(
  tx: Tx,
  ctx: RequestContext,
  actor: Actor | null,
  input: {
    governmentId: string;
    agencyId: string;
    year: number;
    trigger: repo.RunRow['trigger'];
    reason: string;
    caseId?: string | null;
    onlyIfChanged?: boolean;
    /** Only re-measure a year that has been measured before. */
    onlyIfMeasured?: boolean;
  },
): Promise<string | null> {
  const current = await repo.currentRunForUpdate(tx, input.agencyId, input.year);
  if (input.onlyIfMeasured && !current) return null;
  const inputs = await loadInputs(tx, input.governmentId, input.year, input.agencyId);
  if (inputs.length === 0) {
    throw invalidField('body.year', {
      id: `Perangkat daerah ini belum memiliki Perjanjian Kinerja tahun ${input.year} yang dapat diukur`,
      en: `This agency has no performance agreement for ${input.year} to measure`,
    });
  }
  const hash = inputsHash(inputs);
  if (input.onlyIfChanged && current?.inputs_sha256 === hash) return null;
  const method = await methodOf(tx, input.governmentId);
  const results = measureInputs(inputs, optionsOf(method));
  const own = results.find((r) => r.unitId === null) ?? results[0]!;
  const runNo = (await repo.lastRunNo(tx, input.agencyId, input.year)) + 1;
  const id = randomUUID();
  if (current) await repo.supersede(tx, current.id, id);
  await repo.insertRun(tx, {
    id,
    government_id: input.governmentId,
    agency_id: input.agencyId,
    year: input.year,
    run_no: runNo,
    trigger: input.trigger,
    reason: input.reason,
    method,
    inputs,
    inputs_sha256: hash,
    results,
    agency_achievement: own.result.agency.value,
    agency_category: own.result.agency.category,
    indicator_count: results.reduce((n, r) => n + r.result.indicators.length, 0),
    case_id: input.caseId ?? null,
    user_id: actor?.userId ?? null,
    user_name: actor?.displayName ?? 'Sistem',
  });
  await recordAudit(tx, ctx, {
    governmentId: input.governmentId,
    action: 'measurement_run.create',
    entityType: 'measurement_run',
    entityId: id,
    before: current ? { runId: current.id, runNo: current.run_no, inputsSha256: current.inputs_sha256 } : null,
    after: {
      agencyId: input.agencyId,
      year: input.year,
      runNo,
      trigger: input.trigger,
      reason: input.reason,
      inputsSha256: hash,
      agencyAchievement: own.result.agency.value,
      engine: method.engine,
    },
  });
  return id;
}

// A late entry or a correction re-measures the agency's year when it has been measured before.
onValuesChanged(async (tx, ctx, change) => {
  await createRunTx(tx, ctx, ctx.actor, {
    governmentId: change.governmentId,
    agencyId: change.agencyId,
    year: change.year,
    trigger: 'data_changed',
    reason: change.reason,
    onlyIfChanged: true,
    onlyIfMeasured: true,
  });
});

/** A member measures for an agency they hold a position in; an administrator for any. */
async function assertMayRun(db: Queryable, actor: Actor, agencyId: string): Promise<void> {
  if (actor.role !== 'member') return;
  const held = actor.employeeId ? await collectionRepo.heldInAgency(db, actor.employeeId, agencyId) : [];
  if (held.length === 0) throw new AppError('FORBIDDEN');
}

async function requireAgency(db: Queryable, governmentId: string, agencyId: string): Promise<void> {
  const rows = await db.query('SELECT 1 FROM agencies WHERE government_id = $1 AND id = $2', [governmentId, agencyId]);
  if (rows.length === 0)
    throw invalidField('body.agencyId', { id: 'Perangkat daerah tidak ditemukan', en: 'Agency not found' });
}

export async function createRun(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  input: { agencyId: string; year: number; reason?: string | undefined };
}): Promise<MeasurementRun> {
  const actor = authorize(opts.ctx.actor, 'measurement.run', opts.governmentId);
  const id = await opts.db.transaction(async (tx) => {
    await requireAgency(tx, opts.governmentId, opts.input.agencyId);
    await assertMayRun(tx, actor, opts.input.agencyId);
    return createRunTx(tx, opts.ctx, actor, {
      governmentId: opts.governmentId,
      agencyId: opts.input.agencyId,
      year: opts.input.year,
      trigger: 'request',
      reason: opts.input.reason ?? '',
    });
  });
  return getRun({ ...opts, runId: id! });
}

export async function listRuns(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  query: { agencyId?: string | undefined; year?: number | undefined; current: 'true' | 'all' };
}): Promise<{ items: MeasurementRunSummary[] }> {
  authorize(opts.ctx.actor, 'measurement.read', opts.governmentId);
  const rows = await repo.listRuns(opts.db, opts.governmentId, {
    agencyId: opts.query.agencyId,
    year: opts.query.year,
    currentOnly: opts.query.current === 'true',
  });
  return { items: rows.map(present) };
}

export async function getRun(opts: {
  db: Queryable;
  ctx: RequestContext;
  governmentId: string;
  runId: string;
}): Promise<MeasurementRun> {
  authorize(opts.ctx.actor, 'measurement.read', opts.governmentId);
  const r = await repo.getRun(opts.db, opts.governmentId, opts.runId);
  if (!r) throw notFound();
  const results = r.results as MeasurementRun['results'];
  const n = await repo.namesOf(
    opts.db,
    [...new Set(results.flatMap((a) => a.result.indicators.map((i) => i.id)))],
    [...new Set(results.flatMap((a) => a.result.nodes.map((x) => x.id)))],
    results.flatMap((a) => (a.unitId ? [a.unitId] : [])),
  );
  return {
    ...present(r),
    method: r.method as MeasurementMethod,
    results,
    names: {
      indicators: Object.fromEntries(
        n.indicators.map((i) => [
          i.id,
          { code: i.code, name: i.name, unitOfMeasure: i.unit_of_measure, decimals: i.decimals },
        ]),
      ),
      nodes: Object.fromEntries(n.nodes.map((x) => [x.id, { code: x.code, name: x.name, kind: x.kind }])),
      units: Object.fromEntries(n.units.map((u) => [u.id, u.name])),
    },
  };
}

/**
 * Re-measures a run from its own stored inputs and method: the inputs still hash to what was
 * recorded, and the results come out identical — so a past report reproduces exactly.
 */
export async function reproduceRun(opts: { db: Queryable; ctx: RequestContext; governmentId: string; runId: string }) {
  authorize(opts.ctx.actor, 'measurement.read', opts.governmentId);
  const r = await repo.getRun(opts.db, opts.governmentId, opts.runId);
  if (!r) throw notFound();
  const inputs = r.inputs as AgreementInputs[];
  const again = measureInputs(inputs, optionsOf(r.method as MeasurementMethod));
  return {
    runId: r.id,
    inputsSha256: r.inputs_sha256,
    inputsIntact: inputsHash(inputs) === r.inputs_sha256,
    identical: canonicalize(again) === canonicalize(r.results),
  };
}
