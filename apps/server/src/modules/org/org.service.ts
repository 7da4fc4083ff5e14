import {
  type Agency,
  type Assignment,
  type addTeamMemberBody,
  type createAgencyBody,
  type createAssignmentBody,
  type createEmployeeBody,
  type createGovernmentBody,
  type createPositionBody,
  type createTeamBody,
  type createUnitBody,
  type Employee,
  formatPersonName,
  type Government,
  type ListQuery,
  limits,
  type Page,
  type Position,
  parseClock,
  parseNip,
  type Team,
  type Unit,
  type updateAgencyBody,
  type updateEmployeeBody,
  type updateGovernmentBody,
  type updatePositionBody,
  type updateTeamBody,
  type updateUnitBody,
  type WorkingCalendar,
} from '@sidakin/core';
import type { z } from 'zod';
import type { Database, Queryable, Tx } from '../../db/database.js';
import { AppError, assertFresh, type ErrorDetail, invalidField, notFound } from '../../errors.js';
import { authorize } from '../../http/access.js';
import type { RequestContext } from '../../http/context.js';
import { recordAudit, updateAction } from '../audit/audit.service.js';
import * as repo from './org.repo.js';

type Body<T extends z.ZodType> = z.infer<T>;

const iso = (d: Date | string) => new Date(d).toISOString();

function duplicate(path: string): AppError {
  return new AppError('DUPLICATE', {
    details: [{ path, message: { id: 'Nilai ini sudah dipakai', en: 'This value is already in use' } }],
  });
}

function badReference(path: string, inactive = false): AppError {
  return new AppError('VALIDATION', {
    details: [
      {
        path,
        message: inactive
          ? { id: 'Data yang dirujuk tidak aktif', en: 'The referenced record is inactive' }
          : {
              id: 'Data yang dirujuk tidak ada di pemerintah daerah ini',
              en: 'The referenced record does not exist in this government',
            },
      },
    ],
  });
}

async function exists(db: Queryable, sql: string, params: unknown[]): Promise<boolean> {
  return (await db.query(sql, params)).length > 0;
}

// ── governments ──────────────────────────────────────────────────────────────────────────
export function presentGovernment(r: repo.GovernmentRow): Government {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    region: r.region,
    province: r.province,
    timeZone: r.time_zone,
    address: r.address,
    phone: r.phone,
    email: r.email,
    website: r.website,
    letterheadLines: r.letterhead_lines,
    hasLogo: r.has_logo,
    requireAdminTotp: r.require_admin_totp,
    workDays: r.work_days,
    workStart: r.work_start,
    workEnd: r.work_end,
    active: r.active,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/** The government's IANA time zone (for dates shown and filtered in local time). */
export async function governmentTimeZone(db: Queryable, governmentId: string): Promise<string> {
  const g = await repo.getGovernment(db, governmentId);
  if (!g) throw notFound();
  return g.time_zone;
}

export async function listGovernments(opts: {
  db: Database;
  ctx: RequestContext;
  query: ListQuery;
}): Promise<Page<Government>> {
  const actor = authorize(opts.ctx.actor, 'government.read');
  const { query } = opts;
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (actor.role !== 'system_admin') {
    params.push(actor.governmentId);
    conditions.push(`id = $${params.length}`);
  }
  const clause = repo.listClause({
    conditions,
    params,
    search: { text: query.q, columns: ['name', 'code', 'region', 'province'] },
    active: query.active,
    activeColumn: 'active',
  });
  const { rows, total } = await repo.pageQuery<repo.GovernmentRow>(opts.db, {
    select: repo.governmentColumns,
    from: 'governments',
    ...clause,
    orderBy: 'name',
    page: query.page,
    pageSize: query.pageSize,
  });
  return { items: rows.map(presentGovernment), total, page: query.page, pageSize: query.pageSize };
}

export async function getGovernment(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
}): Promise<Government> {
  authorize(opts.ctx.actor, 'government.read', opts.governmentId);
  const g = await repo.getGovernment(opts.db, opts.governmentId);
  if (!g) throw notFound();
  return presentGovernment(g);
}

export async function createGovernment(opts: {
  db: Database;
  ctx: RequestContext;
  input: Body<typeof createGovernmentBody>;
}): Promise<Government> {
  authorize(opts.ctx.actor, 'governments.create');
  return opts.db.transaction((tx) => insertGovernmentTx(tx, opts.ctx, opts.input));
}

export async function insertGovernmentTx(
  tx: Tx,
  ctx: RequestContext,
  input: Body<typeof createGovernmentBody>,
): Promise<Government> {
  if (await exists(tx, 'SELECT 1 FROM governments WHERE code = $1', [input.code])) throw duplicate('body.code');
  const id = await repo.insertGovernment(tx, {
    code: input.code,
    name: input.name,
    kind: input.kind,
    region: input.region ?? '',
    province: input.province ?? '',
    time_zone: input.timeZone,
    address: input.address ?? '',
    phone: input.phone ?? '',
    email: input.email ?? '',
    website: input.website ?? '',
    letterhead_lines: input.letterheadLines ?? [],
    require_admin_totp: input.requireAdminTotp ?? false,
    work_days: input.workDays,
    work_start: input.workStart,
    work_end: input.workEnd,
  });
  const created = presentGovernment((await repo.getGovernment(tx, id))!);
  await recordAudit(tx, ctx, {
    governmentId: id,
    action: 'government.create',
    entityType: 'government',
    entityId: id,
    after: created,
  });
  return created;
}

export async function updateGovernment(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  input: Body<typeof updateGovernmentBody>;
}): Promise<Government> {
  const actor = authorize(opts.ctx.actor, 'government.manage', opts.governmentId);
  const { input } = opts;
  // Only a system administrator may switch a whole government off (or on again).
  if (input.active !== undefined && actor.role !== 'system_admin') {
    throw new AppError('FORBIDDEN', {
      details: [
        {
          path: 'body.active',
          message: {
            id: 'Hanya admin sistem yang dapat menonaktifkan pemerintah daerah',
            en: 'Only a system administrator can deactivate a government',
          },
        },
      ],
    });
  }
  return opts.db.transaction(async (tx) => {
    const before = await repo.getGovernment(tx, opts.governmentId);
    if (!before) throw notFound();
    if ((input.workEnd ?? before.work_end) <= (input.workStart ?? before.work_start)) {
      throw invalidField('body.workEnd', {
        id: 'Jam kerja berakhir harus setelah jam mulai',
        en: 'The working day must end after it starts',
      });
    }
    assertFresh(
      await repo.updateRow(
        tx,
        'governments',
        opts.governmentId,
        opts.governmentId,
        {
          name: input.name,
          kind: input.kind,
          region: input.region,
          province: input.province,
          time_zone: input.timeZone,
          address: input.address,
          phone: input.phone,
          email: input.email,
          website: input.website,
          letterhead_lines: input.letterheadLines ? JSON.stringify(input.letterheadLines) : undefined,
          require_admin_totp: input.requireAdminTotp,
          work_days: input.workDays ? [...new Set(input.workDays)].sort((a, b) => a - b) : undefined,
          work_start: input.workStart,
          work_end: input.workEnd,
          active: input.active,
        },
        input.expectedUpdatedAt,
      ),
    );
    const after = presentGovernment((await repo.getGovernment(tx, opts.governmentId))!);
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'government.update',
      entityType: 'government',
      entityId: opts.governmentId,
      before: presentGovernment(before),
      after,
    });
    return after;
  });
}

function sniffImage(bytes: Buffer): 'image/png' | 'image/jpeg' | null {
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

/** Stores the logo for the kop surat; the type is checked from the bytes, not the declared type. */
export async function setGovernmentLogo(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  mimeType: 'image/png' | 'image/jpeg';
  dataBase64: string;
}): Promise<Government> {
  authorize(opts.ctx.actor, 'government.manage', opts.governmentId);
  const bytes = Buffer.from(opts.dataBase64, 'base64');
  const detail = (m: { id: string; en: string }): ErrorDetail[] => [{ path: 'body.dataBase64', message: m }];
  if (bytes.length === 0 || bytes.length > limits.logoBytes) {
    throw new AppError('VALIDATION', {
      details: detail({ id: 'Logo harus berukuran paling besar 512 KiB', en: 'The logo must be at most 512 KiB' }),
    });
  }
  const sniffed = sniffImage(bytes);
  if (!sniffed || sniffed !== opts.mimeType) {
    throw new AppError('VALIDATION', {
      details: detail({
        id: 'Berkas bukan gambar PNG atau JPEG yang sesuai dengan jenisnya',
        en: 'The file is not a PNG or JPEG image matching its declared type',
      }),
    });
  }
  return opts.db.transaction(async (tx) => {
    const before = await repo.getGovernment(tx, opts.governmentId);
    if (!before) throw notFound();
    await repo.setGovernmentLogo(tx, opts.governmentId, bytes, sniffed);
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'government.logo',
      entityType: 'government',
      entityId: opts.governmentId,
      after: { mimeType: sniffed, bytes: bytes.length },
    });
    return presentGovernment((await repo.getGovernment(tx, opts.governmentId))!);
  });
}

export async function getGovernmentLogo(opts: { db: Database; ctx: RequestContext; governmentId: string }) {
  authorize(opts.ctx.actor, 'government.read', opts.governmentId);
  const logo = await repo.getGovernmentLogo(opts.db, opts.governmentId);
  if (!logo) throw notFound();
  return { bytes: Buffer.from(logo.logo), mimeType: logo.logo_mime };
}

// ── agencies ─────────────────────────────────────────────────────────────────────────────
function presentAgency(r: repo.AgencyRow): Agency {
  return {
    id: r.id,
    governmentId: r.government_id,
    code: r.code,
    name: r.name,
    shortName: r.short_name,
    kind: r.kind,
    address: r.address,
    active: r.active,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export async function listAgencies(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  query: ListQuery & { kind?: repo.AgencyRow['kind'] | undefined };
}): Promise<Page<Agency>> {
  authorize(opts.ctx.actor, 'org.read', opts.governmentId);
  const { query } = opts;
  const params: unknown[] = [opts.governmentId];
  const conditions = ['government_id = $1'];
  if (query.kind) {
    params.push(query.kind);
    conditions.push(`kind = $${params.length}`);
  }
  const clause = repo.listClause({
    conditions,
    params,
    search: { text: query.q, columns: ['name', 'short_name', 'code'] },
    active: query.active,
    activeColumn: 'active',
  });
  const { rows, total } = await repo.pageQuery<repo.AgencyRow>(opts.db, {
    select: '*',
    from: 'agencies',
    ...clause,
    orderBy: 'name',
    page: query.page,
    pageSize: query.pageSize,
  });
  return { items: rows.map(presentAgency), total, page: query.page, pageSize: query.pageSize };
}

export async function getAgency(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  id: string;
}): Promise<Agency> {
  authorize(opts.ctx.actor, 'org.read', opts.governmentId);
  const a = await repo.getAgency(opts.db, opts.governmentId, opts.id);
  if (!a) throw notFound();
  return presentAgency(a);
}

export async function createAgency(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  input: Body<typeof createAgencyBody>;
}): Promise<Agency> {
  authorize(opts.ctx.actor, 'org.manage', opts.governmentId);
  return opts.db.transaction((tx) => insertAgencyTx(tx, opts.ctx, opts.governmentId, opts.input));
}

export async function insertAgencyTx(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  input: Body<typeof createAgencyBody>,
): Promise<Agency> {
  if (await exists(tx, 'SELECT 1 FROM agencies WHERE government_id = $1 AND code = $2', [governmentId, input.code])) {
    throw duplicate('body.code');
  }
  const id = await repo.insertAgency(tx, {
    government_id: governmentId,
    code: input.code,
    name: input.name,
    short_name: input.shortName ?? '',
    kind: input.kind,
    address: input.address ?? '',
  });
  const created = presentAgency((await repo.getAgency(tx, governmentId, id))!);
  await recordAudit(tx, ctx, {
    governmentId,
    action: 'agency.create',
    entityType: 'agency',
    entityId: id,
    after: created,
  });
  return created;
}

export async function updateAgency(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  id: string;
  input: Body<typeof updateAgencyBody>;
}): Promise<Agency> {
  authorize(opts.ctx.actor, 'org.manage', opts.governmentId);
  const { input, governmentId, id } = opts;
  return opts.db.transaction(async (tx) => {
    const before = await repo.getAgency(tx, governmentId, id);
    if (!before) throw notFound();
    if (
      input.code &&
      input.code !== before.code &&
      (await exists(tx, 'SELECT 1 FROM agencies WHERE government_id = $1 AND code = $2', [governmentId, input.code]))
    ) {
      throw duplicate('body.code');
    }
    assertFresh(
      await repo.updateRow(
        tx,
        'agencies',
        governmentId,
        id,
        {
          code: input.code,
          name: input.name,
          short_name: input.shortName,
          kind: input.kind,
          address: input.address,
          active: input.active,
        },
        input.expectedUpdatedAt,
      ),
    );
    const after = presentAgency((await repo.getAgency(tx, governmentId, id))!);
    await recordAudit(tx, opts.ctx, {
      governmentId,
      action: updateAction('agency', before.active, input.active),
      entityType: 'agency',
      entityId: id,
      before: presentAgency(before),
      after,
    });
    return after;
  });
}

async function requireActiveAgency(
  db: Queryable,
  governmentId: string,
  agencyId: string,
  path: string,
): Promise<repo.AgencyRow> {
  const a = await repo.getAgency(db, governmentId, agencyId);
  if (!a) throw badReference(path);
  if (!a.active) throw badReference(path, true);
  return a;
}

// ── units ────────────────────────────────────────────────────────────────────────────────
function presentUnit(r: repo.UnitRow): Unit {
  return {
    id: r.id,
    governmentId: r.government_id,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    parentId: r.parent_id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    sortOrder: r.sort_order,
    active: r.active,
    updatedAt: iso(r.updated_at),
  };
}

export async function listUnits(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  query: ListQuery & { agencyId?: string | undefined };
}): Promise<Page<Unit>> {
  authorize(opts.ctx.actor, 'org.read', opts.governmentId);
  const { query } = opts;
  const params: unknown[] = [opts.governmentId];
  const conditions = ['u.government_id = $1'];
  if (query.agencyId) {
    params.push(query.agencyId);
    conditions.push(`u.agency_id = $${params.length}`);
  }
  const clause = repo.listClause({
    conditions,
    params,
    search: { text: query.q, columns: ['u.name', 'u.code'] },
    active: query.active,
    activeColumn: 'u.active',
  });
  const { rows, total } = await repo.pageQuery<repo.UnitRow>(opts.db, {
    select: repo.unitSelect,
    from: repo.unitFrom,
    ...clause,
    orderBy: 'a.name, u.sort_order, u.name',
    page: query.page,
    pageSize: query.pageSize,
  });
  return { items: rows.map(presentUnit), total, page: query.page, pageSize: query.pageSize };
}

export async function getUnit(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  id: string;
}): Promise<Unit> {
  authorize(opts.ctx.actor, 'org.read', opts.governmentId);
  const u = await repo.getUnit(opts.db, opts.governmentId, opts.id);
  if (!u) throw notFound();
  return presentUnit(u);
}

async function checkParent(tx: Tx, governmentId: string, agencyId: string, parentId: string): Promise<void> {
  const parent = await repo.getUnit(tx, governmentId, parentId);
  if (!parent) throw badReference('body.parentId');
  if (parent.agency_id !== agencyId) {
    throw invalidField('body.parentId', {
      id: 'Unit induk harus berada di perangkat daerah yang sama',
      en: 'The parent unit must belong to the same agency',
    });
  }
  if (!parent.active) throw badReference('body.parentId', true);
}

export async function createUnit(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  input: Body<typeof createUnitBody>;
}): Promise<Unit> {
  authorize(opts.ctx.actor, 'org.manage', opts.governmentId);
  return opts.db.transaction((tx) => insertUnitTx(tx, opts.ctx, opts.governmentId, opts.input));
}

export async function insertUnitTx(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  input: Body<typeof createUnitBody>,
): Promise<Unit> {
  await requireActiveAgency(tx, governmentId, input.agencyId, 'body.agencyId');
  if (input.parentId) await checkParent(tx, governmentId, input.agencyId, input.parentId);
  if (await exists(tx, 'SELECT 1 FROM units WHERE agency_id = $1 AND code = $2', [input.agencyId, input.code])) {
    throw duplicate('body.code');
  }
  const id = await repo.insertUnit(tx, {
    government_id: governmentId,
    agency_id: input.agencyId,
    parent_id: input.parentId ?? null,
    code: input.code,
    name: input.name,
    kind: input.kind,
    sort_order: input.sortOrder ?? 0,
  });
  const created = presentUnit((await repo.getUnit(tx, governmentId, id))!);
  await recordAudit(tx, ctx, { governmentId, action: 'unit.create', entityType: 'unit', entityId: id, after: created });
  return created;
}

export async function updateUnit(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  id: string;
  input: Body<typeof updateUnitBody>;
}): Promise<Unit> {
  authorize(opts.ctx.actor, 'org.manage', opts.governmentId);
  const { input, governmentId, id } = opts;
  return opts.db.transaction(async (tx) => {
    const before = await repo.getUnit(tx, governmentId, id);
    if (!before) throw notFound();
    if (input.parentId) {
      await checkParent(tx, governmentId, before.agency_id, input.parentId);
      const subtree = await repo.unitSubtree(tx, governmentId, id);
      if (subtree.includes(input.parentId)) {
        throw new AppError('VALIDATION', {
          details: [
            {
              path: 'body.parentId',
              message: {
                id: 'Unit tidak boleh menjadi induk dari dirinya sendiri atau turunannya',
                en: 'A unit cannot be its own parent or the parent of its ancestors',
              },
            },
          ],
        });
      }
    }
    if (
      input.code &&
      input.code !== before.code &&
      (await exists(tx, 'SELECT 1 FROM units WHERE agency_id = $1 AND code = $2', [before.agency_id, input.code]))
    ) {
      throw duplicate('body.code');
    }
    assertFresh(
      await repo.updateRow(
        tx,
        'units',
        governmentId,
        id,
        {
          parent_id: input.parentId,
          code: input.code,
          name: input.name,
          kind: input.kind,
          sort_order: input.sortOrder,
          active: input.active,
        },
        input.expectedUpdatedAt,
      ),
    );
    const after = presentUnit((await repo.getUnit(tx, governmentId, id))!);
    await recordAudit(tx, opts.ctx, {
      governmentId,
      action: updateAction('unit', before.active, input.active),
      entityType: 'unit',
      entityId: id,
      before: presentUnit(before),
      after,
    });
    return after;
  });
}

// ── employees ────────────────────────────────────────────────────────────────────────────
function presentEmployee(r: repo.EmployeeRow): Employee {
  return {
    id: r.id,
    governmentId: r.government_id,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    nip: r.nip,
    name: r.name,
    frontTitle: r.front_title,
    backTitle: r.back_title,
    fullName: formatPersonName({ name: r.name, frontTitle: r.front_title, backTitle: r.back_title }),
    sex: r.sex,
    birthDate: r.birth_date,
    rank: r.rank,
    grade: r.grade,
    email: r.email,
    phone: r.phone,
    active: r.active,
    updatedAt: iso(r.updated_at),
  };
}

/** Validates a NIP and returns its parts, or a 400 naming `body.nip` with every wrong part. */
function checkNip(input: string) {
  const r = parseNip(input);
  if (!r.ok) {
    throw new AppError('VALIDATION', { details: r.errors.map((e) => ({ path: 'body.nip', message: e.message })) });
  }
  return r.value;
}

export async function listEmployees(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  query: ListQuery & { agencyId?: string | undefined };
}): Promise<Page<Employee>> {
  authorize(opts.ctx.actor, 'org.read', opts.governmentId);
  const { query } = opts;
  const params: unknown[] = [opts.governmentId];
  const conditions = ['e.government_id = $1'];
  if (query.agencyId) {
    params.push(query.agencyId);
    conditions.push(`e.agency_id = $${params.length}`);
  }
  // A NIP typed with spaces (as printed) still finds the person.
  const q = query.q && /^[0-9 ]+$/.test(query.q) ? query.q.replace(/ /g, '') : query.q;
  const clause = repo.listClause({
    conditions,
    params,
    search: { text: q, columns: ['e.name', 'e.nip'] },
    active: query.active,
    activeColumn: 'e.active',
  });
  const { rows, total } = await repo.pageQuery<repo.EmployeeRow>(opts.db, {
    select: repo.employeeSelect,
    from: repo.employeeFrom,
    ...clause,
    orderBy: 'e.name',
    page: query.page,
    pageSize: query.pageSize,
  });
  return { items: rows.map(presentEmployee), total, page: query.page, pageSize: query.pageSize };
}

export async function getEmployee(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  id: string;
}): Promise<Employee> {
  authorize(opts.ctx.actor, 'org.read', opts.governmentId);
  const e = await repo.getEmployee(opts.db, opts.governmentId, opts.id);
  if (!e) throw notFound();
  return presentEmployee(e);
}

export async function createEmployee(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  input: Body<typeof createEmployeeBody>;
}): Promise<Employee> {
  authorize(opts.ctx.actor, 'org.manage', opts.governmentId);
  const nip = checkNip(opts.input.nip);
  return opts.db.transaction((tx) => insertEmployeeTx(tx, opts.ctx, opts.governmentId, opts.input, nip));
}

export async function insertEmployeeTx(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  input: Body<typeof createEmployeeBody>,
  nip = checkNip(input.nip),
): Promise<Employee> {
  if (input.agencyId) await requireActiveAgency(tx, governmentId, input.agencyId, 'body.agencyId');
  if (await repo.findEmployeeByNip(tx, governmentId, nip.nip)) throw duplicate('body.nip');
  const id = await repo.insertEmployee(tx, {
    government_id: governmentId,
    agency_id: input.agencyId ?? null,
    nip: nip.nip,
    name: input.name,
    front_title: input.frontTitle ?? '',
    back_title: input.backTitle ?? '',
    sex: nip.sex,
    birth_date: nip.birthDate,
    rank: input.rank ?? '',
    grade: input.grade ?? '',
    email: input.email ?? '',
    phone: input.phone ?? '',
  });
  const created = presentEmployee((await repo.getEmployee(tx, governmentId, id))!);
  await recordAudit(tx, ctx, {
    governmentId,
    action: 'employee.create',
    entityType: 'employee',
    entityId: id,
    after: created,
  });
  return created;
}

export async function updateEmployee(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  id: string;
  input: Body<typeof updateEmployeeBody>;
}): Promise<Employee> {
  authorize(opts.ctx.actor, 'org.manage', opts.governmentId);
  const { input, governmentId, id } = opts;
  const nip = input.nip !== undefined ? checkNip(input.nip) : undefined;
  return opts.db.transaction(async (tx) => {
    const before = await repo.getEmployee(tx, governmentId, id);
    if (!before) throw notFound();
    if (input.agencyId) await requireActiveAgency(tx, governmentId, input.agencyId, 'body.agencyId');
    if (nip && nip.nip !== before.nip) {
      const other = await repo.findEmployeeByNip(tx, governmentId, nip.nip);
      if (other && other.id !== id) throw duplicate('body.nip');
    }
    assertFresh(
      await repo.updateRow(
        tx,
        'employees',
        governmentId,
        id,
        {
          agency_id: input.agencyId,
          nip: nip?.nip,
          sex: nip?.sex,
          birth_date: nip?.birthDate,
          name: input.name,
          front_title: input.frontTitle,
          back_title: input.backTitle,
          rank: input.rank,
          grade: input.grade,
          email: input.email,
          phone: input.phone,
          active: input.active,
        },
        input.expectedUpdatedAt,
      ),
    );
    const after = presentEmployee((await repo.getEmployee(tx, governmentId, id))!);
    await recordAudit(tx, opts.ctx, {
      governmentId,
      action: updateAction('employee', before.active, input.active),
      entityType: 'employee',
      entityId: id,
      before: presentEmployee(before),
      after,
    });
    return after;
  });
}

// ── positions ────────────────────────────────────────────────────────────────────────────
function presentAssignment(a: repo.AssignmentRow): Assignment {
  return {
    id: a.id,
    positionId: a.position_id,
    employeeId: a.employee_id,
    employeeName: formatPersonName({ name: a.employee_name, frontTitle: a.front_title, backTitle: a.back_title }),
    employeeNip: a.employee_nip,
    kind: a.kind,
    startsOn: a.starts_on,
    endsOn: a.ends_on,
    decreeNumber: a.decree_number,
  };
}

async function presentPositions(db: Queryable, governmentId: string, rows: repo.PositionRow[]): Promise<Position[]> {
  const assignments = await repo.assignmentsInForce(
    db,
    governmentId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const mine = assignments.filter((a) => a.position_id === r.id);
    const holder = mine.find((a) => a.kind === 'definitive');
    return {
      id: r.id,
      governmentId: r.government_id,
      agencyId: r.agency_id,
      agencyName: r.agency_name,
      unitId: r.unit_id,
      unitName: r.unit_name,
      code: r.code,
      name: r.name,
      kind: r.kind,
      sortOrder: r.sort_order,
      active: r.active,
      updatedAt: iso(r.updated_at),
      holder: holder ? presentAssignment(holder) : null,
      acting: mine.filter((a) => a.kind !== 'definitive').map(presentAssignment),
    };
  });
}

async function loadPosition(db: Queryable, governmentId: string, id: string): Promise<Position> {
  const row = await repo.getPosition(db, governmentId, id);
  if (!row) throw notFound();
  return (await presentPositions(db, governmentId, [row]))[0]!;
}

export async function listPositions(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  query: ListQuery & { agencyId?: string | undefined; unitId?: string | undefined };
}): Promise<Page<Position>> {
  authorize(opts.ctx.actor, 'org.read', opts.governmentId);
  const { query } = opts;
  const params: unknown[] = [opts.governmentId];
  const conditions = ['p.government_id = $1'];
  if (query.agencyId) {
    params.push(query.agencyId);
    conditions.push(`p.agency_id = $${params.length}`);
  }
  if (query.unitId) {
    params.push(query.unitId);
    conditions.push(`p.unit_id = $${params.length}`);
  }
  const clause = repo.listClause({
    conditions,
    params,
    search: { text: query.q, columns: ['p.name', 'p.code', 'un.name'] },
    active: query.active,
    activeColumn: 'p.active',
  });
  const { rows, total } = await repo.pageQuery<repo.PositionRow>(opts.db, {
    select: repo.positionSelect,
    from: repo.positionFrom,
    ...clause,
    orderBy: `a.name, (p.unit_id IS NOT NULL), CASE p.kind WHEN 'head' THEN 0 WHEN 'secretary' THEN 1 WHEN 'functional' THEN 2 ELSE 3 END, p.sort_order, p.name`,
    page: query.page,
    pageSize: query.pageSize,
  });
  return {
    items: await presentPositions(opts.db, opts.governmentId, rows),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getPosition(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  id: string;
}): Promise<Position> {
  authorize(opts.ctx.actor, 'org.read', opts.governmentId);
  return loadPosition(opts.db, opts.governmentId, opts.id);
}

async function checkPositionUnit(tx: Tx, governmentId: string, agencyId: string, unitId: string): Promise<void> {
  const unit = await repo.getUnit(tx, governmentId, unitId);
  if (!unit) throw badReference('body.unitId');
  if (unit.agency_id !== agencyId) {
    throw invalidField('body.unitId', {
      id: 'Unit harus berada di perangkat daerah jabatan ini',
      en: "The unit must belong to the position's agency",
    });
  }
  if (!unit.active) throw badReference('body.unitId', true);
}

export async function createPosition(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  input: Body<typeof createPositionBody>;
}): Promise<Position> {
  authorize(opts.ctx.actor, 'org.manage', opts.governmentId);
  return opts.db.transaction((tx) => insertPositionTx(tx, opts.ctx, opts.governmentId, opts.input));
}

export async function insertPositionTx(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  input: Body<typeof createPositionBody>,
): Promise<Position> {
  await requireActiveAgency(tx, governmentId, input.agencyId, 'body.agencyId');
  if (input.unitId) await checkPositionUnit(tx, governmentId, input.agencyId, input.unitId);
  if (await exists(tx, 'SELECT 1 FROM positions WHERE agency_id = $1 AND code = $2', [input.agencyId, input.code])) {
    throw duplicate('body.code');
  }
  const id = await repo.insertPosition(tx, {
    government_id: governmentId,
    agency_id: input.agencyId,
    unit_id: input.unitId ?? null,
    code: input.code,
    name: input.name,
    kind: input.kind,
    sort_order: input.sortOrder ?? 0,
  });
  const created = await loadPosition(tx, governmentId, id);
  await recordAudit(tx, ctx, {
    governmentId,
    action: 'position.create',
    entityType: 'position',
    entityId: id,
    after: created,
  });
  return created;
}

export async function updatePosition(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  id: string;
  input: Body<typeof updatePositionBody>;
}): Promise<Position> {
  authorize(opts.ctx.actor, 'org.manage', opts.governmentId);
  const { input, governmentId, id } = opts;
  return opts.db.transaction(async (tx) => {
    const before = await loadPosition(tx, governmentId, id);
    if (input.unitId) await checkPositionUnit(tx, governmentId, before.agencyId, input.unitId);
    if (
      input.code &&
      input.code !== before.code &&
      (await exists(tx, 'SELECT 1 FROM positions WHERE agency_id = $1 AND code = $2', [before.agencyId, input.code]))
    ) {
      throw duplicate('body.code');
    }
    assertFresh(
      await repo.updateRow(
        tx,
        'positions',
        governmentId,
        id,
        {
          unit_id: input.unitId,
          code: input.code,
          name: input.name,
          kind: input.kind,
          sort_order: input.sortOrder,
          active: input.active,
        },
        input.expectedUpdatedAt,
      ),
    );
    const after = await loadPosition(tx, governmentId, id);
    await recordAudit(tx, opts.ctx, {
      governmentId,
      action: updateAction('position', before.active, input.active),
      entityType: 'position',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/** Appoints a definitive holder or a Plt / Plh for a date range. */
export async function assignPosition(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  positionId: string;
  input: Body<typeof createAssignmentBody>;
}): Promise<Position> {
  authorize(opts.ctx.actor, 'org.manage', opts.governmentId);
  return opts.db.transaction((tx) => assignPositionTx(tx, opts.ctx, opts.governmentId, opts.positionId, opts.input));
}

export async function assignPositionTx(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  positionId: string,
  input: Body<typeof createAssignmentBody>,
): Promise<Position> {
  const before = await loadPosition(tx, governmentId, positionId);
  if (!before.active) throw new AppError('INACTIVE_REFERENCE', { status: 409 });
  const employee = await repo.getEmployee(tx, governmentId, input.employeeId);
  if (!employee) throw badReference('body.employeeId');
  if (!employee.active) throw badReference('body.employeeId', true);
  if (input.endsOn && input.endsOn < input.startsOn) {
    throw invalidField('body.endsOn', {
      id: 'Tanggal selesai tidak boleh sebelum tanggal mulai',
      en: 'The end date cannot be before the start date',
    });
  }
  if (input.kind !== 'definitive' && !input.endsOn) {
    throw invalidField('body.endsOn', {
      id: 'Penugasan Plt/Plh harus memiliki tanggal selesai',
      en: 'A Plt/Plh assignment needs an end date',
    });
  }
  // One definitive holder at a time, and one acting official at a time.
  const overlap = await repo.overlappingAssignments(
    tx,
    positionId,
    input.kind === 'definitive',
    input.startsOn,
    input.endsOn ?? null,
  );
  if (overlap.length > 0) {
    if (input.kind === 'definitive') throw new AppError('POSITION_HELD');
    throw new AppError('CONFLICT', {
      details: [
        {
          path: 'body.startsOn',
          message: {
            id: 'Sudah ada Plt/Plh pada jabatan ini dalam rentang tanggal tersebut',
            en: 'This position already has a Plt/Plh in that date range',
          },
        },
      ],
    });
  }
  const id = await repo.insertAssignment(tx, {
    government_id: governmentId,
    position_id: positionId,
    employee_id: input.employeeId,
    kind: input.kind,
    starts_on: input.startsOn,
    ends_on: input.endsOn ?? null,
    decree_number: input.decreeNumber ?? '',
  });
  const assignment = await repo.getAssignment(tx, governmentId, positionId, id);
  await recordAudit(tx, ctx, {
    governmentId,
    action: `position.assign_${input.kind}`,
    entityType: 'position',
    entityId: positionId,
    after: presentAssignment(assignment!),
  });
  return loadPosition(tx, governmentId, positionId);
}

/** Who held and acted in the position over time, ended assignments included. */
export async function listPositionAssignments(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  id: string;
}): Promise<{ items: Assignment[] }> {
  authorize(opts.ctx.actor, 'org.read', opts.governmentId);
  if (!(await repo.getPosition(opts.db, opts.governmentId, opts.id))) throw notFound();
  const rows = await repo.assignmentHistory(opts.db, opts.governmentId, opts.id);
  return { items: rows.map(presentAssignment) };
}

export async function endPositionAssignment(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  positionId: string;
  assignmentId: string;
  endsOn: string;
}): Promise<Position> {
  authorize(opts.ctx.actor, 'org.manage', opts.governmentId);
  return opts.db.transaction(async (tx) => {
    const a = await repo.getAssignment(tx, opts.governmentId, opts.positionId, opts.assignmentId);
    if (!a) throw notFound();
    if (opts.endsOn < a.starts_on) {
      throw invalidField('body.endsOn', {
        id: 'Tanggal selesai tidak boleh sebelum tanggal mulai penugasan',
        en: 'The end date cannot be before the assignment started',
      });
    }
    await repo.endAssignment(tx, a.id, opts.endsOn);
    const after = await repo.getAssignment(tx, opts.governmentId, opts.positionId, opts.assignmentId);
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'position.end_assignment',
      entityType: 'position',
      entityId: opts.positionId,
      before: presentAssignment(a),
      after: presentAssignment(after!),
    });
    return loadPosition(tx, opts.governmentId, opts.positionId);
  });
}

// ── teams ────────────────────────────────────────────────────────────────────────────────
async function presentTeams(db: Queryable, governmentId: string, rows: repo.TeamRow[]): Promise<Team[]> {
  const members = await repo.teamMembers(
    db,
    governmentId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    governmentId: r.government_id,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    code: r.code,
    name: r.name,
    description: r.description,
    active: r.active,
    updatedAt: iso(r.updated_at),
    members: members
      .filter((m) => m.team_id === r.id)
      .map((m) => ({
        id: m.id,
        role: m.role,
        positionId: m.position_id,
        positionName: m.position_name,
        employeeId: m.employee_id,
        employeeName: m.employee_name,
      })),
  }));
}

async function loadTeam(db: Queryable, governmentId: string, id: string): Promise<Team> {
  const row = await repo.getTeam(db, governmentId, id);
  if (!row) throw notFound();
  return (await presentTeams(db, governmentId, [row]))[0]!;
}

export async function listTeams(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  query: ListQuery & { agencyId?: string | undefined };
}): Promise<Page<Team>> {
  authorize(opts.ctx.actor, 'org.read', opts.governmentId);
  const { query } = opts;
  const params: unknown[] = [opts.governmentId];
  const conditions = ['t.government_id = $1'];
  if (query.agencyId) {
    params.push(query.agencyId);
    conditions.push(`t.agency_id = $${params.length}`);
  }
  const clause = repo.listClause({
    conditions,
    params,
    search: { text: query.q, columns: ['t.name', 't.code'] },
    active: query.active,
    activeColumn: 't.active',
  });
  const { rows, total } = await repo.pageQuery<repo.TeamRow>(opts.db, {
    select: repo.teamSelect,
    from: repo.teamFrom,
    ...clause,
    orderBy: 'a.name, t.name',
    page: query.page,
    pageSize: query.pageSize,
  });
  return {
    items: await presentTeams(opts.db, opts.governmentId, rows),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getTeam(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  id: string;
}): Promise<Team> {
  authorize(opts.ctx.actor, 'org.read', opts.governmentId);
  return loadTeam(opts.db, opts.governmentId, opts.id);
}

export async function createTeam(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  input: Body<typeof createTeamBody>;
}): Promise<Team> {
  authorize(opts.ctx.actor, 'org.manage', opts.governmentId);
  return opts.db.transaction((tx) => insertTeamTx(tx, opts.ctx, opts.governmentId, opts.input));
}

export async function insertTeamTx(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  input: Body<typeof createTeamBody>,
): Promise<Team> {
  await requireActiveAgency(tx, governmentId, input.agencyId, 'body.agencyId');
  if (await exists(tx, 'SELECT 1 FROM teams WHERE agency_id = $1 AND code = $2', [input.agencyId, input.code])) {
    throw duplicate('body.code');
  }
  const id = await repo.insertTeam(tx, {
    government_id: governmentId,
    agency_id: input.agencyId,
    code: input.code,
    name: input.name,
    description: input.description ?? '',
  });
  const created = await loadTeam(tx, governmentId, id);
  await recordAudit(tx, ctx, { governmentId, action: 'team.create', entityType: 'team', entityId: id, after: created });
  return created;
}

export async function updateTeam(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  id: string;
  input: Body<typeof updateTeamBody>;
}): Promise<Team> {
  authorize(opts.ctx.actor, 'org.manage', opts.governmentId);
  const { input, governmentId, id } = opts;
  return opts.db.transaction(async (tx) => {
    const before = await loadTeam(tx, governmentId, id);
    if (
      input.code &&
      input.code !== before.code &&
      (await exists(tx, 'SELECT 1 FROM teams WHERE agency_id = $1 AND code = $2', [before.agencyId, input.code]))
    ) {
      throw duplicate('body.code');
    }
    assertFresh(
      await repo.updateRow(
        tx,
        'teams',
        governmentId,
        id,
        {
          code: input.code,
          name: input.name,
          description: input.description,
          active: input.active,
        },
        input.expectedUpdatedAt,
      ),
    );
    const after = await loadTeam(tx, governmentId, id);
    await recordAudit(tx, opts.ctx, {
      governmentId,
      action: updateAction('team', before.active, input.active),
      entityType: 'team',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export async function addTeamMember(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  teamId: string;
  input: Body<typeof addTeamMemberBody>;
}): Promise<Team> {
  authorize(opts.ctx.actor, 'org.manage', opts.governmentId);
  return opts.db.transaction((tx) => addTeamMemberTx(tx, opts.ctx, opts.governmentId, opts.teamId, opts.input));
}

export async function addTeamMemberTx(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  teamId: string,
  input: Body<typeof addTeamMemberBody>,
): Promise<Team> {
  const team = await repo.getTeam(tx, governmentId, teamId);
  if (!team) throw notFound();
  if (input.positionId) {
    const p = await repo.getPosition(tx, governmentId, input.positionId);
    if (!p) throw badReference('body.positionId');
    if (!p.active) throw badReference('body.positionId', true);
  }
  if (input.employeeId) {
    const e = await repo.getEmployee(tx, governmentId, input.employeeId);
    if (!e) throw badReference('body.employeeId');
    if (!e.active) throw badReference('body.employeeId', true);
  }
  const memberId = await repo.insertTeamMember(tx, {
    government_id: governmentId,
    team_id: teamId,
    role: input.role,
    position_id: input.positionId ?? null,
    employee_id: input.employeeId ?? null,
  });
  const after = await loadTeam(tx, governmentId, teamId);
  await recordAudit(tx, ctx, {
    governmentId,
    action: 'team.add_member',
    entityType: 'team',
    entityId: teamId,
    after: after.members.find((m) => m.id === memberId),
  });
  return after;
}

export async function removeTeamMember(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  teamId: string;
  memberId: string;
}): Promise<Team> {
  authorize(opts.ctx.actor, 'org.manage', opts.governmentId);
  return opts.db.transaction(async (tx) => {
    const before = await loadTeam(tx, opts.governmentId, opts.teamId);
    const member = before.members.find((m) => m.id === opts.memberId);
    if (!member) throw notFound();
    await repo.removeTeamMember(tx, opts.governmentId, opts.teamId, opts.memberId);
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'team.remove_member',
      entityType: 'team',
      entityId: opts.teamId,
      before: member,
    });
    return loadTeam(tx, opts.governmentId, opts.teamId);
  });
}

// ── holidays ─────────────────────────────────────────────────────────────────────────────
export async function listHolidays(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  year?: number | undefined;
}) {
  authorize(opts.ctx.actor, 'government.read', opts.governmentId);
  return { items: await repo.listHolidays(opts.db, opts.governmentId, opts.year) };
}

export async function addHoliday(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  date: string;
  name: string;
}) {
  authorize(opts.ctx.actor, 'government.manage', opts.governmentId);
  return opts.db.transaction(async (tx) => {
    if (
      await exists(tx, 'SELECT 1 FROM holidays WHERE government_id = $1 AND date = $2', [opts.governmentId, opts.date])
    ) {
      throw duplicate('body.date');
    }
    const id = await repo.insertHoliday(tx, opts.governmentId, opts.date, opts.name);
    const created = { id, date: opts.date, name: opts.name };
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'holiday.create',
      entityType: 'holiday',
      entityId: id,
      after: created,
    });
    return created;
  });
}

export async function removeHoliday(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  holidayId: string;
}) {
  authorize(opts.ctx.actor, 'government.manage', opts.governmentId);
  await opts.db.transaction(async (tx) => {
    const gone = await repo.deleteHoliday(tx, opts.governmentId, opts.holidayId);
    if (!gone) throw notFound();
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'holiday.delete',
      entityType: 'holiday',
      entityId: gone.id,
      before: gone,
    });
  });
}

/** The government's working calendar, holidays included (for due times). */
export async function workingCalendar(db: Queryable, governmentId: string): Promise<WorkingCalendar> {
  const g = await repo.getGovernment(db, governmentId);
  if (!g) throw notFound();
  const holidays = await repo.listHolidays(db, governmentId);
  return {
    timeZone: g.time_zone,
    workDays: g.work_days,
    workStart: parseClock(g.work_start),
    workEnd: parseClock(g.work_end),
    holidays: holidays.map((h) => h.date),
  };
}
