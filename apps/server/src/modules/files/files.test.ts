import { createHash } from 'node:crypto';
import { maxUploadBytes } from '@sidakin/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSession, demoSession } from '../../test/demo-session.js';
import type { Client } from '../../test/fixture.js';

// Uploads as step outputs: the type comes from the bytes, the size is limited while streaming,
// a file is named as the output of one step by the person who uploaded it, and it reads back intact.

let s: DemoSession;
let jp: Client;

const pdfBytes = () =>
  new TextEncoder().encode(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  );
const form = (bytes: Uint8Array, name: string, claimed = 'application/octet-stream') => {
  const f = new FormData();
  f.append('file', new Blob([bytes], { type: claimed }), name);
  return f;
};
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  s = await demoSession('banggai.admin');
  jp = await s.as('disdag.jp-perdagangan-1');
}, 120_000);
afterAll(async () => {
  await s.t.close();
});

describe('uploading a file', () => {
  it('stores it with the type read from its content and reads it back byte for byte', async () => {
    const bytes = pdfBytes();
    // The browser claims text; the content says PDF, and PDF is what is stored.
    const res = await jp.request('POST', s.gov('/files'), form(bytes, 'Rekap T3 2026.pdf', 'text/plain'));
    expect(res.statusCode, res.body).toBe(201);
    const info = res.json();
    expect(info).toMatchObject({
      name: 'Rekap T3 2026.pdf',
      mediaType: 'application/pdf',
      size: bytes.length,
      sha256: sha(bytes),
      source: 'upload',
    });

    // Another official of the same government may read it; the bytes are the same.
    const other = await s.as('disdag.kabid-perdagangan');
    const down = await other.request('GET', s.gov(`/files/${info.id}`));
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['content-disposition']).toBe('attachment; filename="Rekap T3 2026.pdf"');
    expect(sha(down.rawPayload)).toBe(info.sha256);
    const inline = await other.request('GET', s.gov(`/files/${info.id}?disposition=inline`));
    expect(inline.headers['content-disposition']).toMatch(/^inline;/);

    const audit = await s.t.db.query<{ action: string; after: { sha256: string } }>(
      "SELECT action, after FROM audit_log WHERE entity_type = 'file' AND entity_id = $1",
      [info.id],
    );
    expect(audit).toEqual([
      expect.objectContaining({ action: 'file.upload', after: expect.objectContaining({ sha256: info.sha256 }) }),
    ]);
  });

  it('keeps text as text and never serves it as a page', async () => {
    const bytes = new TextEncoder().encode('<script>alert(1)</script>\nbaris kedua\n');
    const res = await jp.request('POST', s.gov('/files'), form(bytes, 'catatan.html', 'text/html'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().mediaType).toBe('text/plain');
    const down = await jp.request('GET', s.gov(`/files/${res.json().id}?disposition=inline`));
    expect(down.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(down.headers['content-disposition']).toMatch(/^attachment;/);
    expect(down.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses programs and archives whatever their name, with a message naming what is accepted', async () => {
    const exe = new Uint8Array(512);
    exe.set([0x4d, 0x5a, 0x90, 0x00], 0); // "MZ": a Windows program
    const res = await jp.request('POST', s.gov('/files'), form(exe, 'laporan.pdf'));
    expect(res.statusCode).toBe(415);
    expect(res.json().error).toMatchObject({ code: 'FILE_TYPE_REFUSED' });
    expect(res.json().error.message).toMatch(/PDF/);
    const zip = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]); // an empty zip
    expect((await jp.request('POST', s.gov('/files'), form(zip, 'bukti.zip'))).statusCode).toBe(415);
  });

  it('refuses an empty file, a missing file, a file over 20 MB and a body that is not multipart', async () => {
    const empty = await jp.request('POST', s.gov('/files'), form(new Uint8Array(0), 'kosong.txt'));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('FILE_MISSING');

    const none = new FormData();
    none.append('other', new Blob([pdfBytes()]), 'x.pdf');
    expect((await jp.request('POST', s.gov('/files'), none)).json().error.code).toBe('FILE_MISSING');

    const big = new Uint8Array(maxUploadBytes + 1).fill(0x61);
    const tooBig = await jp.request('POST', s.gov('/files'), form(big, 'besar.txt'));
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.message).toBe('Berkas melebihi batas ukuran 20 MB');

    const json = await jp.request('POST', s.gov('/files'), { name: 'x' });
    expect(json.statusCode).toBe(415);

    const count = await s.t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM files WHERE name IN ('kosong.txt', 'besar.txt')",
    );
    expect(count[0]!.n).toBe(0);
  });

  it('cleans folder parts and control characters out of the name', async () => {
    const res = await jp.request('POST', s.gov('/files'), form(pdfBytes(), '..\\..\\etc/pass\u0007wd.pdf'));
    expect(res.json().name).toBe('passwd.pdf');
  });
});

describe('files as the outputs of a step', () => {
  it('are named at completion, shown on the case, and cannot be reused or taken from someone else', async () => {
    // The Banggai procedure as a general SOP: its steps and outputs without the correction's own rules.
    await s.importAsGeneral('banggai/disdag-perbaikan-data-kinerja.yaml', 'banggai/disdag/uji-berkas');
    const sopId = await s.putInEffect('banggai/disdag/uji-berkas', 'disdag.kadis');
    const unitId = await s.unitId('Bidang Perdagangan Dalam Negeri');
    const kadis = await s.as('disdag.kadis');
    let c = (
      await kadis.request('POST', s.gov('/cases'), { sopId, unitIds: [unitId], subject: 'Perbaikan data T3' })
    ).json();
    const step1 = c.tasks.find((x: { status: string }) => x.status === 'open');
    const instruction = (await kadis.request('POST', s.gov('/files'), form(pdfBytes(), 'Disposisi.pdf'))).json();
    const someoneElses = (await jp.request('POST', s.gov('/files'), form(pdfBytes(), 'Milik JP.pdf'))).json();

    const url = s.gov(`/cases/${c.id}/tasks/${step1.id}/complete`);
    const notMine = await kadis.request('POST', url, {
      outcome: 'done',
      attachments: [{ fileId: someoneElses.id }],
    });
    expect(notMine.statusCode).toBe(400);
    expect(notMine.json().error.details).toEqual([
      { path: 'body.attachments.0.fileId', message: 'Berkas tidak ditemukan di antara unggahan Anda' },
    ]);
    const wrongOutput = await kadis.request('POST', url, {
      outcome: 'done',
      attachments: [{ fileId: instruction.id, output: 'Bukan keluaran' }],
    });
    expect(wrongOutput.statusCode).toBe(400);
    expect(wrongOutput.json().error.details[0].path).toBe('body.attachments.0.output');
    // Nothing was half-done by the refused attempts: the task is still open, nothing attached.
    const still = (await kadis.request('GET', s.gov(`/cases/${c.id}`))).json();
    expect(still.tasks.find((x: { id: string }) => x.id === step1.id)).toMatchObject({
      status: 'open',
      attachments: [],
    });

    const output = still.tasks.find((x: { id: string }) => x.id === step1.id);
    const sop = (await kadis.request('GET', s.gov(`/sops/${sopId}`))).json();
    const printed: string[] = sop.document.steps[0].outputs;
    expect(printed.length).toBeGreaterThan(0);
    const ok = await kadis.request('POST', url, {
      outcome: 'done',
      comment: 'Disposisi terlampir',
      attachments: [{ fileId: instruction.id, output: printed[0] }],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    c = ok.json();
    expect(c.tasks.find((x: { id: string }) => x.id === output.id).attachments).toEqual([
      {
        fileId: instruction.id,
        name: 'Disposisi.pdf',
        mediaType: 'application/pdf',
        size: instruction.size,
        sha256: instruction.sha256,
        output: printed[0],
      },
    ]);
    const event = c.events.find(
      (e: { kind: string; taskId: string }) => e.kind === 'complete' && e.taskId === step1.id,
    );
    expect(event.data.attachments).toEqual([
      { fileId: instruction.id, name: 'Disposisi.pdf', sha256: instruction.sha256, output: printed[0] },
    ]);

    // The same file cannot become the output of a second step.
    const step2 = c.tasks.find((x: { status: string }) => x.status === 'open');
    const sekdis = await s.as('disdag.sekdis');
    const reused = (await sekdis.request('POST', s.gov('/files'), form(pdfBytes(), 'Format.pdf'))).json();
    const twice = await sekdis.request('POST', s.gov(`/cases/${c.id}/tasks/${step2.id}/complete`), {
      outcome: 'done',
      attachments: [{ fileId: reused.id }, { fileId: reused.id }],
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.details[0]).toMatchObject({
      path: 'body.attachments.1.fileId',
      message: 'Berkas ini sudah menjadi keluaran langkah lain',
    });
  });
});
