import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type SopSummary, validateSopText } from '@sidakin/core';
import type { Database, Tx } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import { authorize } from '../../http/access.js';
import type { RequestContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit.service.js';
import * as repo from './sops.repo.js';

function present(r: repo.SopRow): SopSummary {
  return {
    id: r.id,
    governmentId: r.government_id,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    key: r.key,
    title: r.title,
    kind: r.kind,
    latestVersion: {
      id: r.version_id,
      version: r.version,
      status: r.status,
      checksum: r.checksum,
      createdAt: new Date(r.version_created_at).toISOString(),
    },
    stepCount: r.step_count,
    laneCount: r.lane_count,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** A 400 listing every problem of the document, each at `body.source.<path in the document>`. */
function invalid(errors: { path: string; message: string }[]): AppError {
  return new AppError('SOP_INVALID', {
    details: errors.map((e) => ({ path: `body.source.${e.path}`, message: e.message })),
  });
}

/**
 * Imports an SOP document (YAML or JSON text) into its agency. A new procedure gets version 1; a
 * changed document becomes the next draft version; the same document again changes nothing.
 */
export async function importSop(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  source: string;
}): Promise<{ sop: SopSummary; created: boolean }> {
  authorize(opts.ctx.actor, 'sops.manage', opts.governmentId);
  const r = validateSopText(opts.source);
  if (!r.ok) throw invalid(r.errors);
  return opts.db.transaction((tx) => importSopTx(tx, opts.ctx, opts.governmentId, opts.source, r.value));
}

export async function importSopTx(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  source: string,
  doc: Extract<ReturnType<typeof validateSopText>, { ok: true }>['value'],
): Promise<{ sop: SopSummary; created: boolean }> {
  const gov = await tx.query<{ code: string }>('SELECT code FROM governments WHERE id = $1', [governmentId]);
  if (gov[0]?.code !== doc.agency.government) {
    throw invalid([
      {
        path: 'agency.government',
        message: `the document is for government "${doc.agency.government}", not "${gov[0]?.code}"`,
      },
    ]);
  }
  const agency = await tx.query<{ id: string; active: boolean }>(
    'SELECT id, active FROM agencies WHERE government_id = $1 AND code = $2',
    [governmentId, doc.agency.agency],
  );
  if (!agency[0])
    throw invalid([
      { path: 'agency.agency', message: `agency "${doc.agency.agency}" does not exist in this government` },
    ]);
  if (!agency[0].active)
    throw invalid([{ path: 'agency.agency', message: `agency "${doc.agency.agency}" is inactive` }]);

  const checksum = createHash('sha256').update(source).digest('hex');
  const existing = await repo.findSopByKey(tx, governmentId, doc.id);
  let sopId: string;
  let version = 1;
  if (existing) {
    sopId = existing.id;
    const latest = await repo.latestVersion(tx, sopId);
    if (latest?.checksum === checksum) {
      return { sop: present((await repo.getSop(tx, governmentId, sopId))!), created: false };
    }
    version = (latest?.version ?? 0) + 1;
    await repo.touchSop(tx, sopId, doc.title, doc.kind);
  } else {
    sopId = await repo.insertSop(tx, {
      government_id: governmentId,
      agency_id: agency[0].id,
      key: doc.id,
      title: doc.title,
      kind: doc.kind,
    });
  }
  const versionId = await repo.insertVersion(tx, {
    government_id: governmentId,
    sop_id: sopId,
    version,
    document: doc,
    source,
    checksum,
    created_by_user_id: ctx.actor?.userId ?? null,
  });
  const sop = present((await repo.getSop(tx, governmentId, sopId))!);
  await recordAudit(tx, ctx, {
    governmentId,
    action: 'sop.import',
    entityType: 'sop',
    entityId: sopId,
    after: { key: doc.id, title: doc.title, version, versionId, checksum, steps: doc.steps.length },
  });
  return { sop, created: true };
}

export async function listSops(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  query: {
    q?: string | undefined;
    agencyId?: string | undefined;
    kind?: string | undefined;
    page: number;
    pageSize: number;
  };
}) {
  authorize(opts.ctx.actor, 'sops.read', opts.governmentId);
  const { query } = opts;
  const { rows, total } = await repo.listSops(opts.db, {
    governmentId: opts.governmentId,
    agencyId: query.agencyId,
    kind: query.kind,
    q: query.q,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: rows.map(present), total, page: query.page, pageSize: query.pageSize };
}

export async function getSop(opts: { db: Database; ctx: RequestContext; governmentId: string; id: string }) {
  authorize(opts.ctx.actor, 'sops.read', opts.governmentId);
  const row = await repo.getSop(opts.db, opts.governmentId, opts.id);
  if (!row) throw notFound();
  const versions = await repo.versions(opts.db, row.id);
  return {
    ...present(row),
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      status: v.status,
      checksum: v.checksum,
      createdAt: new Date(v.created_at).toISOString(),
    })),
    document: await repo.latestDocument(opts.db, row.id),
  };
}

/** Every SOP file under `dir` (one folder per government), validated; an invalid file throws. */
export function readSopFiles(
  dir: string,
): { file: string; source: string; doc: Extract<ReturnType<typeof validateSopText>, { ok: true }>['value'] }[] {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory()) continue;
    for (const name of fs.readdirSync(path.join(dir, entry.name)).sort()) {
      if (!/\.(ya?ml|json)$/.test(name)) continue;
      const file = path.join(dir, entry.name, name);
      const source = fs.readFileSync(file, 'utf8');
      const r = validateSopText(source);
      if (!r.ok) throw new Error(`${file}: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
      out.push({ file, source, doc: r.value });
    }
  }
  return out;
}
