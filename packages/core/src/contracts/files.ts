import { z } from 'zod';

/** What may be uploaded: documents, spreadsheets, images and plain text, recognised by content. */
export const uploadMediaTypes = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'text/plain',
  'text/csv',
] as const;

/** Largest upload, in bytes. */
export const maxUploadBytes = 20 * 1024 * 1024;

export const fileInfo = z.object({
  id: z.uuid(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  source: z.enum(['upload', 'system']),
  createdAt: z.string(),
});
export type FileInfo = z.infer<typeof fileInfo>;

/** A file named as an output of a step when completing it. */
export const taskAttachmentInput = z.strictObject({
  fileId: z.uuid(),
  /** Which of the step's printed outputs the file is (empty: a supporting file). */
  output: z.string().trim().max(500).default(''),
});

export const taskAttachment = z.object({
  fileId: z.uuid(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  output: z.string(),
});
export type TaskAttachment = z.infer<typeof taskAttachment>;
