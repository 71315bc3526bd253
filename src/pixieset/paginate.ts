import { setMaxListeners } from 'node:events';
import { CancelledError, UnexpectedResponseError } from './errors.js';

export interface PageMeta {
  currentPage: number | undefined;
  perPage: number | undefined;
  total: number | undefined;
  lastPage: number | undefined;
}

export interface Page<T> {
  items: T[];
  meta: PageMeta;
}

export interface AllPagesOptions {
  // The page size asked for; used to spot a short (final) page when the API gives no total.
  perPage: number;
  signal?: AbortSignal | undefined;
  // Called after each page arrives with pages done and, when known, pages in all.
  onProgress?: ((done: number, total: number | undefined) => void) | undefined;
  // A runaway guard: no list in a studio should need more pages than this.
  maxPages?: number;
}

// The last page number a list reports, from meta.last_page or, when that is absent, ceil(total / per_page).
export function lastPageOf(meta: PageMeta, requestedPerPage: number): number | undefined {
  if (meta.lastPage !== undefined) return Math.max(1, meta.lastPage);
  const per = meta.perPage ?? requestedPerPage;
  if (meta.total !== undefined && per > 0) return Math.max(1, Math.ceil(meta.total / per));
  return undefined;
}

// Reads every page of a list: page 1 first, then the rest concurrently (the HTTP layer bounds how many are in
// flight) when the last page is known, else one by one until a short or empty page. Any failed page fails the whole read.
export async function fetchAllPages<T>(
  fetchPage: (page: number, signal: AbortSignal) => Promise<Page<T>>,
  opts: AllPagesOptions,
): Promise<{ items: T[]; pages: number }> {
  const maxPages = opts.maxPages ?? 1000;
  // One controller for the whole read: the caller's cancellation, or the first failed page, stops the rest.
  const control = new AbortController();
  // Every page request (queued or in flight) listens on it; Node would warn about a leak past ten.
  setMaxListeners(maxPages * 3, control.signal);
  const onAbort = () => control.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (opts.signal?.aborted) throw new CancelledError();
    const first = await fetchPage(1, control.signal);
    const last = lastPageOf(first.meta, opts.perPage);
    opts.onProgress?.(1, last);
    if (last !== undefined) {
      if (last > maxPages) {
        throw new UnexpectedResponseError(
          'meta.last_page',
          `${last} pages is more than the ${maxPages} this server reads`,
        );
      }
      if (last === 1) return { items: first.items, pages: 1 };
      let done = 1;
      const rest = await Promise.all(
        Array.from({ length: last - 1 }, (_, i) =>
          fetchPage(i + 2, control.signal).then(
            (page) => {
              done++;
              opts.onProgress?.(done, last);
              return page.items;
            },
            (error: unknown) => {
              control.abort();
              throw error;
            },
          ),
        ),
      );
      return { items: first.items.concat(...rest), pages: last };
    }
    const items = [...first.items];
    let size = first.meta.perPage ?? opts.perPage;
    let pageItems = first.items.length;
    let page = 1;
    while (pageItems >= size && pageItems > 0) {
      if (page >= maxPages)
        throw new UnexpectedResponseError('meta', `the list did not end within ${maxPages} pages`);
      page++;
      const next = await fetchPage(page, control.signal);
      size = next.meta.perPage ?? size;
      pageItems = next.items.length;
      items.push(...next.items);
      opts.onProgress?.(page, undefined);
    }
    return { items, pages: page };
  } catch (error) {
    // A page that failed because a sibling failed first is not the error to report.
    if (opts.signal?.aborted) throw new CancelledError();
    throw error;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
}
