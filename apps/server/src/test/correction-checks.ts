import { createHash } from 'node:crypto';
import type { Correction } from '@sidakin/core';
import { strFromU8, unzipSync } from 'fflate';
import { expect } from 'vitest';
import type { Database } from '../db/database.js';
import { anonymous, type Client } from './fixture.js';
import { hasCertutil, pdfsig, trustingNssDb } from './pdfsig.js';

// What every correction that ends in a signature must show, whichever SOP ran it: exactly the
// accepted values changed, every earlier version kept, and a Dokumen Perbaikan whose signatures
// poppler's pdfsig finds valid and trusted, that fails after a single changed byte, and that the
// public verification page agrees with.

export interface ValueRow {
  id: string;
  version: number;
  actual: string;
}

/** The values of the correction's periods as they stand (id, current version, actual). */
export async function valuesOfPeriods(db: Database, periodIds: string[]): Promise<ValueRow[]> {
  return db.query<ValueRow>(
    `SELECT id, version_no AS version, actual::text AS actual FROM collection_values
      WHERE period_id = ANY($1::uuid[]) ORDER BY id`,
    [periodIds],
  );
}

/**
 * The applied correction changed exactly its items' values, each to a new version with the
 * proposed figure made by the correction's case, and every earlier version is still readable.
 */
export async function expectExactlyApplied(
  client: Client,
  gov: (p?: string) => string,
  c: Correction,
  before: ValueRow[],
  after: ValueRow[],
): Promise<void> {
  const items = c.items.filter((i) => i.status !== 'withdrawn');
  expect(items.length).toBeGreaterThan(0);
  expect(items.every((i) => i.status === 'applied')).toBe(true);
  const changed = after.filter((v) => {
    const was = before.find((b) => b.id === v.id);
    return !was || was.version !== v.version || was.actual !== v.actual;
  });
  expect(changed.map((v) => v.id).sort()).toEqual(items.map((i) => i.valueId).sort());
  for (const item of items) {
    const now = after.find((v) => v.id === item.valueId)!;
    const was = before.find((v) => v.id === item.valueId)!;
    expect(now.version).toBe(was.version + 1);
    expect(item.appliedVersion).toBe(now.version);
    expect(Number(now.actual)).toBe(Number(item.proposedActual));
    const detail = (await client.request('GET', gov(`/collection-values/${item.valueId}`))).json();
    const versions = detail.versions as { version: number; actual: string; source: string; caseId: string | null }[];
    expect(versions.map((v) => v.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: now.version }, (_, i) => i + 1),
    );
    expect(Number(versions.find((v) => v.version === was.version)!.actual)).toBe(Number(was.actual));
    expect(versions.find((v) => v.version === now.version)).toMatchObject({ source: 'correction', caseId: c.caseId });
  }
}

/** A copy of a PDF with one byte changed inside its first content stream (always signed). */
export function oneByteChanged(pdf: Buffer): Buffer {
  const copy = Buffer.from(pdf);
  const at = copy.indexOf('stream', 0, 'latin1') + 'stream'.length + 8;
  copy[at]! ^= 0x01;
  return copy;
}

/**
 * The signed document: every signer's signature valid and trusted (by an NSS database that trusts
 * the government's CA), the whole document covered by the last, a one-byte change failing both
 * pdfsig and the public verification, which otherwise shows the document and its signers.
 */
export async function expectVerifiableDocument(
  t: { app: Parameters<typeof anonymous>[0] },
  client: Client,
  gov: (p?: string) => string,
  c: Correction,
  /** The signers' names as the document lists them, in order. */
  signers: string[],
): Promise<Buffer> {
  const doc = c.document!;
  expect(doc.status).toBe('signed');
  expect(doc.signers.every((s) => s.signedAt)).toBe(true);
  const file = await client.request('GET', gov(`/signed-documents/${doc.id}/file`));
  expect(file.statusCode).toBe(200);
  expect(file.headers['content-type']).toBe('application/pdf');
  const bytes = file.rawPayload;

  expect(hasCertutil()).toBe(true);
  const pem = (await client.request('GET', gov('/signing-authority/certificate'))).body;
  const nss = trustingNssDb(pem);
  try {
    const report = await pdfsig(bytes, { nssDir: nss.dir });
    // Each signer's certificate carries their name (the document prints it with their titles).
    expect(report).toHaveLength(signers.length);
    report.forEach((r, i) => {
      expect(r.commonName).not.toBe('');
      expect(signers[i]).toContain(r.commonName);
    });
    expect(report.every((r) => r.validation === 'Signature is Valid.')).toBe(true);
    expect(report.every((r) => r.certificate === 'Certificate is Trusted.')).toBe(true);
    expect(report[report.length - 1]!.wholeDocument).toBe(true);
    const tampered = await pdfsig(oneByteChanged(bytes), { nssDir: nss.dir });
    expect(tampered.length).toBe(signers.length);
    expect(tampered.some((r) => r.validation === 'Signature is Valid.')).toBe(false);
  } finally {
    nss.remove();
  }

  const visitor = anonymous(t.app);
  const page = await visitor.request('GET', `/api/public/verify/${doc.verificationCode}`);
  expect(page.statusCode).toBe(200);
  expect(page.json()).toMatchObject({ number: doc.number, status: 'signed' });
  expect(page.json().signers).toHaveLength(signers.length);
  const upload = (b: Buffer) => {
    const form = new FormData();
    form.append('file', new Blob([b], { type: 'application/pdf' }), 'dokumen.pdf');
    return visitor.request('POST', `/api/public/verify/${doc.verificationCode}`, form);
  };
  expect((await upload(bytes)).json().result).toBe('match');
  expect((await upload(oneByteChanged(bytes))).json().result).toBe('mismatch');
  return bytes;
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * The archive holds the signed document (found by its number) and the closed case; the case's
 * dossier zip holds the signed PDF byte for byte, the meetings' and steps' documents, the items
 * before → after, and an audit excerpt with the application of the correction.
 */
export async function expectArchivedWithDossier(
  admin: Client,
  gov: (p?: string) => string,
  c: Correction,
  signed: Buffer,
): Promise<void> {
  const doc = c.document!;
  const found = (await admin.request('GET', gov(`/archive?number=${encodeURIComponent(doc.number)}`))).json();
  expect(found.items.map((e: { signedDocumentId: string | null }) => e.signedDocumentId)).toContain(doc.id);
  const cases = (await admin.request('GET', gov('/archive?source=case&pageSize=100'))).json();
  expect(cases.items.map((e: { caseId: string | null }) => e.caseId)).toContain(c.caseId);

  const res = await admin.request('GET', gov(`/cases/${c.caseId}/dossier`));
  expect(res.statusCode).toBe(200);
  const zip = unzipSync(new Uint8Array(res.rawPayload));
  const names = Object.keys(zip);
  const signedIn = names.filter((n) => n.startsWith('dokumen-ditandatangani/'));
  expect(signedIn.map((n) => sha(zip[n]!))).toContain(sha(signed));
  for (const m of c.meetings) {
    expect(names.some((n) => n.includes(`langkah-${String(m.stepNo).padStart(2, '0')}/Notulen`))).toBe(true);
  }
  const history = JSON.parse(strFromU8(zip['riwayat/riwayat.json']!));
  expect(history.correction.items.map((i: { id: string }) => i.id).sort()).toEqual(c.items.map((i) => i.id).sort());
  const audit = JSON.parse(strFromU8(zip['audit/audit.json']!)).records as { action: string }[];
  expect(audit.map((r) => r.action)).toEqual(
    expect.arrayContaining(['correction.start', 'correction_item.propose', 'signed_document.sign', 'correction.apply']),
  );
}
