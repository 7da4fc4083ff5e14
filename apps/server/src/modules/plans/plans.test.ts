import { randomUUID } from 'node:crypto';
import type {
  AgreementDetail,
  AgreementIndicator,
  IndividualIndicator,
  Plan,
  PlanIndicator,
  PlanNode,
  PlanTree,
  Warning,
} from '@sidakin/core';
import { errorMessages } from '@sidakin/core';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createTestApp,
  type GovernmentFixture,
  makeGovernment,
  makeNip,
  signIn,
  type TestContext,
} from '../../test/fixture.js';

// The plans API against a real database: the Renstra tree and its rules, indicators and their
// targets (Indonesian number forms), performance agreements cascaded from the agency to its
// units with quarterly targets, pagu, signatories (Plt included), murni → perubahan versions,
// individual indicators, stale writes, audit records in the same transaction, tenant isolation.

let t: TestContext;
let g: GovernmentFixture;
let admin: Client;
let member: Client;

beforeAll(async () => {
  t = await createTestApp();
  g = await makeGovernment(t.db);
  admin = await signIn(t.app, g.admin.username);
  member = await signIn(t.app, g.member.username);
});
afterAll(async () => {
  await t.close();
});

const gov = (path = '') => `/api/governments/${g.governmentId}${path}`;

let n = 0;
const next = () => ++n;

// ── assertions ─────────────────────────────────────────────────────────────────────────────
interface ErrorBody {
  code: string;
  message: string;
  details?: { path: string; message: string }[];
}

function expectError(res: LightMyRequestResponse, status: number, code: string, path?: string): ErrorBody {
  expect(res.statusCode, res.body).toBe(status);
  const error = res.json().error as ErrorBody;
  expect(error.code).toBe(code);
  if (path) expect(error.details?.map((d) => d.path)).toContain(path);
  return error;
}

const messageAt = (error: ErrorBody, path: string) => error.details?.find((d) => d.path === path)?.message;

function created<T>(res: LightMyRequestResponse): T {
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as T;
}

function ok<T>(res: LightMyRequestResponse): T {
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
}

async function count(table: string): Promise<number> {
  const rows = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]!.n;
}

async function expectNothingSaved(tables: string[], act: () => Promise<void>): Promise<void> {
  const snapshot = async () => Promise.all([...tables, 'audit_log'].map(count));
  const before = await snapshot();
  await act();
  expect(await snapshot()).toEqual(before);
}

interface AuditRecord {
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
}

async function auditMark(): Promise<number> {
  const rows = await t.db.query<{ n: number }>('SELECT coalesce(max(id), 0)::int AS n FROM audit_log');
  return rows[0]!.n;
}

async function auditSince(mark: number): Promise<AuditRecord[]> {
  return t.db.query<AuditRecord>(
    'SELECT action, entity_type, entity_id, before, after FROM audit_log WHERE id > $1 ORDER BY id',
    [mark],
  );
}

// ── factories (through the API) ──────────────────────────────────────────────────────────────
/**
 * An agency of its own (so that plan periods never overlap between tests): a bidang with a seksi
 * under it; a Kepala Dinas, a Kabid and a staff member (definitive since 2024), and a vacant Kasi
 * for whom the staff member acts as Plt in 2025–2026.
 */
interface AgencySetup {
  agencyId: string;
  bidangId: string;
  seksiId: string;
  kadis: { positionId: string; employeeId: string };
  kabid: { positionId: string; employeeId: string };
  staff: { positionId: string; employeeId: string };
  kasiPositionId: string;
}

async function makeAgency(): Promise<AgencySetup> {
  const i = next();
  const post = <T>(path: string, body: unknown) => admin.request('POST', gov(path), body).then((r) => created<T>(r));
  const agency = await post<{ id: string }>('/agencies', {
    code: `disdag-${i}`,
    name: `Dinas Perdagangan ${i}`,
    kind: 'dinas',
  });
  const bidang = await post<{ id: string }>('/units', {
    agencyId: agency.id,
    code: 'bidang-perdagangan',
    name: 'Bidang Perdagangan',
    kind: 'bidang',
  });
  const seksi = await post<{ id: string }>('/units', {
    agencyId: agency.id,
    parentId: bidang.id,
    code: 'seksi-distribusi',
    name: 'Seksi Distribusi',
    kind: 'seksi',
  });
  const person = async (positionBody: Record<string, unknown>, name: string, sex: 1 | 2) => {
    const position = await post<{ id: string }>('/positions', { agencyId: agency.id, ...positionBody });
    const employee = await post<{ id: string }>('/employees', { agencyId: agency.id, nip: makeNip(sex), name });
    await post(`/positions/${position.id}/assignments`, {
      employeeId: employee.id,
      kind: 'definitive',
      startsOn: '2024-01-02',
    });
    return { positionId: position.id, employeeId: employee.id };
  };
  const kadis = await person({ code: 'kadis', name: 'Kepala Dinas Perdagangan', kind: 'head' }, 'Budi Santoso', 1);
  const kabid = await person(
    { unitId: bidang.id, code: 'kabid', name: 'Kepala Bidang Perdagangan', kind: 'head' },
    'Andi Pratama',
    1,
  );
  const staff = await person(
    { unitId: bidang.id, code: 'jp-1', name: 'Pengolah Data dan Informasi', kind: 'staff' },
    'Sri Wahyuni',
    2,
  );
  const kasi = await post<{ id: string }>('/positions', {
    agencyId: agency.id,
    unitId: seksi.id,
    code: 'kasi',
    name: 'Kepala Seksi Distribusi',
    kind: 'head',
  });
  await post(`/positions/${kasi.id}/assignments`, {
    employeeId: staff.employeeId,
    kind: 'plt',
    startsOn: '2025-01-01',
    endsOn: '2026-12-31',
  });
  return { agencyId: agency.id, bidangId: bidang.id, seksiId: seksi.id, kadis, kabid, staff, kasiPositionId: kasi.id };
}

async function makePlan(agencyId: string, overrides: Record<string, unknown> = {}): Promise<Plan> {
  return created<Plan>(
    await admin.request('POST', gov('/plans'), {
      agencyId,
      name: 'Renstra Dinas Perdagangan 2025–2029',
      startYear: 2025,
      endYear: 2029,
      ...overrides,
    }),
  );
}

async function makeNode(planId: string, body: Record<string, unknown>): Promise<PlanNode> {
  return created<PlanNode>(await admin.request('POST', gov(`/plans/${planId}/nodes`), body));
}

/** goal → objective → program (the bidang's) → activity (the seksi's) → sub-activity. */
async function makeTree(planId: string, a: AgencySetup) {
  const goal = await makeNode(planId, { kind: 'goal', code: '1', name: 'Meningkatnya stabilitas perdagangan' });
  const objective = await makeNode(planId, {
    kind: 'objective',
    parentId: goal.id,
    code: '1.1',
    name: 'Terjaganya stabilitas harga bahan pokok',
  });
  const program = await makeNode(planId, {
    kind: 'program',
    parentId: objective.id,
    code: '3.30.03',
    name: 'Program Stabilisasi Harga Barang Kebutuhan Pokok',
    unitId: a.bidangId,
  });
  const activity = await makeNode(planId, {
    kind: 'activity',
    parentId: program.id,
    code: '3.30.03.2.01',
    name: 'Penjaminan Ketersediaan Barang Kebutuhan Pokok',
    unitId: a.seksiId,
  });
  const subActivity = await makeNode(planId, {
    kind: 'sub_activity',
    parentId: activity.id,
    code: '3.30.03.2.01.0001',
    name: 'Pemantauan Harga dan Stok Barang Kebutuhan Pokok',
    unitId: a.seksiId,
  });
  return { goal, objective, program, activity, subActivity };
}

function yearTargets(start: number, values: (string | number)[]) {
  return values.map((value, i) => ({ year: start + i, value }));
}

async function makeIndicator(planId: string, body: Record<string, unknown>): Promise<PlanIndicator> {
  return created<PlanIndicator>(
    await admin.request('POST', gov(`/plans/${planId}/indicators`), {
      unitOfMeasure: '%',
      direction: 'higher_better',
      type: 'outcome',
      aggregation: 'last',
      ...body,
    }),
  );
}

/** A plan with its tree and three indicators: the objective's IKU, the program's, the activity's. */
async function makePlanWithIndicators() {
  const a = await makeAgency();
  const plan = await makePlan(a.agencyId);
  const tree = await makeTree(plan.id, a);
  const s = plan.startYear;
  const iku = await makeIndicator(plan.id, {
    nodeId: tree.objective.id,
    code: 'IKU-1',
    name: 'Persentase ketersediaan bahan pokok',
    isKey: true,
    baselineValue: '90',
    baselineYear: s - 1,
    targets: yearTargets(s, ['91', '92', '93', '94', '95']),
  });
  const programIndicator = await makeIndicator(plan.id, {
    nodeId: tree.program.id,
    name: 'Jumlah pasar yang dipantau',
    unitOfMeasure: 'pasar',
    type: 'output',
    aggregation: 'sum',
    decimals: 0,
    targets: yearTargets(s, [12, 12, 14, 14, 16]),
  });
  const activityIndicator = await makeIndicator(plan.id, {
    nodeId: tree.activity.id,
    name: 'Koefisien variasi harga bahan pokok',
    direction: 'lower_better',
    type: 'outcome',
    aggregation: 'average',
    targets: yearTargets(s, ['5,5', '5', '4,5', '4', '3,5']),
  });
  return { a, plan, tree, iku, programIndicator, activityIndicator };
}

// ── plans ────────────────────────────────────────────────────────────────────────────────────
describe('strategic plans', () => {
  it('create answers 201 and writes one audit record; members read, only admins manage', async () => {
    const a = await makeAgency();
    const mark = await auditMark();
    const plan = await makePlan(a.agencyId, { decreeNumber: 'Perbup No. 12 Tahun 2021', status: 'established' });
    expect(plan).toMatchObject({ agencyId: a.agencyId, status: 'established', active: true });
    expect(await auditSince(mark)).toMatchObject([{ action: 'plan.create', entity_type: 'plan', entity_id: plan.id }]);

    const list = ok<{ items: Plan[] }>(
      await member.request('GET', gov(`/plans?agencyId=${a.agencyId}&year=${plan.startYear + 2}`)),
    );
    expect(list.items.map((p) => p.id)).toEqual([plan.id]);
    const tree = ok<PlanTree>(await member.request('GET', gov(`/plans/${plan.id}`)));
    expect(tree.years).toEqual([0, 1, 2, 3, 4].map((i) => plan.startYear + i));
    expectError(await member.request('POST', gov('/plans'), { agencyId: g.agencyId }), 403, 'FORBIDDEN');
  });

  it('refuses a period that ends before it starts, is too long, or overlaps another active plan', async () => {
    const a = await makeAgency();
    const plan = await makePlan(a.agencyId);
    const base = { agencyId: a.agencyId, name: 'Renstra Salah' };
    await expectNothingSaved(['plans'], async () => {
      let e = expectError(
        await admin.request('POST', gov('/plans'), { ...base, startYear: 2030, endYear: 2029 }),
        400,
        'VALIDATION',
        'body.endYear',
      );
      expect(messageAt(e, 'body.endYear')).toBe('Tahun akhir tidak boleh sebelum tahun awal');
      expectError(
        await admin.request('POST', gov('/plans'), { ...base, startYear: 2030, endYear: 2045 }),
        400,
        'VALIDATION',
        'body.endYear',
      );
      e = expectError(
        await admin.request('POST', gov('/plans'), { ...base, startYear: plan.endYear, endYear: plan.endYear + 4 }),
        400,
        'VALIDATION',
        'body.startYear',
      );
      expect(messageAt(e, 'body.startYear')).toContain('bertumpang tindih');
      const en = expectError(
        await admin.request(
          'POST',
          gov('/plans'),
          { ...base, startYear: plan.endYear, endYear: plan.endYear + 4 },
          { 'accept-language': 'en' },
        ),
        400,
        'VALIDATION',
      );
      expect(messageAt(en, 'body.startYear')).toContain('overlaps');
    });
  });

  it('a stale update is a 409 and changes nothing; deactivation closes the plan to changes', async () => {
    const plan = await makePlan((await makeAgency()).agencyId);
    const renamed = ok<Plan>(
      await admin.request('PATCH', gov(`/plans/${plan.id}`), {
        name: 'Renstra Baru',
        expectedUpdatedAt: plan.updatedAt,
      }),
    );
    expect(renamed.name).toBe('Renstra Baru');
    await expectNothingSaved([], async () => {
      expectError(
        await admin.request('PATCH', gov(`/plans/${plan.id}`), { name: 'Lama', expectedUpdatedAt: plan.updatedAt }),
        409,
        'STALE_WRITE',
        'body.expectedUpdatedAt',
      );
    });
    const mark = await auditMark();
    ok(await admin.request('PATCH', gov(`/plans/${plan.id}`), { active: false }));
    expect((await auditSince(mark)).map((r) => r.action)).toEqual(['plan.deactivate']);
    const e = expectError(
      await admin.request('POST', gov(`/plans/${plan.id}/nodes`), { kind: 'goal', code: '1', name: 'Tujuan' }),
      409,
      'PLAN_INACTIVE',
    );
    expect(e.message).toBe(errorMessages.PLAN_INACTIVE.id);
  });

  it('refuses to shrink the period past years that already have targets', async () => {
    const { plan } = await makePlanWithIndicators();
    const e = expectError(
      await admin.request('PATCH', gov(`/plans/${plan.id}`), { endYear: plan.endYear - 1 }),
      400,
      'VALIDATION',
      'body.endYear',
    );
    expect(messageAt(e, 'body.endYear')).toContain(String(plan.endYear));
  });
});

// ── the tree ─────────────────────────────────────────────────────────────────────────────────
describe('the plan tree', () => {
  it('returns the nodes depth-first with depth, indicators and their targets', async () => {
    const { a, plan, tree, iku } = await makePlanWithIndicators();
    const view = ok<PlanTree>(await admin.request('GET', gov(`/plans/${plan.id}`)));
    expect(view.nodes.map((x) => [x.kind, x.depth])).toEqual([
      ['goal', 0],
      ['objective', 1],
      ['program', 2],
      ['activity', 3],
      ['sub_activity', 4],
    ]);
    const objective = view.nodes.find((x) => x.id === tree.objective.id)!;
    expect(objective.indicators.map((i) => i.id)).toEqual([iku.id]);
    expect(objective.indicators[0]!.targets[0]).toEqual({ year: plan.startYear, value: '91', low: null, high: null });
    expect(view.nodes.find((x) => x.kind === 'program')!.unitId).toBe(a.bidangId);
  });

  it('refuses every node that would break the order goal → objective → program → activity → sub-activity', async () => {
    const a = await makeAgency();
    const plan = await makePlan(a.agencyId);
    const tree = await makeTree(plan.id, a);
    const other = await makePlan((await makeAgency()).agencyId);
    const otherGoal = await makeNode(other.id, { kind: 'goal', code: '9', name: 'Tujuan lain' });
    const url = gov(`/plans/${plan.id}/nodes`);
    const cases: { body: Record<string, unknown>; message: string }[] = [
      {
        body: { kind: 'goal', parentId: tree.goal.id, code: 'x', name: 'x' },
        message: 'Tujuan tidak boleh memiliki induk',
      },
      { body: { kind: 'objective', code: 'x', name: 'x' }, message: 'Sasaran harus berada langsung di bawah tujuan' },
      {
        body: { kind: 'program', parentId: tree.goal.id, code: 'x', name: 'x' },
        message: 'Program harus berada langsung di bawah sasaran',
      },
      {
        body: { kind: 'sub_activity', parentId: tree.program.id, code: 'x', name: 'x' },
        message: 'Sub kegiatan harus berada langsung di bawah kegiatan',
      },
      {
        body: { kind: 'objective', parentId: otherGoal.id, code: 'x', name: 'x' },
        message: 'Induk harus berada di Renstra yang sama',
      },
      {
        body: { kind: 'objective', parentId: randomUUID(), code: 'x', name: 'x' },
        message: errorMessages.INVALID_REFERENCE.id,
      },
    ];
    await expectNothingSaved(['plan_nodes'], async () => {
      for (const c of cases) {
        const e = expectError(await admin.request('POST', url, c.body), 400, 'PLAN_TREE_INVALID', 'body.parentId');
        expect(messageAt(e, 'body.parentId'), JSON.stringify(c.body)).toBe(c.message);
      }
      const en = expectError(
        await admin.request('POST', url, cases[2]!.body, { 'accept-language': 'en' }),
        400,
        'PLAN_TREE_INVALID',
      );
      expect(messageAt(en, 'body.parentId')).toBe('Program must sit directly under an objective');
      const e = expectError(
        await admin.request('POST', url, { kind: 'goal', code: 'x', name: 'x', unitId: randomUUID() }),
        400,
        'VALIDATION',
        'body.unitId',
      );
      expect(messageAt(e, 'body.unitId')).toBe(errorMessages.INVALID_REFERENCE.id);
    });
  });

  it('moves a node under another parent of the right kind, refuses cycles and wrong kinds', async () => {
    const a = await makeAgency();
    const plan = await makePlan(a.agencyId);
    const tree = await makeTree(plan.id, a);
    const objective2 = await makeNode(plan.id, {
      kind: 'objective',
      parentId: tree.goal.id,
      code: '1.2',
      name: 'Meningkatnya perlindungan konsumen',
    });
    const move = (nodeId: string, body: Record<string, unknown>) =>
      admin.request('POST', gov(`/plans/${plan.id}/nodes/${nodeId}/move`), body);

    await expectNothingSaved(['plan_nodes'], async () => {
      // Under its own descendant: a cycle, named as such.
      let e = expectError(await move(tree.program.id, { parentId: tree.subActivity.id }), 400, 'PLAN_TREE_INVALID');
      expect(messageAt(e, 'body.parentId')).toBe(
        'Simpul tidak boleh dipindahkan ke bawah dirinya sendiri atau turunannya',
      );
      e = expectError(await move(tree.goal.id, { parentId: tree.goal.id }), 400, 'PLAN_TREE_INVALID');
      expect(messageAt(e, 'body.parentId')).toContain('turunannya');
      e = expectError(await move(tree.program.id, { parentId: tree.goal.id }), 400, 'PLAN_TREE_INVALID');
      expect(messageAt(e, 'body.parentId')).toBe('Program harus berada langsung di bawah sasaran');
      e = expectError(await move(tree.objective.id, { parentId: null }), 400, 'PLAN_TREE_INVALID', 'body.parentId');
    });

    const mark = await auditMark();
    const moved = ok<PlanNode>(
      await move(tree.program.id, { parentId: objective2.id, expectedUpdatedAt: tree.program.updatedAt }),
    );
    expect(moved.parentId).toBe(objective2.id);
    expect(await auditSince(mark)).toMatchObject([
      {
        action: 'plan_node.move',
        entity_id: tree.program.id,
        before: { parentId: tree.objective.id },
        after: { parentId: objective2.id },
      },
    ]);
    // The activity moved with its program.
    const view = ok<PlanTree>(await admin.request('GET', gov(`/plans/${plan.id}`)));
    const ids = view.nodes.map((x) => x.id);
    expect(ids.indexOf(tree.activity.id)).toBe(ids.indexOf(tree.program.id) + 1);
    // The version the editor saw is gone now.
    expectError(
      await move(tree.program.id, { parentId: tree.objective.id, expectedUpdatedAt: tree.program.updatedAt }),
      409,
      'STALE_WRITE',
    );
  });

  it('reorders the children of a parent, refusing a list that is not exactly those children', async () => {
    const plan = await makePlan((await makeAgency()).agencyId);
    const goal = await makeNode(plan.id, { kind: 'goal', code: '1', name: 'Tujuan' });
    const [a, b, c] = [
      await makeNode(plan.id, { kind: 'objective', parentId: goal.id, code: '1.1', name: 'A' }),
      await makeNode(plan.id, { kind: 'objective', parentId: goal.id, code: '1.2', name: 'B' }),
      await makeNode(plan.id, { kind: 'objective', parentId: goal.id, code: '1.3', name: 'C' }),
    ];
    const url = gov(`/plans/${plan.id}/nodes/reorder`);
    expectError(
      await admin.request('POST', url, { parentId: goal.id, nodeIds: [c.id, a.id] }),
      409,
      'STALE_WRITE',
      'body.nodeIds',
    );
    expectError(
      await admin.request('POST', url, { parentId: goal.id, nodeIds: [c.id, a.id, a.id] }),
      400,
      'VALIDATION',
      'body.nodeIds.2',
    );
    const view = ok<PlanTree>(await admin.request('POST', url, { parentId: goal.id, nodeIds: [c.id, a.id, b.id] }));
    expect(view.nodes.filter((x) => x.kind === 'objective').map((x) => x.name)).toEqual(['C', 'A', 'B']);
  });

  it('deactivates only leaves (or nodes whose children are inactive), and reactivates only under an active parent', async () => {
    const a = await makeAgency();
    const plan = await makePlan(a.agencyId);
    const tree = await makeTree(plan.id, a);
    const patch = (nodeId: string, body: Record<string, unknown>) =>
      admin.request('PATCH', gov(`/plans/${plan.id}/nodes/${nodeId}`), body);
    const e = expectError(await patch(tree.activity.id, { active: false }), 400, 'PLAN_TREE_INVALID', 'body.active');
    expect(messageAt(e, 'body.active')).toContain('turunan yang aktif');
    ok(await patch(tree.subActivity.id, { active: false }));
    ok(await patch(tree.activity.id, { active: false }));
    expectError(await patch(tree.subActivity.id, { active: true }), 400, 'PLAN_TREE_INVALID', 'body.active');
    const view = ok<PlanTree>(await admin.request('GET', gov(`/plans/${plan.id}`)));
    expect(view.nodes.map((x) => x.kind)).toEqual(['goal', 'objective', 'program']);
    const all = ok<PlanTree>(await admin.request('GET', gov(`/plans/${plan.id}?active=all`)));
    expect(all.nodes).toHaveLength(5);
  });
});

// ── indicators ───────────────────────────────────────────────────────────────────────────────
describe('indicators and Renstra targets', () => {
  it('reads targets written the Indonesian way and keeps decimals exact', async () => {
    const { plan, tree } = await makePlanWithIndicators();
    const indicator = await makeIndicator(plan.id, {
      nodeId: tree.program.id,
      name: 'Nilai transaksi pasar',
      unitOfMeasure: 'Rp juta',
      type: 'output',
      aggregation: 'sum',
      decimals: 1,
      baselineValue: '1.234.567,5',
      baselineYear: plan.startYear - 1,
      targets: [
        { year: plan.startYear, value: '1.300.000,25' },
        { year: plan.startYear + 1, value: 0.1 },
        { year: plan.startYear + 2, value: '85%' },
      ],
      endTarget: { value: '1.500.000' },
    });
    expect(indicator.baseline).toEqual({ value: '1234567.5', year: plan.startYear - 1 });
    expect(indicator.targets.map((x) => x.value)).toEqual(['1300000.25', '0.1', '85']);
    expect(indicator.endTarget).toEqual({ value: '1500000', low: null, high: null });
    expect(indicator.lowerBetterFormula).toBe('inverse_difference');
    const rows = await t.db.query<{ v: string }>(
      'SELECT target_value::text AS v FROM plan_indicator_targets WHERE indicator_id = $1 ORDER BY year',
      [indicator.id],
    );
    expect(rows.map((r) => r.v)).toEqual(['1300000.25', '0.1', '85']);
  });

  it('names the field of every bad target, in Indonesian by default and in English on request', async () => {
    const { plan, tree } = await makePlanWithIndicators();
    const body = {
      nodeId: tree.program.id,
      name: 'Indikator salah',
      unitOfMeasure: '%',
      direction: 'higher_better',
      type: 'output',
      aggregation: 'sum',
      targets: [
        { year: plan.startYear - 1, value: '1' },
        { year: plan.startYear, value: 'abc' },
        { year: plan.startYear + 1, low: '9', high: '7' },
        { year: plan.startYear + 1, value: '1' },
        { year: plan.startYear + 2, value: '1', low: '1', high: '2' },
        { year: plan.startYear + 3, value: '1.250' },
      ],
      baselineValue: '10',
    };
    await expectNothingSaved(['plan_indicators', 'plan_indicator_targets'], async () => {
      const e = expectError(await admin.request('POST', gov(`/plans/${plan.id}/indicators`), body), 400, 'VALIDATION');
      expect(e.message).toBe(errorMessages.VALIDATION.id);
      expect(messageAt(e, 'body.targets.0.year')).toBe(
        `Tahun harus di dalam periode Renstra ${plan.startYear}–${plan.endYear}`,
      );
      expect(messageAt(e, 'body.targets.1.value')).toContain('bukan angka yang dikenali');
      expect(messageAt(e, 'body.targets.2.high')).toBe('Batas bawah tidak boleh lebih besar dari batas atas');
      expect(messageAt(e, 'body.targets.3.year')).toBe('Tahun ini disebut lebih dari sekali');
      expect(messageAt(e, 'body.targets.4')).toContain('satu nilai, atau rentang');
      expect(messageAt(e, 'body.targets.5.value')).toContain('bisa berarti 1250 atau 1,250');
      expect(messageAt(e, 'body.baselineYear')).toBe('Isi nilai dan tahun baseline bersama-sama');

      const en = expectError(
        await admin.request('POST', gov(`/plans/${plan.id}/indicators`), body, { 'accept-language': 'en' }),
        400,
        'VALIDATION',
      );
      expect(messageAt(en, 'body.targets.2.high')).toBe('The low bound cannot be greater than the high bound');
      expect(messageAt(en, 'body.targets.1.value')).toContain('is not a number');
    });
  });

  it('a range indicator needs ranges; a range target needs low ≤ high', async () => {
    const { plan, tree } = await makePlanWithIndicators();
    const e = expectError(
      await admin.request('POST', gov(`/plans/${plan.id}/indicators`), {
        nodeId: tree.objective.id,
        name: 'Inflasi daerah',
        unitOfMeasure: '%',
        direction: 'range',
        type: 'impact',
        aggregation: 'last',
        targets: [{ year: plan.startYear, value: '3' }],
      }),
      400,
      'VALIDATION',
      'body.targets.0',
    );
    expect(messageAt(e, 'body.targets.0')).toContain('rentang');
    const inflation = await makeIndicator(plan.id, {
      nodeId: tree.objective.id,
      name: 'Inflasi daerah',
      direction: 'range',
      type: 'impact',
      targets: [{ year: plan.startYear, low: '2,5', high: '3,5' }],
    });
    expect(inflation.targets).toEqual([{ year: plan.startYear, value: null, low: '2.5', high: '3.5' }]);
  });

  it("takes the government's lower-is-better formula unless the indicator names one", async () => {
    const { plan, tree } = await makePlanWithIndicators();
    const settings = ok<{ lowerBetterFormula: string; updatedAt: string | null }>(
      await member.request('GET', gov('/plan-settings')),
    );
    expect(settings.lowerBetterFormula).toBe('inverse_difference');
    expectError(
      await member.request('PATCH', gov('/plan-settings'), { lowerBetterFormula: 'ratio' }),
      403,
      'FORBIDDEN',
    );
    const changed = ok<{ updatedAt: string }>(
      await admin.request('PATCH', gov('/plan-settings'), { lowerBetterFormula: 'ratio' }),
    );
    const ratio = await makeIndicator(plan.id, {
      nodeId: tree.activity.id,
      name: 'Rata-rata waktu layanan tera',
      unitOfMeasure: 'hari',
      direction: 'lower_better',
    });
    expect(ratio.lowerBetterFormula).toBe('ratio');
    const named = await makeIndicator(plan.id, {
      nodeId: tree.activity.id,
      name: 'Jumlah pengaduan konsumen',
      unitOfMeasure: 'kasus',
      direction: 'lower_better',
      lowerBetterFormula: 'inverse_difference',
    });
    expect(named.lowerBetterFormula).toBe('inverse_difference');
    ok(
      await admin.request('PATCH', gov('/plan-settings'), {
        lowerBetterFormula: 'inverse_difference',
        expectedUpdatedAt: changed.updatedAt,
      }),
    );
    expectError(
      await admin.request('PATCH', gov('/plan-settings'), {
        lowerBetterFormula: 'ratio',
        expectedUpdatedAt: changed.updatedAt,
      }),
      409,
      'STALE_WRITE',
    );
  });

  it('replaces the yearly targets with one audit record; a stale replacement is a 409', async () => {
    const { plan, iku } = await makePlanWithIndicators();
    const url = gov(`/plans/${plan.id}/indicators/${iku.id}/targets`);
    const mark = await auditMark();
    const changed = ok<PlanIndicator>(
      await admin.request('PUT', url, {
        targets: yearTargets(plan.startYear, ['91,5', '92,5']),
        endTarget: { value: '96' },
        expectedUpdatedAt: iku.updatedAt,
      }),
    );
    expect(changed.targets.map((x) => x.value)).toEqual(['91.5', '92.5']);
    expect(await auditSince(mark)).toMatchObject([
      {
        action: 'plan_indicator.targets',
        entity_id: iku.id,
        before: { targets: [{ value: '91' }, { value: '92' }, { value: '93' }, { value: '94' }, { value: '95' }] },
        after: { endTarget: { value: '96' } },
      },
    ]);
    await expectNothingSaved(['plan_indicator_targets'], async () => {
      expectError(
        await admin.request('PUT', url, { targets: [], expectedUpdatedAt: iku.updatedAt }),
        409,
        'STALE_WRITE',
      );
    });
    const again = ok<PlanIndicator>(await admin.request('GET', gov(`/plans/${plan.id}/indicators/${iku.id}`)));
    expect(again.targets).toHaveLength(2);
  });

  it('refuses turning an indicator with single-value targets into a range indicator', async () => {
    const { plan, iku } = await makePlanWithIndicators();
    expectError(
      await admin.request('PATCH', gov(`/plans/${plan.id}/indicators/${iku.id}`), { direction: 'range' }),
      400,
      'VALIDATION',
      'body.direction',
    );
  });
});

describe('valid range and evidence required', () => {
  it('sets the valid range and the evidence requirement, reads them back exactly, and audits a change', async () => {
    const { plan, tree, iku } = await makePlanWithIndicators();
    expect(iku).toMatchObject({ validMin: null, validMax: null, evidenceRequired: false });
    const share = await makeIndicator(plan.id, {
      nodeId: tree.program.id,
      name: 'Persentase pasar yang melaporkan harga tepat waktu',
      validMin: 0,
      validMax: '100,5',
      evidenceRequired: true,
    });
    expect(share).toMatchObject({ validMin: '0', validMax: '100.5', evidenceRequired: true });
    const url = gov(`/plans/${plan.id}/indicators/${share.id}`);
    expect(ok<PlanIndicator>(await member.request('GET', url))).toMatchObject({
      validMin: '0',
      validMax: '100.5',
      evidenceRequired: true,
    });
    const rows = await t.db.query<{ min: string; max: string; req: boolean }>(
      'SELECT valid_min::text AS min, valid_max::text AS max, evidence_required AS req FROM plan_indicators WHERE id = $1',
      [share.id],
    );
    expect(rows[0]).toEqual({ min: '0', max: '100.5', req: true });

    // Open the upper bound, keep the lower one, drop the requirement: one audit record, old → new.
    const mark = await auditMark();
    const changed = ok<PlanIndicator>(
      await admin.request('PATCH', url, {
        validMax: null,
        evidenceRequired: false,
        expectedUpdatedAt: share.updatedAt,
      }),
    );
    expect(changed).toMatchObject({ validMin: '0', validMax: null, evidenceRequired: false });
    expect(await auditSince(mark)).toMatchObject([
      {
        action: 'plan_indicator.update',
        entity_id: share.id,
        before: { validMin: '0', validMax: '100.5', evidenceRequired: true },
        after: { validMin: '0', validMax: null, evidenceRequired: false },
      },
    ]);
    const inTree = ok<PlanTree>(await member.request('GET', gov(`/plans/${plan.id}`)))
      .nodes.flatMap((n) => n.indicators)
      .find((i) => i.id === share.id);
    expect(inTree).toMatchObject({ validMin: '0', validMax: null, evidenceRequired: false });
    expectError(await member.request('PATCH', url, { evidenceRequired: true }), 403, 'FORBIDDEN');
  });

  it('refuses a valid minimum above the valid maximum, naming the field, and changes nothing', async () => {
    const { plan, tree, iku } = await makePlanWithIndicators();
    const body = {
      nodeId: tree.program.id,
      name: 'Persentase rentang terbalik',
      unitOfMeasure: '%',
      direction: 'higher_better',
      type: 'output',
      aggregation: 'last',
      validMin: '10,5',
      validMax: 5,
    };
    const url = gov(`/plans/${plan.id}/indicators/${iku.id}`);
    await expectNothingSaved(['plan_indicators'], async () => {
      const e = expectError(await admin.request('POST', gov(`/plans/${plan.id}/indicators`), body), 400, 'VALIDATION');
      expect(messageAt(e, 'body.validMax')).toBe(
        'Nilai maksimum valid (5) tidak boleh lebih kecil dari nilai minimum valid (10,5)',
      );
      const en = expectError(
        await admin.request('POST', gov(`/plans/${plan.id}/indicators`), body, { 'accept-language': 'en' }),
        400,
        'VALIDATION',
      );
      expect(messageAt(en, 'body.validMax')).toBe('The valid maximum (5) cannot be less than the valid minimum (10.5)');
    });
    const bounded = ok<PlanIndicator>(await admin.request('PATCH', url, { validMin: 0, validMax: 100 }));
    await expectNothingSaved(['plan_indicators'], async () => {
      // Only the minimum is sent: it is checked against the maximum already stored.
      const e = expectError(await admin.request('PATCH', url, { validMin: 150 }), 400, 'VALIDATION', 'body.validMin');
      expect(messageAt(e, 'body.validMin')).toBe(
        'Nilai maksimum valid (100) tidak boleh lebih kecil dari nilai minimum valid (150)',
      );
      const unreadable = expectError(
        await admin.request('PATCH', url, { validMax: 'seratus' }),
        400,
        'VALIDATION',
        'body.validMax',
      );
      expect(messageAt(unreadable, 'body.validMax')).toContain('bukan angka yang dikenali');
    });
    const after = ok<PlanIndicator>(await admin.request('GET', url));
    expect(after).toMatchObject({ validMin: '0', validMax: '100', updatedAt: bounded.updatedAt });
  });

  it('drives collection: a value outside the range, or without required evidence, is an error on the form', async () => {
    const { a, plan, iku } = await makePlanWithIndicators();
    const url = gov(`/plans/${plan.id}/indicators/${iku.id}`);
    ok(await admin.request('PATCH', url, { validMin: 0, validMax: 100 }));
    created(await admin.request('POST', gov('/performance-agreements'), { planId: plan.id, year: plan.startYear }));
    const period = created<{ id: string }>(
      await admin.request('POST', gov('/collection-periods'), {
        agencyId: a.agencyId,
        year: plan.startYear,
        period: 'q1',
        opensOn: `${plan.startYear}-04-01`,
        closesOn: `${plan.startYear}-04-15`,
      }),
    );
    const saved = await admin.request('POST', gov(`/collection-periods/${period.id}/values`), {
      indicatorId: iku.id,
      unitId: null,
      actual: '120',
      baseVersion: 0,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const formUrl = gov(`/collection-periods/${period.id}/forms/agency`);
    type Row = {
      indicatorId: string;
      validMin: string | null;
      validMax: string | null;
      errors: { code: string; message: string }[];
    };
    const rowOf = async () =>
      ok<{ rows: Row[] }>(await admin.request('GET', formUrl)).rows.find((r) => r.indicatorId === iku.id)!;
    const row = await rowOf();
    expect(row).toMatchObject({ validMin: '0', validMax: '100' });
    expect(row.errors).toEqual([
      { code: 'OUT_OF_RANGE', path: 'actual', message: 'Nilai di luar rentang yang valid (0 s.d. 100)' },
    ]);
    const refused = expectError(
      await admin.request('POST', `${formUrl}/complete`),
      400,
      'FORM_HAS_ERRORS',
      `values.${iku.id}.actual`,
    );
    expect(refused.details).toHaveLength(1);

    // Widen the range and require evidence: the value is now in range, but has no evidence.
    ok(await admin.request('PATCH', url, { validMax: 150, evidenceRequired: true }));
    expect((await rowOf()).errors.map((e) => e.code)).toEqual(['EVIDENCE_MISSING']);
  });
});

// ── performance agreements ───────────────────────────────────────────────────────────────────
describe('performance agreements', () => {
  async function agencyAgreement(planId: string, year: number): Promise<AgreementDetail> {
    return created<AgreementDetail>(await admin.request('POST', gov('/performance-agreements'), { planId, year }));
  }

  it('a unit agreement needs its parent first; the agency agreement starts from the IKU and their Renstra target', async () => {
    const { a, plan, iku } = await makePlanWithIndicators();
    const year = plan.startYear + 1;
    await expectNothingSaved(['performance_agreements'], async () => {
      const e = expectError(
        await admin.request('POST', gov('/performance-agreements'), { planId: plan.id, unitId: a.bidangId, year }),
        400,
        'VALIDATION',
        'body.unitId',
      );
      expect(messageAt(e, 'body.unitId')).toContain('Buat dahulu Perjanjian Kinerja perangkat daerah');
      expectError(
        await admin.request('POST', gov('/performance-agreements'), { planId: plan.id, year: plan.endYear + 1 }),
        400,
        'VALIDATION',
        'body.year',
      );
    });
    const mark = await auditMark();
    const agency = await agencyAgreement(plan.id, year);
    expect(agency).toMatchObject({
      level: 'agency',
      versionNo: 1,
      versionKind: 'murni',
      current: true,
      status: 'draft',
    });
    expect(agency.indicators.map((r) => [r.indicatorId, r.annual?.value])).toEqual([[iku.id, '92']]);
    expect((await auditSince(mark)).map((r) => r.action)).toEqual(['performance_agreement.create']);
    expectError(
      await admin.request('POST', gov('/performance-agreements'), { planId: plan.id, year }),
      409,
      'DUPLICATE',
      'body.year',
    );
  });

  it('cascades from the agency to its bidang and from the bidang to its seksi, each with its own indicators', async () => {
    const { a, plan, programIndicator, activityIndicator } = await makePlanWithIndicators();
    const year = plan.startYear;
    const agency = await agencyAgreement(plan.id, year);
    const mark = await auditMark();
    const cascade = ok<{ created: { id: string; unitId: string; parentId: string }[]; skipped: unknown[] }>(
      await admin.request('POST', gov(`/performance-agreements/${agency.id}/cascade`), {}),
    );
    expect(cascade.created.map((c) => [c.unitId, c.parentId])).toEqual([[a.bidangId, agency.id]]);
    expect((await auditSince(mark)).map((r) => r.action)).toEqual(['performance_agreement.create']);
    const bidang = ok<AgreementDetail>(
      await admin.request('GET', gov(`/performance-agreements/${cascade.created[0]!.id}`)),
    );
    expect(bidang).toMatchObject({ level: 'unit', unitId: a.bidangId, parentId: agency.id });
    expect(bidang.indicators.map((r) => [r.indicatorId, r.annual?.value])).toEqual([[programIndicator.id, '12']]);

    // Again: nothing new, the bidang is reported as skipped.
    const again = ok<{ created: unknown[]; skipped: { unitId: string }[] }>(
      await admin.request('POST', gov(`/performance-agreements/${agency.id}/cascade`), {}),
    );
    expect(again.created).toEqual([]);
    expect(again.skipped.map((s) => s.unitId)).toEqual([a.bidangId]);
    // Only direct sub-units.
    expectError(
      await admin.request('POST', gov(`/performance-agreements/${agency.id}/cascade`), { unitIds: [a.seksiId] }),
      400,
      'VALIDATION',
      'body.unitIds.0',
    );

    const seksi = ok<{ created: { id: string; parentId: string }[] }>(
      await admin.request('POST', gov(`/performance-agreements/${bidang.id}/cascade`), {}),
    );
    expect(seksi.created.map((c) => c.parentId)).toEqual([bidang.id]);
    const seksiDetail = ok<AgreementDetail>(
      await admin.request('GET', gov(`/performance-agreements/${seksi.created[0]!.id}`)),
    );
    expect(seksiDetail.indicators.map((r) => [r.indicatorId, r.annual?.value])).toEqual([
      [activityIndicator.id, '5.5'],
    ]);

    const list = ok<{ items: { level: string; unitId: string | null }[] }>(
      await member.request('GET', gov(`/performance-agreements?planId=${plan.id}&year=${year}`)),
    );
    expect(list.items.map((a) => a.unitId)).toEqual([null, a.bidangId, a.seksiId]);
  });

  it('keeps quarterly targets that do not fit the aggregation, with a warning naming the field', async () => {
    const { plan, tree, iku, programIndicator } = await makePlanWithIndicators();
    const agency = await agencyAgreement(plan.id, plan.startYear);
    const url = gov(`/performance-agreements/${agency.id}/indicators`);
    // 'sum': the quarters should add up to the year.
    let res = created<{ item: AgreementIndicator; warnings: Warning[] }>(
      await admin.request('POST', url, {
        indicatorId: programIndicator.id,
        quarters: { q1: { value: 2 }, q2: { value: '3' }, q3: { value: '3' }, q4: { value: '3' } },
      }),
    );
    expect(res.item.annual?.value).toBe('12');
    expect(res.warnings).toEqual([
      {
        code: 'QUARTERS_SUM',
        path: 'body.quarters',
        message: 'Jumlah target T1–T4 (11) tidak sama dengan target tahunan (12)',
      },
    ]);
    const sumRow = res.item;
    res = ok(
      await admin.request('PATCH', `${url}/${sumRow.id}`, {
        quarters: { q1: { value: '3' } },
        expectedUpdatedAt: sumRow.updatedAt,
      }),
    );
    expect(res.warnings).toEqual([]);
    expect(res.item.quarters.q1?.value).toBe('3');
    expectError(
      await admin.request('PATCH', `${url}/${sumRow.id}`, {
        quarters: { q1: { value: '4' } },
        expectedUpdatedAt: sumRow.updatedAt,
      }),
      409,
      'STALE_WRITE',
    );

    // 'last': the fourth quarter should equal the year.
    const ikuRow = ok<AgreementDetail>(
      await admin.request('GET', gov(`/performance-agreements/${agency.id}`)),
    ).indicators.find((r) => r.indicatorId === iku.id)!;
    res = ok(
      await admin.request(
        'PATCH',
        `${url}/${ikuRow.id}`,
        { quarters: { q1: { value: '90' }, q2: { value: '90,5' }, q3: { value: '91' }, q4: { value: '91,5' } } },
        { 'accept-language': 'en' },
      ),
    );
    expect(res.warnings).toMatchObject([{ code: 'QUARTER_LAST', path: 'body.quarters.q4' }]);
    expect(res.warnings[0]!.message).toContain('Q4 target (91.5)');
    const detail = ok<AgreementDetail>(await admin.request('GET', gov(`/performance-agreements/${agency.id}`)));
    expect(detail.indicators.find((r) => r.id === ikuRow.id)!.warnings).toMatchObject([
      { code: 'QUARTER_LAST', path: 'quarters.q4' },
    ]);

    // A bad quarter is an error at its path; nothing is saved.
    await expectNothingSaved(['performance_agreement_targets'], async () => {
      const e = expectError(
        await admin.request('PATCH', `${url}/${ikuRow.id}`, { quarters: { q2: { value: 'sembilan' } } }),
        400,
        'VALIDATION',
        'body.quarters.q2.value',
      );
      expect(messageAt(e, 'body.quarters.q2.value')).toContain('bukan angka');
    });
    // An indicator of another plan is refused.
    const other = await makePlanWithIndicators();
    expectError(await admin.request('POST', url, { indicatorId: other.iku.id }), 400, 'VALIDATION', 'body.indicatorId');
    expectError(await admin.request('POST', url, { indicatorId: iku.id }), 409, 'DUPLICATE', 'body.indicatorId');
    void tree;
  });

  it('sets pagu per program and activity; refuses goals, negatives and more than 2 decimals', async () => {
    const { plan, tree } = await makePlanWithIndicators();
    const agency = await agencyAgreement(plan.id, plan.startYear);
    const url = gov(`/performance-agreements/${agency.id}/budgets`);
    await expectNothingSaved(['performance_agreement_budgets'], async () => {
      const e = expectError(
        await admin.request('PUT', url, {
          items: [
            { nodeId: tree.goal.id, amount: '100' },
            { nodeId: tree.program.id, amount: '-5' },
            { nodeId: tree.activity.id, amount: '1,255' },
          ],
        }),
        400,
        'VALIDATION',
      );
      expect(e.details?.map((d) => d.path)).toEqual([
        'body.items.0.nodeId',
        'body.items.1.amount',
        'body.items.2.amount',
      ]);
    });
    const detail = ok<AgreementDetail>(
      await admin.request('PUT', url, {
        items: [
          { nodeId: tree.program.id, amount: 'Rp 1.250.000.000' },
          { nodeId: tree.activity.id, amount: '750.000.000,50' },
        ],
        expectedUpdatedAt: agency.updatedAt,
      }),
    );
    expect(detail.budgets.map((b) => [b.nodeKind, b.amount])).toEqual([
      ['program', '1250000000'],
      ['activity', '750000000.5'],
    ]);
    expect(detail.budgetTotal).toBe('2000000000.5');
    expectError(
      await admin.request('PUT', url, { items: [], expectedUpdatedAt: agency.updatedAt }),
      409,
      'STALE_WRITE',
    );
  });

  it('signatories: the head of the unit signs first (a Plt included), the superior second; then it is signed and fixed', async () => {
    const { a, plan } = await makePlanWithIndicators();
    const year = plan.startYear;
    // The Plt assignment runs 2025–2026; sign within it.
    const planYear = year;
    void planYear;
    const agency = await agencyAgreement(plan.id, year);
    const bidang = ok<{ created: { id: string }[] }>(
      await admin.request('POST', gov(`/performance-agreements/${agency.id}/cascade`), {}),
    ).created[0]!;
    const seksi = ok<{ created: { id: string }[] }>(
      await admin.request('POST', gov(`/performance-agreements/${bidang.id}/cascade`), {}),
    ).created[0]!;
    const signatories = (id: string, body: unknown) =>
      admin.request('PUT', gov(`/performance-agreements/${id}/signatories`), body);

    // Agency: the Kepala Dinas and the Bupati (outside the system).
    await expectNothingSaved(['performance_agreement_signatories'], async () => {
      const e = expectError(
        await signatories(agency.id, {
          first: { positionId: a.staff.positionId, employeeId: a.staff.employeeId },
          second: { title: 'Bupati Uji' },
        }),
        400,
        'VALIDATION',
      );
      expect(messageAt(e, 'body.first.positionId')).toContain('Pihak pertama harus jabatan kepala');
      expect(messageAt(e, 'body.second.name')).toBe('Untuk pejabat di luar sistem, isi jabatan dan nama');
    });
    const signedAgency = ok<AgreementDetail>(
      await signatories(agency.id, {
        first: { positionId: a.kadis.positionId, employeeId: a.kadis.employeeId },
        second: { title: 'Bupati Uji', name: 'H. Bupati Contoh, S.H.' },
      }),
    );
    expect(signedAgency.signatories.first).toMatchObject({
      title: 'Kepala Dinas Perdagangan',
      name: 'Budi Santoso',
      acting: 'definitive',
    });
    expect(signedAgency.signatories.second).toMatchObject({
      title: 'Bupati Uji',
      positionId: null,
      acting: 'definitive',
    });

    // Seksi: the Plt Kasi first, the Kabid (superior) second; the Kepala Dinas is not the direct superior.
    const wrong = expectError(
      await signatories(seksi.id, {
        first: { positionId: a.kasiPositionId, employeeId: a.staff.employeeId },
        second: { positionId: a.kadis.positionId, employeeId: a.kadis.employeeId },
      }),
      400,
      'VALIDATION',
      'body.second.positionId',
    );
    expect(messageAt(wrong, 'body.second.positionId')).toContain('atasan langsung');
    expectError(
      await signatories(seksi.id, {
        first: { positionId: a.kasiPositionId, employeeId: a.staff.employeeId, acting: 'definitive' },
        second: { positionId: a.kabid.positionId, employeeId: a.kabid.employeeId },
      }),
      400,
      'VALIDATION',
      'body.first.acting',
    );
    const seksiSigned = ok<AgreementDetail>(
      await signatories(seksi.id, {
        first: { positionId: a.kasiPositionId, employeeId: a.staff.employeeId },
        second: { positionId: a.kabid.positionId, employeeId: a.kabid.employeeId },
      }),
    );
    expect(seksiSigned.signatories.first).toMatchObject({ title: 'Kepala Seksi Distribusi', acting: 'plt' });
    expect(seksiSigned.signatories.second).toMatchObject({ title: 'Kepala Bidang Perdagangan', acting: 'definitive' });

    // Signing needs every indicator's annual target and both parties; the date must fall in the Plt's term.
    const bidangDetail = ok<AgreementDetail>(await admin.request('GET', gov(`/performance-agreements/${bidang.id}`)));
    const incomplete = expectError(
      await admin.request('POST', gov(`/performance-agreements/${bidang.id}/sign`), { signedOn: `${year}-01-10` }),
      400,
      'AGREEMENT_INCOMPLETE',
    );
    expect(incomplete.details?.map((d) => d.path)).toEqual(['signatories.first', 'signatories.second']);
    void bidangDetail;
    const sign = (id: string, signedOn: string) =>
      admin.request('POST', gov(`/performance-agreements/${id}/sign`), { signedOn });
    expectError(await sign(seksi.id, `${year + 1}-01-10`), 400, 'VALIDATION', 'body.signedOn');
    if (year <= 2025) {
      // Before the Plt term (which starts 2025-01-01) the Plt could not sign.
      const e = expectError(await sign(seksi.id, '2024-12-30'), 400, 'VALIDATION', 'body.signedOn');
      expect(messageAt(e, 'body.signedOn')).toContain('PLT Kepala Seksi Distribusi');
    }
    const mark = await auditMark();
    const signed = ok<AgreementDetail>(await sign(agency.id, `${year}-01-15`));
    expect(signed).toMatchObject({ status: 'signed', signedOn: `${year}-01-15` });
    expect((await auditSince(mark)).map((r) => r.action)).toEqual(['performance_agreement.sign']);
    // Signed: fixed.
    const locked = expectError(
      await admin.request('PUT', gov(`/performance-agreements/${agency.id}/budgets`), { items: [] }),
      409,
      'AGREEMENT_LOCKED',
    );
    expect(locked.message).toBe(errorMessages.AGREEMENT_LOCKED.id);
    expectError(await sign(agency.id, `${year}-01-16`), 409, 'AGREEMENT_LOCKED');
  });

  it('murni → perubahan: a new version with a reason; the murni version stays readable; both are listed', async () => {
    const { a, plan, programIndicator } = await makePlanWithIndicators();
    const year = plan.startYear + 2;
    const agency = await agencyAgreement(plan.id, year);
    const revise = (id: string, body: unknown) =>
      admin.request('POST', gov(`/performance-agreements/${id}/revisions`), body);
    expectError(await revise(agency.id, { reason: 'Refocusing anggaran' }), 409, 'AGREEMENT_NOT_SIGNED');
    ok(
      await admin.request('PUT', gov(`/performance-agreements/${agency.id}/signatories`), {
        first: { positionId: a.kadis.positionId, employeeId: a.kadis.employeeId },
        second: { title: 'Bupati Uji', name: 'H. Bupati Contoh' },
      }),
    );
    const signed = ok<AgreementDetail>(
      await admin.request('POST', gov(`/performance-agreements/${agency.id}/sign`), { signedOn: `${year}-02-01` }),
    );
    const e = expectError(await revise(agency.id, { reason: '  ' }), 400, 'VALIDATION', 'body.reason');
    void e;
    expectError(
      await revise(agency.id, { reason: 'Refocusing', expectedUpdatedAt: agency.updatedAt }),
      409,
      'STALE_WRITE',
    );

    const mark = await auditMark();
    const perubahan = created<AgreementDetail>(
      await revise(agency.id, { reason: 'Refocusing anggaran (APBD Perubahan)', expectedUpdatedAt: signed.updatedAt }),
    );
    expect(perubahan).toMatchObject({
      versionNo: 2,
      versionKind: 'perubahan',
      reason: 'Refocusing anggaran (APBD Perubahan)',
      supersedesId: agency.id,
      current: true,
      status: 'draft',
    });
    expect(perubahan.indicators.map((r) => r.annual)).toEqual(signed.indicators.map((r) => r.annual));
    expect(perubahan.signatories).toEqual(signed.signatories);
    expect(await auditSince(mark)).toMatchObject([
      { action: 'performance_agreement.revise', entity_id: perubahan.id, before: { id: agency.id, current: true } },
    ]);

    // The perubahan is edited; the murni version keeps its targets.
    const row = perubahan.indicators[0]!;
    ok(
      await admin.request('PATCH', gov(`/performance-agreements/${perubahan.id}/indicators/${row.id}`), {
        annual: { value: '92,5' },
      }),
    );
    created(
      await admin.request('POST', gov(`/performance-agreements/${perubahan.id}/indicators`), {
        indicatorId: programIndicator.id,
      }),
    );
    const murni = ok<AgreementDetail>(await admin.request('GET', gov(`/performance-agreements/${agency.id}`)));
    expect(murni).toMatchObject({ current: false, status: 'signed', supersededById: perubahan.id });
    expect(murni.indicators.map((r) => r.annual?.value)).toEqual(['93']);
    const now = ok<AgreementDetail>(await admin.request('GET', gov(`/performance-agreements/${perubahan.id}`)));
    expect(now.indicators.map((r) => r.annual?.value)).toEqual(['92.5', '14']);
    expectError(
      await admin.request('PATCH', gov(`/performance-agreements/${agency.id}/indicators/${murni.indicators[0]!.id}`), {
        annual: { value: '1' },
      }),
      409,
      'AGREEMENT_LOCKED',
    );

    const versions = ok<{ items: { id: string; versionKind: string; current: boolean }[] }>(
      await member.request('GET', gov(`/performance-agreements/${perubahan.id}/versions`)),
    );
    expect(versions.items.map((v) => [v.id, v.versionKind, v.current])).toEqual([
      [agency.id, 'murni', false],
      [perubahan.id, 'perubahan', true],
    ]);
    const currentOnly = ok<{ items: { id: string }[] }>(
      await admin.request('GET', gov(`/performance-agreements?planId=${plan.id}&year=${year}`)),
    );
    expect(currentOnly.items.map((a) => a.id)).toEqual([perubahan.id]);
    const all = ok<{ items: { id: string }[] }>(
      await admin.request('GET', gov(`/performance-agreements?planId=${plan.id}&year=${year}&current=all`)),
    );
    expect(all.items.map((a) => a.id)).toEqual([agency.id, perubahan.id]);
    // The perubahan cannot be signed before the murni was.
    expectError(
      await admin.request('POST', gov(`/performance-agreements/${perubahan.id}/sign`), { signedOn: `${year}-01-20` }),
      400,
      'VALIDATION',
      'body.signedOn',
    );
  });
});

// ── individual indicators ─────────────────────────────────────────────────────────────────────
describe('individual indicators (IKI)', () => {
  it("cascade from an indicator in the employee's unit agreement, taking its fields as defaults", async () => {
    const { a, plan, iku, programIndicator } = await makePlanWithIndicators();
    const year = plan.startYear;
    const agency = created<AgreementDetail>(
      await admin.request('POST', gov('/performance-agreements'), { planId: plan.id, year }),
    );
    ok(await admin.request('POST', gov(`/performance-agreements/${agency.id}/cascade`), {}));
    const url = gov('/individual-indicators');
    const base = { employeeId: a.staff.employeeId, unitId: a.bidangId, year };

    await expectNothingSaved(['individual_indicators'], async () => {
      // The IKU is in the agency's agreement, not in the bidang's.
      let e = expectError(
        await admin.request('POST', url, { ...base, parentIndicatorId: iku.id }),
        400,
        'VALIDATION',
        'body.parentIndicatorId',
      );
      expect(messageAt(e, 'body.parentIndicatorId')).toBe(
        `Indikator induk harus ada dalam Perjanjian Kinerja unit ini tahun ${year}`,
      );
      // The Kepala Dinas holds no position in the bidang.
      e = expectError(
        await admin.request('POST', url, {
          ...base,
          employeeId: a.kadis.employeeId,
          parentIndicatorId: programIndicator.id,
        }),
        400,
        'VALIDATION',
        'body.employeeId',
      );
      expect(messageAt(e, 'body.employeeId')).toContain('tidak memegang jabatan di unit tersebut');
      expectError(
        await admin.request('POST', url, { ...base, year: year + 1, parentIndicatorId: programIndicator.id }),
        400,
        'VALIDATION',
        'body.year',
      );
    });

    const mark = await auditMark();
    const res = created<{ item: IndividualIndicator; warnings: Warning[] }>(
      await admin.request('POST', url, {
        ...base,
        parentIndicatorId: programIndicator.id,
        name: 'Jumlah laporan pemantauan pasar yang disusun',
        unitOfMeasure: 'laporan',
        annual: { value: 12 },
        quarters: { q1: { value: 3 }, q2: { value: 3 }, q3: { value: 3 } },
      }),
    );
    expect(res.item).toMatchObject({
      employeeId: a.staff.employeeId,
      unitId: a.bidangId,
      parentIndicatorId: programIndicator.id,
      parentIndicatorName: programIndicator.name,
      direction: 'higher_better',
      aggregation: 'sum',
      decimals: 0,
      annual: { value: '12' },
    });
    expect(res.warnings).toMatchObject([{ code: 'QUARTERS_INCOMPLETE', path: 'body.quarters' }]);
    expect(res.warnings[0]!.message).toBe('Target triwulan T4 belum diisi');
    expect((await auditSince(mark)).map((r) => r.action)).toEqual(['individual_indicator.create']);

    const done = ok<{ item: IndividualIndicator; warnings: Warning[] }>(
      await admin.request('PUT', gov(`/individual-indicators/${res.item.id}/targets`), {
        quarters: { q4: { value: 3 } },
        expectedUpdatedAt: res.item.updatedAt,
      }),
    );
    expect(done.warnings).toEqual([]);
    expectError(
      await admin.request('PUT', gov(`/individual-indicators/${res.item.id}/targets`), {
        quarters: { q4: { value: 4 } },
        expectedUpdatedAt: res.item.updatedAt,
      }),
      409,
      'STALE_WRITE',
    );
    const list = ok<{ items: IndividualIndicator[] }>(
      await member.request('GET', gov(`/individual-indicators?employeeId=${a.staff.employeeId}&year=${year}`)),
    );
    expect(list.items.map((k) => k.id)).toEqual([res.item.id]);
    const renamed = ok<IndividualIndicator>(
      await admin.request('PATCH', gov(`/individual-indicators/${res.item.id}`), { name: 'Laporan pemantauan pasar' }),
    );
    expect(renamed.name).toBe('Laporan pemantauan pasar');
  });
});

// ── transactions and tenants ──────────────────────────────────────────────────────────────────
describe('audit records in the same transaction', () => {
  it('when the audit record cannot be written, the change is not saved either', async () => {
    await t.db.exec(`
      CREATE FUNCTION refuse_plan_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.action IN ('plan.create', 'performance_agreement.revise') THEN RAISE EXCEPTION 'audit refused'; END IF;
        RETURN NEW;
      END;
      $$;
      CREATE TRIGGER refuse_plan_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_plan_audit();
    `);
    try {
      await expectNothingSaved(['plans'], async () => {
        const res = await admin.request('POST', gov('/plans'), {
          agencyId: g.agencyId,
          name: 'Renstra Tanpa Jejak',
          startYear: 2090,
          endYear: 2094,
        });
        expect(res.statusCode).toBe(500);
      });
    } finally {
      await t.db.exec('DROP TRIGGER refuse_plan_audit ON audit_log; DROP FUNCTION refuse_plan_audit();');
    }
  });
});

describe('tenant isolation', () => {
  it("refuses another government's plan, node and indicator ids", async () => {
    const other = await makeGovernment(t.db);
    const otherAdmin = await signIn(t.app, other.admin.username);
    const { plan, tree, iku } = await makePlanWithIndicators();
    const ogov = (p: string) => `/api/governments/${other.governmentId}${p}`;
    expectError(await otherAdmin.request('GET', ogov(`/plans/${plan.id}`)), 404, 'NOT_FOUND');
    expectError(
      await otherAdmin.request('PATCH', ogov(`/plans/${plan.id}/nodes/${tree.goal.id}`), { name: 'x' }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await otherAdmin.request('POST', ogov('/plans'), {
        agencyId: g.agencyId,
        name: 'x',
        startYear: 2030,
        endYear: 2031,
      }),
      400,
      'VALIDATION',
      'body.agencyId',
    );
    expectError(
      await otherAdmin.request('POST', ogov('/performance-agreements'), { planId: plan.id, year: plan.startYear }),
      400,
      'VALIDATION',
      'body.planId',
    );
    expectError(await otherAdmin.request('GET', ogov(`/plans/${plan.id}/indicators/${iku.id}`)), 404, 'NOT_FOUND');
  });
});
