import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { childEnv } from './env.js';
import { loadDemo } from './modules/demo/demo.service.js';
import { createTestDb, repoRoot, type TestDb } from './test/fixture.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not become healthy');
}

const children: ChildProcess[] = [];
let t: TestDb | undefined;
afterAll(async () => {
  for (const c of children) {
    try {
      if (c.pid) process.kill(-c.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  await new Promise((r) => setTimeout(r, 500));
  if (t?.env.DATA_DIR) {
    fs.rmSync(t.env.DATA_DIR, { recursive: true, force: true });
  } else {
    await t?.close();
  }
});

describe('sidakin serve', () => {
  it('honours PORT, HOST and the storage settings, has the demo, and lets admin sign in', async () => {
    t = await createTestDb({ onDisk: true });
    if (t.env.DATA_DIR) {
      // Embedded: the server loads the demo into the empty folder on its first start.
      await t.db.close();
    } else {
      // PostgreSQL: the demo is loaded on request (`sidakin demo`), never automatically.
      await loadDemo(t.db);
    }
    const port = await freePort();
    const child = spawn('npx', ['tsx', 'apps/server/src/cli.ts', 'serve'], {
      cwd: repoRoot,
      env: childEnv({ ...t.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }),
      stdio: 'ignore',
      // Its own process group: npx, tsx and the server stop together.
      detached: true,
    });
    children.push(child);
    const url = `http://127.0.0.1:${port}`;
    await waitForHealth(url, child, 90_000);
    expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ status: 'ok' });
    // The embedded data lives where DATA_DIR says.
    if (t.env.DATA_DIR) expect(fs.readdirSync(t.env.DATA_DIR).length).toBeGreaterThan(0);
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'sidakin-demo' }),
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(/sidakin_session=.*HttpOnly/i);
    const wrong = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'salah-sekali' }),
    });
    expect(wrong.status).toBe(401);
  }, 120_000);
});
