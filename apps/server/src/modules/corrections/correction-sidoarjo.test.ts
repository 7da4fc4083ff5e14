import type { Correction } from '@sidakin/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectArchivedWithDossier,
  expectExactlyApplied,
  expectVerifiableDocument,
  valuesOfPeriods,
} from '../../test/correction-checks.js';
import { type RunLog, runCorrection, shifted } from '../../test/correction-run.js';
import { type DemoSession, demoSession } from '../../test/demo-session.js';

// Disperindag Sidoarjo's "Mekanisme Kesalahan Data Kinerja", run through the API by the Dinas's
// demo officials: the Kepala Dinas orders the review (1), the Kepala Sub Bagian Perencanaan dan
// Keuangan plans it (2), gathers the corrected data with the Sekretaris (3) and reports it (4);
// their internal rapat fixes the final data (5) — here it amends one figure and withdraws one
// item; the staf pengolah data puts the document on the agenda with the paraf and every
// stakeholder signs, the Kepala Dinas last (6); the staf files it (7).

let s: DemoSession;
let c: Correction;
let log: RunLog;
let periodId: string;
let before: Awaited<ReturnType<typeof valuesOfPeriods>>;
let amended: { itemId: string; actual: string } | undefined;
let withdrawn: string | undefined;

beforeAll(async () => {
  s = await demoSession('sidoarjo.admin', { plans: true });
  const sopId = await s.putInEffect('sidoarjo/disperindag/kesalahan-data-kinerja', 'disperindag.kadis');
  const [period] = await s.t.db.query<{ id: string }>(
    `SELECT p.id FROM collection_periods p JOIN agencies a ON a.id = p.agency_id
      WHERE a.code = 'disperindag' AND p.year = 2025 AND p.period = 'q4' AND p.status = 'locked'`,
  );
  periodId = period!.id;
  before = await valuesOfPeriods(s.t.db, [periodId]);
  const started = await (await s.as('disperindag.kadis')).request('POST', s.gov('/corrections'), {
    sopId,
    periodIds: [periodId],
    subject: 'Reviu data kinerja triwulan IV 2025',
  });
  if (started.statusCode !== 201) throw new Error(started.body);
  const run = await runCorrection({
    db: s.t.db,
    as: s.as,
    gov: s.gov,
    correctionId: started.json().id,
    proposals: 3,
    onTask: async (task, now) => {
      if (task.stepNo === 5) {
        // In the rapat: one figure is set to what the meeting agreed, one item is dropped.
        const sekdis = await s.as('disperindag.sekdis');
        const [first, , third] = now.items;
        const actual = shifted(first!.proposedActual, 1);
        const res = await sekdis.request('PATCH', s.gov(`/corrections/${now.id}/items/${first!.id}`), {
          actual,
          reason: `${first!.reason}; ditetapkan dalam rapat intern`,
          baseRevision: first!.revision,
        });
        if (res.statusCode !== 200) throw new Error(res.body);
        amended = { itemId: first!.id, actual };
        const out = await sekdis.request('POST', s.gov(`/corrections/${now.id}/items/${third!.id}/withdraw`), {
          reason: 'Rapat menilai data semula sudah benar',
        });
        if (out.statusCode !== 200) throw new Error(out.body);
        withdrawn = third!.id;
      }
      if (task.stepNo === 6) {
        // The staf pengolah data puts the final data on the agenda for signature.
        const res = await (await s.as('disperindag.staf-pelaporan')).request(
          'POST',
          s.gov(`/corrections/${now.id}/document`),
          {},
        );
        if (res.statusCode !== 201) throw new Error(res.body);
      }
    },
  });
  c = run.correction;
  log = run.log;
}, 300_000);
afterAll(async () => {
  await s.t.close();
});

describe('the Sidoarjo correction, end to end', () => {
  it('runs its seven steps; the rapat at step 5 fixes the final data', () => {
    expect(log.steps.map((x) => x.stepNo)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(c.meetings).toHaveLength(1);
    expect(c.meetings[0]!.stepNo).toBe(5);
    expect(c.meetings[0]!.minutesFileId).toBeTruthy();
    const item = c.items.find((i) => i.id === amended!.itemId)!;
    expect(Number(item.proposedActual)).toBe(Number(amended!.actual));
    expect(item.events.map((e) => [e.action, e.stepNo])).toEqual([
      ['propose', 3],
      ['revise', 5],
      ['approve', 5],
      ['apply', null],
    ]);
    expect(c.items.find((i) => i.id === withdrawn)!.status).toBe('withdrawn');
    expect(c.status).toBe('closed');
  });

  it('refuses a return at the rapat, which has no route back', async () => {
    // The rapat step is over; its task no longer takes decisions from anyone.
    const res = await (await s.as('disperindag.sekdis')).request('POST', s.gov(`/corrections/${c.id}/decisions`), {
      decisions: [{ itemId: c.items[0]!.id, decision: 'return', reason: 'x' }],
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });

  it('has every stakeholder sign in turn, the Kepala Dinas last, after the staf’s paraf', () => {
    expect(c.parafs.map((p) => [p.stepNo, p.positionTitle])).toEqual([[6, 'Pengolah Data Pelaporan']]);
    expect(c.document!.signers.map((x) => x.positionTitle)).toEqual([
      'Kepala Sub Bagian Perencanaan dan Keuangan',
      'Sekretaris Dinas Perindustrian dan Perdagangan',
      'Kepala Dinas Perindustrian dan Perdagangan',
    ]);
    expect(log.signedBy).toEqual(['disperindag.kasubbag-pk', 'disperindag.sekdis', 'disperindag.kadis']);
    expect(c.document!.number).toBeTruthy();
  });

  it('changes exactly the accepted values (not the withdrawn one) and keeps every earlier version', async () => {
    const admin = await s.as('sidoarjo.admin');
    await expectExactlyApplied(admin, s.gov, c, before, await valuesOfPeriods(s.t.db, [periodId]));
  });

  it('yields a Dokumen Perbaikan with three signatures that pdfsig verifies, a changed byte fails, and the public page agrees; the archive and the dossier hold it', async () => {
    const admin = await s.as('sidoarjo.admin');
    const signed = await expectVerifiableDocument(
      s.t,
      admin,
      s.gov,
      c,
      c.document!.signers.map((x) => x.name),
    );
    // Filed in the archive, and the case's dossier holds it with the rest of the record.
    await expectArchivedWithDossier(admin, s.gov, c, signed);
  });
});
