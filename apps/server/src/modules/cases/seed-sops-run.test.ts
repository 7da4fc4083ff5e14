import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCorrection } from '../../test/correction-run.js';
import { type Client, createTestApp, signIn, type TestContext } from '../../test/fixture.js';
import { DEMO_PASSWORD, loadDemo } from '../demo/demo.service.js';

// Every seed SOP, approved by its agency's head, put into effect and run to completion through the
// API by the demo officials who hold each lane: the bindings resolve and no run gets stuck. A
// collection SOP starts from its collection period (with the demo plans, whose agreements say which
// units answer for indicators), and its entry steps need the units' values; a measurement SOP
// starts as the measurement cycle of its agency's year, a monitoring SOP as its Renstra's, and a
// correction SOP from a locked quarter, through to its signed document.

let t: TestContext;
const clients = new Map<string, Client>();
const as = async (username: string) => {
  if (!clients.has(username)) clients.set(username, await signIn(t.app, username, DEMO_PASSWORD));
  return clients.get(username)!;
};

beforeAll(async () => {
  t = await createTestApp();
  await loadDemo(t.db, undefined, { plans: true });
}, 300_000);
afterAll(async () => {
  await t.close();
});

/** Demo logins of whoever holds one of the positions today (definitive or acting). */
async function holdersOf(positionIds: string[]): Promise<string[]> {
  const rows = await t.db.query<{ username: string }>(
    `SELECT DISTINCT u.username FROM position_assignments pa
       JOIN users u ON u.employee_id = pa.employee_id AND u.active
      WHERE pa.position_id = ANY($1::uuid[]) AND pa.starts_on <= current_date AND (pa.ends_on IS NULL OR pa.ends_on >= current_date)
      ORDER BY u.username`,
    [positionIds],
  );
  return rows.map((r) => r.username);
}

/**
 * A collection entry step: the admin enters a value at the target for every indicator of the unit;
 * a staff member of the unit completes the form (so that whoever validates later did not), or, where
 * the unit has none, the step's holder completes it with the step.
 */
async function enterValues(admin: Client, gov: (p?: string) => string, periodId: string, unitId: string) {
  const form = (await admin.request('GET', gov(`/collection-periods/${periodId}/forms/${unitId}`))).json();
  for (const row of form.rows) {
    if (row.version > 0) continue;
    const res = await admin.request('POST', gov(`/collection-periods/${periodId}/values`), {
      indicatorId: row.indicatorId,
      unitId,
      actual: row.target?.value ?? row.target?.low ?? '1',
      baseVersion: 0,
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  const staff = await t.db.query<{ username: string }>(
    `SELECT u.username FROM positions p JOIN position_assignments pa ON pa.position_id = p.id AND pa.ends_on IS NULL
       JOIN users u ON u.employee_id = pa.employee_id AND u.active
      WHERE p.unit_id = $1 AND p.kind = 'staff' ORDER BY p.sort_order, u.username LIMIT 1`,
    [unitId],
  );
  if (staff[0] && form.submission.status !== 'completed') {
    const done = await (await as(staff[0].username)).request(
      'POST',
      gov(`/collection-periods/${periodId}/forms/${unitId}/complete`),
    );
    expect(done.statusCode, done.body).toBe(200);
  }
}

const sops = await (async () => {
  // The list is read when the file loads, so each SOP is its own test.
  const fs = await import('node:fs');
  const path = await import('node:path');
  const { validateSopText } = await import('@sidakin/core');
  const dir = path.resolve(import.meta.dirname, '../../../../../sops');
  const out: { key: string; kind: string; government: string; agency: string; title: string }[] = [];
  for (const gov of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!gov.isDirectory()) continue;
    for (const f of fs.readdirSync(path.join(dir, gov.name)).filter((n) => n.endsWith('.yaml'))) {
      const r = validateSopText(fs.readFileSync(path.join(dir, gov.name, f), 'utf8'));
      if (r.ok)
        out.push({
          key: r.value.id,
          kind: r.value.kind,
          government: r.value.agency.government,
          agency: r.value.agency.agency,
          title: r.value.title,
        });
    }
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
})();

describe('every seed SOP runs to completion with its agency’s demo users', () => {
  it('has the seed procedures of the five documents', () => {
    // Seeds 000, 001 and 003 hold one procedure each, 002 three and 004 two: eight in all (the
    // brief speaks of "seven"; the documents themselves print eight).
    expect(sops).toHaveLength(8);
  });

  for (const s of sops) {
    it(`${s.key}: ${s.title}`, async () => {
      const govRow = (
        await t.db.query<{ id: string }>('SELECT id FROM governments WHERE code = $1', [s.government])
      )[0]!;
      const gov = (p = '') => `/api/governments/${govRow.id}${p}`;
      const adminName = (
        await t.db.query<{ username: string }>(
          "SELECT username FROM users WHERE government_id = $1 AND role = 'gov_admin'",
          [govRow.id],
        )
      )[0]!.username;
      const admin = await as(adminName);
      const sop = (await admin.request('GET', gov(`/sops?pageSize=100`)))
        .json()
        .items.find((x: { key: string }) => x.key === s.key);
      const version = (await admin.request('GET', gov(`/sops/${sop.id}`))).json().versions[0];

      // Disahkan by the head of the agency (or whoever acts for them today).
      const heads = (await admin.request('GET', gov(`/sops/${sop.id}/lanes`))).json();
      expect(heads.allResolved, JSON.stringify(heads.items.filter((l: { resolved: boolean }) => !l.resolved))).toBe(
        true,
      );
      const headPositions = await t.db.query<{ id: string }>(
        "SELECT p.id FROM positions p JOIN agencies a ON a.id = p.agency_id WHERE a.government_id = $1 AND a.code = $2 AND p.kind = 'head' AND p.unit_id IS NULL",
        [govRow.id, s.agency],
      );
      const [head] = await holdersOf(headPositions.map((p) => p.id));
      const approved = await (await as(head!)).request('POST', gov(`/sops/${sop.id}/versions/${version.id}/approve`));
      expect(approved.statusCode, approved.body).toBe(200);
      const approvedOn = approved.json().versions[0].approvedOn;
      const eff = await admin.request('POST', gov(`/sops/${sop.id}/versions/${version.id}/make-effective`), {
        effectiveFrom: approvedOn,
      });
      expect(eff.statusCode, eff.body).toBe(200);

      // Scope: the agency's Bidang / Seksi (units that have a head and staff), two of them.
      const units = await t.db.query<{ id: string }>(
        `SELECT un.id FROM units un JOIN agencies a ON a.id = un.agency_id
          WHERE a.government_id = $1 AND a.code = $2 AND un.active
            AND EXISTS (SELECT 1 FROM positions p WHERE p.unit_id = un.id AND p.kind = 'head')
            AND EXISTS (SELECT 1 FROM positions p WHERE p.unit_id = un.id AND p.kind = 'staff')
          ORDER BY un.sort_order LIMIT 2`,
        [govRow.id, s.agency],
      );
      const agencyId = (
        await t.db.query<{ id: string }>('SELECT id FROM agencies WHERE government_id = $1 AND code = $2', [
          govRow.id,
          s.agency,
        ])
      )[0]!.id;
      let periodId: string | null = null;
      if (s.kind === 'collection') {
        // Refused without its period; started from the period with the units that answer for indicators.
        const generic = await admin.request('POST', gov('/cases'), {
          sopId: sop.id,
          unitIds: units.map((u) => u.id),
          period: '2026-T3',
          subject: `Uji jalan ${s.title}`,
        });
        expect(generic.statusCode).toBe(400);
        const period = await admin.request('POST', gov('/collection-periods'), {
          agencyId,
          year: 2026,
          period: 'q4',
          opensOn: '2026-01-01',
          closesOn: '2026-12-31',
        });
        expect(period.statusCode, period.body).toBe(201);
        periodId = period.json().id;
      }
      if (s.kind === 'measurement' || s.kind === 'monitoring') {
        // Refused without its cycle; started for the agency's (or the Renstra's) year instead.
        const generic = await admin.request('POST', gov('/cases'), {
          sopId: sop.id,
          unitIds: [],
          period: '2025',
          subject: `Uji jalan ${s.title}`,
        });
        expect(generic.statusCode).toBe(400);
      }
      if (s.kind === 'correction') {
        // A correction starts from locked data: the last quarter of 2025, by the holder of the first
        // lane, scoped to a Bidang that has locked values (or the whole agency where values are the
        // agency's own); then it runs through its meetings, reviews, paraf and signatures.
        const [period] = await t.db.query<{ id: string }>(
          "SELECT id FROM collection_periods WHERE agency_id = $1 AND year = 2025 AND period = 'q4' AND status = 'locked'",
          [agencyId],
        );
        const scoped = await t.db.query<{ unit_id: string }>(
          `SELECT v.unit_id FROM collection_values v JOIN units un ON un.id = v.unit_id
            WHERE v.period_id = $1 AND v.indicator_id IS NOT NULL
              AND EXISTS (SELECT 1 FROM positions p WHERE p.unit_id = un.id AND p.kind = 'head')
            GROUP BY v.unit_id, un.sort_order ORDER BY un.sort_order LIMIT 1`,
          [period!.id],
        );
        const lanes = (await admin.request('GET', gov(`/sops/${sop.id}/lanes`))).json().items;
        const [first] = await t.db.query<{ lane: string }>(
          "SELECT document->'steps'->0->'lanes'->>0 AS lane FROM sop_versions WHERE id = $1",
          [version.id],
        );
        const starterPositions = lanes
          .find((l: { laneId: string }) => l.laneId === first!.lane)
          .positions.map((p: { positionId: string }) => p.positionId);
        const [starter] = await holdersOf(starterPositions);
        const begun = await (await as(starter!)).request('POST', gov('/corrections'), {
          sopId: sop.id,
          periodIds: [period!.id],
          unitIds: scoped.map((u) => u.unit_id),
          subject: `Uji jalan ${s.title}`,
        });
        expect(begun.statusCode, begun.body).toBe(201);
        const { correction, log } = await runCorrection({ db: t.db, as, gov, correctionId: begun.json().id });
        expect(correction.status).toBe('closed');
        expect(correction.items.every((i) => i.status === 'applied')).toBe(true);
        expect(log.signedBy.length).toBeGreaterThan(0);
        expect((await admin.request('GET', gov(`/cases/${correction.caseId}`))).json().status).toBe('completed');
        return;
      }
      const started = periodId
        ? await admin.request('POST', gov(`/collection-periods/${periodId}/cases`), { sopId: sop.id })
        : s.kind === 'measurement'
          ? await admin.request('POST', gov('/measurement-cycles'), { sopId: sop.id, agencyId, year: 2025 })
          : s.kind === 'monitoring'
            ? await admin.request('POST', gov('/monitoring-cycles'), {
                sopId: sop.id,
                planId: (
                  await t.db.query<{ id: string }>('SELECT id FROM plans WHERE agency_id = $1 LIMIT 1', [agencyId])
                )[0]!.id,
                year: 2025,
              })
            : await admin.request('POST', gov('/cases'), {
                sopId: sop.id,
                unitIds: units.map((u) => u.id),
                period: '2026-T3',
                subject: `Uji jalan ${s.title}`,
              });
      expect(started.statusCode, started.body).toBe(201);
      let c = started.json();
      const lastBy = new Map<string, string>();
      for (let guard = 0; c.status === 'open' && guard < 200; guard++) {
        const task = c.tasks.find((x: { status: string }) => x.status === 'open');
        expect(task, 'an open case always has an open task').toBeDefined();
        const positionIds = task.assignees.map((a: { positionId: string }) => a.positionId);
        const candidates = await holdersOf(positionIds);
        expect(candidates.length, `step ${task.stepNo} (${task.laneTitles.join(', ')}) has a holder`).toBeGreaterThan(
          0,
        );
        // Prefer someone other than whoever acted last (a review may not approve one's own work).
        const who = candidates.find((u) => u !== lastBy.get('last')) ?? candidates[0]!;
        if (periodId && task.action === 'enter-data' && task.unitId) {
          await enterValues(admin, gov, periodId, task.unitId);
        }
        const outcome = task.allowedOutcomes.includes('ya') ? 'ya' : 'done';
        const res = await (await as(who)).request('POST', gov(`/cases/${c.id}/tasks/${task.id}/complete`), { outcome });
        expect(res.statusCode, `step ${task.stepNo} by ${who}: ${res.body}`).toBe(200);
        lastBy.set('last', who);
        c = res.json();
      }
      expect(c.status).toBe('completed');
    }, 120_000);
  }
});
