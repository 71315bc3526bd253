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
