import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Where the bytes of files live, addressed by their SHA-256; the database holds what they are.
 * The local disk is the default; an S3-compatible store can implement the same two calls when
 * several servers share the files.
 */
export interface FileStore {
  /** Stores the bytes under their hash (storing the same bytes twice is harmless). */
  put(sha256: string, bytes: Uint8Array): Promise<void>;
  /** The bytes, checked against their hash; null when missing. Throws when they were altered. */
  get(sha256: string): Promise<Buffer | null>;
}

const hex64 = /^[0-9a-f]{64}$/;

export class DiskFileStore implements FileStore {
  constructor(private readonly dir: string) {}

  private pathOf(sha256: string): string {
    if (!hex64.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return path.join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(sha256: string, bytes: Uint8Array): Promise<void> {
    const target = this.pathOf(sha256);
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw new Error('bytes do not match their hash');
    try {
      await fs.access(target);
      return;
    } catch {
      // not there yet
    }
    await fs.mkdir(path.dirname(target), { recursive: true });
    // Written under another name and renamed, so a reader never sees half a file.
    const temp = `${target}.${randomUUID()}.part`;
    await fs.writeFile(temp, bytes, { flag: 'wx' });
    await fs.rename(temp, target);
  }

  async get(sha256: string): Promise<Buffer | null> {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(this.pathOf(sha256));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
      throw new Error(`stored file ${sha256} does not match its hash`);
    }
    return bytes;
  }
}
