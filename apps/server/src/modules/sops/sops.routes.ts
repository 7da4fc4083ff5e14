import {
  governmentEntityParams,
  governmentParams,
  importSopBody,
  importSopResponse,
  laneResolutionResponse,
  makeEffectiveBody,
  pageOf,
  sopDetail,
  sopDiffQuery,
  sopDiffResponse,
  sopLanesQuery,
  sopListQuery,
  sopSummary,
  sopVersionParams,
  sopVersionWithDocument,
} from '@sidakin/core';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
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

  api.get(
    `${base}/:id/lanes`,
    {
      config: { access: { permission: 'sops.read' } },
      schema: {
        tags,
        summary: 'Who holds each lane today in the agency (acting officials included)',
        params: governmentEntityParams,
        querystring: sopLanesQuery,
        response: { 200: laneResolutionResponse },
      },
    },
    async (req) =>
      sops.sopLanes({
        db,
        ctx: req.ctx,
        governmentId: req.params.governmentId,
        sopId: req.params.id,
        versionId: req.query.versionId,
        unitId: req.query.unitId,
      }),
  );
  api.get(
    `${base}/:id/diff`,
    {
      config: { access: { permission: 'sops.read' } },
      schema: {
        tags,
        summary: 'What changed between two versions',
        params: governmentEntityParams,
        querystring: sopDiffQuery,
        response: { 200: sopDiffResponse },
      },
    },
    async (req) =>
      sops.diffSopVersions({
        db,
        ctx: req.ctx,
        governmentId: req.params.governmentId,
        sopId: req.params.id,
        ...req.query,
      }),
  );
  const versionAction = (summary: string) => ({
    config: { access: { permission: 'sops.read' as const } },
    schema: { tags, summary, params: sopVersionParams, response: { 200: sopDetail } },
  });
  api.post(
    `${base}/:id/versions/:versionId/approve`,
    versionAction('Approve (mengesahkan) a draft: by the head of the agency or their Plt/Plh'),
    async (req) =>
      sops.approveSopVersion({
        db,
        ctx: req.ctx,
        governmentId: req.params.governmentId,
        sopId: req.params.id,
        versionId: req.params.versionId,
      }),
  );
  api.post(
    `${base}/:id/versions/:versionId/make-effective`,
    {
      config: { access: { permission: 'sops.manage' } },
      schema: {
        tags,
        summary: 'Put an approved version into effect from a date (every lane must have a holder)',
        params: sopVersionParams,
        body: makeEffectiveBody,
        response: { 200: sopDetail },
      },
    },
    async (req) =>
      sops.makeSopVersionEffective({
        db,
        ctx: req.ctx,
        governmentId: req.params.governmentId,
        sopId: req.params.id,
        versionId: req.params.versionId,
        effectiveFrom: req.body.effectiveFrom,
      }),
  );
  api.post(
    `${base}/:id/versions/:versionId/retire`,
    {
      config: { access: { permission: 'sops.manage' } },
      schema: { tags, summary: 'Retire the effective version', params: sopVersionParams, response: { 200: sopDetail } },
    },
    async (req) =>
      sops.retireSopVersion({
        db,
        ctx: req.ctx,
        governmentId: req.params.governmentId,
        sopId: req.params.id,
        versionId: req.params.versionId,
      }),
  );
  api.get(
    `${base}/:id/versions/:versionId`,
    {
      config: { access: { permission: 'sops.read' } },
      schema: {
        tags,
        summary: 'One version with its document (e.g. the version a running case follows)',
        params: sopVersionParams,
        response: { 200: sopVersionWithDocument },
      },
    },
    async (req) =>
      sops.getSopVersion({
        db,
        ctx: req.ctx,
        governmentId: req.params.governmentId,
        id: req.params.id,
        versionId: req.params.versionId,
      }),
  );
  api.get(
    `${base}/:id/versions/:versionId/pdf`,
    {
      config: { access: { permission: 'sops.read' } },
      schema: {
        tags,
        summary:
          'The official SOP document of a version as PDF (A4 landscape, letterhead, procedure table with symbols)',
        params: sopVersionParams,
        querystring: z.strictObject({ disposition: z.enum(['attachment', 'inline']).default('inline') }),
      },
    },
    async (req, reply) => {
      const pdf = await sops.sopVersionPdf({
        db,
        ctx: req.ctx,
        governmentId: req.params.governmentId,
        id: req.params.id,
        versionId: req.params.versionId,
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition(pdf.fileName, { type: req.query.disposition }))
        .header('cache-control', 'private, no-cache')
        .send(pdf.bytes);
    },
  );
}
