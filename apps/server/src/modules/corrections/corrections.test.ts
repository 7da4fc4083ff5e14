import type { Correction as FullCorrection } from '@sidakin/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectArchivedWithDossier, expectVerifiableDocument } from '../../test/correction-checks.js';
import { type DemoSession, demoSession } from '../../test/demo-session.js';

// The correction of Dinas Perdagangan Kab. Banggai's locked 2025 data through its "Mekanisme
// Perbaikan Data Kinerja": the scope, the items (a locked value → the proposed value, reason, root
// cause, evidence), the rapat at step 4, the Kabid's return of one item at step 6, the recap's
// concept, the Sekretaris's paraf at step 8 — and the refusals on the way.

let s: DemoSession;
let sopId: string;
let unitId: string;
let periodId: string;
let openPeriodId: string;

interface Task {
  id: string;
  stepNo: number;
  status: string;
}
interface Item {
  id: string;
  status: string;
  revision: number;
  baseVersion: number;
  baseActual: string | null;
  proposedActual: string;
  returnedToStep: number | null;
  returnReason: string | null;
  events: { action: string; stepNo: number | null; reason: string }[];
  evidence: { kind: string }[];
}
interface Correction {
  id: string;
  caseId: string;
  status: string;
  items: Item[];
  meetings: {
    id: string;
    taskId: string;
    updatedAt: string;
    participants: { employeeId: string }[];
    invitationFileId: string | null;
    minutesFileId: string | null;
  }[];
  parafs: { stepNo: number; positionTitle: string; name: string }[];
}

beforeAll(async () => {
  s = await demoSession('banggai.admin', { plans: true });
  sopId = await s.putInEffect('banggai/disdag/perbaikan-data-kinerja', 'disdag.kadis');
  unitId = await s.unitId('Bidang Perdagangan Dalam Negeri');
  const admin = await s.as('banggai.admin');
  const [agency] = await s.t.db.query<{ id: string }>("SELECT id FROM agencies WHERE code = 'disdag'");
  const periods = (await admin.request('GET', s.gov(`/collection-periods?agencyId=${agency!.id}`))).json().items;
  periodId = periods.find((p: { year: number; period: string }) => p.year === 2025 && p.period === 'q3').id;
  openPeriodId = periods.find((p: { year: number; period: string }) => p.year === 2026 && p.period === 'q3').id;
}, 300_000);
afterAll(async () => {
  await s.t.close();
});

const caseOf = async (c: Correction) =>
  (await (await s.as('banggai.admin')).request('GET', s.gov(`/cases/${c.caseId}`))).json();
const openTask = async (c: Correction): Promise<Task> => (await caseOf(c)).tasks.find((t: Task) => t.status === 'open');
async function complete(username: string, c: Correction, body: Record<string, unknown> = { outcome: 'done' }) {
  const task = await openTask(c);
  return (await s.as(username)).request('POST', s.gov(`/cases/${c.caseId}/tasks/${task.id}/complete`), body);
}
async function done(username: string, c: Correction, body?: Record<string, unknown>) {
  const res = await complete(username, c, body);
  if (res.statusCode !== 200) throw new Error(`${username}: ${res.statusCode} ${res.body}`);
}
const fetch = async (c: Correction): Promise<Correction> =>
  (await (await s.as('banggai.admin')).request('GET', s.gov(`/corrections/${c.id}`))).json();

/** The Bidang's locked values of the period, as the collection form has them. */
async function lockedValues() {
  const admin = await s.as('banggai.admin');
  const form = (await admin.request('GET', s.gov(`/collection-periods/${periodId}/forms/${unitId}`))).json();
  return form.rows.filter((r: { version: number }) => r.version > 0) as {
    valueId: string;
    indicatorId: string;
    version: number;
    actual: string;
  }[];
}

describe('starting a correction', () => {
  it('needs locked periods of the SOP’s agency, a scope inside it, and the SOP’s first lane', async () => {
    const kadis = await s.as('disdag.kadis');
    const open = await kadis.request('POST', s.gov('/corrections'), {
      sopId,
      periodIds: [openPeriodId],
      unitIds: [unitId],
    });
    expect(open.statusCode).toBe(400);
    expect(open.json().error.details[0].path).toBe('body.periodIds.0');
    expect(open.json().error.details[0].message).toContain('belum dikunci');
    const badUnit = await kadis.request('POST', s.gov('/corrections'), {
      sopId,
      periodIds: [periodId],
      unitIds: [unitId, '00000000-0000-4000-8000-000000000001'],
    });
    expect(badUnit.statusCode).toBe(400);
    expect(badUnit.json().error.details[0].path).toBe('body.unitIds.1');
    // The SOP's first step is the Kepala Dinas's: a JP cannot start it.
    const jp = await s.as('disdag.jp-perdagangan-1');
    const notMine = await jp.request('POST', s.gov('/corrections'), {
      sopId,
      periodIds: [periodId],
      unitIds: [unitId],
    });
    expect(notMine.statusCode).toBe(403);
    // A correction SOP never runs as a free-standing case.
    const generic = await kadis.request('POST', s.gov('/cases'), { sopId, unitIds: [unitId], subject: 'Tanpa data' });
    expect(generic.statusCode).toBe(400);
    const none = await s.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM corrections');
    expect(none[0]!.n).toBe(0);
  });
});

describe('the Banggai correction up to the signature', () => {
  let c: Correction;

  it('starts with its scope and runs to the rapat', async () => {
    const kadis = await s.as('disdag.kadis');
    const res = await kadis.request('POST', s.gov('/corrections'), {
      sopId,
      periodIds: [periodId],
      unitIds: [unitId],
      subject: 'Perbaikan realisasi Bidang Perdagangan Dalam Negeri triwulan III 2025',
    });
    expect(res.statusCode, res.body).toBe(201);
    c = res.json();
    expect(c.status).toBe('open');
    await done('disdag.kadis', c);
    await done('disdag.sekdis', c);
    await done('disdag.kasubbag-pe', c);
    expect((await openTask(c)).stepNo).toBe(4);
  });

  it('holds the rapat at step 4: invitation, attendance, minutes and decisions before the step completes', async () => {
    const kabid = await s.as('disdag.kabid-perdagangan');
    // Completing the meeting step without its rapat is refused.
    const early = await complete('disdag.kabid-perdagangan', c);
    expect(early.statusCode).toBe(409);
    const task = await openTask(c);
    const employees = await s.t.db.query<{ id: string; username: string }>(
      `SELECT e.id, u.username FROM employees e JOIN users u ON u.employee_id = e.id
        WHERE u.username IN ('disdag.kasi-distribusi', 'disdag.kasi-konsumen', 'disdag.jp-perdagangan-1')`,
    );
    const created = await kabid.request('POST', s.gov(`/corrections/${c.id}/meetings`), {
      taskId: task.id,
      startsAt: '2026-12-07T01:00:00.000Z',
      endsAt: '2026-12-07T03:00:00.000Z',
      place: 'Ruang Rapat Dinas Perdagangan',
      agenda: 'Perbaikan data kinerja Bidang Perdagangan Dalam Negeri triwulan III 2025',
      invitees: employees.map((e) => e.id),
    });
    expect(created.statusCode, created.body).toBe(201);
    c = created.json();
    const meeting = c.meetings[0]!;
    // The Kepala Bidang chairs; the three invited with them.
    expect(meeting.participants).toHaveLength(4);
    expect(meeting.invitationFileId).toBeTruthy();
    const again = await kabid.request('POST', s.gov(`/corrections/${c.id}/meetings`), {
      taskId: task.id,
      startsAt: '2026-12-07T01:00:00.000Z',
      place: 'x',
      agenda: 'y',
      invitees: [employees[0]!.id],
    });
    expect(again.statusCode).toBe(409);
    // Not yet recorded: refused.
    expect((await complete('disdag.kabid-perdagangan', c)).statusCode).toBe(409);
    const stale = await kabid.request('PATCH', s.gov(`/corrections/${c.id}/meetings/${meeting.id}`), {
      minutes: 'x',
      expectedUpdatedAt: '2020-01-01T00:00:00.000Z',
    });
    expect(stale.statusCode).toBe(409);
    const recorded = await kabid.request('PATCH', s.gov(`/corrections/${c.id}/meetings/${meeting.id}`), {
      attendance: meeting.participants.map((p, i) => ({ employeeId: p.employeeId, present: i < 3 })),
      minutes:
        'Realisasi IKU stabilitas harga triwulan III salah ketik; bukti dukung laporan pemantauan harga diperiksa.',
      decisions: 'JP memperbaiki realisasi sesuai laporan pemantauan harga yang valid.',
      expectedUpdatedAt: meeting.updatedAt,
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    await done('disdag.kabid-perdagangan', c);
    c = await fetch(c);
    expect(c.meetings[0]!.minutesFileId).toBeTruthy();
    const detail = await caseOf(c);
    const step4 = detail.tasks.find((t: { stepNo: number }) => t.stepNo === 4);
    expect(step4.attachments.map((a: { name: string }) => a.name).sort()).toEqual([
      `Notulen Rapat Dinas Perdagangan kasus ${detail.number}.pdf`,
      `Undangan Rapat Dinas Perdagangan kasus ${detail.number}.pdf`,
    ]);
    expect((await openTask(c)).stepNo).toBe(5);
  });

  it('lets the JP propose corrections of locked values within the scope, refusing bad input', async () => {
    const jp = await s.as('disdag.jp-perdagangan-1');
    const values = await lockedValues();
    expect(values.length).toBeGreaterThanOrEqual(2);
    const [first, second] = values;
    const propose = (body: Record<string, unknown>) => jp.request('POST', s.gov(`/corrections/${c.id}/items`), body);
    const base = {
      reason: 'Salah ketik saat entri; laporan pemantauan harga mencatat nilai lain',
      rootCause: 'Entri manual tanpa pemeriksaan silang dengan laporan sumber',
      removesCause: true,
      causeAction: 'Entri diperiksa silang oleh Kepala Seksi sebelum diajukan',
    };
    // Someone not holding step 5 cannot propose.
    const other = await (await s.as('disdag.kabid-perdagangan')).request('POST', s.gov(`/corrections/${c.id}/items`), {
      valueId: first!.valueId,
      actual: '1',
      ...base,
    });
    expect(other.statusCode).toBe(403);
    const badNumber = await propose({ valueId: first!.valueId, actual: 'dua belas', ...base });
    expect(badNumber.statusCode).toBe(400);
    expect(badNumber.json().error.details[0].path).toBe('body.actual');
    const same = await propose({ valueId: first!.valueId, actual: first!.actual, ...base });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.details[0].message).toContain('sama');
    const noAction = await propose({ valueId: first!.valueId, actual: '5', ...base, causeAction: '' });
    expect(noAction.statusCode).toBe(400);
    expect(noAction.json().error.details[0].path).toBe('body.causeAction');
    // A value of another Bidang is outside the scope.
    const [elsewhere] = await s.t.db.query<{ id: string }>(
      'SELECT id FROM collection_values WHERE period_id = $1 AND unit_id IS NOT NULL AND unit_id <> $2 LIMIT 1',
      [periodId, unitId],
    );
    const out = await propose({ valueId: elsewhere!.id, actual: '5', ...base });
    expect(out.statusCode).toBe(400);
    expect(out.json().error.details[0].message).toContain('cakupan');
    expect((await fetch(c)).items).toEqual([]);

    const one = await propose({
      valueId: first!.valueId,
      actual: String(Number(first!.actual) + 1),
      ...base,
      evidence: [{ kind: 'text', text: 'Laporan Pemantauan Harga Bahan Pokok Agustus 2025, halaman 3' }],
    });
    expect(one.statusCode, one.body).toBe(201);
    const two = await propose({
      valueId: second!.valueId,
      actual: String(Number(second!.actual) + 2),
      reason: 'Realisasi triwulan belum memasukkan kegiatan September',
      rootCause: 'Laporan kegiatan September terlambat masuk',
      removesCause: false,
    });
    expect(two.statusCode, two.body).toBe(201);
    c = two.json();
    expect(c.items.map((i) => [i.status, i.baseVersion, i.revision])).toEqual([
      ['proposed', first!.version, 1],
      ['proposed', second!.version, 1],
    ]);
    // One item per value: the same value again is a revision, not a second item.
    const dup = await propose({ valueId: first!.valueId, actual: '3', ...base });
    expect(dup.statusCode).toBe(409);
    await done('disdag.jp-perdagangan-1', c);
    expect((await openTask(c)).stepNo).toBe(6);
  });

  it('at step 6 the Kabid returns one item to the JP with a reason; the JP revises it', async () => {
    const kabid = await s.as('disdag.kabid-perdagangan');
    c = await fetch(c);
    const [a, b] = c.items;
    // "ya" with undecided items is refused; so is "tidak" with nothing returned.
    expect((await complete('disdag.kabid-perdagangan', c, { outcome: 'ya' })).statusCode).toBe(409);
    const noReason = await kabid.request('POST', s.gov(`/corrections/${c.id}/decisions`), {
      decisions: [{ itemId: b!.id, decision: 'return' }],
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].path).toBe('body.decisions.0.reason');
    const decided = await kabid.request('POST', s.gov(`/corrections/${c.id}/decisions`), {
      decisions: [
        { itemId: a!.id, decision: 'approve' },
        { itemId: b!.id, decision: 'return', reason: 'Lampirkan laporan kegiatan September sebagai bukti' },
      ],
    });
    expect(decided.statusCode, decided.body).toBe(200);
    await done('disdag.kabid-perdagangan', c, { outcome: 'tidak', reason: 'Satu usulan belum berbukti' });
    expect((await openTask(c)).stepNo).toBe(5);
    c = await fetch(c);
    expect(c.items[1]).toMatchObject({
      status: 'returned',
      returnedToStep: 5,
      returnReason: 'Lampirkan laporan kegiatan September sebagai bukti',
    });
    // The JP cannot complete step 5 while the returned item is not reworked.
    expect((await complete('disdag.jp-perdagangan-1', c)).statusCode).toBe(409);
    const jp = await s.as('disdag.jp-perdagangan-1');
    const stale = await jp.request('PATCH', s.gov(`/corrections/${c.id}/items/${b!.id}`), { baseRevision: 7 });
    expect(stale.statusCode).toBe(409);
    const evidence = await jp.request('POST', s.gov(`/corrections/${c.id}/items/${b!.id}/evidence`), {
      evidence: {
        kind: 'link',
        url: 'https://data.example.go.id/laporan/kegiatan-2025-09',
        description: 'Laporan kegiatan September',
      },
    });
    expect(evidence.statusCode, evidence.body).toBe(200);
    const revised = await jp.request('PATCH', s.gov(`/corrections/${c.id}/items/${b!.id}`), {
      reason: 'Realisasi triwulan belum memasukkan kegiatan September; laporan kegiatan terlampir',
      baseRevision: 1,
    });
    expect(revised.statusCode, revised.body).toBe(200);
    expect(revised.json().items[1]).toMatchObject({ status: 'proposed', revision: 2, returnedToStep: null });
    await done('disdag.jp-perdagangan-1', c);
    await (await s.as('disdag.kabid-perdagangan')).request('POST', s.gov(`/corrections/${c.id}/decisions`), {
      decisions: c.items.map((i) => ({ itemId: i.id, decision: 'approve' })),
    });
    await done('disdag.kabid-perdagangan', c, { outcome: 'ya' });
    c = await fetch(c);
    expect(c.items.map((i) => i.status)).toEqual(['approved', 'approved']);
    expect(c.items[1]!.events.map((e) => e.action)).toEqual(['propose', 'return', 'evidence', 'revise', 'approve']);
  });

  it('the recap keeps the concept; the Sekretaris approves with paraf at step 8', async () => {
    await done('disdag.kasubbag-pe', c);
    const detail = await caseOf(c);
    const recap = detail.tasks.find((t: { stepNo: number }) => t.stepNo === 7);
    expect(recap.attachments[0].name).toBe(
      `Konsep Dokumen Perbaikan Data Kinerja Dinas Perdagangan kasus ${detail.number}.pdf`,
    );
    const sekdis = await s.as('disdag.sekdis');
    await sekdis.request('POST', s.gov(`/corrections/${c.id}/decisions`), {
      decisions: c.items.map((i) => ({ itemId: i.id, decision: 'approve' })),
    });
    await done('disdag.sekdis', c, { outcome: 'ya' });
    c = await fetch(c);
    expect(c.parafs).toEqual([expect.objectContaining({ stepNo: 8, positionTitle: 'Sekretaris Dinas Perdagangan' })]);
    expect((await openTask(c)).stepNo).toBe(9);
    // The values are untouched until the signature.
    const values = await lockedValues();
    for (const item of c.items) {
      expect(values.some((v) => v.version === item.baseVersion && v.actual === item.baseActual)).toBe(true);
    }
    // Signing without a document is refused.
    expect((await complete('disdag.kadis', c)).statusCode).toBe(409);
  });

  it('at step 9 the Kepala Dinas signs the numbered document; the signature applies the corrections', async () => {
    const kadis = await s.as('disdag.kadis');
    // Only the holder of the signing step prepares the document.
    const other = await (await s.as('disdag.sekdis')).request('POST', s.gov(`/corrections/${c.id}/document`), {});
    expect(other.statusCode).toBe(403);
    const prepared = await kadis.request('POST', s.gov(`/corrections/${c.id}/document`), {});
    expect(prepared.statusCode, prepared.body).toBe(201);
    c = prepared.json();
    const doc = (c as unknown as { document: { number: string; status: string; signers: { positionTitle: string }[] } })
      .document;
    expect(doc.number).toMatch(/^050\/\d+\/Disdag\/[IVX]+\/\d{4}$/);
    expect(doc.signers.map((x) => x.positionTitle)).toEqual(['Kepala Dinas Perdagangan']);
    expect((await kadis.request('POST', s.gov(`/corrections/${c.id}/document`), {})).statusCode).toBe(409);

    // Without a signing certificate there is no signature; then the Kepala Dinas enrols.
    const noKey = await kadis.request('POST', s.gov(`/corrections/${c.id}/sign`), { passphrase: 'kunci-tanda-tangan' });
    expect(noKey.statusCode).toBeGreaterThanOrEqual(400);
    expect(noKey.statusCode).toBeLessThan(500);
    const enrol = await kadis.request('POST', s.gov('/signing-certificates/mine'), {
      passphrase: 'kunci-tanda-tangan',
    });
    expect(enrol.statusCode, enrol.body).toBe(201);
    // A wrong passphrase: refused, nothing applied.
    const wrong = await kadis.request('POST', s.gov(`/corrections/${c.id}/sign`), { passphrase: 'bukan-kuncinya' });
    expect(wrong.statusCode).toBeGreaterThanOrEqual(400);
    expect(wrong.statusCode).toBeLessThan(500);
    expect((await fetch(c)).status).toBe('open');
    const before = await lockedValues();

    const signed = await kadis.request('POST', s.gov(`/corrections/${c.id}/sign`), {
      passphrase: 'kunci-tanda-tangan',
    });
    expect(signed.statusCode, signed.body).toBe(200);
    c = signed.json();
    expect(c.status).toBe('applied');
    expect(c.items.map((i) => i.status)).toEqual(['applied', 'applied']);
    // Each value has a new version, the correction's; the locked version stays readable.
    const after = await lockedValues();
    const admin = await s.as('banggai.admin');
    for (const item of c.items) {
      const now = after.find((v) => v.valueId === (item as unknown as { valueId: string }).valueId)!;
      expect(now.version).toBe(item.baseVersion + 1);
      expect(Number(now.actual)).toBe(Number(item.proposedActual));
      const detail = (await admin.request('GET', s.gov(`/collection-values/${now.valueId}`))).json();
      const versions = detail.versions.map(
        (v: { version: number; actual: string; source: string; caseId: string | null }) => [
          v.version,
          v.source,
          v.caseId,
        ],
      );
      expect(versions).toContainEqual([item.baseVersion + 1, 'correction', c.caseId]);
      expect(detail.versions.find((v: { version: number }) => v.version === item.baseVersion).actual).toBe(
        before.find((v) => v.valueId === now.valueId)!.actual,
      );
    }
    // Values outside the correction are untouched.
    for (const v of before) {
      if (c.items.some((i) => (i as unknown as { valueId: string }).valueId === v.valueId)) continue;
      expect(after.find((x) => x.valueId === v.valueId)).toEqual(v);
    }
    // The step completes now, and closes the case and the correction.
    await done('disdag.kadis', c);
    expect((await fetch(c)).status).toBe('closed');
    expect((await caseOf(c)).status).toBe('completed');
  });

  it('yields a signed Dokumen Perbaikan that pdfsig verifies, a changed byte fails, the public page agrees; the archive and the dossier hold it', async () => {
    const admin = await s.as('banggai.admin');
    const closed = (await admin.request('GET', s.gov(`/corrections/${c.id}`))).json() as FullCorrection;
    const signed = await expectVerifiableDocument(
      s.t,
      admin,
      s.gov,
      closed,
      closed.document!.signers.map((x) => x.name),
    );
    await expectArchivedWithDossier(admin, s.gov, closed, signed);
  });
});
