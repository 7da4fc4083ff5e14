import { fileInfo, governmentEntityParams, governmentParams } from '@sidakin/core';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app.js';
import { AppError } from '../../errors.js';
import { typed } from '../../http/types.js';
import * as files from './files.service.js';

const inlineTypes = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/webp']);

export async function fileRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = typed(app);
  const { db, files: store } = deps;
  const tags = ['files'];
  const base = '/api/governments/:governmentId/files';

  api.post(
    base,
    {
      config: { access: { permission: 'files.upload' } },
      schema: {
        tags,
        summary: 'Upload a file (multipart/form-data, one part named "file"; at most 20 MB; type checked from content)',
        consumes: ['multipart/form-data'],
        params: governmentParams,
        response: { 201: fileInfo },
      },
    },
    async (req, reply) => {
      let part: Awaited<ReturnType<typeof req.file>>;
      let bytes: Buffer;
      try {
        part = await req.file();
        if (part?.fieldname !== 'file') throw new AppError('FILE_MISSING');
        bytes = await part.toBuffer();
      } catch (err) {
        throw uploadError(err);
      }
      const info = await files.uploadFile({
        db,
        files: store,
        ctx: req.ctx,
        governmentId: req.params.governmentId,
        fileName: part.filename,
        bytes,
      });
      return reply.status(201).send(info);
    },
  );

  api.get(
    `${base}/:id`,
    {
      config: { access: { permission: 'files.read' } },
      schema: {
        tags,
        summary: 'Download a file; PDFs and images may be shown in the browser with disposition=inline',
        params: governmentEntityParams,
        querystring: z.strictObject({ disposition: z.enum(['attachment', 'inline']).default('attachment') }),
      },
    },
    async (req, reply) => {
      const { info, content } = await files.downloadFile({
        db,
        files: store,
        ctx: req.ctx,
        governmentId: req.params.governmentId,
        id: req.params.id,
      });
      const inline = req.query.disposition === 'inline' && inlineTypes.has(info.mediaType);
      return reply
        .type(info.mediaType.startsWith('text/') ? `${info.mediaType}; charset=utf-8` : info.mediaType)
        .header('content-disposition', contentDisposition(info.name, { type: inline ? 'inline' : 'attachment' }))
        .header('cache-control', 'private, no-cache')
        .header('etag', `"${info.sha256}"`)
        .send(content);
    },
  );
}

/** Errors of the multipart parser, in the application's terms. */
export function uploadError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT') {
    return new AppError(code === 'FST_REQ_FILE_TOO_LARGE' ? 'FILE_TOO_LARGE' : 'VALIDATION');
  }
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new AppError('UNSUPPORTED_MEDIA_TYPE');
  return err;
}
