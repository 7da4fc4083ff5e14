import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiskFileStore } from './file-store.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidakin-files-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('the file store on disk', () => {
  const store = new DiskFileStore(dir);
  const bytes = new TextEncoder().encode('Laporan hasil pengumpulan data kinerja');

  it('keeps bytes under their hash and gives them back, storing the same bytes once', async () => {
    await store.put(sha(bytes), bytes);
    await store.put(sha(bytes), bytes);
    expect(await store.get(sha(bytes))).toEqual(Buffer.from(bytes));
    const folder = path.join(dir, sha(bytes).slice(0, 2), sha(bytes).slice(2, 4));
    expect(fs.readdirSync(folder)).toEqual([sha(bytes)]);
  });

  it('refuses bytes that do not match the hash, answers null for a missing file', async () => {
    await expect(store.put(sha(bytes).replace(/^./, '0'), new Uint8Array([1]))).rejects.toThrow(/match/);
    expect(await store.get('0'.repeat(64))).toBeNull();
  });

  it('notices a stored file that was altered', async () => {
    const other = new TextEncoder().encode('Notulen rapat');
    await store.put(sha(other), other);
    fs.writeFileSync(path.join(dir, sha(other).slice(0, 2), sha(other).slice(2, 4), sha(other)), 'diubah');
    await expect(store.get(sha(other))).rejects.toThrow(/does not match/);
  });
});
