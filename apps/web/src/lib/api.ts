import type { ErrorResponse, Locale } from '@sidakin/core';

/** One field error as the server reports it: `path` is like `body.nip` or `body.letterheadLines.2`. */
export interface ErrorDetail {
  path: string;
  message: string;
}

/** Any failed API call. `message` is for people and already in the user's language. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];
  /** Seconds from a Retry-After header (429), if any. */
  readonly retryAfter: number | null;
  /** What the server adds to resolve it, e.g. a stale save's `stored` and `sent` values. */
  readonly data: Record<string, unknown> | null;
  /** The whole answer, for the few that carry more beside `error` (an import's cell `problems`). */
  readonly body: unknown;

  constructor(options: {
    status: number;
    code: string;
    message: string;
    details?: ErrorDetail[];
    retryAfter?: number | null;
    data?: Record<string, unknown> | null;
    body?: unknown;
  }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.details = options.details ?? [];
    this.retryAfter = options.retryAfter ?? null;
    this.data = options.data ?? null;
    this.body = options.body ?? null;
  }

  /** Field errors keyed by form field: `body.nip` → `nip`, `body.letterheadLines.2` → `letterheadLines`. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const detail of this.details) {
      const field = fieldOfPath(detail.path);
      if (field && !(field in out)) out[field] = detail.message;
    }
    return out;
  }
}

export function fieldOfPath(path: string): string | null {
  const parts = path.split('.').filter(Boolean);
  if (parts[0] === 'body' || parts[0] === 'query' || parts[0] === 'params') parts.shift();
  return parts[0] ?? null;
}

/** True for an ApiError with this `code`, e.g. `isApiError(error, 'STALE_WRITE')`. */
export function isApiError(error: unknown, code: string): error is ApiError {
  return error instanceof ApiError && error.code === code;
}

/** 401 codes that mean "the credentials you just typed are wrong", not "your session is gone". */
const credentialCodes = new Set(['INVALID_CREDENTIALS', 'TOTP_REQUIRED', 'TOTP_INVALID', 'WRONG_PASSWORD']);

/** 403 codes that mean "this account must first change its password or set up two-step verification". */
const accountSetupCodes = new Set(['PASSWORD_CHANGE_REQUIRED', 'TOTP_SETUP_REQUIRED']);

type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

interface ApiConfig {
  getLocale: () => Locale;
  /** Called when a request finds the session gone (401); the app sends the person to sign in. */
  onUnauthorized: () => void;
  /** Called when the server refuses everything until the account is set up (403); the app opens /akun. */
  onAccountSetupRequired: () => void;
  /** Text for "the server could not be reached", in the current language. */
  networkErrorMessage: () => string;
}

let config: ApiConfig = {
  getLocale: () => 'id',
  onUnauthorized: () => {},
  onAccountSetupRequired: () => {},
  networkErrorMessage: () => 'Tidak dapat menghubungi server',
};
let csrfToken: string | null = null;

export function configureApi(next: Partial<ApiConfig>): void {
  config = { ...config, ...next };
}

/** Remembers the token from the latest /api/auth/me or login answer. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function buildQuery(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A multipart body (file uploads); the browser sets its Content-Type with the boundary. */
  form?: FormData;
  /** Do not send the person to the sign-in page on 401 (the sign-in and session checks). */
  quiet401?: boolean;
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': config.getLocale(),
  };
  if (options.body !== undefined && !options.form) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(`/api${path}${buildQuery(options.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK', message: config.networkErrorMessage() });
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function toApiError(response: Response, data: unknown): ApiError {
  const error = (data as Partial<ErrorResponse> | null)?.error;
  const retryHeader = response.headers.get('Retry-After');
  const retryAfter = retryHeader && /^\d+$/.test(retryHeader) ? Number(retryHeader) : null;
  return new ApiError({
    status: response.status,
    code: error?.code ?? `HTTP_${response.status}`,
    message: error?.message ?? `${response.status} ${response.statusText}`,
    details: error?.details ?? [],
    retryAfter,
    data: error?.data ?? null,
    body: data,
  });
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  let response = await send(method, path, options);
  let data = await readJson(response);

  // A stale CSRF token (for example after the server restarted) is refreshed once.
  if (response.status === 403 && (data as Partial<ErrorResponse> | null)?.error?.code === 'CSRF') {
    const me = await send('GET', '/auth/me', {});
    const meData = await readJson(me);
    if (me.ok && rememberToken(meData)) {
      response = await send(method, path, options);
      data = await readJson(response);
    }
  }

  if (!response.ok) {
    const error = toApiError(response, data);
    if (response.status === 401 && !options.quiet401 && !credentialCodes.has(error.code)) {
      config.onUnauthorized();
    }
    if (response.status === 403 && accountSetupCodes.has(error.code)) config.onAccountSetupRequired();
    throw error;
  }
  rememberToken(data);
  return data as T;
}

function rememberToken(data: unknown): boolean {
  if (data && typeof data === 'object' && 'csrfToken' in data) {
    const token = (data as { csrfToken: unknown }).csrfToken;
    if (typeof token === 'string') {
      csrfToken = token;
      return true;
    }
  }
  return false;
}

export const api = {
  get: <T>(path: string, query?: Query, options?: Omit<RequestOptions, 'query' | 'body'>) =>
    request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** POSTs one file as multipart/form-data in the part `field` (CSRF header included). */
  upload: <T>(path: string, file: File, field = 'file') => {
    const form = new FormData();
    form.append(field, file, file.name);
    return request<T>('POST', path, { form });
  },
};

/** Path prefix of everything scoped to one government. */
export function govPath(governmentId: string, rest = ''): string {
  return `/governments/${governmentId}${rest}`;
}
