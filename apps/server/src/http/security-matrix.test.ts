import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymous,
  type Client,
  createTestApp,
  type GovernmentFixture,
  makeGovernment,
  makeSystemAdmin,
  signIn,
  type TestContext,
} from '../test/fixture.js';
import { type Access, can, type Permission } from './access.js';

// Deny by default, as a matrix: every registered /api route × {anonymous, member and admin of
// another government, member and admin of the same government, system admin}.

let t: TestContext;
let a: GovernmentFixture;
let b: GovernmentFixture;
let clients: Record<'memberA' | 'adminA' | 'memberB' | 'adminB' | 'system', Client>;

beforeAll(async () => {
  t = await createTestApp();
  a = await makeGovernment(t.db);
  b = await makeGovernment(t.db);
  const sys = await makeSystemAdmin(t.db);
  clients = {
    memberA: await signIn(t.app, a.member.username),
    adminA: await signIn(t.app, a.admin.username),
    memberB: await signIn(t.app, b.member.username),
    adminB: await signIn(t.app, b.admin.username),
    system: await signIn(t.app, sys.username),
  };
});
afterAll(async () => {
  await t.close();
});

/** A concrete URL for a route of government A (ids need not exist: access is checked first). */
function urlFor(pattern: string): string {
  return pattern.replace(':governmentId', a.governmentId).replace(/:[a-zA-Z]+/g, () => randomUUID());
}

const isWrite = (method: string) => method !== 'GET';
const denied = (status: number) => status === 401 || status === 403;

describe('security matrix over every route', () => {
  it('registers routes, each with a declared access rule', () => {
    expect(t.routes.length).toBeGreaterThan(30);
    for (const r of t.routes) expect(r.access, `${r.method} ${r.url}`).toBeDefined();
  });

  it('only health, sign-in, the API description, the verification of signed documents and published achievements are public', () => {
    const publicRoutes = t.routes
      .filter((r) => r.access === 'public' && !r.url.startsWith('/api/docs'))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(publicRoutes).toEqual([
      'GET /api/health',
      'GET /api/openapi.json',
      'GET /api/public/governments/:code/achievements',
      'GET /api/public/verify/:code',
      'GET /api/public/verify/:code/authority-certificate',
      'POST /api/auth/login',
      'POST /api/public/verify/:code',
    ]);
  });

  it('refuses an anonymous caller on every non-public route with 401', async () => {
    for (const r of t.routes.filter((x) => x.access !== 'public')) {
      const res = await anonymous(t.app).request(r.method as 'GET', urlFor(r.url), isWrite(r.method) ? {} : undefined);
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it("refuses a member and an admin of another government on every route of this government's data", async () => {
    const scoped = t.routes.filter((r) => r.url.includes(':governmentId'));
    expect(scoped.length).toBeGreaterThan(25);
    for (const r of scoped) {
      for (const who of ['memberB', 'adminB'] as const) {
        const res = await clients[who].request(r.method as 'GET', urlFor(r.url), isWrite(r.method) ? {} : undefined);
        expect(res.statusCode, `${who} ${r.method} ${r.url}`).toBe(403);
      }
    }
  });

  it('grants each role of the same government exactly what its permission table says', async () => {
    const roleOf = { memberA: 'member', adminA: 'gov_admin', system: 'system_admin' } as const;
    for (const r of t.routes.filter((x) => typeof x.access === 'object')) {
      const permission = (r.access as Exclude<Access, string>).permission as Permission;
      for (const who of ['memberA', 'adminA', 'system'] as const) {
        const actor = {
          role: roleOf[who],
          governmentId: who === 'system' ? null : a.governmentId,
        } as Parameters<typeof can>[0];
        const expected = can(actor, permission, r.url.includes(':governmentId') ? a.governmentId : undefined);
        const res = await clients[who].request(r.method as 'GET', urlFor(r.url), isWrite(r.method) ? {} : undefined);
        if (expected)
          expect(denied(res.statusCode), `${who} allowed ${r.method} ${r.url}: ${res.statusCode}`).toBe(false);
        else expect(res.statusCode, `${who} denied ${r.method} ${r.url}`).toBe(403);
      }
    }
  });

  it('declares the dashboard for every role of a government and the public achievements for anyone', () => {
    const access = (method: string, url: string) => t.routes.find((r) => r.method === method && r.url === url)?.access;
    expect(access('GET', '/api/governments/:governmentId/dashboard')).toEqual({ permission: 'dashboards.read' });
    expect(can({ role: 'member', governmentId: a.governmentId } as Parameters<typeof can>[0], 'dashboards.read')).toBe(
      true,
    );
    expect(access('PUT', '/api/governments/:governmentId/public-achievements')).toEqual({
      permission: 'government.manage',
    });
    expect(access('GET', '/api/public/governments/:code/achievements')).toBe('public');
  });

  it('lists only the caller’s own government on routes without a government in the path', async () => {
    const res = await clients.memberB.request('GET', '/api/governments');
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((g: { id: string }) => g.id);
    expect(ids).toEqual([b.governmentId]);
    const all = await clients.system.request('GET', '/api/governments?pageSize=100');
    expect(all.json().items.map((g: { id: string }) => g.id)).toEqual(
      expect.arrayContaining([a.governmentId, b.governmentId]),
    );
  });

  it('refuses a state-changing request without the CSRF token even for an allowed caller', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/governments/${a.governmentId}/agencies`,
      headers: { cookie: clients.adminA.cookie, 'content-type': 'application/json' },
      payload: JSON.stringify({ code: 'bappeda', name: 'Bappeda', kind: 'badan' }),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF');
    const rows = await t.db.query("SELECT 1 FROM agencies WHERE code = 'bappeda'");
    expect(rows).toHaveLength(0);
  });
});
