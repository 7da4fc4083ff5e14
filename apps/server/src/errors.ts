import { type ErrorCode, errorMessages, type LocalizedText } from '@sidakin/core';

export interface ErrorDetail {
  /** Where the problem is, e.g. `body.nip` or `query.page`. */
  path: string;
  message: string | LocalizedText;
}

const statusOf: Partial<Record<ErrorCode, number>> = {
  VALIDATION: 400,
  SOP_INVALID: 400,
  SOP_STATE: 409,
  SOP_LANES_UNRESOLVED: 409,
  NOT_AGENCY_HEAD: 403,
  SOP_NOT_EFFECTIVE: 409,
  NOT_ASSIGNEE: 403,
  SELF_REVIEW: 403,
  TASK_NOT_OPEN: 409,
  CASE_NOT_OPEN: 409,
  FILE_TOO_LARGE: 413,
  FILE_TYPE_REFUSED: 415,
  FILE_MISSING: 400,
  PLAN_INACTIVE: 409,
  PLAN_TREE_INVALID: 400,
  AGREEMENT_LOCKED: 409,
  AGREEMENT_NOT_SIGNED: 409,
  AGREEMENT_INCOMPLETE: 400,
  PERIOD_LOCKED: 409,
  COLLECTION_WINDOW_CLOSED: 409,
  FORM_SUBMITTED: 409,
  FORM_HAS_ERRORS: 400,
  SUBMISSION_STATE: 409,
  INVALID_JSON: 400,
  BODY_TOO_LARGE: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  TOTP_REQUIRED: 401,
  TOTP_INVALID: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  TOTP_SETUP_REQUIRED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  ACCOUNT_INACTIVE: 401,
  TOO_MANY_ATTEMPTS: 429,
  CONFLICT: 409,
  STALE_WRITE: 409,
  DUPLICATE: 409,
  POSITION_HELD: 409,
  WORKBOOK_REFUSED: 400,
  IMPORT_INVALID: 400,
  IMPORT_PREVIEW_NOT_FOUND: 404,
  IMPORT_NOT_YOURS: 403,
  IMPORT_STALE: 409,
  SIGNING_PASSPHRASE_WRONG: 400,
  SIGNING_LOCKED: 429,
  SIGNING_CERTIFICATE_MISSING: 409,
  SIGNING_CERTIFICATE_EXISTS: 409,
  SIGNING_NOT_ENROLLABLE: 409,
  SIGNING_NOT_YOUR_TURN: 403,
  SIGNING_DOCUMENT_STATE: 409,
  SIGNING_SERVICE_UNAVAILABLE: 502,
  SIGNING_SERVICE_REFUSED: 422,
  NUMBERING_PATTERN_MISSING: 409,
  INTERNAL: 500,
};

/** The one error type of the application; mapped to HTTP in one place (http/errors.ts). */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorDetail[] | undefined;
  readonly text: LocalizedText;
  readonly headers: Record<string, string>;
  /** What the client needs beside the message (e.g. both versions of a value on a stale save). */
  readonly data: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    opts: {
      status?: number;
      details?: ErrorDetail[];
      message?: LocalizedText;
      headers?: Record<string, string>;
      data?: Record<string, unknown>;
    } = {},
  ) {
    const text = opts.message ?? errorMessages[code];
    super(text.en);
    this.code = code;
    this.status = opts.status ?? statusOf[code] ?? 400;
    this.details = opts.details;
    this.text = text;
    this.headers = opts.headers ?? {};
    this.data = opts.data;
  }
}

export const notFound = () => new AppError('NOT_FOUND');

/** 409 when an update names a version (`expectedUpdatedAt`) that is no longer the current one. */
export function assertFresh(updated: boolean): void {
  if (!updated) {
    throw new AppError('STALE_WRITE', {
      details: [
        {
          path: 'body.expectedUpdatedAt',
          message: {
            id: 'Versi yang Anda ubah sudah tidak terbaru',
            en: 'The version you edited is no longer the latest',
          },
        },
      ],
    });
  }
}
export const forbidden = () => new AppError('FORBIDDEN');

/** A 400 naming one field, e.g. `invalidField('body.parentId', { id: '…', en: '…' })`. */
export function invalidField(path: string, message: string | LocalizedText): AppError {
  return new AppError('VALIDATION', { details: [{ path, message }] });
}
