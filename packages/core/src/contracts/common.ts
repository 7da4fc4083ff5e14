import { z } from 'zod';

/** Limits shared by server and web. */
export const limits = {
  name: 200,
  code: 64,
  text: 2000,
  address: 500,
  pageSizeMax: 100,
  logoBytes: 512 * 1024,
  jsonBody: 1024 * 1024,
  password: { min: 10, max: 200 },
} as const;

export const uuid = z.uuid();
export const idParams = z.strictObject({ id: z.uuid() });
export const governmentParams = z.strictObject({ governmentId: z.uuid() });
export const governmentEntityParams = z.strictObject({ governmentId: z.uuid(), id: z.uuid() });

export const name = z.string().trim().min(1).max(limits.name);
export const code = z
  .string()
  .trim()
  .min(1)
  .max(limits.code)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Kode hanya boleh huruf kecil, angka, titik, garis bawah dan tanda hubung');
export const optionalText = (max: number = limits.text) => z.string().trim().max(max).optional();
export const isoDate = z.iso.date();

/** Query string for every list: search text, page (1-based), page size, active filter. */
export const listQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(20),
  active: z.enum(['true', 'false', 'all']).default('true'),
});
export type ListQuery = z.infer<typeof listQuery>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const okResponse = z.object({ ok: z.literal(true) });

export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** What the person needs to resolve it, e.g. a stale save's `stored` and `sent` values. */
    data: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponse>;
