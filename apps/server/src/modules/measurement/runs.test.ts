import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSession, demoSession } from '../../test/demo-session.js';

// Measurement runs in Kab. Banggai's demo: a run keeps method, inputs and results; it reproduces
// exactly; a late entry re-measures and supersedes, and the earlier run stays readable.

let s: DemoSession;
let masama: string;

beforeAll(async () => {
  s = await demoSession('banggai.admin', { plans: true });
  masama = (await s.t.db.query<{ id: string }>("SELECT id FROM agencies WHERE code = 'masama'"))[0]!.id;
}, 300_000);
afterAll(async () => {
  await s.t.close();
});

describe('measurement runs', () => {
  it('keeps a run with its method, inputs and results, on record, and it reproduces exactly', async () => {
    const camat = await s.as('masama.camat');
    const res = await camat.request('POST', s.gov('/measurement-runs'), { agencyId: masama, year: 2025 });
    expect(res.statusCode, res.body).toBe(201);
    const run = res.json();
    expect(run).toMatchObject({
      runNo: 1,
      year: 2025,
      trigger: 'request',
      current: true,
      agencyName: 'Kecamatan Masama',
    });
    expect(run.method.engine).toBe('sidakin-measure/1');
    expect(run.method.scale.key).toBe('permendagri-86-2017');
    expect(run.inputsSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(run.agencyAchievement).not.toBeNull();
    expect(run.indicatorCount).toBe(
      run.results.reduce((n: number, r: { result: { indicators: unknown[] } }) => n + r.result.indicators.length, 0),
    );
    const own = run.results.find((r: { unitId: string | null }) => r.unitId === null);
    expect(own.result.agency.value).toBe(run.agencyAchievement);
    // The ids of the results come with their names, for screens and documents.
    for (const a of run.results) {
      for (const i of a.result.indicators) expect(run.names.indicators[i.id]?.name, i.id).toBeTruthy();
      for (const n of a.result.nodes) expect(run.names.nodes[n.id]?.name, n.id).toBeTruthy();
      if (a.unitId) expect(run.names.units[a.unitId]).toBeTruthy();
    }
    const audit = await s.t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'measurement_run.create' AND entity_id = $1",
      [run.id],
    );
    expect(audit[0]!.n).toBe(1);
    const again = (await camat.request('GET', s.gov(`/measurement-runs/${run.id}/reproduce`))).json();
    expect(again).toEqual({ runId: run.id, inputsSha256: run.inputsSha256, inputsIntact: true, identical: true });
  });

  it('only people of the agency (or administrators) measure it; a year without an agreement is refused', async () => {
    const other = await s.as('disdag.jp-perdagangan-1');
    const refused = await other.request('POST', s.gov('/measurement-runs'), { agencyId: masama, year: 2025 });
    expect(refused.statusCode).toBe(403);
    const admin = await s.as('banggai.admin');
    const none = await admin.request('POST', s.gov('/measurement-runs'), { agencyId: masama, year: 2031 });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details[0].path).toBe('body.year');
    expect((await admin.request('GET', s.gov(`/measurement-runs?agencyId=${masama}&year=2031`))).json().items).toEqual(
      [],
    );
  });

  it('a late entry re-measures the year; the earlier run stays readable; an unchanged save does not', async () => {
    const admin = await s.as('banggai.admin');
    const first = (await admin.request('POST', s.gov('/measurement-runs'), { agencyId: masama, year: 2026 })).json();
    // The open Q3 2026 period of Masama: enter a value not yet entered.
    const period = (await admin.request('GET', s.gov(`/collection-periods?agencyId=${masama}&year=2026`)))
      .json()
      .items.find((p: { period: string }) => p.period === 'q3');
    const completeness = (await admin.request('GET', s.gov(`/collection-periods/${period.id}/completeness`))).json();
    const unit = completeness.units.find((u: { entered: number; required: number }) => u.entered < u.required);
    const form = (
      await admin.request('GET', s.gov(`/collection-periods/${period.id}/forms/${unit.unitId ?? 'agency'}`))
    ).json();
    const row = form.rows.find((r: { version: number }) => r.version === 0);
    const save = (actual: string, baseVersion: number) =>
      admin.request('POST', s.gov(`/collection-periods/${period.id}/values`), {
        indicatorId: row.indicatorId,
        unitId: unit.unitId,
        actual,
        baseVersion,
      });
    const saved = await save('42', 0);
    expect(saved.statusCode, saved.body).toBe(200);
    const list = (await admin.request('GET', s.gov(`/measurement-runs?agencyId=${masama}&year=2026`))).json().items;
    expect(
      list.map((r: { runNo: number; current: boolean; trigger: string }) => [r.runNo, r.current, r.trigger]),
    ).toEqual([
      [2, true, 'data_changed'],
      [1, false, 'request'],
    ]);
    expect(list[0].inputsSha256).not.toBe(first.inputsSha256);
    const old = (await admin.request('GET', s.gov(`/measurement-runs/${first.id}`))).json();
    expect(old).toMatchObject({
      current: false,
      supersededById: list[0].id,
      agencyAchievement: first.agencyAchievement,
    });
    expect(old.results).toEqual(first.results);
    const measuredNow = (await admin.request('GET', s.gov(`/measurement-runs/${list[0].id}`))).json();
    const q3 = measuredNow.results
      .find((r: { unitId: string | null }) => r.unitId === unit.unitId)
      .result.indicators.find((i: { id: string }) => i.id === row.indicatorId).quarters[2];
    expect(q3.actual).toBe('42');
    // Saving the same value again changes nothing, so nothing is re-measured.
    expect((await save('42', 1)).statusCode).toBe(200);
    const still = (
      await admin.request('GET', s.gov(`/measurement-runs?agencyId=${masama}&year=2026&current=true`))
    ).json().items;
    expect(still.map((r: { runNo: number }) => r.runNo)).toEqual([2]);
  });
});
