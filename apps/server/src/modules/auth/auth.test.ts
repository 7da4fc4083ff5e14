import { errorMessages, formatNip, type MeResponse, meResponse } from '@sidakin/core';
import type { LightMyRequestResponse } from 'fastify';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymous,
  type Client,
  createTestApp,
  type GovernmentFixture,
  makeGovernment,
  makeSystemAdmin,
  signIn,
  TEST_PASSWORD,
  type TestContext,
} from '../../test/fixture.js';

// Sign-in and sessions over HTTP against a real database: the cookie, CSRF, logout, passwords
// (argon2id, change), throttling, two-step verification (optional and mandatory for admins).

let t: TestContext;
let system: Client;

beforeAll(async () => {
  t = await createTestApp();
  system = await signIn(t.app, (await makeSystemAdmin(t.db)).username);
});
afterAll(async () => {
  await t.close();
});

let n = 0;
const next = () => ++n;

// ── helpers ───────────────────────────────────────────────────────────────────────────────
interface ErrorBody {
  code: string;
  message: string;
  details?: { path: string; message: string }[];
}

function expectError(res: LightMyRequestResponse, status: number, code: string, path?: string): ErrorBody {
  expect(res.statusCode, res.body).toBe(status);
  const error = res.json().error as ErrorBody;
  expect(error.code).toBe(code);
  if (path) expect(error.details?.map((d) => d.path)).toContain(path);
  return error;
}

function ok<T>(res: LightMyRequestResponse): T {
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
}

/**
 * One raw sign-in attempt. Each comes from its own client address unless one is given, so only
 * the per-account throttle is in play (the per-address one allows 30 failures).
 */
function attempt(username: string, password: string, extra: { otp?: string; ip?: string } = {}) {
  const i = next();
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ username, password, ...(extra.otp ? { otp: extra.otp } : {}) }),
    remoteAddress: extra.ip ?? `10.30.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`,
  });
}

interface AuditRecord {
  action: string;
  entity_type: string;
  entity_id: string | null;
  government_id: string | null;
  actor_user_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

async function auditMark(): Promise<number> {
  return (await t.db.query<{ n: number }>('SELECT coalesce(max(id), 0)::int AS n FROM audit_log'))[0]!.n;
}

async function auditSince(mark: number): Promise<AuditRecord[]> {
  return t.db.query<AuditRecord>(
    `SELECT action, entity_type, entity_id, government_id, actor_user_id, before, after, ip
       FROM audit_log WHERE id > $1 ORDER BY id`,
    [mark],
  );
}

async function sessionsOf(userId: string): Promise<number> {
  const rows = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [userId]);
  return rows[0]!.n;
}

const totp = (secret: string) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });

/**
 * The code the authenticator app shows now, or `offsetMs` later. Sign-ins after enabling use the
 * next period's code (the server accepts one period either side), so no test depends on a code
 * being accepted twice.
 */
const codeFor = (secret: string, offsetMs = 0) => totp(secret).generate({ timestamp: Date.now() + offsetMs });

/** A six-digit code that is valid in none of the windows the server accepts. */
function wrongCodeFor(secret: string): string {
  const now = Date.now();
  const valid = new Set(
    [-60_000, -30_000, 0, 30_000, 60_000].map((d) => totp(secret).generate({ timestamp: now + d })),
  );
  for (let i = 0; ; i++) {
    const candidate = String(i).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}

/** Starts and enables two-step verification for a signed-in client; returns the secret. */
async function enableTotp(client: Client): Promise<string> {
  const { secret } = ok<{ secret: string }>(await client.request('POST', '/api/auth/totp/setup'));
  ok(await client.request('POST', '/api/auth/totp/enable', { code: codeFor(secret) }));
  return secret;
}

// ── signing in ────────────────────────────────────────────────────────────────────────────
describe('signing in', () => {
  let g: GovernmentFixture;
  beforeAll(async () => {
    g = await makeGovernment(t.db);
  });

  it('sets an httpOnly, SameSite=Lax, Path=/ session cookie and answers with the MeResponse', async () => {
    const mark = await auditMark();
    const res = await attempt(g.member.username, TEST_PASSWORD);
    expect(res.statusCode, res.body).toBe(200);

    const cookie = res.cookies.find((c) => c.name === 'sidakin_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie!.value.length).toBeGreaterThanOrEqual(32);
    expect(cookie!.expires!.getTime()).toBeGreaterThan(Date.now());
    const header = ([] as string[])
      .concat(res.headers['set-cookie'] ?? [])
      .find((h) => h.startsWith('sidakin_session='));
    expect(header).toMatch(/; HttpOnly/);
    expect(header).toMatch(/; SameSite=Lax/);
    expect(header).toMatch(/; Path=\/(;|$)/);

    const me = meResponse.parse(res.json());
    expect(me).toMatchObject({
      user: { id: g.member.id, username: g.member.username, role: 'member', governmentId: g.governmentId },
      government: { id: g.governmentId, timeZone: 'Asia/Jakarta', requireAdminTotp: false },
      positions: [{ positionId: g.staffPositionId, acting: null }],
      actingPositionId: g.staffPositionId,
      totpSetupRequired: false,
    });
    expect(me.csrfToken.length).toBeGreaterThanOrEqual(16);
    // The cookie carries a random token; the database keeps only its hash.
    const stored = await t.db.query<{ id: string }>('SELECT id FROM sessions WHERE user_id = $1', [g.member.id]);
    expect(stored.map((s) => s.id)).not.toContain(cookie!.value);

    const [login] = await auditSince(mark);
    expect(login).toMatchObject({
      action: 'auth.login',
      entity_type: 'user',
      entity_id: g.member.id,
      actor_user_id: g.member.id,
      government_id: g.governmentId,
    });
  });

  it('a wrong password and an unknown user get the same 401 INVALID_CREDENTIALS; both are audited', async () => {
    const mark = await auditMark();
    const wrong = await attempt(g.member.username, 'bukan-sandinya-1');
    const unknown = await attempt(`tidak.ada.${next()}`, TEST_PASSWORD);
    for (const res of [wrong, unknown]) {
      expectError(res, 401, 'INVALID_CREDENTIALS');
      expect(res.cookies.find((c) => c.name === 'sidakin_session')).toBeUndefined();
    }
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.message).toBe(errorMessages.INVALID_CREDENTIALS.id);

    const records = await auditSince(mark);
    expect(records).toEqual([
      expect.objectContaining({
        action: 'auth.login_failed',
        entity_id: g.member.id,
        after: { login: g.member.username, reason: 'wrong-password' },
      }),
      expect.objectContaining({
        action: 'auth.login_failed',
        entity_id: null,
        government_id: null,
        after: expect.objectContaining({ reason: 'unknown-account' }),
      }),
    ]);
    // Nothing secret in the trail.
    expect(JSON.stringify(records)).not.toMatch(/bukan-sandinya|test-password/);
  });

  it('GET /api/auth/me without a cookie, or with an unknown one, is a 401', async () => {
    expectError(await anonymous(t.app).request('GET', '/api/auth/me'), 401, 'UNAUTHENTICATED');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: 'sidakin_session=forged' },
    });
    expectError(res, 401, 'UNAUTHENTICATED');
  });

  it('stores the password as an argon2id hash', async () => {
    const rows = await t.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [
      g.member.id,
    ]);
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0]!.password_hash).not.toContain(TEST_PASSWORD);
  });

  it('a government that is switched off: its people cannot sign in and their sessions end', async () => {
    const off = await makeGovernment(t.db);
    const session = await signIn(t.app, off.member.username);
    ok(await system.request('PATCH', `/api/governments/${off.governmentId}`, { active: false }));

    for (const username of [off.member.username, off.admin.username]) {
      expectError(await attempt(username, TEST_PASSWORD), 401, 'INVALID_CREDENTIALS');
    }
    expectError(await session.request('GET', '/api/auth/me'), 401, 'UNAUTHENTICATED');
  });
});

// ── sessions and CSRF ─────────────────────────────────────────────────────────────────────
describe('sessions and CSRF', () => {
  it('a state-changing request without or with a wrong x-csrf-token is a 403 CSRF and changes nothing', async () => {
    const g = await makeGovernment(t.db);
    const admin = await signIn(t.app, g.admin.username);
    const url = `/api/governments/${g.governmentId}/agencies`;
    const body = { code: 'badan-csrf', name: 'Badan Lewat CSRF', kind: 'badan' };
    const countAgencies = async () =>
      (
        await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM agencies WHERE government_id = $1', [
          g.governmentId,
        ])
      )[0]!.n;
    const before = { agencies: await countAgencies(), audit: await auditMark() };

    const forged = [{}, { 'x-csrf-token': 'salah' }, { 'x-csrf-token': `${admin.csrfToken}x` }, { 'x-csrf-token': '' }];
    for (const csrf of forged) {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: admin.cookie, 'content-type': 'application/json', ...csrf },
        payload: JSON.stringify(body),
      });
      expect(expectError(res, 403, 'CSRF').message).toBe(errorMessages.CSRF.id);
    }
    // The token of another session does not fit either.
    const other = await signIn(t.app, g.admin.username);
    const crossed = await admin.request('POST', url, body, { 'x-csrf-token': other.csrfToken });
    expectError(crossed, 403, 'CSRF');

    const logoutWithout = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: admin.cookie },
    });
    expectError(logoutWithout, 403, 'CSRF');

    expect(await countAgencies()).toBe(before.agencies);
    // Only the second sign-in above was recorded.
    expect((await auditSince(before.audit)).map((r) => r.action)).toEqual(['auth.login']);
    ok(await admin.request('GET', '/api/auth/me'));
    expect((await admin.request('POST', url, body)).statusCode).toBe(201);
  });

  it('logout ends the session: the old cookie gets 401; the logout is audited', async () => {
    const g = await makeGovernment(t.db);
    const member = await signIn(t.app, g.member.username);
    const other = await signIn(t.app, g.member.username);
    const mark = await auditMark();

    const res = await member.request('POST', '/api/auth/logout');
    expect(ok(res)).toEqual({ ok: true });
    const cleared = res.cookies.find((c) => c.name === 'sidakin_session');
    expect(cleared?.value).toBe('');
    expect(cleared!.expires!.getTime()).toBeLessThanOrEqual(Date.now());

    expectError(await member.request('GET', '/api/auth/me'), 401, 'UNAUTHENTICATED');
    expectError(await member.request('POST', '/api/auth/logout'), 401, 'UNAUTHENTICATED');
    // Only that session ended.
    ok(await other.request('GET', '/api/auth/me'));
    expect(await auditSince(mark)).toEqual([
      expect.objectContaining({ action: 'auth.logout', entity_id: g.member.id, actor_user_id: g.member.id }),
    ]);
  });
});

// ── passwords ─────────────────────────────────────────────────────────────────────────────
describe('changing the password', () => {
  it('a wrong current password is a 400 at body.currentPassword; a short new one at body.newPassword', async () => {
    const g = await makeGovernment(t.db);
    const member = await signIn(t.app, g.member.username);
    const mark = await auditMark();

    const wrong = await member.request('POST', '/api/auth/password', {
      currentPassword: 'bukan-sandinya-1',
      newPassword: 'sandi-baru-yang-panjang',
    });
    expectError(wrong, 400, 'WRONG_PASSWORD', 'body.currentPassword');
    const short = await member.request('POST', '/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'pendek',
    });
    expectError(short, 400, 'VALIDATION', 'body.newPassword');

    expect(await auditSince(mark)).toEqual([]);
    await signIn(t.app, g.member.username, TEST_PASSWORD);
  });

  it('success: the old password is refused, the new one works, other sessions end, this one goes on', async () => {
    const g = await makeGovernment(t.db);
    const current = await signIn(t.app, g.member.username);
    const others = [await signIn(t.app, g.member.username), await signIn(t.app, g.member.username)];
    const newPassword = 'sandi-baru-banggai-2026';

    const mark = await auditMark();
    const res = await current.request('POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword });
    expect(ok(res)).toEqual({ ok: true });
    expect(await auditSince(mark)).toEqual([
      expect.objectContaining({
        action: 'auth.password_change',
        entity_id: g.member.id,
        actor_user_id: g.member.id,
        after: { otherSessionsEnded: 2 },
      }),
    ]);
    expect(JSON.stringify(await auditSince(mark))).not.toContain(newPassword);

    ok(await current.request('GET', '/api/auth/me'));
    for (const s of others) expectError(await s.request('GET', '/api/auth/me'), 401, 'UNAUTHENTICATED');
    expect(await sessionsOf(g.member.id)).toBe(1);
    expectError(await attempt(g.member.username, TEST_PASSWORD), 401, 'INVALID_CREDENTIALS');
    await signIn(t.app, g.member.username, newPassword);
    const hash = await t.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [
      g.member.id,
    ]);
    expect(hash[0]!.password_hash).toMatch(/^\$argon2id\$/);
  });
});

// ── throttling ────────────────────────────────────────────────────────────────────────────
describe('sign-in throttling', () => {
  it('after 5 wrong passwords the 6th attempt, even with the right password, is a 429 with Retry-After', async () => {
    const g = await makeGovernment(t.db);
    for (let i = 0; i < 5; i++) {
      expectError(await attempt(g.member.username, `salah-${i}-sandinya`), 401, 'INVALID_CREDENTIALS');
    }
    const res = await attempt(g.member.username, TEST_PASSWORD);
    const error = expectError(res, 429, 'TOO_MANY_ATTEMPTS');
    expect(error.message).toBe('Terlalu banyak percobaan masuk yang gagal; coba lagi nanti');
    const retryAfter = String(res.headers['retry-after']);
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(res.cookies.find((c) => c.name === 'sidakin_session')).toBeUndefined();
    // The account name is what counts, whatever its letter case.
    expectError(await attempt(g.member.username.toUpperCase(), TEST_PASSWORD), 429, 'TOO_MANY_ATTEMPTS');

    // Other accounts, from the same address, are unaffected.
    await signIn(t.app, g.admin.username);
  });

  it('wrong passwords through the NIP, however it is spaced, count toward the same account', async () => {
    const g = await makeGovernment(t.db);
    const rows = await t.db.query<{ nip: string }>('SELECT nip FROM employees WHERE id = $1', [g.staffEmployeeId]);
    const nip = rows[0]!.nip;
    const spellings = [
      g.member.username,
      nip,
      formatNip(nip),
      `${nip.slice(0, 8)} ${nip.slice(8)}`,
      `${nip.slice(0, 14)} ${nip.slice(14)}`,
    ];
    for (const login of spellings) {
      expectError(await attempt(login, 'salah-terus-sandinya'), 401, 'INVALID_CREDENTIALS');
    }
    // Five failures on one account: locked, whichever name is used next.
    expectError(await attempt(g.member.username, TEST_PASSWORD), 429, 'TOO_MANY_ATTEMPTS');
  });

  it('the English message and the lock hold for later attempts too', async () => {
    const g = await makeGovernment(t.db);
    for (let i = 0; i < 5; i++) await attempt(g.member.username, `salah-${i}-sandinya`);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      payload: JSON.stringify({ username: g.member.username, password: TEST_PASSWORD }),
    });
    expect(expectError(res, 429, 'TOO_MANY_ATTEMPTS').message).toBe(errorMessages.TOO_MANY_ATTEMPTS.en);
  });

  it('a successful sign-in before the limit resets the count', async () => {
    const g = await makeGovernment(t.db);
    for (let i = 0; i < 4; i++)
      expectError(await attempt(g.member.username, `salah-${i}-sandinya`), 401, 'INVALID_CREDENTIALS');
    expect((await attempt(g.member.username, TEST_PASSWORD)).statusCode).toBe(200);
    // Without the reset, the first of these would be the 5th failure and the rest would be locked.
    for (let i = 0; i < 4; i++)
      expectError(await attempt(g.member.username, `lagi-${i}-sandinya`), 401, 'INVALID_CREDENTIALS');
    expect((await attempt(g.member.username, TEST_PASSWORD)).statusCode).toBe(200);
  });
});

// ── two-step verification ─────────────────────────────────────────────────────────────────
describe('two-step verification (TOTP)', () => {
  it('setup gives a secret and an otpauth URL; a wrong code does not enable it, a right one does', async () => {
    const g = await makeGovernment(t.db);
    const member = await signIn(t.app, g.member.username);
    const mark = await auditMark();

    const setup = ok<{ secret: string; otpauthUrl: string }>(await member.request('POST', '/api/auth/totp/setup'));
    expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(setup.otpauthUrl);
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(url.searchParams.get('secret')).toBe(setup.secret);
    expect(url.searchParams.get('issuer')).toBe('SIDAKIN');
    expect(decodeURIComponent(url.pathname)).toContain(g.member.username);

    const wrong = await member.request('POST', '/api/auth/totp/enable', { code: wrongCodeFor(setup.secret) });
    expectError(wrong, 400, 'TOTP_INVALID', 'body.code');
    expect(ok<MeResponse>(await member.request('GET', '/api/auth/me')).user.totpEnabled).toBe(false);
    expectError(
      await member.request('POST', '/api/auth/totp/enable', { code: '12345' }),
      400,
      'VALIDATION',
      'body.code',
    );

    ok(await member.request('POST', '/api/auth/totp/enable', { code: codeFor(setup.secret) }));
    expect(ok<MeResponse>(await member.request('GET', '/api/auth/me')).user.totpEnabled).toBe(true);
    expect((await auditSince(mark)).map((r) => r.action)).toEqual(['auth.totp_setup', 'auth.totp_enable']);
    expect(JSON.stringify(await auditSince(mark))).not.toContain(setup.secret);
  });

  it('once enabled: no code is 401 TOTP_REQUIRED, a wrong code 401 TOTP_INVALID, the right code signs in', async () => {
    const g = await makeGovernment(t.db);
    const secret = await enableTotp(await signIn(t.app, g.member.username));
    // The secret is sealed at rest: the row holds no trace of it.
    const [row] = await t.db.query<{ totp_secret: string }>('SELECT totp_secret FROM users WHERE id = $1', [
      g.member.id,
    ]);
    expect(row!.totp_secret).toMatch(/^v1\./);
    expect(row!.totp_secret).not.toContain(secret);

    const none = await attempt(g.member.username, TEST_PASSWORD);
    expectError(none, 401, 'TOTP_REQUIRED');
    expect(none.cookies.find((c) => c.name === 'sidakin_session')).toBeUndefined();
    expectError(await attempt(g.member.username, TEST_PASSWORD, { otp: wrongCodeFor(secret) }), 401, 'TOTP_INVALID');
    // The code does not stand in for the password.
    expectError(
      await attempt(g.member.username, 'bukan-sandinya-1', { otp: codeFor(secret) }),
      401,
      'INVALID_CREDENTIALS',
    );

    const mark = await auditMark();
    const res = await attempt(g.member.username, TEST_PASSWORD, { otp: codeFor(secret, 30_000) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user.totpEnabled).toBe(true);
    expect(await auditSince(mark)).toEqual([
      expect.objectContaining({ action: 'auth.login', after: expect.objectContaining({ secondFactor: true }) }),
    ]);
  });

  it('a code that signed in once is not accepted a second time', async () => {
    const g = await makeGovernment(t.db);
    const secret = await enableTotp(await signIn(t.app, g.member.username));
    const code = codeFor(secret, 30_000);
    expect((await attempt(g.member.username, TEST_PASSWORD, { otp: code })).statusCode).toBe(200);
    // RFC 6238 §5.2: the verifier must not accept the same one-time password again, so a code
    // seen over a shoulder or phished cannot open a second session.
    expectError(await attempt(g.member.username, TEST_PASSWORD, { otp: code }), 401, 'TOTP_INVALID');
  });

  it('turning it off needs the password', async () => {
    const g = await makeGovernment(t.db);
    const member = await signIn(t.app, g.member.username);
    await enableTotp(member);

    const wrong = await member.request('POST', '/api/auth/totp/disable', { password: 'bukan-sandinya-1' });
    expectError(wrong, 400, 'WRONG_PASSWORD', 'body.password');
    expectError(await member.request('POST', '/api/auth/totp/disable', {}), 400, 'VALIDATION', 'body.password');
    expect(ok<MeResponse>(await member.request('GET', '/api/auth/me')).user.totpEnabled).toBe(true);

    ok(await member.request('POST', '/api/auth/totp/disable', { password: TEST_PASSWORD }));
    expect(ok<MeResponse>(await member.request('GET', '/api/auth/me')).user.totpEnabled).toBe(false);
    expect((await attempt(g.member.username, TEST_PASSWORD)).statusCode).toBe(200);
  });
});

describe('mandatory two-step verification for admins (requireAdminTotp)', () => {
  it('an admin without TOTP signs in, may only set it up, then works; and cannot turn it off', async () => {
    const g = await makeGovernment(t.db, { requireAdminTotp: true });
    const agencies = `/api/governments/${g.governmentId}/agencies`;

    const res = await attempt(g.admin.username, TEST_PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ totpSetupRequired: true, government: { requireAdminTotp: true } });
    const admin = await signIn(t.app, g.admin.username);

    expect(ok<MeResponse>(await admin.request('GET', '/api/auth/me')).totpSetupRequired).toBe(true);
    for (const [method, url, body] of [
      ['GET', agencies, undefined],
      ['GET', `/api/governments/${g.governmentId}`, undefined],
      ['GET', `/api/governments/${g.governmentId}/users`, undefined],
      ['POST', agencies, { code: 'badan-x', name: 'Badan X', kind: 'badan' }],
    ] as const) {
      const blocked = await admin.request(method, url, body);
      expect(expectError(blocked, 403, 'TOTP_SETUP_REQUIRED').message).toBe(errorMessages.TOTP_SETUP_REQUIRED.id);
    }

    const { secret } = ok<{ secret: string }>(await admin.request('POST', '/api/auth/totp/setup'));
    ok(await admin.request('POST', '/api/auth/totp/enable', { code: codeFor(secret) }));

    // The same session now works.
    expect(ok<MeResponse>(await admin.request('GET', '/api/auth/me')).totpSetupRequired).toBe(false);
    ok(await admin.request('GET', agencies));

    const off = await admin.request('POST', '/api/auth/totp/disable', { password: TEST_PASSWORD });
    expect(expectError(off, 409, 'TOTP_MANDATORY').message).toBe(errorMessages.TOTP_MANDATORY.id);
    expect(ok<MeResponse>(await admin.request('GET', '/api/auth/me')).user.totpEnabled).toBe(true);

    // From now on the admin signs in with a code.
    expectError(await attempt(g.admin.username, TEST_PASSWORD), 401, 'TOTP_REQUIRED');
    const withCode = await signIn(t.app, g.admin.username, TEST_PASSWORD, { otp: codeFor(secret, 30_000) });
    ok(await withCode.request('GET', agencies));
  });

  it('members of that government are not affected', async () => {
    const g = await makeGovernment(t.db, { requireAdminTotp: true });
    const res = await attempt(g.member.username, TEST_PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().totpSetupRequired).toBe(false);
    const member = await signIn(t.app, g.member.username);
    ok(await member.request('GET', `/api/governments/${g.governmentId}/agencies`));
  });

  it('switching it on takes effect for an admin already signed in', async () => {
    const g = await makeGovernment(t.db);
    const admin = await signIn(t.app, g.admin.username);
    ok(await admin.request('PATCH', `/api/governments/${g.governmentId}`, { requireAdminTotp: true }));
    expectError(await admin.request('GET', `/api/governments/${g.governmentId}/agencies`), 403, 'TOTP_SETUP_REQUIRED');
    expect(ok<MeResponse>(await admin.request('GET', '/api/auth/me')).totpSetupRequired).toBe(true);
  });
});
