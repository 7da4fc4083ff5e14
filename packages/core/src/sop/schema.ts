import { z } from 'zod';

/**
 * The SOP document (PermenPANRB 35/2012 "SOP AP" shape), written as YAML or JSON. This schema is
 * the authority: the CLI, the API and the web upload validate with it (see validate.ts for the
 * checks across fields), and `sopJsonSchema()` exports it for editors.
 */

export const sopKinds = ['collection', 'measurement', 'correction', 'monitoring', 'general'] as const;
export const durationUnits = ['menit', 'jam', 'hari'] as const;
export type DurationUnit = (typeof durationUnits)[number];

const text = z.string().trim().min(1).max(4000);
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens');
const laneId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'a lane id uses lower-case letters, digits and hyphens');

/** "120 menit", "60 Menit", "1 hari", "2 jam" — as printed in the Waktu column. */
export const durationText = z
  .string()
  .trim()
  .regex(/^\d+([.,]\d+)?\s+(menit|jam|hari)$/i, 'write a duration as "<number> menit|jam|hari"');

export interface Duration {
  value: number;
  unit: DurationUnit;
  /** As printed in the source. */
  text: string;
}

export function parseDuration(s: string): Duration {
  const m = /^(\d+(?:[.,]\d+)?)\s+(menit|jam|hari)$/i.exec(s.trim());
  if (!m) throw new Error(`not a duration: ${s}`);
  return { value: Number(m[1]!.replace(',', '.')), unit: m[2]!.toLowerCase() as DurationUnit, text: s.trim() };
}

/**
 * Who holds a lane in the agency running the SOP: its head, its secretary, the head of the unit a
 * case is about (e.g. the Kepala Bidang), the heads of the units below it (its Kepala Seksi), its
 * staff, a named position (by code), or whoever holds a role in a team.
 */
export const laneBindingKinds = [
  'head-of-agency',
  'secretary',
  'head-of-unit',
  'head-of-subunit',
  'staff-of-unit',
] as const;
export const laneBinding = z.union([
  z.enum(laneBindingKinds),
  z.strictObject({ position: slug }),
  z.strictObject({ team: slug, role: slug }),
]);
export type LaneBinding = z.infer<typeof laneBinding>;

/** The lane means a position of the unit a case is about (its head, its staff, the heads below it). */
export function unitScopedBinding(binding: unknown): boolean {
  return binding === 'head-of-unit' || binding === 'staff-of-unit' || binding === 'head-of-subunit';
}

export const sopLane = z.strictObject({
  /** The column title as printed. */
  title: text,
  binding: laneBinding,
  notes: z.array(text).default([]),
});

export const sopDecision = z.strictObject({
  /** The step that follows "ya" (sesuai / setuju). */
  ya: z.number().int().positive(),
  /** The step a "tidak" returns to, with a reason. */
  tidak: z.number().int().positive(),
  question: text.optional(),
});

export const sopStep = z
  .strictObject({
    /** The number as printed (the source may skip numbers). */
    no: z.number().int().positive(),
    text,
    /** The lane that acts; `lanes` when a step belongs to two lanes. */
    lane: laneId.optional(),
    lanes: z.array(laneId).min(1).optional(),
    action: z.string().regex(/^[a-z][a-z-]*$/, 'an action kind uses lower-case letters and hyphens'),
    /** Kelengkapan. */
    requirements: z.array(text).default([]),
    /** Waktu, as printed; null when the source gives none. */
    duration: durationText.nullable().default(null),
    outputs: z.array(text).default([]),
    /** Keterangan. */
    remarks: text.optional(),
    decision: sopDecision.optional(),
    /** The following step when it is not the next one in the list. */
    next: z.number().int().positive().optional(),
    /** The procedure ends after this step. */
    end: z.boolean().optional(),
    /**
     * Runs once per unit in scope. Consecutive per-unit steps form one branch per unit; the next
     * step that is not per unit waits for every branch (the join).
     */
    perUnit: z.boolean().optional(),
    /** Completing the step (at a decision: answering ya) records the actor's paraf. */
    paraf: z.boolean().optional(),
    /** Completing the step (at a decision: answering ya) records the actor's signature. */
    signature: z.boolean().optional(),
    /**
     * On a signing step, the lanes whose holders sign the document, in signing order (default: the
     * step's own lanes) — e.g. every stakeholder, where one lane only hands the document round.
     */
    signers: z.array(laneId).min(1).optional(),
    /** Who else takes part without acting in a lane (e.g. the JP attending a meeting), as printed. */
    attendees: z.array(text).default([]),
    notes: z.array(text).default([]),
  })
  .refine((s) => (s.lane === undefined) !== (s.lanes === undefined), {
    message: 'give exactly one of lane or lanes',
    path: ['lane'],
  })
  .transform(({ lane, lanes, ...rest }) => ({ ...rest, lanes: lanes ?? [lane as string] }));

const signer = z.strictObject({ position: text, unit: text.optional() });

export const sopDocument = z.strictObject({
  schemaVersion: z.literal(1),
  /** Stable id: `<government>/<agency>/<slug>`. */
  id: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+\/[a-z0-9-]+$/, 'write the id as <government>/<agency>/<name>'),
  title: text,
  kind: z.enum(sopKinds),
  agency: z.strictObject({
    government: slug,
    agency: slug,
    /** The header lines as printed (government, agency, unit). */
    header: z.array(text).min(1),
  }),
  identity: z.strictObject({
    number: text.nullable(),
    createdOn: text.nullable(),
    revisedOn: text.nullable(),
    effectiveOn: text.nullable(),
    /** The effective date as a calendar date, where the printed one allows it. */
    effectiveDate: z.iso.date().nullable().default(null),
    revision: text.nullable().default(null),
    /** Disahkan / disetujui oleh: the position; the person is recorded when the SOP is approved in the system. */
    approvedBy: signer,
    preparedBy: signer.optional(),
    reviewedBy: signer.optional(),
  }),
  purpose: text.optional(),
  scope: text.optional(),
  definition: text.optional(),
  responsibilities: z
    .array(
      z.strictObject({ role: text, lane: laneId.optional(), description: text, duties: z.array(text).default([]) }),
    )
    .default([]),
  legalBasis: z.array(text).default([]),
  qualifications: z.array(text).default([]),
  relatedSops: z.array(text).default([]),
  equipment: z.array(text).default([]),
  warning: z.array(text).default([]),
  recordKeeping: z.array(text).default([]),
  /** Catatan mutu: the documents the procedure relies on. */
  qualityRecords: z.array(text).default([]),
  /** The "Lembar Kerja Identifikasi Kegiatan", where the source has one. */
  activityWorksheet: z
    .strictObject({
      fields: z.array(z.strictObject({ label: text, value: z.string().trim().max(4000) })),
      steps: z.array(
        z.strictObject({ phase: z.enum(['awal', 'utama', 'akhir']), no: z.number().int().positive(), text }),
      ),
    })
    .optional(),
  /** Where the source was ambiguous (lost lane marks, skipped numbers, misspellings) and how it was read. */
  notes: z.array(text).default([]),
  /** The Pelaksana columns, in their printed order. */
  lanes: z.record(laneId, sopLane),
  steps: z.array(sopStep).min(1),
});

export type SopDocumentInput = z.input<typeof sopDocument>;
export type SopDocument = z.output<typeof sopDocument>;
export type SopStep = SopDocument['steps'][number];
export type SopLane = SopDocument['lanes'][string];

/** The document format as JSON Schema (for editors and other tools). */
export function sopJsonSchema(): unknown {
  return z.toJSONSchema(sopDocument, { io: 'input', unrepresentable: 'any' });
}
