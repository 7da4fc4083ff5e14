import { createHash } from 'node:crypto';
import { retentionOf } from '@sidakin/core';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createTestApp,
  type GovernmentFixture,
  makeGovernment,
  signIn,
  type TestContext,
} from '../../test/fixture.js';
import { contextOf, makeSigners, renderTestDocument } from '../../test/signing.js';
import { hashRecord } from '../audit/audit.service.js';
import { createSignatureRequestTx } from '../signatures/signed-documents.service.js';
import { backfillArchive } from './archive.service.js';

// The archive as the Arsiparis and the Inspektorat use it: a case of an agency's SOP runs to its
// archiving step with a return and a step output, its Dokumen Perbaikan is signed in turn, and a
// Nota Dinas besides; each signed document is filed when its last signature lands, the case's
// record when it closes, each with its retention class; the search filters; the dossier zip holds
// the files, the history and an audit excerpt whose hashes recompute.

let t: TestContext;
let g: GovernmentFixture;
let staff: Client;
let head: Client;
let admin: Client;
let secretaryPositionId: string;
let caseId: string;
let caseNumber: number;
let reportDocId: string;
let memoDocId: string;
const gov = (p = '') => `/api/governments/${g.governmentId}${p}`;
const year = new Date().getFullYear();

const sop = `
schemaVersion: 1
id: kab-arsip/disdag/verifikasi-data
title: Verifikasi Data Kinerja
kind: general
agency: { government: kab-arsip, agency: disdag, header: [PEMERINTAH KABUPATEN UJI, DINAS PERDAGANGAN] }
identity: { number: 800/7/DISDAG/2026, createdOn: 2 Januari 2026, revisedOn: null, effectiveOn: 2 Januari 2026, approvedBy: { position: Kepala Dinas } }
notes: [Ditulis untuk uji.]
lanes:
  kadis: { title: Kepala Dinas, binding: head-of-agency }
  staf: { title: Pengelola Data, binding: staff-of-unit }
steps:
  - { no: 1, lane: kadis, action: instruct, text: Memerintahkan verifikasi data, duration: 15 menit, outputs: [Disposisi] }
  - { no: 2, lane: staf, action: task, text: Memeriksa data dan bukti dukung, duration: 1 hari, outputs: [Daftar periksa] }
  - { no: 3, lane: kadis, action: review, text: Menelaah hasil verifikasi, decision: { ya: 4, tidak: 2 }, duration: 30 menit }
  - { no: 4, lane: staf, action: archive, text: Mengarsipkan hasil verifikasi, duration: 10 menit }
`;

const checklist = new TextEncoder().encode('Daftar periksa verifikasi data kinerja triwulan III\nSemua lengkap.\n');
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function signatureRequest(opts: { kind: string; number: string; title: string; caseId: string | null }) {
  const ctx = await contextOf(t.db, staff);
  return t.db.transaction((tx) =>
    createSignatureRequestTx(tx, ctx, {
      governmentId: g.governmentId,
      agencyId: g.agencyId,
      kind: opts.kind,
      number: opts.number,
      title: opts.title,
      documentDate: `${year}-07-10`,
      signers: [{ positionId: secretaryPositionId }, { positionId: g.headPositionId }],
      fileName: `${opts.title}.pdf`,
      caseId: opts.caseId,
      render: (mark) =>
        renderTestDocument(mark, [
          { position: 'Sekretaris Dinas', name: 'Sri Wahyuni' },
          { position: 'Kepala Dinas', name: 'Budi Santoso' },
        ]),
    }),
  );
}
const sign = async (c: Client, id: string, passphrase: string) => {
  const res = await c.request('POST', gov(`/signed-documents/${id}/sign`), { passphrase });
  expect(res.statusCode, res.body).toBe(200);
};

beforeAll(async () => {
  t = await createTestApp();
  g = await makeGovernment(t.db, { code: 'kab-arsip' });
  const s = await makeSigners(t.db, g);
  secretaryPositionId = s.secretaryPositionId;
  staff = await signIn(t.app, g.member.username);
  head = await signIn(t.app, s.headUsername);
  admin = await signIn(t.app, g.admin.username);
  for (const [c, p] of [
    [staff, 'kunci sekretaris'],
    [head, 'kunci kepala dinas'],
  ] as const) {
    expect((await c.request('POST', gov('/signing-certificates/mine'), { passphrase: p })).statusCode).toBe(201);
  }
  const imported = await admin.request('POST', gov('/sops/import'), { source: sop });
  expect(imported.statusCode, imported.body).toBe(201);
  const sopId = imported.json().sop.id as string;
  const versionId = imported.json().sop.latestVersion.id as string;
  const approved = await head.request('POST', gov(`/sops/${sopId}/versions/${versionId}/approve`));
  expect(approved.statusCode, approved.body).toBe(200);
  const effectiveFrom = approved.json().versions[0].approvedOn;
  expect(
    (await admin.request('POST', gov(`/sops/${sopId}/versions/${versionId}/make-effective`), { effectiveFrom }))
      .statusCode,
  ).toBe(200);

  let c = (
    await head.request('POST', gov('/cases'), {
      sopId,
      unitIds: [g.unitId],
      period: `${year}-T3`,
      subject: 'Verifikasi realisasi triwulan III',
    })
  ).json();
  caseId = c.id;
  caseNumber = c.number;
  const step = async (client: Client, body: Record<string, unknown>) => {
    const task = c.tasks.find((x: { status: string }) => x.status === 'open');
    const res = await client.request('POST', gov(`/cases/${c.id}/tasks/${task.id}/complete`), body);
    expect(res.statusCode, res.body).toBe(200);
    c = res.json();
  };
  await step(head, { outcome: 'done' });
  await step(staff, { outcome: 'done' });
  await step(head, { outcome: 'tidak', reason: 'Bukti dukung bulan Juli belum ada' });
  const f = new FormData();
  f.append('file', new Blob([checklist], { type: 'text/plain' }), 'Daftar periksa T3.txt');
  const upload = await staff.request('POST', gov('/files'), f);
  expect(upload.statusCode, upload.body).toBe(201);
  await step(staff, { outcome: 'done', attachments: [{ fileId: upload.json().id, output: 'Daftar periksa' }] });
  await step(head, { outcome: 'ya' });

  const report = await signatureRequest({
    kind: 'perbaikan-data-kinerja',
    number: `050/3/Disdag/VII/${year}`,
    title: 'Dokumen Perbaikan Data Kinerja Triwulan III',
    caseId,
  });
  reportDocId = report.id;
  await sign(staff, reportDocId, 'kunci sekretaris');
  // One signature of two: nothing is archived yet.
  expect((await admin.request('GET', gov('/archive'))).json().total).toBe(0);
  await sign(head, reportDocId, 'kunci kepala dinas');
  await step(staff, { outcome: 'done' });
  expect(c.status).toBe('completed');

  const memo = await signatureRequest({
    kind: 'nota-dinas',
    number: `005/12/Disdag/${year}`,
    title: 'Nota Dinas permintaan data Bidang Perdagangan',
    caseId: null,
  });
  memoDocId = memo.id;
  await sign(staff, memoDocId, 'kunci sekretaris');
  await sign(head, memoDocId, 'kunci kepala dinas');
}, 120_000);
afterAll(async () => {
  await t.close();
});

interface Entry {
  id: string;
  source: string;
  kind: string;
  number: string;
  title: string;
  year: number | null;
  period: string;
  retentionClass: string;
  retentionLabel: string;
  retainUntil: string | null;
  signedDocumentId: string | null;
  caseId: string | null;
  caseNumber: number | null;
  fileId: string | null;
  archivedByName: string;
}
const search = async (query = '', who: Client = staff) => {
  const res = await who.request('GET', gov(`/archive${query}`));
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Entry[]; total: number; page: number; pageSize: number };
};

describe('filing into the archive', () => {
  it('files each signed document at its last signature and the case record when it closes, with its retention', async () => {
    const all = await search();
    expect(all.total).toBe(3);
    const report = all.items.find((e) => e.signedDocumentId === reportDocId)!;
    expect(report).toMatchObject({
      source: 'document',
      kind: 'perbaikan-data-kinerja',
      number: `050/3/Disdag/VII/${year}`,
      year,
      period: `${year}-T3`,
      caseId,
      caseNumber,
      retentionClass: '10-tahun',
      retentionLabel: '10 tahun',
      archivedByName: 'Budi Santoso',
    });
    // The final file (after both signatures) is the one archived.
    const final = await t.db.query<{ current_file_id: string }>(
      'SELECT current_file_id FROM signed_documents WHERE id = $1',
      [reportDocId],
    );
    expect(report.fileId).toBe(final[0]!.current_file_id);
    expect(report.retainUntil).toMatch(new RegExp(`^${year + 10}-`));
    const record = all.items.find((e) => e.source === 'case')!;
    expect(record).toMatchObject({
      kind: 'case:general',
      number: `#${caseNumber}`,
      title: 'Verifikasi Data Kinerja — Verifikasi realisasi triwulan III',
      caseId,
      retentionClass: retentionOf('case:general').code,
      // Filed by whoever completed the archiving step (the SOP's Arsiparis lane; here the Pengelola Data).
      archivedByName: 'Sri Wahyuni',
    });
    const memo = all.items.find((e) => e.signedDocumentId === memoDocId)!;
    expect(memo).toMatchObject({ kind: 'nota-dinas', retentionClass: '2-tahun', caseId: null, year });
    const audit = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity_type = 'archive_entry' ORDER BY seq",
    );
    expect(audit.map((a) => a.action)).toEqual(['archive.file_document', 'archive.file_case', 'archive.file_document']);
  });

  it('keeps entries unchangeable', async () => {
    await expect(t.db.query("UPDATE archive_entries SET title = 'diubah'")).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM archive_entries')).rejects.toThrow(/append-only/);
  });
});

describe('searching the archive', () => {
  it('filters by kind, source, agency, year, period, number and free text, and pages', async () => {
    expect((await search('?kind=nota-dinas')).items.map((e) => e.signedDocumentId)).toEqual([memoDocId]);
    expect((await search('?source=case')).items.map((e) => e.caseId)).toEqual([caseId]);
    expect((await search(`?agencyId=${g.agencyId}`)).total).toBe(3);
    expect((await search('?agencyId=00000000-0000-4000-8000-000000000001')).total).toBe(0);
    expect((await search(`?year=${year}`)).total).toBe(3);
    expect((await search('?year=2001')).total).toBe(0);
    expect((await search('?period=T3')).total).toBe(2);
    expect((await search('?number=050%2F3')).items.map((e) => e.signedDocumentId)).toEqual([reportDocId]);
    // Words in any order, from the title, the case's subject, the signers' names, the agency.
    expect((await search(`?q=${encodeURIComponent('triwulan realisasi')}`)).total).toBe(2);
    expect((await search(`?q=${encodeURIComponent('budi nota')}`)).items.map((e) => e.signedDocumentId)).toEqual([
      memoDocId,
    ]);
    expect((await search('?q=tidak-ada-di-arsip')).total).toBe(0);
    // LIKE wildcards are taken literally.
    expect((await search('?q=%25')).total).toBe(0);
    const page1 = await search('?pageSize=2&page=1');
    const page2 = await search('?pageSize=2&page=2');
    expect([page1.total, page1.items.length, page2.items.length]).toEqual([3, 2, 1]);
    expect(new Set([...page1.items, ...page2.items].map((e) => e.id)).size).toBe(3);
    const kinds = (await staff.request('GET', gov('/archive/kinds'))).json();
    expect(kinds.items.map((k: { kind: string; count: number }) => [k.kind, k.count])).toEqual(
      expect.arrayContaining([
        ['perbaikan-data-kinerja', 1],
        ['nota-dinas', 1],
        ['case:general', 1],
      ]),
    );
  });

  it('refuses bad filters naming the field', async () => {
    const res = await staff.request('GET', gov('/archive?year=19'));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('query.year');
    const bad = await staff.request('GET', gov('/archive?source=surat'));
    expect(bad.statusCode).toBe(400);
  });
});

describe('the dossier of a case', () => {
  it('leaves the audit excerpt out for someone who may not read the audit trail', async () => {
    const res = await staff.request('GET', gov(`/cases/${caseId}/dossier`));
    expect(res.statusCode, res.body).toBe(200);
    const zip = unzipSync(new Uint8Array(res.rawPayload));
    expect(Object.keys(zip)).toContain('riwayat/riwayat.json');
    expect(Object.keys(zip).some((n) => n.startsWith('audit/'))).toBe(false);
    expect(strFromU8(zip['00-daftar-isi.txt']!)).toContain('hanya bagi yang berhak membaca jejak audit');
  });

  it('is one zip with the step outputs, the signed document, the history and a checkable audit excerpt', async () => {
    const res = await admin.request('GET', gov(`/cases/${caseId}/dossier`));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toContain(`Berkas Kasus ${caseNumber}`);
    const zip = unzipSync(new Uint8Array(res.rawPayload));
    const names = Object.keys(zip).sort();
    expect(names).toEqual(
      expect.arrayContaining([
        '00-daftar-isi.txt',
        'dokumen/langkah-02/Daftar periksa T3.txt',
        'dokumen-ditandatangani/Dokumen Perbaikan Data Kinerja Triwulan III.pdf',
        'riwayat/riwayat.json',
        'riwayat/riwayat-kasus.csv',
        'audit/audit.json',
        'audit/audit.csv',
      ]),
    );
    // The nota dinas is not the case's.
    expect(names.some((n) => n.includes('Nota Dinas'))).toBe(false);
    expect(sha(zip['dokumen/langkah-02/Daftar periksa T3.txt']!)).toBe(sha(checklist));
    const signed = zip['dokumen-ditandatangani/Dokumen Perbaikan Data Kinerja Triwulan III.pdf']!;
    const finalSha = await t.db.query<{ final_sha256: string }>(
      'SELECT final_sha256 FROM signed_documents WHERE id = $1',
      [reportDocId],
    );
    expect(sha(signed)).toBe(finalSha[0]!.final_sha256);

    // UTF-8 with a byte-order mark, so Excel reads the Indonesian text right.
    expect([...zip['riwayat/riwayat-kasus.csv']!.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = strFromU8(zip['riwayat/riwayat-kasus.csv']!);
    expect(csv.split('\r\n')[0]).toBe(
      'Langkah,Putaran,Status,Dibuka,Batas waktu,Selesai,Oleh,Jabatan,Keputusan,Alasan,Catatan,Berkas keluaran',
    );
    expect(csv).toContain('tidak,Bukti dukung bulan Juli belum ada');
    expect(csv).toContain('Daftar periksa T3.txt');
    const history = JSON.parse(strFromU8(zip['riwayat/riwayat.json']!));
    expect(history.case.tasks.map((x: { stepNo: number }) => x.stepNo)).toEqual([1, 2, 3, 2, 3, 4]);
    expect(history.case.status).toBe('completed');
    expect(strFromU8(zip['00-daftar-isi.txt']!)).toContain(`BERKAS KASUS #${caseNumber}`);

    const audit = JSON.parse(strFromU8(zip['audit/audit.json']!)).records as {
      action: string;
      entityId: string;
      hash: string;
      prevHash: string;
      chain: string;
      seq: number;
      governmentId: string | null;
      at: string;
      actorUserId: string | null;
      actorName: string | null;
      actorPositionId: string | null;
      actorPositionName: string | null;
      entityType: string;
      before: unknown;
      after: unknown;
      ip: string | null;
      userAgent: string | null;
    }[];
    const actions = audit.map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'case.start',
        'case.complete_task',
        'case.return',
        'signed_document.create',
        'signed_document.sign',
        'archive.file_document',
        'archive.file_case',
      ]),
    );
    // Nothing of the unrelated memo.
    expect(audit.some((r) => r.entityId === memoDocId)).toBe(false);
    // Every record's hash recomputes from what the zip holds.
    for (const r of audit) {
      expect(
        hashRecord({
          chain: r.chain,
          seq: r.seq,
          government_id: r.governmentId,
          at: new Date(r.at),
          actor_user_id: r.actorUserId,
          actor_name: r.actorName,
          actor_position_id: r.actorPositionId,
          actor_position_name: r.actorPositionName,
          action: r.action,
          entity_type: r.entityType,
          entity_id: r.entityId,
          before: r.before,
          after: r.after,
          ip: r.ip,
          user_agent: r.userAgent,
          prev_hash: r.prevHash,
        }),
      ).toBe(r.hash);
    }
  });

  it('is 404 for a case of no one', async () => {
    const res = await staff.request('GET', gov('/cases/00000000-0000-4000-8000-000000000001/dossier'));
    expect(res.statusCode).toBe(404);
  });
});

describe('filing what came before the archive', () => {
  it('files every signed document and closed case that has no entry yet, the same way, once', async () => {
    const columns = `source, kind, kind_label, number, title, year, period, retention_class, retention_years,
      signed_document_id, case_id, file_id, search_text, archived_by_user_id, archived_by_name`;
    const before = await t.db.query(`SELECT ${columns} FROM archive_entries ORDER BY kind`);
    // A database from before the archive: its entries are gone (the trigger is lifted to make it so).
    await t.db.exec('ALTER TABLE archive_entries DISABLE TRIGGER archive_entries_no_change');
    await t.db.query('DELETE FROM archive_entries');
    await t.db.exec('ALTER TABLE archive_entries ENABLE TRIGGER archive_entries_no_change');
    expect(await backfillArchive(t.db)).toEqual({ documents: 2, cases: 1 });
    expect(await t.db.query(`SELECT ${columns} FROM archive_entries ORDER BY kind`)).toEqual(before);
    expect(await backfillArchive(t.db)).toEqual({ documents: 0, cases: 0 });
  });
});
