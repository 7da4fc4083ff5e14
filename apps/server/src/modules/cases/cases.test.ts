import { addWorkingMinutes } from '@sidakin/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSession, demoSession } from '../../test/demo-session.js';
import type { Client, TestContext } from '../../test/fixture.js';
import { workingCalendar } from '../org/org.service.js';

// The engine on the Banggai Dinas Perdagangan "Mekanisme Perbaikan Data Kinerja", run through the
// API by its own demo officials: a return at step 6 (Kabid → JP) and at step 8 (Sekretaris →
// Kasubbag), then the signature at step 9. The procedure is imported here as a general SOP (the
// same lanes, steps and returns) so the case runs on the engine alone; the correction of data it
// carries, with items, paraf and the signed document, is tested in modules/corrections.

let t: TestContext;
let session: DemoSession;
let governmentId: string;
let sopId: string;
let unitId: string;
let admin: Client;
const as = (username: string) => session.as(username);
const gov = (p = '') => session.gov(p);

type Task = {
  id: string;
  stepNo: number;
  status: string;
  round: number;
  dueAt: string | null;
  openedAt: string;
  assignees: { positionName: string }[];
};
type Case = { id: string; status: string; tasks: Task[] };

beforeAll(async () => {
  session = await demoSession('banggai.admin');
  t = session.t;
  governmentId = session.governmentId;
  admin = await session.as('banggai.admin');
  await session.importAsGeneral('banggai/disdag-perbaikan-data-kinerja.yaml', 'banggai/disdag/uji-mesin-perbaikan');
  sopId = await session.putInEffect('banggai/disdag/uji-mesin-perbaikan', 'disdag.kadis');
  unitId = await session.unitId('Bidang Perdagangan Dalam Negeri');
}, 120_000);
afterAll(async () => {
  await t.close();
});

const openTask = (c: Case) => c.tasks.find((x) => x.status === 'open')!;
async function complete(username: string, c: Case, body: Record<string, unknown>) {
  return (await as(username)).request('POST', gov(`/cases/${c.id}/tasks/${openTask(c).id}/complete`), body);
}
async function done(username: string, c: Case, body: Record<string, unknown> = { outcome: 'done' }): Promise<Case> {
  const res = await complete(username, c, body);
  if (res.statusCode !== 200) throw new Error(`${username}: ${res.statusCode} ${res.body}`);
  return res.json();
}

describe('a case of the Banggai Perbaikan SOP', () => {
  it('runs to completion with its officials, through both returns', async () => {
    const kadis = await as('disdag.kadis');
    const started = await kadis.request('POST', gov('/cases'), {
      sopId,
      unitIds: [unitId],
      period: '2026-T3',
      subject: 'Perbaikan realisasi IKU stabilitas harga triwulan III',
    });
    expect(started.statusCode, started.body).toBe(201);
    let c: Case = started.json();
    expect(openTask(c)).toMatchObject({ stepNo: 1, assignees: [{ positionName: 'Kepala Dinas Perdagangan' }] });
    // Who started it, and the SOP version it follows with that version's own document.
    const me = (await kadis.request('GET', '/api/auth/me')).json();
    expect(started.json().startedByUserId).toBe(me.user.id);
    const versionId = (await kadis.request('GET', gov(`/sops/${sopId}`))).json().versions[0].id;
    const version = (await kadis.request('GET', gov(`/sops/${sopId}/versions/${versionId}`))).json();
    expect(version).toMatchObject({ version: started.json().sopVersion, status: 'effective' });
    expect(version.document.steps).toHaveLength(9);
    // Mutu baku: 120 menit of working time for step 1, on Banggai's calendar (WITA, 07:30–16:00).
    const cal = await workingCalendar(t.db, governmentId);
    expect(openTask(c).dueAt).toBe(addWorkingMinutes(new Date(openTask(c).openedAt), 120, cal).toISOString());

    const inbox = (await kadis.request('GET', gov('/inbox'))).json();
    expect(inbox.items.map((i: { stepNo: number }) => i.stepNo)).toEqual([1]);
    expect(inbox.items[0]).toMatchObject({
      overdue: false,
      standardMinutes: 120,
      caseSubject: 'Perbaikan realisasi IKU stabilitas harga triwulan III',
    });
    // A reminder shows in the last quarter of the mutu baku (at least 30 minutes before it is due).
    await t.db.query(
      "UPDATE case_tasks SET due_at = now() + interval '20 minutes' WHERE case_id = $1 AND status = 'open'",
      [c.id],
    );
    expect((await kadis.request('GET', gov('/inbox'))).json().items[0]).toMatchObject({
      dueSoon: true,
      overdue: false,
    });
    await t.db.query(
      "UPDATE case_tasks SET due_at = now() - interval '1 minute' WHERE case_id = $1 AND status = 'open'",
      [c.id],
    );
    expect((await kadis.request('GET', gov('/inbox'))).json().items[0]).toMatchObject({
      dueSoon: false,
      overdue: true,
    });

    c = await done('disdag.kadis', c);
    c = await done('disdag.sekdis', c);
    c = await done('disdag.kasubbag-pe', c);
    // Step 4 belongs to the Kabid and the Kasi of the Bidang in scope.
    expect(openTask(c).assignees.map((a) => a.positionName)).toEqual([
      'Kepala Bidang Perdagangan Dalam Negeri',
      'Kepala Seksi Distribusi dan Stabilisasi Harga',
      'Kepala Seksi Perlindungan Konsumen dan Tertib Niaga',
    ]);
    c = await done('disdag.kasi-distribusi', c);
    expect(openTask(c).stepNo).toBe(5);
    // Someone outside the lane cannot act on it.
    const outsider = await complete('disdag.kasubbag-umum', c, { outcome: 'done' });
    expect(outsider.statusCode).toBe(403);
    expect(outsider.json().error.code).toBe('NOT_ASSIGNEE');
    c = await done('disdag.jp-perdagangan-1', c);

    // Step 6: the Kabid returns it to the JP; "tidak" needs a reason.
    const noReason = await complete('disdag.kabid-perdagangan', c, { outcome: 'tidak' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].path).toBe('body.reason');
    c = await done('disdag.kabid-perdagangan', c, {
      outcome: 'tidak',
      reason: 'Bukti dukung realisasi Agustus belum dilampirkan',
    });
    expect(openTask(c)).toMatchObject({ stepNo: 5, round: 2 });
    c = await done('disdag.jp-perdagangan-1', c, { outcome: 'done', comment: 'Bukti dukung dilampirkan' });
    c = await done('disdag.kabid-perdagangan', c, { outcome: 'ya' });
    c = await done('disdag.kasubbag-pe', c);
    // Step 8: the Sekretaris returns it to the Kasubbag, then gives paraf.
    c = await done('disdag.sekdis', c, {
      outcome: 'tidak',
      reason: 'Rekapitulasi belum memuat nilai sebelum perbaikan',
    });
    expect(openTask(c).stepNo).toBe(7);
    c = await done('disdag.kasubbag-pe', c);
    c = await done('disdag.sekdis', c, { outcome: 'ya' });
    expect(openTask(c).stepNo).toBe(9);
    c = await done('disdag.kadis', c);
    expect(c.status).toBe('completed');
    expect(c.tasks.map((x) => x.stepNo)).toEqual([1, 2, 3, 4, 5, 6, 5, 6, 7, 8, 7, 8, 9]);

    const detail = (await admin.request('GET', gov(`/cases/${c.id}`))).json();
    expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual([
      'start',
      ...['complete', 'complete', 'complete', 'complete', 'complete', 'return', 'complete', 'complete', 'complete'],
      ...['return', 'complete', 'complete', 'complete'],
    ]);
    const returns = detail.tasks.filter((x: { outcome: string }) => x.outcome === 'tidak');
    expect(returns.map((x: { reason: string }) => x.reason)).toEqual([
      'Bukti dukung realisasi Agustus belum dilampirkan',
      'Rekapitulasi belum memuat nilai sebelum perbaikan',
    ]);
    const audit = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity_type = 'case' AND entity_id = $1 ORDER BY id",
      [c.id],
    );
    expect(audit.map((a) => a.action).filter((a) => a === 'case.return')).toHaveLength(2);
    expect(audit[0]!.action).toBe('case.start');
  });

  it('lets only one of two people acting on the same task at once succeed', async () => {
    const kadis = await as('disdag.kadis');
    let c: Case = (
      await kadis.request('POST', gov('/cases'), { sopId, unitIds: [unitId], subject: 'Uji serentak' })
    ).json();
    c = await done('disdag.kadis', c);
    c = await done('disdag.sekdis', c);
    c = await done('disdag.kasubbag-pe', c);
    const [a, b] = await Promise.all([
      complete('disdag.kabid-perdagangan', c, { outcome: 'done' }),
      complete('disdag.kasi-distribusi', c, { outcome: 'done' }),
    ]);
    expect([a!.statusCode, b!.statusCode].sort()).toEqual([200, 409]);
    const after = (await admin.request('GET', gov(`/cases/${c.id}`))).json() as Case;
    expect(after.tasks.filter((x) => x.stepNo === 5)).toHaveLength(1);
  });

  it('does not let the person who did a step approve it at the next review', async () => {
    // The Sekretaris is also Plt Kasubbag Perencanaan dan Evaluasi today: they recap (step 7) and
    // may not then approve their own recap at step 8.
    const today = (await admin.request('GET', gov(`/sops/${sopId}`))).json().versions[0].approvedOn as string;
    const positions = (await admin.request('GET', gov('/positions?q=Perencanaan dan Evaluasi&pageSize=50'))).json()
      .items;
    const kasubbag = positions.find((p: { code: string }) => p.code === 'kasubbag-perencanaan-evaluasi');
    const sekdisMe = (await (await as('disdag.sekdis')).request('GET', '/api/auth/me')).json();
    const plt = await admin.request('POST', gov(`/positions/${kasubbag.id}/assignments`), {
      employeeId: sekdisMe.user.employeeId,
      kind: 'plt',
      startsOn: today,
      endsOn: today,
    });
    expect(plt.statusCode, plt.body).toBe(201);
    let c: Case = (
      await (
        await as('disdag.kadis')
      ).request('POST', gov('/cases'), { sopId, unitIds: [unitId], subject: 'Uji empat mata' })
    ).json();
    for (const u of [
      'disdag.kadis',
      'disdag.sekdis',
      'disdag.kasubbag-pe',
      'disdag.kabid-perdagangan',
      'disdag.jp-perdagangan-1',
    ]) {
      c = await done(u, c);
    }
    c = await done('disdag.kabid-perdagangan', c, { outcome: 'ya' });
    c = await done('disdag.sekdis', c); // step 7, as Plt Kasubbag
    const self = await complete('disdag.sekdis', c, { outcome: 'ya' });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('SELF_REVIEW');
  });

  it('refuses a case of an SOP not in effect, and cancels with a reason', async () => {
    const other = (await admin.request('GET', gov('/sops?q=Monitoring'))).json().items[0];
    const refused = await admin.request('POST', gov('/cases'), { sopId: other.id, subject: 'Monitoring triwulan' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('SOP_NOT_EFFECTIVE');
    const c: Case = (
      await admin.request('POST', gov('/cases'), { sopId, unitIds: [unitId], subject: 'Akan dibatalkan' })
    ).json();
    expect((await admin.request('POST', gov(`/cases/${c.id}/cancel`), {})).statusCode).toBe(400);
    const cancelled = await admin.request('POST', gov(`/cases/${c.id}/cancel`), { reason: 'Dibuat keliru' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: 'Dibuat keliru' });
    expect(cancelled.json().tasks.every((x: Task) => x.status !== 'open')).toBe(true);
  });

  it('needs the units in scope when a lane means an official of the unit, and asks each unit’s head', async () => {
    const kadis = await as('disdag.kadis');
    const none = await kadis.request('POST', gov('/cases'), { sopId, subject: 'Tanpa unit' });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details).toEqual([
      {
        path: 'body.unitIds',
        message: 'SOP ini melibatkan unit kerja (mis. Kepala Bidang): pilih unit kerja yang menjadi cakupan kasus',
      },
    ]);
    const market = await session.unitId('Bidang Pengembangan dan Pengelolaan Pasar');
    let c: Case = (
      await kadis.request('POST', gov('/cases'), { sopId, unitIds: [unitId, market], subject: 'Dua bidang' })
    ).json();
    for (const [user, step] of [
      ['disdag.kadis', 1],
      ['disdag.sekdis', 2],
      ['disdag.kasubbag-pe', 3],
    ] as const) {
      expect(openTask(c).stepNo).toBe(step);
      c = await done(user, c);
    }
    // Step 4 (Kepala Bidang with the Kepala Seksi): the heads of both Bidang, not of the third one.
    const names = openTask(c).assignees.map((a) => a.positionName);
    expect(names).toContain('Kepala Bidang Perdagangan Dalam Negeri');
    expect(names).toContain('Kepala Bidang Pengembangan dan Pengelolaan Pasar');
    expect(names).not.toContain('Kepala Bidang Metrologi Legal');
  });
});

describe('reassigning a task', () => {
  it('hands an open task to another position with a reason, on record; the new holder can act', async () => {
    const c0: Case = (
      await (
        await as('disdag.kadis')
      ).request('POST', gov('/cases'), { sopId, unitIds: [unitId], subject: 'Uji alih tugas' })
    ).json();
    const c1 = await done('disdag.kadis', c0);
    const task = openTask(c1);
    const positions = (await admin.request('GET', gov('/positions?q=Umum dan Kepegawaian&pageSize=50'))).json().items;
    const umum = positions.find((p: { code: string }) => p.code === 'kasubbag-umum-kepegawaian');
    const noReason = await admin.request('POST', gov(`/cases/${c1.id}/tasks/${task.id}/reassign`), {
      positionIds: [umum.id],
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].path).toBe('body.reason');
    const member = await (await as('disdag.jp-perdagangan-1')).request(
      'POST',
      gov(`/cases/${c1.id}/tasks/${task.id}/reassign`),
      {
        positionIds: [umum.id],
        reason: 'x',
      },
    );
    expect(member.statusCode).toBe(403);
    const res = await admin.request('POST', gov(`/cases/${c1.id}/tasks/${task.id}/reassign`), {
      positionIds: [umum.id],
      reason: 'Sekretaris sedang dinas luar',
    });
    expect(res.statusCode, res.body).toBe(200);
    const c2: Case = res.json();
    expect(openTask(c2).assignees.map((a) => a.positionName)).toEqual(['Kepala Sub Bagian Umum dan Kepegawaian']);
    expect((await complete('disdag.sekdis', c2, { outcome: 'done' })).statusCode).toBe(403);
    const c3 = await done('disdag.kasubbag-umum', c2);
    expect(openTask(c3).stepNo).toBe(3);
    const detail = (await admin.request('GET', gov(`/cases/${c1.id}`))).json();
    expect(detail.events.find((e: { kind: string }) => e.kind === 'reassign')).toMatchObject({
      comment: 'Sekretaris sedang dinas luar',
    });
  });
});

describe('mutu baku as a service level', () => {
  it('reports per step the actual working time against the standard, the returns and the slowest steps', async () => {
    const res = await admin.request('GET', gov(`/sops/${sopId}/service-level`));
    expect(res.statusCode, res.body).toBe(200);
    const sl = res.json();
    expect(sl.cases).toBeGreaterThanOrEqual(4);
    expect(sl.completedCases).toBeGreaterThanOrEqual(1);
    expect(sl.returns).toBeGreaterThanOrEqual(2);
    const step6 = sl.steps.find((s: { stepNo: number }) => s.stepNo === 6);
    expect(step6).toMatchObject({ standardMinutes: 120, returnsFromHere: 1 });
    expect(step6.completed).toBeGreaterThanOrEqual(2);
    const step5 = sl.steps.find((s: { stepNo: number }) => s.stepNo === 5);
    expect(step5.standardMinutes).toBe(480);
    expect(sl.slowest.length).toBeGreaterThan(0);
    // Each task of a case shows its own actual against standard time.
    const list = (await admin.request('GET', gov('/cases?status=all'))).json().items;
    const detail = (await admin.request('GET', gov(`/cases/${list[list.length - 1].id}`))).json();
    const first = detail.tasks[0];
    expect(first.standardMinutes).toBe(120);
    expect(first.actualMinutes).toBeGreaterThanOrEqual(0);
  });
});
