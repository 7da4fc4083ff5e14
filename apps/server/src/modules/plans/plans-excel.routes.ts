import {
  agreementParams,
  applyImportBody,
  importApplied,
  importPreview,
  planParams,
  xlsxMediaType,
} from '@sidakin/core';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app.js';
import { AppError } from '../../errors.js';
import { typed } from '../../http/types.js';
import { xlsxLimits } from '../../xlsx/inspect.js';
import * as excel from './plans-excel.js';

// Excel export/template, preview and apply for a Renstra and for a Perjanjian Kinerja's targets.
// An upload is multipart/form-data with one part named "file". A file with errors answers 400
// { error, problems: [{ sheet, row, column, message }] }.

const read = { access: { permission: 'plans.read' as const } };
const manage = { access: { permission: 'plans.manage' as const } };
const base = '/api/governments/:governmentId';
const tags = ['plans'];

/** The bytes of the one uploaded file, limited to what an Excel import accepts. */
async function uploadedWorkbook(req: FastifyRequest): Promise<Buffer> {
  try {
    const part = await req.file({ limits: { fileSize: xlsxLimits.fileBytes, files: 1, fields: 0, parts: 1 } });
    if (part?.fieldname !== 'file') throw new AppError('FILE_MISSING');
    return await part.toBuffer();
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('FILE_TOO_LARGE', {
        message: { id: 'Berkas Excel melebihi batas 10 MB', en: 'The Excel file exceeds the 10 MB limit' },
      });
    }
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw new AppError('VALIDATION');
    }
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError('UNSUPPORTED_MEDIA_TYPE');
    throw err;
  }
}

/** Runs a preview or an apply; a file with errors is answered with every problem. */
async function answer<T>(req: FastifyRequest, reply: FastifyReply, fn: () => Promise<T>): Promise<T | FastifyReply> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof excel.ImportInvalid)) throw err;
    const locale = req.ctx.locale;
    return reply.status(400).send({
      error: { code: err.code, message: err.text[locale] },
      problems: excel.presentProblems(err.problems, locale),
    });
  }
}

function sendWorkbook(reply: FastifyReply, file: { fileName: string; bytes: Buffer }) {
  return reply
    .type(xlsxMediaType)
    .header('content-disposition', contentDisposition(file.fileName))
    .header('cache-control', 'private, no-cache')
    .send(file.bytes);
}

export async function planExcelRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  api.get(
    `${base}/plans/:planId/excel`,
    {
      config: read,
      schema: {
        tags,
        summary: 'The Renstra as an Excel workbook (export and import template)',
        params: planParams,
        produces: [xlsxMediaType],
      },
    },
    async (req, reply) =>
      sendWorkbook(
        reply,
        await excel.exportPlanWorkbook({
          db,
          ctx: req.ctx,
          governmentId: req.params.governmentId,
          planId: req.params.planId,
        }),
      ),
  );
  api.post(
    `${base}/plans/:planId/excel/preview`,
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Check an edited Renstra workbook and preview what it would change (multipart, one part "file"; nothing is saved)',
        consumes: ['multipart/form-data'],
        params: planParams,
        response: { 200: importPreview },
      },
    },
    async (req, reply) => {
      const bytes = await uploadedWorkbook(req);
      return answer(req, reply, () =>
        excel.previewPlanImport({
          db,
          ctx: req.ctx,
          governmentId: req.params.governmentId,
          planId: req.params.planId,
          bytes,
        }),
      );
    },
  );
  api.post(
    `${base}/plans/:planId/excel/apply`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Apply a Renstra import preview (same user, within 30 minutes; 409 if the plan changed since)',
        params: planParams,
        body: applyImportBody,
        response: { 200: importApplied },
      },
    },
    async (req, reply) =>
      answer(req, reply, () =>
        excel.applyPlanImport({
          db,
          ctx: req.ctx,
          governmentId: req.params.governmentId,
          planId: req.params.planId,
          input: req.body,
        }),
      ),
  );

  api.get(
    `${base}/performance-agreements/:agreementId/excel`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Targets (annual, T1–T4) and pagu of a performance agreement as an Excel workbook',
        params: agreementParams,
        produces: [xlsxMediaType],
      },
    },
    async (req, reply) =>
      sendWorkbook(
        reply,
        await excel.exportAgreementWorkbook({
          db,
          ctx: req.ctx,
          governmentId: req.params.governmentId,
          agreementId: req.params.agreementId,
        }),
      ),
  );
  api.post(
    `${base}/performance-agreements/:agreementId/excel/preview`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Check an edited agreement workbook and preview what it would change (multipart, one part "file")',
        consumes: ['multipart/form-data'],
        params: agreementParams,
        response: { 200: importPreview },
      },
    },
    async (req, reply) => {
      const bytes = await uploadedWorkbook(req);
      return answer(req, reply, () =>
        excel.previewAgreementImport({
          db,
          ctx: req.ctx,
          governmentId: req.params.governmentId,
          agreementId: req.params.agreementId,
          bytes,
        }),
      );
    },
  );
  api.post(
    `${base}/performance-agreements/:agreementId/excel/apply`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Apply an agreement import preview (same user, within 30 minutes; 409 if the agreement changed)',
        params: agreementParams,
        body: applyImportBody,
        response: { 200: importApplied },
      },
    },
    async (req, reply) =>
      answer(req, reply, () =>
        excel.applyAgreementImport({
          db,
          ctx: req.ctx,
          governmentId: req.params.governmentId,
          agreementId: req.params.agreementId,
          input: req.body,
        }),
      ),
  );
}
