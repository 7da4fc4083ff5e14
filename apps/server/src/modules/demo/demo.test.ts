import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiskFileStore } from '../../storage/file-store.js';
import { createTestApp, signIn, type TestContext } from '../../test/fixture.js';
import { DEMO_ADMIN, DEMO_PASSWORD, isEmpty, loadDemo } from './demo.service.js';
import { demoData } from './demo-data.js';

let t: TestContext;
// The demo writes its evidence documents where the app reads files (removed with the app).
const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidakin-demo-files-'));
beforeAll(async () => {
  t = await createTestApp({ filesDir });
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('demo organisation', () => {
  it('loads the five seed agencies into an empty database, with one login per held position', async () => {
    expect(await isEmpty(t.db)).toBe(true);
    const r = await loadDemo(t.db, undefined, { files: new DiskFileStore(filesDir) });
    expect(r.governmentsCreated).toEqual(demoData.map((g) => g.code));
    const govs = await t.db.query<{ name: string; time_zone: string }>(
      'SELECT name, time_zone FROM governments ORDER BY name',
    );
    expect(govs.map((g) => g.name)).toEqual([
      'Pemerintah Kabupaten Banggai',
      'Pemerintah Kabupaten Pesisir Selatan',
      'Pemerintah Kabupaten Sidoarjo',
      'Pemerintah Provinsi Kalimantan Barat',
    ]);
    expect(govs.find((g) => g.name.includes('Banggai'))?.time_zone).toBe('Asia/Makassar');
    const agencies = await t.db.query<{ name: string }>('SELECT name FROM agencies ORDER BY name');
    const names = agencies.map((a) => a.name).join(' | ');
    for (const expected of [
      'Dinas Perdagangan',
      'Kecamatan Masama',
      'Dinas Perindustrian dan Perdagangan',
      'Dinas Perdagangan dan Transmigrasi',
      'Biro Organisasi',
    ]) {
      expect(names).toContain(expected);
    }
    const held = demoData.flatMap((g) => g.agencies.flatMap((a) => a.positions.filter((p) => p.holder && p.username)));
    const users = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE role = 'member'");
    expect(users[0]!.n).toBe(held.length);
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]!.n).toBeGreaterThan(100);
  }, 120_000);

  it('lets admin and a demo member sign in with the demo password; the Plt sees the acting position', async () => {
    const admin = await signIn(t.app, DEMO_ADMIN, DEMO_PASSWORD);
    const me = await admin.request('GET', '/api/auth/me');
    expect(me.json().user.role).toBe('system_admin');

    const agency = demoData.flatMap((g) => g.agencies).find((a) => a.positions.some((p) => p.acting))!;
    const vacant = agency.positions.find((p) => p.acting)!;
    const actingHolder = agency.positions.find((p) => p.holder?.nip === vacant.acting!.employeeNip)!;
    const plt = await signIn(t.app, actingHolder.username!, DEMO_PASSWORD);
    const positions = (await plt.request('GET', '/api/auth/me')).json().positions as {
      positionName: string;
      acting: string | null;
    }[];
    const today = new Date().toISOString().slice(0, 10);
    const inForce = vacant.acting!.startsOn <= today && (!vacant.acting!.endsOn || vacant.acting!.endsOn >= today);
    expect(positions.some((p) => p.positionName === vacant.name && p.acting === vacant.acting!.kind)).toBe(inForce);
    expect(positions.some((p) => p.positionName === actingHolder.name && p.acting === null)).toBe(true);
  });

  it('backs past quarters with evidence documents: PDFs uploaded by the one who entered, downloadable intact', async () => {
    const rows = await t.db.query<{
      government_id: string;
      file_id: string;
      name: string;
      sha256: string;
      size: number;
      source: string;
      uploaded_by_user_id: string | null;
      created_by_user_id: string | null;
      value_id: string;
      period_status: string;
    }>(
      `SELECT f.government_id, f.id AS file_id, f.name, f.sha256, f.size, f.source, f.uploaded_by_user_id,
              e.created_by_user_id, e.value_id, p.status AS period_status
         FROM collection_evidence e
         JOIN files f ON f.id = e.file_id
         JOIN collection_values v ON v.id = e.value_id
         JOIN collection_periods p ON p.id = v.period_id
        WHERE e.kind = 'file' ORDER BY f.name`,
    );
    expect(rows.length).toBeGreaterThan(10);
    const names = new Set(rows.map((r) => r.name.replace(/ Triwulan [IV]+ \d{4}\.pdf$/, '')));
    expect([...names].sort()).toEqual([
      'Berita Acara Tera Ulang UTTP',
      'Laporan Pemantauan Harga Bahan Pokok',
      'Rekap Pelayanan Administrasi Kependudukan',
    ]);
    for (const r of rows) {
      expect(r.period_status).toBe('locked');
      expect(r).toMatchObject({ source: 'upload', uploaded_by_user_id: r.created_by_user_id });
    }
    // Every document of the government of Banggai downloads through the files route as the PDF on record.
    const banggai = (await t.db.query<{ id: string }>("SELECT id FROM governments WHERE code = 'banggai'"))[0]!.id;
    const admin = await signIn(t.app, 'banggai.admin', DEMO_PASSWORD);
    const mine = rows.filter((r) => r.government_id === banggai);
    expect(mine.length).toBeGreaterThan(0);
    for (const r of mine.slice(0, 4)) {
      const res = await admin.request('GET', `/api/governments/${banggai}/files/${r.file_id}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect(res.rawPayload.length).toBe(r.size);
      expect(createHash('sha256').update(res.rawPayload).digest('hex')).toBe(r.sha256);
    }
    // The value shows the file among its evidence, as any upload would be.
    const detail = await admin.request('GET', `/api/governments/${banggai}/collection-values/${mine[0]!.value_id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().evidence).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'file', fileId: mine[0]!.file_id })]),
    );
  });

  it('keeps every approved demo form free of errors: values in their valid range, evidence where required', async () => {
    const admin = await signIn(t.app, DEMO_ADMIN, DEMO_PASSWORD);
    const counts = await t.db.query<{ required: number; bounded: number }>(
      `SELECT count(*) FILTER (WHERE evidence_required)::int AS required,
              count(*) FILTER (WHERE valid_min = 0 AND valid_max = 100 AND unit_of_measure = '%')::int AS bounded
         FROM plan_indicators`,
    );
    expect(counts[0]!.required).toBeGreaterThan(2);
    expect(counts[0]!.bounded).toBeGreaterThan(10);
    const periods = await t.db.query<{ id: string; government_id: string; label: string }>(
      "SELECT id, government_id, label FROM collection_periods WHERE status = 'locked' ORDER BY government_id, year, period",
    );
    expect(periods.length).toBeGreaterThan(0);
    for (const p of periods) {
      const res = await admin.request(
        'GET',
        `/api/governments/${p.government_id}/collection-periods/${p.id}/completeness`,
      );
      expect(res.statusCode, res.body).toBe(200);
      for (const u of res.json().units as { unitName: string; status: string; errors: number }[]) {
        expect([p.label, u.unitName, u.status, u.errors]).toEqual([p.label, u.unitName, 'approved', 0]);
      }
    }
  });

  it('running it again changes nothing', async () => {
    const before = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM employees');
    const r = await loadDemo(t.db);
    expect(r.governmentsCreated).toEqual([]);
    expect(r.governmentsSkipped).toHaveLength(demoData.length);
    expect(r.adminCreated).toBe(false);
    const after = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM employees');
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});

describe('docs/demo-logins.md', () => {
  it('is the current list of demo logins', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { demoLoginsMarkdown } = await import('./demo.service.js');
    const file = path.resolve(import.meta.dirname, '../../../../../docs/demo-logins.md');
    expect(fs.readFileSync(file, 'utf8')).toBe(demoLoginsMarkdown());
  });
});

describe('README', () => {
  it('names only demo logins that exist', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { demoLogins } = await import('./demo.service.js');
    const readme = fs.readFileSync(path.resolve(import.meta.dirname, '../../../../../README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('| login | who |'), readme.indexOf('The full list of the demo logins'));
    const named = [...table.matchAll(/`([a-z0-9.-]+)`/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(20);
    const known = new Set(demoLogins().map((l) => l.username));
    expect(named.filter((u) => !known.has(u!))).toEqual([]);
  });
});
