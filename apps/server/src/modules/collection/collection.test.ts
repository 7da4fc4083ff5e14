import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSession, demoSession } from '../../test/demo-session.js';

// Data collection in Kecamatan Masama (demo plans): periods, versioned values with evidence,
// validation, submission and review, locking.

let s: DemoSession;
let agencyId: string;
let periodId: string;
let unitId: string;
let indicators: { indicatorId: string; name: string }[];

const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  s = await demoSession('banggai.admin', { plans: true });
  const rows = await s.t.db.query<{ id: string }>("SELECT id FROM agencies WHERE code = 'masama'");
  agencyId = rows[0]!.id;
  unitId = await s.unitId('Seksi Pelayanan Umum');
}, 300_000);
afterAll(async () => {
  await s.t.close();
});

describe('collection periods', () => {
  it('creates a period with a default label; refuses a duplicate and a window that ends before it opens', async () => {
    const admin = await s.as('banggai.admin');
    const res = await admin.request('POST', s.gov('/collection-periods'), {
      agencyId,
      year: 2026,
      period: 'q4',
      opensOn: '2026-01-01',
      closesOn: '2026-12-31',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ label: 'Triwulan IV 2026', status: 'open', period: 'q4' });
    periodId = res.json().id;

    const dup = await admin.request('POST', s.gov('/collection-periods'), {
      agencyId,
      year: 2026,
      period: 'q4',
      opensOn: '2026-01-01',
      closesOn: '2026-12-31',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details[0].path).toBe('body.period');

    const bad = await admin.request('POST', s.gov('/collection-periods'), {
      agencyId,
      year: 2026,
      period: 'm11',
      opensOn: '2026-12-01',
      closesOn: '2026-11-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([
      { path: 'body.closesOn', message: 'Tanggal tutup tidak boleh sebelum tanggal buka' },
    ]);

    const member = await s.as('masama.pelaksana-pelayanan');
    const refused = await member.request('POST', s.gov('/collection-periods'), {
      agencyId,
      year: 2026,
      period: 'm10',
      opensOn: '2026-10-01',
      closesOn: '2026-10-31',
    });
    expect(refused.statusCode).toBe(403);
  });

  it('shows a unit’s form with its agreement’s indicators and quarter targets, and the completeness', async () => {
    const staff = await s.as('masama.pelaksana-pelayanan');
    const form = (await staff.request('GET', s.gov(`/collection-periods/${periodId}/forms/${unitId}`))).json();
    expect(form.submission).toMatchObject({ status: 'draft', unitName: 'Seksi Pelayanan Umum' });
    // What each person may do on the form: the unit's staff enters; the Camat reviews; another
    // unit's staff only reads.
    expect(form.access).toEqual({ enter: true, review: false, windowOpen: true });
    const camat = await s.as('masama.camat');
    const asCamat = (await camat.request('GET', s.gov(`/collection-periods/${periodId}/forms/${unitId}`))).json();
    expect(asCamat.access.review).toBe(true);
    const other = await s.as('masama.pelaksana-pemerintahan');
    const asOther = (await other.request('GET', s.gov(`/collection-periods/${periodId}/forms/${unitId}`))).json();
    expect(asOther.access).toEqual({ enter: false, review: false, windowOpen: true });
    expect(form.rows.length).toBeGreaterThan(0);
    for (const r of form.rows) {
      expect(r.targetPeriod).toBe('q4');
      expect(r.version).toBe(0);
      expect(r.errors.map((e: { code: string }) => e.code)).toEqual(['NOT_ENTERED']);
    }
    indicators = form.rows.map((r: { indicatorId: string; name: string }) => ({
      indicatorId: r.indicatorId,
      name: r.name,
    }));
    const c = (await staff.request('GET', s.gov(`/collection-periods/${periodId}/completeness`))).json();
    const mine = c.units.find((u: { unitId: string }) => u.unitId === unitId);
    expect(mine).toMatchObject({ required: form.rows.length, entered: 0, status: 'draft', canEnter: true });
    expect(c.units.filter((u: { canEnter: boolean }) => u.canEnter).map((u: { unitId: string }) => u.unitId)).toEqual([
      unitId,
    ]);
    expect(c.indicators.length).toBeGreaterThan(0);
    expect(c.entered).toBe(0);
  });
});

describe('values', () => {
  it('keeps every version; a stale save gets 409 with both the stored and the sent value', async () => {
    const staff = await s.as('masama.pelaksana-pelayanan');
    const { indicatorId } = indicators[0]!;
    const first = await staff.request('POST', s.gov(`/collection-periods/${periodId}/values`), {
      indicatorId,
      unitId,
      actual: '85,5',
      budgetSpent: 'Rp 1.250.000',
      supportingFactors: 'Dukungan aparat kelurahan',
      baseVersion: 0,
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().row).toMatchObject({ version: 1, actual: '85.5', budgetSpent: '1250000' });
    const valueId = first.json().row.valueId;

    const second = await staff.request('POST', s.gov(`/collection-periods/${periodId}/values`), {
      indicatorId,
      unitId,
      actual: 86,
      reason: 'Data pelayanan bulan Desember menyusul',
      baseVersion: 1,
    });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().row).toMatchObject({
      version: 2,
      actual: '86',
      supportingFactors: 'Dukungan aparat kelurahan',
    });
    expect(second.json().versions.map((v: { version: number; actual: string }) => [v.version, v.actual])).toEqual([
      [2, '86'],
      [1, '85.5'],
    ]);
    expect(second.json().versions[0].reason).toBe('Data pelayanan bulan Desember menyusul');

    const stale = await staff.request('POST', s.gov(`/collection-periods/${periodId}/values`), {
      indicatorId,
      unitId,
      actual: 90,
      baseVersion: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_WRITE');
    expect(stale.json().error.details[0].path).toBe('body.baseVersion');
    expect(stale.json().error.data.stored).toMatchObject({ version: 2, actual: '86' });
    expect(stale.json().error.data.sent).toMatchObject({ version: 1, actual: '90' });

    const detail = (await staff.request('GET', s.gov(`/collection-values/${valueId}`))).json();
    expect(detail.versions).toHaveLength(2);
  });

  it('refuses what is not a number, names the field, and answers in English on request', async () => {
    const staff = await s.as('masama.pelaksana-pelayanan');
    const res = await staff.request('POST', s.gov(`/collection-periods/${periodId}/values`), {
      indicatorId: indicators[1]!.indicatorId,
      unitId,
      actual: 'banyak',
      baseVersion: 0,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('body.actual');
    const en = await staff.request(
      'POST',
      s.gov(`/collection-periods/${periodId}/values`),
      { indicatorId: indicators[1]!.indicatorId, unitId, actual: '1.250', baseVersion: 0 },
      { 'accept-language': 'en' },
    );
    expect(en.statusCode).toBe(400);
    expect(en.json().error.details[0].path).toBe('body.actual');
    const other = await staff.request('POST', s.gov(`/collection-periods/${periodId}/values`), {
      indicatorId: indicators[1]!.indicatorId,
      unitId: null,
      actual: 1,
      baseVersion: 0,
    });
    // Not in the agency's own agreement (or the staff is not of the agency leadership).
    expect([400, 403]).toContain(other.statusCode);
  });

  it('lets only people of the unit enter its values', async () => {
    const other = await s.as('masama.pelaksana-pmd');
    const res = await other.request('POST', s.gov(`/collection-periods/${periodId}/values`), {
      indicatorId: indicators[0]!.indicatorId,
      unitId,
      actual: 1,
      baseVersion: 2,
    });
    expect(res.statusCode).toBe(403);
  });

  it('keeps evidence: own uploads only, http(s) links, text; a replacement keeps the old one with the reason', async () => {
    const staff = await s.as('masama.pelaksana-pelayanan');
    const form = (await staff.request('GET', s.gov(`/collection-periods/${periodId}/forms/${unitId}`))).json();
    const valueId = form.rows[0].valueId;
    const badLink = await staff.request('POST', s.gov(`/collection-values/${valueId}/evidence`), {
      kind: 'link',
      url: 'javascript:alert(1)',
    });
    expect(badLink.statusCode).toBe(400);
    expect(badLink.json().error.details[0].path).toBe('body.url');
    const link = await staff.request('POST', s.gov(`/collection-values/${valueId}/evidence`), {
      kind: 'link',
      url: 'https://drive.example.go.id/laporan-pelayanan-tw4.pdf',
      description: 'Rekap register pelayanan',
    });
    expect(link.statusCode, link.body).toBe(200);
    const oldId = link.json().evidence[0].id;

    const fd = new FormData();
    fd.append('file', new Blob(['register pelayanan Desember'], { type: 'text/plain' }), 'register.txt');
    const upload = await staff.request('POST', s.gov('/files'), fd);
    expect(upload.statusCode, upload.body).toBe(201);
    const fileId = upload.json().id;
    const someoneElse = await s.as('masama.kasi-pelayanan');
    const notMine = await someoneElse.request('POST', s.gov(`/collection-values/${valueId}/evidence`), {
      kind: 'file',
      fileId,
    });
    expect(notMine.statusCode).toBe(400);
    expect(notMine.json().error.details[0].path).toBe('body.fileId');

    const replaced = await staff.request('POST', s.gov(`/collection-values/${valueId}/evidence/${oldId}/replace`), {
      evidence: { kind: 'file', fileId },
      reason: 'Tautan diganti dengan berkas register yang dipindai',
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    const ev = replaced.json().evidence;
    expect(ev).toHaveLength(2);
    const old = ev.find((e: { id: string }) => e.id === oldId);
    expect(old).toMatchObject({ replaceReason: 'Tautan diganti dengan berkas register yang dipindai' });
    expect(old.replacedById).toBe(ev.find((e: { id: string }) => e.id !== oldId).id);
    expect(replaced.json().row.evidenceCount).toBe(1);
  });

  it('keeps comments and follow-up flags, on record', async () => {
    const kasi = await s.as('masama.kasi-pelayanan');
    const form = (await kasi.request('GET', s.gov(`/collection-periods/${periodId}/forms/${unitId}`))).json();
    const valueId = form.rows[0].valueId;
    const c = await kasi.request('POST', s.gov(`/collection-values/${valueId}/comments`), {
      body: 'Mohon lampirkan juga daftar hadir.',
    });
    expect(c.statusCode, c.body).toBe(200);
    const f = await kasi.request('POST', s.gov(`/collection-values/${valueId}/flags`), {
      note: 'Cek ulang jumlah layanan Desember',
    });
    expect(f.statusCode).toBe(200);
    const flagId = f.json().flags[0].id;
    expect(f.json().row.openFlags).toBe(1);
    const r = await kasi.request('POST', s.gov(`/collection-values/${valueId}/flags/${flagId}/resolve`), {
      resolution: 'Sudah dicek sesuai register',
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().flags[0]).toMatchObject({ resolution: 'Sudah dicek sesuai register' });
    expect(r.json().row.openFlags).toBe(0);
    const audit = await s.t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity_type = 'collection_value' AND entity_id = $1 ORDER BY id",
      [valueId],
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'collection_value.save',
        'collection_evidence.add',
        'collection_evidence.replace',
        'collection_comment.add',
        'collection_flag.raise',
        'collection_flag.resolve',
      ]),
    );
  });
});

describe('validation, submission and review', () => {
  it('blocks completion while errors remain, listing each; warns about far-off values', async () => {
    const staff = await s.as('masama.pelaksana-pelayanan');
    const [first, second] = indicators;
    await s.t.db.query('UPDATE plan_indicators SET valid_min = 0, valid_max = 100 WHERE id = $1', [first!.indicatorId]);
    if (second)
      await s.t.db.query('UPDATE plan_indicators SET evidence_required = true WHERE id = $1', [second.indicatorId]);
    const tooHigh = await staff.request('POST', s.gov(`/collection-periods/${periodId}/values`), {
      indicatorId: first!.indicatorId,
      unitId,
      actual: 120,
      baseVersion: 2,
    });
    expect(tooHigh.statusCode).toBe(200);
    expect(tooHigh.json().row.errors.map((e: { code: string }) => e.code)).toEqual(['OUT_OF_RANGE']);
    const refused = await staff.request('POST', s.gov(`/collection-periods/${periodId}/forms/${unitId}/complete`));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('FORM_HAS_ERRORS');
    const paths = refused.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toContain(`values.${first!.indicatorId}.actual`);
    expect(refused.json().error.details[0].message).toContain('Nilai di luar rentang yang valid (0 s.d. 100)');

    // Fix: a valid value for every indicator, evidence where required.
    const form = (await staff.request('GET', s.gov(`/collection-periods/${periodId}/forms/${unitId}`))).json();
    for (const row of form.rows) {
      const saved = await staff.request('POST', s.gov(`/collection-periods/${periodId}/values`), {
        indicatorId: row.indicatorId,
        unitId,
        actual: row.target?.value ?? row.target?.low ?? '10',
        baseVersion: row.version,
      });
      expect(saved.statusCode, saved.body).toBe(200);
      if (row.evidenceRequired) {
        const missing = saved.json().row.errors.map((e: { code: string }) => e.code);
        expect(missing).toEqual(['EVIDENCE_MISSING']);
        await staff.request('POST', s.gov(`/collection-values/${saved.json().row.valueId}/evidence`), {
          kind: 'text',
          text: 'Register pelayanan terlampir di arsip seksi',
        });
      }
    }
    const done = await staff.request('POST', s.gov(`/collection-periods/${periodId}/forms/${unitId}/complete`));
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().submission).toMatchObject({ status: 'completed' });

    // A completed form is not edited until it is returned.
    const edit = await staff.request('POST', s.gov(`/collection-periods/${periodId}/values`), {
      indicatorId: first!.indicatorId,
      unitId,
      actual: 50,
      baseVersion: done.json().rows[0].version,
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('FORM_SUBMITTED');
  });

  it('the one who completed cannot approve; the reviewer returns a value with a reason and sees what changed', async () => {
    const staff = await s.as('masama.pelaksana-pelayanan');
    const self = await staff.request('POST', s.gov(`/collection-periods/${periodId}/forms/${unitId}/approve`));
    expect(self.statusCode).toBe(403);
    const kasi = await s.as('masama.kasi-pelayanan');
    const form = (await kasi.request('GET', s.gov(`/collection-periods/${periodId}/forms/${unitId}`))).json();
    const row = form.rows[0];
    const noReason = await kasi.request('POST', s.gov(`/collection-periods/${periodId}/forms/${unitId}/return`), {
      reason: '',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].path).toBe('body.reason');
    const ret = await kasi.request('POST', s.gov(`/collection-periods/${periodId}/forms/${unitId}/return`), {
      reason: 'Realisasi belum sesuai register',
      values: [{ valueId: row.valueId, reason: 'Angka tidak sesuai register Desember' }],
    });
    expect(ret.statusCode, ret.body).toBe(200);
    expect(ret.json().submission).toMatchObject({
      status: 'returned',
      returnReason: 'Realisasi belum sesuai register',
      changedSinceReturn: 0,
    });
    expect(Date.parse(ret.json().submission.returnedAt)).toBeGreaterThan(Date.parse(form.submission.completedAt));
    const flagged = ret.json().rows[0];
    expect(flagged.returnedReason).toBe('Angka tidak sesuai register Desember');
    expect(flagged.errors.map((e: { code: string }) => e.code)).toEqual(['RETURNED']);

    const again = await staff.request('POST', s.gov(`/collection-periods/${periodId}/forms/${unitId}/complete`));
    expect(again.statusCode).toBe(400);
    const fixed = await staff.request('POST', s.gov(`/collection-periods/${periodId}/values`), {
      indicatorId: row.indicatorId,
      unitId,
      actual: row.actual === '1' ? '2' : '1',
      reason: 'Disesuaikan dengan register',
      baseVersion: row.version,
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json().row.returnedReason).toBeNull();
    const completed = await staff.request('POST', s.gov(`/collection-periods/${periodId}/forms/${unitId}/complete`));
    expect(completed.statusCode, completed.body).toBe(200);
    expect(completed.json().submission.changedSinceReturn).toBe(1);
    const approved = await kasi.request('POST', s.gov(`/collection-periods/${periodId}/forms/${unitId}/approve`));
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().submission.status).toBe('approved');
  });
});

describe('locking', () => {
  it('a locked period refuses every write from anyone, admins included, by every route', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const admin = await s.as('banggai.admin');
    const staff = await s.as('masama.pelaksana-pelayanan');
    const form = (await staff.request('GET', s.gov(`/collection-periods/${periodId}/forms/${unitId}`))).json();
    const row = form.rows[0];
    // Evidence and an open flag to try to replace and resolve, and a filled template to import.
    await staff.request('POST', s.gov(`/collection-values/${row.valueId}/evidence`), {
      kind: 'text',
      text: 'Register',
    });
    await admin.request('POST', s.gov(`/collection-values/${row.valueId}/flags`), { note: 'Cek register' });
    const before = (await staff.request('GET', s.gov(`/collection-values/${row.valueId}`))).json();
    const evidence = before.evidence.find((e: { replacedById: string | null }) => !e.replacedById);
    const flag = before.flags.find((f: { resolvedAt: string | null }) => !f.resolvedAt);
    const tpl = await staff.request('GET', s.gov(`/collection-periods/${periodId}/forms/${unitId}/template`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Realisasi')!;
    ws.eachRow((r, n) => {
      if (n > 5 && r.getCell(1).value === row.indicatorId) r.getCell(7).value = '77';
    });
    const file = new FormData();
    file.append('file', new Blob([Buffer.from(await wb.xlsx.writeBuffer())]), 'formulir.xlsx');
    const period = (await admin.request('GET', s.gov(`/collection-periods/${periodId}`))).json();

    const locked = await admin.request('POST', s.gov(`/collection-periods/${periodId}/lock`));
    expect(locked.statusCode, locked.body).toBe(200);
    expect(locked.json().status).toBe('locked');
    const save = { indicatorId: row.indicatorId, unitId, actual: 1, baseVersion: row.version };
    const attempts = [
      admin.request('POST', s.gov(`/collection-periods/${periodId}/values`), save),
      staff.request('POST', s.gov(`/collection-periods/${periodId}/values`), save),
      admin.request('POST', s.gov(`/collection-values/${row.valueId}/evidence`), { kind: 'text', text: 'x' }),
      admin.request('POST', s.gov(`/collection-values/${row.valueId}/evidence/${evidence.id}/replace`), {
        evidence: { kind: 'text', text: 'x' },
        reason: 'x',
      }),
      admin.request('POST', s.gov(`/collection-values/${row.valueId}/comments`), { body: 'x' }),
      admin.request('POST', s.gov(`/collection-values/${row.valueId}/flags`), { note: 'x' }),
      admin.request('POST', s.gov(`/collection-values/${row.valueId}/flags/${flag.id}/resolve`), { resolution: 'x' }),
      admin.request('POST', s.gov(`/collection-periods/${periodId}/forms/${unitId}/complete`)),
      admin.request('POST', s.gov(`/collection-periods/${periodId}/forms/${unitId}/approve`)),
      admin.request('POST', s.gov(`/collection-periods/${periodId}/forms/${unitId}/return`), { reason: 'x' }),
      admin.request('POST', s.gov(`/collection-periods/${periodId}/forms/${unitId}/import?mode=apply`), file),
      admin.request('PATCH', s.gov(`/collection-periods/${periodId}`), {
        closesOn: '2026-12-31',
        expectedUpdatedAt: locked.json().updatedAt,
      }),
      admin.request('POST', s.gov(`/collection-periods/${periodId}/lock`)),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error.code).toBe('PERIOD_LOCKED');
      expect(res.json().error.message).toContain('kasus perbaikan data kinerja');
    }
    // Nothing changed: the same versions, evidence, flags and window.
    const after = (await staff.request('GET', s.gov(`/collection-values/${row.valueId}`))).json();
    expect(after.versions).toEqual(before.versions);
    expect(after.evidence).toEqual(before.evidence);
    expect(after.flags).toEqual(before.flags);
    expect(after.comments).toEqual(before.comments);
    expect((await admin.request('GET', s.gov(`/collection-periods/${periodId}`))).json().closesOn).toBe(
      period.closesOn,
    );
    const lockedForm = (await admin.request('GET', s.gov(`/collection-periods/${periodId}/forms/${unitId}`))).json();
    expect(lockedForm.access).toEqual({ enter: false, review: false, windowOpen: false });
  });

  it('members write only inside the entry window; admins may outside it', async () => {
    const admin = await s.as('banggai.admin');
    const created = await admin.request('POST', s.gov('/collection-periods'), {
      agencyId,
      year: 2026,
      period: 'm01',
      opensOn: '2026-01-01',
      closesOn: '2026-01-31',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const staff = await s.as('masama.pelaksana-pelayanan');
    const body = { indicatorId: indicators[0]!.indicatorId, unitId, actual: 5, baseVersion: 0 };
    if (today > '2026-01-31') {
      const res = await staff.request('POST', s.gov(`/collection-periods/${id}/values`), body);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('COLLECTION_WINDOW_CLOSED');
    }
    const byAdmin = await admin.request('POST', s.gov(`/collection-periods/${id}/values`), body);
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
    expect(byAdmin.json().row.targetPeriod).toBe('q1');
  });
});

describe('warnings, reports and the demo actuals', () => {
  it('warns when a value is far from the unit’s own history or achieves more than 150 %', async () => {
    const admin = await s.as('banggai.admin');
    const { indicatorId } = indicators[0]!;
    const ids: string[] = [];
    for (const [i, m] of ['m02', 'm03', 'm04', 'm05', 'm06'].entries()) {
      const p = await admin.request('POST', s.gov('/collection-periods'), {
        agencyId,
        year: 2026,
        period: m,
        opensOn: '2026-01-01',
        closesOn: '2026-12-31',
      });
      expect(p.statusCode, p.body).toBe(201);
      ids.push(p.json().id);
      if (i < 4) {
        const v = await admin.request('POST', s.gov(`/collection-periods/${p.json().id}/values`), {
          indicatorId,
          unitId,
          actual: [10, 11, 10, 11][i],
          baseVersion: 0,
        });
        expect(v.statusCode, v.body).toBe(200);
      }
    }
    const far = await admin.request('POST', s.gov(`/collection-periods/${ids[4]}/values`), {
      indicatorId,
      unitId,
      actual: 95,
      baseVersion: 0,
    });
    const codes = far.json().row.warnings.map((w: { code: string }) => w.code);
    expect(codes).toContain('OUTLIER_HISTORY');
    expect(codes).toContain('JUMP_PREVIOUS');
    // Warnings do not block: only errors do.
    expect(far.json().row.errors.filter((e: { code: string }) => e.code !== 'OUT_OF_RANGE')).toEqual([]);
    const target = far.json().row.target?.value;
    if (target && Number(target) > 0) {
      const high = await admin.request('POST', s.gov(`/collection-periods/${ids[4]}/values`), {
        indicatorId,
        unitId,
        actual: (Number(target) * 1.6).toFixed(2),
        baseVersion: 1,
      });
      expect(high.json().row.warnings.map((w: { code: string }) => w.code)).toContain('ACHIEVEMENT_HIGH');
    }
  });

  it('prints the report as PDF in the letterhead and as Excel', async () => {
    const staff = await s.as('masama.pelaksana-pelayanan');
    const pdf = await staff.request('GET', s.gov(`/collection-periods/${periodId}/report?format=pdf`));
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await staff.request('GET', s.gov(`/collection-periods/${periodId}/report?format=xlsx`));
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('loads demo periods: 2025 and 2026 Q1–Q2 locked, 2026 Q3 open, with values and a few warnings', async () => {
    const admin = await s.as('banggai.admin');
    const list = (await admin.request('GET', s.gov(`/collection-periods?agencyId=${agencyId}`))).json().items;
    const demo = list.filter(
      (p: { period: string }) => (p.period.startsWith('q') && p.period !== 'q4') || p.period === 'q4',
    );
    const byKey = new Map(
      demo.map((p: { year: number; period: string; status: string }) => [`${p.year}-${p.period}`, p]),
    );
    for (const k of ['2025-q1', '2025-q2', '2025-q3', '2025-q4', '2026-q1', '2026-q2']) {
      expect((byKey.get(k) as { status: string }).status, k).toBe('locked');
    }
    const q3 = byKey.get('2026-q3') as { id: string; status: string };
    expect(q3.status).toBe('open');
    const c = (await admin.request('GET', s.gov(`/collection-periods/${q3.id}/completeness`))).json();
    expect(c.entered).toBeGreaterThan(0);
    expect(c.entered).toBeLessThan(c.required);
    const q2 = byKey.get('2026-q2') as { id: string };
    const c2 = (await admin.request('GET', s.gov(`/collection-periods/${q2.id}/completeness`))).json();
    expect(c2.entered).toBe(c2.required);
    expect(c2.units.every((u: { status: string }) => u.status === 'approved')).toBe(true);
    expect(c2.units.reduce((n: number, u: { warnings: number }) => n + u.warnings, 0)).toBeGreaterThan(0);
  });
});

describe('Excel entry: template → validate → preview → apply', () => {
  it('lists every bad cell, applies nothing while one is bad, previews old → new, and re-checks versions', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const admin = await s.as('banggai.admin');
    const staff = await s.as('masama.pelaksana-pelayanan');
    const p = await admin.request('POST', s.gov('/collection-periods'), {
      agencyId,
      year: 2026,
      period: 'm08',
      opensOn: '2026-01-01',
      closesOn: '2026-12-31',
    });
    const id = p.json().id;
    const tpl = await staff.request('GET', s.gov(`/collection-periods/${id}/forms/${unitId}/template`));
    expect(tpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Realisasi')!;
    const header = ws.getRow(5);
    expect(header.getCell(1).value).toBe('ID Indikator');
    const rowsWithId: number[] = [];
    ws.eachRow((row, n) => {
      if (n > 5 && row.getCell(1).value) rowsWithId.push(n);
    });
    // The indicators of the unit’s agreement, then its staff’s individual indicators (IKI).
    expect(rowsWithId.length).toBeGreaterThanOrEqual(indicators.length);
    ws.getRow(rowsWithId[0]!).getCell(7).value = '12,5';
    ws.getRow(rowsWithId[1]!).getCell(7).value = 'sekitar dua';
    ws.getRow(rowsWithId[1]!).getCell(8).value = 'Rp sejuta';
    const upload = async (mode: 'preview' | 'apply') => {
      const fd = new FormData();
      fd.append('file', new Blob([Buffer.from(await wb.xlsx.writeBuffer())]), 'formulir.xlsx');
      return staff.request('POST', s.gov(`/collection-periods/${id}/forms/${unitId}/import?mode=${mode}`), fd);
    };
    const preview = await upload('preview');
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().valid).toBe(false);
    expect(
      preview.json().problems.map((x: { sheet: string; row: number; column: string }) => [x.sheet, x.row, x.column]),
    ).toEqual([
      ['Realisasi', rowsWithId[1], 'G'],
      ['Realisasi', rowsWithId[1], 'H'],
    ]);
    const refused = await upload('apply');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.map((d: { path: string }) => d.path)).toEqual([
      `file.Realisasi!G${rowsWithId[1]}`,
      `file.Realisasi!H${rowsWithId[1]}`,
    ]);
    const none = (await staff.request('GET', s.gov(`/collection-periods/${id}/forms/${unitId}`))).json();
    expect(none.rows.every((r: { version: number }) => r.version === 0)).toBe(true);

    ws.getRow(rowsWithId[1]!).getCell(7).value = 7;
    ws.getRow(rowsWithId[1]!).getCell(8).value = 1500000;
    const ok = await upload('preview');
    expect(ok.json().valid).toBe(true);
    expect(ok.json().changes.map((c: { old: unknown; new: { actual: string } }) => [c.old, c.new.actual])).toEqual([
      [null, '12.5'],
      [null, '7'],
    ]);
    // Someone saves one of the values between the preview and the apply: the apply refuses it.
    const between = await staff.request('POST', s.gov(`/collection-periods/${id}/values`), {
      indicatorId: indicators[0]!.indicatorId,
      unitId,
      actual: 11,
      baseVersion: 0,
    });
    expect(between.statusCode).toBe(200);
    const stale = await upload('apply');
    expect(stale.statusCode).toBe(400);
    expect(stale.json().error.details[0].path).toBe(`file.Realisasi!F${rowsWithId[0]}`);
    ws.getRow(rowsWithId[0]!).getCell(6).value = 1;
    const applied = await upload('apply');
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json().applied).toBe(2);
    const after = (await staff.request('GET', s.gov(`/collection-periods/${id}/forms/${unitId}`))).json();
    expect(after.rows.slice(0, 2).map((r: { actual: string; version: number }) => [r.actual, r.version])).toEqual([
      ['12.5', 2],
      ['7', 1],
    ]);
    const detail = (await staff.request('GET', s.gov(`/collection-values/${after.rows[0].valueId}`))).json();
    expect(detail.versions.map((v: { source: string }) => v.source)).toEqual(['import', 'form']);

    // Whoever completed the form cannot approve it, whatever else they may do.
    const kasi = await s.as('masama.kasi-pelayanan');
    for (const row of after.rows.filter((r: { evidenceRequired: boolean }) => r.evidenceRequired)) {
      await kasi.request('POST', s.gov(`/collection-values/${row.valueId}/evidence`), {
        kind: 'text',
        text: 'Register',
      });
    }
    const completed = await kasi.request('POST', s.gov(`/collection-periods/${id}/forms/${unitId}/complete`));
    expect(completed.statusCode, completed.body).toBe(200);
    const self = await kasi.request('POST', s.gov(`/collection-periods/${id}/forms/${unitId}/approve`));
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('SELF_REVIEW');
    const byAdmin = await admin.request('POST', s.gov(`/collection-periods/${id}/forms/${unitId}/approve`));
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
  });
});
