import type { Role } from '@sidakin/core';
import { AppError } from '../errors.js';
import type { Actor } from './context.js';

/** Everything a route or service may require. New permissions go here and nowhere else. */
export const permissions = [
  'government.read',
  'government.manage',
  'governments.create',
  'org.read',
  'org.manage',
  'users.read',
  'users.manage',
  'audit.read',
  'system.audit',
  'sops.read',
  'sops.manage',
  'cases.read',
  'cases.act',
  'files.read',
  'files.upload',
  'plans.read',
  'plans.manage',
  'collection.read',
  'collection.enter',
  'collection.manage',
  'measurement.read',
  'measurement.run',
  'measurement.manage',
  'signatures.read',
  'signatures.sign',
  'signatures.manage',
  'numbering.read',
  'numbering.allocate',
  'numbering.manage',
  'archive.read',
  'dashboards.read',
] as const;
export type Permission = (typeof permissions)[number];

// system_admin may do everything everywhere; gov_admin administers their own government only;
// members read their own government's organisation.
const grants: Record<Role, ReadonlySet<Permission>> = {
  system_admin: new Set(permissions),
  gov_admin: new Set<Permission>([
    'government.read',
    'government.manage',
    'org.read',
    'org.manage',
    'users.read',
    'users.manage',
    'audit.read',
    'sops.read',
    'sops.manage',
    'cases.read',
    'cases.act',
    'files.read',
    'files.upload',
    'plans.read',
    'plans.manage',
    'collection.read',
    'collection.enter',
    'collection.manage',
    'measurement.read',
    'measurement.run',
    'measurement.manage',
    'signatures.read',
    'signatures.sign',
    'signatures.manage',
    'numbering.read',
    'numbering.allocate',
    'numbering.manage',
    'archive.read',
    'dashboards.read',
  ]),
  member: new Set<Permission>([
    'government.read',
    'org.read',
    'sops.read',
    'cases.read',
    'cases.act',
    'files.read',
    'files.upload',
    'plans.read',
    'collection.read',
    'collection.enter',
    'measurement.read',
    'measurement.run',
    'signatures.read',
    'signatures.sign',
    'numbering.read',
    'numbering.allocate',
    'archive.read',
    'dashboards.read',
  ]),
};

/**
 * What a route requires. `public` needs nothing; `authenticated` any signed-in person;
 * `authenticated-setup` also admits someone who still has to set up two-step verification or
 * change an administrator-given password;
 * a permission is checked against the government in the route's `:governmentId` (if any).
 */
export type Access = 'public' | 'authenticated' | 'authenticated-setup' | { permission: Permission };

export function can(actor: Actor | null, permission: Permission, governmentId?: string | null): boolean {
  if (!actor) return false;
  if (!grants[actor.role].has(permission)) return false;
  if (actor.role === 'system_admin') return true;
  // Everyone else acts only inside their own government.
  if (governmentId !== undefined && governmentId !== actor.governmentId) return false;
  return true;
}

/** The first line of every service use case: throws 401/403 unless allowed. */
export function authorize(actor: Actor | null, permission: Permission, governmentId?: string | null): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (actor.totpSetupRequired) throw new AppError('TOTP_SETUP_REQUIRED');
  if (actor.mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED');
  if (!can(actor, permission, governmentId)) throw new AppError('FORBIDDEN');
  return actor;
}
