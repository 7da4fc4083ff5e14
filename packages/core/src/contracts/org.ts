import { z } from 'zod';
import { indonesianTimeZones } from '../time-zones.js';
import { password, roles } from './auth.js';
import { code, isoDate, limits, listQuery, name, optionalText } from './common.js';

export const governmentKinds = ['provinsi', 'kabupaten', 'kota'] as const;
export const agencyKinds = [
  'dinas',
  'badan',
  'kecamatan',
  'biro',
  'inspektorat',
  'sekretariat_daerah',
  'kantor',
] as const;
export const unitKinds = [
  'sekretariat',
  'bidang',
  'bagian',
  'sub_bagian',
  'seksi',
  'kelurahan',
  'uptd',
  'lainnya',
] as const;
export const positionKinds = ['head', 'secretary', 'staff', 'functional'] as const;
export const assignmentKinds = ['definitive', 'plt', 'plh'] as const;
export const sexes = ['male', 'female'] as const;

// An empty string clears the field.
const email = z.union([z.email().max(200), z.literal('')]).optional();
const url = z.union([z.url().max(500), z.literal('')]).optional();

/**
 * Optional on every update: the `updatedAt` the editor saw. When the record has changed since, the
 * update is refused with 409 instead of silently overwriting someone else's change.
 */
export const expectedUpdatedAt = z.iso.datetime({ offset: true }).optional();

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Tulis jam sebagai JJ:MM, mis. 07:30');

// ── governments ────────────────────────────────────────────────────────────────────────────
export const government = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(governmentKinds),
  region: z.string(),
  province: z.string(),
  timeZone: z.enum(indonesianTimeZones),
  address: z.string(),
  phone: z.string(),
  email: z.string(),
  website: z.string(),
  letterheadLines: z.array(z.string()),
  hasLogo: z.boolean(),
  requireAdminTotp: z.boolean(),
  /** Working calendar: ISO weekdays (1 = Monday) and hours, for mutu baku due times. */
  workDays: z.array(z.number().int()),
  workStart: z.string(),
  workEnd: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Government = z.infer<typeof government>;

const governmentFields = {
  code,
  name,
  kind: z.enum(governmentKinds),
  region: optionalText(limits.name),
  province: optionalText(limits.name),
  timeZone: z.enum(indonesianTimeZones),
  address: optionalText(limits.address),
  phone: optionalText(50),
  email,
  website: url,
  letterheadLines: z.array(z.string().trim().max(limits.name)).max(6).optional(),
  requireAdminTotp: z.boolean().optional(),
  workDays: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional(),
  workStart: clock.optional(),
  workEnd: clock.optional(),
};
export const createGovernmentBody = z.strictObject(governmentFields);
export const updateGovernmentBody = z
  .strictObject({ ...governmentFields, active: z.boolean(), expectedUpdatedAt })
  .partial()
  .omit({ code: true });
export const logoBody = z.strictObject({
  mimeType: z.enum(['image/png', 'image/jpeg']),
  /** The image as base64, at most 512 KiB once decoded. */
  dataBase64: z
    .string()
    .min(1)
    .max(Math.ceil((limits.logoBytes * 4) / 3) + 4),
});

// ── agencies ───────────────────────────────────────────────────────────────────────────────
export const agency = z.object({
  id: z.uuid(),
  governmentId: z.uuid(),
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  kind: z.enum(agencyKinds),
  address: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Agency = z.infer<typeof agency>;
const agencyFields = {
  code,
  name,
  shortName: optionalText(100),
  kind: z.enum(agencyKinds),
  address: optionalText(limits.address),
};
export const createAgencyBody = z.strictObject(agencyFields);
export const updateAgencyBody = z.strictObject({ ...agencyFields, active: z.boolean(), expectedUpdatedAt }).partial();
export const agencyListQuery = listQuery.extend({ kind: z.enum(agencyKinds).optional() });

// ── units ──────────────────────────────────────────────────────────────────────────────────
export const unit = z.object({
  id: z.uuid(),
  governmentId: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  parentId: z.uuid().nullable(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(unitKinds),
  sortOrder: z.number().int(),
  active: z.boolean(),
  updatedAt: z.string(),
});
export type Unit = z.infer<typeof unit>;
const unitFields = {
  agencyId: z.uuid(),
  parentId: z.uuid().nullable().optional(),
  code,
  name,
  kind: z.enum(unitKinds),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
};
export const createUnitBody = z.strictObject(unitFields);
export const updateUnitBody = z
  .strictObject({ ...unitFields, active: z.boolean(), expectedUpdatedAt })
  .omit({ agencyId: true })
  .partial();
export const unitListQuery = listQuery.extend({
  agencyId: z.uuid().optional(),
  pageSize: z.coerce.number().int().min(1).max(1000).default(20),
});

// ── employees ──────────────────────────────────────────────────────────────────────────────
export const employee = z.object({
  id: z.uuid(),
  governmentId: z.uuid(),
  agencyId: z.uuid().nullable(),
  agencyName: z.string().nullable(),
  nip: z.string(),
  name: z.string(),
  frontTitle: z.string(),
  backTitle: z.string(),
  fullName: z.string(),
  sex: z.enum(sexes),
  birthDate: z.string(),
  rank: z.string(),
  grade: z.string(),
  email: z.string(),
  phone: z.string(),
  active: z.boolean(),
  updatedAt: z.string(),
});
export type Employee = z.infer<typeof employee>;
const employeeFields = {
  agencyId: z.uuid().nullable().optional(),
  /** Validated by the NIP rules (birth date, appointment, sex digit, sequence) on the server. */
  nip: z.string().trim().min(1).max(40),
  name,
  frontTitle: optionalText(50),
  backTitle: optionalText(100),
  rank: optionalText(100),
  grade: optionalText(20),
  email,
  phone: optionalText(50),
};
export const createEmployeeBody = z.strictObject(employeeFields);
export const updateEmployeeBody = z
  .strictObject({ ...employeeFields, active: z.boolean(), expectedUpdatedAt })
  .partial();
export const employeeListQuery = listQuery.extend({ agencyId: z.uuid().optional() });

// ── positions and assignments ──────────────────────────────────────────────────────────────
export const assignment = z.object({
  id: z.uuid(),
  positionId: z.uuid(),
  employeeId: z.uuid(),
  employeeName: z.string(),
  employeeNip: z.string(),
  kind: z.enum(assignmentKinds),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  decreeNumber: z.string(),
});
export type Assignment = z.infer<typeof assignment>;
export const position = z.object({
  id: z.uuid(),
  governmentId: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(positionKinds),
  sortOrder: z.number().int(),
  active: z.boolean(),
  /** The definitive holder today, if any. */
  holder: assignment.nullable(),
  /** Plt / Plh assignments in force today. */
  acting: z.array(assignment),
  updatedAt: z.string(),
});
export type Position = z.infer<typeof position>;
const positionFields = {
  agencyId: z.uuid(),
  unitId: z.uuid().nullable().optional(),
  code,
  name,
  kind: z.enum(positionKinds),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
};
export const createPositionBody = z.strictObject(positionFields);
export const updatePositionBody = z
  .strictObject({ ...positionFields, active: z.boolean(), expectedUpdatedAt })
  .omit({ agencyId: true })
  .partial();
export const positionListQuery = listQuery.extend({
  agencyId: z.uuid().optional(),
  unitId: z.uuid().optional(),
});
export const createAssignmentBody = z
  .strictObject({
    employeeId: z.uuid(),
    kind: z.enum(assignmentKinds),
    startsOn: isoDate,
    endsOn: isoDate.optional(),
    decreeNumber: optionalText(100),
  })
  .refine((b) => b.kind === 'definitive' || b.endsOn !== undefined, {
    message: 'Penugasan Plt/Plh harus memiliki tanggal selesai',
    path: ['endsOn'],
  })
  .refine((b) => !b.endsOn || b.endsOn >= b.startsOn, {
    message: 'Tanggal selesai tidak boleh sebelum tanggal mulai',
    path: ['endsOn'],
  });
export const assignmentHistory = z.object({ items: z.array(assignment) });
export const endAssignmentBody = z.strictObject({ endsOn: isoDate });
export const assignmentParams = z.strictObject({
  governmentId: z.uuid(),
  id: z.uuid(),
  assignmentId: z.uuid(),
});

// ── teams ──────────────────────────────────────────────────────────────────────────────────
export const teamMember = z.object({
  id: z.uuid(),
  role: z.string(),
  positionId: z.uuid().nullable(),
  positionName: z.string().nullable(),
  employeeId: z.uuid().nullable(),
  employeeName: z.string().nullable(),
});
export const team = z.object({
  id: z.uuid(),
  governmentId: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  active: z.boolean(),
  members: z.array(teamMember),
  updatedAt: z.string(),
});
export type Team = z.infer<typeof team>;
const teamFields = { agencyId: z.uuid(), code, name, description: optionalText() };
export const createTeamBody = z.strictObject(teamFields);
export const updateTeamBody = z
  .strictObject({ ...teamFields, active: z.boolean(), expectedUpdatedAt })
  .omit({ agencyId: true })
  .partial();
export const teamListQuery = listQuery.extend({ agencyId: z.uuid().optional() });
export const addTeamMemberBody = z
  .strictObject({
    role: z
      .string()
      .trim()
      .min(1)
      .max(50)
      .regex(/^[a-z0-9_-]+$/, 'Peran hanya boleh huruf kecil, angka, garis bawah dan tanda hubung'),
    positionId: z.uuid().optional(),
    employeeId: z.uuid().optional(),
  })
  .refine((b) => (b.positionId ? 1 : 0) + (b.employeeId ? 1 : 0) === 1, {
    message: 'Isi tepat satu: jabatan atau pegawai',
    path: ['positionId'],
  });
export const teamMemberParams = z.strictObject({
  governmentId: z.uuid(),
  id: z.uuid(),
  memberId: z.uuid(),
});

// ── users ──────────────────────────────────────────────────────────────────────────────────
export const userRecord = z.object({
  id: z.uuid(),
  governmentId: z.uuid().nullable(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  employeeId: z.uuid().nullable(),
  employeeName: z.string().nullable(),
  employeeNip: z.string().nullable(),
  active: z.boolean(),
  totpEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type UserRecord = z.infer<typeof userRecord>;
export const username = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(60)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Nama pengguna hanya boleh huruf kecil, angka, titik, garis bawah dan tanda hubung');
export const createUserBody = z.strictObject({
  username,
  displayName: name,
  role: z.enum(['gov_admin', 'member']),
  employeeId: z.uuid().nullable().optional(),
  password,
});
export const updateUserBody = z
  .strictObject({
    displayName: name,
    role: z.enum(['gov_admin', 'member']),
    employeeId: z.uuid().nullable(),
    active: z.boolean(),
    expectedUpdatedAt,
  })
  .partial();
export const resetPasswordBody = z.strictObject({ newPassword: password });
export const userListQuery = listQuery.extend({ role: z.enum(roles).optional() });

// ── holidays ───────────────────────────────────────────────────────────────────────────────
export const holiday = z.object({ id: z.uuid(), date: z.string(), name: z.string() });
export type Holiday = z.infer<typeof holiday>;
export const createHolidayBody = z.strictObject({ date: isoDate, name: name });
export const holidayListQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const holidayParams = z.strictObject({ governmentId: z.uuid(), holidayId: z.uuid() });
