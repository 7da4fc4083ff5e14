import {
  type createEmployeeBody,
  type createUserBody,
  type Employee,
  formatNip,
  type MeResponse,
  type UserRecord,
} from '@sidakin/core';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  anonymous,
  type Client,
  createTestApp,
  type GovernmentFixture,
  makeGovernment,
  makeNip,
  makeSystemAdmin,
  signIn,
  TEST_PASSWORD,
  type TestContext,
} from '../../test/fixture.js';

// Accounts of a government: created by its admin, linked to an employee (so the NIP signs in too),
// deactivated, re-roled and reset, each with its audit record and its effect on live sessions.

let t: TestContext;
let g: GovernmentFixture;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  g = await makeGovernment(t.db);
  admin = await signIn(t.app, g.admin.username);
});
afterAll(async () => {
  await t.close();
});

const gov = (path = '') => `/api/governments/${g.governmentId}${path}`;
let n = 0;
const next = () => ++n;

// ── assertions ─────────────────────────────────────────────────────────────────────────────
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

function ok<T>(res: LightMyRequestResponse, status = 200): T {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  return (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;
}

/** Runs `act` and checks that neither the accounts nor the audit trail changed in number. */
async function expectNothingSaved(act: () => Promise<void>): Promise<void> {
  const before = { users: await count('users'), audit: await count('audit_log') };
  await act();
  expect({ users: await count('users'), audit: await count('audit_log') }).toEqual(before);
}

interface AuditRecord {
  action: string;
  entity_type: string;
  entity_id: string | null;
  actor_user_id: string | null;
  before: unknown;
  after: unknown;
}

async function auditMark(): Promise<number> {
  return (await t.db.query<{ n: number }>('SELECT coalesce(max(id), 0)::int AS n FROM audit_log'))[0]!.n;
}

async function auditSince(mark: number): Promise<AuditRecord[]> {
  return t.db.query<AuditRecord>(
    'SELECT action, entity_type, entity_id, actor_user_id, before, after FROM audit_log WHERE id > $1 ORDER BY id',
    [mark],
  );
}

async function onlyAuditSince(mark: number): Promise<AuditRecord> {
  const records = await auditSince(mark);
  expect(records.map((r) => r.action)).toHaveLength(1);
  return records[0]!;
}

/** A raw sign-in attempt (from its own address, so failures here never throttle other tests by IP). */
function attemptLogin(username: string, password: string) {
  const i = next();
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ username, password }),
    remoteAddress: `10.20.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`,
  });
}

// ── factories ─────────────────────────────────────────────────────────────────────────────
async function makeEmployee(overrides: Partial<z.input<typeof createEmployeeBody>> = {}): Promise<Employee> {
  return ok(
    await admin.request('POST', gov('/employees'), {
      agencyId: g.agencyId,
      nip: makeNip(),
      name: `Pegawai Uji ${next()}`,
      ...overrides,
    }),
    201,
  );
}

type NewUser = z.input<typeof createUserBody>;

/** An account created by the government's admin through the API (linked to a new employee by default). */
async function makeUser(overrides: Partial<NewUser> = {}): Promise<UserRecord & { password: string }> {
  const i = next();
  const employeeId = 'employeeId' in overrides ? overrides.employeeId : (await makeEmployee()).id;
  const body: NewUser = {
    username: `pengguna.${i}`,
    displayName: `Pengguna Uji ${i}`,
    role: 'member',
    password: `sandi-awal-${i}-2026`,
    ...overrides,
    employeeId,
  };
  const user = ok<UserRecord>(await admin.request('POST', gov('/users'), body), 201);
  return { ...user, password: body.password };
}

// ── creating accounts ─────────────────────────────────────────────────────────────────────
describe('creating accounts', () => {
  it('a gov admin creates a member linked to an employee; one audit record, without the password', async () => {
    const e = await makeEmployee({ nip: '19880412 201101 2 005', name: 'Rina Marlina' });
    const mark = await auditMark();
    const password = 'sandi-awal-rina-2026';
    const res = await admin.request('POST', gov('/users'), {
      username: 'rina.marlina',
      displayName: 'Rina Marlina, S.E.',
      role: 'member',
      employeeId: e.id,
      password,
    });
    const user = ok<UserRecord>(res, 201);
    expect(user).toMatchObject({
      governmentId: g.governmentId,
      username: 'rina.marlina',
      role: 'member',
      employeeId: e.id,
      employeeName: 'Rina Marlina',
      employeeNip: '198804122011012005',
      active: true,
      totpEnabled: false,
      lastLoginAt: null,
    });
    expect(res.body).not.toMatch(/password|argon2/i);
    expect(ok<UserRecord>(await admin.request('GET', gov(`/users/${user.id}`)))).toEqual(user);

    const record = await onlyAuditSince(mark);
    expect(record).toMatchObject({
      action: 'user.create',
      entity_type: 'user',
      entity_id: user.id,
      actor_user_id: g.admin.id,
      before: null,
      after: user,
    });
    expect(JSON.stringify(record)).not.toContain(password);
    expect(JSON.stringify(record)).not.toMatch(/argon2/);
  });

  it('the member signs in with the username and with the NIP, with and without spaces', async () => {
    const e = await makeEmployee({ nip: '19890923 201203 1 002' });
    const user = await makeUser({ employeeId: e.id });
    for (const login of [
      user.username,
      user.username.toUpperCase(),
      e.nip,
      formatNip(e.nip),
      ` ${formatNip(e.nip)} `,
    ]) {
      const client = await signIn(t.app, login, user.password);
      const me = ok<MeResponse>(await client.request('GET', '/api/auth/me'));
      expect(me.user, login).toMatchObject({ id: user.id, employeeId: e.id, mustChangePassword: true });
    }
    expect(formatNip(e.nip)).toBe('19890923 201203 1 002');
  });

  it('a username already taken, in any letter case, is a 409 at body.username; nothing is saved', async () => {
    const existing = await makeUser({ username: 'sartini.lamusu' });
    await makeSystemAdmin(t.db, 'Admin.Pusat'); // stored with capitals, outside this government
    await expectNothingSaved(async () => {
      for (const username of ['sartini.lamusu', 'Sartini.Lamusu', 'ADMIN.PUSAT', g.member.username]) {
        const res = await admin.request('POST', gov('/users'), {
          username,
          displayName: 'Kembar',
          role: 'member',
          password: TEST_PASSWORD,
        });
        expectError(res, 409, 'DUPLICATE', 'body.username');
      }
    });
    expect(ok<UserRecord>(await admin.request('GET', gov(`/users/${existing.id}`))).displayName).toBe(
      existing.displayName,
    );
  });

  it('an employee who already has an active account is a 409 at body.employeeId; nothing is saved', async () => {
    await expectNothingSaved(async () => {
      const res = await admin.request('POST', gov('/users'), {
        username: `kedua.${next()}`,
        displayName: 'Akun Kedua',
        role: 'member',
        employeeId: g.staffEmployeeId, // the fixture's member account is linked to this employee
        password: TEST_PASSWORD,
      });
      expectError(res, 409, 'DUPLICATE', 'body.employeeId');
    });
  });

  it('bad input is a 400 naming each field; nothing is saved', async () => {
    const other = await makeGovernment(t.db);
    await expectNothingSaved(async () => {
      const res = await admin.request('POST', gov('/users'), {
        username: 'x',
        displayName: '',
        role: 'system_admin',
        password: 'pendek',
      });
      const error = expectError(res, 400, 'VALIDATION');
      expect(error.details!.map((d) => d.path)).toEqual(
        expect.arrayContaining(['body.username', 'body.displayName', 'body.role', 'body.password']),
      );
      const foreign = await admin.request('POST', gov('/users'), {
        username: `asing.${next()}`,
        displayName: 'Pegawai Asing',
        role: 'member',
        employeeId: other.staffEmployeeId,
        password: TEST_PASSWORD,
      });
      expectError(foreign, 400, 'VALIDATION', 'body.employeeId');
    });
  });

  it('a member can neither list, read, create nor change accounts (403)', async () => {
    const member = await signIn(t.app, g.member.username);
    await expectNothingSaved(async () => {
      expectError(await member.request('GET', gov('/users')), 403, 'FORBIDDEN');
      expectError(await member.request('GET', gov(`/users/${g.admin.id}`)), 403, 'FORBIDDEN');
      const create = await member.request('POST', gov('/users'), {
        username: `menyusup.${next()}`,
        displayName: 'Menyusup',
        role: 'gov_admin',
        password: TEST_PASSWORD,
      });
      expectError(create, 403, 'FORBIDDEN');
      expectError(await member.request('PATCH', gov(`/users/${g.member.id}`), { role: 'gov_admin' }), 403, 'FORBIDDEN');
      expectError(
        await member.request('POST', gov(`/users/${g.admin.id}/reset-password`), { newPassword: 'diambil-alih-2026' }),
        403,
        'FORBIDDEN',
      );
    });
  });

  it("another government's accounts are 404 under this government's path and 403 under their own", async () => {
    const other = await makeGovernment(t.db);
    await expectNothingSaved(async () => {
      expectError(await admin.request('GET', gov(`/users/${other.member.id}`)), 404, 'NOT_FOUND');
      expectError(await admin.request('PATCH', gov(`/users/${other.member.id}`), { active: false }), 404, 'NOT_FOUND');
      expectError(
        await admin.request('POST', gov(`/users/${other.member.id}/reset-password`), {
          newPassword: 'diambil-alih-2026',
        }),
        404,
        'NOT_FOUND',
      );
      expectError(await admin.request('GET', `/api/governments/${other.governmentId}/users`), 403, 'FORBIDDEN');
    });
    await signIn(t.app, other.member.username); // still intact
  });
});

// ── changing accounts ─────────────────────────────────────────────────────────────────────
describe('deactivating and re-roling accounts', () => {
  it('deactivating an account ends its sessions at once, and it can no longer sign in', async () => {
    const user = await makeUser();
    const sessions = [
      await signIn(t.app, user.username, user.password),
      await signIn(t.app, user.username, user.password),
    ];

    const mark = await auditMark();
    const res = ok<UserRecord>(await admin.request('PATCH', gov(`/users/${user.id}`), { active: false }));
    expect(res.active).toBe(false);
    expect(await onlyAuditSince(mark)).toMatchObject({
      action: 'user.deactivate',
      entity_id: user.id,
      before: { active: true },
      after: { active: false },
    });

    for (const s of sessions) {
      expectError(await s.request('GET', '/api/auth/me'), 401, 'UNAUTHENTICATED');
      expectError(await s.request('GET', gov('/agencies')), 401, 'UNAUTHENTICATED');
    }
    expect(await count('sessions WHERE user_id = $1', [user.id])).toBe(0);
    expectError(await attemptLogin(user.username, user.password), 401, 'INVALID_CREDENTIALS');

    const listed = async (active: string) =>
      ok<{ items: UserRecord[] }>(
        await admin.request('GET', gov(`/users?q=${user.username}&active=${active}`)),
      ).items.map((u) => u.id);
    expect(await listed('true')).toEqual([]);
    expect(await listed('false')).toEqual([user.id]);
  });

  it('an admin can deactivate or demote neither their own account (400); nothing changes', async () => {
    await expectNothingSaved(async () => {
      const off = await admin.request('PATCH', gov(`/users/${g.admin.id}`), { active: false });
      expectError(off, 400, 'VALIDATION', 'body.active');
      const down = await admin.request('PATCH', gov(`/users/${g.admin.id}`), { role: 'member' });
      expectError(down, 400, 'VALIDATION', 'body.role');
    });
    const self = ok<UserRecord>(await admin.request('GET', gov(`/users/${g.admin.id}`)));
    expect(self).toMatchObject({ role: 'gov_admin', active: true });
    // Their own session still works.
    ok(await admin.request('GET', gov('/users')));
  });

  it('changing the role of an account ends its sessions; the next sign-in has the new role', async () => {
    const user = await makeUser();
    // The administrator-given password is changed first, as the app requires.
    const first = await signIn(t.app, user.username, user.password);
    const chosen = 'sandi-pilihan-sendiri-2026';
    ok(await first.request('POST', '/api/auth/password', { currentPassword: user.password, newPassword: chosen }));
    user.password = chosen;
    const session = await signIn(t.app, user.username, user.password);
    expectError(await session.request('GET', gov('/users')), 403, 'FORBIDDEN');

    const mark = await auditMark();
    ok(await admin.request('PATCH', gov(`/users/${user.id}`), { role: 'gov_admin' }));
    expect(await onlyAuditSince(mark)).toMatchObject({
      action: 'user.update',
      entity_id: user.id,
      before: { role: 'member' },
      after: { role: 'gov_admin' },
    });
    expectError(await session.request('GET', '/api/auth/me'), 401, 'UNAUTHENTICATED');
    const again = await signIn(t.app, user.username, user.password);
    ok(await again.request('GET', gov('/users')));
  });
});

describe('a password given by an administrator', () => {
  it('must be changed before anything else; after the change everything works', async () => {
    const user = await makeUser();
    const session = await signIn(t.app, user.username, user.password);
    const me = ok<MeResponse>(await session.request('GET', '/api/auth/me'));
    expect(me.user.mustChangePassword).toBe(true);
    expectError(await session.request('GET', gov('/employees')), 403, 'PASSWORD_CHANGE_REQUIRED');
    ok(
      await session.request('POST', '/api/auth/password', {
        currentPassword: user.password,
        newPassword: 'sandi-baru-sendiri-2026',
      }),
    );
    ok(await session.request('GET', gov('/employees')));
  });
});

describe('resetting a password', () => {
  it('sets mustChangePassword, ends every session, and only the new password signs in', async () => {
    const user = await makeUser();
    const first = await signIn(t.app, user.username, user.password);
    const chosen = 'pilihan-sendiri-2026';
    ok(await first.request('POST', '/api/auth/password', { currentPassword: user.password, newPassword: chosen }));
    expect(ok<MeResponse>(await first.request('GET', '/api/auth/me')).user.mustChangePassword).toBe(false);
    const second = await signIn(t.app, user.username, chosen);

    const mark = await auditMark();
    const reset = await admin.request('POST', gov(`/users/${user.id}/reset-password`), {
      newPassword: 'sandi-dari-admin-2026',
    });
    expect(ok(reset)).toEqual({ ok: true });
    expect(await onlyAuditSince(mark)).toMatchObject({
      action: 'user.reset_password',
      entity_type: 'user',
      entity_id: user.id,
      actor_user_id: g.admin.id,
      after: { sessionsEnded: 2 },
    });

    for (const s of [first, second]) expectError(await s.request('GET', '/api/auth/me'), 401, 'UNAUTHENTICATED');
    expectError(await attemptLogin(user.username, chosen), 401, 'INVALID_CREDENTIALS');
    const after = await signIn(t.app, user.username, 'sandi-dari-admin-2026');
    expect(ok<MeResponse>(await after.request('GET', '/api/auth/me')).user.mustChangePassword).toBe(true);
  });

  it('a new password that is too short is a 400 at body.newPassword; the old one still works', async () => {
    const user = await makeUser();
    const mark = await auditMark();
    const res = await admin.request('POST', gov(`/users/${user.id}/reset-password`), { newPassword: 'pendek' });
    expectError(res, 400, 'VALIDATION', 'body.newPassword');
    expect(await auditSince(mark)).toEqual([]);
    await signIn(t.app, user.username, user.password);
  });
});

describe('an employee whose account was replaced', () => {
  it('gets a new account once the old one is deactivated, and signs in with the NIP', async () => {
    const e = await makeEmployee({ nip: '19870605 201005 1 009' });
    const old = await makeUser({ employeeId: e.id });
    ok(await admin.request('PATCH', gov(`/users/${old.id}`), { active: false }));
    const replacement = await makeUser({ employeeId: e.id });
    expect(replacement.employeeId).toBe(e.id);

    // The deactivated account must not make the NIP ambiguous.
    const res = await attemptLogin(formatNip(e.nip), replacement.password);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user.id).toBe(replacement.id);
  });

  it('reactivating the old account while the new one is active is refused (409)', async () => {
    const e = await makeEmployee();
    const old = await makeUser({ employeeId: e.id });
    ok(await admin.request('PATCH', gov(`/users/${old.id}`), { active: false }));
    await makeUser({ employeeId: e.id });

    const res = await admin.request('PATCH', gov(`/users/${old.id}`), { active: true });
    expect(res.statusCode, res.body).toBe(409);
    expect(await count('users WHERE employee_id = $1 AND active', [e.id])).toBe(1);
  });
});

describe('unauthenticated', () => {
  it('the accounts API needs a session', async () => {
    expectError(await anonymous(t.app).request('GET', gov('/users')), 401, 'UNAUTHENTICATED');
  });
});
