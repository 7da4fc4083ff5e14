import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, repoRoot, runSidakin as sidakin, type TestDb } from './test/fixture.js';

describe('sidakin CLI', () => {
  it('describes every command with --help', async () => {
    const top = await sidakin(['--help']);
    expect(top.code).toBe(0);
    for (const cmd of ['serve', 'migrate', 'demo', 'create-admin', 'audit']) expect(top.out).toContain(cmd);
    for (const cmd of [['serve'], ['migrate'], ['demo'], ['create-admin'], ['audit', 'verify']]) {
      const r = await sidakin([...cmd, '--help']);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.out).toMatch(/Usage: sidakin/);
    }
  }, 60_000);

  it('sop validate accepts a seed SOP and lists every error of a broken one with its path', async () => {
    const ok = await sidakin(['sop', 'validate', 'sops/banggai/disdag-perbaikan-data-kinerja.yaml']);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/valid — "Mekanisme Perbaikan Data Kinerja", 9 steps, 6 lanes/);
    const fs = await import('node:fs');
    const os = await import('node:os');
    const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sidakin-sop-')), 'rusak.yaml');
    const source = fs
      .readFileSync(path.join(repoRoot, 'sops/banggai/disdag-perbaikan-data-kinerja.yaml'), 'utf8')
      .replace('decision: { ya: 7, tidak: 5,', 'decision: { ya: 7, tidak: 12,')
      .replace('duration: 480 menit', 'duration: delapan jam');
    fs.writeFileSync(broken, source);
    const bad = await sidakin(['sop', 'validate', broken]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('steps[4].duration:');
    const bad2 = await sidakin(['sop', 'validate', broken.replace('rusak', 'tidak-ada')]);
    expect(bad2.code).toBe(1);
    fs.writeFileSync(broken, source.replace('duration: delapan jam', 'duration: 480 menit'));
    const onlyDecision = await sidakin(['sop', 'validate', broken]);
    expect(onlyDecision.out).toContain('steps[5].decision.tidak: step 12 does not exist');
  }, 60_000);

  it('sop pdf renders a file as its official document without a database', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sidakin-pdf-')), 'sop.pdf');
    const r = await sidakin(['sop', 'pdf', 'sops/kalbar/biro-organisasi-perbaikan-data-kinerja.yaml', '-o', out]);
    expect(r.code, r.out).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const missingOut = await sidakin(['sop', 'pdf', 'sops/kalbar/biro-organisasi-perbaikan-data-kinerja.yaml']);
    expect(missingOut.code).not.toBe(0);
    expect(missingOut.out).toContain("required option '-o, --out <pdf>'");
  }, 60_000);

  describe('against a database', () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await createTestDb({ onDisk: true });
      // PGlite allows one process per folder: the CLI gets it while these tests run.
      if (t.env.DATA_DIR) await t.db.close();
    });
    afterAll(async () => {
      if (t.env.DATA_DIR) {
        const { openPglite } = await import('./db/database.js');
        t.db = await openPglite(t.env.DATA_DIR);
      }
      await t.close();
    });

    it('migrate reports nothing to apply on a migrated database', async () => {
      const r = await sidakin(['migrate'], t.env);
      expect(r.code).toBe(0);
      expect(r.out).toContain('Nothing to apply');
    }, 60_000);

    it('create-admin refuses a short password and creates a system administrator', async () => {
      const short = await sidakin(['create-admin', '-u', 'root2', '-p', 'short'], t.env);
      expect(short.code).toBe(2);
      expect(short.out).toMatch(/at least 10/);
      const ok = await sidakin(['create-admin', '-u', 'root2', '-p', 'a-long-enough-password'], t.env);
      expect(ok.code).toBe(0);
      const again = await sidakin(['create-admin', '-u', 'root2', '-p', 'a-long-enough-password'], t.env);
      expect(again.code).toBe(1);
      expect(again.out).toMatch(/taken/);
    }, 60_000);
  });
});
