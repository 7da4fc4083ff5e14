import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSession, demoSession } from '../../test/demo-session.js';

// The dashboards of Pesisir Selatan and Banggai's demo: before any measurement the dashboard still
// shows completeness and timeliness; once the measurement SOP of Disdagtrans has approved its
// 2025, achievements by objective, indicator, unit and quarter with the weakest and strongest, and
// the ids to drill down to each value's history; members see only the agencies they lead; the
// public page is off until the admin turns it on, and then shows approved figures only and no
// person.

let s: DemoSession;
let agencyId: string;
let sopId: string;

type Task = {
  id: string;
  stepNo: number;
  action: string;
  status: string;
  allowedOutcomes: string[];
  assignees: { positionId: string }[];
};

beforeAll(async () => {
  s = await demoSession('pessel.admin', { plans: true });
  agencyId = (
    await s.t.db.query<{ id: string }>("SELECT id FROM agencies WHERE government_id = $1 AND code = 'disdagtrans'", [
      s.governmentId,
    ])
  )[0]!.id;
  sopId = await s.putInEffect('pesisir-selatan/disdagtrans/pengukuran-data-kinerja', 'disdagtrans.kadis');
}, 300_000);
afterAll(async () => {
  await s.t.close();
});

/** Runs the measurement SOP of Disdagtrans for the year from start to close; returns the case id. */
async function measureAndApprove(year: number): Promise<string> {
  const kadis = await s.as('disdagtrans.kadis');
  const started = await kadis.request('POST', s.gov('/measurement-cycles'), { sopId, agencyId, year });
  expect(started.statusCode, started.body).toBe(201);
  let kase = started.json();
  for (let guard = 0; kase.status === 'open' && guard < 60; guard++) {
    const task: Task = kase.tasks.find((x: Task) => x.status === 'open');
    const [who] = await s.holdersOf(task.assignees.map((a) => a.positionId));
    const res = await (await s.as(who!)).request('POST', s.gov(`/cases/${kase.id}/tasks/${task.id}/complete`), {
      outcome: task.allowedOutcomes.includes('ya') ? 'ya' : 'done',
    });
    expect(res.statusCode, `step ${task.stepNo}: ${res.body}`).toBe(200);
    kase = res.json();
  }
  expect(kase.status).toBe('completed');
  return kase.id;
}

async function personalData(): Promise<string[]> {
  const people = await s.t.db.query<{ name: string; nip: string | null }>(
    'SELECT name, nip FROM employees WHERE government_id = $1',
    [s.governmentId],
  );
  const users = await s.t.db.query<{ username: string; display_name: string }>(
    'SELECT username, display_name FROM users WHERE government_id = $1',
    [s.governmentId],
  );
  return [
    ...people.flatMap((p) => [p.name, ...(p.nip ? [p.nip] : [])]),
    ...users.flatMap((u) => [u.username, u.display_name]),
  ].filter((x) => x.length >= 5);
}

describe('dashboards', () => {
  it('before any measurement: says nothing is measured, and still shows completeness and timeliness', async () => {
    const admin = await s.as('pessel.admin');
    const res = await admin.request('GET', s.gov('/dashboard?year=2025'));
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.year).toBe(2025);
    expect(d.runs).toEqual([]);
    expect(d.indicators).toEqual([]);
    expect(d.unmeasured.map((a: { id: string }) => a.id)).toContain(agencyId);
    const periods = d.completeness.filter((c: { agencyId: string }) => c.agencyId === agencyId);
    expect(periods.map((p: { period: string }) => p.period)).toEqual(['q1', 'q2', 'q3', 'q4']);
    for (const p of periods) {
      expect(p.required).toBeGreaterThan(0);
      expect(p.entered).toBeLessThanOrEqual(p.required);
      expect(p.units.reduce((n: number, u: { required: number }) => n + u.required, 0)).toBe(p.required);
    }
    expect(d.bands.map((b: { key: string }) => b.key)).toContain('sangat-tinggi');
    const bad = await admin.request('GET', s.gov('/dashboard?year=1999'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('query.year');
  });

  it('after the measurement SOP approved the year: achievements, weakest and strongest, drill-down, timeliness', async () => {
    const caseId = await measureAndApprove(2025);
    const admin = await s.as('pessel.admin');
    const d = (await admin.request('GET', s.gov(`/dashboard?year=2025&agencyId=${agencyId}`))).json();
    expect(d.agencyId).toBe(agencyId);
    expect(d.runs).toHaveLength(1);
    const run = (
      await admin.request('GET', s.gov(`/measurement-runs?agencyId=${agencyId}&year=2025&current=true`))
    ).json().items[0];
    expect(d.runs[0]).toMatchObject({ runId: run.id, approved: true, achievement: run.agencyAchievement });
    expect(d.unmeasured).toEqual([]);

    // Every indicator of the run, with its figures as the run has them.
    const full = (await admin.request('GET', s.gov(`/measurement-runs/${run.id}`))).json();
    const inRun = full.results.flatMap((a: { result: { indicators: unknown[] } }) => a.result.indicators);
    expect(d.indicators).toHaveLength(inRun.length);
    const own = full.results.find((a: { unitId: string | null }) => a.unitId === null);
    const first = own.result.indicators[0];
    const shown = d.indicators.find(
      (i: { indicatorId: string; unitId: string | null }) => i.indicatorId === first.id && i.unitId === null,
    );
    expect(shown).toMatchObject({
      runId: run.id,
      approved: true,
      achievement: first.annual.achievement,
      actual: first.annual.actual,
      category: first.annual.category,
      name: full.names.indicators[first.id].name,
    });
    expect(shown.quarters).toEqual(first.quarters.map((q: { achievement: string | null }) => q.achievement));

    // Drill-down: each period's value of the figure, whose history and evidence the API gives.
    expect(shown.drill.map((x: { period: string }) => x.period)).toEqual(['q1', 'q2', 'q3', 'q4']);
    const entered = shown.drill.filter((x: { valueId: string | null }) => x.valueId);
    expect(entered.length).toBeGreaterThan(0);
    const value = (await admin.request('GET', s.gov(`/collection-values/${entered[0].valueId}`))).json();
    expect(value.row.indicatorId).toBe(first.id);
    expect(value.versions.length).toBeGreaterThan(0);
    expect(entered[0].unit).toBe('agency');

    // Objectives and units as the run rolled them up.
    const objectives = own.result.nodes.filter((n: { id: string }) => full.names.nodes[n.id].kind === 'objective');
    expect(d.objectives.map((o: { nodeId: string; achievement: string }) => [o.nodeId, o.achievement])).toEqual(
      objectives.map((n: { id: string; value: string }) => [n.id, n.value]),
    );
    expect(d.units).toHaveLength(full.results.length);
    expect(d.units[0]).toMatchObject({ unitId: null, achievement: own.result.agency.value });

    // The weakest are the lowest achievements, the strongest the highest; no indicator is both.
    const sorted = d.indicators
      .filter((i: { achievement: string | null }) => i.achievement !== null)
      .map((i: { achievement: string }) => Number(i.achievement))
      .sort((a: number, b: number) => a - b);
    expect(d.weakest.map((i: { achievement: string }) => Number(i.achievement))).toEqual(sorted.slice(0, 5));
    expect(d.strongest.map((i: { achievement: string }) => Number(i.achievement))).toEqual(
      sorted.slice(5).reverse().slice(0, 5),
    );
    expect(d.periods.map((p: { period: string }) => p.period)).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(d.periods[0].measured).toBeGreaterThan(0);
    // Each quarter's figure is the mean of the indicators measured in it, to two decimals.
    for (const [at, p] of (d.periods as { achievement: string | null; measured: number }[]).entries()) {
      const xs = d.indicators
        .map((i: { quarters: (string | null)[] }) => i.quarters[at])
        .filter((v: string | null): v is string => v !== null)
        .map(Number);
      expect(p.measured).toBe(xs.length);
      if (xs.length === 0) {
        expect(p.achievement).toBeNull();
        continue;
      }
      expect(p.achievement).toMatch(/^\d+(\.\d{1,2})?$/);
      expect(Math.abs(Number(p.achievement) - xs.reduce((a: number, b: number) => a + b, 0) / xs.length)).toBeLessThan(
        0.005,
      );
    }

    // Timeliness: every step of the SOP just run was done well within its mutu baku.
    const steps = await s.t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM case_tasks WHERE case_id = $1 AND status = 'done' AND due_at IS NOT NULL",
      [caseId],
    );
    expect(d.timeliness.done).toBeGreaterThanOrEqual(steps[0]!.n);
    expect(d.timeliness.onTime + d.timeliness.late).toBe(d.timeliness.done);
    const sop = d.timeliness.bySop.find((x: { sopId: string }) => x.sopId === sopId);
    expect(sop).toMatchObject({ done: steps[0]!.n, onTime: steps[0]!.n, late: 0 });
    expect(sop.avgActualDays).toBeLessThan(sop.avgStandardDays);
  });

  it('lists an open task past its mutu baku as overdue, with its case', async () => {
    const kadis = await s.as('disdagtrans.kadis');
    const started = await kadis.request('POST', s.gov('/measurement-cycles'), { sopId, agencyId, year: 2026 });
    expect(started.statusCode, started.body).toBe(201);
    const kase = started.json();
    const open = kase.tasks.find((x: Task) => x.status === 'open');
    // Three days go by: the task was opened four days ago and was due a day later.
    await s.t.db.query(
      "UPDATE case_tasks SET opened_at = now() - interval '4 days', due_at = now() - interval '3 days' WHERE id = $1",
      [open.id],
    );
    const d = (await kadis.request('GET', s.gov('/dashboard?year=2026'))).json();
    const late = d.timeliness.overdue.find((x: { taskId: string }) => x.taskId === open.id);
    expect(late).toMatchObject({ caseId: kase.id, caseNumber: kase.number, stepNo: open.stepNo });
    expect(late.stepText.length).toBeGreaterThan(0);
    expect(late.overdueDays).toBeGreaterThanOrEqual(3);
    // 2026 is measured by the SOP's step later; not yet, so nothing is approved.
    expect(d.runs.every((r: { approved: boolean }) => !r.approved)).toBe(true);
  });

  it('a member sees only the agencies they head or are secretary of; staff see none', async () => {
    const [banggai] = await s.t.db.query<{ id: string }>("SELECT id FROM governments WHERE code = 'banggai'");
    const agencies = await s.t.db.query<{ id: string; code: string }>(
      'SELECT id, code FROM agencies WHERE government_id = $1',
      [banggai!.id],
    );
    const disdag = agencies.find((a) => a.code === 'disdag')!.id;
    const masama = agencies.find((a) => a.code === 'masama')!.id;
    const url = (q = '') => `/api/governments/${banggai!.id}/dashboard?year=2025${q}`;

    const camat = await s.as('masama.camat');
    const own = (await camat.request('GET', url())).json();
    expect(own.agencies.map((a: { id: string }) => a.id)).toEqual([masama]);
    expect(own.completeness.every((c: { agencyId: string }) => c.agencyId === masama)).toBe(true);
    expect((await camat.request('GET', url(`&agencyId=${disdag}`))).statusCode).toBe(403);

    const sekdis = await s.as('disdag.sekdis');
    expect((await sekdis.request('GET', url())).json().agencies.map((a: { id: string }) => a.id)).toEqual([disdag]);

    const staff = await s.as('disdag.jp-perdagangan-1');
    const none = (await staff.request('GET', url())).json();
    expect(none.agencies).toEqual([]);
    expect(none.completeness).toEqual([]);
    expect(none.timeliness.done).toBe(0);
    expect((await staff.request('GET', url(`&agencyId=${disdag}`))).statusCode).toBe(403);

    const admin = await s.as('banggai.admin');
    const all = (await admin.request('GET', url())).json();
    expect(all.agencies.map((a: { id: string }) => a.id).sort()).toEqual([disdag, masama].sort());
    // Another government's admin sees nothing of it.
    expect((await (await s.as('pessel.admin')).request('GET', url())).statusCode).toBe(403);
  });

  it('the public page: 404 while off; on, approved figures only and no personal data; turning it is on record', async () => {
    const [g] = await s.t.db.query<{ code: string }>('SELECT code FROM governments WHERE id = $1', [s.governmentId]);
    const anonymous = s.t.app;
    const publicUrl = (q = '') => `/api/public/governments/${g!.code}/achievements${q}`;
    const off = await anonymous.inject({ method: 'GET', url: publicUrl() });
    expect(off.statusCode).toBe(404);
    expect(
      (await anonymous.inject({ method: 'GET', url: '/api/public/governments/tidak-ada/achievements' })).statusCode,
    ).toBe(404);

    const admin = await s.as('pessel.admin');
    expect((await admin.request('GET', s.gov('/public-achievements'))).json()).toMatchObject({
      enabled: false,
      code: g!.code,
    });
    const kadis = await s.as('disdagtrans.kadis');
    expect((await kadis.request('PUT', s.gov('/public-achievements'), { enabled: true })).statusCode).toBe(403);
    const bad = await admin.request('PUT', s.gov('/public-achievements'), { enabled: 'ya' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('body.enabled');
    const on = await admin.request('PUT', s.gov('/public-achievements'), { enabled: true });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json().enabled).toBe(true);
    const audit = await s.t.db.query<{ before: unknown; after: unknown }>(
      "SELECT before, after FROM audit_log WHERE action = 'government.public_achievements' AND entity_id = $1",
      [s.governmentId],
    );
    expect(audit).toEqual([{ before: { publicAchievements: false }, after: { publicAchievements: true } }]);

    // 2025 was approved by the SOP; 2026 has a run but no approval.
    const admin2026 = await admin.request('POST', s.gov('/measurement-runs'), { agencyId, year: 2026 });
    expect(admin2026.statusCode, admin2026.body).toBe(201);
    const res = await anonymous.inject({ method: 'GET', url: publicUrl() });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.year).toBe(2025);
    expect(body.years).toEqual([2025]);
    expect(body.agencies).toHaveLength(1);
    const approved = (await admin.request('GET', s.gov(`/measurement-cycles?agencyId=${agencyId}&year=2025`))).json()
      .items[0].approvedRunId;
    const run = (await admin.request('GET', s.gov(`/measurement-runs/${approved}`))).json();
    const own = run.results.find((a: { unitId: string | null }) => a.unitId === null);
    expect(body.agencies[0]).toMatchObject({ name: run.agencyName, achievement: own.result.agency.value });
    const indicators = body.agencies[0].objectives.flatMap((o: { indicators: unknown[] }) => o.indicators);
    expect(indicators).toHaveLength(own.result.indicators.length);
    expect(indicators[0]).toMatchObject({ achievement: expect.any(String), target: expect.any(Object) });
    const text = res.body;
    for (const p of await personalData()) expect(text, p).not.toContain(p);
    expect(text).not.toMatch(/\b\d{18}\b/);

    const unapproved = (await anonymous.inject({ method: 'GET', url: publicUrl('?year=2026') })).json();
    expect(unapproved.agencies).toEqual([]);

    await admin.request('PUT', s.gov('/public-achievements'), { enabled: false });
    expect((await anonymous.inject({ method: 'GET', url: publicUrl() })).statusCode).toBe(404);
  });
});
