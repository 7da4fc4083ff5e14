import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { MeResponse } from '@sidakin/core';
import * as OTPAuth from 'otpauth';
import type { Sealer } from '../../crypto/sealer.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit.service.js';
import * as repo from './auth.repo.js';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password.js';

export const SESSION_COOKIE = 'sidakin_session';

/** Sign-in throttling: per account name and per client address, shared through the database. */
export const throttlePolicy = {
  windowSeconds: 15 * 60,
  userMaxFailures: 5,
  ipMaxFailures: 30,
  /** First lock after the limit; doubles with each further failure, up to maxLockSeconds. */
  baseLockSeconds: 60,
  maxLockSeconds: 15 * 60,
};

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const NIP_LIKE = /^[0-9 ]{18,24}$/;

function totpFor(secret: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: 'SIDAKIN',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

/** The accepted time step of a code (within one step of now), or null when the code is wrong. */
function acceptedStep(secret: string, label: string, code: string, now = Date.now()): number | null {
  const totp = totpFor(secret, label);
  const delta = totp.validate({ token: code, window: 1, timestamp: now });
  return delta === null ? null : Math.floor(now / 1000 / totp.period) + delta;
}

/**
 * Failures are counted per account once it is known (so every spelling of a username or NIP shares
 * one counter), per normalised sign-in name otherwise, and per client address.
 */
function throttleKeys(login: string, user: repo.UserRow | undefined, ip: string | null): string[] {
  const keys = [user ? `user:${user.id}` : `login:${login.toLowerCase()}`];
  if (ip) keys.push(`ip:${ip}`);
  return keys;
}

async function assertNotLocked(db: Database, keys: string[]): Promise<void> {
  const rows = await repo.getThrottle(db, keys);
  const now = Date.now();
  const waits = rows
    .filter((r) => r.locked_until && new Date(r.locked_until).getTime() > now)
    .map((r) => Math.ceil((new Date(r.locked_until as Date).getTime() - now) / 1000));
  if (waits.length > 0) {
    const retryAfter = Math.max(...waits);
    throw new AppError('TOO_MANY_ATTEMPTS', { headers: { 'retry-after': String(retryAfter) } });
  }
}

async function recordFailure(
  db: Database,
  ctx: RequestContext,
  keys: string[],
  user: repo.UserRow | undefined,
  reason: string,
  login: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    for (const key of keys) {
      const row = await repo.bumpThrottle(tx, key, throttlePolicy.windowSeconds);
      const max = key.startsWith('ip:') ? throttlePolicy.ipMaxFailures : throttlePolicy.userMaxFailures;
      if (row.failures >= max) {
        const lock = Math.min(
          throttlePolicy.maxLockSeconds,
          throttlePolicy.baseLockSeconds * 2 ** (row.failures - max),
        );
        await repo.lockThrottle(tx, key, lock);
      }
    }
    await recordAudit(tx, ctx, {
      governmentId: user?.government_id ?? null,
      action: 'auth.login_failed',
      entityType: 'user',
      entityId: user?.id ?? null,
      after: { login, reason },
    });
  });
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  me: MeResponse;
}

/** Signs in with a username or NIP and a password (and a TOTP code when the account has one). */
/** TOTP secrets are sealed at rest, bound to their user. */
const totpPurpose = (userId: string) => `totp:${userId}`;

export async function login(opts: {
  db: Database;
  secrets: Sealer;
  ctx: RequestContext;
  username: string;
  password: string;
  otp?: string | undefined;
  ttlHours: number;
}): Promise<LoginResult> {
  const { db, ctx } = opts;
  const typed = opts.username.trim();
  const nip = NIP_LIKE.test(typed) ? typed.replace(/ /g, '') : null;
  const login = nip ?? typed;
  const candidates = await repo.findUsersByLogin(db, typed, nip);
  // A username match wins; a NIP must identify exactly one active account.
  const byNip = candidates.filter((u) => u.active && u.username.toLowerCase() !== typed.toLowerCase());
  const user =
    candidates.find((u) => u.username.toLowerCase() === typed.toLowerCase()) ??
    (byNip.length === 1 ? byNip[0] : undefined);
  const keys = throttleKeys(login, user, ctx.ip);
  await assertNotLocked(db, keys);

  if (!user) {
    await burnPasswordCheck(opts.password);
    await recordFailure(db, ctx, keys, undefined, 'unknown-account', login);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (!(await verifyPassword(user.password_hash, opts.password))) {
    await recordFailure(db, ctx, keys, user, 'wrong-password', login);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (!user.active) {
    await recordFailure(db, ctx, keys, user, 'inactive', login);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.government_id) {
    const gov = await db.query<{ active: boolean }>('SELECT active FROM governments WHERE id = $1', [
      user.government_id,
    ]);
    if (!gov[0]?.active) {
      await recordFailure(db, ctx, keys, user, 'government-inactive', login);
      throw new AppError('INVALID_CREDENTIALS');
    }
  }
  let totpStep: number | null = null;
  if (user.totp_enabled && user.totp_secret) {
    if (!opts.otp) throw new AppError('TOTP_REQUIRED');
    totpStep = acceptedStep(opts.secrets.open(user.totp_secret, totpPurpose(user.id)), user.username, opts.otp);
    // A code already used (or older than the last one used) is refused: no replay.
    if (totpStep === null || (user.totp_last_step !== null && totpStep <= user.totp_last_step)) {
      await recordFailure(db, ctx, keys, user, 'wrong-totp', login);
      throw new AppError('TOTP_INVALID');
    }
  }

  const token = randomBytes(32).toString('base64url');
  const sessionId = sha256(token);
  const expiresAt = new Date(Date.now() + opts.ttlHours * 3600_000);
  const held = user.employee_id ? await repo.heldPositions(db, user.employee_id) : [];
  await db.transaction(async (tx) => {
    await repo.insertSession(tx, {
      id: sessionId,
      user_id: user.id,
      government_id: user.government_id,
      csrf_token: randomBytes(24).toString('base64url'),
      acting_position_id: held[0]?.position_id ?? null,
      expires_at: expiresAt,
      ip: ctx.ip,
      user_agent: ctx.userAgent,
    });
    await repo.setLastLogin(tx, user.id);
    await repo.deleteExpiredSessions(tx, user.id);
    if (totpStep !== null) await repo.setTotpLastStep(tx, user.id, totpStep);
    for (const key of keys.filter((k) => k.startsWith('user:'))) await repo.clearThrottle(tx, key);
    await recordAudit(
      tx,
      { ...ctx, actor: actorFrom(user, sessionId, '', held[0] ?? null, false) },
      {
        governmentId: user.government_id,
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        after: { sessionExpiresAt: expiresAt.toISOString(), secondFactor: user.totp_enabled },
      },
    );
  });
  const actor = await loadActor(db, token);
  if (!actor) throw new AppError('INTERNAL');
  return { token, expiresAt, me: await getMe({ db, actor }) };
}

function actorFrom(
  user: Pick<repo.UserRow, 'id' | 'username' | 'display_name' | 'role' | 'government_id' | 'employee_id'>,
  sessionId: string,
  csrfToken: string,
  acting: { position_id: string; position_name: string } | null,
  totpSetupRequired: boolean,
  mustChangePassword = false,
): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    governmentId: user.government_id,
    employeeId: user.employee_id,
    sessionId,
    csrfToken,
    actingPositionId: acting?.position_id ?? null,
    actingPositionName: acting?.position_name ?? null,
    totpSetupRequired,
    mustChangePassword,
  };
}

/** Turns a session cookie into the signed-in person, or null when the session is unknown or over. */
export async function loadActor(db: Database, token: string | undefined): Promise<Actor | null> {
  if (!token || token.length > 200) return null;
  return loadActorBySessionId(db, sha256(token));
}

async function loadActorBySessionId(db: Database, id: string): Promise<Actor | null> {
  const s = await repo.findLiveSession(db, id);
  if (!s) return null;
  // Record activity at most once a minute, so reading pages does not write on every request.
  if (Date.now() - new Date(s.last_seen_at).getTime() > 60_000) await repo.touchSession(db, id);
  const setupRequired = s.role === 'gov_admin' && !!s.require_admin_totp && !s.totp_enabled;
  return actorFrom(
    {
      id: s.user_id,
      username: s.username,
      display_name: s.display_name,
      role: s.role,
      government_id: s.government_id,
      employee_id: s.employee_id,
    },
    s.id,
    s.csrf_token,
    s.acting_position_id ? { position_id: s.acting_position_id, position_name: s.acting_position_name ?? '' } : null,
    setupRequired,
    s.must_change_password,
  );
}

/** Constant-time comparison of the CSRF header with the session's token. */
export function csrfMatches(actor: Actor, header: string | undefined): boolean {
  if (!header) return false;
  const a = Buffer.from(header);
  const b = Buffer.from(actor.csrfToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function getMe(opts: { db: Database; actor: Actor }): Promise<MeResponse> {
  const { db, actor } = opts;
  const user = await repo.findUser(db, actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  const gov = actor.governmentId
    ? (
        await db.query<{ id: string; name: string; time_zone: string; require_admin_totp: boolean }>(
          'SELECT id, name, time_zone, require_admin_totp FROM governments WHERE id = $1',
          [actor.governmentId],
        )
      )[0]
    : undefined;
  const held = user.employee_id ? await repo.heldPositions(db, user.employee_id) : [];
  return {
    user: {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      role: user.role,
      governmentId: user.government_id,
      employeeId: user.employee_id,
      totpEnabled: user.totp_enabled,
      mustChangePassword: user.must_change_password,
    },
    government: gov
      ? { id: gov.id, name: gov.name, timeZone: gov.time_zone, requireAdminTotp: gov.require_admin_totp }
      : null,
    positions: held.map((h) => ({
      positionId: h.position_id,
      positionName: h.position_name,
      agencyId: h.agency_id,
      agencyName: h.agency_name,
      unitName: h.unit_name,
      acting: h.kind === 'definitive' ? null : h.kind,
    })),
    actingPositionId: actor.actingPositionId,
    csrfToken: actor.csrfToken,
    totpSetupRequired: actor.totpSetupRequired,
  };
}

function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
  return ctx.actor;
}

export async function logout(opts: { db: Database; ctx: RequestContext }): Promise<void> {
  const actor = requireActor(opts.ctx);
  await opts.db.transaction(async (tx) => {
    await repo.deleteSession(tx, actor.sessionId);
    await recordAudit(tx, opts.ctx, {
      governmentId: actor.governmentId,
      action: 'auth.logout',
      entityType: 'user',
      entityId: actor.userId,
    });
  });
}

/** Changes the caller's password and ends their other sessions. */
export async function changePassword(opts: {
  db: Database;
  ctx: RequestContext;
  currentPassword: string;
  newPassword: string;
}): Promise<void> {
  const actor = requireActor(opts.ctx);
  const user = await repo.findUser(opts.db, actor.userId);
  if (!user || !(await verifyPassword(user.password_hash, opts.currentPassword))) {
    throw new AppError('WRONG_PASSWORD', {
      status: 400,
      details: [
        {
          path: 'body.currentPassword',
          message: { id: 'Kata sandi saat ini salah', en: 'The current password is wrong' },
        },
      ],
    });
  }
  const hashed = await hashPassword(opts.newPassword);
  await opts.db.transaction(async (tx) => {
    await repo.setPasswordHash(tx, actor.userId, hashed, false);
    const ended = await repo.deleteUserSessions(tx, actor.userId, actor.sessionId);
    await recordAudit(tx, opts.ctx, {
      governmentId: actor.governmentId,
      action: 'auth.password_change',
      entityType: 'user',
      entityId: actor.userId,
      after: { otherSessionsEnded: ended },
    });
  });
}

/** Starts two-step verification: a new secret, kept pending until a code proves the app has it. */
export async function startTotpSetup(opts: {
  db: Database;
  secrets: Sealer;
  ctx: RequestContext;
}): Promise<{ secret: string; otpauthUrl: string }> {
  const actor = requireActor(opts.ctx);
  const user = await repo.findUser(opts.db, actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (user.totp_enabled) throw new AppError('TOTP_ALREADY_ENABLED', { status: 409 });
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await opts.db.transaction(async (tx) => {
    const pending = opts.secrets.seal(secret, totpPurpose(user.id));
    await repo.setTotp(tx, user.id, { secret: null, pending, enabled: false });
    await recordAudit(tx, opts.ctx, {
      governmentId: actor.governmentId,
      action: 'auth.totp_setup',
      entityType: 'user',
      entityId: user.id,
    });
  });
  return { secret, otpauthUrl: totpFor(secret, user.username).toString() };
}

export async function enableTotp(opts: {
  db: Database;
  secrets: Sealer;
  ctx: RequestContext;
  code: string;
}): Promise<void> {
  const actor = requireActor(opts.ctx);
  const user = await repo.findUser(opts.db, actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (user.totp_enabled) throw new AppError('TOTP_ALREADY_ENABLED', { status: 409 });
  if (!user.totp_pending_secret) throw new AppError('TOTP_NOT_STARTED', { status: 409 });
  const pending = opts.secrets.open(user.totp_pending_secret, totpPurpose(user.id));
  const step = acceptedStep(pending, user.username, opts.code);
  if (step === null) {
    throw new AppError('TOTP_INVALID', {
      status: 400,
      details: [
        {
          path: 'body.code',
          message: { id: 'Kode verifikasi salah atau kedaluwarsa', en: 'Wrong or expired verification code' },
        },
      ],
    });
  }
  await opts.db.transaction(async (tx) => {
    await repo.setTotp(tx, user.id, { secret: user.totp_pending_secret, pending: null, enabled: true });
    await repo.setTotpLastStep(tx, user.id, step);
    await recordAudit(tx, opts.ctx, {
      governmentId: actor.governmentId,
      action: 'auth.totp_enable',
      entityType: 'user',
      entityId: user.id,
    });
  });
}

export async function disableTotp(opts: { db: Database; ctx: RequestContext; password: string }): Promise<void> {
  const actor = requireActor(opts.ctx);
  const user = await repo.findUser(opts.db, actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (!(await verifyPassword(user.password_hash, opts.password))) {
    throw new AppError('WRONG_PASSWORD', {
      status: 400,
      details: [{ path: 'body.password', message: { id: 'Kata sandi salah', en: 'Wrong password' } }],
    });
  }
  if (user.role === 'gov_admin' && user.government_id) {
    const g = await opts.db.query<{ require_admin_totp: boolean }>(
      'SELECT require_admin_totp FROM governments WHERE id = $1',
      [user.government_id],
    );
    if (g[0]?.require_admin_totp) throw new AppError('TOTP_MANDATORY', { status: 409 });
  }
  await opts.db.transaction(async (tx) => {
    await repo.setTotp(tx, user.id, { secret: null, pending: null, enabled: false });
    await recordAudit(tx, opts.ctx, {
      governmentId: actor.governmentId,
      action: 'auth.totp_disable',
      entityType: 'user',
      entityId: user.id,
    });
  });
}

/** Chooses which of the caller's positions (their own or a Plt/Plh one) they act in. */
export async function setActingPosition(opts: {
  db: Database;
  ctx: RequestContext;
  positionId: string;
}): Promise<MeResponse> {
  const actor = requireActor(opts.ctx);
  const held = actor.employeeId ? await repo.heldPositions(opts.db, actor.employeeId) : [];
  const chosen = held.find((h) => h.position_id === opts.positionId);
  if (!chosen) {
    throw new AppError('VALIDATION', {
      details: [
        {
          path: 'body.positionId',
          message: { id: 'Anda tidak memegang jabatan ini saat ini', en: 'You do not hold this position today' },
        },
      ],
    });
  }
  await opts.db.transaction(async (tx) => {
    await repo.setSessionActingPosition(tx, actor.sessionId, chosen.position_id);
    await recordAudit(tx, opts.ctx, {
      governmentId: actor.governmentId,
      action: 'auth.acting_position',
      entityType: 'user',
      entityId: actor.userId,
      before: { positionId: actor.actingPositionId },
      after: { positionId: chosen.position_id, acting: chosen.kind },
    });
  });
  const updated = await loadActorBySessionId(opts.db, actor.sessionId);
  return getMe({ db: opts.db, actor: updated ?? actor });
}
