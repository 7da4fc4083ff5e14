import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, signIn, type TestContext } from '../../test/fixture.js';
import { DEMO_PASSWORD, loadDemo } from '../demo/demo.service.js';

// The life of an SOP version on the demo organisation: draft → disahkan by the head of the agency
// (or their Plt/Plh) → effective from a date once every lane has a holder → retired by the next.

const repoRoot = path.resolve(import.meta.dirname, '../../../../..');
const source = fs.readFileSync(path.join(repoRoot, 'sops/banggai/disdag-perbaikan-data-kinerja.yaml'), 'utf8');

let t: TestContext;
let admin: Client;
let governmentId: string;
let sopId: string;
const as = (username: string) => signIn(t.app, username, DEMO_PASSWORD);
const gov = (p = '') => `/api/governments/${governmentId}${p}`;

beforeAll(async () => {
  t = await createTestApp();
  await loadDemo(t.db, undefined, { plans: false });
  admin = await as('banggai.admin');
  governmentId = (await admin.request('GET', '/api/auth/me')).json().government.id;
  const list = await admin.request('GET', gov('/sops?q=Mekanisme Perbaikan'));
  sopId = list.json().items.find((s: { key: string }) => s.key === 'banggai/disdag/perbaikan-data-kinerja').id;
}, 120_000);
afterAll(async () => {
  await t.close();
});

type Version = {
  id: string;
  version: number;
  status: string;
  approvedByPositionName: string | null;
  approvedActing: string | null;
  approvedOn: string | null;
};
async function versions(): Promise<Version[]> {
  return (await admin.request('GET', gov(`/sops/${sopId}`))).json().versions;
}
async function positionId(code: string): Promise<string> {
  const r = await admin.request('GET', gov(`/positions?q=${encodeURIComponent(code)}&pageSize=100`));
  return r.json().items.find((p: { code: string }) => p.code === code).id;
}

describe('SOP versions and approval', () => {
  it('shows who holds each lane today, with the unit-scoped lanes across the Bidang', async () => {
    const res = await admin.request('GET', gov(`/sops/${sopId}/lanes`));
    expect(res.statusCode).toBe(200);
    const { items, allResolved } = res.json();
    expect(allResolved).toBe(true);
    const byLane = Object.fromEntries(items.map((l: { laneId: string }) => [l.laneId, l]));
    expect(byLane.kadis.positions.map((p: { positionName: string }) => p.positionName)).toEqual([
      'Kepala Dinas Perdagangan',
    ]);
    expect(byLane['kasubbag-pe'].positions[0].holders).toHaveLength(1);
    expect(byLane.kabid.unitScoped).toBe(true);
    expect(byLane.kabid.positions.map((p: { positionName: string }) => p.positionName)).toContain(
      'Kepala Bidang Perdagangan Dalam Negeri',
    );
  });

  it('resolves the unit-scoped lanes for the Bidang a case is about', async () => {
    const units = await admin.request('GET', gov('/units?q=Bidang Perdagangan Dalam Negeri'));
    const unitId = units.json().items[0].id as string;
    const res = await admin.request('GET', gov(`/sops/${sopId}/lanes?unitId=${unitId}`));
    const byLane = Object.fromEntries(res.json().items.map((l: { laneId: string }) => [l.laneId, l]));
    const names = (lane: string) => byLane[lane].positions.map((p: { positionName: string }) => p.positionName);
    expect(names('kabid')).toEqual(['Kepala Bidang Perdagangan Dalam Negeri']);
    expect(names('kasi')).toEqual([
      'Kepala Seksi Distribusi dan Stabilisasi Harga',
      'Kepala Seksi Perlindungan Konsumen dan Tertib Niaga',
    ]);
    expect(byLane.jp.positions.length).toBeGreaterThanOrEqual(1);
    expect(
      byLane.jp.positions.every((p: { unitName: string }) => p.unitName === 'Bidang Perdagangan Dalam Negeri'),
    ).toBe(true);
    expect(names('kadis')).toEqual(['Kepala Dinas Perdagangan']);
  });

  it('is approved only by the head of the agency, who is recorded with the date', async () => {
    const [v1] = await versions();
    expect(v1).toMatchObject({ version: 1, status: 'draft' });
    const byAdmin = await admin.request('POST', gov(`/sops/${sopId}/versions/${v1!.id}/approve`));
    expect(byAdmin.statusCode).toBe(403);
    expect(byAdmin.json().error.code).toBe('NOT_AGENCY_HEAD');
    const kabid = await as('disdag.kabid-perdagangan');
    expect((await kabid.request('POST', gov(`/sops/${sopId}/versions/${v1!.id}/approve`))).statusCode).toBe(403);

    const kadis = await as('disdag.kadis');
    const ok = await kadis.request('POST', gov(`/sops/${sopId}/versions/${v1!.id}/approve`));
    expect(ok.statusCode, ok.body).toBe(200);
    const approved = ok.json().versions[0];
    expect(approved).toMatchObject({
      status: 'approved',
      approvedByPositionName: 'Kepala Dinas Perdagangan',
      approvedActing: null,
    });
    expect(approved.approvedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const again = await kadis.request('POST', gov(`/sops/${sopId}/versions/${v1!.id}/approve`));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('SOP_STATE');
  });

  it('takes effect from a date set by the admin, not before its approval', async () => {
    const [v1] = await versions();
    const kadis = await as('disdag.kadis');
    expect(
      (
        await kadis.request('POST', gov(`/sops/${sopId}/versions/${v1!.id}/make-effective`), {
          effectiveFrom: v1!.approvedOn,
        })
      ).statusCode,
    ).toBe(403);
    const early = await admin.request('POST', gov(`/sops/${sopId}/versions/${v1!.id}/make-effective`), {
      effectiveFrom: '2020-01-01',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details[0].path).toBe('body.effectiveFrom');
    const res = await admin.request('POST', gov(`/sops/${sopId}/versions/${v1!.id}/make-effective`), {
      effectiveFrom: v1!.approvedOn,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().versions[0]).toMatchObject({ status: 'effective', effectiveFrom: v1!.approvedOn });
  });

  it('makes a new version of an edited SOP; it cannot take effect while a lane has no holder; then it replaces the old', async () => {
    const edited = source.replace('duration: 480 menit', 'duration: 420 menit');
    const imported = await admin.request('POST', gov('/sops/import'), { source: edited });
    expect(imported.statusCode).toBe(201);
    let [v2, v1] = await versions();
    expect(v2).toMatchObject({ version: 2, status: 'draft' });
    expect(v1).toMatchObject({ version: 1, status: 'effective' });

    const diff = await admin.request('GET', gov(`/sops/${sopId}/diff?from=1&to=2`));
    expect(diff.json().changes).toEqual([
      { path: 'steps[no=5].duration', kind: 'changed', before: '480 menit', after: '420 menit' },
    ]);

    // The Kepala Dinas is away today; the Sekretaris, as Plh, approves.
    const kadisPosition = await positionId('kepala-dinas');
    const sekdis = (await (await as('disdag.sekdis')).request('GET', '/api/auth/me')).json();
    const today = v1!.approvedOn!;
    const plh = await admin.request('POST', gov(`/positions/${kadisPosition}/assignments`), {
      employeeId: sekdis.user.employeeId,
      kind: 'plh',
      startsOn: today,
      endsOn: today,
      decreeNumber: '800/45/DISDAG/2026',
    });
    expect(plh.statusCode, plh.body).toBe(201);
    const byPlh = await (await as('disdag.sekdis')).request('POST', gov(`/sops/${sopId}/versions/${v2!.id}/approve`));
    expect(byPlh.statusCode, byPlh.body).toBe(200);
    expect(byPlh.json().versions[0]).toMatchObject({
      status: 'approved',
      approvedActing: 'plh',
      approvedByPositionName: 'Kepala Dinas Perdagangan',
    });

    // Nobody holds the Kasubbag Perencanaan dan Evaluasi any more.
    const kasubbag = await positionId('kasubbag-perencanaan-evaluasi');
    const position = (await admin.request('GET', gov(`/positions/${kasubbag}`))).json();
    await admin.request('POST', gov(`/positions/${kasubbag}/assignments/${position.holder.id}/end`), {
      endsOn: position.holder.startsOn,
    });
    const blocked = await admin.request('POST', gov(`/sops/${sopId}/versions/${v2!.id}/make-effective`), {
      effectiveFrom: today,
    });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error).toMatchObject({
      code: 'SOP_LANES_UNRESOLVED',
      details: [{ path: 'lanes.kasubbag-pe' }],
    });
    expect((await versions())[1]!.status).toBe('effective');

    await admin.request('POST', gov(`/positions/${kasubbag}/assignments`), {
      employeeId: position.holder.employeeId,
      kind: 'definitive',
      startsOn: today,
    });
    const effective = await admin.request('POST', gov(`/sops/${sopId}/versions/${v2!.id}/make-effective`), {
      effectiveFrom: today,
    });
    expect(effective.statusCode, effective.body).toBe(200);
    [v2, v1] = await versions();
    expect(v2).toMatchObject({ status: 'effective' });
    expect(v1).toMatchObject({ status: 'retired' });
    const actions = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity_type = 'sop' AND entity_id = $1 ORDER BY id",
      [sopId],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'sop.import',
      'sop.approve',
      'sop.make_effective',
      'sop.import',
      'sop.approve',
      'sop.make_effective',
    ]);
  });
});
