import type { Queryable, Tx } from '../../db/database.js';

export interface AuditRow {
  id: number;
  chain: string;
  seq: number;
  government_id: string | null;
  at: Date;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_position_id: string | null;
  actor_position_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  user_agent: string | null;
  prev_hash: string;
  hash: string;
}

export type NewAuditRow = Omit<AuditRow, 'id'>;

/** Serialises appends to one chain until the transaction ends, on PGlite and PostgreSQL alike. */
export async function lockChain(tx: Tx, chain: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('audit:' || $1))`, [chain]);
}

export async function lastOfChain(tx: Tx, chain: string): Promise<{ seq: number; hash: string } | undefined> {
  const rows = await tx.query<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_log WHERE chain = $1 ORDER BY seq DESC LIMIT 1',
    [chain],
  );
  return rows[0];
}

export async function insertAudit(tx: Tx, r: NewAuditRow): Promise<number> {
  const rows = await tx.query<{ id: number }>(
    `INSERT INTO audit_log (chain, seq, government_id, at, actor_user_id, actor_name, actor_position_id,
       actor_position_name, action, entity_type, entity_id, before, after, ip, user_agent, prev_hash, hash)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12::jsonb,$13::jsonb,$14,$15,$16,$17) RETURNING id`,
    [
      r.chain,
      r.seq,
      r.government_id,
      r.at,
      r.actor_user_id,
      r.actor_name,
      r.actor_position_id,
      r.actor_position_name,
      r.action,
      r.entity_type,
      r.entity_id,
      r.before === undefined ? null : JSON.stringify(r.before),
      r.after === undefined ? null : JSON.stringify(r.after),
      r.ip,
      r.user_agent,
      r.prev_hash,
      r.hash,
    ],
  );
  return rows[0]!.id;
}

export async function listChains(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ chain: string }>('SELECT DISTINCT chain FROM audit_log ORDER BY chain');
  return rows.map((r) => r.chain);
}

/** One batch of a chain in order, for verification (keyset pagination keeps memory flat). */
export async function chainBatch(db: Queryable, chain: string, afterSeq: number, limit: number): Promise<AuditRow[]> {
  return db.query<AuditRow>('SELECT * FROM audit_log WHERE chain = $1 AND seq > $2 ORDER BY seq LIMIT $3', [
    chain,
    afterSeq,
    limit,
  ]);
}

export interface AuditFilter {
  governmentId: string | null;
  from?: string | undefined;
  to?: string | undefined;
  timeZone: string;
  actorUserId?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  limit: number;
  offset: number;
}

export async function listAudit(db: Queryable, f: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.governmentId) add('government_id = ?', f.governmentId);
  else where.push('government_id IS NULL');
  // Dates are calendar days in the government's own time zone.
  if (f.from) {
    params.push(f.from, f.timeZone);
    where.push(`at >= ($${params.length - 1}::date)::timestamp AT TIME ZONE $${params.length}`);
  }
  if (f.to) {
    params.push(f.to, f.timeZone);
    where.push(`at < ($${params.length - 1}::date + 1)::timestamp AT TIME ZONE $${params.length}`);
  }
  if (f.actorUserId) add('actor_user_id = ?', f.actorUserId);
  if (f.action) add('action = ?', f.action);
  if (f.entityType) add('entity_type = ?', f.entityType);
  if (f.entityId) add('entity_id = ?', f.entityId);
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log ${whereSql}`, params);
  const rows = await db.query<AuditRow>(
    `SELECT * FROM audit_log ${whereSql} ORDER BY id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { rows, total: total[0]?.n ?? 0 };
}
