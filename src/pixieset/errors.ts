// One error family for everything that can go wrong talking to Pixieset. Messages never hold cookie or token values.
import { safeLine } from './safe-text.js';

export type ErrorCode =
  | 'auth'
  | 'csrf'
  | 'blocked'
  | 'not_found'
  | 'validation'
  | 'rate_limited'
  | 'upstream'
  | 'network'
  | 'timeout'
  | 'unexpected_response'
  | 'too_large'
  | 'invalid_header'
  | 'cancelled';

// What an error knows, as data: the words for the model (what to do, which tool, which setting) are chosen at
// the tool edge (tools/error-text.ts), never here.
export interface ErrorContext {
  // "GET /clients/{client_id}" style: method and path template, never the query or cookie.
  endpoint?: string | undefined;
  status?: number | undefined;
  // What was asked for, when one thing was: "client" and its id.
  resource?: string | undefined;
  id?: string | undefined;
  // The error this one stands for (a transport error, a parse error), kept for logs and for callers.
  cause?: unknown;
  // Which Pixieset host answered: 'studio' (the default) or 'gallery'.
  host?: 'studio' | 'gallery' | undefined;
}

// Base class: `message` says what happened, neutrally; the fields say to what.
export class PixiesetError extends Error {
  readonly endpoint: string | undefined;
  readonly status: number | undefined;
  readonly resource: string | undefined;
  readonly id: string | undefined;
  readonly host: 'studio' | 'gallery';
  constructor(
    readonly code: ErrorCode,
    message: string,
    context: ErrorContext = {},
  ) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.name = new.target.name;
    this.endpoint = context.endpoint;
    this.status = context.status;
    this.resource = context.resource;
    this.id = context.id;
    this.host = context.host ?? 'studio';
  }
}

// The session cookie is missing, expired or wrong (401, 419 on a read, a redirect, a login page).
export class AuthError extends PixiesetError {
  constructor(reason: string, context: ErrorContext = {}) {
    super(
      'auth',
      `Pixieset${context.host === 'gallery' ? "'s gallery host" : ''} did not accept the session (${reason}): the session cookie has expired or is wrong.`,
      context,
    );
  }
}

// A write was refused for a missing or stale CSRF token (419).
export class CsrfError extends PixiesetError {
  constructor(context: ErrorContext = {}) {
    super(
      'csrf',
      'Pixieset refused the change because the CSRF token was missing or stale (HTTP 419). Nothing was created.',
      context,
    );
  }
}

// Cloudflare's bot protection answered instead of Pixieset.
export class BlockedError extends PixiesetError {
  constructor(context: ErrorContext = {}) {
    super('blocked', "Pixieset's bot protection (Cloudflare) blocked the request.", context);
  }
}

// The resource (context.resource and id), or the endpoint itself (no resource), does not exist.
export class NotFoundError extends PixiesetError {
  constructor(context: ErrorContext = {}) {
    const what = context.resource
      ? `${context.resource[0]?.toUpperCase()}${context.resource.slice(1).replace(/_/g, ' ')} ${context.id ?? ''}`.trim()
      : `The endpoint ${context.endpoint ?? '(unknown)'}`;
    super('not_found', `${what} was not found.`, context);
  }
}

// The studio's API does not offer this area (contracts, sessions…) at this endpoint: 404 or 405 there.
export class NotOfferedError extends PixiesetError {
  constructor(
    readonly area: string,
    context: ErrorContext = {},
  ) {
    super(
      'not_found',
      `This studio's Pixieset API does not offer ${area}${context.endpoint ? ` at ${context.endpoint}` : ''}.`,
      context,
    );
  }
}

// Input was rejected, locally before sending anything or by the API (422); fields carry the messages verbatim.
// `suggestion`, when given, is how to correct it (it names arguments, never tools or settings).
export class ValidationError extends PixiesetError {
  constructor(
    message: string,
    readonly fields: Record<string, string[]> = {},
    readonly suggestion?: string,
    context: ErrorContext = {},
  ) {
    const lines = Object.entries(fields).map(([field, msgs]) => `  - ${field}: ${msgs.join(' ')}`);
    super('validation', lines.length ? `${message}\n${lines.join('\n')}` : message, context);
  }
}

// An id of the wrong form, found before any request: `expected` is its kind, `reason` what is wrong.
export class InvalidIdError extends ValidationError {
  constructor(
    readonly expected: string,
    reason: string,
    readonly idCheck: 'strict' | 'lenient' | 'auto',
    readonly shape: string,
  ) {
    super(`Invalid ${expected.replace(/_/g, ' ')} id. ${reason}`);
  }
}

// 429: too many requests; retryAfterMs is the server's requested delay when it gave one.
export class RateLimitError extends PixiesetError {
  constructor(
    readonly retryAfterMs: number | undefined,
    context: ErrorContext = {},
  ) {
    super('rate_limited', `Pixieset is rate-limiting requests (HTTP 429).`, context);
  }
}

// Pixieset answered with a server error or an unexpected status.
export class UpstreamError extends PixiesetError {
  constructor(status: number, detail: string, context: ErrorContext = {}) {
    super('upstream', `Pixieset answered HTTP ${status}${detail ? `: ${detail}` : ''}.`, {
      ...context,
      status,
    });
  }
}

// The connection failed (refused, reset, DNS).
export class NetworkError extends PixiesetError {
  // notSent: the connection was never made (refused, DNS), so Pixieset cannot have acted on the request.
  constructor(
    detail: string,
    context: ErrorContext = {},
    readonly notSent = false,
  ) {
    super('network', `Could not reach Pixieset (${detail}).`, context);
  }
}

// No answer within the per-request timeout.
export class TimeoutError extends PixiesetError {
  constructor(
    readonly timeoutMs: number,
    context: ErrorContext = {},
  ) {
    super('timeout', `Pixieset did not answer within ${timeoutMs} ms.`, context);
  }
}

// A 2xx whose body is not the shape this server expects: the unofficial API probably changed.
export class UnexpectedResponseError extends PixiesetError {
  constructor(
    readonly field: string,
    readonly detail: string,
    context: ErrorContext = {},
  ) {
    super(
      'unexpected_response',
      `Pixieset's answer${context.endpoint ? ` to ${context.endpoint}` : ''} had an unexpected shape at "${field}": ${detail}.`,
      context,
    );
  }
}

// A list whose page N brought only rows already read: the API ignores the page number (or repeats pages), so
// the list cannot be read whole. Raised at the first such page, so no more pages are asked for.
export class PagingError extends UnexpectedResponseError {
  constructor(
    readonly page: number,
    context: ErrorContext = {},
  ) {
    super(
      'page',
      `page ${page} repeated rows already read, so paging is not working and the list cannot be read whole`,
      context,
    );
  }
}

// A write that Pixieset answered with success (2xx) but whose answer could not be read: it was carried out.
export class UnreadableSuccessError extends UnexpectedResponseError {
  constructor(cause: UnexpectedResponseError) {
    super(cause.field, cause.detail, { endpoint: cause.endpoint, status: cause.status, cause });
  }
}

// A response body larger than the configured bound: the request was abandoned and nothing of it kept.
export class BodyTooLargeError extends PixiesetError {
  constructor(maxBytes: number, context: ErrorContext = {}) {
    const mib = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
    super(
      'too_large',
      `Pixieset's answer${context.endpoint ? ` to ${context.endpoint}` : ''} was larger than ${mib} MiB, so it was not read.`,
      context,
    );
  }
}

// 431: the Cookie header grew too large for Pixieset (e.g. cookies added by Set-Cookie).
export class CookieTooLargeError extends PixiesetError {
  constructor(context: ErrorContext = {}) {
    super('auth', 'Pixieset refused the request because the Cookie header is too large (HTTP 431).', {
      ...context,
      status: 431,
    });
  }
}

// A header value that cannot be sent (a character outside printable ASCII): the request was not sent.
export class InvalidHeaderError extends PixiesetError {
  constructor(
    readonly header: string,
    problem: string,
    context: ErrorContext = {},
  ) {
    super('invalid_header', `The ${header} header has ${problem}, so nothing was sent.`, context);
  }
}

// The caller cancelled the tool call; no further requests are made.
export class CancelledError extends PixiesetError {
  constructor(context: ErrorContext = {}) {
    super('cancelled', 'The request was cancelled.', context);
  }
}

export const isPixiesetError = (e: unknown): e is PixiesetError => e instanceof PixiesetError;

export interface ResponseFacts {
  method: string;
  endpoint: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  // What a 404 here means: the resource asked for, and its id.
  notFound?: { resource: string; id: string } | undefined;
  // The API area of an endpoint a studio may not have.
  area?: string | undefined;
  host?: 'studio' | 'gallery' | undefined;
}

const header = (headers: ResponseFacts['headers'], name: string): string | undefined => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

// True when a body looks like an HTML page (login page, Cloudflare interstitial) rather than JSON.
export const looksLikeHtml = (contentType: string | undefined, body: string): boolean =>
  (contentType ?? '').includes('text/html') || /^\s*<(!doctype|html|head|body)/i.test(body);

// Parses Retry-After (seconds or an HTTP date) into milliseconds.
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

// The error code an error body gives, in any of the documented envelopes: {error: {code}}, {code}, {error: "…"}.
function errorCodeOf(body: string): string | undefined {
  try {
    const j = JSON.parse(body) as Record<string, unknown> | null;
    const inner = j && typeof j.error === 'object' && j.error ? (j.error as Record<string, unknown>) : j;
    const code = inner?.code ?? j?.code;
    return typeof code === 'string' ? code.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

// The one function that turns a non-success response into its typed error.
export function errorFromResponse(r: ResponseFacts): PixiesetError {
  const ctx = { endpoint: r.endpoint, status: r.status, host: r.host };
  // The documented error codes say what happened whatever the status they come with.
  const code = r.status >= 400 && r.status < 500 ? errorCodeOf(r.body) : undefined;
  if (code === 'authentication_required')
    return new AuthError(`HTTP ${r.status}, authentication_required`, ctx);
  if (code === 'resource_not_found' || code?.endsWith('_not_found'))
    return r.area && !r.notFound
      ? new NotOfferedError(r.area, ctx)
      : new NotFoundError({ ...ctx, ...r.notFound });
  if (code === 'validation_failed' || code === 'validation_error' || code === 'invalid_id_format')
    return validationFromBody(r.body, ctx);
  const isWrite = r.method !== 'GET' && r.method !== 'HEAD';
  const contentType = header(r.headers, 'content-type');
  if (r.status >= 300 && r.status < 400) {
    const to = header(r.headers, 'location');
    // Name only the host (e.g. accounts.pixieset.com): a redirect URL may carry tokens in its query.
    const host = URL.canParse(to ?? '') ? new URL(to ?? '').hostname : undefined;
    return new AuthError(`HTTP ${r.status}, a redirect${host ? ` to ${host}` : ''}`, ctx);
  }
  if (r.status === 401) return new AuthError('HTTP 401', ctx);
  if (r.status === 419) return isWrite ? new CsrfError(ctx) : new AuthError('HTTP 419', ctx);
  if (r.status === 403) {
    const cf = header(r.headers, 'cf-mitigated');
    if (cf?.toLowerCase().includes('challenge') || /cf-chl|challenge-platform|Just a moment/i.test(r.body)) {
      return new BlockedError(ctx);
    }
    // The gallery host answers a lost session with 403 as well as 401 (as the open-source tools see it).
    if (r.host === 'gallery') return new AuthError('HTTP 403 from the gallery host', ctx);
    return new UpstreamError(403, 'Forbidden — this account may not have access to that part of Studio', ctx);
  }
  if (r.status === 404 || r.status === 405 || r.status === 410) {
    // A list endpoint of an optional area, or any method not allowed there: the studio lacks the area.
    if (r.area && (!r.notFound || r.status === 405)) return new NotOfferedError(r.area, ctx);
    return new NotFoundError({ ...ctx, ...r.notFound });
  }
  if (r.status === 422 || r.status === 400) return validationFromBody(r.body, ctx);
  if (r.status === 431) return new CookieTooLargeError(ctx);
  if (r.status === 429) return new RateLimitError(parseRetryAfter(header(r.headers, 'retry-after')), ctx);
  if (looksLikeHtml(contentType, r.body) && r.status < 500)
    return new AuthError(`an HTML page instead of data (HTTP ${r.status})`, ctx);
  return new UpstreamError(r.status, r.status >= 500 ? 'a server error' : '', ctx);
}

// Upstream's field messages, bounded: a few fields, a few short one-line messages each.
const MAX_FIELDS = 20;
const MAX_MESSAGES = 3;
const asStringList = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v])
    .slice(0, MAX_MESSAGES)
    .map((x) => safeLine(typeof x === 'string' ? x : (JSON.stringify(x) ?? String(x)), 300));

// Reads the three documented 422 bodies: {message, errors}, {message, details}, {error: {code, message, details}}.
export function validationFromBody(body: string, ctx: ErrorContext): ValidationError {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return new ValidationError('Pixieset rejected the request as invalid.', {}, undefined, ctx);
  }
  const obj = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const inner = (obj.error && typeof obj.error === 'object' ? obj.error : obj) as Record<string, unknown>;
  const rawFields = (inner.errors ?? inner.details ?? obj.errors ?? obj.details) as unknown;
  // Keyed by upstream strings: no prototype, so a field named "__proto__" or "constructor" is just a name.
  const fields: Record<string, string[]> = Object.create(null);
  if (rawFields && typeof rawFields === 'object' && !Array.isArray(rawFields)) {
    const entries = Object.entries(rawFields);
    for (const [k, v] of entries.slice(0, MAX_FIELDS)) fields[safeLine(k, 100)] = asStringList(v);
    if (entries.length > MAX_FIELDS) fields['…'] = [`${entries.length - MAX_FIELDS} more fields left out`];
  }
  const message =
    typeof inner.message === 'string' && inner.message
      ? safeLine(inner.message, 500)
      : 'The given data was invalid.';
  return new ValidationError(`Pixieset rejected the request: ${message}`, fields, undefined, ctx);
}
