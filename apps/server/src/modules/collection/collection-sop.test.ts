import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, signIn, type TestContext } from '../../test/fixture.js';
import { DEMO_PASSWORD, loadDemo } from '../demo/demo.service.js';

// The two collection SOPs run end to end through the API by their agencies' demo officials: the
// entry step needs each unit's completed form, the check approves it, a return sends a unit back
// for re-entry, the recap produces the workbook, and the closing step locks the period.

let t: TestContext;
const clients = new Map<string, Client>();
const as = async (username: string) => {
  if (!clients.has(username)) clients.set(username, await signIn(t.app, username, DEMO_PASSWORD));
  return clients.get(username)!;
};

beforeAll(async () => {
  t = await createTestApp();
  await loadDemo(t.db, undefined, { plans: true });
}, 300_000);
afterAll(async () => {
  await t.close();
});

interface Ctx {
  gov: (p?: string) => string;
  admin: Client;
  agencyId: string;
  sopId: string;
}

async function holdersOf(positionIds: string[]): Promise<string[]> {
  const rows = await t.db.query<{ username: string }>(
    `SELECT DISTINCT u.username FROM position_assignments pa
       JOIN users u ON u.employee_id = pa.employee_id AND u.active
      WHERE pa.position_id = ANY($1::uuid[]) AND pa.starts_on <= current_date AND (pa.ends_on IS NULL OR pa.ends_on >= current_date)
      ORDER BY u.username`,
    [positionIds],
  );
  return rows.map((r) => r.username);
}

/** A staff member of the unit or of a unit under it (who enters the unit's data). */
async function staffOf(unitId: string): Promise<string | undefined> {
  const rows = await t.db.query<{ username: string }>(
    `WITH RECURSIVE sub AS (SELECT id FROM units WHERE id = $1 UNION ALL SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id)
     SELECT u.username FROM positions p JOIN position_assignments pa ON pa.position_id = p.id AND pa.ends_on IS NULL
       JOIN users u ON u.employee_id = pa.employee_id AND u.active
      WHERE p.unit_id IN (SELECT id FROM sub) AND p.kind = 'staff' ORDER BY p.sort_order, u.username LIMIT 1`,
    [unitId],
  );
  return rows[0]?.username;
}

async function setUp(government: string, agency: string, sopKey: string): Promise<Ctx> {
  const g = (await t.db.query<{ id: string }>('SELECT id FROM governments WHERE code = $1', [government]))[0]!;
  const gov = (p = '') => `/api/governments/${g.id}${p}`;
  const adminName = (
    await t.db.query<{ username: string }>(
      "SELECT username FROM users WHERE government_id = $1 AND role = 'gov_admin'",
      [g.id],
    )
  )[0]!.username;
  const admin = await as(adminName);
  const agencyId = (
    await t.db.query<{ id: string }>('SELECT id FROM agencies WHERE government_id = $1 AND code = $2', [g.id, agency])
  )[0]!.id;
  const sopId = (
    await t.db.query<{ id: string }>('SELECT id FROM sops WHERE government_id = $1 AND key = $2', [g.id, sopKey])
  )[0]!.id;
  const version = (await admin.request('GET', gov(`/sops/${sopId}`))).json().versions[0];
  const heads = await t.db.query<{ id: string }>(
    "SELECT id FROM positions WHERE agency_id = $1 AND kind = 'head' AND unit_id IS NULL",
    [agencyId],
  );
  const [head] = await holdersOf(heads.map((h) => h.id));
  const approved = await (await as(head!)).request('POST', gov(`/sops/${sopId}/versions/${version.id}/approve`));
  expect(approved.statusCode, approved.body).toBe(200);
  const eff = await admin.request('POST', gov(`/sops/${sopId}/versions/${version.id}/make-effective`), {
    effectiveFrom: approved.json().versions[0].approvedOn,
  });
  expect(eff.statusCode, eff.body).toBe(200);
  return { gov, admin, agencyId, sopId };
}

/** Enters a value near the target for every indicator of the unit's form, as one of its staff. */
async function fillForm(c: Ctx, periodId: string, unitId: string, who: Client, complete: boolean) {
  const form = (await who.request('GET', c.gov(`/collection-periods/${periodId}/forms/${unitId}`))).json();
  for (const row of form.rows) {
    if (row.version > 0 && !row.returnedReason) continue;
    const res = await who.request('POST', c.gov(`/collection-periods/${periodId}/values`), {
      indicatorId: row.indicatorId,
      unitId,
      actual: row.target?.value ?? row.target?.low ?? '1',
      supportingFactors: 'Kegiatan berjalan sesuai rencana aksi',
      reason: row.version > 0 ? 'Diperbaiki setelah dikembalikan' : '',
      baseVersion: row.version,
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  if (complete) {
    const done = await who.request('POST', c.gov(`/collection-periods/${periodId}/forms/${unitId}/complete`));
    expect(done.statusCode, done.body).toBe(200);
  }
}

type Task = {
  id: string;
  stepNo: number;
  unitId: string | null;
  action: string;
  status: string;
  allowedOutcomes: string[];
  assignees: { positionId: string }[];
  attachments: { name: string; mediaType: string }[];
};

async function completeTask(
  c: Ctx,
  kase: { id: string },
  task: Task,
  body: Record<string, unknown>,
  avoid?: string,
): Promise<{ status: number; json: () => { status: string; tasks: Task[]; error?: unknown }; body: string }> {
  const candidates = await holdersOf(task.assignees.map((a) => a.positionId));
  expect(candidates.length, `step ${task.stepNo} has a holder`).toBeGreaterThan(0);
  const who = candidates.find((u) => u !== avoid) ?? candidates[0]!;
  const res = await (await as(who)).request('POST', c.gov(`/cases/${kase.id}/tasks/${task.id}/complete`), body);
  return { status: res.statusCode, json: () => res.json(), body: res.body };
}

describe('Kecamatan Masama: Mekanisme Pengumpulan Data Kinerja', () => {
  it('refuses a generic start, runs from the period to the lock, with a return by a Kepala Seksi', async () => {
    const c = await setUp('banggai', 'masama', 'banggai/masama/pengumpulan-data-kinerja');
    const units = await t.db.query<{ id: string }>(
      "SELECT id FROM units WHERE agency_id = $1 AND code = 'seksi-pelayanan-umum'",
      [c.agencyId],
    );
    const generic = await c.admin.request('POST', c.gov('/cases'), {
      sopId: c.sopId,
      unitIds: [units[0]!.id],
      period: '2026-Q4',
      subject: 'Tanpa periode',
    });
    expect(generic.statusCode).toBe(400);
    expect(generic.json().error.details[0]).toMatchObject({ path: 'body.sopId' });
    expect(generic.json().error.details[0].message).toContain('dari periode pengumpulannya');

    const period = await c.admin.request('POST', c.gov('/collection-periods'), {
      agencyId: c.agencyId,
      year: 2026,
      period: 'q4',
      opensOn: '2026-01-01',
      closesOn: '2026-12-31',
    });
    expect(period.statusCode, period.body).toBe(201);
    const periodId = period.json().id;
    const camat = await as('masama.camat');
    const started = await camat.request('POST', c.gov(`/collection-periods/${periodId}/cases`), { sopId: c.sopId });
    expect(started.statusCode, started.body).toBe(201);
    let kase = started.json();
    expect(kase.unitIds.length).toBeGreaterThan(1);
    const scope: string[] = kase.unitIds;
    expect(kase.link).toEqual({ kind: 'collection_period', id: periodId });
    // The period's cases are found by their link; a half-given link filter is refused.
    const linked = await camat.request('GET', c.gov(`/cases?status=all&linkKind=collection_period&linkId=${periodId}`));
    expect(linked.json().items.map((x: { id: string }) => x.id)).toEqual([kase.id]);
    const half = await camat.request('GET', c.gov(`/cases?linkKind=collection_period`));
    expect(half.statusCode).toBe(400);
    expect(half.json().error.details[0].path).toBe('query.linkId');

    let last: string | undefined;
    let returned = false;
    let recapFiles = 0;
    for (let guard = 0; kase.status === 'open' && guard < 200; guard++) {
      const task: Task = kase.tasks.find((x: Task) => x.status === 'open');
      if (task.action === 'enter-data' && task.unitId) {
        // The entry step is refused while the form has errors (nothing entered yet).
        const first = await completeTask(c, kase, task, { outcome: 'done' });
        if (first.status === 400) {
          expect((first.json().error as { code: string }).code).toBe('FORM_HAS_ERRORS');
          const staff = await staffOf(task.unitId);
          await fillForm(c, periodId, task.unitId, await as(staff ?? 'banggai.admin'), staff !== undefined);
        } else {
          expect(first.status, first.body).toBe(200);
          kase = first.json();
          continue;
        }
      }
      if (task.stepNo === 7 && !returned) {
        // Before the Sekretaris validates, a Kepala Seksi returns the form with a reason.
        const unit = scope.find((u) => u !== undefined)!;
        const heads = await t.db.query<{ id: string }>(
          "SELECT id FROM positions WHERE unit_id = $1 AND kind = 'head'",
          [unit],
        );
        const [head] = await holdersOf(heads.map((h) => h.id));
        const back = await (await as(head!)).request(
          'POST',
          c.gov(`/collection-periods/${periodId}/forms/${unit}/return`),
          {
            reason: 'Faktor penghambat belum diisi',
          },
        );
        expect(back.statusCode, back.body).toBe(200);
        const refused = await completeTask(c, kase, task, { outcome: 'done' });
        expect(refused.status).toBe(409);
        const staff = await staffOf(unit);
        const who = await as(staff ?? 'banggai.admin');
        const form = (await who.request('GET', c.gov(`/collection-periods/${periodId}/forms/${unit}`))).json();
        const row = form.rows[0];
        const fix = await who.request('POST', c.gov(`/collection-periods/${periodId}/values`), {
          indicatorId: row.indicatorId,
          unitId: unit,
          actual: row.actual,
          inhibitingFactors: 'Keterbatasan personel pada bulan Desember',
          reason: 'Melengkapi faktor penghambat',
          baseVersion: row.version,
        });
        expect(fix.statusCode, fix.body).toBe(200);
        const again = await who.request('POST', c.gov(`/collection-periods/${periodId}/forms/${unit}/complete`));
        expect(again.statusCode, again.body).toBe(200);
        expect(again.json().submission.changedSinceReturn).toBe(1);
        returned = true;
      }
      const res = await completeTask(c, kase, task, { outcome: 'done' }, last);
      expect(res.status, `step ${task.stepNo}: ${res.body}`).toBe(200);
      kase = res.json();
      const doneTask = kase.tasks.find((x: Task) => x.id === task.id)!;
      if (task.action === 'recap') {
        expect(doneTask.attachments[0]).toMatchObject({
          mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        });
        recapFiles++;
      }
    }
    expect(kase.status).toBe('completed');
    expect(returned).toBe(true);
    expect(recapFiles).toBe(2);
    const p = (await c.admin.request('GET', c.gov(`/collection-periods/${periodId}`))).json();
    expect(p.status).toBe('locked');
    const completeness = (await c.admin.request('GET', c.gov(`/collection-periods/${periodId}/completeness`))).json();
    for (const u of completeness.units.filter((x: { unitId: string | null }) => x.unitId && scope.includes(x.unitId))) {
      expect(u).toMatchObject({ status: 'approved' });
      expect(u.entered).toBe(u.required);
    }
  }, 300_000);
});

describe('Disdagtrans Pesisir Selatan: Pengumpulan Data Kinerja', () => {
  it('runs with the Sekretaris returning one Bidang for re-entry, then approving; the archive step locks', async () => {
    const c = await setUp('pesisir-selatan', 'disdagtrans', 'pesisir-selatan/disdagtrans/pengumpulan-data-kinerja');
    const period = await c.admin.request('POST', c.gov('/collection-periods'), {
      agencyId: c.agencyId,
      year: 2026,
      period: 'q4',
      opensOn: '2026-01-01',
      closesOn: '2026-12-31',
    });
    expect(period.statusCode, period.body).toBe(201);
    const periodId = period.json().id;
    const kadis = await as('disdagtrans.kadis');
    const started = await kadis.request('POST', c.gov(`/collection-periods/${periodId}/cases`), { sopId: c.sopId });
    expect(started.statusCode, started.body).toBe(201);
    let kase = started.json();
    const scope: string[] = kase.unitIds;
    let returnedUnit: string | null = null;
    let last: string | undefined;
    for (let guard = 0; kase.status === 'open' && guard < 300; guard++) {
      const task: Task = kase.tasks.find((x: Task) => x.status === 'open');
      if (task.action === 'enter-data' && task.unitId) {
        const staff = await staffOf(task.unitId);
        await fillForm(c, periodId, task.unitId, await as(staff ?? 'pessel.admin'), false);
      }
      let body: Record<string, unknown> = { outcome: task.allowedOutcomes.includes('ya') ? 'ya' : 'done' };
      if (task.stepNo === 10 && !returnedUnit) {
        returnedUnit = scope[0]!;
        body = { outcome: 'tidak', reason: 'Realisasi Bidang belum dilengkapi bukti', unitIds: [returnedUnit] };
        // Flag one value for re-entry as the Sekretaris returns the Bidang.
      }
      const res = await completeTask(c, kase, task, body, last);
      expect(res.status, `step ${task.stepNo}: ${res.body}`).toBe(200);
      kase = res.json();
      if (task.stepNo === 10 && body.outcome === 'tidak') {
        const form = (
          await c.admin.request('GET', c.gov(`/collection-periods/${periodId}/forms/${returnedUnit}`))
        ).json();
        expect(form.submission).toMatchObject({
          status: 'returned',
          returnReason: 'Realisasi Bidang belum dilengkapi bukti',
        });
        const reopened = kase.tasks.filter((x: Task) => x.status === 'open');
        expect(reopened.map((x: Task) => [x.stepNo, x.unitId])).toEqual([[6, returnedUnit]]);
        // The operator changes one value before completing the entry again.
        const staff = await as((await staffOf(returnedUnit!)) ?? 'pessel.admin');
        const row = form.rows[0];
        const fix = await staff.request('POST', c.gov(`/collection-periods/${periodId}/values`), {
          indicatorId: row.indicatorId,
          unitId: returnedUnit,
          actual: row.actual,
          followUp: 'Bukti dukung dilengkapi',
          reason: 'Dilengkapi setelah dikembalikan Sekretaris',
          baseVersion: row.version,
        });
        expect(fix.statusCode, fix.body).toBe(200);
      }
    }
    expect(kase.status).toBe('completed');
    expect(returnedUnit).not.toBeNull();
    const p = (await c.admin.request('GET', c.gov(`/collection-periods/${periodId}`))).json();
    expect(p.status).toBe('locked');
    const form = (await c.admin.request('GET', c.gov(`/collection-periods/${periodId}/forms/${returnedUnit}`))).json();
    expect(form.submission.status).toBe('approved');
    expect(form.submission.changedSinceReturn).toBe(1);
    const versions = (await c.admin.request('GET', c.gov(`/collection-values/${form.rows[0].valueId}`))).json()
      .versions;
    expect(versions).toHaveLength(2);
    expect(versions[0].caseId).toBe(kase.id);
  }, 300_000);
});
