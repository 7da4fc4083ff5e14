import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSession, demoSession } from '../../test/demo-session.js';

// The measurement SOP of Disdagtrans Pesisir Selatan ("Pengukuran Data Kinerja") runs end to end
// through the API with its demo officials: started for the Dinas's 2025, the Tim measures (a run),
// the Sekretaris sends it back once to be completed, the Tim measures again (a second run), the
// Sekretaris approves, the report goes to the Kepala Dinas and the archive step closes the cycle.

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

async function complete(caseId: string, task: Task, body: Record<string, unknown>) {
  const [who] = await s.holdersOf(task.assignees.map((a) => a.positionId));
  expect(who, `step ${task.stepNo} has a holder`).toBeDefined();
  return (await s.as(who!)).request('POST', s.gov(`/cases/${caseId}/tasks/${task.id}/complete`), body);
}

describe('Disdagtrans Pesisir Selatan: Pengukuran Data Kinerja', () => {
  it('refuses a generic start and a year without an agreement', async () => {
    const kadis = await s.as('disdagtrans.kadis');
    const generic = await kadis.request('POST', s.gov('/cases'), {
      sopId,
      unitIds: [],
      period: '2025',
      subject: 'Pengukuran',
    });
    expect(generic.statusCode).toBe(400);
    expect(generic.json().error.details[0].path).toBe('body.sopId');
    const none = await kadis.request('POST', s.gov('/measurement-cycles'), { sopId, agencyId, year: 2031 });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details[0].path).toBe('body.year');
  });

  it('runs from the instruction to the archive, with one return at the review', async () => {
    const kadis = await s.as('disdagtrans.kadis');
    const started = await kadis.request('POST', s.gov('/measurement-cycles'), { sopId, agencyId, year: 2025 });
    expect(started.statusCode, started.body).toBe(201);
    let kase = started.json();
    expect(kase.link.kind).toBe('measurement_cycle');
    const cycleId: string = kase.link.id;
    const twice = await kadis.request('POST', s.gov('/measurement-cycles'), { sopId, agencyId, year: 2025 });
    expect(twice.statusCode).toBe(409);

    let returned = false;
    const runsSeen: string[] = [];
    for (let guard = 0; kase.status === 'open' && guard < 60; guard++) {
      const task: Task = kase.tasks.find((x: Task) => x.status === 'open');
      let body: Record<string, unknown> = { outcome: task.allowedOutcomes.includes('ya') ? 'ya' : 'done' };
      if (task.action === 'review' && !returned) {
        returned = true;
        body = { outcome: 'tidak', reason: 'Lengkapi capaian sasaran 2 sesuai arahan' };
      }
      const res = await complete(kase.id, task, body);
      expect(res.statusCode, `step ${task.stepNo}: ${res.body}`).toBe(200);
      kase = res.json();
      if (task.action === 'measure') {
        const cycle = (await kadis.request('GET', s.gov(`/measurement-cycles/${cycleId}`))).json();
        expect(cycle.runId).not.toBeNull();
        runsSeen.push(cycle.runId);
      }
      if (task.action === 'review' && body.outcome === 'tidak') {
        const open = kase.tasks.filter((x: Task) => x.status === 'open').map((x: Task) => x.stepNo);
        expect(open).toEqual([5]);
      }
    }
    expect(kase.status).toBe('completed');
    // Measured twice (before and after the return); the second run is the approved one.
    expect(runsSeen).toHaveLength(2);
    const cycle = (await kadis.request('GET', s.gov(`/measurement-cycles/${cycleId}`))).json();
    expect(cycle).toMatchObject({ status: 'closed', approvedRunId: runsSeen[1], runId: runsSeen[1] });
    const runs = (await kadis.request('GET', s.gov(`/measurement-runs?agencyId=${agencyId}&year=2025`))).json().items;
    expect(
      runs.map((r: { runNo: number; trigger: string; caseId: string; current: boolean }) => [
        r.runNo,
        r.trigger,
        r.caseId,
        r.current,
      ]),
    ).toEqual([
      [2, 'case_step', kase.id, true],
      [1, 'case_step', kase.id, false],
    ]);
    // The documents of the run are the steps' outputs: the Kertas Kerja when measuring, the
    // Rekapitulasi at the recap, the draft Laporan at the report and the approved one at the review.
    type Done = Task & { attachments: { name: string; mediaType: string }[] };
    const outputs = (no: number) =>
      (kase.tasks as Done[])
        .filter((x) => x.stepNo === no && x.status === 'done')
        .flatMap((x) => x.attachments.map((f) => [f.name.split(' (')[0], f.mediaType]));
    expect(outputs(5)).toEqual([
      ['Kertas Kerja Pengukuran Kinerja Dinas Perdagangan dan Transmigrasi 2025', 'application/pdf'],
      ['Kertas Kerja Pengukuran Kinerja Dinas Perdagangan dan Transmigrasi 2025', 'application/pdf'],
    ]);
    expect(outputs(6)[0]).toEqual([
      'Rekapitulasi Hasil Pengukuran Kinerja Dinas Perdagangan dan Transmigrasi 2025',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    expect(outputs(7)[0]![1]).toBe('application/pdf');
    expect(outputs(8).at(-1)).toEqual([
      'Laporan Hasil Pengukuran Kinerja Dinas Perdagangan dan Transmigrasi 2025',
      'application/pdf',
    ]);
    // The approval is on record.
    const audit = await s.t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'measurement_cycle.approve' AND entity_id = $1",
      [cycleId],
    );
    expect(audit[0]!.n).toBe(1);
  });
});
