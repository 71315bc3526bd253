import { setMaxListeners } from 'node:events';
import { type Page, type PageMeta, peekPageMeta } from './envelope.js';
import { CancelledError, PagingError, UnexpectedResponseError } from './errors.js';

export type { Page, PageMeta };

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

// The progress option of a whole-list read: called after each page arrives with pages done and, when known,
// pages in all.
export type ProgressOption = {
  onProgress?: ((done: number, total: number | undefined) => void) | undefined;
};

export interface AllPagesOptions<T> extends ProgressOption {
  // The page size asked for; used to spot a short (final) page when the API gives no total.
  perPage: number;
  signal?: AbortSignal | undefined;
  // A runaway guard: no list in a studio should need more pages than this.
  maxPages?: number;
  // The row's id: a row seen on two pages (the list shifted during the read) is kept once, and a page that
  // brings no row not seen before means paging is not working (PagingError).
  idOf: (item: T) => string;
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
// flight) when the last page is known, else one by one until a short or empty page. Each page's rows not seen
// on an earlier page are handed to `onPage` as the page arrives (so out of order); only their ids are kept
// here. Any failed page fails the whole read, and so does a page that brings nothing new (PagingError): an
// API that ignores the page number would otherwise send page 1 as many times as the list claims pages.
// `changed`: the list's total moved, or a row showed on two pages, while it was read.
async function readPages<T>(
  fetchPage: PageReader<T>,
  onPage: (items: T[], page: number) => void,
  opts: AllPagesOptions<T>,
): Promise<{ pages: number; changed: boolean }> {
  const seen = new Set<string>();
  let repeated = false;
  const take = (items: T[], page: number) => {
    const fresh = newRows(items, page, seen, opts.idOf);
    if (fresh.length !== items.length) repeated = true;
    onPage(fresh, page);
  };
  const maxPages = opts.maxPages ?? 1000;
  // One controller for the whole read: the caller's cancellation, or the first failed page, stops the rest.
  return underOneControl(opts.signal, maxPages * 3, async (control) => {
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
              take(page.items, i + 2);
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
    take(first.items, 1);
    if (rest) {
      await rest.all;
      return { pages: rest.last, changed: totalMoved || repeated };
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
      take(next.items, page);
      opts.onProgress?.(page, undefined);
    }
    return { pages: page, changed: totalMoved || repeated };
  });
}

// Runs a read of many requests under one controller: the caller's cancellation, or any failure of the read
// (a page, a caller's onPage), stops every request still queued or in flight. A failure that came of the
// caller's cancellation is reported as CancelledError, not as the sibling's error it caused.
async function underOneControl<R>(
  signal: AbortSignal | undefined,
  listeners: number,
  run: (control: AbortController) => Promise<R>,
): Promise<R> {
  const control = new AbortController();
  // Every request (queued or in flight) listens on it; Node would warn about a leak past ten.
  setMaxListeners(listeners, control.signal);
  const onAbort = () => control.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (signal?.aborted) throw new CancelledError();
    return await run(control);
  } catch (error) {
    control.abort();
    if (signal?.aborted) throw new CancelledError();
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

// The rows of page `page` not seen on an earlier page (their ids then counted as seen). A page past the first
// that brings rows but none new means paging is not working: PagingError, so nothing more is asked for.
function newRows<T>(items: T[], page: number, seen: Set<string>, idOf: (item: T) => string): T[] {
  const fresh = items.filter((item) => {
    const id = idOf(item);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  if (page > 1 && items.length > 0 && fresh.length === 0) throw new PagingError(page);
  return fresh;
}

// Every row of a list, in page order, each once (see readPages).
export async function fetchAllPages<T>(
  fetchPage: PageReader<T>,
  opts: AllPagesOptions<T>,
): Promise<AllRows<T>> {
  const byPage: T[][] = [];
  const { pages, changed } = await readPages(
    fetchPage,
    (items, page) => {
      byPage[page - 1] = items;
    },
    opts,
  );
  return { items: byPage.flat(), pages, changed };
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
  opts: AllPagesOptions<T>,
): Promise<StreamedRows> {
  let rows = 0;
  const { pages, changed } = await readPages(
    fetchPage,
    (items) => {
      rows += items.length;
      onRows(items);
    },
    opts,
  );
  return { pages, rows, changed };
}

// Every row of a list whose pages `listPage` reads, each once; the read shape every resource's listAll uses.
export function readAllPages<T extends { id: string }>(
  listPage: (page: number, perPage: number, o: ListPageOptions) => Promise<Page<T>>,
  o: {
    signal?: AbortSignal | undefined;
    fresh?: boolean | undefined;
  } & ProgressOption,
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
  } & ProgressOption,
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

// Looks through a list page by page in page order, a few pages at a time (the HTTP layer bounds how many are
// in flight), handing each page's rows to `onRows` until it answers true (enough), the list ends, or `maxPages`
// pages were read: a bounded scan for lists the API cannot search. `ended`: the whole list was seen. A page
// that brings no row not seen before stops the scan with PagingError, as in readPages.
export async function scanPages<T>(
  fetchPage: (page: number, signal: AbortSignal) => Promise<Page<T>>,
  onRows: (rows: T[]) => boolean,
  opts: {
    perPage: number;
    idOf: (item: T) => string;
    signal?: AbortSignal | undefined;
    batch?: number;
    maxPages?: number;
  },
): Promise<{ pages: number; ended: boolean }> {
  const maxPages = opts.maxPages ?? 1000;
  const batch = opts.batch ?? 4;
  const seen = new Set<string>();
  // Whether the scan may stop here: enough found, or a page that ends the list.
  const enough = (page: Page<T>, n: number): boolean => onRows(newRows(page.items, n, seen, opts.idOf));
  return underOneControl(opts.signal, batch * 3, async (control) => {
    const first = await fetchPage(1, control.signal);
    if (enough(first, 1)) return { pages: 1, ended: false };
    const known = lastPageOf(first.meta, opts.perPage);
    const last = Math.min(maxPages, known ?? maxPages);
    let read = 1;
    let ended = first.items.length < (first.meta.perPage ?? opts.perPage) || last <= 1;
    for (let next = 2; next <= last && !ended; next += batch) {
      const numbers = Array.from({ length: Math.min(batch, last - next + 1) }, (_, i) => next + i);
      const pages = await Promise.all(numbers.map((n) => fetchPage(n, control.signal)));
      for (const [i, page] of pages.entries()) {
        read++;
        if (enough(page, next + i)) return { pages: read, ended: false };
        if (page.items.length === 0) ended = true;
      }
    }
    return { pages: read, ended: ended || (known !== undefined && read >= known) };
  });
}

// The first row that matches, by a bounded scan (scanPages), and how many pages it took.
export async function findInPages<T>(
  fetchPage: (page: number, signal: AbortSignal) => Promise<Page<T>>,
  matches: (row: T) => boolean,
  opts: { perPage: number; idOf: (item: T) => string; signal?: AbortSignal | undefined },
): Promise<{ found: T | undefined; pages: number }> {
  let found: T | undefined;
  const { pages } = await scanPages(
    fetchPage,
    (rows) => {
      found = rows.find(matches);
      return found !== undefined;
    },
    opts,
  );
  return { found, pages };
}
