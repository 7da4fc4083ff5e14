import { randomBytes, randomUUID } from 'node:crypto';
import {
  type Agency,
  type createAgencyBody,
  type createEmployeeBody,
  type createPositionBody,
  type createTeamBody,
  type createUnitBody,
  type Employee,
  errorMessages,
  limits,
  type MeResponse,
  type Position,
  type Team,
  type Unit,
} from '@sidakin/core';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  type Client,
  createTestApp,
  type GovernmentFixture,
  makeGovernment,
  makeNip,
  makeSystemAdmin,
  signIn,
  TEST_PASSWORD,
  type TestContext,
} from '../../test/fixture.js';

// The organisation API against a real database: each entity's life cycle with its audit records,
// the NIP rules, the unit tree, positions with definitive and acting holders, teams, the
// government's own settings, and tenant isolation.

let t: TestContext;
let g: GovernmentFixture;
let admin: Client;
let system: Client;

beforeAll(async () => {
  t = await createTestApp();
  g = await makeGovernment(t.db);
  admin = await signIn(t.app, g.admin.username);
  system = await signIn(t.app, (await makeSystemAdmin(t.db)).username);
});
afterAll(async () => {
  await t.close();
});

const gov = (path = '') => `/api/governments/${g.governmentId}${path}`;

let n = 0;
const next = () => ++n;

/** A date `offset` days from today, in the government's time zone (the fixture uses WIB). */
function day(offset = 0): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Jakarta',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() + offset * 86_400_000));
}

// ── assertions ─────────────────────────────────────────────────────────────────────────────
interface ErrorBody {
  code: string;
  message: string;
  details?: { path: string; message: string }[];
}

function expectError(res: LightMyRequestResponse, status: number, code: string, path?: string): ErrorBody {
  expect(res.statusCode, res.body).toBe(status);
  const error = res.json().error as ErrorBody;
  expect(error.code).toBe(code);
  if (path) expect(error.details?.map((d) => d.path)).toContain(path);
  return error;
}

/** The messages the error gives for one field. */
const messagesAt = (error: ErrorBody, path: string) =>
  (error.details ?? []).filter((d) => d.path === path).map((d) => d.message);

function created<T>(res: LightMyRequestResponse): T {
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as T;
}

function ok<T>(res: LightMyRequestResponse): T {
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
}

async function count(table: string): Promise<number> {
  const rows = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]!.n;
}

/** Runs `act` and checks that neither `table` nor the audit trail gained or lost a row. */
async function expectNothingSaved(table: string, act: () => Promise<void>): Promise<void> {
  const before = { rows: await count(table), audit: await count('audit_log') };
  await act();
  expect({ rows: await count(table), audit: await count('audit_log') }).toEqual(before);
}

interface AuditRecord {
  action: string;
  entity_type: string;
  entity_id: string | null;
  government_id: string | null;
  actor_user_id: string | null;
  actor_position_id: string | null;
  actor_position_name: string | null;
  before: unknown;
  after: unknown;
}

async function auditMark(): Promise<number> {
  const rows = await t.db.query<{ n: number }>('SELECT coalesce(max(id), 0)::int AS n FROM audit_log');
  return rows[0]!.n;
}

/** The audit records written since `mark`; the caller says how many it expects. */
async function auditSince(mark: number): Promise<AuditRecord[]> {
  return t.db.query<AuditRecord>(
    `SELECT action, entity_type, entity_id, government_id, actor_user_id, actor_position_id, actor_position_name,
            before, after
       FROM audit_log WHERE id > $1 ORDER BY id`,
    [mark],
  );
}

/** The one audit record written since `mark` (fails if there is none or more than one). */
async function onlyAuditSince(mark: number): Promise<AuditRecord> {
  const records = await auditSince(mark);
  expect(records.map((r) => r.action)).toHaveLength(1);
  return records[0]!;
}

// ── factories (through the API, with overrides) ──────────────────────────────────────────────
type Overrides<T extends z.ZodType> = Partial<z.input<T>>;

async function makeAgency(overrides: Overrides<typeof createAgencyBody> = {}): Promise<Agency> {
  const i = next();
  return created(
    await admin.request('POST', gov('/agencies'), {
      code: `opd-${i}`,
      name: `Badan Uji ${i}`,
      kind: 'badan',
      ...overrides,
    }),
  );
}

async function makeUnit(overrides: Overrides<typeof createUnitBody> = {}): Promise<Unit> {
  const i = next();
  return created(
    await admin.request('POST', gov('/units'), {
      agencyId: g.agencyId,
      code: `unit-${i}`,
      name: `Seksi Uji ${i}`,
      kind: 'seksi',
      ...overrides,
    }),
  );
}

async function makeEmployee(overrides: Overrides<typeof createEmployeeBody> = {}): Promise<Employee> {
  const i = next();
  return created(
    await admin.request('POST', gov('/employees'), {
      agencyId: g.agencyId,
      nip: makeNip(),
      name: `Pegawai Uji ${i}`,
      ...overrides,
    }),
  );
}

async function makePosition(overrides: Overrides<typeof createPositionBody> = {}): Promise<Position> {
  const i = next();
  return created(
    await admin.request('POST', gov('/positions'), {
      agencyId: g.agencyId,
      unitId: g.unitId,
      code: `jab-${i}`,
      name: `Analis Uji ${i}`,
      kind: 'functional',
      ...overrides,
    }),
  );
}

async function makeTeam(overrides: Overrides<typeof createTeamBody> = {}): Promise<Team> {
  const i = next();
  return created(
    await admin.request('POST', gov('/teams'), {
      agencyId: g.agencyId,
      code: `tim-${i}`,
      name: `Tim Uji ${i}`,
      ...overrides,
    }),
  );
}

function assign(
  positionId: string,
  body: { employeeId: string; kind: 'definitive' | 'plt' | 'plh'; startsOn: string; endsOn?: string },
  client = admin,
) {
  return client.request('POST', gov(`/positions/${positionId}/assignments`), body);
}

// ── every entity: create, read, update, list, deactivate, bad input ─────────────────────────────
type Entity = { id: string; name: string; active: boolean } & Record<string, unknown>;

interface EntitySpec {
  type: 'government' | 'agency' | 'unit' | 'employee' | 'position' | 'team';
  table: string;
  collection: () => string;
  client: () => Client;
  /** A valid create body; `key` is unique and appears in the name (and the code, if any). */
  body: (key: string) => Record<string, unknown>;
  update: Record<string, unknown>;
  /** A create body that breaks a rule, and the field the error must name. */
  invalid: { body: () => Record<string, unknown>; path: string };
  /** The field that must be unique, and whether an update may change it. */
  unique: { field: 'code' | 'nip'; updatable: boolean };
  deactivateAction: string;
}

const specs: EntitySpec[] = [
  {
    type: 'government',
    table: 'governments',
    collection: () => '/api/governments',
    client: () => system,
    body: (key) => ({ code: key, name: `Pemerintah Kota ${key}`, kind: 'kota', timeZone: 'Asia/Makassar' }),
    update: { name: 'Pemerintah Kota Luwuk', province: 'Sulawesi Tengah', letterheadLines: ['PEMERINTAH KOTA LUWUK'] },
    invalid: {
      body: () => ({ code: `kota-${next()}`, name: 'Kota Uji', kind: 'desa', timeZone: 'Asia/Jakarta' }),
      path: 'body.kind',
    },
    unique: { field: 'code', updatable: false },
    // A government is switched off with an ordinary update (only a system admin may).
    deactivateAction: 'government.update',
  },
  {
    type: 'agency',
    table: 'agencies',
    collection: () => gov('/agencies'),
    client: () => admin,
    body: (key) => ({ code: key, name: `Dinas ${key}`, kind: 'dinas' }),
    update: { name: 'Dinas Perdagangan dan Perindustrian', shortName: 'Disperindag', address: 'Jl. Ahmad Yani 1' },
    invalid: { body: () => ({ code: 'Kode Salah', name: 'Dinas Uji', kind: 'dinas' }), path: 'body.code' },
    unique: { field: 'code', updatable: true },
    deactivateAction: 'agency.deactivate',
  },
  {
    type: 'unit',
    table: 'units',
    collection: () => gov('/units'),
    client: () => admin,
    body: (key) => ({ agencyId: g.agencyId, code: key, name: `Seksi ${key}`, kind: 'seksi' }),
    update: { name: 'Seksi Pengawasan', kind: 'sub_bagian', sortOrder: 3 },
    invalid: {
      body: () => ({
        agencyId: g.agencyId,
        parentId: randomUUID(),
        code: `unit-${next()}`,
        name: 'Seksi',
        kind: 'seksi',
      }),
      path: 'body.parentId',
    },
    unique: { field: 'code', updatable: true },
    deactivateAction: 'unit.deactivate',
  },
  {
    type: 'employee',
    table: 'employees',
    collection: () => gov('/employees'),
    client: () => admin,
    body: (key) => ({ agencyId: g.agencyId, nip: makeNip(), name: `Pegawai ${key}` }),
    update: { name: 'Rahmawati', frontTitle: 'Dr.', backTitle: 'S.E., M.Si.', rank: 'Penata', grade: 'III/c' },
    invalid: { body: () => ({ nip: '12345', name: 'Pegawai Uji' }), path: 'body.nip' },
    unique: { field: 'nip', updatable: true },
    deactivateAction: 'employee.deactivate',
  },
  {
    type: 'position',
    table: 'positions',
    collection: () => gov('/positions'),
    client: () => admin,
    body: (key) => ({ agencyId: g.agencyId, unitId: g.unitId, code: key, name: `Analis ${key}`, kind: 'functional' }),
    update: { name: 'Analis Kebijakan Ahli Muda', kind: 'staff', sortOrder: 7 },
    invalid: {
      body: () => ({
        agencyId: g.agencyId,
        unitId: randomUUID(),
        code: `jab-${next()}`,
        name: 'Analis',
        kind: 'staff',
      }),
      path: 'body.unitId',
    },
    unique: { field: 'code', updatable: true },
    deactivateAction: 'position.deactivate',
  },
  {
    type: 'team',
    table: 'teams',
    collection: () => gov('/teams'),
    client: () => admin,
    body: (key) => ({ agencyId: g.agencyId, code: key, name: `Tim ${key}` }),
    update: { name: 'Tim SAKIP Internal', description: 'Perbaikan data kinerja' },
    invalid: { body: () => ({ agencyId: randomUUID(), code: `tim-${next()}`, name: 'Tim' }), path: 'body.agencyId' },
    unique: { field: 'code', updatable: true },
    deactivateAction: 'team.deactivate',
  },
];

describe.each(specs)('$type', (spec) => {
  const key = () => `${spec.type.slice(0, 3)}${next()}x`;
  const create = async (body = spec.body(key())) =>
    created<Entity>(await spec.client().request('POST', spec.collection(), body));
  const itemUrl = (id: string) => `${spec.collection()}/${id}`;
  const list = async (query: string) =>
    ok<{ items: Entity[]; total: number; page: number; pageSize: number }>(
      await spec.client().request('GET', `${spec.collection()}?${query}`),
    );

  it('create answers 201, reads back the same, and writes one audit record of the new state', async () => {
    const mark = await auditMark();
    const k = key();
    const entity = await create(spec.body(k));
    expect(entity.name).toContain(k);
    expect(entity.active).toBe(true);

    const read = ok<Entity>(await spec.client().request('GET', itemUrl(entity.id)));
    expect(read).toEqual(entity);

    const record = await onlyAuditSince(mark);
    expect(record).toMatchObject({
      action: `${spec.type}.create`,
      entity_type: spec.type,
      entity_id: entity.id,
      before: null,
      after: entity,
    });
  });

  it('update answers 200 with the change, and writes one audit record with before and after', async () => {
    const entity = await create();
    const before = ok<Entity>(await spec.client().request('GET', itemUrl(entity.id)));
    const mark = await auditMark();
    const updated = ok<Entity>(await spec.client().request('PATCH', itemUrl(entity.id), spec.update));
    expect(updated).toMatchObject({ id: entity.id, ...spec.update });
    expect(ok(await spec.client().request('GET', itemUrl(entity.id)))).toEqual(updated);

    const record = await onlyAuditSince(mark);
    expect(record).toMatchObject({
      action: `${spec.type}.update`,
      entity_type: spec.type,
      entity_id: entity.id,
      before,
      after: updated,
    });
  });

  it('lists with search q and pagination (page, pageSize, total)', async () => {
    const tag = `cari${next()}q`;
    const made = [];
    for (let i = 1; i <= 3; i++) made.push(await create(spec.body(`${tag}-${i}`)));
    await create(); // not matching the search

    const first = await list(`q=${tag}&pageSize=2&page=1`);
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.items).toHaveLength(2);
    const second = await list(`q=${tag}&pageSize=2&page=2`);
    expect(second).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(second.items).toHaveLength(1);
    const seen = [...first.items, ...second.items].map((e) => e.id).sort();
    expect(seen).toEqual(made.map((e) => e.id).sort());

    // Search ignores case.
    expect((await list(`q=${tag.toUpperCase()}`)).total).toBe(3);
    expect(await list(`q=${tag}&page=3&pageSize=2`)).toMatchObject({ items: [], total: 3 });
  });

  it('deactivates with PATCH {active:false}; then listed only with active=false or all', async () => {
    const tag = `nonaktif${next()}q`;
    const kept = await create(spec.body(`${tag}-1`));
    const gone = await create(spec.body(`${tag}-2`));

    const mark = await auditMark();
    const res = ok<Entity>(await spec.client().request('PATCH', itemUrl(gone.id), { active: false }));
    expect(res.active).toBe(false);
    const record = await onlyAuditSince(mark);
    expect(record).toMatchObject({
      action: spec.deactivateAction,
      entity_id: gone.id,
      before: { active: true },
      after: { active: false },
    });

    const ids = async (active?: string) =>
      (await list(`q=${tag}${active ? `&active=${active}` : ''}`)).items.map((e) => e.id).sort();
    expect(await ids()).toEqual([kept.id]);
    expect(await ids('true')).toEqual([kept.id]);
    expect(await ids('false')).toEqual([gone.id]);
    expect(await ids('all')).toEqual([kept.id, gone.id].sort());
    // Deactivated records stay readable by id.
    expect(ok<Entity>(await spec.client().request('GET', itemUrl(gone.id))).active).toBe(false);
  });

  it('bad input on create is a 400 naming the field; nothing is saved', async () => {
    await expectNothingSaved(spec.table, async () => {
      const res = await spec.client().request('POST', spec.collection(), spec.invalid.body());
      expectError(res, 400, 'VALIDATION', spec.invalid.path);
    });
  });

  it('bad input on update is a 400 naming the field; the record is unchanged', async () => {
    const entity = await create();
    const before = ok(await spec.client().request('GET', itemUrl(entity.id)));
    await expectNothingSaved(spec.table, async () => {
      const res = await spec.client().request('PATCH', itemUrl(entity.id), { name: '   ', bogus: 1 });
      const error = expectError(res, 400, 'VALIDATION', 'body.name');
      expect(error.details!.map((d) => d.path)).toContain('body.bogus');
    });
    expect(ok(await spec.client().request('GET', itemUrl(entity.id)))).toEqual(before);
  });

  it(`a duplicate ${spec.unique.field} is a 409 DUPLICATE naming body.${spec.unique.field}; nothing is saved`, async () => {
    const first = await create();
    const field = spec.unique.field;
    await expectNothingSaved(spec.table, async () => {
      const res = await spec
        .client()
        .request('POST', spec.collection(), { ...spec.body(key()), [field]: first[field] });
      expectError(res, 409, 'DUPLICATE', `body.${field}`);
    });
    if (!spec.unique.updatable) return;
    const second = await create();
    await expectNothingSaved(spec.table, async () => {
      const res = await spec.client().request('PATCH', itemUrl(second.id), { [field]: first[field] });
      expectError(res, 409, 'DUPLICATE', `body.${field}`);
    });
    expect(ok<Entity>(await spec.client().request('GET', itemUrl(second.id)))[field]).toBe(second[field]);
  });
});

// ── employees: the NIP ──────────────────────────────────────────────────────────────────────
describe('employees: NIP rules', () => {
  const cases = [
    {
      part: 'birth date (30 February)',
      nip: '19850230 201001 1 001',
      id: /^Tanggal lahir pada NIP \(digit 1–8: 19850230\) bukan tanggal yang valid/,
      en: /^The birth date in the NIP \(digits 1–8: 19850230\) is not a valid date/,
    },
    {
      part: 'sex digit (3)',
      nip: '19850115 201001 3 001',
      id: /^Digit jenis kelamin pada NIP \(digit 15\) harus 1 atau 2, bukan 3/,
      en: /^The sex digit in the NIP \(digit 15\) must be 1 or 2, not 3/,
    },
    {
      part: 'appointment before the age of 18',
      nip: '19950115 201001 1 001',
      id: /^TMT CPNS pada NIP \(digit 9–14: 201001\) lebih awal dari usia 18 tahun/,
      en: /^The appointment \(TMT CPNS\) in the NIP \(digits 9–14: 201001\) is before the holder turned 18/,
    },
  ];

  it.each(cases)('an impossible $part is refused naming that part, in Indonesian and in English', async (c) => {
    await expectNothingSaved('employees', async () => {
      const body = { nip: c.nip, name: 'Pegawai Uji' };
      const id = expectError(await admin.request('POST', gov('/employees'), body), 400, 'VALIDATION', 'body.nip');
      expect(id.message).toBe(errorMessages.VALIDATION.id);
      // Only the broken part is named.
      expect(messagesAt(id, 'body.nip')).toEqual([expect.stringMatching(c.id)]);

      const en = expectError(
        await admin.request('POST', gov('/employees'), body, { 'accept-language': 'en-US,en;q=0.9' }),
        400,
        'VALIDATION',
        'body.nip',
      );
      expect(en.message).toBe(errorMessages.VALIDATION.en);
      expect(messagesAt(en, 'body.nip')).toEqual([expect.stringMatching(c.en)]);
    });
  });

  it('accepts a NIP typed with spaces and stores the 18 digits, with sex and birth date from it', async () => {
    const e = await makeEmployee({ nip: '19900315 201503 2 007' });
    expect(e).toMatchObject({ nip: '199003152015032007', sex: 'female', birthDate: '1990-03-15' });
    const rows = await t.db.query<{ nip: string }>('SELECT nip FROM employees WHERE id = $1', [e.id]);
    expect(rows[0]!.nip).toBe('199003152015032007');
  });

  it('a NIP already registered (typed differently) is a 409 at body.nip; nothing is saved', async () => {
    const e = await makeEmployee({ nip: '19910720 201604 1 011' });
    await expectNothingSaved('employees', async () => {
      const res = await admin.request('POST', gov('/employees'), { nip: ' 199107202016041011 ', name: 'Kembar' });
      expectError(res, 409, 'DUPLICATE', 'body.nip');
    });
    expect(ok<Employee>(await admin.request('GET', gov(`/employees/${e.id}`))).name).toBe(e.name);
  });

  it('finds an employee by NIP typed with spaces, in full or in part', async () => {
    const e = await makeEmployee({ nip: '199205052017081003', name: 'Moh. Rizal Lamaluta' });
    const search = async (q: string) =>
      ok<{ items: Employee[]; total: number }>(
        await admin.request('GET', gov(`/employees?q=${encodeURIComponent(q)}`)),
      );
    expect((await search('19920505 201708 1 003')).items.map((x) => x.id)).toEqual([e.id]);
    expect((await search('19920505 2017')).items.map((x) => x.id)).toEqual([e.id]);
    expect((await search('rizal')).items.map((x) => x.id)).toEqual([e.id]);
  });

  it('an update with a broken NIP is refused at body.nip; a valid one updates sex and birth date', async () => {
    const e = await makeEmployee({ nip: '19930101 201803 1 004' });
    await expectNothingSaved('employees', async () => {
      const res = await admin.request('PATCH', gov(`/employees/${e.id}`), { nip: '19931301 201803 1 004' });
      expect(messagesAt(expectError(res, 400, 'VALIDATION', 'body.nip'), 'body.nip')[0]).toMatch(/Tanggal lahir/);
    });
    const updated = ok<Employee>(
      await admin.request('PATCH', gov(`/employees/${e.id}`), { nip: '19930202 201803 2 004' }),
    );
    expect(updated).toMatchObject({ nip: '199302022018032004', sex: 'female', birthDate: '1993-02-02' });
  });
});

// ── units: the tree ────────────────────────────────────────────────────────────────────────
describe('units: the tree', () => {
  it('builds a tree through parentId, listed per agency', async () => {
    const agency = await makeAgency({ kind: 'kecamatan' });
    const root = await makeUnit({ agencyId: agency.id, kind: 'sekretariat', name: 'Sekretariat' });
    const child = await makeUnit({ agencyId: agency.id, parentId: root.id, kind: 'seksi' });
    const leaf = await makeUnit({ agencyId: agency.id, parentId: child.id, kind: 'kelurahan' });
    expect([root.parentId, child.parentId, leaf.parentId]).toEqual([null, root.id, child.id]);
    expect(child.agencyName).toBe(agency.name);

    const page = ok<{ items: Unit[]; total: number }>(await admin.request('GET', gov(`/units?agencyId=${agency.id}`)));
    expect(page.total).toBe(3);
    const parentOf = Object.fromEntries(page.items.map((u) => [u.id, u.parentId]));
    expect(parentOf).toEqual({ [root.id]: null, [child.id]: root.id, [leaf.id]: child.id });
  });

  it('refuses a parent from another agency at body.parentId, on create and on move', async () => {
    const other = await makeAgency();
    const foreignParent = await makeUnit({ agencyId: other.id });
    await expectNothingSaved('units', async () => {
      const res = await admin.request('POST', gov('/units'), {
        agencyId: g.agencyId,
        parentId: foreignParent.id,
        code: `unit-${next()}`,
        name: 'Seksi Salah Induk',
        kind: 'seksi',
      });
      const error = expectError(res, 400, 'VALIDATION', 'body.parentId');
      expect(messagesAt(error, 'body.parentId')).toEqual(['Unit induk harus berada di perangkat daerah yang sama']);
    });
    const unit = await makeUnit();
    await expectNothingSaved('units', async () => {
      const res = await admin.request('PATCH', gov(`/units/${unit.id}`), { parentId: foreignParent.id });
      expectError(res, 400, 'VALIDATION', 'body.parentId');
    });
    expect(ok<Unit>(await admin.request('GET', gov(`/units/${unit.id}`))).parentId).toBeNull();
  });

  it('refuses moving a unit under itself or its own descendant (a cycle) at body.parentId', async () => {
    const agency = await makeAgency();
    const root = await makeUnit({ agencyId: agency.id });
    const child = await makeUnit({ agencyId: agency.id, parentId: root.id });
    const leaf = await makeUnit({ agencyId: agency.id, parentId: child.id });

    for (const target of [leaf.id, child.id, root.id]) {
      await expectNothingSaved('units', async () => {
        const res = await admin.request('PATCH', gov(`/units/${root.id}`), { parentId: target });
        const error = expectError(res, 400, 'VALIDATION', 'body.parentId');
        expect(messagesAt(error, 'body.parentId')).toEqual([errorMessages.CYCLE.id]);
      });
    }
    const en = await admin.request(
      'PATCH',
      gov(`/units/${root.id}`),
      { parentId: leaf.id },
      { 'accept-language': 'en' },
    );
    expect(messagesAt(expectError(en, 400, 'VALIDATION', 'body.parentId'), 'body.parentId')).toEqual([
      errorMessages.CYCLE.en,
    ]);
    expect(ok<Unit>(await admin.request('GET', gov(`/units/${root.id}`))).parentId).toBeNull();

    // Moving a leaf up the tree is fine, and audited with the old and new parent.
    const mark = await auditMark();
    const moved = ok<Unit>(await admin.request('PATCH', gov(`/units/${leaf.id}`), { parentId: root.id }));
    expect(moved.parentId).toBe(root.id);
    expect(await onlyAuditSince(mark)).toMatchObject({
      action: 'unit.update',
      entity_id: leaf.id,
      before: { parentId: child.id },
      after: { parentId: root.id },
    });
  });
});

// ── positions and assignments ───────────────────────────────────────────────────────────────
describe('positions: definitive holders', () => {
  it('appoints a holder; a second definitive one is a 409 POSITION_HELD until the first assignment ends', async () => {
    const position = await makePosition();
    const [first, second] = [await makeEmployee(), await makeEmployee()];

    let mark = await auditMark();
    const held = created<Position>(
      await assign(position.id, { employeeId: first.id, kind: 'definitive', startsOn: '2024-01-02' }),
    );
    expect(held.holder).toMatchObject({ employeeId: first.id, employeeNip: first.nip, kind: 'definitive' });
    expect(held.acting).toEqual([]);
    expect(await onlyAuditSince(mark)).toMatchObject({
      action: 'position.assign_definitive',
      entity_type: 'position',
      entity_id: position.id,
      after: { employeeId: first.id, kind: 'definitive', startsOn: '2024-01-02', endsOn: null },
    });

    await expectNothingSaved('position_assignments', async () => {
      const res = await assign(position.id, { employeeId: second.id, kind: 'definitive', startsOn: day(0) });
      const error = expectError(res, 409, 'POSITION_HELD');
      expect(error.message).toBe(errorMessages.POSITION_HELD.id);
    });

    mark = await auditMark();
    const assignmentId = held.holder!.id;
    const ended = ok<Position>(
      await admin.request('POST', gov(`/positions/${position.id}/assignments/${assignmentId}/end`), {
        endsOn: day(-1),
      }),
    );
    expect(ended.holder).toBeNull();
    expect(await onlyAuditSince(mark)).toMatchObject({
      action: 'position.end_assignment',
      entity_id: position.id,
      before: { id: assignmentId, endsOn: null },
      after: { id: assignmentId, endsOn: day(-1) },
    });

    const again = created<Position>(
      await assign(position.id, { employeeId: second.id, kind: 'definitive', startsOn: day(0) }),
    );
    expect(again.holder).toMatchObject({ employeeId: second.id });
    expect(ok<Position>(await admin.request('GET', gov(`/positions/${position.id}`))).holder?.employeeId).toBe(
      second.id,
    );
  });

  it('ending an assignment before it started is refused at body.endsOn', async () => {
    const position = await makePosition();
    const e = await makeEmployee();
    const held = created<Position>(
      await assign(position.id, { employeeId: e.id, kind: 'definitive', startsOn: day(-5) }),
    );
    await expectNothingSaved('position_assignments', async () => {
      const res = await admin.request('POST', gov(`/positions/${position.id}/assignments/${held.holder!.id}/end`), {
        endsOn: day(-6),
      });
      expectError(res, 400, 'VALIDATION', 'body.endsOn');
    });
    expect(ok<Position>(await admin.request('GET', gov(`/positions/${position.id}`))).holder?.endsOn).toBeNull();
  });

  it('a holder whose end date is still ahead blocks another definitive holder over the same days', async () => {
    const position = await makePosition();
    const [leaving, arriving] = [await makeEmployee(), await makeEmployee()];
    const held = created<Position>(
      await assign(position.id, { employeeId: leaving.id, kind: 'definitive', startsOn: '2024-01-02' }),
    );
    ok(
      await admin.request('POST', gov(`/positions/${position.id}/assignments/${held.holder!.id}/end`), {
        endsOn: day(30),
      }),
    );
    // The leaving holder is still in office for 30 days: a new holder from today would make two.
    await expectNothingSaved('position_assignments', async () => {
      const res = await assign(position.id, { employeeId: arriving.id, kind: 'definitive', startsOn: day(0) });
      expectError(res, 409, 'POSITION_HELD');
    });
    // Handing over the day after the end date is fine.
    created(await assign(position.id, { employeeId: arriving.id, kind: 'definitive', startsOn: day(31) }));
  });
});

describe('positions: Plt / Plh', () => {
  it('a Plt covering today is shown in acting; a future one is not shown today', async () => {
    const position = await makePosition({ kind: 'head', unitId: null, name: 'Kepala Badan Uji' });
    const [holder, plt, later] = [await makeEmployee(), await makeEmployee(), await makeEmployee()];
    created(await assign(position.id, { employeeId: holder.id, kind: 'definitive', startsOn: '2024-01-02' }));

    const mark = await auditMark();
    const withPlt = created<Position>(
      await assign(position.id, { employeeId: plt.id, kind: 'plt', startsOn: day(-3), endsOn: day(30) }),
    );
    expect(withPlt.holder?.employeeId).toBe(holder.id);
    expect(withPlt.acting).toEqual([
      expect.objectContaining({ employeeId: plt.id, kind: 'plt', startsOn: day(-3), endsOn: day(30) }),
    ]);
    expect(await onlyAuditSince(mark)).toMatchObject({ action: 'position.assign_plt', entity_id: position.id });

    const future = created<Position>(
      await assign(position.id, { employeeId: later.id, kind: 'plh', startsOn: day(60), endsOn: day(90) }),
    );
    expect(future.acting.map((a) => a.employeeId)).toEqual([plt.id]);
    const listed = ok<{ items: Position[] }>(await admin.request('GET', gov(`/positions?q=${position.code}`)));
    expect(listed.items.find((p) => p.id === position.id)?.acting.map((a) => a.employeeId)).toEqual([plt.id]);
  });

  it('a Plt without an end date is refused at body.endsOn; nothing is saved', async () => {
    const position = await makePosition();
    const e = await makeEmployee();
    await expectNothingSaved('position_assignments', async () => {
      const res = await assign(position.id, { employeeId: e.id, kind: 'plt', startsOn: day(0) });
      const error = expectError(res, 400, 'VALIDATION', 'body.endsOn');
      expect(messagesAt(error, 'body.endsOn')).toEqual(['Penugasan Plt/Plh harus memiliki tanggal selesai']);
    });
  });

  it('a Plt overlapping another Plt/Plh of the same position is refused; nothing is saved', async () => {
    const position = await makePosition();
    const [a, b] = [await makeEmployee(), await makeEmployee()];
    created(await assign(position.id, { employeeId: a.id, kind: 'plt', startsOn: day(0), endsOn: day(20) }));
    await expectNothingSaved('position_assignments', async () => {
      for (const range of [
        { startsOn: day(10), endsOn: day(40) },
        { startsOn: day(-10), endsOn: day(0) },
        { startsOn: day(20), endsOn: day(20) },
      ]) {
        const res = await assign(position.id, { employeeId: b.id, kind: 'plh', ...range });
        expectError(res, 409, 'CONFLICT', 'body.startsOn');
      }
    });
    created(await assign(position.id, { employeeId: b.id, kind: 'plh', startsOn: day(21), endsOn: day(25) }));
  });
});

describe('acting position of a signed-in Plt', () => {
  it('shows the Plt position in /api/auth/me, switches to it, and the audit names it', async () => {
    const own = await makePosition({ name: 'Kepala Seksi Evaluasi', kind: 'staff' });
    const acting = await makePosition({ name: 'Sekretaris Badan Uji', kind: 'secretary', unitId: null });
    const e = await makeEmployee({ name: 'Nurlina Djafar' });
    created(await assign(own.id, { employeeId: e.id, kind: 'definitive', startsOn: '2024-01-02' }));
    created(await assign(acting.id, { employeeId: e.id, kind: 'plt', startsOn: day(-1), endsOn: day(14) }));
    const account = created<{ id: string; username: string }>(
      await admin.request('POST', gov('/users'), {
        username: `nurlina${next()}`,
        displayName: 'Nurlina Djafar',
        role: 'gov_admin',
        employeeId: e.id,
        password: TEST_PASSWORD,
      }),
    );
    const client = await signIn(t.app, account.username);
    // The administrator-given password is changed first, as the app requires.
    ok(
      await client.request('POST', '/api/auth/password', {
        currentPassword: TEST_PASSWORD,
        newPassword: 'sandi-pilihan-nurlina',
      }),
    );

    const me = ok<MeResponse>(await client.request('GET', '/api/auth/me'));
    expect(me.positions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ positionId: own.id, acting: null }),
        expect.objectContaining({ positionId: acting.id, positionName: acting.name, acting: 'plt' }),
      ]),
    );
    expect(me.positions).toHaveLength(2);
    expect(me.actingPositionId).toBe(own.id);

    // A position they do not hold is refused and changes nothing.
    const refused = await client.request('POST', '/api/auth/acting-position', { positionId: g.headPositionId });
    expectError(refused, 400, 'VALIDATION', 'body.positionId');
    expect(ok<MeResponse>(await client.request('GET', '/api/auth/me')).actingPositionId).toBe(own.id);

    const change = () => client.request('PATCH', gov(`/agencies/${g.agencyId}`), { address: `Jl. Uji ${next()}` });
    let mark = await auditMark();
    ok(await change());
    expect(await onlyAuditSince(mark)).toMatchObject({ actor_user_id: account.id, actor_position_id: own.id });

    const switched = ok<MeResponse>(
      await client.request('POST', '/api/auth/acting-position', { positionId: acting.id }),
    );
    expect(switched.actingPositionId).toBe(acting.id);
    expect(ok<MeResponse>(await client.request('GET', '/api/auth/me')).actingPositionId).toBe(acting.id);

    mark = await auditMark();
    ok(await change());
    expect(await onlyAuditSince(mark)).toMatchObject({
      action: 'agency.update',
      actor_user_id: account.id,
      actor_position_id: acting.id,
      actor_position_name: acting.name,
    });
  });
});

// ── teams ──────────────────────────────────────────────────────────────────────────────────
describe('teams: members', () => {
  it('adds members by position or by employee with roles ketua, sekretaris and anggota', async () => {
    const team = await makeTeam({ name: 'Tim Perbaikan Data Kinerja' });
    const anggota = await makeEmployee({ name: 'Fitriani' });

    const mark = await auditMark();
    const withKetua = created<Team>(
      await admin.request('POST', gov(`/teams/${team.id}/members`), { role: 'ketua', positionId: g.headPositionId }),
    );
    expect(withKetua.members).toEqual([
      expect.objectContaining({
        role: 'ketua',
        positionId: g.headPositionId,
        positionName: 'Kepala Dinas',
        employeeId: null,
      }),
    ]);
    expect(await onlyAuditSince(mark)).toMatchObject({
      action: 'team.add_member',
      entity_type: 'team',
      entity_id: team.id,
      after: withKetua.members[0],
    });

    created(await admin.request('POST', gov(`/teams/${team.id}/members`), { role: 'anggota', employeeId: anggota.id }));
    created(
      await admin.request('POST', gov(`/teams/${team.id}/members`), {
        role: 'sekretaris',
        employeeId: g.staffEmployeeId,
      }),
    );
    const read = ok<Team>(await admin.request('GET', gov(`/teams/${team.id}`)));
    expect(read.members.map((m) => [m.role, m.positionId ?? m.employeeId])).toEqual([
      ['ketua', g.headPositionId],
      ['sekretaris', g.staffEmployeeId],
      ['anggota', anggota.id],
    ]);
    expect(read.members[1]).toMatchObject({ employeeName: 'Sri Wahyuni', positionId: null });
  });

  it('a member names exactly one of position or employee, with a valid role; nothing is saved', async () => {
    const team = await makeTeam();
    const inactive = await makeEmployee();
    ok(await admin.request('PATCH', gov(`/employees/${inactive.id}`), { active: false }));
    await expectNothingSaved('team_members', async () => {
      const both = await admin.request('POST', gov(`/teams/${team.id}/members`), {
        role: 'anggota',
        positionId: g.staffPositionId,
        employeeId: g.staffEmployeeId,
      });
      expect(messagesAt(expectError(both, 400, 'VALIDATION', 'body.positionId'), 'body.positionId')).toEqual([
        'Isi tepat satu: jabatan atau pegawai',
      ]);
      const neither = await admin.request('POST', gov(`/teams/${team.id}/members`), { role: 'anggota' });
      expectError(neither, 400, 'VALIDATION', 'body.positionId');
      const badRole = await admin.request('POST', gov(`/teams/${team.id}/members`), {
        role: 'Ketua Tim',
        employeeId: g.staffEmployeeId,
      });
      expectError(badRole, 400, 'VALIDATION', 'body.role');
      const res = await admin.request('POST', gov(`/teams/${team.id}/members`), {
        role: 'anggota',
        employeeId: inactive.id,
      });
      expectError(res, 400, 'VALIDATION', 'body.employeeId');
    });
  });

  it('DELETE a member ends the membership and keeps it in team_members with removed_at', async () => {
    const team = await makeTeam();
    const added = created<Team>(
      await admin.request('POST', gov(`/teams/${team.id}/members`), { role: 'ketua', positionId: g.headPositionId }),
    );
    created(
      await admin.request('POST', gov(`/teams/${team.id}/members`), { role: 'anggota', employeeId: g.staffEmployeeId }),
    );
    const member = added.members[0]!;

    const mark = await auditMark();
    const after = ok<Team>(await admin.request('DELETE', gov(`/teams/${team.id}/members/${member.id}`)));
    expect(after.members.map((m) => m.role)).toEqual(['anggota']);
    expect(await onlyAuditSince(mark)).toMatchObject({
      action: 'team.remove_member',
      entity_id: team.id,
      before: { id: member.id, role: 'ketua', positionId: g.headPositionId },
    });
    const rows = await t.db.query<{ removed_at: Date | null; role: string }>(
      'SELECT removed_at, role FROM team_members WHERE id = $1',
      [member.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.role).toBe('ketua');
    expect(rows[0]!.removed_at).not.toBeNull();

    expectError(await admin.request('DELETE', gov(`/teams/${team.id}/members/${member.id}`)), 404, 'NOT_FOUND');
  });
});

// ── the government's own settings ─────────────────────────────────────────────────────────
// A 1×1 PNG (signature, IHDR, IDAT, IEND).
const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_START = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00]);

describe('government settings', () => {
  it('a gov admin edits the letterhead and requireAdminTotp, but may not switch the government off (403)', async () => {
    const own = await makeGovernment(t.db);
    const ownAdmin = await signIn(t.app, own.admin.username);
    const url = `/api/governments/${own.governmentId}`;
    const before = ok<{ letterheadLines: string[]; active: boolean }>(await ownAdmin.request('GET', url));

    await expectNothingSaved('governments', async () => {
      const res = await ownAdmin.request('PATCH', url, { active: false, letterheadLines: ['DIUBAH'] });
      expectError(res, 403, 'FORBIDDEN', 'body.active');
    });
    expect(ok(await ownAdmin.request('GET', url))).toEqual(before);

    const lines = ['PEMERINTAH KABUPATEN BANGGAI', 'DINAS PERDAGANGAN', 'Jl. Jend. Sudirman No. 1 Luwuk'];
    const mark = await auditMark();
    const updated = ok<{ letterheadLines: string[]; requireAdminTotp: boolean; active: boolean }>(
      await ownAdmin.request('PATCH', url, { letterheadLines: lines, requireAdminTotp: true }),
    );
    expect(updated).toMatchObject({ letterheadLines: lines, requireAdminTotp: true, active: true });
    expect(await onlyAuditSince(mark)).toMatchObject({
      action: 'government.update',
      entity_type: 'government',
      entity_id: own.governmentId,
      government_id: own.governmentId,
      before: { letterheadLines: before.letterheadLines, requireAdminTotp: false },
      after: { letterheadLines: lines, requireAdminTotp: true },
    });
  });

  it('stores a PNG logo and serves it back as image/png', async () => {
    const own = await makeGovernment(t.db);
    const ownAdmin = await signIn(t.app, own.admin.username);
    const url = `/api/governments/${own.governmentId}/logo`;
    expectError(await ownAdmin.request('GET', url), 404, 'NOT_FOUND');

    const mark = await auditMark();
    const res = await ownAdmin.request('PUT', url, { mimeType: 'image/png', dataBase64: PNG_1x1.toString('base64') });
    expect(ok<{ hasLogo: boolean }>(res).hasLogo).toBe(true);
    expect(await onlyAuditSince(mark)).toMatchObject({
      action: 'government.logo',
      entity_id: own.governmentId,
      after: { mimeType: 'image/png', bytes: PNG_1x1.length },
    });

    for (const reader of [ownAdmin, await signIn(t.app, own.member.username)]) {
      const logo = await reader.request('GET', url);
      expect(logo.statusCode).toBe(200);
      expect(logo.headers['content-type']).toMatch(/^image\/png/);
      expect(Buffer.from(logo.rawPayload).equals(PNG_1x1)).toBe(true);
    }
  });

  it('refuses a JPEG declared as PNG, bytes that are no image, and a logo over 512 KiB at body.dataBase64', async () => {
    const own = await makeGovernment(t.db);
    const ownAdmin = await signIn(t.app, own.admin.username);
    const url = `/api/governments/${own.governmentId}/logo`;
    const noise = randomBytes(256);
    noise[0] = 0x00; // never a PNG or JPEG signature by chance
    const oversized = Buffer.concat([PNG_1x1, Buffer.alloc(limits.logoBytes + 1 - PNG_1x1.length)]);
    const wayOversized = Buffer.concat([PNG_SIGNATURE, Buffer.alloc(limits.logoBytes * 1.2)]);
    const cases = [
      { mimeType: 'image/png', bytes: Buffer.concat([JPEG_START, Buffer.alloc(100)]) },
      { mimeType: 'image/jpeg', bytes: PNG_1x1 },
      { mimeType: 'image/png', bytes: noise },
      { mimeType: 'image/png', bytes: oversized },
      { mimeType: 'image/png', bytes: wayOversized },
    ];
    const mark = await auditMark();
    for (const c of cases) {
      const res = await ownAdmin.request('PUT', url, { mimeType: c.mimeType, dataBase64: c.bytes.toString('base64') });
      expectError(res, 400, 'VALIDATION', 'body.dataBase64');
    }
    expect(await auditSince(mark)).toEqual([]);
    expectError(await ownAdmin.request('GET', url), 404, 'NOT_FOUND');
    expect(
      ok<{ hasLogo: boolean }>(await ownAdmin.request('GET', `/api/governments/${own.governmentId}`)).hasLogo,
    ).toBe(false);
  });
});

// ── tenant isolation ──────────────────────────────────────────────────────────────────────
describe('cross-tenant: ids of government B under government A', () => {
  let b: GovernmentFixture;
  let bTeam: Team;
  let bAssignmentId: string;
  const bUrl = (path: string) => `/api/governments/${b.governmentId}${path}`;

  beforeAll(async () => {
    b = await makeGovernment(t.db);
    bTeam = created(
      await system.request('POST', bUrl('/teams'), { agencyId: b.agencyId, code: 'tim-b', name: 'Tim Rahasia B' }),
    );
    bTeam = created(
      await system.request('POST', bUrl(`/teams/${bTeam.id}/members`), { role: 'ketua', positionId: b.headPositionId }),
    );
    const rows = await t.db.query<{ id: string }>('SELECT id FROM position_assignments WHERE position_id = $1', [
      b.staffPositionId,
    ]);
    bAssignmentId = rows[0]!.id;
  });

  const bSnapshot = async () => ({
    audit: (
      await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE government_id = $1', [
        b.governmentId,
      ])
    )[0]!.n,
    rows: await t.db.query(
      `SELECT 'agency' AS t, name, active FROM agencies WHERE government_id = $1
       UNION ALL SELECT 'unit', name, active FROM units WHERE government_id = $1
       UNION ALL SELECT 'employee', name, active FROM employees WHERE government_id = $1
       UNION ALL SELECT 'position', name, active FROM positions WHERE government_id = $1
       UNION ALL SELECT 'team', name, active FROM teams WHERE government_id = $1
       UNION ALL SELECT 'member', role, removed_at IS NULL FROM team_members WHERE government_id = $1
       UNION ALL SELECT 'assignment', coalesce(ends_on::text, ''), true FROM position_assignments WHERE government_id = $1
       ORDER BY 1, 2`,
      [b.governmentId],
    ),
  });

  it('reading them is a 404 that shows nothing of B', async () => {
    const paths = [
      `/agencies/${b.agencyId}`,
      `/units/${b.unitId}`,
      `/employees/${b.staffEmployeeId}`,
      `/positions/${b.staffPositionId}`,
      `/teams/${bTeam.id}`,
    ];
    for (const path of paths) {
      const res = await admin.request('GET', gov(path));
      expectError(res, 404, 'NOT_FOUND');
      expect(res.body).not.toMatch(/Sri Wahyuni|Budi Santoso|Tim Rahasia|Pengelola|Perdagangan/);
    }
  });

  it('changing them is a 404 and nothing in B changes', async () => {
    const before = await bSnapshot();
    const writes: [method: 'PATCH' | 'POST' | 'DELETE', path: string, body?: unknown][] = [
      ['PATCH', `/agencies/${b.agencyId}`, { name: 'Diretas' }],
      ['PATCH', `/agencies/${b.agencyId}`, { active: false }],
      ['PATCH', `/units/${b.unitId}`, { name: 'Diretas' }],
      ['PATCH', `/employees/${b.staffEmployeeId}`, { name: 'Diretas', active: false }],
      ['PATCH', `/positions/${b.staffPositionId}`, { name: 'Diretas' }],
      ['PATCH', `/teams/${bTeam.id}`, { name: 'Diretas' }],
      [
        'POST',
        `/positions/${b.staffPositionId}/assignments`,
        { employeeId: g.staffEmployeeId, kind: 'plt', startsOn: day(0), endsOn: day(5) },
      ],
      ['POST', `/positions/${b.staffPositionId}/assignments/${bAssignmentId}/end`, { endsOn: day(0) }],
      ['POST', `/positions/${g.staffPositionId}/assignments/${bAssignmentId}/end`, { endsOn: day(0) }],
      ['POST', `/teams/${bTeam.id}/members`, { role: 'anggota', employeeId: g.staffEmployeeId }],
      ['DELETE', `/teams/${bTeam.id}/members/${bTeam.members[0]!.id}`],
    ];
    for (const [method, path, body] of writes) {
      expectError(await admin.request(method, gov(path), body), 404, 'NOT_FOUND');
    }
    expect(await bSnapshot()).toEqual(before);
  });

  it('referring to them from A is a 400 naming the field', async () => {
    const before = await bSnapshot();
    const aPosition = await makePosition();
    const team = await makeTeam();
    const refs: [path: string, body: unknown, field: string][] = [
      ['/units', { agencyId: b.agencyId, code: 'x-1', name: 'X', kind: 'seksi' }, 'body.agencyId'],
      ['/units', { agencyId: g.agencyId, parentId: b.unitId, code: 'x-2', name: 'X', kind: 'seksi' }, 'body.parentId'],
      ['/positions', { agencyId: g.agencyId, unitId: b.unitId, code: 'x-3', name: 'X', kind: 'staff' }, 'body.unitId'],
      ['/employees', { agencyId: b.agencyId, nip: makeNip(), name: 'X' }, 'body.agencyId'],
      ['/teams', { agencyId: b.agencyId, code: 'x-4', name: 'X' }, 'body.agencyId'],
      [
        `/positions/${aPosition.id}/assignments`,
        { employeeId: b.staffEmployeeId, kind: 'definitive', startsOn: day(0) },
        'body.employeeId',
      ],
      [`/teams/${team.id}/members`, { role: 'anggota', positionId: b.staffPositionId }, 'body.positionId'],
      [`/teams/${team.id}/members`, { role: 'anggota', employeeId: b.staffEmployeeId }, 'body.employeeId'],
    ];
    const mark = await auditMark();
    for (const [path, body, field] of refs) {
      const res = await admin.request('POST', gov(path), body);
      expectError(res, 400, 'VALIDATION', field);
      expect(res.body).not.toMatch(/Sri Wahyuni|Budi Santoso|Tim Rahasia/);
    }
    expect(await auditSince(mark)).toEqual([]);
    expect(await bSnapshot()).toEqual(before);
  });

  it("lists under A filtered by B's agency are empty", async () => {
    for (const collection of ['units', 'employees', 'positions', 'teams']) {
      const page = ok<{ items: unknown[]; total: number }>(
        await admin.request('GET', gov(`/${collection}?agencyId=${b.agencyId}&active=all`)),
      );
      expect(page, collection).toMatchObject({ items: [], total: 0 });
    }
  });

  it("A's admin cannot read or change government B itself (403), and lists only A", async () => {
    expectError(await admin.request('GET', bUrl('')), 403, 'FORBIDDEN');
    expectError(await admin.request('PATCH', bUrl(''), { name: 'Diretas' }), 403, 'FORBIDDEN');
    expectError(
      await admin.request('PUT', bUrl('/logo'), { mimeType: 'image/png', dataBase64: PNG_1x1.toString('base64') }),
      403,
      'FORBIDDEN',
    );
    expectError(await admin.request('GET', bUrl('/agencies')), 403, 'FORBIDDEN');
    expectError(await admin.request('GET', bUrl('/audit')), 403, 'FORBIDDEN');
    const mine = ok<{ items: { id: string }[]; total: number }>(
      await admin.request('GET', '/api/governments?active=all'),
    );
    expect(mine.items.map((x) => x.id)).toEqual([g.governmentId]);
    expect(mine.total).toBe(1);
  });
});

// ── the audit trail as the API shows it ─────────────────────────────────────────────────────
describe('audit trail of org changes', () => {
  it('GET /audit lists the records of one entity and the chain verifies', async () => {
    const agency = await makeAgency();
    ok(await admin.request('PATCH', gov(`/agencies/${agency.id}`), { name: 'Badan Baru' }));
    const page = ok<{ items: { action: string; actorUserId: string }[]; total: number }>(
      await admin.request('GET', gov(`/audit?entityType=agency&entityId=${agency.id}`)),
    );
    expect(page.items.map((r) => r.action).sort()).toEqual(['agency.create', 'agency.update']);
    expect(page.items.every((r) => r.actorUserId === g.admin.id)).toBe(true);
    expect(ok<{ ok: boolean }>(await admin.request('GET', gov('/audit/verify'))).ok).toBe(true);
  });
});

describe('position history and cleared contact fields', () => {
  it('lists every assignment of a position, ended ones included, newest first', async () => {
    const p = await admin.request('POST', gov('/positions'), {
      agencyId: g.agencyId,
      code: `riwayat-${next()}`,
      name: 'Kepala Seksi Riwayat',
      kind: 'head',
      unitId: g.unitId,
    });
    const positionId = p.json().id as string;
    const first = await admin.request('POST', gov(`/positions/${positionId}/assignments`), {
      employeeId: g.headEmployeeId,
      kind: 'definitive',
      startsOn: day(-400),
    });
    const assignmentId = first.json().holder.id as string;
    await admin.request('POST', gov(`/positions/${positionId}/assignments/${assignmentId}/end`), { endsOn: day(-10) });
    await admin.request('POST', gov(`/positions/${positionId}/assignments`), {
      employeeId: g.staffEmployeeId,
      kind: 'plt',
      startsOn: day(-9),
      endsOn: day(30),
      decreeNumber: '800/12/BKPSDM/2026',
    });
    const res = await admin.request('GET', gov(`/positions/${positionId}/assignments`));
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { kind: string; endsOn: string | null; decreeNumber: string }[];
    expect(items.map((i) => i.kind)).toEqual(['plt', 'definitive']);
    expect(items[1]!.endsOn).toBe(day(-10));
    expect(items[0]!.decreeNumber).toBe('800/12/BKPSDM/2026');
    const other = await admin.request('GET', gov(`/positions/${randomUUID()}/assignments`));
    expect(other.statusCode).toBe(404);
  });

  it('refuses a Plt whose end is before its start at body.endsOn, from the shared contract', async () => {
    const res = await admin.request('POST', gov(`/positions/${g.staffPositionId}/assignments`), {
      employeeId: g.headEmployeeId,
      kind: 'plh',
      startsOn: day(5),
      endsOn: day(1),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { path: 'body.endsOn', message: 'Tanggal selesai tidak boleh sebelum tanggal mulai' },
    ]);
  });

  it('clears a government e-mail and website with an empty string', async () => {
    const set = await admin.request('PATCH', gov(), { email: 'setda@example.go.id', website: 'https://example.go.id' });
    expect(set.json()).toMatchObject({ email: 'setda@example.go.id', website: 'https://example.go.id' });
    const cleared = await admin.request('PATCH', gov(), { email: '', website: '' });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json()).toMatchObject({ email: '', website: '' });
    const bad = await admin.request('PATCH', gov(), { email: 'bukan-email' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('body.email');
  });
});

describe('stale writes', () => {
  it('refuses an update of a version that someone else has changed since, and keeps their change', async () => {
    const created = await admin.request('POST', gov('/agencies'), {
      code: `basi-${next()}`,
      name: 'Badan Versi',
      kind: 'badan',
    });
    const seen = created.json() as Agency;
    const first = await admin.request('PATCH', gov(`/agencies/${seen.id}`), {
      name: 'Badan Versi Pertama',
      expectedUpdatedAt: seen.updatedAt,
    });
    expect(first.statusCode).toBe(200);
    const auditBefore = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    const second = await admin.request('PATCH', gov(`/agencies/${seen.id}`), {
      name: 'Badan Versi Kedua',
      expectedUpdatedAt: seen.updatedAt,
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'STALE_WRITE', details: [{ path: 'body.expectedUpdatedAt' }] });
    expect((await admin.request('GET', gov(`/agencies/${seen.id}`))).json().name).toBe('Badan Versi Pertama');
    const auditAfter = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    expect(auditAfter[0]!.n).toBe(auditBefore[0]!.n);
    // With the current version the edit goes through.
    const fresh = (await admin.request('GET', gov(`/agencies/${seen.id}`))).json() as Agency;
    const third = await admin.request('PATCH', gov(`/agencies/${seen.id}`), {
      name: 'Badan Versi Kedua',
      expectedUpdatedAt: fresh.updatedAt,
    });
    expect(third.statusCode).toBe(200);
  });

  it('applies to employees, units, positions, teams and users too', async () => {
    const e = (
      await admin.request('POST', gov('/employees'), { nip: makeNip(1), name: 'Pegawai Versi' })
    ).json() as Employee;
    await admin.request('PATCH', gov(`/employees/${e.id}`), { phone: '0811', expectedUpdatedAt: e.updatedAt });
    const stale = await admin.request('PATCH', gov(`/employees/${e.id}`), {
      phone: '0812',
      expectedUpdatedAt: e.updatedAt,
    });
    expect(stale.statusCode).toBe(409);
    const u = (await admin.request('GET', gov(`/units/${g.unitId}`))).json() as Unit;
    expect(u.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const p = (await admin.request('GET', gov(`/positions/${g.staffPositionId}`))).json() as Position;
    expect(
      (await admin.request('PATCH', gov(`/positions/${p.id}`), { name: p.name, expectedUpdatedAt: p.updatedAt }))
        .statusCode,
    ).toBe(200);
    expect(
      (await admin.request('PATCH', gov(`/positions/${p.id}`), { name: p.name, expectedUpdatedAt: p.updatedAt }))
        .statusCode,
    ).toBe(409);
  });
});

describe('working calendar', () => {
  it('keeps working days and hours on the government, and holidays the admin edits', async () => {
    const g0 = (await admin.request('GET', gov())).json();
    expect(g0).toMatchObject({ workDays: [1, 2, 3, 4, 5], workStart: '07:30', workEnd: '16:00' });
    const bad = await admin.request('PATCH', gov(), { workStart: '16:00', workEnd: '08:00' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('body.workEnd');
    const wrongClock = await admin.request('PATCH', gov(), { workStart: '7.30' });
    expect(wrongClock.json().error.details[0].path).toBe('body.workStart');
    const ok = await admin.request('PATCH', gov(), { workDays: [5, 1, 2, 3, 4, 6], workEnd: '15:30' });
    expect(ok.json()).toMatchObject({ workDays: [1, 2, 3, 4, 5, 6], workEnd: '15:30' });

    const h = await admin.request('POST', gov('/holidays'), { date: '2026-08-17', name: 'Hari Kemerdekaan RI' });
    expect(h.statusCode).toBe(201);
    expect((await admin.request('POST', gov('/holidays'), { date: '2026-08-17', name: 'Lagi' })).statusCode).toBe(409);
    const member = await signIn(t.app, g.member.username);
    expect((await member.request('GET', gov('/holidays?year=2026'))).json().items).toEqual([
      { id: h.json().id, date: '2026-08-17', name: 'Hari Kemerdekaan RI' },
    ]);
    expect((await member.request('POST', gov('/holidays'), { date: '2026-12-25', name: 'Natal' })).statusCode).toBe(
      403,
    );
    expect((await admin.request('DELETE', gov(`/holidays/${h.json().id}`))).statusCode).toBe(200);
    expect((await admin.request('GET', gov('/holidays'))).json().items).toEqual([]);
    const actions = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity_type = 'holiday' ORDER BY id",
    );
    expect(actions.map((a) => a.action)).toEqual(['holiday.create', 'holiday.delete']);
  });
});
