import { setMaxListeners } from 'node:events';
import { CancelledError, UnexpectedResponseError } from './errors.js';
import { peekPageMeta } from './schemas.js';

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

// Reads one page; `onBody` (page 1) is handed the parsed body before its rows are checked (CallOptions.onBody).
export type PageReader<T> = (
  page: number,
  signal: AbortSignal,
  onBody?: (body: unknown) => void,
) => Promise<Page<T>>;

// What a resource's list method is called with for each page of a whole-list read.
export interface ListPageOptions {
  signal: AbortSignal;
  fresh: boolean | undefined;
  onBody?: ((body: unknown) => void) | undefined;
}

export interface AllPagesOptions<T = unknown> {
  // The page size asked for; used to spot a short (final) page when the API gives no total.
  perPage: number;
  signal?: AbortSignal | undefined;
  // Called after each page arrives with pages done and, when known, pages in all.
  onProgress?: ((done: number, total: number | undefined) => void) | undefined;
  // A runaway guard: no list in a studio should need more pages than this.
  maxPages?: number;
  // The row's id: a row seen on two pages (the list shifted during the read) is kept once.
  idOf?: ((item: T) => string) | undefined;
}

// Every row of a list, each once, and whether the list changed while it was read (a row on two pages, or a
// total that moved), in which case figures built from it may miss or lag a change made meanwhile.
export interface AllRows<T> {
  items: T[];
  pages: number;
  changed: boolean;
}

// The last page number a list reports, from meta.last_page or, when that is absent, ceil(total / per_page).
// Paging metadata that makes no sense (a negative count, a page size of 0) is an error, never a silent page 1.
export function lastPageOf(meta: PageMeta, requestedPerPage: number, endpoint?: string): number | undefined {
  const bad = (field: string, value: number) =>
    new UnexpectedResponseError(`meta.${field}`, `${value} is not a possible value`, { endpoint });
  if (meta.lastPage !== undefined && meta.lastPage < 0) throw bad('last_page', meta.lastPage);
  if (meta.total !== undefined && meta.total < 0) throw bad('total', meta.total);
  if (meta.perPage !== undefined && meta.perPage < 1) throw bad('per_page', meta.perPage);
  if (meta.lastPage !== undefined) return Math.max(1, meta.lastPage);
  const per = meta.perPage ?? requestedPerPage;
  if (meta.total !== undefined && per > 0) return Math.max(1, Math.ceil(meta.total / per));
  return undefined;
}

// Reads every page of a list: page 1 first, then the rest concurrently (the HTTP layer bounds how many are in
// flight) when the last page is known, else one by one until a short or empty page. Each page is handed to
// `onPage` as it arrives (so out of order), and nothing is kept here: a caller that aggregates holds one page
// of raw rows at a time. Any failed page fails the whole read. `totalMoved`: the list's total changed meanwhile.
async function readPages<T>(
  fetchPage: PageReader<T>,
  onPage: (items: T[], page: number) => void,
  opts: AllPagesOptions<T>,
): Promise<{ pages: number; totalMoved: boolean }> {
  const maxPages = opts.maxPages ?? 1000;
  // One controller for the whole read: the caller's cancellation, or the first failed page, stops the rest.
  const control = new AbortController();
  // Every page request (queued or in flight) listens on it; Node would warn about a leak past ten.
  setMaxListeners(maxPages * 3, control.signal);
  const onAbort = () => control.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (opts.signal?.aborted) throw new CancelledError();
    let totalMoved = false;
    let firstTotal: number | undefined;
    const seeTotal = (meta: PageMeta) => {
      if (meta.total !== undefined && firstTotal !== undefined && meta.total !== firstTotal)
        totalMoved = true;
    };
    let done = 0;
    let rest: { last: number; all: Promise<unknown> } | undefined;
    // Pages 2 to last, asked for at once (the HTTP layer bounds how many are in flight) as soon as page 1 says
    // how many there are: from its body before its rows are checked, else from the page itself.
    const askRest = (meta: PageMeta) => {
      const last = lastPageOf(meta, opts.perPage);
      if (rest || last === undefined) return;
      if (last > maxPages) {
        throw new UnexpectedResponseError(
          'meta.last_page',
          `${last} pages is more than the ${maxPages} this server reads`,
        );
      }
      firstTotal = meta.total;
      const all = Promise.all(
        Array.from({ length: last - 1 }, (_, i) =>
          fetchPage(i + 2, control.signal).then(
            (page) => {
              done++;
              seeTotal(page.meta);
              onPage(page.items, i + 2);
              opts.onProgress?.(done, last);
            },
            (error: unknown) => {
              control.abort();
              throw error;
            },
          ),
        ),
      );
      all.catch(() => {});
      rest = { last, all };
    };
    const first = await fetchPage(1, control.signal, (body) => {
      const meta = peekPageMeta(body);
      if (meta) askRest(meta);
    });
    firstTotal = first.meta.total;
    askRest(first.meta);
    done++;
    opts.onProgress?.(done, rest?.last);
    onPage(first.items, 1);
    if (rest) {
      await rest.all;
      return { pages: rest.last, totalMoved };
    }
    let size = first.meta.perPage ?? opts.perPage;
    let pageItems = first.items.length;
    let page = 1;
    while (pageItems >= size && pageItems > 0) {
      if (page >= maxPages)
        throw new UnexpectedResponseError('meta', `the list did not end within ${maxPages} pages`);
      page++;
      const next = await fetchPage(page, control.signal);
      size = next.meta.perPage ?? size;
      if (size < 1) throw new UnexpectedResponseError('meta.per_page', `${size} is not a possible value`);
      pageItems = next.items.length;
      seeTotal(next.meta);
      onPage(next.items, page);
      opts.onProgress?.(page, undefined);
    }
    return { pages: page, totalMoved };
  } catch (error) {
    // Whatever failed (page 1's rows, a caller's onPage), the pages still under way are stopped.
    control.abort();
    // A page that failed because a sibling failed first is not the error to report.
    if (opts.signal?.aborted) throw new CancelledError();
    throw error;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

// Every row of a list, in page order, each once (see readPages).
export async function fetchAllPages<T>(
  fetchPage: PageReader<T>,
  opts: AllPagesOptions<T>,
): Promise<AllRows<T>> {
  const byPage: T[][] = [];
  const { pages, totalMoved } = await readPages(
    fetchPage,
    (items, page) => {
      byPage[page - 1] = items;
    },
    opts,
  );
  const items = byPage.flat();
  const unique = dedupe(items, opts.idOf);
  return { items: unique, pages, changed: totalMoved || unique.length !== items.length };
}

// What a streamed read saw: pages and distinct rows, and whether the list changed while it was read.
export interface StreamedRows {
  pages: number;
  rows: number;
  changed: boolean;
}

// Hands every row of a list to `onRows` a page at a time, as pages arrive, each row once (by `idOf`; a row
// seen on an earlier page is left out), holding no rows itself: for totals over lists of any length.
export async function forEachPage<T>(
  fetchPage: PageReader<T>,
  onRows: (rows: T[]) => void,
  opts: AllPagesOptions<T> & { idOf: (item: T) => string },
): Promise<StreamedRows> {
  const seen = new Set<string>();
  let rows = 0;
  let repeated = false;
  const { pages, totalMoved } = await readPages(
    fetchPage,
    (items) => {
      const fresh = items.filter((item) => {
        const id = opts.idOf(item);
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      });
      if (fresh.length !== items.length) repeated = true;
      rows += fresh.length;
      onRows(fresh);
    },
    opts,
  );
  return { pages, rows, changed: totalMoved || repeated };
}

// Keeps the first of rows with the same id (all rows when there is no id function).
function dedupe<T>(items: T[], idOf: ((item: T) => string) | undefined): T[] {
  if (!idOf) return items;
  const seen = new Set<string>();
  return items.filter((item) => {
    const id = idOf(item);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

// Every row of a list whose pages `listPage` reads, each once; the read shape every resource's listAll uses.
export function readAllPages<T extends { id: string }>(
  listPage: (page: number, perPage: number, o: ListPageOptions) => Promise<Page<T>>,
  o: {
    signal?: AbortSignal | undefined;
    fresh?: boolean | undefined;
    onProgress?: ((done: number, total: number | undefined) => void) | undefined;
  },
  perPage = 100,
): Promise<AllRows<T>> {
  return fetchAllPages(
    (page, signal, onBody) => listPage(page, perPage, { signal, fresh: o.fresh, onBody }),
    {
      perPage,
      signal: o.signal,
      onProgress: o.onProgress,
      idOf: (row) => row.id,
    },
  );
}

// The streamed counterpart of readAllPages: every row handed to `onRows` a page at a time (forEachPage).
export function streamAllPages<T extends { id: string }>(
  listPage: (page: number, perPage: number, o: ListPageOptions) => Promise<Page<T>>,
  onRows: (rows: T[]) => void,
  o: {
    signal?: AbortSignal | undefined;
    fresh?: boolean | undefined;
    onProgress?: ((done: number, total: number | undefined) => void) | undefined;
  },
  perPage = 100,
): Promise<StreamedRows> {
  return forEachPage(
    (page, signal, onBody) => listPage(page, perPage, { signal, fresh: o.fresh, onBody }),
    onRows,
    {
      perPage,
      signal: o.signal,
      onProgress: o.onProgress,
      idOf: (row) => row.id,
    },
  );
}

// Looks through a list page by page, a few pages at a time (the HTTP layer bounds how many are in flight),
// and stops at the first row that matches: a bounded scan for lists the API cannot search.
export async function findInPages<T>(
  fetchPage: (page: number, signal: AbortSignal) => Promise<Page<T>>,
  matches: (row: T) => boolean,
  opts: { perPage: number; signal?: AbortSignal | undefined; batch?: number; maxPages?: number },
): Promise<{ found: T | undefined; pages: number }> {
  const maxPages = opts.maxPages ?? 1000;
  const batch = opts.batch ?? 4;
  const control = new AbortController();
  setMaxListeners(batch * 3, control.signal);
  const onAbort = () => control.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (opts.signal?.aborted) throw new CancelledError();
    const first = await fetchPage(1, control.signal);
    const hit = first.items.find(matches);
    if (hit !== undefined) return { found: hit, pages: 1 };
    const last = Math.min(maxPages, lastPageOf(first.meta, opts.perPage) ?? maxPages);
    let read = 1;
    let ended = first.items.length < (first.meta.perPage ?? opts.perPage);
    for (let next = 2; next <= last && !ended; next += batch) {
      const numbers = Array.from({ length: Math.min(batch, last - next + 1) }, (_, i) => next + i);
      const pages = await Promise.all(numbers.map((n) => fetchPage(n, control.signal)));
      read += pages.length;
      for (const page of pages) {
        const found = page.items.find(matches);
        if (found !== undefined) return { found, pages: read };
        if (page.items.length === 0) ended = true;
      }
    }
    return { found: undefined, pages: read };
  } catch (error) {
    control.abort();
    if (opts.signal?.aborted) throw new CancelledError();
    throw error;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
}
