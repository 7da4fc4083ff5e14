import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './env.js';

describe('configuration', () => {
  it('defaults to port 3000, embedded storage under ./data and the demo on an empty database', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.host).toBe('0.0.0.0');
    expect(c.dataDir).toBe(path.resolve('./data'));
    expect(c.databaseUrl).toBeUndefined();
    expect(c.demoOnEmpty).toBe(true);
  });

  it('reads PORT, HOST, DATA_DIR and DATABASE_URL', () => {
    const c = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATA_DIR: '/tmp/x',
      DATABASE_URL: 'postgres://u@h:5432/d',
    });
    expect(c).toMatchObject({ port: 8080, host: '127.0.0.1', dataDir: '/tmp/x', databaseUrl: 'postgres://u@h:5432/d' });
  });

  it('refuses a bad value naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('links documents to PUBLIC_BASE_URL (this server by default) and signs locally unless a signing service is named', () => {
    expect(loadConfig({ PORT: '8080' })).toMatchObject({
      publicBaseUrl: 'http://localhost:8080',
      signingService: undefined,
    });
    const c = loadConfig({
      PUBLIC_BASE_URL: 'https://sidakin.sidoarjokab.go.id/',
      SIGNING_SERVICE_URL: 'https://tte.example.go.id/api/sign',
      SIGNING_SERVICE_TOKEN: 'rahasia',
    });
    expect(c.publicBaseUrl).toBe('https://sidakin.sidoarjokab.go.id');
    expect(c.signingService).toEqual({
      url: 'https://tte.example.go.id/api/sign',
      token: 'rahasia',
      timeoutMs: 15_000,
    });
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'sidakin.go.id' })).toThrow(/PUBLIC_BASE_URL/);
    expect(() => loadConfig({ SIGNING_SERVICE_URL: 'ftp://x' })).toThrow(/SIGNING_SERVICE_URL/);
  });
});
