import type { Agent, IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createRequire } from 'node:module';
import type { Logger } from '../log.js';
import { type CookieJar, headerProblem } from './cookie-jar.js';
import { errorFromResponse, looksLikeHtml } from './error-from-response.js';
import {
  AuthError,
  BodyTooLargeError,
  CancelledError,
  CookieTooLargeError,
  CsrfError,
  InvalidHeaderError,
  NetworkError,
  PixiesetError,
  RateLimitError,
  TimeoutError,
  UpstreamError,
} from './errors.js';
import { Limiter } from './limiter.js';
import { readBounded } from './read-bounded.js';
import { type Method, queryString, type ResolvedRequest } from './request.js';

// node:http through require, not an ES import: an ES import reads every export, and from Node 22 on one of them
// (http.WebSocket) is a getter that loads Node's own copy of undici and web streams, ~9 MiB resident on Node 24
// for nothing this server uses (BENCHMARKS.md). require reads only what is asked for.
const { Agent: HttpAgent, request: httpRequest } = createRequire(import.meta.url)(
  'node:http',
) as typeof import('node:http');

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

export interface HttpClientOptions {
  baseUrl: string;
  userAgent: string;
  maxConcurrency: number;
  timeoutMs: number;
  cookies: CookieJar;
  logger: Logger;
  retry?: Partial<RetryPolicy>;
  // The largest response body read (bytes); a larger one is abandoned with BodyTooLargeError.
  maxBodyBytes?: number;
  // The in-flight bound, shared by every host's client so that together they stay within it.
  limiter?: Limiter;
  // Which Pixieset host this is: errors name it, and the gallery host's 403 means a lost session.
  host?: Host;
}

export type Host = 'studio' | 'gallery';

// An answer as it came.
export interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
}

export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

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

// The only module that talks HTTP, and only transport: one keep-alive pool, timeouts, GET retries, the
// in-flight bound, a body-size limit, one typed error per failure. Caching and sharing wrap it (json-client.ts).
export class HttpClient {
  // Node's own HTTP client, on one keep-alive agent: its parser is native (undici's, used before, is WebAssembly,
  // which cost ~6–10 MiB of resident memory after a burst of calls, and ~350 kB of bundle: BENCHMARKS.md).
  private readonly agent: Agent;
  private readonly origin: URL;
  private readonly basePath: string;
  private readonly limiter: Limiter;
  private readonly retry: RetryPolicy;
  private readonly maxBodyBytes: number;
  // Called when the cookie changed under way (re-read from the file): answers read before may be another
  // account's.
  onCookieChanged: () => void = () => {};

  constructor(private readonly opts: HttpClientOptions) {
    const url = new URL(opts.baseUrl);
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.origin = new URL(url.origin);
    const agentOptions = {
      keepAlive: true,
      maxSockets: opts.maxConcurrency,
      maxFreeSockets: opts.maxConcurrency,
      // An idle kept-alive connection is closed after 10 s.
      timeout: 10_000,
    };
    this.agent = url.protocol === 'https:' ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
    this.limiter = opts.limiter ?? new Limiter(opts.maxConcurrency);
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  }

  // Sends one request, retrying only GETs on transient failures, and returns the body text of a 2xx.
  send(request: ResolvedRequest): Promise<string> {
    return this.withRetries(request);
  }

  private async withRetries(spec: ResolvedRequest): Promise<string> {
    const isRead = spec.method === 'GET';
    let reloaded = false;
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.once(spec)).text;
      } catch (error) {
        if (!(error instanceof PixiesetError)) throw error;
        // The jar grew past what Pixieset accepts (Set-Cookie additions): back to the configured cookie, once.
        // Safe for writes too: a 431 is answered before the request is acted on.
        if (error instanceof CookieTooLargeError && !reloaded) {
          reloaded = true;
          await this.opts.cookies.resetToSource().catch(() => {});
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
          if (await this.opts.cookies.reloadIfChanged()) {
            this.opts.logger.info('The cookie file changed; retrying with the new cookie.');
            this.onCookieChanged();
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
        this.opts.logger.debug(`Retrying ${spec.endpoint} after ${error.code}`, {
          attempt,
          delayMs: Math.round(delay),
        });
        await sleep(delay, spec.signal);
      }
    }
  }

  // Closes every connection; requests under way are aborted.
  async close(): Promise<void> {
    this.agent.destroy();
  }

  // One GET answered as it is — status, content type, body — with no retry and no error mapping: for the
  // drift probe, which reports what came rather than acting on it.
  async probe(spec: ResolvedRequest): Promise<RawAnswer> {
    return this.once(spec, true);
  }

  private async once(spec: ResolvedRequest, raw = false): Promise<RawAnswer> {
    const endpoint = spec.endpoint;
    const ctx = { endpoint, host: this.opts.host };
    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-requested-with': 'XMLHttpRequest',
      'user-agent': this.opts.userAgent,
    };
    const cookie = this.opts.cookies.cookieHeader();
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (spec.body !== undefined) {
      body = JSON.stringify(spec.body);
      headers['content-type'] = 'application/json';
    }
    if (spec.method !== 'GET') {
      const xsrf = this.opts.cookies.xsrfToken();
      if (xsrf) headers['x-xsrf-token'] = xsrf;
    }
    // A header value that cannot be sent as it is must never reach the HTTP client: check every value here,
    // and send nothing when one is bad (the session and config keep bad values out already).
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
      // request that never settles cannot hold a slot past its timeout or cancellation.
      const gaveUp = new Promise<never>((_, reject) => {
        const onAbort = () => reject(signal.reason);
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        release = () => signal.removeEventListener('abort', onAbort);
      });
      gaveUp.catch(() => {});
      let res: IncomingMessage;
      let text: string;
      try {
        const exchange = (async () => {
          const r = await this.exchange(spec.method, this.basePath + spec.path + queryString(spec.query), {
            headers,
            body,
            signal,
          });
          return { r, t: await readCapped(r, this.maxBodyBytes, ctx) };
        })();
        exchange.catch(() => {});
        ({ r: res, t: text } = await Promise.race([exchange, gaveUp]));
      } catch (error) {
        throw this.transportError(error, spec.signal, timeout, ctx);
      }
      this.opts.cookies.applySetCookie(res.headers['set-cookie']);
      const status = res.statusCode ?? 0;
      const ms = Math.round(performance.now() - started);
      this.opts.logger.debug(`${endpoint} → ${status} in ${ms} ms`);
      const type = res.headers['content-type'];
      const answer = {
        status,
        contentType: (Array.isArray(type) ? type[0] : type) ?? '',
        text,
      };
      if (raw) return answer;
      if (status < 200 || status >= 300) {
        throw errorFromResponse({
          method: spec.method,
          endpoint,
          status,
          headers: res.headers,
          body: text,
          notFound: spec.notFound,
          area: spec.area,
          host: this.opts.host,
        });
      }
      if (looksLikeHtml(answer.contentType, text)) throw new AuthError('a login page instead of data', ctx);
      return answer;
    } finally {
      release();
      this.limiter.release();
    }
  }

  // One request on the keep-alive agent: the response once its head has arrived (the body is read after).
  private exchange(
    method: Method,
    path: string,
    o: { headers: Record<string, string>; body: string | undefined; signal: AbortSignal },
  ): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      // Node's client would still write a request whose signal has already fired (it destroys it a tick
      // later): a call cancelled while this one waited for its slot must send nothing.
      if (o.signal.aborted) return reject(o.signal.reason);
      const send = this.origin.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send({
        protocol: this.origin.protocol,
        hostname: this.origin.hostname.replace(/^\[|\]$/g, ''),
        port: this.origin.port || undefined,
        path,
        method,
        headers:
          o.body === undefined
            ? o.headers
            : { ...o.headers, 'content-length': String(Buffer.byteLength(o.body)) },
        // A write goes on a connection of its own: on a kept-alive one the server may have closed meanwhile, a
        // reset could not say whether the write arrived, while a refused new connection says it did not.
        agent: method === 'GET' ? this.agent : false,
        signal: o.signal,
      });
      req.on('response', resolve);
      req.on('error', reject);
      req.end(o.body);
    });
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
    const notSent = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(code);
    return new NetworkError(code === 'ECONNRESET' ? 'the connection was closed' : detail, ctx, notSent);
  }
}

// Reads a response body up to `max` bytes; past that (or a Content-Length that says so) the body is
// abandoned and the connection closed, so memory stays bounded whatever Pixieset sends.
async function readCapped(res: IncomingMessage, max: number, ctx: { endpoint: string }): Promise<string> {
  const text = await readBounded(res, max);
  if (text === undefined) {
    res.destroy();
    throw new BodyTooLargeError(max, ctx);
  }
  return text;
}

function isTransient(error: PixiesetError): boolean {
  if (error instanceof RateLimitError || error instanceof TimeoutError || error instanceof NetworkError)
    return true;
  return error instanceof UpstreamError && error.status !== undefined && RETRY_STATUS.has(error.status);
}
