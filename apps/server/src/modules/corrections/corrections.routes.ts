import {
  addCorrectionEvidenceBody,
  correction,
  correctionDecisionsBody,
  correctionItemParams,
  correctionListQuery,
  correctionMeetingParams,
  correctionParams,
  correctionSummary,
  createMeetingBody,
  governmentParams,
  pageOf,
  proposeCorrectionItemBody,
  reviseCorrectionItemBody,
  startCorrectionBody,
  updateMeetingBody,
  withdrawCorrectionItemBody,
} from '@sidakin/core';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app.js';
import { authorize } from '../../http/access.js';
import { typed } from '../../http/types.js';
import { renderConcept } from './corrections.documents.js';
import { createMeeting, updateMeeting, useCorrectionFileStore } from './corrections.meetings.js';
import * as corrections from './corrections.service.js';
import { prepareDocument, signCorrection } from './corrections.signing.js';
import './corrections.steps.js';
import { z } from 'zod';
import { signatureDeps } from '../signatures/deps.js';

const read = { access: { permission: 'cases.read' as const } };
const act = { access: { permission: 'cases.act' as const } };
const base = '/api/governments/:governmentId/corrections';
const tags = ['corrections'];

export async function correctionRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;
  useCorrectionFileStore(deps.files);

  api.get(
    base,
    {
      config: read,
      schema: {
        tags,
        summary: 'Corrections of validated data (per agency and year)',
        params: governmentParams,
        querystring: correctionListQuery,
        response: { 200: pageOf(correctionSummary) },
      },
    },
    async (req) =>
      corrections.listCorrections({ db, ctx: req.ctx, governmentId: req.params.governmentId, query: req.query }),
  );
  api.post(
    base,
    {
      config: act,
      schema: {
        tags,
        summary: 'Start a correction of locked data: its scope, and the case of the correction SOP that runs it',
        params: governmentParams,
        body: startCorrectionBody,
        response: { 201: correction },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await corrections.startCorrection({
          db,
          ctx: req.ctx,
          governmentId: req.params.governmentId,
          input: req.body,
        }),
      ),
  );
  api.get(
    `${base}/:correctionId`,
    {
      config: read,
      schema: {
        tags,
        summary: 'A correction with its items, meetings, paraf and document',
        params: correctionParams,
        response: { 200: correction },
      },
    },
    async (req) =>
      corrections.getCorrection({
        db,
        ctx: req.ctx,
        governmentId: req.params.governmentId,
        id: req.params.correctionId,
      }),
  );
  api.get(
    `${base}/:correctionId/concept`,
    {
      config: read,
      schema: {
        tags,
        summary: 'The concept of the Dokumen Perbaikan Data Kinerja as it stands (PDF, unnumbered, unsigned)',
        params: correctionParams,
      },
    },
    async (req, reply) => {
      authorize(req.ctx.actor, 'cases.read', req.params.governmentId);
      const c = await corrections.loadCorrection(db, req.params.governmentId, req.params.correctionId);
      const doc = await renderConcept(db, c, req.params.governmentId);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition(doc.fileName))
        .header('cache-control', 'no-store')
        .send(doc.bytes);
    },
  );

  // ── items ──
  api.post(
    `${base}/:correctionId/items`,
    {
      config: act,
      schema: {
        tags,
        summary: 'Propose a corrected value (at a correcting or meeting step the person holds)',
        params: correctionParams,
        body: proposeCorrectionItemBody,
        response: { 201: correction },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await corrections.proposeItem({
          db,
          ctx: req.ctx,
          governmentId: req.params.governmentId,
          correctionId: req.params.correctionId,
          input: req.body,
        }),
      ),
  );
  api.patch(
    `${base}/:correctionId/items/:itemId`,
    {
      config: act,
      schema: {
        tags,
        summary: 'Revise a proposed (or returned) item',
        params: correctionItemParams,
        body: reviseCorrectionItemBody,
        response: { 200: correction },
      },
    },
    async (req) => corrections.reviseItem({ db, ctx: req.ctx, ...req.params, input: req.body }),
  );
  api.post(
    `${base}/:correctionId/items/:itemId/withdraw`,
    {
      config: act,
      schema: {
        tags,
        summary: 'Withdraw an item, with a reason (its history stays)',
        params: correctionItemParams,
        body: withdrawCorrectionItemBody,
        response: { 200: correction },
      },
    },
    async (req) => corrections.withdrawItem({ db, ctx: req.ctx, ...req.params, reason: req.body.reason }),
  );
  api.post(
    `${base}/:correctionId/items/:itemId/evidence`,
    {
      config: act,
      schema: {
        tags,
        summary: 'Add evidence to an item (a file uploaded first, a link or a text)',
        params: correctionItemParams,
        body: addCorrectionEvidenceBody,
        response: { 200: correction },
      },
    },
    async (req) => corrections.addItemEvidence({ db, ctx: req.ctx, ...req.params, evidence: req.body.evidence }),
  );
  api.post(
    `${base}/:correctionId/decisions`,
    {
      config: act,
      schema: {
        tags,
        summary:
          'Decisions on items at a review step (approve, or return with a reason) or at a rapat that fixes the final data (approve)',
        params: correctionParams,
        body: correctionDecisionsBody,
        response: { 200: correction },
      },
    },
    async (req) => corrections.decideItems({ db, ctx: req.ctx, ...req.params, decisions: req.body.decisions }),
  );

  // ── meetings ──
  api.post(
    `${base}/:correctionId/meetings`,
    {
      config: act,
      schema: {
        tags,
        summary: 'Set up the rapat of a meeting step (its invitation is produced)',
        params: correctionParams,
        body: createMeetingBody,
        response: { 201: correction },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createMeeting({ db, ctx: req.ctx, ...req.params, input: req.body })),
  );
  api.patch(
    `${base}/:correctionId/meetings/:meetingId`,
    {
      config: act,
      schema: {
        tags,
        summary: 'Record a rapat: attendance, minutes, decisions',
        params: correctionMeetingParams,
        body: updateMeetingBody,
        response: { 200: correction },
      },
    },
    async (req) => updateMeeting({ db, ctx: req.ctx, ...req.params, input: req.body }),
  );

  // ── the signature ──
  api.post(
    `${base}/:correctionId/document`,
    {
      config: act,
      schema: {
        tags,
        summary:
          'Prepare the Dokumen Perbaikan Data Kinerja for signature at the signing step: its number, its signers, its QR code',
        params: correctionParams,
        body: z.strictObject({ additionalPositionIds: z.array(z.uuid()).max(20).default([]) }),
        response: { 201: correction },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await prepareDocument({
          db,
          ctx: req.ctx,
          ...req.params,
          additionalPositionIds: req.body.additionalPositionIds,
        }),
      ),
  );
  api.post(
    `${base}/:correctionId/sign`,
    {
      config: act,
      schema: {
        tags,
        summary:
          "Sign the correction's document as the signer whose turn it is; the last signature applies the corrections",
        params: correctionParams,
        body: z.strictObject({ passphrase: z.string().min(1).max(200) }),
        response: { 200: correction },
      },
    },
    async (req) =>
      signCorrection({ db, ctx: req.ctx, deps: signatureDeps(), ...req.params, passphrase: req.body.passphrase }),
  );
}
