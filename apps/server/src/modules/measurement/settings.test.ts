import { lanScale } from '@sidakin/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSession, demoSession } from '../../test/demo-session.js';

// A government's own measurement settings: its scale, decimals, cap, efficiency formula and the
// level of the agency's achievement. A run takes the settings of the moment it is made and keeps
// them, so a later change never alters a past run. Budgets (pagu and spending) reach the run.

let s: DemoSession;
let masama: string;

beforeAll(async () => {
  s = await demoSession('banggai.admin', { plans: true });
  masama = (await s.t.db.query<{ id: string }>("SELECT id FROM agencies WHERE code = 'masama'"))[0]!.id;
}, 300_000);
afterAll(async () => {
  await s.t.close();
});

const lanBody = (over: Record<string, unknown> = {}) => ({
  scale: lanScale,
  decimals: 1,
  cap: '120',
  efficiencyFormula: 'ratio',
  agencyFrom: 'goal',
  ...over,
});

describe('measurement settings', () => {
  it('start at Permendagri 86/2017, two decimals, no cap; members read them and may not change them', async () => {
    const camat = await s.as('masama.camat');
    const res = await camat.request('GET', s.gov('/measurement-settings'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      decimals: 2,
      cap: null,
      efficiencyFormula: 'difference',
      agencyFrom: 'objective',
      updatedAt: null,
    });
    expect(res.json().scale.key).toBe('permendagri-86-2017');
    expect(res.json().presets.map((p: { key: string }) => p.key)).toEqual(['permendagri-86-2017', 'lan-2003']);
    const put = await camat.request('PUT', s.gov('/measurement-settings'), lanBody());
    expect(put.statusCode).toBe(403);
  });

  it('refuses a scale whose bands overlap, naming the band, and keeps what was saved', async () => {
    const admin = await s.as('banggai.admin');
    const bands = [...lanScale.bands];
    // Band 2 starts above band 1.
    bands[1] = { ...bands[1]!, from: '90' };
    const res = await admin.request('PUT', s.gov('/measurement-settings'), lanBody({ scale: { ...lanScale, bands } }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { path: 'body.scale.bands.0.from', message: 'Kategori 1: batas bawahnya harus di atas batas kategori 2' },
    ]);
    const open = await admin.request(
      'PUT',
      s.gov('/measurement-settings'),
      lanBody({ scale: { ...lanScale, bands: lanScale.bands.map((b) => ({ ...b, from: b.from ?? '10' })) } }),
    );
    expect(open.statusCode).toBe(400);
    expect(open.json().error.details[0].path).toBe('body.scale.bands.3.from');
    const badCap = await admin.request('PUT', s.gov('/measurement-settings'), lanBody({ cap: '95' }), {
      'accept-language': 'en',
    });
    expect(badCap.statusCode).toBe(400);
    expect(badCap.json().error.details[0].path).toBe('body.cap');
    expect(badCap.json().error.details[0].message).toMatch(/100/);
    const badEdge = await admin.request(
      'PUT',
      s.gov('/measurement-settings'),
      lanBody({
        scale: { ...lanScale, bands: [{ ...lanScale.bands[0]!, from: 'sembilan' }, ...lanScale.bands.slice(1)] },
      }),
    );
    expect(badEdge.statusCode).toBe(400);
    expect(badEdge.json().error.details[0].path).toBe('body.scale.bands.0.from');
    const still = (await admin.request('GET', s.gov('/measurement-settings'))).json();
    expect(still.updatedAt).toBeNull();
    expect(still.scale.key).toBe('permendagri-86-2017');
  });

  it('a run takes the settings of its moment and keeps them; budgets reach the run', async () => {
    const admin = await s.as('banggai.admin');
    const before = (await admin.request('POST', s.gov('/measurement-runs'), { agencyId: masama, year: 2025 })).json();
    expect(before.method).toMatchObject({ decimals: 2, cap: null, efficiency: 'difference', agencyFrom: 'objective' });
    // The demo agreements carry pagu on their programs and the values report spending.
    const own = before.results.find((r: { unitId: string | null }) => r.unitId === null).result;
    expect(own.agency.budget.ceiling).toMatch(/^\d+$/);
    expect(Number(own.agency.budget.absorption)).toBeGreaterThan(50);
    expect(Number(own.agency.budget.absorption)).toBeLessThanOrEqual(100);
    // efficiency = achievement − absorption by default
    expect(Number(own.agency.budget.efficiency)).toBeCloseTo(
      Number(own.agency.value) - Number(own.agency.budget.absorption),
      2,
    );

    const put = await admin.request('PUT', s.gov('/measurement-settings'), lanBody());
    expect(put.statusCode, put.body).toBe(200);
    const saved = put.json();
    expect(saved).toMatchObject({ decimals: 1, cap: '120', efficiencyFormula: 'ratio', agencyFrom: 'goal' });
    expect(saved.scale.key).toBe('lan-2003');
    const audit = await s.t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'measurement_settings.update'",
    );
    expect(audit[0]!.n).toBe(1);
    // A stale change is refused and changes nothing.
    const stale = await admin.request(
      'PUT',
      s.gov('/measurement-settings'),
      lanBody({ decimals: 3, expectedUpdatedAt: '2020-01-01T00:00:00.000Z' }),
    );
    expect(stale.statusCode).toBe(409);
    expect((await admin.request('GET', s.gov('/measurement-settings'))).json().decimals).toBe(1);

    const after = (await admin.request('POST', s.gov('/measurement-runs'), { agencyId: masama, year: 2025 })).json();
    expect(after.method).toMatchObject({ decimals: 1, cap: '120', efficiency: 'ratio', agencyFrom: 'goal' });
    expect(after.method.scale.key).toBe('lan-2003');
    const ownAfter = after.results.find((r: { unitId: string | null }) => r.unitId === null).result;
    const lanKeys = lanScale.bands.map((b) => b.key);
    for (const i of ownAfter.indicators) {
      if (i.annual.achievement === null) continue;
      expect(lanKeys).toContain(i.annual.category);
      expect(i.annual.achievement).toMatch(/^-?\d+(\.\d)?$/);
      expect(Number(i.annual.achievement)).toBeLessThanOrEqual(120);
    }
    // The earlier run still reads, and reproduces, with the method it was made with.
    const old = (await admin.request('GET', s.gov(`/measurement-runs/${before.id}`))).json();
    expect(old.method.scale.key).toBe('permendagri-86-2017');
    expect(old.results).toEqual(before.results);
    const again = (await admin.request('GET', s.gov(`/measurement-runs/${before.id}/reproduce`))).json();
    expect(again.identical).toBe(true);
    expect((await admin.request('GET', s.gov(`/measurement-runs/${after.id}/reproduce`))).json().identical).toBe(true);
  });
});
