import { measurementRunParams } from '@sidakin/core';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app.js';
import { typed } from '../../http/types.js';
import { documentKinds, measurementDocumentFile } from './measurement.documents.js';

const read = { access: { permission: 'measurement.read' as const } };

export async function measurementDocumentRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;
  api.get(
    '/api/governments/:governmentId/measurement-runs/:runId/documents/:kind',
    {
      config: read,
      schema: {
        tags: ['measurement'],
        summary:
          'A measurement document of a run — Kertas Kerja, Rekapitulasi or Laporan Hasil Pengukuran Kinerja — as PDF (letterhead) or Excel',
        params: measurementRunParams.extend({ kind: z.enum(documentKinds) }),
        querystring: z.strictObject({ format: z.enum(['pdf', 'xlsx']).default('pdf') }),
      },
    },
    async (req, reply) => {
      const f = await measurementDocumentFile({ db, ctx: req.ctx, ...req.params, format: req.query.format });
      return reply
        .header('content-type', f.mediaType)
        .header('content-disposition', contentDisposition(f.fileName))
        .header('cache-control', 'no-store')
        .send(f.bytes);
    },
  );
}
