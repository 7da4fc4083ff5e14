import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSession, demoSession } from '../../test/demo-session.js';

// The demo agencies number their documents in their own style from the start.

let s: DemoSession;
const year = new Date().getFullYear();

beforeAll(async () => {
  s = await demoSession('kalbar.admin');
}, 180_000);
afterAll(async () => {
  await s.t.close();
});

describe('demo numbering patterns', () => {
  it("gives Kalimantan Barat's DPPESDM numbers in the 45/DPPESDM/2021 style", async () => {
    const admin = await s.as('kalbar.admin');
    const list = (await admin.request('GET', s.gov('/numbering-patterns'))).json().items;
    const dppesdm = list.filter((p: { agencyName: string }) => p.agencyName.startsWith('Dinas Perindustrian'));
    expect(dppesdm.map((p: { kind: string; nextNumber: string }) => [p.kind, p.nextNumber])).toEqual(
      expect.arrayContaining([['perbaikan-data-kinerja', `1/DPPESDM/${year}`]]),
    );
    const agencyId = dppesdm[0].agencyId;
    const first = await admin.request('POST', s.gov('/agenda'), {
      agencyId,
      kind: 'perbaikan-data-kinerja',
      subject: 'Perbaikan data kinerja triwulan II',
      counterpart: 'Kepala Biro Organisasi',
    });
    expect(first.statusCode).toBe(201);
    expect(first.json().number).toBe(`1/DPPESDM/${year}`);
  });

  it('gives every demo agency a pattern for the Dokumen Perbaikan Data Kinerja', async () => {
    const rows = await s.t.db.query<{ code: string; pattern: string | null }>(
      `SELECT a.code, p.pattern FROM agencies a
         LEFT JOIN numbering_patterns p ON p.agency_id = a.id AND p.kind = 'perbaikan-data-kinerja'
        ORDER BY a.code`,
    );
    expect(rows.filter((r) => r.pattern === null)).toEqual([]);
    expect(rows.find((r) => r.code === 'disdagtrans')?.pattern).toBe('510/{seq}/DP-Trans/{year}');
  });
});
