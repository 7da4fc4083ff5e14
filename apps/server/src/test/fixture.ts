import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp, type SidakinApp } from '../app.js';
import { type Database, openPglite, openPostgres } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { type Config, childEnv, loadConfig, migrationsDir, testDatabaseUrl } from '../env.js';
import { systemContext } from '../http/context.js';
import { hashPassword } from '../modules/auth/password.js';
import {
  assignPositionTx,
  insertAgencyTx,
  insertEmployeeTx,
  insertGovernmentTx,
  insertPositionTx,
  insertUnitTx,
} from '../modules/org/org.service.js';
import { insertUserTx } from '../modules/users/users.service.js';

export const TEST_PASSWORD = 'test-password-123';

export interface TestDb {
  db: Database;
  /** Environment that points the CLI at this same database. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * A freshly migrated database: PGlite in memory by default; with TEST_DATABASE_URL, a new
 * database created on that PostgreSQL server and dropped afterwards.
 */
export async function createTestDb(opts: { onDisk?: boolean } = {}): Promise<TestDb> {
  const url = testDatabaseUrl();
  if (!url) {
    const dir = opts.onDisk ? fs.mkdtempSync(path.join(os.tmpdir(), 'sidakin-test-')) : undefined;
    const db = await openPglite(dir);
    await migrate(db, migrationsDir);
    const handle: TestDb = {
      db,
      env: dir ? { DATA_DIR: dir } : {},
      async close() {
        // `handle.db`: a test may have reopened the database (PGlite allows one process per folder).
        await handle.db.close();
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
      },
    };
    return handle;
  }
  const name = `sidakin_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = await openPostgres(u.toString(), { max: 5 });
  await migrate(db, migrationsDir);
  return {
    db,
    env: { DATABASE_URL: u.toString() },
    async close() {
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ LOG_LEVEL: 'silent', DEMO_ON_EMPTY: 'false' }),
    webDist: '/nonexistent-web-dist',
    // Each test app keeps its files in a folder of its own, removed on close.
    filesDir: fs.mkdtempSync(path.join(os.tmpdir(), 'sidakin-test-files-')),
    secretKey: randomBytes(32).toString('base64'),
    ...overrides,
  };
}

export interface TestContext extends TestDb {
  app: FastifyInstance;
  routes: SidakinApp['routes'];
}

/** The app on a fresh database. Call `close()` in afterAll. */
export async function createTestApp(config: Partial<Config> = {}): Promise<TestContext> {
  const tdb = await createTestDb();
  const cfg = testConfig(config);
  const built = await buildApp({ db: tdb.db, config: cfg });
  return {
    ...tdb,
    app: built.app,
    routes: built.routes,
    async close() {
      await built.app.close();
      await tdb.close();
      fs.rmSync(cfg.filesDir, { recursive: true, force: true });
    },
  };
}

// ── factories ──────────────────────────────────────────────────────────────────────────────
let counter = 0;
const next = () => ++counter;

/** A valid, unique NIP: birth 1985-mm-dd, appointed 2010-mm, the given sex digit. */
export function makeNip(sex: 1 | 2 = 1): string {
  const n = next();
  const day = String((n % 28) + 1).padStart(2, '0');
  const month = String((n % 12) + 1).padStart(2, '0');
  const seq = String((n % 999) + 1).padStart(3, '0');
  return `1985${month}${day}2010${month}${sex}${seq}`;
}

export interface GovernmentFixture {
  governmentId: string;
  code: string;
  agencyId: string;
  unitId: string;
  headPositionId: string;
  staffPositionId: string;
  headEmployeeId: string;
  staffEmployeeId: string;
  admin: { id: string; username: string };
  member: { id: string; username: string };
}

/**
 * A government with one agency, one unit (a bidang), a head of agency and a staff member, a
 * government admin and a member account (both with TEST_PASSWORD).
 */
export async function makeGovernment(
  db: Database,
  overrides: {
    code?: string;
    timeZone?: 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';
    requireAdminTotp?: boolean;
  } = {},
): Promise<GovernmentFixture> {
  const n = next();
  const code = overrides.code ?? `gov-${n}`;
  const ctx = systemContext('test');
  const hash = await hashPassword(TEST_PASSWORD);
  return db.transaction(async (tx) => {
    const g = await insertGovernmentTx(tx, ctx, {
      code,
      name: `Pemerintah Kabupaten Uji ${n}`,
      kind: 'kabupaten',
      timeZone: overrides.timeZone ?? 'Asia/Jakarta',
      letterheadLines: [`PEMERINTAH KABUPATEN UJI ${n}`],
      requireAdminTotp: overrides.requireAdminTotp ?? false,
    });
    const a = await insertAgencyTx(tx, ctx, g.id, { code: 'disdag', name: 'Dinas Perdagangan', kind: 'dinas' });
    const u = await insertUnitTx(tx, ctx, g.id, {
      agencyId: a.id,
      code: 'bidang-1',
      name: 'Bidang Perdagangan',
      kind: 'bidang',
    });
    const head = await insertPositionTx(tx, ctx, g.id, {
      agencyId: a.id,
      code: 'kadis',
      name: 'Kepala Dinas',
      kind: 'head',
    });
    const staff = await insertPositionTx(tx, ctx, g.id, {
      agencyId: a.id,
      unitId: u.id,
      code: 'jp-1',
      name: 'Pengelola Data Kinerja',
      kind: 'staff',
    });
    const eHead = await insertEmployeeTx(tx, ctx, g.id, { agencyId: a.id, nip: makeNip(1), name: 'Budi Santoso' });
    const eStaff = await insertEmployeeTx(tx, ctx, g.id, { agencyId: a.id, nip: makeNip(2), name: 'Sri Wahyuni' });
    await assignPositionTx(tx, ctx, g.id, head.id, {
      employeeId: eHead.id,
      kind: 'definitive',
      startsOn: '2024-01-02',
    });
    await assignPositionTx(tx, ctx, g.id, staff.id, {
      employeeId: eStaff.id,
      kind: 'definitive',
      startsOn: '2024-01-02',
    });
    const admin = await insertUserTx(
      tx,
      ctx,
      g.id,
      { username: `${code}.admin`, displayName: 'Admin Uji', role: 'gov_admin', employeeId: null },
      hash,
      false,
    );
    const member = await insertUserTx(
      tx,
      ctx,
      g.id,
      { username: `${code}.staf`, displayName: 'Sri Wahyuni', role: 'member', employeeId: eStaff.id },
      hash,
      false,
    );
    return {
      governmentId: g.id,
      code,
      agencyId: a.id,
      unitId: u.id,
      headPositionId: head.id,
      staffPositionId: staff.id,
      headEmployeeId: eHead.id,
      staffEmployeeId: eStaff.id,
      admin: { id: admin.id, username: admin.username },
      member: { id: member.id, username: member.username },
    };
  });
}

/** A system administrator account with TEST_PASSWORD. */
export async function makeSystemAdmin(
  db: Database,
  username = `sys${next()}`,
): Promise<{ id: string; username: string }> {
  const hash = await hashPassword(TEST_PASSWORD);
  const rows = await db.query<{ id: string }>(
    `INSERT INTO users (government_id, username, display_name, role, password_hash) VALUES (NULL, $1, 'Admin Sistem', 'system_admin', $2) RETURNING id`,
    [username, hash],
  );
  return { id: rows[0]!.id, username };
}

// ── HTTP client ────────────────────────────────────────────────────────────────────────────
export interface Client {
  csrfToken: string;
  cookie: string;
  request(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

/** An anonymous client (no cookie, no CSRF token). */
export function anonymous(app: FastifyInstance): Client {
  return clientWith(app, '', '');
}

function clientWith(app: FastifyInstance, cookie: string, csrfToken: string): Client {
  return {
    cookie,
    csrfToken,
    request(method, url, body, headers = {}) {
      return app.inject({
        method,
        url,
        headers: {
          ...(cookie ? { cookie } : {}),
          ...(csrfToken && method !== 'GET' ? { 'x-csrf-token': csrfToken } : {}),
          ...(body !== undefined && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        // FormData is sent as multipart/form-data (an upload); anything else as JSON.
        ...(body instanceof FormData ? { payload: body } : body !== undefined ? { payload: JSON.stringify(body) } : {}),
      });
    },
  };
}

/** Signs in through the API and returns a client carrying the session cookie and CSRF token. */
export async function signIn(
  app: FastifyInstance,
  username: string,
  password = TEST_PASSWORD,
  extra: { otp?: string; ip?: string } = {},
): Promise<Client> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ username, password, ...(extra.otp ? { otp: extra.otp } : {}) }),
    ...(extra.ip ? { remoteAddress: extra.ip } : {}),
  });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const set = res.cookies.find((c) => c.name === 'sidakin_session');
  if (!set) throw new Error('no session cookie');
  return clientWith(app, `sidakin_session=${set.value}`, res.json().csrfToken);
}

// ── the CLI ────────────────────────────────────────────────────────────────────────────────
export const repoRoot = path.resolve(import.meta.dirname, '../../../..');
const execFileAsync = promisify(execFile);

/** Runs `sidakin <args>` as a separate process; never throws, returns the exit code and output. */
export async function runSidakin(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string }> {
  return execFileAsync('npx', ['tsx', 'apps/server/src/cli.ts', ...args], {
    cwd: repoRoot,
    env: childEnv({ LOG_LEVEL: 'silent', ...env }),
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}
