import type { Correction } from '@sidakin/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectArchivedWithDossier,
  expectExactlyApplied,
  expectVerifiableDocument,
  valuesOfPeriods,
} from '../../test/correction-checks.js';
import { type RunLog, runCorrection } from '../../test/correction-run.js';
import { type DemoSession, demoSession } from '../../test/demo-session.js';

// The Biro Organisasi of Kalimantan Barat's "Perbaikan Data Kinerja", run through the API by the
// Biro's demo officials, through its three-level review where each level sends back one level:
// the Kasubbag TU returns to the Pelaksana (5 → 4), the Kabag to the Kasubbag TU (6 → 5), the
// Karo to the Kabag (7 → 6) — after he had the document prepared, which the return cancels, its
// number void in the buku agenda. Then the Karo approves and signs (7), the Kabag and Kasubbag TU
// hand it on (8, 9) and the Arsiparis files it (10).

let s: DemoSession;
let c: Correction;
let log: RunLog;
let periodId: string;
let before: Awaited<ReturnType<typeof valuesOfPeriods>>;
let cancelled: { id: string; number: string } | undefined;

beforeAll(async () => {
  s = await demoSession('kalbar.admin', { plans: true });
  const sopId = await s.putInEffect('kalbar/biro-organisasi/perbaikan-data-kinerja', 'biro-org.karo');
  const [period] = await s.t.db.query<{ id: string }>(
    `SELECT p.id FROM collection_periods p JOIN agencies a ON a.id = p.agency_id
      WHERE a.code = 'biro-organisasi' AND p.year = 2025 AND p.period = 'q3' AND p.status = 'locked'`,
  );
  periodId = period!.id;
  before = await valuesOfPeriods(s.t.db, [periodId]);
  const started = await (await s.as('biro-org.karo')).request('POST', s.gov('/corrections'), {
    sopId,
    periodIds: [periodId],
    subject: 'Perbaikan data kinerja Biro Organisasi triwulan III 2025',
  });
  if (started.statusCode !== 201) throw new Error(started.body);
  let karoTurns = 0;
  const run = await runCorrection({
    db: s.t.db,
    as: s.as,
    gov: s.gov,
    correctionId: started.json().id,
    proposals: 2,
    returnAt: [5, 6, 7],
    onTask: async (task, now) => {
      if (task.stepNo !== 7 || karoTurns++ > 0) return;
      // The first time round the Karo approves and has the document prepared, then finds a fault.
      const karo = await s.as('biro-org.karo');
      const ok = await karo.request('POST', s.gov(`/corrections/${now.id}/decisions`), {
        decisions: now.items.map((i) => ({ itemId: i.id, decision: 'approve' })),
      });
      if (ok.statusCode !== 200) throw new Error(ok.body);
      const prepared = await karo.request('POST', s.gov(`/corrections/${now.id}/document`), {});
      if (prepared.statusCode !== 201) throw new Error(prepared.body);
      const d = (prepared.json() as Correction).document!;
      cancelled = { id: d.id, number: d.number };
    },
  });
  c = run.correction;
  log = run.log;
}, 300_000);
afterAll(async () => {
  await s.t.close();
});

describe('the Kalimantan Barat correction, end to end', () => {
  it('goes back one level at each of the three reviews, each return with its reason, and on to the archive', () => {
    expect(log.steps.map((x) => `${x.stepNo}${x.outcome === 'tidak' ? '↩' : ''}`)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5↩',
      '4',
      '5',
      '6↩',
      '5',
      '6',
      '7↩',
      '6',
      '7',
      '8',
      '9',
      '10',
    ]);
    expect(log.steps.at(-1)!.by).toBe('biro-org.arsiparis');
    const returned = c.items.find((i) => i.id === log.returns[0]!.itemId)!;
    const returns = returned.events.filter((e) => e.action === 'return');
    expect(returns.map((e) => e.stepNo)).toEqual([5, 6, 7]);
    expect(returns.every((e) => e.reason.startsWith(`Langkah ${e.stepNo}:`))).toBe(true);
    expect(c.status).toBe('closed');
  });

  it('gives the paraf of the Kasubbag TU and the Kabag on each approval', () => {
    expect(c.parafs.map((p) => p.stepNo)).toEqual([5, 5, 6, 6]);
  });

  it('cancels the document prepared before the Karo’s return; its number stays void in the buku agenda', async () => {
    expect(cancelled).toBeDefined();
    expect(c.document!.id).not.toBe(cancelled!.id);
    expect(c.document!.number).not.toBe(cancelled!.number);
    const admin = await s.as('kalbar.admin');
    const d = (await admin.request('GET', s.gov(`/signed-documents/${cancelled!.id}`))).json();
    expect(d.status).toBe('cancelled');
    const book = (await admin.request('GET', s.gov('/agenda?status=void'))).json();
    expect(book.items.map((e: { number: string }) => e.number)).toContain(cancelled!.number);
  });

  it('has the Karo sign at step 7; the signature applies exactly the accepted values, keeping every earlier version', async () => {
    expect(c.document!.signers.map((x) => x.positionTitle)).toEqual(['Kepala Biro Organisasi']);
    expect(log.signedBy).toEqual(['biro-org.karo']);
    const admin = await s.as('kalbar.admin');
    await expectExactlyApplied(admin, s.gov, c, before, await valuesOfPeriods(s.t.db, [periodId]));
  });

  it('yields a signed Dokumen Perbaikan that pdfsig verifies, a changed byte fails, and the public page agrees; the archive and the dossier hold it', async () => {
    const admin = await s.as('kalbar.admin');
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
