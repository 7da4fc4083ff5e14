import { type APIRequestContext, expect, type Page, request, test } from '@playwright/test';

// Data collection in Disdagtrans Pesisir Selatan, driven by its SOP "Pengumpulan Data Kinerja":
// the Kepala Dinas starts it from the period; the Bidang's operator enters the data in the grid
// with the keyboard; the Kepala Bidang returns one value with a reason; the operator fixes it;
// the Kepala Bidang's check approves; the Sekretaris approves the report; the archive step locks
// the period, after which nothing can be entered.

const unit = 'Bidang Perdagangan';

async function signIn(page: Page, username: string) {
  await page.goto('/masuk');
  await page.getByLabel('Nama pengguna atau NIP').fill(username);
  await page.getByLabel('Kata sandi', { exact: true }).fill('sidakin-demo');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('button', { name: 'Menu pengguna' })).toBeVisible();
}

async function signInAs(page: Page, username: string) {
  await page.getByRole('button', { name: 'Menu pengguna' }).click();
  await page.getByRole('menuitem', { name: 'Keluar' }).click();
  await expect(page).toHaveURL(/\/masuk/);
  await signIn(page, username);
}

/** What the API answers; the assertions check the parts the test uses. */
// biome-ignore lint/suspicious/noExplicitAny: API answers are read loosely and checked by assertions
type Json = any;

/** A signed-in API session, for the steps this test does not look at (the same calls the web makes). */
interface Api {
  ctx: APIRequestContext;
  governmentId: string;
  get: (path: string) => Promise<{ status: number; json: () => Promise<Json> }>;
  post: (path: string, data?: unknown) => Promise<{ status: number; json: () => Promise<Json> }>;
}

async function apiAs(baseURL: string, username: string): Promise<Api> {
  const ctx = await request.newContext({ baseURL });
  const login = await ctx.post('/api/auth/login', { data: { username, password: 'sidakin-demo' } });
  expect(login.status(), await login.text()).toBe(200);
  const me = await login.json();
  const headers = { 'x-csrf-token': me.csrfToken as string };
  const wrap = async (p: Promise<import('@playwright/test').APIResponse>) => {
    const r = await p;
    return { status: r.status(), json: () => r.json() };
  };
  const gov = `/api/governments/${me.government.id}`;
  return {
    ctx,
    governmentId: me.government.id,
    get: (path) => wrap(ctx.get(gov + path)),
    post: (path, data) => wrap(ctx.post(gov + path, { data: data ?? {}, headers })),
  };
}

/** Completes the case's open tasks through the API until step `until` is open, as whoever holds them. */
async function runStepsUntil(holders: Api[], caseId: string, until: number | 'end') {
  for (let guard = 0; guard < 40; guard++) {
    const kase = await (await holders[0]!.get(`/cases/${caseId}`)).json();
    if (kase.status !== 'open') return kase;
    const task = kase.tasks.find((x: { status: string }) => x.status === 'open');
    if (task.stepNo === until) return kase;
    const outcome = task.allowedOutcomes.includes('ya') ? 'ya' : 'done';
    let done = false;
    for (const who of holders) {
      const res = await who.post(`/cases/${caseId}/tasks/${task.id}/complete`, { outcome });
      if (res.status === 200) {
        done = true;
        break;
      }
      expect(res.status, JSON.stringify(await res.json())).toBe(403);
    }
    expect(done, `someone holds step ${task.stepNo}`).toBe(true);
  }
  throw new Error('the case did not reach the step');
}

/** Completes step `no` on the case page (a plain step, or a decision). */
async function completeStep(page: Page, no: number, decision?: 'Ya') {
  await page.getByRole('button', { name: `Selesaikan Langkah ${no}` }).click();
  const dialog = page.getByRole('dialog', { name: `Selesaikan langkah ${no}` });
  if (decision) await dialog.getByRole('radio', { name: decision }).check();
  await dialog.getByRole('button', { name: decision ? 'Kirim keputusan' : 'Selesaikan langkah' }).click();
  await expect(dialog).toBeHidden();
}

test('pengumpulan: entered in the grid, one value returned and fixed, approved, and the period locks', async ({
  page,
  baseURL,
}, info) => {
  test.setTimeout(300_000);
  const admin = await apiAs(baseURL!, 'pessel.admin');
  const kadisApi = await apiAs(baseURL!, 'disdagtrans.kadis');
  const holders = [
    kadisApi,
    await apiAs(baseURL!, 'disdagtrans.sekdis'),
    await apiAs(baseURL!, 'disdagtrans.kasubbag-perencanaan'),
  ];

  // The SOP is approved by the Kepala Dinas and put in effect by the admin (the SOP screens do
  // this in sop.spec / case.spec), once for both viewports.
  const sops = await (await admin.get('/sops?kind=collection&pageSize=50')).json();
  const sop = sops.items.find((s: { title: string; agencyName: string }) => s.title === 'Pengumpulan Data Kinerja');
  expect(sop, 'the Disdagtrans collection SOP is in the demo').toBeTruthy();
  const detail = await (await admin.get(`/sops/${sop.id}`)).json();
  const version = detail.versions[0];
  if (version.status === 'draft') {
    const approved = await kadisApi.post(`/sops/${sop.id}/versions/${version.id}/approve`);
    expect(approved.status).toBe(200);
    const on = (await approved.json()).versions[0].approvedOn;
    expect(
      (await admin.post(`/sops/${sop.id}/versions/${version.id}/make-effective`, { effectiveFrom: on })).status,
    ).toBe(200);
  }

  // A period of its own for each viewport, open today.
  const today = new Date();
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const period = info.project.name === 'phone' ? 'm12' : 'm11';
  const created = await admin.post('/collection-periods', {
    agencyId: sop.agencyId,
    year: 2026,
    period,
    opensOn: iso(new Date(today.getTime() - 7 * 86_400_000)),
    closesOn: iso(new Date(today.getTime() + 30 * 86_400_000)),
  });
  expect(created.status).toBe(201);
  const { id: periodId, label } = await created.json();

  // The Kepala Dinas starts the SOP from the period, with the Bidang in scope.
  await signIn(page, 'disdagtrans.kadis');
  await page.goto(`/pengumpulan/${periodId}`);
  await expect(page.getByRole('heading', { name: label, level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Jalankan SOP pengumpulan' }).click();
  const start = page.getByRole('dialog', { name: `Jalankan SOP pengumpulan — ${label}` });
  await start.getByRole('textbox', { name: 'SOP' }).click();
  await page.getByRole('option', { name: 'Pengumpulan Data Kinerja' }).click();
  await start.getByRole('textbox', { name: 'Unit kerja dalam lingkup' }).click();
  await page.getByRole('option', { name: unit, exact: true }).click();
  await start.getByText('Kasus SOP dimulai untuk periode ini', { exact: false }).click();
  await start.getByRole('button', { name: 'Mulai', exact: true }).click();
  await expect(page).toHaveURL(/\/kasus\/[0-9a-f-]{36}$/);
  const caseId = page.url().split('/').pop()!;

  // Steps 1–5 (instruction, meeting, plans, documents, briefing of the operators) are done by their
  // lane holders; this test looks at the data.
  await runStepsUntil(holders, caseId, 6);

  // THE OPERATOR enters the Bidang's data from the task, with the keyboard only.
  await signInAs(page, 'disdagtrans.op-perdagangan');
  await page.goto(`/kasus/${caseId}`);
  await page.getByRole('link', { name: /^Isi formulir — Langkah 6/ }).click();
  await expect(page.getByRole('heading', { name: `Formulir Realisasi — ${unit}`, level: 1 })).toBeVisible();
  const actuals = page.locator('[aria-label^="Realisasi indikator kinerja"] input[data-col="actual"]');
  const count = await actuals.count();
  expect(count).toBeGreaterThan(1);
  await actuals.first().click();
  for (let i = 0; i < count; i++) {
    await page.keyboard.type(i === 1 ? '7,5' : '95');
    await page.keyboard.press('Enter');
  }
  // Every value saved itself as version 1; the achievement shows beside it.
  await expect(page.getByText('Realisasi belum diisi')).toHaveCount(0);
  await expect(page.locator('[data-testid="achievement"]').first()).toContainText('%');
  // Meanwhile someone else saves the first value: the operator's next save is stale, and both
  // values are shown until the operator chooses.
  const unitId = await unitIdOf(admin, periodId);
  const before = (await (await admin.get(`/collection-periods/${periodId}/forms/${unitId}`)).json()).rows[0];
  expect(before.version).toBe(1);
  const other = await admin.post(`/collection-periods/${periodId}/values`, {
    indicatorId: before.indicatorId,
    unitId,
    actual: '96',
    reason: 'Dicocokkan dengan register',
    baseVersion: 1,
  });
  expect(other.status).toBe(200);
  await actuals.first().fill('97');
  await actuals.first().press('Tab');
  const conflict = page.getByRole('alert').filter({ hasText: 'Nilai ini telah diubah orang lain' });
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText(/Tersimpan: 96(,0+)? \(versi 2/);
  await expect(conflict).toContainText(/Nilai Anda: 97/);
  await conflict.getByRole('button', { name: 'Simpan nilai saya' }).click();
  await expect(conflict).toBeHidden();
  const after = (await (await admin.get(`/collection-periods/${periodId}/forms/${unitId}`)).json()).rows[0];
  expect([after.version, after.actual]).toEqual([3, '97']);
  // Evidence where the indicator requires it: a text, from the value's details.
  const required = page.locator('[data-state]').filter({ has: page.getByText('Bukti wajib', { exact: true }) });
  for (let i = 0; i < (await required.count()); i++) {
    await required
      .nth(i)
      .getByRole('button', { name: /^Buka rincian/ })
      .click();
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('tab', { name: /Bukti dukung/ }).click();
    await drawer.getByText('Teks', { exact: true }).click();
    await drawer
      .getByRole('textbox', { name: 'Teks' })
      .fill('Register layanan dan notulen pemantauan harga, arsip Bidang.');
    await drawer.getByRole('button', { name: 'Tambah bukti dukung' }).click();
    await expect(drawer.getByText('Register layanan dan notulen pemantauan harga')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
  }
  await expect(page.getByText('Galat: 0')).toBeVisible();
  await page.getByRole('button', { name: 'Selesai mengisi' }).click();
  await expect(page.getByTestId('form-status')).toHaveText('Selesai diisi');
  await expect(actuals).toHaveCount(0);
  await page.goto(`/kasus/${caseId}`);
  await completeStep(page, 6);

  // THE KEPALA BIDANG checks, and returns the second value with its reason.
  const reason = 'Realisasi tidak sesuai register; periksa kembali jumlahnya.';
  await signInAs(page, 'disdagtrans.kabid-perdagangan');
  await page.goto(`/kasus/${caseId}`);
  await page.getByRole('link', { name: /^Buka formulir — Langkah 7/ }).click();
  await page.getByRole('button', { name: 'Kembalikan' }).click();
  const ret = page.getByRole('dialog', { name: `Kembalikan formulir ${unit}` });
  await ret.getByLabel('Alasan pengembalian').fill('Satu nilai perlu diperiksa ulang.');
  await ret.getByRole('checkbox').nth(1).check();
  await ret.getByRole('textbox', { name: /^Alasan untuk / }).fill(reason);
  await ret.getByRole('button', { name: 'Kembalikan' }).click();
  await expect(ret).toBeHidden();
  await expect(page.getByTestId('form-status')).toHaveText('Dikembalikan');

  // THE OPERATOR sees the reason at the value, fixes it, and completes the form again.
  await signInAs(page, 'disdagtrans.op-perdagangan');
  await page.goto(`/pengumpulan/${periodId}`);
  await page.getByRole('link', { name: `Isi data — ${unit}` }).click();
  await expect(page.getByText(`Dikembalikan untuk diisi ulang: ${reason}`)).toBeVisible();
  const second = actuals.nth(1);
  await second.fill('8');
  await second.press('Tab');
  await expect(page.getByText(`Dikembalikan untuk diisi ulang: ${reason}`)).toHaveCount(0);
  await page.getByRole('button', { name: 'Selesai mengisi' }).click();
  await expect(page.getByTestId('form-status')).toHaveText('Selesai diisi');

  // THE KEPALA BIDANG sees what changed since the return; completing the check approves the form.
  await signInAs(page, 'disdagtrans.kabid-perdagangan');
  await page.goto(`/pengumpulan/${periodId}`);
  await page.getByRole('link', { name: `Periksa — ${unit}` }).click();
  await expect(page.getByText('1 nilai berubah sejak dikembalikan')).toBeVisible();
  await expect(page.getByText('Diubah sejak dikembalikan')).toHaveCount(1);
  await page.goto(`/kasus/${caseId}`);
  await completeStep(page, 7);

  // The team's recap and report (steps 8–9), then THE SEKRETARIS approves the report at step 10.
  await runStepsUntil(holders, caseId, 10);
  await signInAs(page, 'disdagtrans.sekdis');
  await page.goto(`/kasus/${caseId}`);
  await completeStep(page, 10, 'Ya');
  // Report to the head (11) and the archive (12), which locks the period.
  const closed = await runStepsUntil(holders, caseId, 'end');
  expect(closed.status).toBe('completed');

  // The period is locked: the screens say so, the grid has no inputs, and the API refuses anyone.
  await page.goto(`/pengumpulan/${periodId}`);
  await expect(page.getByText('Terkunci', { exact: true }).first()).toBeVisible();
  await expect(page.getByText(/hanya dapat diubah melalui kasus perbaikan data kinerja/)).toBeVisible();
  await page.getByRole('link', { name: `Lihat — ${unit}` }).click();
  await expect(page.getByTestId('form-status')).toHaveText('Disetujui');
  await expect(page.locator('input[data-col="actual"]')).toHaveCount(0);
  const form = await (
    await admin.get(`/collection-periods/${periodId}/forms/${await unitIdOf(admin, periodId)}`)
  ).json();
  const refused = await admin.post(`/collection-periods/${periodId}/values`, {
    indicatorId: form.rows[0].indicatorId,
    unitId: form.submission.unitId,
    actual: 1,
    baseVersion: form.rows[0].version,
  });
  expect(refused.status).toBe(409);
  expect((await refused.json()).error.code).toBe('PERIOD_LOCKED');
  for (const a of [admin, ...holders]) await a.ctx.dispose();
});

async function unitIdOf(api: Api, periodId: string): Promise<string> {
  const c = await (await api.get(`/collection-periods/${periodId}/completeness`)).json();
  return c.units.find((u: { unitName: string }) => u.unitName === unit).unitId;
}
