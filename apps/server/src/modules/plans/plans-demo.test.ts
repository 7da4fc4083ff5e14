import type { AgreementDetail, IndividualIndicator, Plan, PlanTree } from '@sidakin/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestContext } from '../../test/fixture.js';
import { verifyAuditChains } from '../audit/audit.service.js';
import { DEMO_PASSWORD, loadDemo } from '../demo/demo.service.js';
import { demoData } from '../demo/demo-data.js';
import { demoPlans } from '../demo/plans-demo.js';

// The demo loads a Renstra for every demo agency with its agreements of 2025 and 2026, cascaded to
// the units, signed (a Plt included), one perubahan per agency that has one, and IKI of staff.

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
  await loadDemo(t.db);
}, 180_000);
afterAll(async () => {
  await t.close();
});

async function as(username: string) {
  return signIn(t.app, username, DEMO_PASSWORD);
}

describe('demo plans', () => {
  it('gives every demo agency an established Renstra 2021–2026 with 8–15 indicators and every year targeted', async () => {
    const agencies = demoData.flatMap((g) => g.agencies.map((a) => ({ government: g, agency: a })));
    expect(demoPlans.map((p) => `${p.government}/${p.agency}`).sort()).toEqual(
      agencies.map((x) => `${x.government.code}/${x.agency.code}`).sort(),
    );
    for (const { government, agency } of agencies) {
      const admin = await as(government.adminUsername);
      const governmentId: string = (await admin.request('GET', '/api/auth/me')).json().government.id;
      const gov = (p: string) => `/api/governments/${governmentId}${p}`;
      const agencyId = (await admin.request('GET', gov(`/agencies?q=${encodeURIComponent(agency.name)}`))).json()
        .items[0].id;
      const plans = (await admin.request('GET', gov(`/plans?agencyId=${agencyId}`))).json().items as Plan[];
      expect(plans, agency.code).toHaveLength(1);
      expect(plans[0]).toMatchObject({ startYear: 2021, endYear: 2026, status: 'established' });
      const tree = (await admin.request('GET', gov(`/plans/${plans[0]!.id}`))).json() as PlanTree;
      const kinds = new Set(tree.nodes.map((n) => n.kind));
      expect([...kinds], agency.code).toEqual(expect.arrayContaining(['goal', 'objective', 'program', 'activity']));
      const goals = tree.nodes.filter((n) => n.kind === 'goal').length;
      expect(goals).toBeGreaterThanOrEqual(1);
      expect(goals).toBeLessThanOrEqual(3);
      const indicators = tree.nodes.flatMap((n) => n.indicators);
      expect(indicators.length, agency.code).toBeGreaterThanOrEqual(8);
      expect(indicators.length, agency.code).toBeLessThanOrEqual(15);
      for (const i of indicators) {
        expect(
          i.targets.map((x) => x.year),
          i.name,
        ).toEqual([2021, 2022, 2023, 2024, 2025, 2026]);
        expect(i.baseline.year).toBe(2020);
      }
      expect(indicators.some((i) => i.isKey)).toBe(true);
    }
  });

  it('signs the agreements of 2025 and 2026 for each agency and cascades them to its units', async () => {
    const rows = await t.db.query<{ agency: string; year: number; level: string; n: number; unsigned: number }>(
      `SELECT a.code AS agency, pa.year, CASE WHEN pa.unit_id IS NULL THEN 'agency' ELSE 'unit' END AS level,
              count(*)::int AS n, count(*) FILTER (WHERE pa.status <> 'signed')::int AS unsigned
         FROM performance_agreements pa JOIN agencies a ON a.id = pa.agency_id
        WHERE pa.is_current GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    );
    for (const p of demoPlans) {
      for (const year of [2025, 2026]) {
        const agency = rows.find((r) => r.agency === p.agency && r.year === year && r.level === 'agency');
        const units = rows.find((r) => r.agency === p.agency && r.year === year && r.level === 'unit');
        expect(agency?.n, `${p.agency} ${year}`).toBe(1);
        expect(units?.n ?? 0, `${p.agency} ${year} units`).toBeGreaterThanOrEqual(2);
      }
    }
    expect(rows.every((r) => r.unsigned === 0)).toBe(true);
    // Every agreement has quarterly targets for each indicator, pagu, and both parties.
    const gaps = await t.db.query(
      `SELECT pa.id FROM performance_agreements pa
        WHERE NOT EXISTS (SELECT 1 FROM performance_agreement_budgets b WHERE b.agreement_id = pa.id)
           OR (SELECT count(*) FROM performance_agreement_signatories s WHERE s.agreement_id = pa.id) <> 2
           OR EXISTS (SELECT 1 FROM performance_agreement_indicators r WHERE r.agreement_id = pa.id
                        AND (SELECT count(*) FROM performance_agreement_targets x WHERE x.agreement_indicator_id = r.id) <> 5)`,
    );
    expect(gaps).toEqual([]);
  });

  it('shows a Plt signing (Masama 2026), a perubahan beside its murni, and a warning the agency chose to keep', async () => {
    const admin = await as('banggai.admin');
    const governmentId: string = (await admin.request('GET', '/api/auth/me')).json().government.id;
    const gov = (p: string) => `/api/governments/${governmentId}${p}`;
    const list = (await admin.request('GET', gov('/performance-agreements?year=2026&level=unit&pageSize=100'))).json()
      .items as { id: string; unitName: string; agencyName: string }[];
    const sekretariat = list.find(
      (a) => a.agencyName === 'Kecamatan Masama' && a.unitName === 'Sekretariat Kecamatan',
    )!;
    const detail = (
      await admin.request('GET', gov(`/performance-agreements/${sekretariat.id}`))
    ).json() as AgreementDetail;
    expect(detail.signatories.first).toMatchObject({ title: 'Sekretaris Kecamatan Masama', acting: 'plt' });
    expect(detail.signatories.second?.title).toBe('Camat Masama');

    const agency2025 = (
      await admin.request('GET', gov('/performance-agreements?year=2025&level=agency&current=all'))
    ).json().items as { id: string; agencyName: string; versionKind: string; current: boolean }[];
    const disdag = agency2025.filter((a) => a.agencyName === 'Dinas Perdagangan');
    expect(disdag.map((a) => [a.versionKind, a.current])).toEqual([
      ['murni', false],
      ['perubahan', true],
    ]);
    const perubahan = (
      await admin.request('GET', gov(`/performance-agreements/${disdag[1]!.id}`))
    ).json() as AgreementDetail;
    expect(perubahan.reason).toContain('refocusing');
    expect(perubahan.status).toBe('signed');

    const bidang2025 = (
      await admin.request('GET', gov('/performance-agreements?year=2025&level=unit&pageSize=100'))
    ).json().items as { id: string; unitName: string; agencyName: string }[];
    const perdagangan = bidang2025.find((a) => a.unitName === 'Bidang Perdagangan Dalam Negeri')!;
    const pk = (await admin.request('GET', gov(`/performance-agreements/${perdagangan.id}`))).json() as AgreementDetail;
    const operasi = pk.indicators.find((r) => r.name === 'Frekuensi operasi pasar murah')!;
    expect(operasi.warnings).toMatchObject([{ code: 'QUARTERS_SUM', path: 'quarters' }]);
    expect(pk.budgetTotal).toBe('1185000000');
  });

  it('gives staff individual indicators cascaded from their unit agreement, and keeps the audit chain intact', async () => {
    const admin = await as('sidoarjo.admin');
    const governmentId: string = (await admin.request('GET', '/api/auth/me')).json().government.id;
    const iki = (await admin.request('GET', `/api/governments/${governmentId}/individual-indicators?year=2026`)).json()
      .items as IndividualIndicator[];
    expect(iki.map((k) => k.unitName).sort()).toEqual(['Bidang Kemetrologian', 'Bidang Perindustrian']);
    expect(iki.every((k) => k.warnings.length === 0 && k.annual !== null)).toBe(true);
    expect(await verifyAuditChains(t.db)).toMatchObject({ ok: true });
  });
});
