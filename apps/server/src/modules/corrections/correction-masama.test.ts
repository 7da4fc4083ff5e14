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

// Kecamatan Masama's "Prosedur Perbaikan Data Kinerja", run through the API by the Kecamatan's
// demo officials: the Camat finds the error and orders a re-check (1–3), the Pelaksana corrects
// (4), the Kepala Seksi corrects the correction (5) and hands it on (6), the Kasubag Evlap recaps
// (7), the Sekretaris — a Kepala Seksi acting as Plt — gives the paraf (8), the Camat signs (9).
// The procedure has no return; the Kepala Seksi's koreksi is a revision of the Pelaksana's item.

let s: DemoSession;
let c: Correction;
let log: RunLog;
let periodId: string;
let before: Awaited<ReturnType<typeof valuesOfPeriods>>;
const revisedAt: number[] = [];

beforeAll(async () => {
  s = await demoSession('banggai.admin', { plans: true });
  const sopId = await s.putInEffect('banggai/masama/perbaikan-data-kinerja', 'masama.camat');
  const [period] = await s.t.db.query<{ id: string }>(
    `SELECT p.id FROM collection_periods p JOIN agencies a ON a.id = p.agency_id
      WHERE a.code = 'masama' AND p.year = 2025 AND p.period = 'q2' AND p.status = 'locked'`,
  );
  periodId = period!.id;
  const unitId = await s.unitId('Seksi Pemerintahan');
  before = await valuesOfPeriods(s.t.db, [periodId]);
  const started = await (await s.as('masama.camat')).request('POST', s.gov('/corrections'), {
    sopId,
    periodIds: [periodId],
    unitIds: [unitId],
    subject: 'Perbaikan data kinerja Seksi Pemerintahan triwulan II 2025',
  });
  if (started.statusCode !== 201) throw new Error(started.body);
  const run = await runCorrection({
    db: s.t.db,
    as: s.as,
    gov: s.gov,
    correctionId: started.json().id,
    proposals: 2,
    onTask: async (task, now) => {
      if (task.stepNo !== 5) return;
      // The Kepala Seksi's koreksi: the Pelaksana's first figure is not right either.
      const item = now.items[0]!;
      const res = await (await s.as('masama.kasi-pemerintahan')).request(
        'PATCH',
        s.gov(`/corrections/${now.id}/items/${item.id}`),
        {
          actual: shifted(item.proposedActual, 1),
          reason: `${item.reason}; dikoreksi Kepala Seksi sesuai rekap kegiatan`,
          baseRevision: item.revision,
        },
      );
      if (res.statusCode !== 200) throw new Error(res.body);
      revisedAt.push(task.stepNo);
    },
  });
  c = run.correction;
  log = run.log;
}, 300_000);
afterAll(async () => {
  await s.t.close();
});

describe('the Masama correction, end to end', () => {
  it('goes through the nine steps with the lanes’ holders, the Kepala Seksi revising at step 5', () => {
    expect(log.steps.map((x) => x.stepNo)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(log.steps.find((x) => x.stepNo === 4)!.by).toBe('masama.pelaksana-pemerintahan');
    expect(log.steps.find((x) => x.stepNo === 5)!.by).toBe('masama.kasi-pemerintahan');
    expect(revisedAt).toEqual([5]);
    const revised = c.items[0]!;
    expect(revised.revision).toBe(2);
    expect(revised.events.map((e) => [e.action, e.stepNo])).toEqual([
      ['propose', 4],
      ['revise', 5],
      ['apply', null],
    ]);
    expect(c.status).toBe('closed');
  });

  it('records the Sekretaris’s paraf at step 8 as Plt, and the Camat alone signs', () => {
    expect(c.parafs).toEqual([
      expect.objectContaining({ stepNo: 8, positionTitle: expect.stringMatching(/^Sekretaris/), acting: 'plt' }),
    ]);
    expect(c.document!.signers.map((x) => x.positionTitle)).toEqual(['Camat Masama']);
    expect(log.signedBy).toEqual(['masama.camat']);
  });

  it('changes exactly the accepted values and keeps every earlier version', async () => {
    const admin = await s.as('banggai.admin');
    await expectExactlyApplied(admin, s.gov, c, before, await valuesOfPeriods(s.t.db, [periodId]));
    // The Kepala Seksi's figure is the one applied, not the Pelaksana's.
    const first = c.items[0]!;
    const firstEvent = first.events[0]!.data as { actual?: string };
    expect(Number(first.proposedActual)).not.toBe(Number(firstEvent.actual));
  });

  it('yields a signed Dokumen Perbaikan that pdfsig verifies, a changed byte fails, and the public page agrees; the archive and the dossier hold it', async () => {
    const admin = await s.as('banggai.admin');
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
