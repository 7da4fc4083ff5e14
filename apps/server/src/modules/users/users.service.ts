import type { createUserBody, ListQuery, Page, UserRecord, updateUserBody } from '@sidakin/core';
import type { z } from 'zod';
import type { Database, Tx } from '../../db/database.js';
import { AppError, assertFresh, invalidField, notFound } from '../../errors.js';
import { authorize } from '../../http/access.js';
import type { RequestContext } from '../../http/context.js';
import { recordAudit, updateAction } from '../audit/audit.service.js';
import * as authRepo from '../auth/auth.repo.js';
import { hashPassword } from '../auth/password.js';
import { getEmployee as getEmployeeRow, listClause, pageQuery, updateRow } from '../org/org.repo.js';
import * as repo from './users.repo.js';

function present(r: repo.UserListRow): UserRecord {
  return {
    id: r.id,
    governmentId: r.government_id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    employeeId: r.employee_id,
    employeeName: r.employee_name,
    employeeNip: r.employee_nip,
    active: r.active,
    totpEnabled: r.totp_enabled,
    lastLoginAt: r.last_login_at ? new Date(r.last_login_at).toISOString() : null,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export async function listUsers(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  query: ListQuery & { role?: string | undefined };
}): Promise<Page<UserRecord>> {
  authorize(opts.ctx.actor, 'users.read', opts.governmentId);
  const { query } = opts;
  const params: unknown[] = [opts.governmentId];
  const conditions = ['u.government_id = $1'];
  if (query.role) {
    params.push(query.role);
    conditions.push(`u.role = $${params.length}`);
  }
  const clause = listClause({
    conditions,
    params,
    search: { text: query.q, columns: ['u.username', 'u.display_name', 'e.nip', 'e.name'] },
    active: query.active,
    activeColumn: 'u.active',
  });
  const { rows, total } = await pageQuery<repo.UserListRow>(opts.db, {
    select: repo.userSelect,
    from: repo.userFrom,
    ...clause,
    orderBy: 'u.username',
    page: query.page,
    pageSize: query.pageSize,
  });
  return { items: rows.map(present), total, page: query.page, pageSize: query.pageSize };
}

export async function getUser(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  id: string;
}): Promise<UserRecord> {
  authorize(opts.ctx.actor, 'users.read', opts.governmentId);
  const u = await repo.getUser(opts.db, opts.governmentId, opts.id);
  if (!u) throw notFound();
  return present(u);
}

async function checkEmployee(tx: Tx, governmentId: string, employeeId: string, exceptUserId: string | null) {
  const e = await getEmployeeRow(tx, governmentId, employeeId);
  if (!e) {
    throw invalidField('body.employeeId', {
      id: 'Pegawai tidak ada di pemerintah daerah ini',
      en: 'The employee does not exist in this government',
    });
  }
  const other = await repo.activeUserOfEmployee(tx, employeeId);
  if (other && other.id !== exceptUserId) {
    throw new AppError('DUPLICATE', {
      details: [
        {
          path: 'body.employeeId',
          message: { id: 'Pegawai ini sudah memiliki akun aktif', en: 'This employee already has an active account' },
        },
      ],
    });
  }
}

export async function createUser(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  input: z.infer<typeof createUserBody>;
  mustChangePassword?: boolean;
}): Promise<UserRecord> {
  authorize(opts.ctx.actor, 'users.manage', opts.governmentId);
  const passwordHash = await hashPassword(opts.input.password);
  return opts.db.transaction((tx) =>
    insertUserTx(tx, opts.ctx, opts.governmentId, opts.input, passwordHash, opts.mustChangePassword ?? true),
  );
}

export async function insertUserTx(
  tx: Tx,
  ctx: RequestContext,
  governmentId: string,
  input: Omit<z.infer<typeof createUserBody>, 'password'>,
  passwordHash: string,
  mustChangePassword: boolean,
): Promise<UserRecord> {
  if (await repo.usernameTaken(tx, input.username)) {
    throw new AppError('DUPLICATE', {
      details: [
        { path: 'body.username', message: { id: 'Nama pengguna sudah dipakai', en: 'This username is taken' } },
      ],
    });
  }
  if (input.employeeId) await checkEmployee(tx, governmentId, input.employeeId, null);
  const id = await repo.insertUser(tx, {
    government_id: governmentId,
    username: input.username,
    display_name: input.displayName,
    role: input.role,
    employee_id: input.employeeId ?? null,
    password_hash: passwordHash,
    must_change_password: mustChangePassword,
  });
  const created = present((await repo.getUser(tx, governmentId, id))!);
  await recordAudit(tx, ctx, { governmentId, action: 'user.create', entityType: 'user', entityId: id, after: created });
  return created;
}

export async function updateUser(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  id: string;
  input: z.infer<typeof updateUserBody>;
}): Promise<UserRecord> {
  const actor = authorize(opts.ctx.actor, 'users.manage', opts.governmentId);
  const { input, governmentId, id } = opts;
  // Nobody locks themselves out: an admin cannot deactivate or demote their own account.
  if (id === actor.userId && (input.active === false || (input.role && input.role !== actor.role))) {
    throw invalidField(input.active === false ? 'body.active' : 'body.role', {
      id: 'Anda tidak dapat menonaktifkan atau menurunkan peran akun Anda sendiri',
      en: 'You cannot deactivate or demote your own account',
    });
  }
  return opts.db.transaction(async (tx) => {
    const before = await repo.getUser(tx, governmentId, id);
    if (!before) throw notFound();
    if (input.employeeId) await checkEmployee(tx, governmentId, input.employeeId, id);
    // Reactivating an account must not give its employee a second active account.
    else if (input.active === true && !before.active && before.employee_id && input.employeeId !== null) {
      await checkEmployee(tx, governmentId, before.employee_id, id);
    }
    assertFresh(
      await updateRow(
        tx,
        'users',
        governmentId,
        id,
        { display_name: input.displayName, role: input.role, employee_id: input.employeeId, active: input.active },
        input.expectedUpdatedAt,
      ),
    );
    // A deactivated account or a changed role takes effect now, not when the session ends.
    if (input.active === false || (input.role && input.role !== before.role)) {
      await authRepo.deleteUserSessions(tx, id, null);
    }
    const after = present((await repo.getUser(tx, governmentId, id))!);
    await recordAudit(tx, opts.ctx, {
      governmentId,
      action: updateAction('user', before.active, input.active),
      entityType: 'user',
      entityId: id,
      before: present(before),
      after,
    });
    return after;
  });
}

/** Sets a new password chosen by an admin; the user must change it at next sign-in. */
export async function resetUserPassword(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  id: string;
  newPassword: string;
}): Promise<void> {
  authorize(opts.ctx.actor, 'users.manage', opts.governmentId);
  const hashed = await hashPassword(opts.newPassword);
  await opts.db.transaction(async (tx) => {
    const user = await repo.getUser(tx, opts.governmentId, opts.id);
    if (!user) throw notFound();
    await authRepo.setPasswordHash(tx, opts.id, hashed, true);
    const ended = await authRepo.deleteUserSessions(tx, opts.id, null);
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'user.reset_password',
      entityType: 'user',
      entityId: opts.id,
      after: { sessionsEnded: ended },
    });
  });
}
