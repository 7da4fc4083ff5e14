import {
  agendaEntry,
  agendaExportQuery,
  agendaListQuery,
  agendaPage,
  allocateNumberBody,
  createNumberingPatternBody,
  governmentEntityParams,
  governmentParams,
  numberingPattern,
  numberingPatternListQuery,
  updateNumberingPatternBody,
  voidAgendaEntryBody,
} from '@sidakin/core';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app.js';
import { typed } from '../../http/types.js';
import * as numbering from './numbering.service.js';

const read = { access: { permission: 'numbering.read' as const } };
const allocate = { access: { permission: 'numbering.allocate' as const } };
const manage = { access: { permission: 'numbering.manage' as const } };
const base = '/api/governments/:governmentId';
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function numberingRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;
  const tags = ['numbering'];

  api.get(
    `${base}/numbering-patterns`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Numbering patterns per agency and kind of document, each with the next number it would give',
        params: governmentParams,
        querystring: numberingPatternListQuery,
        response: { 200: z.object({ items: z.array(numberingPattern) }) },
      },
    },
    async (req) =>
      numbering.listPatterns({ db, ctx: req.ctx, governmentId: req.params.governmentId, agencyId: req.query.agencyId }),
  );
  api.post(
    `${base}/numbering-patterns`,
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Set the numbering pattern of a kind of document in an agency ({seq}, {seq:3}, {year}, {month}, {romanMonth})',
        params: governmentParams,
        body: createNumberingPatternBody,
        response: { 201: numberingPattern },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await numbering.createPattern({ db, ctx: req.ctx, governmentId: req.params.governmentId, input: req.body }),
        ),
  );
  api.patch(
    `${base}/numbering-patterns/:id`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a numbering pattern (numbers already given keep theirs)',
        params: governmentEntityParams,
        body: updateNumberingPatternBody,
        response: { 200: numberingPattern },
      },
    },
    async (req) => numbering.updatePattern({ db, ctx: req.ctx, ...req.params, input: req.body }),
  );

  api.get(
    `${base}/agenda`,
    {
      config: read,
      schema: {
        tags,
        summary: 'The buku agenda: every number given, void ones included, newest first',
        params: governmentParams,
        querystring: agendaListQuery,
        response: { 200: agendaPage },
      },
    },
    async (req) => numbering.listAgenda({ db, ctx: req.ctx, governmentId: req.params.governmentId, query: req.query }),
  );
  api.get(
    `${base}/agenda/export`,
    {
      config: read,
      schema: {
        tags,
        summary: 'The buku agenda as Excel, with the same filters as the list',
        params: governmentParams,
        querystring: agendaExportQuery,
      },
    },
    async (req, reply) => {
      const f = await numbering.exportAgenda({
        db,
        ctx: req.ctx,
        governmentId: req.params.governmentId,
        query: req.query,
      });
      return reply
        .type(xlsxType)
        .header('content-disposition', contentDisposition(f.fileName))
        .header('cache-control', 'no-store')
        .send(f.bytes);
    },
  );
  api.post(
    `${base}/agenda`,
    {
      config: allocate,
      schema: {
        tags,
        summary: "Take the next number of an agency's kind of document for a letter, and write it in the book",
        params: governmentParams,
        body: allocateNumberBody,
        response: { 201: agendaEntry },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await numbering.allocateNumber({ db, ctx: req.ctx, governmentId: req.params.governmentId, input: req.body }),
        ),
  );
  api.post(
    `${base}/agenda/:id/void`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Void a number with the reason; it stays in the book and is never given again',
        params: governmentEntityParams,
        body: voidAgendaEntryBody,
        response: { 200: agendaEntry },
      },
    },
    async (req) => numbering.voidAgendaEntry({ db, ctx: req.ctx, ...req.params, reason: req.body.reason }),
  );
}
