import fs from 'node:fs';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import pg from 'pg';

/** A connection that can run parameterised SQL: the database itself or an open transaction. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** A transaction handle. Services receive it and pass it down to repositories. */
export interface Tx extends Queryable {
  readonly inTransaction: true;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

// The same value shapes on both engines: int8 → number, numeric → string (exact), date → 'yyyy-mm-dd'.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const parseInt8 = (v: string) => Number(v);
const keepText = (v: string) => v;

/** Embedded PostgreSQL (PGlite) kept in `dataDir`, or in memory when `dataDir` is undefined. */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir, {
    parsers: { [INT8]: parseInt8, [NUMERIC]: keepText, [DATE]: keepText },
  });
  void pgliteTypes;
  // PGlite runs one statement or transaction at a time: every query and transaction waits for
  // the one before, so writes are serialised by the engine itself.
  return {
    kind: 'pglite',
    async query<T>(sql: string, params?: unknown[]) {
      const r = await db.query<T>(sql, params);
      return r.rows;
    },
    async transaction<T>(fn: (tx: Tx) => Promise<T>) {
      return db.transaction(async (t) => {
        const tx: Tx = {
          inTransaction: true,
          async query<R>(sql: string, params?: unknown[]) {
            const r = await t.query<R>(sql, params);
            return r.rows;
          },
        };
        return fn(tx);
      });
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    async close() {
      await db.close();
    },
  };
}

/** A PostgreSQL server reached through a connection pool. */
export async function openPostgres(url: string, opts: { max?: number } = {}): Promise<Database> {
  const typeParsers = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === INT8) return parseInt8;
      if (oid === NUMERIC || oid === DATE) return keepText;
      return pg.types.getTypeParser(oid, format as 'text');
    },
  };
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, types: typeParsers as never });
  // Fail fast with a clear message when the server is unreachable.
  const client = await pool.connect();
  client.release();
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on the next checkout.
  });
  return {
    kind: 'postgres',
    async query<T>(sql: string, params?: unknown[]) {
      const r = await pool.query(sql, params as unknown[]);
      return r.rows as T[];
    },
    async transaction<T>(fn: (tx: Tx) => Promise<T>) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const tx: Tx = {
          inTransaction: true,
          async query<R>(sql: string, params?: unknown[]) {
            const r = await c.query(sql, params as unknown[]);
            return r.rows as R[];
          },
        };
        const result = await fn(tx);
        await c.query('COMMIT');
        return result;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        c.release();
      }
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async close() {
      await pool.end();
    },
  };
}

export async function openDatabase(opts: {
  databaseUrl: string | undefined;
  dataDir: string | undefined;
}): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir);
}
