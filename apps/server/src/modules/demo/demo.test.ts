import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestContext } from '../../test/fixture.js';
import { DEMO_ADMIN, DEMO_PASSWORD, isEmpty, loadDemo } from './demo.service.js';
import { demoData } from './demo-data.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('demo organisation', () => {
  it('loads the five seed agencies into an empty database, with one login per held position', async () => {
    expect(await isEmpty(t.db)).toBe(true);
    const r = await loadDemo(t.db);
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
