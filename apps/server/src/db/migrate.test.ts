import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '../env.js';
import { createTestDb, type TestDb } from '../test/fixture.js';
import { migrate, splitStatements } from './migrate.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.close();
});

describe('migrations', () => {
  it('applies every file once; running again applies nothing', async () => {
    const files = fs.readdirSync(migrationsDir).filter((f) => f.endsWith('.sql'));
    const applied = await t.db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    expect(applied.map((r) => r.name)).toEqual(files.sort());
    const again = await migrate(t.db, migrationsDir);
    expect(again).toEqual({ applied: [], alreadyApplied: files.length });
  });

  it('refuses a migration that was changed after it was applied', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidakin-mig-'));
    fs.writeFileSync(path.join(dir, '0001_a.sql'), 'CREATE TABLE mig_probe (id int);\n');
    await migrate(t.db, dir);
    fs.writeFileSync(path.join(dir, '0001_a.sql'), 'CREATE TABLE mig_probe (id int, x int);\n');
    await expect(migrate(t.db, dir)).rejects.toThrow(/0001_a\.sql was changed/);
    fs.rmSync(dir, { recursive: true });
  });

  it('rolls back a failing migration entirely', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidakin-mig-'));
    fs.writeFileSync(path.join(dir, '0002_bad.sql'), 'CREATE TABLE mig_half (id int);\nSELECT no_such_function();\n');
    await expect(migrate(t.db, dir)).rejects.toThrow();
    const exists = await t.db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'mig_half'");
    expect(exists).toHaveLength(0);
    fs.rmSync(dir, { recursive: true });
  });

  it('splits statements but keeps function bodies whole', () => {
    const parts = splitStatements(
      '-- comment\nCREATE TABLE a (id int);\n\nCREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$;\nSELECT 1;\n',
    );
    expect(parts).toHaveLength(3);
    expect(parts[1]).toContain('RETURN 1;');
    expect(parts[1]!.trim().endsWith('$$;')).toBe(true);
  });
});
