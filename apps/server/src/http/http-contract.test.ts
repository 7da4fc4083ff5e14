import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, makeGovernment, signIn, type TestContext } from '../test/fixture.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('HTTP contract', () => {
  it('GET /api/health answers {"status":"ok"}', async () => {
    const res = await anonymous(t.app).request('GET', '/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('an unknown /api route is a 404 in JSON', async () => {
    const res = await anonymous(t.app).request('GET', '/api/does-not-exist');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('serves the OpenAPI 3 document and the browsable docs', async () => {
    const doc = await anonymous(t.app).request('GET', '/api/openapi.json');
    expect(doc.statusCode).toBe(200);
    const spec = doc.json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toContain('/api/auth/login');
    expect(Object.keys(spec.paths)).toContain('/api/governments/{governmentId}/employees');
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(ui.statusCode);
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/swagger/i);
  });

  it('malformed JSON is a 400 naming the body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "admin",',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'INVALID_JSON', details: [{ path: 'body' }] });
  });

  it('a wrong type and an unknown field are a 400 naming each field, in Indonesian by default', async () => {
    const res = await anonymous(t.app).request('POST', '/api/auth/login', { username: 5, password: 'x', extra: true });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe('Data yang dikirim tidak valid');
    const paths = error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.username', 'body.extra']));
    expect(error.details.find((d: { path: string }) => d.path === 'body.extra').message).toMatch(/tidak dikenal/);
  });

  it('answers in English when the client asks for it', async () => {
    const res = await anonymous(t.app).request(
      'POST',
      '/api/auth/login',
      { username: 5, password: 'x' },
      { 'accept-language': 'en' },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('The submitted data is not valid');
    expect(res.json().error.details[0].message).toMatch(/expected string/);
  });

  it('a body over the limit is a 400 naming the body', async () => {
    const big = JSON.stringify({ username: 'a'.repeat(2 * 1024 * 1024), password: 'x' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: big,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'BODY_TOO_LARGE', details: [{ path: 'body' }] });
  });

  it('bad query parameters are a 400 naming the parameter', async () => {
    const g = await makeGovernment(t.db);
    const admin = await signIn(t.app, g.admin.username);
    const res = await admin.request('GET', `/api/governments/${g.governmentId}/employees?page=0&bogus=1`);
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['query.page', 'query.bogus']));
  });

  it('sends security headers', async () => {
    const res = await anonymous(t.app).request('GET', '/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
  });
});

describe('server errors', () => {
  it('never send a stack trace or internals to the client', async () => {
    const own = await createTestApp();
    const g = await makeGovernment(own.db);
    const admin = await signIn(own.app, g.admin.username);
    // Break the storage under a signed-in request: the handler fails inside the database.
    await own.db.query('ALTER TABLE agencies RENAME TO agencies_gone');
    const res = await admin.request('GET', `/api/governments/${g.governmentId}/agencies`);
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      error: { code: 'INTERNAL', message: 'Terjadi kesalahan pada server; silakan coba lagi' },
    });
    expect(res.body).not.toMatch(/agencies|stack|at .*\.ts/);
    await own.db.query('ALTER TABLE agencies_gone RENAME TO agencies');
    await own.close();
  });
});
