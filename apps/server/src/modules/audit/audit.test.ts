import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../http/context.js';
import {
  createTestApp,
  createTestDb,
  makeGovernment,
  runSidakin,
  signIn,
  type TestContext,
} from '../../test/fixture.js';
import { GENESIS_HASH, recordAudit, verifyAuditChains } from './audit.service.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** Changes a stored record behind the application's back, as someone with database access could. */
async function tamper(db: TestContext['db'], sql: string, params: unknown[]) {
  await db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
  await db.query(sql, params);
  await db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
}

describe('audit trail', () => {
  it('writes a record in the same transaction as each change, with actor, position, IP and user agent', async () => {
    const g = await makeGovernment(t.db);
    const member = await signIn(t.app, g.member.username);
    const admin = await signIn(t.app, g.admin.username);
    const res = await admin.request(
      'POST',
      `/api/governments/${g.governmentId}/agencies`,
      { code: 'bappeda', name: 'Badan Perencanaan Pembangunan Daerah', kind: 'badan' },
      { 'user-agent': 'audit-test-agent' },
    );
    expect(res.statusCode).toBe(201);
    const rows = await t.db.query<Record<string, unknown>>(
      "SELECT * FROM audit_log WHERE action = 'agency.create' AND entity_id = $1",
      [res.json().id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      government_id: g.governmentId,
      actor_user_id: g.admin.id,
      entity_type: 'agency',
      user_agent: 'audit-test-agent',
      ip: '127.0.0.1',
      before: null,
    });
    expect((rows[0]!.after as { name: string }).name).toBe('Badan Perencanaan Pembangunan Daerah');
    // The member acts in their position; its id and name are on the record of their sign-in.
    const login = await t.db.query<{ actor_position_id: string; actor_position_name: string }>(
      "SELECT actor_position_id, actor_position_name FROM audit_log WHERE action = 'auth.login' AND actor_user_id = $1",
      [g.member.id],
    );
    expect(login[0]).toEqual({ actor_position_id: g.staffPositionId, actor_position_name: 'Pengelola Data Kinerja' });
    expect(member.csrfToken).toBeTruthy();
  });

  it('rolls the record back with the change when the change fails', async () => {
    const before = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    await expect(
      t.db.transaction(async (tx) => {
        await recordAudit(tx, systemContext('test'), {
          governmentId: null,
          action: 'x.test',
          entityType: 'x',
          entityId: null,
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const after = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('chains each record to the previous one of its government', async () => {
    const g = await makeGovernment(t.db);
    const rows = await t.db.query<{ seq: number; prev_hash: string; hash: string }>(
      'SELECT seq, prev_hash, hash FROM audit_log WHERE chain = $1 ORDER BY seq',
      [g.governmentId],
    );
    expect(rows.length).toBeGreaterThan(5);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    rows.forEach((r, i) => {
      expect(r.seq).toBe(i + 1);
      if (i > 0) expect(r.prev_hash).toBe(rows[i - 1]!.hash);
    });
    expect((await verifyAuditChains(t.db)).ok).toBe(true);
  });

  it('is append-only: the database refuses updates and deletes', async () => {
    await expect(t.db.query("UPDATE audit_log SET action = 'forged' WHERE id = 1")).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM audit_log WHERE id = 1')).rejects.toThrow(/append-only/);
  });

  it('verify finds the first tampered record, through the service and the API', async () => {
    const own = await createTestApp();
    const g = await makeGovernment(own.db);
    const admin = await signIn(own.app, g.admin.username);
    const rows = await own.db.query<{ id: number; seq: number }>(
      'SELECT id, seq FROM audit_log WHERE chain = $1 ORDER BY seq',
      [g.governmentId],
    );
    const victim = rows[3]!;
    const ok = await admin.request('GET', `/api/governments/${g.governmentId}/audit/verify`);
    expect(ok.json()).toMatchObject({ ok: true, firstBroken: null });

    await tamper(own.db, `UPDATE audit_log SET after = '{"name":"Dinas Palsu"}'::jsonb WHERE id = $1`, [victim.id]);
    const r = await verifyAuditChains(own.db);
    expect(r.ok).toBe(false);
    expect(r.firstBroken).toMatchObject({ id: victim.id, seq: victim.seq, reason: expect.stringMatching(/hash/) });
    const api = await admin.request('GET', `/api/governments/${g.governmentId}/audit/verify`);
    expect(api.json()).toMatchObject({ ok: false, firstBroken: { id: victim.id } });
    await own.close();
  });

  it('verify notices a deleted record as a gap in the chain', async () => {
    const own = await createTestDb();
    const g = await makeGovernment(own.db);
    const rows = await own.db.query<{ id: number; seq: number }>(
      'SELECT id, seq FROM audit_log WHERE chain = $1 ORDER BY seq',
      [g.governmentId],
    );
    await own.db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await own.db.query('DELETE FROM audit_log WHERE id = $1', [rows[2]!.id]);
    const r = await verifyAuditChains(own.db);
    expect(r.firstBroken).toMatchObject({ id: rows[3]!.id, reason: expect.stringMatching(/gap/) });
    await own.close();
  });

  it('`sidakin audit verify` exits 0 on an intact trail and non-zero naming the first broken record', async () => {
    const own = await createTestDb({ onDisk: true });
    const g = await makeGovernment(own.db);
    const rows = await own.db.query<{ id: number }>('SELECT id FROM audit_log WHERE chain = $1 ORDER BY seq', [
      g.governmentId,
    ]);
    const victim = rows[5]!.id;
    const cli = async () => {
      // PGlite allows one process per data folder: release it while the CLI runs.
      if (own.env.DATA_DIR) await own.db.close();
      try {
        return await runSidakin(['audit', 'verify'], own.env);
      } finally {
        if (own.env.DATA_DIR) own.db = await reopen(own.env.DATA_DIR);
      }
    };
    const intact = await cli();
    expect(intact.out).toMatch(/intact/);
    expect(intact.code).toBe(0);

    await tamper(own.db, "UPDATE audit_log SET action = 'agency.forged' WHERE id = $1", [victim]);
    const broken = await cli();
    expect(broken.code).not.toBe(0);
    expect(broken.out).toContain(`record id ${victim}`);
    await own.close();
  }, 120_000);
});

async function reopen(dir: string) {
  const { openPglite } = await import('../../db/database.js');
  return openPglite(dir);
}

describe('audit actions and filters', () => {
  it('names deactivation and reactivation, and filters by the exact action', async () => {
    const own = await createTestApp();
    const g = await makeGovernment(own.db);
    const admin = await signIn(own.app, g.admin.username);
    const base = `/api/governments/${g.governmentId}`;
    await admin.request('PATCH', `${base}/agencies/${g.agencyId}`, { active: false });
    await admin.request('PATCH', `${base}/agencies/${g.agencyId}`, { active: true });
    await admin.request('PATCH', `${base}/agencies/${g.agencyId}`, { name: 'Dinas Perdagangan Kabupaten' });
    const actions = (await admin.request('GET', `${base}/audit?entityType=agency&entityId=${g.agencyId}`))
      .json()
      .items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['agency.update', 'agency.activate', 'agency.deactivate', 'agency.create']);
    await own.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: g.admin.username, password: 'salah-sekali' },
    });
    const failed = (await admin.request('GET', `${base}/audit?action=auth.login_failed`)).json().items;
    expect(failed).toHaveLength(1);
    const logins = (await admin.request('GET', `${base}/audit?action=auth.login`))
      .json()
      .items.map((e: { action: string }) => e.action);
    expect(logins.length).toBeGreaterThan(0);
    expect(logins.every((a: string) => a === 'auth.login')).toBe(true);
    await own.close();
  });
});
