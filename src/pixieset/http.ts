import type { Dispatcher } from 'undici';
import undiciRequest from 'undici/lib/api/api-request.js';
// Only the connection pool and the request API: undici's root module also loads fetch, WebSocket, caches and
// more (about 1 MB) that this server never uses. Pinned to undici 7.30.x, whose internal layout these paths name.
import Pool from 'undici/lib/dispatcher/pool.js';
import type { Logger } from '../log.js';
import {
  AuthError,
  BodyTooLargeError,
  CancelledError,
  CookieTooLargeError,
  CsrfError,
  errorFromResponse,
  InvalidHeaderError,
  looksLikeHtml,
  NetworkError,
  PixiesetError,
  RateLimitError,
  TimeoutError,
  UnexpectedResponseError,
  UnreadableSuccessError,
  UpstreamError,
} from './errors.js';
import { Limiter } from './limiter.js';
import { ReadCache } from './read-cache.js';
import { headerProblem, type Session } from './session.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

// How GETs are retried: bounded attempts, exponential backoff with full jitter, Retry-After honoured up to a cap.
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 300,
  maxDelayMs: 4000,
  maxRetryAfterMs: 10_000,
};

export interface HttpOptions {
  baseUrl: string;
  userAgent: string;
  maxConcurrency: number;
  timeoutMs: number;
  session: Session;
  logger: Logger;
  retry?: Partial<RetryPolicy>;
  // How long a GET answer is reused (ms); 0 disables the cache.
  cacheTtlMs?: number;
  // The largest response body read (bytes); a larger one is abandoned with BodyTooLargeError.
  maxBodyBytes?: number;
}

export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface RequestSpec {
  method: Method;
  // Path below the base URL, e.g. "/clients/"; ids in it must already be validated.
  path: string;
  // Method and path template for messages, e.g. "GET /clients/{id}".
  endpoint?: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  signal?: AbortSignal | undefined;
  // What a 404 means here, for the message.
  notFound?: { what: string; hint: string };
  // Skip the read cache and any shared request: for reads that must see Pixieset's state now.
  fresh?: boolean;
}

const RETRY_STATUS = new Set([429, 502, 503, 504]);
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new CancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

// The only module that talks HTTP: one keep-alive pool, timeouts, GET retries, the in-flight bound, typed errors.
export class HttpClient {
  private readonly pool: InstanceType<typeof Pool>;
  private readonly basePath: string;
  private readonly limiter: Limiter;
  private readonly retry: RetryPolicy;
  private readonly cache: ReadCache;
  // Identical GETs under way, shared by every caller that asks meanwhile; aborted when all of them gave up.
  private readonly inflight = new Map<
    string,
    { promise: Promise<string>; controller: AbortController; waiters: number; generation: number }
  >();

  constructor(private readonly opts: HttpOptions) {
    const url = new URL(opts.baseUrl);
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.pool = new Pool(url.origin, {
      connections: opts.maxConcurrency,
      keepAliveTimeout: 10_000,
      connect: { timeout: opts.timeoutMs },
    });
    this.limiter = new Limiter(opts.maxConcurrency);
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.cache = new ReadCache(opts.cacheTtlMs ?? 0);
    this.maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  }

  private readonly maxBodyBytes: number;

  // Sends one request (retrying only GETs on transient failures) and returns the body as `read` makes it.
  // GETs are served from the read cache when fresh, and identical concurrent GETs share one request.
  // Only a body that `read` accepts is cached, so a malformed answer is never served again.
  async json<T>(spec: RequestSpec, read: (body: unknown) => T): Promise<T> {
    if (spec.method !== 'GET') {
      // A write may change any list or object: forget every cached read, before and after.
      this.cache.clear();
      try {
        const text = await this.withRetries(spec);
        try {
          return read(parseBody(text, spec));
        } catch (error) {
          // Pixieset answered 2xx: the write was carried out, whatever the body says.
          if (error instanceof UnexpectedResponseError) throw new UnreadableSuccessError(error);
          throw error;
        }
      } finally {
        this.cache.clear();
      }
    }
    if (spec.fresh) return read(parseBody(await this.withRetries(spec), spec));
    const key = spec.path + queryString(spec.query);
    const cached = this.cache.get(key);
    if (cached) return cached.value as T;
    let shared = this.inflight.get(key);
    // A shared request whose callers all gave up is on its way out: never join it.
    if (!shared || shared.controller.signal.aborted) {
      const controller = new AbortController();
      const promise = this.withRetries({ ...spec, signal: controller.signal });
      const created = { promise, controller, waiters: 0, generation: this.generation };
      void promise
        .finally(() => {
          if (this.inflight.get(key) === created) this.inflight.delete(key);
        })
        .catch(() => {});
      shared = created;
      this.inflight.set(key, shared);
    }
    const entry = shared;
    entry.waiters++;
    const text = await abortable(entry.promise, spec.signal, () => {
      // The last caller waiting gave up: stop the request (or never send it, if it is still queued).
      if (--entry.waiters === 0) entry.controller.abort();
    });
    const value = read(parseBody(text, spec));
    // An answer that was under way during a write may predate it: do not keep it.
    if (entry.generation === this.generation) this.cache.set(key, value, text.length);
    return value;
  }

  // Bumped by every write, so an answer that was under way during a write is not cached afterwards.
  private generation = 0;

  private async withRetries(spec: RequestSpec): Promise<string> {
    const isRead = spec.method === 'GET';
    if (!isRead) this.generation++;
    let reloaded = false;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(spec);
      } catch (error) {
        if (!(error instanceof PixiesetError)) throw error;
        // The jar grew past what Pixieset accepts (Set-Cookie additions): back to the configured cookie, once.
        // Safe for writes too: a 431 is answered before the request is acted on.
        if (error instanceof CookieTooLargeError && !reloaded) {
          reloaded = true;
          await this.opts.session.resetToSource().catch(() => {});
          this.opts.logger.warn(
            'Pixieset refused an oversized Cookie header; retrying with the configured cookie.',
          );
          attempt--;
          continue;
        }
        // A fresh cookie pasted into PIXIESET_COOKIE_FILE: retry once with it. Safe for writes too,
        // because a rejected session means Pixieset did not act on the request.
        if ((error instanceof AuthError || error instanceof CsrfError) && !reloaded) {
          reloaded = true;
          if (await this.opts.session.reloadIfChanged()) {
            this.opts.logger.info('The cookie file changed; retrying with the new cookie.');
            this.cache.clear();
            attempt--;
            continue;
          }
        }
        if (!isRead || attempt >= this.retry.maxAttempts || !isTransient(error)) throw error;
        const backoff =
          Math.random() * Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
        let delay = backoff;
        if (error instanceof RateLimitError && error.retryAfterMs !== undefined) {
          if (error.retryAfterMs > this.retry.maxRetryAfterMs) throw error;
          delay = Math.max(error.retryAfterMs, backoff);
        }
        this.opts.logger.debug(`Retrying ${spec.endpoint ?? spec.path} after ${error.code}`, {
          attempt,
          delayMs: Math.round(delay),
        });
        await sleep(delay, spec.signal);
      }
    }
  }

  // Closes the pool; in-flight requests are aborted.
  async close(): Promise<void> {
    await this.pool.destroy();
  }

  private async once(spec: RequestSpec): Promise<string> {
    const endpoint = spec.endpoint ?? `${spec.method} ${spec.path}`;
    const ctx = { endpoint };
    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-requested-with': 'XMLHttpRequest',
      'user-agent': this.opts.userAgent,
    };
    const cookie = this.opts.session.cookieHeader();
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (spec.body !== undefined) {
      body = JSON.stringify(spec.body);
      headers['content-type'] = 'application/json';
    }
    if (spec.method !== 'GET') {
      const xsrf = this.opts.session.xsrfToken();
      if (xsrf) headers['x-xsrf-token'] = xsrf;
    }
    // undici rejects a header value it cannot send, and enough such rejections wedge its pool: check every
    // value here, and send nothing when one is bad (the session and config keep bad values out already).
    for (const [name, value] of Object.entries(headers)) {
      const problem = headerProblem(value);
      if (problem) throw new InvalidHeaderError(name, problem, ctx);
    }
    await this.limiter.acquire(spec.signal);
    const timeout = AbortSignal.timeout(this.opts.timeoutMs);
    const signal = spec.signal ? AbortSignal.any([spec.signal, timeout]) : timeout;
    const started = performance.now();
    let release: () => void = () => {};
    try {
      // The slot is freed when the request settles or when its signal fires, whichever comes first, so a
      // request undici never settles cannot hold a slot past its timeout or cancellation.
      const gaveUp = new Promise<never>((_, reject) => {
        const onAbort = () => reject(signal.reason);
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        release = () => signal.removeEventListener('abort', onAbort);
      });
      gaveUp.catch(() => {});
      let res: Dispatcher.ResponseData;
      let text: string;
      try {
        const exchange = (async () => {
          const r = await undiciRequest.call(this.pool, {
            path: this.basePath + spec.path + queryString(spec.query),
            method: spec.method,
            headers,
            body,
            signal,
            headersTimeout: this.opts.timeoutMs,
            bodyTimeout: this.opts.timeoutMs,
          });
          return { r, t: await readCapped(r, this.maxBodyBytes, ctx) };
        })();
        exchange.catch(() => {});
        ({ r: res, t: text } = await Promise.race([exchange, gaveUp]));
      } catch (error) {
        throw this.transportError(error, spec.signal, timeout, ctx);
      }
      this.opts.session.applySetCookie(res.headers['set-cookie']);
      const ms = Math.round(performance.now() - started);
      this.opts.logger.debug(`${endpoint} → ${res.statusCode} in ${ms} ms`);
      if (res.statusCode < 200 || res.statusCode >= 300) {
        throw errorFromResponse({
          method: spec.method,
          endpoint,
          status: res.statusCode,
          headers: res.headers,
          body: text,
          notFound: spec.notFound,
        });
      }
      const contentType = res.headers['content-type'];
      if (looksLikeHtml(Array.isArray(contentType) ? contentType[0] : contentType, text)) {
        throw new AuthError('a login page instead of data', ctx);
      }
      return text;
    } finally {
      release();
      this.limiter.release();
    }
  }

  private transportError(
    error: unknown,
    callerSignal: AbortSignal | undefined,
    timeout: AbortSignal,
    ctx: { endpoint: string },
  ): PixiesetError {
    if (error instanceof PixiesetError) return error;
    if (callerSignal?.aborted) return new CancelledError(ctx);
    const code = (error as { code?: string }).code ?? '';
    if (timeout.aborted || /TIMEOUT/.test(code)) return new TimeoutError(this.opts.timeoutMs, ctx);
    const detail = code || (error instanceof Error ? error.name : 'unknown error');
    // Refused or unresolved connections never reached Pixieset.
    const notSent = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|UND_ERR_CONNECT/.test(code);
    return new NetworkError(detail === 'UND_ERR_SOCKET' ? 'the connection was closed' : detail, ctx, notSent);
  }
}

// Reads a response body up to `max` bytes; past that (or a Content-Length that says so) the body is
// abandoned and the connection closed, so memory stays bounded whatever Pixieset sends.
async function readCapped(
  res: Dispatcher.ResponseData,
  max: number,
  ctx: { endpoint: string },
): Promise<string> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) {
    res.body.destroy();
    throw new BodyTooLargeError(max, ctx);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) {
      res.body.destroy();
      throw new BodyTooLargeError(max, ctx);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

function parseBody(text: string, spec: RequestSpec): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new UnexpectedResponseError('(body)', 'the body is not valid JSON', {
      endpoint: spec.endpoint ?? `${spec.method} ${spec.path}`,
    });
  }
}

// Waits for a shared promise, but lets this caller stop waiting when its own signal aborts.
function abortable<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  onGiveUp: () => void,
): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    onGiveUp();
    return Promise.reject(new CancelledError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      onGiveUp();
      reject(new CancelledError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

function isTransient(error: PixiesetError): boolean {
  if (error instanceof RateLimitError || error instanceof TimeoutError || error instanceof NetworkError)
    return true;
  return error instanceof UpstreamError && error.status !== undefined && RETRY_STATUS.has(error.status);
}

function queryString(query: RequestSpec['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}
