import { z } from 'zod';
import { limits } from './common.js';

export const roles = ['system_admin', 'gov_admin', 'member'] as const;
export type Role = (typeof roles)[number];

export const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(limits.password.max),
  /** TOTP code, required when the user has two-step verification enabled. */
  otp: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'Kode verifikasi terdiri atas 6 angka')
    .optional(),
});
export type LoginBody = z.infer<typeof loginBody>;

export const password = z.string().min(limits.password.min).max(limits.password.max);

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(limits.password.max),
  newPassword: password,
});

export const totpEnableBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'Kode verifikasi terdiri atas 6 angka'),
});
export const totpDisableBody = z.strictObject({
  password: z.string().min(1).max(limits.password.max),
});
export const totpSetupResponse = z.object({ secret: z.string(), otpauthUrl: z.string() });

export const actingPositionBody = z.strictObject({ positionId: z.uuid() });

export const actingKinds = ['plt', 'plh'] as const;

export const myPosition = z.object({
  positionId: z.uuid(),
  positionName: z.string(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  unitName: z.string().nullable(),
  /** null when the employee holds the position definitively. */
  acting: z.enum(actingKinds).nullable(),
});
export type MyPosition = z.infer<typeof myPosition>;

export const meResponse = z.object({
  user: z.object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(roles),
    governmentId: z.uuid().nullable(),
    employeeId: z.uuid().nullable(),
    totpEnabled: z.boolean(),
    mustChangePassword: z.boolean(),
  }),
  government: z
    .object({
      id: z.uuid(),
      name: z.string(),
      timeZone: z.string(),
      requireAdminTotp: z.boolean(),
    })
    .nullable(),
  positions: z.array(myPosition),
  actingPositionId: z.uuid().nullable(),
  csrfToken: z.string(),
  /** The government requires two-step verification for this admin and it is not set up yet. */
  totpSetupRequired: z.boolean(),
});
export type MeResponse = z.infer<typeof meResponse>;
