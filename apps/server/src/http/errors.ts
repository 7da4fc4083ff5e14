import { errorMessages, type Locale, pickLocale } from '@sidakin/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { issuesToDetails, RequestValidationError } from './validation.js';

function localeOf(request: FastifyRequest): Locale {
  return request.ctx?.locale ?? pickLocale(request.headers['accept-language']);
}

function text(t: string | { id: string; en: string }, locale: Locale): string {
  return typeof t === 'string' ? t : t[locale];
}

function send(reply: FastifyReply, err: AppError, locale: Locale, details?: { path: string; message: string }[]) {
  for (const [k, v] of Object.entries(err.headers)) reply.header(k, v);
  const d = details ?? err.details?.map((x) => ({ path: x.path, message: text(x.message, locale) }));
  return reply.status(err.status).send({
    error: {
      code: err.code,
      message: err.text[locale],
      ...(d?.length ? { details: d } : {}),
      ...(err.data ? { data: err.data } : {}),
    },
  });
}

/** One place maps every error to HTTP: people get a message in their language, logs get the rest. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    const locale = localeOf(request);
    if (error instanceof AppError) return send(reply, error, locale);
    if (error instanceof RequestValidationError) {
      const details = issuesToDetails(error.issues, error.validationContext, locale);
      return send(reply, new AppError('VALIDATION'), locale, details);
    }
    const fe = error as FastifyError;
    switch (fe.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(reply, new AppError('BODY_TOO_LARGE'), locale, [
          { path: 'body', message: errorMessages.BODY_TOO_LARGE[locale] },
        ]);
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return send(reply, new AppError('UNSUPPORTED_MEDIA_TYPE'), locale, [
          { path: 'headers.content-type', message: errorMessages.UNSUPPORTED_MEDIA_TYPE[locale] },
        ]);
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return send(reply, new AppError('INVALID_JSON'), locale, [
          { path: 'body', message: errorMessages.INVALID_JSON[locale] },
        ]);
    }
    if (error instanceof SyntaxError && fe.statusCode === 400) {
      return send(reply, new AppError('INVALID_JSON'), locale, [
        { path: 'body', message: errorMessages.INVALID_JSON[locale] },
      ]);
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      // Other client errors from the framework (e.g. a malformed URL): a plain 400 without internals.
      request.log.info({ err: error }, 'client error');
      return send(reply, new AppError('VALIDATION', { status: fe.statusCode }), locale);
    }
    // Unique-key violations that slipped past a service check are conflicts, not crashes.
    if ((error as { code?: string }).code === '23505') {
      request.log.warn({ err: error }, 'unique violation');
      return send(reply, new AppError('DUPLICATE'), locale);
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, new AppError('INTERNAL'), locale);
  });
}

export function apiNotFound(request: FastifyRequest, reply: FastifyReply) {
  return send(reply, new AppError('ROUTE_NOT_FOUND'), localeOf(request));
}
