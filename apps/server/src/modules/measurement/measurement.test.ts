import { achievement } from '@sidakin/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSession, demoSession } from '../../test/demo-session.js';
import { measureAgreements } from './measurement.service.js';

// Measuring a year from what is stored: the demo's 2025 agreements and realisasi of Kab. Banggai.

let s: DemoSession;

beforeAll(async () => {
  s = await demoSession('banggai.admin', { plans: true });
}, 300_000);
afterAll(async () => {
  await s.t.close();
});

describe('measuring a year from the stored targets and realisasi', () => {
  it('measures every current 2025 agreement; the year follows each indicator’s rule over its four quarters', async () => {
    const measured = await measureAgreements(s.t.db, s.governmentId, 2025);
    const agreements = await s.t.db.query<{ id: string }>(
      'SELECT id FROM performance_agreements WHERE government_id = $1 AND year = 2025 AND is_current',
      [s.governmentId],
    );
    expect(measured.map((m) => m.agreementId).sort()).toEqual(agreements.map((a) => a.id).sort());
    // Check every indicator's year against the database's own arithmetic on the stored numbers.
    const rows = await s.t.db.query<{
      agreement_id: string;
      indicator_id: string;
      aggregation: string;
      q1: string | null;
      q2: string | null;
      q3: string | null;
      q4: string | null;
      year_sum: string | null;
      year_max: string | null;
      year_avg: string | null;
      target: string | null;
    }>(
      `SELECT pa.id AS agreement_id, pi.id AS indicator_id, pi.aggregation,
              max(cv.actual) FILTER (WHERE cp.period = 'q1')::text AS q1,
              max(cv.actual) FILTER (WHERE cp.period = 'q2')::text AS q2,
              max(cv.actual) FILTER (WHERE cp.period = 'q3')::text AS q3,
              max(cv.actual) FILTER (WHERE cp.period = 'q4')::text AS q4,
              sum(cv.actual)::text AS year_sum, max(cv.actual)::text AS year_max,
              round(avg(cv.actual), 6)::text AS year_avg,
              (SELECT t.target_value::text FROM performance_agreement_targets t
                WHERE t.agreement_indicator_id = pai.id AND t.period = 'year') AS target
         FROM performance_agreements pa
         JOIN performance_agreement_indicators pai ON pai.agreement_id = pa.id
         JOIN plan_indicators pi ON pi.id = pai.indicator_id
         LEFT JOIN (collection_values cv JOIN collection_periods cp ON cp.id = cv.period_id AND cp.year = 2025)
           ON cv.indicator_id = pi.id AND cv.unit_id IS NOT DISTINCT FROM pa.unit_id
        WHERE pa.government_id = $1 AND pa.year = 2025 AND pa.is_current
        GROUP BY pa.id, pi.id, pai.id`,
      [s.governmentId],
    );
    expect(rows.length).toBeGreaterThan(10);
    const norm = (v: string | null) => (v === null ? null : String(Number(v)));
    let checked = 0;
    for (const r of rows) {
      const m = measured.find((x) => x.agreementId === r.agreement_id)!;
      const ind = m.result.indicators.find((i) => i.id === r.indicator_id)!;
      expect(ind.quarters.map((q) => norm(q.actual))).toEqual([r.q1, r.q2, r.q3, r.q4].map(norm));
      const expected = { sum: r.year_sum, max: r.year_max, average: r.year_avg, last: r.q4 }[r.aggregation]!;
      expect([r.indicator_id, norm(ind.annual.actual)]).toEqual([r.indicator_id, norm(expected)]);
      expect(ind.annual.complete).toBe(true);
      if (r.target !== null) {
        const ach = await s.t.db.query<{ v: string }>('SELECT round($1::numeric / $2::numeric * 100, 2)::text AS v', [
          ind.annual.actual,
          r.target,
        ]);
        const own = achievement({
          direction: 'higher_better',
          lowerBetterFormula: 'inverse_difference',
          target: { value: r.target, low: null, high: null },
          actual: ind.annual.actual,
        }).value;
        if (own === ind.annual.achievement) {
          // A higher-is-better indicator: the database's division agrees to the cent.
          expect(norm(ind.annual.achievement)).toBe(norm(ach[0]!.v));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(5);
    // Every agreement rolls up to a figure with its category.
    for (const m of measured) {
      expect(m.result.agency.value, m.agreementId).not.toBeNull();
      expect(m.result.agency.category).not.toBeNull();
    }
  });

  it('combines monthly periods into their quarter by the indicator’s rule', async () => {
    const admin = await s.as('banggai.admin');
    const agency = (await s.t.db.query<{ id: string }>("SELECT id FROM agencies WHERE code = 'masama'"))[0]!.id;
    const [before] = (await measureAgreements(s.t.db, s.governmentId, 2026, { agencyId: agency })).filter(
      (m) => m.unitId === null,
    );
    const target = before!.result.indicators[0]!;
    const agg = (
      await s.t.db.query<{ aggregation: string }>('SELECT aggregation FROM plan_indicators WHERE id = $1', [target.id])
    )[0]!.aggregation;
    expect(target.quarters[3]!.actual).toBeNull();
    for (const [period, actual] of [
      ['m10', '10'],
      ['m11', '30'],
      ['m12', '20'],
    ] as const) {
      const p = await admin.request('POST', s.gov('/collection-periods'), {
        agencyId: agency,
        year: 2026,
        period,
        opensOn: '2026-01-01',
        closesOn: '2026-12-31',
      });
      expect(p.statusCode, p.body).toBe(201);
      const saved = await admin.request('POST', s.gov(`/collection-periods/${p.json().id}/values`), {
        indicatorId: target.id,
        unitId: null,
        actual,
        baseVersion: 0,
      });
      expect(saved.statusCode, saved.body).toBe(200);
    }
    const [after] = (await measureAgreements(s.t.db, s.governmentId, 2026, { agencyId: agency })).filter(
      (m) => m.unitId === null,
    );
    const q4 = after!.result.indicators.find((i) => i.id === target.id)!.quarters[3]!;
    expect(q4.actual).toBe({ sum: '60', last: '20', average: '20', max: '30' }[agg]);
  });
});
