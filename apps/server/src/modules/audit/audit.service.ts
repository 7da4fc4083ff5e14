import { createHash } from 'node:crypto';
import type { AuditEntry, AuditVerifyResult, Page } from '@sidakin/core';
import canonicalize from 'canonicalize';
import type { Database, Queryable, Tx } from '../../db/database.js';
import { authorize } from '../../http/access.js';
import type { RequestContext } from '../../http/context.js';
import * as repo from './audit.repo.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEvent {
  governmentId: string | null;
  /** Dotted verb, e.g. `agency.create`, `auth.login`. */
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/** The action of an update: `<entity>.deactivate` / `.activate` when it switches the record off or on. */
export function updateAction(entity: string, wasActive: boolean, active: boolean | undefined): string {
  if (active === false && wasActive) return `${entity}.deactivate`;
  if (active === true && !wasActive) return `${entity}.activate`;
  return `${entity}.update`;
}

/** JSON as jsonb will give it back: Dates become strings, undefined members disappear. */
function asJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/** The hash of one record: SHA-256 over the RFC 8785 canonical JSON of its fields and the previous hash. */
export function hashRecord(r: Omit<repo.AuditRow, 'id' | 'hash'>): string {
  const payload = {
    chain: r.chain,
    seq: r.seq,
    governmentId: r.government_id,
    at: new Date(r.at).toISOString(),
    actorUserId: r.actor_user_id,
    actorName: r.actor_name,
    actorPositionId: r.actor_position_id,
    actorPositionName: r.actor_position_name,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before ?? null,
    after: r.after ?? null,
    ip: r.ip,
    userAgent: r.user_agent,
    prevHash: r.prev_hash,
  };
  return createHash('sha256')
    .update(canonicalize(payload) ?? '')
    .digest('hex');
}

/**
 * Appends one record to the government's chain inside the caller's transaction, so the change
 * and its record commit or roll back together.
 */
export async function recordAudit(tx: Tx, ctx: RequestContext, event: AuditEvent): Promise<number> {
  const chain = event.governmentId ?? '';
  await repo.lockChain(tx, chain);
  const last = await repo.lastOfChain(tx, chain);
  const row: Omit<repo.AuditRow, 'id' | 'hash'> = {
    chain,
    seq: (last?.seq ?? 0) + 1,
    government_id: event.governmentId,
    at: new Date(),
    actor_user_id: ctx.actor?.userId ?? null,
    actor_name: ctx.actor?.displayName ?? null,
    actor_position_id: ctx.actor?.actingPositionId ?? null,
    actor_position_name: ctx.actor?.actingPositionName ?? null,
    action: event.action,
    entity_type: event.entityType,
    entity_id: event.entityId,
    before: asJson(event.before),
    after: asJson(event.after),
    ip: ctx.ip,
    user_agent: ctx.userAgent ? ctx.userAgent.slice(0, 500) : null,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  return repo.insertAudit(tx, { ...row, hash: hashRecord(row) });
}

type Broken = NonNullable<AuditVerifyResult['firstBroken']>;

async function verifyChain(db: Queryable, chain: string): Promise<{ checked: number; broken: Broken | null }> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const batch = await repo.chainBatch(db, chain, expectedSeq - 1, 1000);
    for (const r of batch) {
      checked++;
      let reason: string | null = null;
      if (r.seq !== expectedSeq) reason = `sequence gap: expected ${expectedSeq}, found ${r.seq}`;
      else if (r.prev_hash !== prevHash) reason = 'link to the previous record does not match';
      else if (hashRecord(r) !== r.hash) reason = 'record content does not match its hash';
      if (reason) return { checked, broken: { id: r.id, seq: r.seq, reason } };
      prevHash = r.hash;
      expectedSeq = r.seq + 1;
    }
    if (batch.length < 1000) return { checked, broken: null };
  }
}

/** Recomputes every chain (or one government's) and reports the first record that does not match. */
export async function verifyAuditChains(
  db: Queryable,
  opts: { governmentId?: string | null } = {},
): Promise<AuditVerifyResult> {
  const chains = opts.governmentId === undefined ? await repo.listChains(db) : [opts.governmentId ?? ''];
  let checked = 0;
  let firstBroken: Broken | null = null;
  for (const chain of chains) {
    const r = await verifyChain(db, chain);
    checked += r.checked;
    if (r.broken && (!firstBroken || r.broken.id < firstBroken.id)) firstBroken = r.broken;
  }
  return { ok: firstBroken === null, checked, firstBroken };
}

function present(r: repo.AuditRow): AuditEntry {
  return {
    id: r.id,
    seq: r.seq,
    governmentId: r.government_id,
    at: new Date(r.at).toISOString(),
    actorUserId: r.actor_user_id,
    actorName: r.actor_name,
    actorPositionId: r.actor_position_id,
    actorPositionName: r.actor_position_name,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before,
    after: r.after,
    ip: r.ip,
    userAgent: r.user_agent,
    hash: r.hash,
    prevHash: r.prev_hash,
  };
}

export async function listAuditEntries(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string | null;
  timeZone: string;
  query: {
    from?: string | undefined;
    to?: string | undefined;
    actorUserId?: string | undefined;
    action?: string | undefined;
    entityType?: string | undefined;
    entityId?: string | undefined;
    page: number;
    pageSize: number;
  };
}): Promise<Page<AuditEntry>> {
  if (opts.governmentId) authorize(opts.ctx.actor, 'audit.read', opts.governmentId);
  else authorize(opts.ctx.actor, 'system.audit');
  const { query } = opts;
  const { rows, total } = await repo.listAudit(opts.db, {
    governmentId: opts.governmentId,
    timeZone: opts.timeZone,
    from: query.from,
    to: query.to,
    actorUserId: query.actorUserId,
    action: query.action,
    entityType: query.entityType,
    entityId: query.entityId,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: rows.map(present), total, page: query.page, pageSize: query.pageSize };
}

export async function verifyAudit(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string | null;
}): Promise<AuditVerifyResult> {
  if (opts.governmentId) authorize(opts.ctx.actor, 'audit.read', opts.governmentId);
  else authorize(opts.ctx.actor, 'system.audit');
  return verifyAuditChains(opts.db, { governmentId: opts.governmentId });
}
