import {
  certificateFormatQuery,
  certificateListQuery,
  changeSigningPassphraseBody,
  enrolSigningBody,
  governmentEntityParams,
  governmentParams,
  mySigningCertificate,
  publicVerification,
  renewSigningBody,
  revokeCertificateBody,
  signDocumentBody,
  signedDocument,
  signedDocumentFileQuery,
  signedDocumentListQuery,
  signedDocumentPage,
  signerCertificate,
  signerCertificatePage,
  signingAuthority,
  verificationCheck,
  verificationParams,
} from '@sidakin/core';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app.js';
import { AppError } from '../../errors.js';
import { typed } from '../../http/types.js';
import { uploadError } from '../files/files.routes.js';
import { configureSignatures, type SignatureDeps } from './deps.js';
import * as certs from './signatures.service.js';
import * as docs from './signed-documents.service.js';

const read = { access: { permission: 'signatures.read' as const } };
const sign = { access: { permission: 'signatures.sign' as const } };
const manage = { access: { permission: 'signatures.manage' as const } };
const base = '/api/governments/:governmentId';

export async function signatureRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = typed(app);
  const { db, secrets } = deps;
  const sd: SignatureDeps = {
    files: deps.files,
    secrets: deps.secrets,
    signing: deps.signing,
    publicBaseUrl: deps.config.publicBaseUrl,
  };
  configureSignatures(sd);
  const tags = ['signatures'];

  // ── the certificate authority ──
  api.get(
    `${base}/signing-authority`,
    {
      config: read,
      schema: {
        tags,
        summary: "The government's certificate authority (created with the first signer's enrolment)",
        params: governmentParams,
        response: { 200: z.object({ authority: signingAuthority.nullable() }) },
      },
    },
    async (req) => certs.getSigningAuthority({ db, ctx: req.ctx, governmentId: req.params.governmentId }),
  );
  api.get(
    `${base}/signing-authority/certificate`,
    {
      config: read,
      schema: {
        tags,
        summary: "The government's CA certificate, PEM or DER, to trust its signatures in a PDF reader",
        params: governmentParams,
        querystring: certificateFormatQuery,
      },
    },
    async (req, reply) => {
      const f = await certs.downloadAuthorityCertificate({
        db,
        ctx: req.ctx,
        governmentId: req.params.governmentId,
        format: req.query.format,
      });
      return reply.type(f.mediaType).header('content-disposition', contentDisposition(f.fileName)).send(f.bytes);
    },
  );

  // ── signers' certificates ──
  api.get(
    `${base}/signing-certificates`,
    {
      config: manage,
      schema: {
        tags,
        summary: "Signers' certificates of the government (administrators)",
        params: governmentParams,
        querystring: certificateListQuery,
        response: { 200: signerCertificatePage },
      },
    },
    async (req) =>
      certs.listCertificates({ db, ctx: req.ctx, governmentId: req.params.governmentId, query: req.query }),
  );
  api.post(
    `${base}/signing-certificates/:id/revoke`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Revoke a signer certificate, with the reason (it can no longer sign; past signatures stay)',
        params: governmentEntityParams,
        body: revokeCertificateBody,
        response: { 200: signerCertificate },
      },
    },
    async (req) => certs.revokeCertificate({ db, ctx: req.ctx, ...req.params, reason: req.body.reason }),
  );
  api.get(
    `${base}/signing-certificates/mine`,
    {
      config: sign,
      schema: {
        tags,
        summary: "The caller's signing certificate, its history, and whether they can enrol",
        params: governmentParams,
        response: { 200: mySigningCertificate },
      },
    },
    async (req) =>
      certs.mySigningCertificate({
        db,
        ctx: req.ctx,
        governmentId: req.params.governmentId,
        mode: deps.signing.mode,
      }),
  );
  api.post(
    `${base}/signing-certificates/mine`,
    {
      config: sign,
      schema: {
        tags,
        summary:
          "Enrol: a key pair and a certificate from the government's CA, the key encrypted under the chosen passphrase (never stored)",
        params: governmentParams,
        body: enrolSigningBody,
        response: { 201: signerCertificate },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await certs.enrol({
          db,
          secrets,
          ctx: req.ctx,
          governmentId: req.params.governmentId,
          passphrase: req.body.passphrase,
          mode: deps.signing.mode,
        }),
      ),
  );
  api.post(
    `${base}/signing-certificates/mine/passphrase`,
    {
      config: sign,
      schema: {
        tags,
        summary: 'Change the signing passphrase (the current one unlocks the key, the new one locks it again)',
        params: governmentParams,
        body: changeSigningPassphraseBody,
        response: { 200: signerCertificate },
      },
    },
    async (req) =>
      certs.changePassphrase({ db, secrets, ctx: req.ctx, governmentId: req.params.governmentId, ...req.body }),
  );
  api.post(
    `${base}/signing-certificates/mine/renew`,
    {
      config: sign,
      schema: {
        tags,
        summary: 'Renew: a new key pair and certificate under the same passphrase; the old certificate is superseded',
        params: governmentParams,
        body: renewSigningBody,
        response: { 200: signerCertificate },
      },
    },
    async (req) =>
      certs.renew({
        db,
        secrets,
        ctx: req.ctx,
        governmentId: req.params.governmentId,
        passphrase: req.body.passphrase,
      }),
  );

  // ── documents to be signed ──
  api.get(
    `${base}/signed-documents`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Documents to be signed and signed documents (awaiting=me: those waiting for the caller)',
        params: governmentParams,
        querystring: signedDocumentListQuery,
        response: { 200: signedDocumentPage },
      },
    },
    async (req) =>
      docs.listSignedDocuments({ db, ctx: req.ctx, deps: sd, governmentId: req.params.governmentId, query: req.query }),
  );
  api.get(
    `${base}/signed-documents/:id`,
    {
      config: read,
      schema: {
        tags,
        summary: 'A signed document: its signers in order, each signature, the files',
        params: governmentEntityParams,
        response: { 200: signedDocument },
      },
    },
    async (req) => docs.getSignedDocument({ db, ctx: req.ctx, deps: sd, ...req.params }),
  );
  api.get(
    `${base}/signed-documents/:id/file`,
    {
      config: read,
      schema: {
        tags,
        summary: 'The PDF as it is now (with the signatures so far) or as it was before the first signature',
        params: governmentEntityParams,
        querystring: signedDocumentFileQuery,
      },
    },
    async (req, reply) => {
      const f = await docs.signedDocumentFile({
        db,
        ctx: req.ctx,
        deps: sd,
        ...req.params,
        version: req.query.version,
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition(f.fileName, { type: req.query.disposition }))
        .header('cache-control', 'private, no-cache')
        .send(f.bytes);
    },
  );
  api.post(
    `${base}/signed-documents/:id/sign`,
    {
      config: sign,
      schema: {
        tags,
        summary:
          'Sign as the position whose turn it is (definitive, Plt or Plh), unlocking the key with the passphrase',
        params: governmentEntityParams,
        body: signDocumentBody,
        response: { 200: signedDocument },
      },
    },
    async (req) =>
      docs.signDocument({
        db,
        ctx: req.ctx,
        deps: sd,
        governmentId: req.params.governmentId,
        documentId: req.params.id,
        passphrase: req.body.passphrase,
      }),
  );
  api.post(
    `${base}/signed-documents/:id/cancel`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Cancel a document still waiting for signatures; its number stays in the buku agenda, void',
        params: governmentEntityParams,
        body: z.strictObject({ reason: z.string().trim().min(5).max(2000) }),
        response: { 200: signedDocument },
      },
    },
    async (req) =>
      docs.cancelSignatureRequest({
        db,
        ctx: req.ctx,
        deps: sd,
        governmentId: req.params.governmentId,
        documentId: req.params.id,
        reason: req.body.reason,
      }),
  );

  // ── public verification (no sign-in) ──
  const publicTags = ['verification'];
  api.get(
    '/api/public/verify/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: publicTags,
        summary: 'Public: what a verification code stands for — number, title, agency, signers and times, SHA-256',
        params: verificationParams,
        response: { 200: publicVerification },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return docs.publicVerification(db, req.params.code);
    },
  );
  api.post(
    '/api/public/verify/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: publicTags,
        summary:
          'Public: is this file exactly the signed document? (multipart, one part named "file", at most 20 MB; nothing is stored)',
        consumes: ['multipart/form-data'],
        params: verificationParams,
        response: { 200: verificationCheck },
      },
    },
    async (req) => {
      let bytes: Buffer;
      try {
        const part = await req.file();
        if (part?.fieldname !== 'file') throw new AppError('FILE_MISSING');
        bytes = await part.toBuffer();
      } catch (err) {
        throw uploadError(err);
      }
      if (bytes.length === 0) throw new AppError('FILE_MISSING');
      return docs.checkFile(db, req.params.code, bytes);
    },
  );
  api.get(
    '/api/public/verify/:code/authority-certificate',
    {
      config: { access: 'public' },
      schema: {
        tags: publicTags,
        summary: "Public: the CA certificate of the document's government, to trust its signatures in a PDF reader",
        params: verificationParams,
        querystring: certificateFormatQuery,
      },
    },
    async (req, reply) => {
      const governmentId = await docs.verificationAuthority(db, req.params.code);
      const f = await certs.authorityCertificateFile({ db, governmentId, format: req.query.format });
      return reply.type(f.mediaType).header('content-disposition', contentDisposition(f.fileName)).send(f.bytes);
    },
  );
}
