import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from './database.js';

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Applies the SQL files in `dir` (sorted by name) that have not been applied yet, each in its
 * own transaction. An advisory lock keeps two server processes from migrating at once; a
 * changed file that was already applied is refused, because history must not be rewritten.
 */
export async function migrate(db: Database, dir: string): Promise<MigrationResult> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
  await db.exec(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  const applied: string[] = [];
  let already = 0;
  for (const file of files) {
    const sql = fs.readFileSync(path.join(dir, file), 'utf8');
    const checksum = createHash('sha256').update(sql).digest('hex');
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(4242001)');
      const rows = await tx.query<{ checksum: string }>('SELECT checksum FROM schema_migrations WHERE name = $1', [
        file,
      ]);
      if (rows[0]) {
        if (rows[0].checksum !== checksum) {
          throw new Error(`Migration ${file} was changed after it was applied; add a new migration instead`);
        }
        return false;
      }
      // Statements are separated by a line holding only "-- statement" or by ';' at line end.
      for (const statement of splitStatements(sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [file, checksum]);
      return true;
    });
    if (done) applied.push(file);
    else already++;
  }
  return { applied, alreadyApplied: already };
}

/**
 * Splits a migration into statements so each runs through the same parameterised path on both
 * engines. A statement ends at a ';' that closes a line, except inside a $$ … $$ body.
 */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let inDollar = false;
  for (const line of sql.split('\n')) {
    const trimmed = line.trim();
    if (!inDollar && current.length === 0 && (trimmed === '' || trimmed.startsWith('--'))) continue;
    current.push(line);
    const dollars = line.split('$$').length - 1;
    if (dollars % 2 === 1) inDollar = !inDollar;
    if (!inDollar && trimmed.endsWith(';')) {
      out.push(current.join('\n'));
      current = [];
    }
  }
  if (current.join('').trim()) out.push(current.join('\n'));
  return out;
}
