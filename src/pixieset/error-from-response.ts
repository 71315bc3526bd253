import {
  AuthError,
  BlockedError,
  CookieTooLargeError,
  CsrfError,
  type ErrorContext,
  NotFoundError,
  NotOfferedError,
  type PixiesetError,
  RateLimitError,
  UpstreamError,
  ValidationError,
} from './errors.js';
import { safeLine } from './safe-text.js';

// The one function that turns an HTTP answer into the error it stands for, and the readers it needs (error
// codes, Retry-After, the documented 422 bodies).

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
