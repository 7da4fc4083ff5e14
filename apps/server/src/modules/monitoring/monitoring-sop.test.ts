import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSession, demoSession } from '../../test/demo-session.js';

// Kecamatan Masama's "Mekanisme Monitoring Renstra Secara Periodik" runs end to end through the
// API with its demo officials: the format goes out as a workbook, the data is collected and
// analysed against the Renstra's targets, the concept report is made, the Sekretaris corrects it,
// and the Camat sends out the final report with the correction.

let s: DemoSession;
let planId: string;
let sopId: string;

const pdfText = (bytes: Buffer) =>
  execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', '-', '-'], { input: bytes }).toString('utf8');

type Task = {
  id: string;
  stepNo: number;
  action: string;
  status: string;
  allowedOutcomes: string[];
  assignees: { positionId: string }[];
  attachments: { fileId: string; name: string; mediaType: string; output: string }[];
};

beforeAll(async () => {
  s = await demoSession('banggai.admin', { plans: true });
  planId = (
    await s.t.db.query<{ id: string }>(
      "SELECT p.id FROM plans p JOIN agencies a ON a.id = p.agency_id WHERE a.code = 'masama' LIMIT 1",
    )
  )[0]!.id;
  sopId = await s.putInEffect('banggai/masama/monitoring-renstra', 'masama.camat');
}, 300_000);
afterAll(async () => {
  await s.t.close();
});

describe('Kecamatan Masama: Monitoring Renstra', () => {
  it('refuses a generic start and a year outside the Renstra', async () => {
    const camat = await s.as('masama.camat');
    const unitIds = [await s.unitId('Seksi Pelayanan Umum')];
    const generic = await camat.request('POST', s.gov('/cases'), { sopId, unitIds, period: '2025', subject: 'x' });
    expect(generic.statusCode).toBe(400);
    expect(generic.json().error.details[0].path).toBe('body.sopId');
    const outside = await camat.request('POST', s.gov('/monitoring-cycles'), { sopId, planId, year: 2040 });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details[0].path).toBe('body.year');
  });

  it('runs from the instruction to the final report, analysing the Renstra against its targets', async () => {
    const camat = await s.as('masama.camat');
    const started = await camat.request('POST', s.gov('/monitoring-cycles'), { sopId, planId, year: 2025 });
    expect(started.statusCode, started.body).toBe(201);
    let kase = started.json();
    const cycleId: string = kase.link.id;
    const correction = 'Lengkapi uraian faktor penghambat pada indikator yang tertinggal.';
    for (let guard = 0; kase.status === 'open' && guard < 60; guard++) {
      const task: Task = kase.tasks.find((x: Task) => x.status === 'open');
      const [who] = await s.holdersOf(task.assignees.map((a) => a.positionId));
      expect(who, `step ${task.stepNo} has a holder`).toBeDefined();
      const body = { outcome: 'done', comment: task.action === 'task' ? correction : '' };
      const res = await (await s.as(who!)).request('POST', s.gov(`/cases/${kase.id}/tasks/${task.id}/complete`), body);
      expect(res.statusCode, `step ${task.stepNo}: ${res.body}`).toBe(200);
      kase = res.json();
    }
    expect(kase.status).toBe('completed');
    const done = (no: number) => kase.tasks.find((t: Task) => t.stepNo === no && t.status === 'done') as Task;
    // The format (step 2) as a workbook, the concept (step 8) and the final report (step 10) as PDFs.
    expect(done(2).attachments.map((a) => a.mediaType)).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    expect(done(8).attachments[0]!.name).toMatch(/^Konsep Laporan Monitoring Renstra/);
    expect(done(10).attachments[0]!.name).toMatch(/^Laporan Hasil Monitoring Renstra/);

    const cycle = (await camat.request('GET', s.gov(`/monitoring-cycles/${cycleId}`))).json();
    expect(cycle).toMatchObject({ status: 'closed', year: 2025, correction });
    const indicators = await s.t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM plan_indicators WHERE plan_id = $1 AND active',
      [planId],
    );
    expect(cycle.analysis).toHaveLength(indicators[0]!.n);
    // 2025 is measured in the demo: indicators of the Kecamatan's agreement have their year's actual,
    // an achievement against the Renstra's target for 2025, and a judgement against the time passed.
    const measured = cycle.analysis.filter((l: { yearActual: string | null }) => l.yearActual !== null);
    expect(measured.length).toBeGreaterThan(0);
    for (const l of measured) {
      expect(l.expected).toMatch(/^\d+(\.\d+)?$/);
      if (l.achievement !== null) expect(l.category).not.toBeNull();
      expect(['on_track', 'behind', 'unmeasured']).toContain(l.status);
    }

    const pdf = await camat.request('GET', s.gov(`/monitoring-cycles/${cycleId}/report?format=pdf`));
    expect(pdf.statusCode).toBe(200);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('LAPORAN HASIL MONITORING RENSTRA');
    expect(text).toContain('Koreksi Sekretaris');
    expect(text.replace(/\s+/g, ' ')).toContain(correction);
    expect(text).toContain(measured[0].name.slice(0, 30));
    const xlsx = await camat.request('GET', s.gov(`/monitoring-cycles/${cycleId}/report?format=xlsx`));
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
