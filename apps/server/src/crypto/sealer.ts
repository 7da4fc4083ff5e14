import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Secrets at rest (TOTP secrets; later the signers' private keys) are sealed with AES-256-GCM
 * under the server's key, bound to what they are for (`purpose`, e.g. `totp:<user id>`), so a
 * sealed value copied to another row or altered by a single bit does not open.
 */
export class Sealer {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the secret key must be 32 bytes');
  }

  seal(plain: string, purpose: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(purpose, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  open(sealed: string, purpose: string): string {
    if (!sealed.startsWith('v1.')) throw new Error('not a sealed value');
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(purpose, 'utf8'));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}

/**
 * The server's key: SECRET_KEY (base64 of 32 bytes) when set — every server of one deployment
 * must share it — otherwise the key file (SECRET_KEY_FILE, by default DATA_DIR/secret.key),
 * created with owner-only permissions on first start. Back it up: without it, sealed secrets
 * cannot be opened.
 */
export function loadSecretKey(opts: { secretKey: string | undefined; secretKeyFile: string }): Buffer {
  if (opts.secretKey) {
    const key = Buffer.from(opts.secretKey, 'base64');
    if (key.length !== 32) throw new Error('SECRET_KEY must be the base64 of 32 random bytes');
    return key;
  }
  try {
    const key = Buffer.from(fs.readFileSync(opts.secretKeyFile, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${opts.secretKeyFile} does not hold a 32-byte key`);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const key = randomBytes(32);
  fs.mkdirSync(path.dirname(opts.secretKeyFile), { recursive: true });
  fs.writeFileSync(opts.secretKeyFile, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
