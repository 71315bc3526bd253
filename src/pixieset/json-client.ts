import { CancelledError, UnexpectedResponseError, UnreadableSuccessError } from './errors.js';
import type { HttpClient } from './http.js';
import type { IdPolicy } from './ids.js';
import { ReadCache } from './read-cache.js';
import { queryString, type RequestOptions, type ResolvedRequest, resolve } from './request.js';

// What resource modules call: a request template in, a validated value out. Over the transport it adds the
// read cache and the sharing of identical GETs under way, and turns a write's unreadable 2xx into what it is.
export class JsonClient {
  private readonly cache: ReadCache;
  // Identical GETs under way, shared by every caller that asks meanwhile; aborted when all of them gave up.
  private readonly inflight = new Map<
    string,
    { promise: Promise<string>; controller: AbortController; waiters: number; generation: number }
  >();
  // Bumped by every write, so an answer that was under way during a write is not cached afterwards.
  private generation = 0;

  constructor(
    private readonly http: HttpClient,
    cacheTtlMs: number,
    // Learns the shapes of the ids Pixieset answers with (PIXIESET_ID_CHECK=auto).
    private readonly ids?: IdPolicy,
  ) {
    this.cache = new ReadCache(cacheTtlMs);
    http.onCookieChanged = () => this.cache.clear();
  }

  // Sends the request and returns the body as `read` makes it. GETs are served from the read cache when fresh,
  // and identical concurrent GETs share one request. Only a body `read` accepts is cached.
  async json<T>(template: string, opts: RequestOptions, read: (body: unknown) => T): Promise<T> {
    const spec = resolve(template, opts);
    if (spec.method !== 'GET') return this.write(spec, read);
    if (spec.fresh) return read(this.parse(await this.http.send(spec), spec));
    const key = spec.path + queryString(spec.query);
    const cached = this.cache.get(key);
    if (cached) return cached.value as T;
    let shared = this.inflight.get(key);
    // A shared request whose callers all gave up is on its way out: never join it.
    if (!shared || shared.controller.signal.aborted) {
      const controller = new AbortController();
      const promise = this.http.send({ ...spec, signal: controller.signal });
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
    // Parsing and checking a page takes a few milliseconds: let the I/O that is ready go first, so that the
    // requests waiting for the slot this answer freed are sent before this page is worked through (on a
    // multi-page read, otherwise each round of pages waits for the previous round's parsing).
    await yieldToIo();
    const body = this.parse(text, spec);
    if (opts.onBody) {
      // What the hook started (the other pages of a list) goes out before this body is checked.
      opts.onBody(body);
      await yieldToIo();
    }
    const value = read(body);
    // An answer that was under way during a write may predate it: do not keep it.
    if (entry.generation === this.generation) this.cache.set(key, value, text.length);
    return value;
  }

  private parse(text: string, spec: ResolvedRequest): unknown {
    this.ids?.learn(text);
    return parseBody(text, spec);
  }

  // A write may change any list or object: every cached read is forgotten, before and after.
  private async write<T>(spec: ResolvedRequest, read: (body: unknown) => T): Promise<T> {
    this.generation++;
    this.cache.clear();
    try {
      const text = await this.http.send(spec);
      try {
        return read(this.parse(text, spec));
      } catch (error) {
        // Pixieset answered 2xx: the write was carried out, whatever the body says.
        if (error instanceof UnexpectedResponseError) throw new UnreadableSuccessError(error);
        throw error;
      }
    } finally {
      this.cache.clear();
    }
  }
}

// Lets the I/O that is ready (answers that arrived, requests waiting to be written) go first.
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

function parseBody(text: string, spec: ResolvedRequest): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new UnexpectedResponseError('(body)', 'the body is not valid JSON', { endpoint: spec.endpoint });
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
