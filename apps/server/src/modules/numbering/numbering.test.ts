import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../http/context.js';
import {
  anonymous,
  type Client,
  createTestApp,
  type GovernmentFixture,
  makeGovernment,
  signIn,
  type TestContext,
} from '../../test/fixture.js';
import { contextOf } from '../../test/signing.js';
import { insertAgencyTx } from '../org/org.service.js';
import { allocateNumberTx } from './numbering.service.js';

// Numbering patterns per agency and kind, numbers given under the counter's lock and never
// twice, the buku agenda with void numbers kept, and its Excel export.

let t: TestContext;
let a: GovernmentFixture;
let b: GovernmentFixture;
let member: Client;
let adminA: Client;
let adminB: Client;
let otherAgencyId: string;
const gov = (p = '') => `/api/governments/${a.governmentId}${p}`;
const thisYear = new Date().getFullYear();

beforeAll(async () => {
  t = await createTestApp();
  a = await makeGovernment(t.db);
  b = await makeGovernment(t.db);
  member = await signIn(t.app, a.member.username);
  adminA = await signIn(t.app, a.admin.username);
  adminB = await signIn(t.app, b.admin.username);
  otherAgencyId = await t.db.transaction(async (tx) => {
    const ag = await insertAgencyTx(tx, systemContext('test'), a.governmentId, {
      code: 'dppesdm',
      name: 'Dinas Perindustrian, Perdagangan, Energi dan Sumber Daya Mineral',
      kind: 'dinas',
    });
    return ag.id;
  });
});
afterAll(async () => {
  await t.close();
});

const patterns = '/numbering-patterns';

describe('numbering patterns', () => {
  it('refuses a pattern without the running-number token, naming the field, and saves nothing', async () => {
    const res = await adminA.request('POST', gov(patterns), {
      agencyId: a.agencyId,
      kind: 'sop',
      label: 'Standar Operasional Prosedur',
      pattern: 'SOP/438.5.20/{year}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ path: 'body.pattern', message: expect.stringContaining('{seq}') }]);
    const en = await adminA.request(
      'POST',
      gov(patterns),
      { agencyId: a.agencyId, kind: 'sop', label: 'SOP', pattern: '{seq}/{tahun}/{year}' },
      { 'accept-language': 'en' },
    );
    expect(en.json().error.details[0].message).toContain('Unknown token {tahun}');
    expect((await adminA.request('GET', gov(patterns))).json().items).toEqual([]);
  });

  it('lets only administrators of the government set patterns', async () => {
    const body = { agencyId: a.agencyId, kind: 'sop', label: 'SOP', pattern: 'SOP/{seq}/438.5.20/{year}' };
    expect((await anonymous(t.app).request('POST', gov(patterns), body)).statusCode).toBe(401);
    expect((await member.request('POST', gov(patterns), body)).statusCode).toBe(403);
    expect((await adminB.request('POST', gov(patterns), body)).statusCode).toBe(403);
    const foreign = await adminB.request('POST', `/api/governments/${b.governmentId}/numbering-patterns`, body);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details[0].path).toBe('body.agencyId');
  });

  it('gives the numbers of the seed agencies from their patterns', async () => {
    const set = async (agencyId: string, kind: string, label: string, pattern: string) => {
      const res = await adminA.request('POST', gov(patterns), { agencyId, kind, label, pattern });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };
    const sop = await set(a.agencyId, 'sop', 'Standar Operasional Prosedur', 'SOP/{seq}/438.5.20/{year}');
    const dp = await set(a.agencyId, 'surat-keluar', 'Surat Keluar', '510/{seq}.a/DP-Trans/{year}');
    const kalbar = await set(otherAgencyId, 'sop', 'Standar Operasional Prosedur', '{seq}/DPPESDM/{year}');
    expect(sop.nextNumber).toBe(`SOP/1/438.5.20/${thisYear}`);
    const dup = await adminA.request('POST', gov(patterns), {
      agencyId: a.agencyId,
      kind: 'sop',
      label: 'x',
      pattern: '{seq}/{year}',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details[0].path).toBe('body.kind');
    void dp;
    void kalbar;

    // The books of the seed years, continued from where the paper ones stopped.
    await t.db.query(
      `INSERT INTO numbering_counters (government_id, agency_id, kind, year, last_sequence)
       VALUES ($1, $2, 'sop', 2021, 458), ($1, $2, 'surat-keluar', 2025, 9), ($1, $3, 'sop', 2021, 44)`,
      [a.governmentId, a.agencyId, otherAgencyId],
    );
    const ctx = await contextOf(t.db, adminA);
    const give = (agencyId: string, kind: string, entryDate: string) =>
      t.db.transaction((tx) =>
        allocateNumberTx(tx, ctx, { governmentId: a.governmentId, agencyId, kind, entryDate, subject: 'Uji' }),
      );
    expect((await give(a.agencyId, 'sop', '2021-06-14')).number).toBe('SOP/459/438.5.20/2021');
    expect((await give(a.agencyId, 'surat-keluar', '2025-02-03')).number).toBe('510/10.a/DP-Trans/2025');
    expect((await give(otherAgencyId, 'sop', '2021-12-31')).number).toBe('45/DPPESDM/2021');
  });

  it('changes a pattern for the numbers to come, refusing a stale edit', async () => {
    const list = (await adminA.request('GET', gov(`${patterns}?agencyId=${a.agencyId}`))).json().items;
    const sop = list.find((p: { kind: string }) => p.kind === 'sop');
    const bad = await adminA.request('PATCH', gov(`/numbering-patterns/${sop.id}`), { pattern: 'SOP-{year}' });
    expect(bad.json().error.details[0].path).toBe('body.pattern');
    const ok = await adminA.request('PATCH', gov(`/numbering-patterns/${sop.id}`), {
      pattern: 'SOP/{seq:3}/438.5.20/{romanMonth}/{year}',
      expectedUpdatedAt: sop.updatedAt,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().nextNumber).toMatch(new RegExp(`^SOP/001/438\\.5\\.20/[IVX]+/${thisYear}$`));
    const stale = await adminA.request('PATCH', gov(`/numbering-patterns/${sop.id}`), {
      label: 'Lama',
      expectedUpdatedAt: sop.updatedAt,
    });
    expect(stale.statusCode).toBe(409);
  });
});

describe('giving numbers', () => {
  const book = '/agenda';
  const letter = (subject: string) => ({
    agencyId: a.agencyId,
    kind: 'surat-keluar',
    subject,
    counterpart: 'Kepala Biro Organisasi',
  });

  it('never gives the same number twice, even to requests at the same moment', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => adminA.request('POST', gov(book), letter(`Permintaan data ${i + 1}`))),
    );
    expect(results.map((r) => r.statusCode)).toEqual(results.map(() => 201));
    const sequences = results.map((r) => r.json().sequence).sort((x: number, y: number) => x - y);
    expect(sequences).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const numbers = new Set(results.map((r) => r.json().number));
    expect(numbers.size).toBe(12);
    expect([...numbers]).toContain(`510/12.a/DP-Trans/${thisYear}`);
  });

  it('lets a member number letters of their own agency only, and names what is missing', async () => {
    const own = await member.request('POST', gov(book), { ...letter('Undangan rapat'), note: 'Rapat internal' });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ createdByName: 'Sri Wahyuni', note: 'Rapat internal', status: 'active' });
    const elsewhere = await member.request('POST', gov(book), { ...letter('x'), agencyId: otherAgencyId, kind: 'sop' });
    expect(elsewhere.statusCode).toBe(403);
    const noPattern = await adminA.request('POST', gov(book), { ...letter('x'), kind: 'undangan' });
    expect(noPattern.statusCode).toBe(409);
    expect(noPattern.json().error).toMatchObject({
      code: 'NUMBERING_PATTERN_MISSING',
      details: [{ path: 'body.kind' }],
    });
    const noSubject = await adminA.request('POST', gov(book), { ...letter(''), subject: '' });
    expect(noSubject.json().error.details[0].path).toBe('body.subject');
    const lastYear = await adminA.request('POST', gov(book), { ...letter('x'), entryDate: `${thisYear - 1}-12-30` });
    expect(lastYear.json().error.details[0].path).toBe('body.entryDate');
    expect((await anonymous(t.app).request('POST', gov(book), letter('x'))).statusCode).toBe(401);
    expect((await adminB.request('POST', gov(book), letter('x'))).statusCode).toBe(403);
    const count = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM agenda_entries WHERE kind = 'surat-keluar' AND year = $1`,
      [thisYear],
    );
    expect(count[0]!.n).toBe(13);
  });

  it('keeps a voided number in the book with its reason and goes on after it', async () => {
    const list = (await adminA.request('GET', gov(`${book}?kind=surat-keluar&year=${thisYear}&pageSize=1`))).json();
    expect(list.total).toBe(13);
    const latest = list.items[0];
    expect(
      (await member.request('POST', gov(`/agenda/${latest.id}/void`), { reason: 'Surat tidak jadi dikirim' }))
        .statusCode,
    ).toBe(403);
    const short = await adminA.request('POST', gov(`/agenda/${latest.id}/void`), { reason: 'x' });
    expect(short.json().error.details[0].path).toBe('body.reason');
    const voided = await adminA.request('POST', gov(`/agenda/${latest.id}/void`), {
      reason: 'Surat tidak jadi dikirim',
    });
    expect(voided.json()).toMatchObject({
      status: 'void',
      voidReason: 'Surat tidak jadi dikirim',
      voidedByName: 'Admin Uji',
    });
    expect(
      (await adminA.request('POST', gov(`/agenda/${latest.id}/void`), { reason: 'Sekali lagi ya' })).statusCode,
    ).toBe(409);
    const next = await adminA.request('POST', gov(book), letter('Surat pengganti'));
    expect(next.json().sequence).toBe(14);
    const voids = (await adminA.request('GET', gov(`${book}?status=void`))).json();
    expect(voids.items.map((e: { number: string }) => e.number)).toEqual([latest.number]);
  });

  it('lists the book with filters and pages, and exports it to Excel', async () => {
    const page2 = (
      await member.request('GET', gov(`${book}?kind=surat-keluar&year=${thisYear}&page=2&pageSize=5`))
    ).json();
    expect(page2).toMatchObject({ total: 14, page: 2, pageSize: 5 });
    expect(page2.items).toHaveLength(5);
    const found = (await member.request('GET', gov(`${book}?q=${encodeURIComponent('pengganti')}`))).json();
    expect(found.items.map((e: { subject: string }) => e.subject)).toEqual(['Surat pengganti']);
    expect((await member.request('GET', gov(`${book}?from=2021-01-01&to=2021-12-31`))).json().total).toBe(2);
    expect((await member.request('GET', gov(`${book}?pageSize=1000`))).statusCode).toBe(400);
    expect((await adminB.request('GET', gov(book))).statusCode).toBe(403);

    const res = await member.request('GET', gov(`${book}/export?kind=surat-keluar&year=${thisYear}`));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Buku Agenda')!;
    const values: string[][] = [];
    ws.eachRow((row) => values.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const header = values.findIndex((r) => r[0] === 'No.');
    expect(values[header]).toEqual([
      'No.',
      'Tanggal',
      'Nomor',
      'Jenis',
      'Perangkat Daerah',
      'Perihal',
      'Kepada/Dari',
      'Dicatat oleh',
      'Jabatan',
      'Status',
      'Alasan batal',
      'Keterangan',
    ]);
    const rows = values.slice(header + 1);
    expect(rows).toHaveLength(14);
    expect(rows.filter((r) => r[9] === 'Batal')).toHaveLength(1);
    expect(rows[0]![5]).toBe('Surat pengganti');
  });
});
