import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../modules/audit/audit.service.js';
import { createTestApp, makeGovernment, signIn, type TestContext } from '../test/fixture.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('concurrent writes', () => {
  it('keep every change and an intact audit chain', async () => {
    const g = await makeGovernment(t.db);
    const admin = await signIn(t.app, g.admin.username);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        admin.request('POST', `/api/governments/${g.governmentId}/agencies`, {
          code: `opd-${i}`,
          name: `Perangkat Daerah ${i}`,
          kind: 'badan',
        }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    const rows = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'agency.create' AND government_id = $1",
      [g.governmentId],
    );
    expect(rows[0]!.n).toBe(13);
    expect(await verifyAuditChains(t.db)).toMatchObject({ ok: true, firstBroken: null });
  });

  it('let only one of two simultaneous creations with the same code succeed', async () => {
    const g = await makeGovernment(t.db);
    const admin = await signIn(t.app, g.admin.username);
    const body = { code: 'kembar', name: 'Dinas Kembar', kind: 'dinas' };
    const [r1, r2] = await Promise.all([
      admin.request('POST', `/api/governments/${g.governmentId}/agencies`, body),
      admin.request('POST', `/api/governments/${g.governmentId}/agencies`, body),
    ]);
    expect([r1!.statusCode, r2!.statusCode].sort()).toEqual([201, 409]);
    const rows = await t.db.query("SELECT 1 FROM agencies WHERE code = 'kembar' AND government_id = $1", [
      g.governmentId,
    ]);
    expect(rows).toHaveLength(1);
  });
});
