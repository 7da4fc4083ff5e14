import {
  caseDetail,
  collectionCompleteness,
  collectionEvidenceParams,
  collectionFlagParams,
  collectionForm,
  collectionFormParams,
  collectionFormQuery,
  collectionPeriod,
  collectionPeriodListQuery,
  collectionPeriodParams,
  collectionValueDetail,
  collectionValueParams,
  commentBody,
  createCollectionPeriodBody,
  evidenceInput,
  flagBody,
  governmentParams,
  lockedChanges,
  lockedChangesQuery,
  replaceEvidenceBody,
  resolveFlagBody,
  returnSubmissionBody,
  saveCollectionValueBody,
  startCollectionCaseBody,
  updateCollectionPeriodBody,
} from '@sidakin/core';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app.js';
import { AppError } from '../../errors.js';
import { typed } from '../../http/types.js';
import { startCollectionCase } from './collection.cases.js';
import { lockedChangesReport } from './collection.history.js';
import { applyImport, formTemplate, previewImport } from './collection.import.js';
import { collectionReportFile } from './collection.reports.js';
import * as collection from './collection.service.js';
import { useCollectionFileStore } from './collection.steps.js';

const read = { access: { permission: 'collection.read' as const } };
const enter = { access: { permission: 'collection.enter' as const } };
const manage = { access: { permission: 'collection.manage' as const } };
const base = '/api/governments/:governmentId';
const tags = ['collection'];

export async function collectionRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;
  useCollectionFileStore(deps.files);

  // ── periods ──
  api.get(
    `${base}/collection-periods`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Collection periods (per agency and year)',
        params: governmentParams,
        querystring: collectionPeriodListQuery,
        response: { 200: z.object({ items: z.array(collectionPeriod) }) },
      },
    },
    async (req) =>
      collection.listPeriods({ db, ctx: req.ctx, governmentId: req.params.governmentId, query: req.query }),
  );
  api.post(
    `${base}/collection-periods`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create a collection period (a quarter or a month) with its entry window',
        params: governmentParams,
        body: createCollectionPeriodBody,
        response: { 201: collectionPeriod },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await collection.createPeriod({ db, ctx: req.ctx, governmentId: req.params.governmentId, input: req.body }),
        ),
  );
  api.get(
    `${base}/collection-periods/:periodId`,
    {
      config: read,
      schema: {
        tags,
        summary: 'A collection period',
        params: collectionPeriodParams,
        response: { 200: collectionPeriod },
      },
    },
    async (req) => collection.getPeriod({ db, ctx: req.ctx, ...req.params }),
  );
  api.patch(
    `${base}/collection-periods/:periodId`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change the label or the entry window of an open period',
        params: collectionPeriodParams,
        body: updateCollectionPeriodBody,
        response: { 200: collectionPeriod },
      },
    },
    async (req) => collection.updatePeriod({ db, ctx: req.ctx, ...req.params, input: req.body }),
  );
  api.post(
    `${base}/collection-periods/:periodId/lock`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Lock a period: its data can then only change through a correction case',
        params: collectionPeriodParams,
        response: { 200: collectionPeriod },
      },
    },
    async (req) => collection.lockPeriod({ db, ctx: req.ctx, ...req.params }),
  );
  api.get(
    `${base}/collection-periods/:periodId/completeness`,
    {
      config: read,
      schema: {
        tags,
        summary: 'How many required values are entered, per unit and per indicator',
        params: collectionPeriodParams,
        response: { 200: collectionCompleteness },
      },
    },
    async (req) => collection.getCompleteness({ db, ctx: req.ctx, ...req.params }),
  );
  api.post(
    `${base}/collection-periods/:periodId/cases`,
    {
      config: { access: { permission: 'cases.act' as const } },
      schema: {
        tags,
        summary: 'Start the collection SOP for this period, with the units that answer for indicators',
        params: collectionPeriodParams,
        body: startCollectionCaseBody,
        response: { 201: caseDetail },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await startCollectionCase({ db, ctx: req.ctx, ...req.params, input: req.body })),
  );

  api.get(
    `${base}/collection-periods/:periodId/locked-changes`,
    {
      config: read,
      schema: {
        tags,
        summary:
          'Laporan Perubahan Data Terkunci: every value changed after the lock (old → new, reason, case, who, when) as JSON, PDF or Excel',
        params: collectionPeriodParams,
        querystring: lockedChangesQuery,
      },
    },
    async (req, reply) => {
      const r = await lockedChangesReport({ db, ctx: req.ctx, ...req.params, format: req.query.format });
      if (r.kind === 'json') return reply.send(lockedChanges.parse(r.body));
      return reply
        .header('content-type', r.mediaType)
        .header('content-disposition', contentDisposition(r.fileName))
        .header('cache-control', 'no-store')
        .send(r.bytes);
    },
  );
  api.get(
    `${base}/collection-periods/:periodId/report`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Laporan Hasil Pengumpulan Data Kinerja as PDF (letterhead, tables per unit, signature) or Excel',
        params: collectionPeriodParams,
        querystring: z.strictObject({ format: z.enum(['pdf', 'xlsx']).default('pdf') }),
      },
    },
    async (req, reply) => {
      const f = await collectionReportFile({ db, ctx: req.ctx, ...req.params, format: req.query.format });
      return reply
        .header('content-type', f.mediaType)
        .header('content-disposition', contentDisposition(f.fileName))
        .header('cache-control', 'no-store')
        .send(f.bytes);
    },
  );

  // ── forms and values ──
  api.get(
    `${base}/collection-periods/:periodId/forms/:unit`,
    {
      config: read,
      schema: {
        tags,
        summary: 'The form of a unit (or `agency`): indicators, targets, values, achievement, errors and warnings',
        params: collectionFormParams,
        querystring: collectionFormQuery,
        response: { 200: collectionForm },
      },
    },
    async (req) => collection.getForm({ db, ctx: req.ctx, ...req.params, asOf: req.query.asOf }),
  );
  for (const act of ['complete', 'approve', 'return'] as const) {
    api.post(
      `${base}/collection-periods/:periodId/forms/:unit/${act}`,
      {
        config: enter,
        schema: {
          tags,
          summary:
            act === 'complete'
              ? "Complete the unit's form (refused while errors remain)"
              : act === 'approve'
                ? "Approve the unit's completed form"
                : "Return the unit's form (and optionally single values) for re-entry, with a reason",
          params: collectionFormParams,
          ...(act === 'return' ? { body: returnSubmissionBody } : {}),
          response: { 200: collectionForm },
        },
      },
      async (req) =>
        collection.actOnForm({
          db,
          ctx: req.ctx,
          ...req.params,
          act,
          ...(act === 'return' ? { input: req.body as z.infer<typeof returnSubmissionBody> } : {}),
        }),
    );
  }
  api.get(
    `${base}/collection-periods/:periodId/forms/:unit/template`,
    {
      config: read,
      schema: { tags, summary: 'Excel template of the unit’s form for entry', params: collectionFormParams },
    },
    async (req, reply) => {
      const f = await formTemplate({ db, ctx: req.ctx, ...req.params });
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(f.fileName))
        .header('cache-control', 'no-store')
        .send(f.bytes);
    },
  );
  api.post(
    `${base}/collection-periods/:periodId/forms/:unit/import`,
    {
      config: enter,
      schema: {
        tags,
        summary:
          'Upload the filled template (multipart, part "file"): mode=preview lists every bad cell and old → new per value; mode=apply saves all or nothing',
        consumes: ['multipart/form-data'],
        params: collectionFormParams,
        querystring: z.strictObject({ mode: z.enum(['preview', 'apply']).default('preview') }),
      },
    },
    async (req) => {
      let bytes: Buffer;
      try {
        const part = await req.file();
        if (part?.fieldname !== 'file') throw new AppError('FILE_MISSING');
        bytes = await part.toBuffer();
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (err instanceof AppError) throw err;
        if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('FILE_TOO_LARGE');
        if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        throw err;
      }
      const input = { db, ctx: req.ctx, ...req.params, bytes };
      return req.query.mode === 'apply' ? applyImport(input) : previewImport(input);
    },
  );
  api.post(
    `${base}/collection-periods/:periodId/values`,
    {
      config: enter,
      schema: {
        tags,
        summary: 'Save a value (a new version); baseVersion names the version it was based on (409 when stale)',
        params: collectionPeriodParams,
        body: saveCollectionValueBody,
        response: { 200: collectionValueDetail },
      },
    },
    async (req) => collection.saveValue({ db, ctx: req.ctx, ...req.params, input: req.body }),
  );
  api.get(
    `${base}/collection-values/:valueId`,
    {
      config: read,
      schema: {
        tags,
        summary: 'A value with every version, its evidence (replaced ones too), comments and flags',
        params: collectionValueParams,
        response: { 200: collectionValueDetail },
      },
    },
    async (req) => collection.getValue({ db, ctx: req.ctx, ...req.params }),
  );
  api.post(
    `${base}/collection-values/:valueId/evidence`,
    {
      config: enter,
      schema: {
        tags,
        summary: 'Add evidence: a file you uploaded, an http(s) link, or a text',
        params: collectionValueParams,
        body: evidenceInput,
        response: { 200: collectionValueDetail },
      },
    },
    async (req) => collection.addEvidence({ db, ctx: req.ctx, ...req.params, input: req.body }),
  );
  api.post(
    `${base}/collection-values/:valueId/evidence/:evidenceId/replace`,
    {
      config: enter,
      schema: {
        tags,
        summary: 'Replace evidence; the old item stays with the reason',
        params: collectionEvidenceParams,
        body: replaceEvidenceBody,
        response: { 200: collectionValueDetail },
      },
    },
    async (req) => collection.replaceEvidence({ db, ctx: req.ctx, ...req.params, input: req.body }),
  );
  api.post(
    `${base}/collection-values/:valueId/comments`,
    {
      config: enter,
      schema: {
        tags,
        summary: 'Comment on a value',
        params: collectionValueParams,
        body: commentBody,
        response: { 200: collectionValueDetail },
      },
    },
    async (req) => collection.addComment({ db, ctx: req.ctx, ...req.params, body: req.body.body }),
  );
  api.post(
    `${base}/collection-values/:valueId/flags`,
    {
      config: enter,
      schema: {
        tags,
        summary: 'Raise a follow-up flag on a value',
        params: collectionValueParams,
        body: flagBody,
        response: { 200: collectionValueDetail },
      },
    },
    async (req) => collection.raiseFlag({ db, ctx: req.ctx, ...req.params, note: req.body.note }),
  );
  api.post(
    `${base}/collection-values/:valueId/flags/:flagId/resolve`,
    {
      config: enter,
      schema: {
        tags,
        summary: 'Resolve a follow-up flag',
        params: collectionFlagParams,
        body: resolveFlagBody,
        response: { 200: collectionValueDetail },
      },
    },
    async (req) => collection.resolveFlag({ db, ctx: req.ctx, ...req.params, resolution: req.body.resolution }),
  );
}
