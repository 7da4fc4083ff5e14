import {
  governmentEntityParams,
  governmentParams,
  importSopBody,
  importSopResponse,
  pageOf,
  sopDetail,
  sopListQuery,
  sopSummary,
} from '@sidakin/core';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app.js';
import { typed } from '../../http/types.js';
import * as sops from './sops.service.js';

export async function sopRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;
  const tags = ['sops'];
  const base = '/api/governments/:governmentId/sops';

  api.get(
    base,
    {
      config: { access: { permission: 'sops.read' } },
      schema: {
        tags,
        summary: 'SOPs of the government with their latest version',
        params: governmentParams,
        querystring: sopListQuery,
        response: { 200: pageOf(sopSummary) },
      },
    },
    async (req) => sops.listSops({ db, ctx: req.ctx, governmentId: req.params.governmentId, query: req.query }),
  );
  api.post(
    `${base}/import`,
    {
      config: { access: { permission: 'sops.manage' } },
      bodyLimit: 600 * 1024,
      schema: {
        tags,
        summary: 'Import an SOP document (YAML or JSON text); every problem is listed with its path in the document',
        params: governmentParams,
        body: importSopBody,
        response: { 200: importSopResponse, 201: importSopResponse },
      },
    },
    async (req, reply) => {
      const r = await sops.importSop({
        db,
        ctx: req.ctx,
        governmentId: req.params.governmentId,
        source: req.body.source,
      });
      return reply.status(r.created ? 201 : 200).send(r);
    },
  );
  api.get(
    `${base}/:id`,
    {
      config: { access: { permission: 'sops.read' } },
      schema: {
        tags,
        summary: 'One SOP: versions and the latest document',
        params: governmentEntityParams,
        response: { 200: sopDetail },
      },
    },
    async (req) => sops.getSop({ db, ctx: req.ctx, ...req.params }),
  );
}
