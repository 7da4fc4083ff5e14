import { archiveKinds, archiveListQuery, archivePage, caseDossierParams, governmentParams } from '@sidakin/core';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app.js';
import { typed } from '../../http/types.js';
import { caseDossier } from './archive.dossier.js';
import * as archive from './archive.service.js';

const read = { access: { permission: 'archive.read' as const } };
const base = '/api/governments/:governmentId';
const tags = ['archive'];

export async function archiveRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  api.get(
    `${base}/archive`,
    {
      config: read,
      schema: {
        tags,
        summary: 'The archive: signed documents and closed cases, by agency, kind, year, period, number and text',
        params: governmentParams,
        querystring: archiveListQuery,
        response: { 200: archivePage },
      },
    },
    async (req) => archive.listArchive({ db, ctx: req.ctx, governmentId: req.params.governmentId, query: req.query }),
  );
  api.get(
    `${base}/archive/kinds`,
    {
      config: read,
      schema: {
        tags,
        summary: 'The kinds present in the archive, with counts',
        params: governmentParams,
        response: { 200: archiveKinds },
      },
    },
    async (req) => archive.archiveKinds({ db, ctx: req.ctx, governmentId: req.params.governmentId }),
  );
  api.get(
    `${base}/cases/:caseId/dossier`,
    {
      config: read,
      schema: {
        tags,
        summary:
          "A case's dossier as one zip: documents and step outputs, signed documents, history (JSON, CSV), audit excerpt with hashes",
        params: caseDossierParams,
      },
    },
    async (req, reply) => {
      const f = await caseDossier({ db, ctx: req.ctx, files: deps.files, ...req.params });
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', contentDisposition(f.fileName))
        .header('cache-control', 'no-store')
        .send(f.bytes);
    },
  );
}
