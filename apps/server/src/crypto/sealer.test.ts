import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSecretKey, Sealer } from './sealer.js';

describe('sealing secrets', () => {
  const sealer = new Sealer(Buffer.alloc(32, 7));

  it('opens what it sealed for the same purpose, and nothing else', () => {
    const sealed = sealer.seal('JBSWY3DPEHPK3PXP', 'totp:a');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(sealer.seal('JBSWY3DPEHPK3PXP', 'totp:a')).not.toBe(sealed);
    expect(sealer.open(sealed, 'totp:a')).toBe('JBSWY3DPEHPK3PXP');
    expect(() => sealer.open(sealed, 'totp:b')).toThrow();
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => sealer.open(`v1.${raw.toString('base64url')}`, 'totp:a')).toThrow();
    expect(() => new Sealer(Buffer.alloc(32, 8)).open(sealed, 'totp:a')).toThrow();
    expect(() => sealer.open('JBSWY3DPEHPK3PXP', 'totp:a')).toThrow(/not a sealed value/);
  });

  it('takes the key from SECRET_KEY, or creates a private key file once', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidakin-key-'));
    const file = path.join(dir, 'sub', 'secret.key');
    const first = loadSecretKey({ secretKey: undefined, secretKeyFile: file });
    expect(first).toHaveLength(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadSecretKey({ secretKey: undefined, secretKeyFile: file })).toEqual(first);
    const given = Buffer.alloc(32, 3).toString('base64');
    expect(loadSecretKey({ secretKey: given, secretKeyFile: file })).toEqual(Buffer.alloc(32, 3));
    expect(() => loadSecretKey({ secretKey: 'kurang', secretKeyFile: file })).toThrow(/32 random bytes/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
