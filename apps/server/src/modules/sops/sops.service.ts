import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  diffSop,
  formatNip,
  formatPersonName,
  type IndonesianTimeZone,
  type LaneResolution,
  type SopDocument,
  type SopIssue,
  type SopSummary,
  sopDocument,
  sopIssue,
  timeZoneLabels,
  unitScopedBinding,
  validateSopText,
} from '@sidakin/core';
import type { Database, Queryable, Tx } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import { authorize } from '../../http/access.js';
import type { RequestContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit.service.js';
import * as lanesRepo from './lanes.repo.js';
import { renderSopPdf } from './sop-pdf.js';
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
function invalid(errors: SopIssue[]): AppError {
  return new AppError('SOP_INVALID', {
    details: errors.map((e) => ({ path: `body.source.${e.path}`, message: e.text })),
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
      sopIssue(
        'agency.government',
        `the document is for government "${doc.agency.government}", not "${gov[0]?.code}"`,
        `dokumen ini untuk pemerintah daerah "${doc.agency.government}", bukan "${gov[0]?.code}"`,
      ),
    ]);
  }
  const agency = await tx.query<{ id: string; active: boolean }>(
    'SELECT id, active FROM agencies WHERE government_id = $1 AND code = $2',
    [governmentId, doc.agency.agency],
  );
  if (!agency[0])
    throw invalid([
      sopIssue(
        'agency.agency',
        `agency "${doc.agency.agency}" does not exist in this government`,
        `perangkat daerah "${doc.agency.agency}" tidak ada di pemerintah daerah ini`,
      ),
    ]);
  if (!agency[0].active)
    throw invalid([
      sopIssue(
        'agency.agency',
        `agency "${doc.agency.agency}" is inactive`,
        `perangkat daerah "${doc.agency.agency}" tidak aktif`,
      ),
    ]);

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
    versions: versions.map(presentVersion),
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

function presentVersion(v: repo.VersionRow) {
  return {
    id: v.id,
    version: v.version,
    status: v.status,
    checksum: v.checksum,
    createdAt: new Date(v.created_at).toISOString(),
    approvedByName: v.approved_by_name,
    approvedByPositionName: v.approved_by_position_name,
    approvedActing: v.approved_acting,
    approvedOn: v.approved_on,
    effectiveFrom: v.effective_from,
    retiredOn: v.retired_on,
  };
}

/**
 * Who holds each lane of an SOP in its agency today, acting officials included. Unit-scoped lanes
 * are resolved for `unitId`, or across all units when none is given.
 */
export async function resolveLanes(
  db: Queryable,
  q: { governmentId: string; agencyId: string; doc: SopDocument; unitId: string | null },
): Promise<LaneResolution[]> {
  const out: LaneResolution[] = [];
  for (const [laneId, lane] of Object.entries(q.doc.lanes)) {
    const positions = await lanesRepo.positionsFor(db, {
      governmentId: q.governmentId,
      agencyId: q.agencyId,
      binding: lane.binding,
      unitId: q.unitId,
    });
    const holders = await lanesRepo.holdersToday(
      db,
      q.governmentId,
      positions.map((p) => p.position_id),
    );
    const items = positions.map((p) => ({
      positionId: p.position_id,
      positionName: p.position_name,
      unitName: p.unit_name,
      holders: holders
        .filter((h) => h.position_id === p.position_id)
        .map((h) => ({
          employeeId: h.employee_id,
          name: formatPersonName({ name: h.employee_name, frontTitle: h.front_title, backTitle: h.back_title }),
          acting: h.kind === 'definitive' ? null : h.kind,
        })),
    }));
    out.push({
      laneId,
      title: lane.title,
      binding: lane.binding,
      unitScoped: unitScopedBinding(lane.binding),
      positions: items,
      resolved: items.some((p) => p.holders.length > 0),
    });
  }
  return out;
}

async function loadVersion(db: Queryable, governmentId: string, sopId: string, versionId: string, lock = false) {
  const sop = await repo.getSop(db, governmentId, sopId);
  if (!sop) throw notFound();
  const version = await repo.getVersion(db, governmentId, sopId, versionId, lock);
  if (!version) throw notFound();
  return { sop, version, doc: version.document as SopDocument };
}

export async function sopLanes(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  sopId: string;
  versionId?: string | undefined;
  unitId?: string | undefined;
}) {
  authorize(opts.ctx.actor, 'sops.read', opts.governmentId);
  const sop = await repo.getSop(opts.db, opts.governmentId, opts.sopId);
  if (!sop) throw notFound();
  const { doc } = await loadVersion(opts.db, opts.governmentId, opts.sopId, opts.versionId ?? sop.version_id);
  const items = await resolveLanes(opts.db, {
    governmentId: opts.governmentId,
    agencyId: sop.agency_id,
    doc,
    unitId: opts.unitId ?? null,
  });
  return { items, allResolved: items.every((i) => i.resolved) };
}

function stateError(message: { id: string; en: string }): AppError {
  return new AppError('SOP_STATE', { message });
}

/**
 * Approves (mengesahkan) a draft version. Only the head of the SOP's agency may — the official the
 * identity names — or whoever acts for them as Plt/Plh today; their name and position are recorded.
 */
export async function approveSopVersion(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  sopId: string;
  versionId: string;
}) {
  const actor = authorize(opts.ctx.actor, 'sops.read', opts.governmentId);
  return opts.db.transaction(async (tx) => {
    const { sop, version } = await loadVersion(tx, opts.governmentId, opts.sopId, opts.versionId, true);
    if (version.status !== 'draft') {
      throw stateError({ id: 'Hanya versi draf yang dapat disahkan', en: 'Only a draft version can be approved' });
    }
    const heads = await lanesRepo.positionsFor(tx, {
      governmentId: opts.governmentId,
      agencyId: sop.agency_id,
      binding: 'head-of-agency',
      unitId: null,
    });
    const holders = await lanesRepo.holdersToday(
      tx,
      opts.governmentId,
      heads.map((h) => h.position_id),
    );
    const mine = holders.find((h) => h.employee_id === actor.employeeId);
    if (!mine) throw new AppError('NOT_AGENCY_HEAD');
    const position = heads.find((h) => h.position_id === mine.position_id)!;
    const on = await repo.today(tx, opts.governmentId);
    const approval = {
      userId: actor.userId,
      employeeId: mine.employee_id,
      name: formatPersonName({ name: mine.employee_name, frontTitle: mine.front_title, backTitle: mine.back_title }),
      positionId: position.position_id,
      positionName: position.position_name,
      acting: mine.kind === 'definitive' ? null : mine.kind,
      on,
    };
    await repo.approveVersion(tx, version.id, approval);
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'sop.approve',
      entityType: 'sop',
      entityId: sop.id,
      before: { version: version.version, status: version.status },
      after: { version: version.version, status: 'approved', ...approval },
    });
    return getSopTx(tx, opts.governmentId, sop.id);
  });
}

/** Puts an approved version into effect from a date; every lane must resolve; the version it replaces retires. */
export async function makeSopVersionEffective(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  sopId: string;
  versionId: string;
  effectiveFrom: string;
}) {
  authorize(opts.ctx.actor, 'sops.manage', opts.governmentId);
  return opts.db.transaction(async (tx) => {
    const { sop, version, doc } = await loadVersion(tx, opts.governmentId, opts.sopId, opts.versionId, true);
    if (version.status !== 'approved') {
      throw stateError({
        id: 'Hanya versi yang sudah disahkan yang dapat diberlakukan',
        en: 'Only an approved version can take effect',
      });
    }
    if (version.approved_on && opts.effectiveFrom < version.approved_on) {
      throw new AppError('VALIDATION', {
        details: [
          {
            path: 'body.effectiveFrom',
            message: {
              id: `Tanggal berlaku tidak boleh sebelum tanggal pengesahan (${version.approved_on})`,
              en: `The effective date cannot be before the approval date (${version.approved_on})`,
            },
          },
        ],
      });
    }
    const lanes = await resolveLanes(tx, {
      governmentId: opts.governmentId,
      agencyId: sop.agency_id,
      doc,
      unitId: null,
    });
    const missing = lanes.filter((l) => !l.resolved);
    if (missing.length) {
      throw new AppError('SOP_LANES_UNRESOLVED', {
        details: missing.map((l) => ({
          path: `lanes.${l.laneId}`,
          message: {
            id: `Pelaksana "${l.title}" belum memiliki pejabat di perangkat daerah ini`,
            en: `Lane "${l.title}" has no holder in this agency`,
          },
        })),
      });
    }
    const retired = await repo.makeEffective(tx, sop.id, version.id, opts.effectiveFrom);
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'sop.make_effective',
      entityType: 'sop',
      entityId: sop.id,
      before: { version: version.version, status: version.status },
      after: {
        version: version.version,
        status: 'effective',
        effectiveFrom: opts.effectiveFrom,
        retiredVersionId: retired,
      },
    });
    return getSopTx(tx, opts.governmentId, sop.id);
  });
}

export async function retireSopVersion(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  sopId: string;
  versionId: string;
}) {
  authorize(opts.ctx.actor, 'sops.manage', opts.governmentId);
  return opts.db.transaction(async (tx) => {
    const { sop, version } = await loadVersion(tx, opts.governmentId, opts.sopId, opts.versionId, true);
    if (version.status !== 'effective') {
      throw stateError({
        id: 'Hanya versi yang berlaku yang dapat dicabut',
        en: 'Only the effective version can be retired',
      });
    }
    const on = await repo.today(tx, opts.governmentId);
    await repo.retireVersion(tx, version.id, on);
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'sop.retire',
      entityType: 'sop',
      entityId: sop.id,
      before: { version: version.version, status: 'effective' },
      after: { version: version.version, status: 'retired', retiredOn: on },
    });
    return getSopTx(tx, opts.governmentId, sop.id);
  });
}

export async function diffSopVersions(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  sopId: string;
  from: number;
  to: number;
}) {
  authorize(opts.ctx.actor, 'sops.read', opts.governmentId);
  const sop = await repo.getSop(opts.db, opts.governmentId, opts.sopId);
  if (!sop) throw notFound();
  const a = await repo.versionDocument(opts.db, sop.id, opts.from);
  const b = await repo.versionDocument(opts.db, sop.id, opts.to);
  if (!a || !b) {
    throw new AppError('VALIDATION', {
      details: [
        {
          path: !a ? 'query.from' : 'query.to',
          message: { id: 'Versi ini tidak ada', en: 'This version does not exist' },
        },
      ],
    });
  }
  return { from: opts.from, to: opts.to, changes: diffSop(a as SopDocument, b as SopDocument) };
}

async function getSopTx(db: Queryable, governmentId: string, id: string) {
  const row = await repo.getSop(db, governmentId, id);
  if (!row) throw notFound();
  const versions = await repo.versions(db, row.id);
  return { ...present(row), versions: versions.map(presentVersion), document: await repo.latestDocument(db, row.id) };
}

/** The official SOP document of one version as a PDF (A4 landscape, in the agency's letterhead). */
export async function sopVersionPdf(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  id: string;
  versionId: string;
}): Promise<{ bytes: Buffer; fileName: string }> {
  authorize(opts.ctx.actor, 'sops.read', opts.governmentId);
  const sop = await repo.getSop(opts.db, opts.governmentId, opts.id);
  if (!sop) throw notFound();
  const v = await repo.getVersion(opts.db, opts.governmentId, opts.id, opts.versionId);
  if (!v) throw notFound();
  const doc = sopDocument.parse(v.document);
  const [g] = await opts.db.query<{
    name: string;
    address: string;
    phone: string;
    email: string;
    website: string;
    letterhead_lines: string[];
    time_zone: IndonesianTimeZone;
    logo: Uint8Array | null;
    logo_mime: string | null;
  }>(
    'SELECT name, address, phone, email, website, letterhead_lines, time_zone, logo, logo_mime FROM governments WHERE id = $1',
    [opts.governmentId],
  );
  const [agency] = await opts.db.query<{ address: string }>('SELECT address FROM agencies WHERE id = $1', [
    sop.agency_id,
  ]);
  const [approver] = await opts.db.query<{ nip: string | null }>(
    'SELECT e.nip FROM sop_versions v JOIN employees e ON e.id = v.approved_by_employee_id WHERE v.id = $1',
    [v.id],
  );
  const contact = [g!.phone && `Telepon ${g!.phone}`, g!.email && `Pos-el ${g!.email}`, g!.website]
    .filter(Boolean)
    .join(' · ');
  const printedAt = `${new Intl.DateTimeFormat('id-ID', {
    timeZone: g!.time_zone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date())} ${timeZoneLabels[g!.time_zone]}`;
  const bytes = await renderSopPdf({
    doc,
    version: {
      version: v.version,
      status: v.status,
      approvedByName: v.approved_by_name,
      approvedByNip: approver?.nip ? formatNip(approver.nip) : null,
      approvedByPositionName: v.approved_by_position_name,
      approvedActing: v.approved_acting,
      approvedOn: v.approved_on,
      effectiveFrom: v.effective_from,
    },
    letterhead: {
      lines: g!.letterhead_lines,
      address: agency?.address || g!.address,
      contact,
      logo: g!.logo && g!.logo_mime ? { bytes: Buffer.from(g!.logo), mimeType: g!.logo_mime } : null,
    },
    printedAt,
  });
  return { bytes, fileName: `SOP ${doc.title} v${v.version}.pdf` };
}

/** One version of an SOP with its document (e.g. the version a running case follows). */
export async function getSopVersion(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  id: string;
  versionId: string;
}) {
  authorize(opts.ctx.actor, 'sops.read', opts.governmentId);
  const v = await repo.getVersion(opts.db, opts.governmentId, opts.id, opts.versionId);
  if (!v) throw notFound();
  return { ...presentVersion(v), document: sopDocument.parse(v.document) };
}
