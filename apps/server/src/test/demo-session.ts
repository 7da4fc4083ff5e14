import { DEMO_PASSWORD, loadDemo } from '../modules/demo/demo.service.js';
import { type Client, createTestApp, signIn, type TestContext } from './fixture.js';

/**
 * A test app with the demo organisation loaded, seen from one demo government: clients for its
 * demo officials (signed in once each), URLs under the government, and putting a seed SOP into
 * effect the way its agency does it (the head approves, the admin makes it effective).
 */
export interface DemoSession {
  t: TestContext;
  governmentId: string;
  as(username: string): Promise<Client>;
  gov(path?: string): string;
  putInEffect(sopKey: string, headUsername: string): Promise<string>;
  /**
   * Imports a seed SOP file (path under sops/) again under another key as a general SOP — the
   * same lanes, steps and returns, run by the case engine alone without its kind's own rules.
   */
  importAsGeneral(seedFile: string, key: string): Promise<void>;
  unitId(name: string): Promise<string>;
  /** Usernames of the people holding any of the positions today (definitive or acting). */
  holdersOf(positionIds: string[]): Promise<string[]>;
}

export async function demoSession(adminUsername: string, opts: { plans?: boolean } = {}): Promise<DemoSession> {
  const t = await createTestApp();
  await loadDemo(t.db, undefined, { plans: opts.plans ?? false });
  const clients = new Map<string, Client>();
  const as = async (username: string) => {
    if (!clients.has(username)) clients.set(username, await signIn(t.app, username, DEMO_PASSWORD));
    return clients.get(username)!;
  };
  const admin = await as(adminUsername);
  const governmentId: string = (await admin.request('GET', '/api/auth/me')).json().government.id;
  const gov = (p = '') => `/api/governments/${governmentId}${p}`;

  async function putInEffect(sopKey: string, headUsername: string): Promise<string> {
    const rows = await t.db.query<{ id: string }>('SELECT id FROM sops WHERE government_id = $1 AND key = $2', [
      governmentId,
      sopKey,
    ]);
    const sopId = rows[0]?.id;
    if (!sopId) throw new Error(`no SOP ${sopKey}`);
    const v1 = (await admin.request('GET', gov(`/sops/${sopId}`))).json().versions[0];
    const approved = await (await as(headUsername)).request('POST', gov(`/sops/${sopId}/versions/${v1.id}/approve`));
    if (approved.statusCode !== 200) throw new Error(approved.body);
    const approvedOn = (await admin.request('GET', gov(`/sops/${sopId}`))).json().versions[0].approvedOn;
    const eff = await admin.request('POST', gov(`/sops/${sopId}/versions/${v1.id}/make-effective`), {
      effectiveFrom: approvedOn,
    });
    if (eff.statusCode !== 200) throw new Error(eff.body);
    return sopId;
  }

  async function importAsGeneral(seedFile: string, key: string): Promise<void> {
    const fs = await import('node:fs');
    const text = fs.readFileSync(new URL(`../../../../sops/${seedFile}`, import.meta.url), 'utf8');
    const source = text.replace(/^id: .*$/m, `id: ${key}`).replace(/^kind: .*$/m, 'kind: general');
    const imported = await admin.request('POST', gov('/sops/import'), { source });
    if (imported.statusCode !== 201) throw new Error(imported.body);
  }

  async function unitId(name: string): Promise<string> {
    const res = await admin.request('GET', gov(`/units?q=${encodeURIComponent(name)}`));
    const id = res.json().items[0]?.id;
    if (!id) throw new Error(`no unit ${name}`);
    return id;
  }

  async function holdersOf(positionIds: string[]): Promise<string[]> {
    const rows = await t.db.query<{ username: string }>(
      `SELECT DISTINCT u.username FROM position_assignments pa
         JOIN users u ON u.employee_id = pa.employee_id AND u.active
        WHERE pa.position_id = ANY($1::uuid[]) AND pa.starts_on <= current_date
          AND (pa.ends_on IS NULL OR pa.ends_on >= current_date)
        ORDER BY u.username`,
      [positionIds],
    );
    return rows.map((r) => r.username);
  }

  return { t, governmentId, as, gov, putInEffect, importAsGeneral, unitId, holdersOf };
}
