import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymous,
  type Client,
  createTestApp,
  type GovernmentFixture,
  makeGovernment,
  signIn,
  type TestContext,
} from '../../test/fixture.js';

const repoRoot = path.resolve(import.meta.dirname, '../../../../..');
const banggai = fs.readFileSync(path.join(repoRoot, 'sops/banggai/disdag-perbaikan-data-kinerja.yaml'), 'utf8');

let t: TestContext;
let g: GovernmentFixture;
let admin: Client;
let member: Client;

/** The seed SOP re-addressed to the test government (code and agency of the fixture). */
function forTestGov(source: string): string {
  return source.replace('government: banggai', `government: ${g.code}`);
}

beforeAll(async () => {
  t = await createTestApp();
  g = await makeGovernment(t.db, { code: 'uji-sop' });
  admin = await signIn(t.app, g.admin.username);
  member = await signIn(t.app, g.member.username);
});
afterAll(async () => {
  await t.close();
});

const gov = (p = '') => `/api/governments/${g.governmentId}${p}`;

describe('SOP import', () => {
  it('imports a valid document as version 1 and lists it for members', async () => {
    const res = await admin.request('POST', gov('/sops/import'), { source: forTestGov(banggai) });
    expect(res.statusCode, res.body).toBe(201);
    const { sop, created } = res.json();
    expect(created).toBe(true);
    expect(sop).toMatchObject({
      key: 'banggai/disdag/perbaikan-data-kinerja',
      title: 'Mekanisme Perbaikan Data Kinerja',
      kind: 'correction',
      agencyId: g.agencyId,
      stepCount: 9,
      laneCount: 6,
      latestVersion: { version: 1, status: 'draft' },
    });
    const list = await member.request('GET', gov('/sops?q=perbaikan'));
    expect(list.statusCode).toBe(200);
    // SOPs have no active flag; versions carry their status.
    const withActive = await member.request('GET', gov('/sops?active=true'));
    expect(withActive.statusCode).toBe(400);
    expect(withActive.json().error.details[0].path).toBe('query.active');
    expect(list.json().items.map((s: { id: string }) => s.id)).toEqual([sop.id]);
    const detail = await member.request('GET', gov(`/sops/${sop.id}`));
    expect(detail.json().document.steps[5].decision).toMatchObject({ ya: 7, tidak: 5 });
    // The lanes come back in their printed column order.
    expect(Object.keys(detail.json().document.lanes)).toEqual([
      'kadis',
      'sekdis',
      'kasubbag-pe',
      'kabid',
      'kasi',
      'jp',
    ]);
    const lanes = await member.request('GET', gov(`/sops/${sop.id}/lanes`));
    expect(lanes.json().items.map((l: { laneId: string }) => l.laneId)).toEqual([
      'kadis',
      'sekdis',
      'kasubbag-pe',
      'kabid',
      'kasi',
      'jp',
    ]);
    const audit = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'sop.import' AND entity_id = $1",
      [sop.id],
    );
    expect(audit[0]!.n).toBe(1);
  });

  it('changes nothing for the same document and makes a new draft version for a changed one', async () => {
    const same = await admin.request('POST', gov('/sops/import'), { source: forTestGov(banggai) });
    expect(same.statusCode).toBe(200);
    expect(same.json().created).toBe(false);
    const changed = forTestGov(banggai).replace('duration: 480 menit', 'duration: 420 menit');
    const v2 = await admin.request('POST', gov('/sops/import'), { source: changed });
    expect(v2.statusCode).toBe(201);
    expect(v2.json().sop.latestVersion.version).toBe(2);
    const detail = await admin.request('GET', gov(`/sops/${v2.json().sop.id}`));
    expect(detail.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('lists every error of an invalid document with its path, and saves nothing', async () => {
    const before = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sop_versions');
    const broken = forTestGov(banggai)
      .replace('decision: { ya: 7, tidak: 5,', 'decision: { ya: 7, tidak: 12,')
      .replace('binding: secretary', 'binding: bupati');
    const res = await admin.request('POST', gov('/sops/import'), { source: broken });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('SOP_INVALID');
    expect(error.message).toBe('Dokumen SOP tidak valid; perbaiki kesalahan yang disebutkan');
    expect(error.details.map((d: { path: string }) => d.path)).toContain('body.source.lanes.sekdis.binding');
    const onlyRoute = await admin.request('POST', gov('/sops/import'), {
      source: forTestGov(banggai).replace('decision: { ya: 7, tidak: 5,', 'decision: { ya: 7, tidak: 12,'),
    });
    // In the person's language: Indonesian by default, English when asked.
    expect(onlyRoute.json().error.details).toEqual([
      { path: 'body.source.steps[5].decision.tidak', message: 'langkah 12 tidak ada' },
    ]);
    const inEnglish = await admin.request(
      'POST',
      gov('/sops/import'),
      { source: forTestGov(banggai).replace('decision: { ya: 7, tidak: 5,', 'decision: { ya: 7, tidak: 12,') },
      { 'accept-language': 'en' },
    );
    expect(inEnglish.json().error.details).toEqual([
      { path: 'body.source.steps[5].decision.tidak', message: 'step 12 does not exist' },
    ]);
    const badDuration = await admin.request('POST', gov('/sops/import'), {
      source: forTestGov(banggai).replace('duration: 480 menit', 'duration: delapan jam'),
    });
    expect(badDuration.json().error.details).toEqual([
      { path: 'body.source.steps[4].duration', message: 'tulis waktu sebagai "<angka> menit|jam|hari"' },
    ]);
    const after = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sop_versions');
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('refuses a document of another government or an unknown agency', async () => {
    const other = await admin.request('POST', gov('/sops/import'), { source: banggai });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.details[0].path).toBe('body.source.agency.government');
    const unknown = await admin.request('POST', gov('/sops/import'), {
      source: forTestGov(banggai).replace('agency: disdag', 'agency: bappeda'),
    });
    expect(unknown.json().error.details[0].path).toBe('body.source.agency.agency');
  });

  it('is for admins to import and for the government’s people to read', async () => {
    expect((await member.request('POST', gov('/sops/import'), { source: forTestGov(banggai) })).statusCode).toBe(403);
    expect((await anonymous(t.app).request('GET', gov('/sops'))).statusCode).toBe(401);
    const b = await makeGovernment(t.db);
    const outsider = await signIn(t.app, b.admin.username);
    expect((await outsider.request('GET', gov('/sops'))).statusCode).toBe(403);
  });
});
