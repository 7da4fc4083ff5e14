import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type APIRequestContext, expect, type Locator, type Page, request } from '@playwright/test';
import { pdfsig, trustingNssDb } from '../apps/server/src/test/pdfsig.js';

// What the correction specs share: signing in, a signed-in API session for the steps a spec does
// not look at, completing steps on the case page, the signature in the browser, and the checks of
// the signed Dokumen Perbaikan (pdfsig with the government's CA, one changed byte, the public page).

export const PASSWORD = 'sidakin-demo';

export async function signIn(page: Page, username: string) {
  await page.goto('/masuk');
  await page.getByLabel('Nama pengguna atau NIP').fill(username);
  await page.getByLabel('Kata sandi', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('button', { name: 'Menu pengguna' })).toBeVisible();
}

/** Signs out whoever is signed in, then signs in as `username`. */
export async function signInAs(page: Page, username: string) {
  await page.getByRole('button', { name: 'Menu pengguna' }).click();
  await page.getByRole('menuitem', { name: 'Keluar' }).click();
  await expect(page).toHaveURL(/\/masuk/);
  await signIn(page, username);
}

/** What the API answers; the assertions check the parts the test uses. */
// biome-ignore lint/suspicious/noExplicitAny: API answers are read loosely and checked by assertions
export type Json = any;

export interface Res {
  status: number;
  json: () => Promise<Json>;
  text: () => Promise<string>;
}

/** A signed-in API session (the same calls the web makes). */
export interface Api {
  ctx: APIRequestContext;
  governmentId: string;
  gov: string;
  get: (path: string) => Promise<Res>;
  post: (path: string, data?: unknown) => Promise<Res>;
  patch: (path: string, data?: unknown) => Promise<Res>;
}

export async function apiAs(baseURL: string, username: string): Promise<Api> {
  const ctx = await request.newContext({ baseURL });
  const login = await ctx.post('/api/auth/login', { data: { username, password: PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const me = await login.json();
  const headers = { 'x-csrf-token': me.csrfToken as string };
  const wrap = async (p: Promise<import('@playwright/test').APIResponse>): Promise<Res> => {
    const r = await p;
    return { status: r.status(), json: () => r.json(), text: () => r.text() };
  };
  const gov = `/api/governments/${me.government.id}`;
  return {
    ctx,
    governmentId: me.government.id,
    gov,
    get: (p) => wrap(ctx.get(gov + p)),
    post: (p, data) => wrap(ctx.post(gov + p, { data: data ?? {}, headers })),
    patch: (p, data) => wrap(ctx.patch(gov + p, { data: data ?? {}, headers })),
  };
}

/** A call that must succeed; its answer. */
export async function ok(res: Promise<Res>, what: string): Promise<Json> {
  const r = await res;
  expect(r.status, `${what}: ${await r.text()}`).toBeLessThan(300);
  return r.json();
}

/**
 * The agency's correction SOP, approved by its head and put in effect by the admin once for both
 * viewports (the SOP screens do this in sop.spec / case.spec).
 */
export async function correctionSopInEffect(admin: Api, head: Api, title: string): Promise<Json> {
  const sops = await ok(admin.get('/sops?kind=correction&pageSize=50'), 'sops');
  const sop = sops.items.find((s: { title: string }) => s.title === title);
  expect(sop, `the correction SOP "${title}" is in the demo`).toBeTruthy();
  const version = (await ok(admin.get(`/sops/${sop.id}`), 'sop')).versions[0];
  if (version.status === 'draft') {
    const approved = await ok(head.post(`/sops/${sop.id}/versions/${version.id}/approve`), 'approve');
    const on = approved.versions[0].approvedOn;
    await ok(admin.post(`/sops/${sop.id}/versions/${version.id}/make-effective`, { effectiveFrom: on }), 'effective');
  }
  return sop;
}

/** The locked period of the agency (`2025 q3` …), as the collection screens list it. */
export async function lockedPeriod(admin: Api, agencyId: string, year: number, period: string): Promise<Json> {
  const list = await ok(admin.get(`/collection-periods?agencyId=${agencyId}`), 'periods');
  const p = list.items.find((x: { year: number; period: string }) => x.year === year && x.period === period);
  expect(p?.status, `${year} ${period} is locked in the demo`).toBe('locked');
  return p;
}

/** The case's open task. */
export async function openTask(api: Api, caseId: string): Promise<Json> {
  const kase = await ok(api.get(`/cases/${caseId}`), 'case');
  return kase.tasks.find((t: { status: string }) => t.status === 'open');
}

/** Completes the open step `no` through the API as `api` (a step this spec does not look at). */
export async function completeByApi(api: Api, caseId: string, no: number, outcome?: 'ya' | 'done') {
  const task = await openTask(api, caseId);
  expect(task?.stepNo, 'the open step').toBe(no);
  const out = outcome ?? (task.allowedOutcomes.includes('ya') ? 'ya' : 'done');
  await ok(api.post(`/cases/${caseId}/tasks/${task.id}/complete`, { outcome: out }), `step ${no}`);
}

/** Completes step `no` on the case page (a plain step, or a decision with its reason). */
export async function completeStep(page: Page, caseId: string, no: number, decision?: 'Ya' | 'Tidak', reason?: string) {
  await page.goto(`/kasus/${caseId}`);
  await page.getByRole('button', { name: `Selesaikan Langkah ${no}` }).click();
  const dialog = page.getByRole('dialog', { name: `Selesaikan langkah ${no}` });
  if (decision) await dialog.getByRole('radio', { name: decision }).check();
  if (reason) await dialog.getByRole('textbox', { name: 'Alasan dikembalikan' }).fill(reason);
  await dialog.getByRole('button', { name: decision ? 'Kirim keputusan' : 'Selesaikan langkah' }).click();
  await expect(dialog).toBeHidden();
}

/** A decimal as a person types it in Bahasa Indonesia (comma for the decimal point). */
export const typed = (value: string) => value.replace('.', ',');

/** A figure moved by a whole number keeping its decimals: one less where it can, else one more. */
export function corrected(actual: string): string {
  const decimals = actual.split('.')[1]?.length ?? 0;
  const n = Number(actual);
  return (n >= 1 ? n - 1 : n + 1).toFixed(decimals);
}

/** Proposes a corrected value on the correction page, choosing the locked value by its indicator. */
export async function proposeInBrowser(
  page: Page,
  row: { code: string; name: string },
  actual: string,
  reason: string,
) {
  await page.getByRole('button', { name: 'Usulkan perbaikan' }).click();
  const dialog = page.getByRole('dialog', { name: 'Usulkan perbaikan data' });
  await dialog.getByRole('textbox', { name: 'Nilai yang diperbaiki' }).click();
  await page.getByRole('option', { name: new RegExp(`^${escapeRe(`${row.code} ${row.name}`)} — `) }).click();
  await dialog.getByRole('textbox', { name: 'Realisasi perbaikan' }).fill(typed(actual));
  await dialog.getByRole('textbox', { name: 'Alasan perbaikan' }).fill(reason);
  await dialog
    .getByRole('textbox', { name: 'Akar masalah (penyebab kesalahan)' })
    .fill('Entri manual tanpa pemeriksaan silang');
  await dialog.getByRole('checkbox', { name: 'Perbaikan ini juga menghilangkan penyebabnya' }).check();
  await dialog
    .getByRole('textbox', { name: 'Tindakan yang menghilangkan penyebab' })
    .fill('Setiap entri diperiksa silang dengan laporan sumber oleh atasan langsung');
  await dialog.getByRole('textbox', { name: 'Bukti dukung', exact: true }).fill('Laporan sumber yang valid, halaman 2');
  await dialog.getByRole('button', { name: 'Usulkan perbaikan' }).click();
  await expect(dialog).toBeHidden();
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Enrols the signed-in person's signing certificate on the account page, if they have none yet. */
export async function enrolInBrowser(page: Page, passphrase: string): Promise<boolean> {
  await page.goto('/akun');
  const card = page.getByTestId('signing-card');
  await expect(card.getByText(/Nomor seri|Daftar sertifikat elektronik/).first()).toBeVisible();
  if (await card.getByText('Nomor seri').isVisible()) return false;
  await card.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await card.getByLabel('Ulangi passphrase', { exact: true }).fill(passphrase);
  await card.getByRole('button', { name: 'Terbitkan sertifikat' }).click();
  await expect(card.getByText('Nomor seri')).toBeVisible();
  return true;
}

/** Enrols a signer's certificate through the API, if they have none yet. */
export async function enrolByApi(api: Api, passphrase: string) {
  const mine = await ok(api.get('/signing-certificates/mine'), 'my certificate');
  if (!mine.certificate) await ok(api.post('/signing-certificates/mine', { passphrase }), 'enrol');
}

/** Signs the correction's document on its page as the signed-in signer whose turn it is. */
export async function signInBrowser(
  page: Page,
  correctionId: string,
  passphrase: string,
  opts: { wrongFirst?: boolean; afterWrong?: () => Promise<void> } = {},
) {
  await page.goto(`/perbaikan/${correctionId}`);
  const card = page.getByRole('region', { name: 'Dokumen Perbaikan Data Kinerja' });
  await card.getByRole('button', { name: 'Tandatangani' }).click();
  const dialog = page.getByRole('dialog', { name: /^Tandatangani dokumen / });
  if (opts.wrongFirst) {
    await dialog.getByLabel('Passphrase').fill('bukan-passphrase-saya');
    await dialog.getByRole('button', { name: 'Tandatangani' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Passphrase salah. Dokumen belum ditandatangani');
    await expect(dialog).toBeVisible();
    await opts.afterWrong?.();
  }
  await dialog.getByLabel('Passphrase').fill(passphrase);
  await dialog.getByRole('button', { name: 'Tandatangani' }).click();
  await expect(dialog).toBeHidden();
}

/** A copy of a PDF with one byte changed inside its first content stream (always signed). */
export function oneByteChanged(pdf: Buffer): Buffer {
  const copy = Buffer.from(pdf);
  const at = copy.indexOf('stream', 0, 'latin1') + 'stream'.length + 8;
  copy[at]! ^= 0x01;
  return copy;
}

/**
 * The signed PDF: each signature valid and its certificate trusted by a throwaway NSS database
 * that trusts only the government's CA (from the public verification page), the last covering the
 * whole file; a copy with one changed byte fails.
 */
export async function expectPdfsigValid(pdf: Buffer, caPem: string, signers: string[], keepAs?: string) {
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  if (keepAs) fs.writeFileSync(keepAs, pdf);
  const nss = trustingNssDb(caPem);
  try {
    const report = await pdfsig(pdf, { nssDir: nss.dir });
    expect(report.map((r) => r.commonName)).toHaveLength(signers.length);
    report.forEach((r, i) => {
      expect(r.commonName).not.toBe('');
      expect(signers[i]).toContain(r.commonName);
      expect(r.validation).toBe('Signature is Valid.');
      expect(r.certificate).toBe('Certificate is Trusted.');
    });
    expect(report[report.length - 1]!.wholeDocument).toBe(true);
    const tampered = await pdfsig(oneByteChanged(pdf), { nssDir: nss.dir });
    expect(tampered).toHaveLength(signers.length);
    expect(tampered.some((r) => r.validation === 'Signature is Valid.')).toBe(false);
  } finally {
    nss.remove();
  }
}

/**
 * The public verification page (signed out) shows the document's number and signers, and says an
 * uploaded copy is the signed one — and that the tampered copy is not.
 */
export async function expectVerificationPage(
  page: Page,
  code: string,
  number: string,
  signers: string[],
  pdf: Buffer,
  shot?: string,
) {
  await page.goto(`/verifikasi/${code}`);
  await expect(page.getByText(number).first()).toBeVisible();
  await expect(page.getByTestId('verification-status')).toHaveText('Ditandatangani lengkap');
  const table = page.getByRole('table', { name: 'Penanda tangan dokumen' });
  for (const name of signers) await expect(table.getByText(name)).toBeVisible();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidakin-verify-'));
  try {
    const good = path.join(dir, 'dokumen-perbaikan.pdf');
    const bad = path.join(dir, 'dokumen-perbaikan-diubah.pdf');
    fs.writeFileSync(good, pdf);
    fs.writeFileSync(bad, oneByteChanged(pdf));
    await page.getByTestId('verification-file').setInputFiles(good);
    await expect(page.getByRole('status').filter({ hasText: 'SAMA PERSIS' })).toBeVisible();
    if (shot) await page.screenshot({ path: shot, fullPage: true });
    await page.getByTestId('verification-file').setInputFiles(bad);
    await expect(page.getByRole('status').filter({ hasText: 'BUKAN dokumen yang ditandatangani' })).toBeVisible();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The closed correction's signed Dokumen Perbaikan, from its card on the correction page: the PDF
 * downloads, the verification link carries its code, pdfsig finds every signature valid and trusted
 * by the government's CA (kept as `<name>-signed-<project>.pdf`), and — signed out — the public
 * verification page agrees (`<name>-verify-<project>.png`).
 */
export async function expectSignedFromPage(page: Page, card: Locator, document: Json, name: string, project: string) {
  const href = await card.getByRole('link', { name: 'Unduh PDF bertanda tangan' }).getAttribute('href');
  const file = await page.request.get(href!);
  expect(file.headers()['content-type']).toBe('application/pdf');
  const pdf = await file.body();
  const code: string = document.verificationCode;
  await expect(card.getByTestId('verification-link')).toContainText(`/verifikasi/${code}`);
  const ca = await page.request.get(`/api/public/verify/${code}/authority-certificate`);
  expect(ca.status()).toBe(200);
  const names = document.signers.map((s: Json) => s.name);
  await expectPdfsigValid(pdf, await ca.text(), names, shotPath(`${name}-signed-${project}.pdf`));

  await page.getByRole('button', { name: 'Menu pengguna' }).click();
  await page.getByRole('menuitem', { name: 'Keluar' }).click();
  await expect(page).toHaveURL(/\/masuk/);
  await expectVerificationPage(page, code, document.number, names, pdf, shotPath(`${name}-verify-${project}.png`));
}

/** The values of a collection form (owner: a unit id or `agency`) by value id. */
export async function formValues(api: Api, periodId: string, owner: string): Promise<Map<string, Json>> {
  const form = await ok(api.get(`/collection-periods/${periodId}/forms/${owner}`), 'form');
  return new Map(form.rows.filter((r: Json) => r.valueId).map((r: Json) => [r.valueId, r]));
}

/**
 * Exactly the correction's applied items changed, each to the next version with the proposed
 * figure; every other value of the form is as it was.
 */
export function expectExactlyChanged(before: Map<string, Json>, after: Map<string, Json>, items: Json[]) {
  const applied = items.filter((i) => i.status !== 'withdrawn');
  expect(applied.length).toBeGreaterThan(0);
  for (const i of applied) expect(i.status).toBe('applied');
  const changed = [...after.values()].filter((v) => {
    const was = before.get(v.valueId);
    return !was || was.version !== v.version || Number(was.actual) !== Number(v.actual);
  });
  expect(changed.map((v) => v.valueId).sort()).toEqual(applied.map((i) => i.valueId).sort());
  for (const i of applied) {
    const was = before.get(i.valueId);
    const now = after.get(i.valueId);
    expect(now.version).toBe(was.version + 1);
    expect(Number(now.actual)).toBe(Number(i.proposedActual));
  }
}

/** Where the specs' screenshots go (looked at by people, not asserted). */
export function shotPath(name: string): string {
  const dir = path.join(os.tmpdir(), 'sidakin-correction-shots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}
