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
  | 'outcome_unknown'
  | 'not_created'
  | 'created_unseen'
  | 'too_large'
  | 'invalid_header'
  | 'cancelled';

export interface ErrorContext {
  // "GET /clients/" style: method and path template, never the query or cookie.
  endpoint?: string | undefined;
  status?: number | undefined;
}

// Base class: `message` says what happened, `hint` what the user or model should do next.
export class PixiesetError extends Error {
  readonly endpoint: string | undefined;
  readonly status: number | undefined;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint: string,
    context: ErrorContext = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.endpoint = context.endpoint;
    this.status = context.status;
  }
  // The text an assistant sees in an isError tool result.
  forModel(): string {
    return `${this.message}\nWhat to do: ${this.hint}`;
  }
}

const REFRESH_COOKIE =
  'Log in to studio.pixieset.com in your browser, open DevTools → Network, click any request to studio.pixieset.com/api, copy the whole "Cookie" request header, and put it in the file named by PIXIESET_COOKIE_FILE (picked up on the next request, no restart) or in PIXIESET_COOKIE (restart the MCP host). Run `pixieset-mcp doctor` to check.';

// The session cookie is missing, expired or wrong (401, 419 on a read, a redirect, a login page).
export class AuthError extends PixiesetError {
  constructor(reason: string, context: ErrorContext = {}) {
    super(
      'auth',
      `Pixieset did not accept the session (${reason}): the session cookie has expired or is wrong.`,
      REFRESH_COOKIE,
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
      'Copy the *whole* Cookie header again, including the cookie whose name ends in XSRF-TOKEN, then retry. ' +
        REFRESH_COOKIE,
      context,
    );
  }
}

// Cloudflare's bot protection answered instead of Pixieset.
export class BlockedError extends PixiesetError {
  constructor(context: ErrorContext = {}) {
    super(
      'blocked',
      "Pixieset's bot protection (Cloudflare) blocked the request.",
      "Do not retry in a loop. Wait a few minutes; run the server on the same computer as the browser the cookie came from; set PIXIESET_USER_AGENT to that browser's User-Agent (DevTools → Network → a request → Request Headers → User-Agent); then copy a fresh Cookie header.",
      context,
    );
  }
}

// The resource (or the endpoint) does not exist.
export class NotFoundError extends PixiesetError {
  constructor(what: string, hint: string, context: ErrorContext = {}) {
    super('not_found', `${what} was not found.`, hint, context);
  }
}

// Input was rejected, locally before sending anything or by the API (422); fields carry the messages verbatim.
export class ValidationError extends PixiesetError {
  constructor(
    message: string,
    readonly fields: Record<string, string[]> = {},
    hint = 'Correct the fields named above and call the tool again.',
    context: ErrorContext = {},
  ) {
    const lines = Object.entries(fields).map(([field, msgs]) => `  - ${field}: ${msgs.join(' ')}`);
    super('validation', lines.length ? `${message}\n${lines.join('\n')}` : message, hint, context);
  }
}

// 429: too many requests; retryAfterMs is the server's requested delay when it gave one.
export class RateLimitError extends PixiesetError {
  constructor(
    readonly retryAfterMs: number | undefined,
    context: ErrorContext = {},
  ) {
    const wait = retryAfterMs === undefined ? 'a minute' : `${Math.ceil(retryAfterMs / 1000)} seconds`;
    super(
      'rate_limited',
      `Pixieset is rate-limiting requests (HTTP 429).`,
      `Wait ${wait} before trying again, and ask for fewer pages at once; do not retry in a loop.`,
      context,
    );
  }
}

// Pixieset answered with a server error or an unexpected status.
export class UpstreamError extends PixiesetError {
  constructor(status: number, detail: string, context: ErrorContext = {}) {
    super(
      'upstream',
      `Pixieset answered HTTP ${status}${detail ? `: ${detail}` : ''}.`,
      status >= 500
        ? "This is usually temporary on Pixieset's side. Try again in a minute; if it persists, check studio.pixieset.com in the browser."
        : 'Check the arguments; if they are right, the unofficial API may have changed — please report it with the endpoint named here.',
      { ...context, status },
    );
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
    super(
      'network',
      `Could not reach Pixieset (${detail}).`,
      'Check the internet connection and PIXIESET_BASE_URL, then try again.',
      context,
    );
  }
}

// No answer within PIXIESET_TIMEOUT_MS.
export class TimeoutError extends PixiesetError {
  constructor(timeoutMs: number, context: ErrorContext = {}) {
    super(
      'timeout',
      `Pixieset did not answer within ${timeoutMs} ms.`,
      'Try again in a moment; if it keeps happening, raise PIXIESET_TIMEOUT_MS or check studio.pixieset.com in the browser.',
      context,
    );
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
      'The unofficial API may have changed. Please report this message (it contains no personal data) to the pixieset-mcp maintainers.',
      context,
    );
  }
}

// A write that Pixieset answered with success (2xx) but whose answer could not be read: it was carried out.
export class UnreadableSuccessError extends UnexpectedResponseError {
  constructor(cause: UnexpectedResponseError) {
    super(cause.field, cause.detail, { endpoint: cause.endpoint, status: cause.status });
    this.cause = cause;
  }
}

// A response body larger than the configured bound: the request was abandoned and nothing of it kept.
export class BodyTooLargeError extends PixiesetError {
  constructor(maxBytes: number, context: ErrorContext = {}) {
    const mib = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
    super(
      'too_large',
      `Pixieset's answer${context.endpoint ? ` to ${context.endpoint}` : ''} was larger than ${mib} MiB, so it was not read.`,
      'Ask for less (a smaller per_page, a client_id or a status). If a normal answer from your studio is really this large, raise PIXIESET_MAX_BODY_MB.',
      context,
    );
  }
}

// 431: the Cookie header grew too large for Pixieset (e.g. cookies added by Set-Cookie).
export class CookieTooLargeError extends PixiesetError {
  constructor(context: ErrorContext = {}) {
    super(
      'auth',
      'Pixieset refused the request because the Cookie header is too large (HTTP 431).',
      'Copy a fresh Cookie header into your cookie file (only the value of the "Cookie" request header); the server then uses it as it is.',
      { ...context, status: 431 },
    );
  }
}

// A header value that cannot be sent (a character outside printable ASCII): the request was not sent.
export class InvalidHeaderError extends PixiesetError {
  constructor(header: string, problem: string, context: ErrorContext = {}) {
    super(
      'invalid_header',
      `The ${header} header has ${problem}, so nothing was sent.`,
      header === 'cookie' || header === 'x-xsrf-token'
        ? 'Copy the Cookie header again as plain text into your cookie file (PIXIESET_COOKIE_FILE) or PIXIESET_COOKIE.'
        : 'Check PIXIESET_USER_AGENT: it must be plain text on one line.',
      context,
    );
  }
}

// A write whose result could not be known (5xx, timeout, dropped connection after sending), even after looking.
export class OutcomeUnknownError extends PixiesetError {
  constructor(message: string, hint: string, context: ErrorContext = {}) {
    super('outcome_unknown', message, hint, context);
  }
}

// A write that failed in transit and, as a read afterwards showed, did not happen: safe to try again.
export class NotCreatedError extends PixiesetError {
  constructor(message: string, hint: string, context: ErrorContext = {}) {
    super('not_created', message, hint, context);
  }
}

// A write Pixieset confirmed (2xx) whose object could not be read nor found yet: it exists; never resend it.
export class CreatedUnseenError extends PixiesetError {
  constructor(message: string, hint: string, context: ErrorContext = {}) {
    super('created_unseen', message, hint, context);
  }
}

// The caller cancelled the tool call; no further requests are made.
export class CancelledError extends PixiesetError {
  constructor(context: ErrorContext = {}) {
    super(
      'cancelled',
      'The request was cancelled.',
      'Nothing more was sent. Call the tool again if still needed.',
      context,
    );
  }
}

export const isPixiesetError = (e: unknown): e is PixiesetError => e instanceof PixiesetError;

export interface ResponseFacts {
  method: string;
  endpoint: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  // What "not found" means for this endpoint: names the id and the tool that lists valid ones.
  notFound?: { what: string; hint: string } | undefined;
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

// The one function that turns a non-success response into its typed error.
export function errorFromResponse(r: ResponseFacts): PixiesetError {
  const ctx = { endpoint: r.endpoint, status: r.status };
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
    return new UpstreamError(403, 'Forbidden — this account may not have access to that part of Studio', ctx);
  }
  if (r.status === 404 || r.status === 405 || r.status === 410) {
    const nf = r.notFound ?? {
      what: `The endpoint ${r.endpoint}`,
      hint: 'The unofficial API may have changed.',
    };
    return new NotFoundError(nf.what, nf.hint, ctx);
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
