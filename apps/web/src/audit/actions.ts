import { assignmentKinds } from '@sidakin/core';

/**
 * The actions the server writes to the audit log (`action:` in apps/server/src), each
 * `<what it acts on>.<verb>`. Entries with an action not listed here show the raw code.
 */
export const auditActions = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.password_change',
  'auth.totp_setup',
  'auth.totp_enable',
  'auth.totp_disable',
  'auth.acting_position',
  'government.create',
  'government.update',
  'government.logo',
  'agency.create',
  'agency.update',
  'agency.deactivate',
  'agency.activate',
  'unit.create',
  'unit.update',
  'unit.deactivate',
  'unit.activate',
  'employee.create',
  'employee.update',
  'employee.deactivate',
  'employee.activate',
  'position.create',
  'position.update',
  'position.deactivate',
  'position.activate',
  ...assignmentKinds.map((kind) => `position.assign_${kind}` as const),
  'position.end_assignment',
  'team.create',
  'team.update',
  'team.deactivate',
  'team.activate',
  'team.add_member',
  'team.remove_member',
  'user.create',
  'user.update',
  'user.deactivate',
  'user.activate',
  'user.reset_password',
  'sop.import',
  'sop.approve',
  'sop.make_effective',
  'sop.retire',
  'case.start',
  'case.complete_task',
  'case.return',
  'case.reassign',
  'case.cancel',
  'holiday.create',
  'holiday.delete',
  'file.upload',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** The kinds of record an audit entry names (`entityType`). */
export const auditEntityTypes = [
  'government',
  'agency',
  'unit',
  'employee',
  'position',
  'team',
  'user',
  'sop',
  'case',
  'holiday',
  'file',
] as const;
export type AuditEntityType = (typeof auditEntityTypes)[number];

/** What the actions are grouped under in the filter: sign-in and account, then each kind of record. */
export const auditActionGroups = ['auth', ...auditEntityTypes] as const;
export type AuditActionGroup = (typeof auditActionGroups)[number];

export function isAuditAction(code: string): code is AuditAction {
  return (auditActions as readonly string[]).includes(code);
}

export function isAuditEntityType(code: string): code is AuditEntityType {
  return (auditEntityTypes as readonly string[]).includes(code);
}

export function groupOf(action: AuditAction): AuditActionGroup {
  return action.slice(0, action.indexOf('.')) as AuditActionGroup;
}
