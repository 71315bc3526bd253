import { z } from 'zod';
import { lastPageOf, type PageMeta } from '../pixieset/paginate.js';
import { fitRows } from './budget.js';
import type { ResourceLink, ToolAnswer } from './define.js';
import { int } from './outputs/common.js';
import { plural, table } from './render.js';

// One page of a list as every list tool answers it: the paging fields, a compact table, the size cap, and
// the closing notes (a capped page size, rows cut to fit, how to get the next page).

export const paging = {
  page: int(),
  per_page: int(),
  total: int().nullable(),
  last_page: int().nullable(),
  has_more: z.boolean(),
};
export type Paging = z.output<z.ZodObject<typeof paging>>;

// has_more and last_page for one page of a list.
export function pagingOf(
  page: number,
  perPage: number,
  rows: number,
  meta: Omit<PageMeta, 'currentPage'>,
): Paging {
  const per = meta.perPage ?? perPage;
  const last = lastPageOf({ currentPage: undefined, ...meta }, perPage) ?? null;
  return {
    page,
    per_page: per,
    total: meta.total ?? null,
    last_page: last,
    has_more: last === null ? rows >= per : page < last,
  };
}

// "page 2 of 13" / "page 2" depending on what the API told.
export function pageLabel(p: { page: number; last_page: number | null }): string {
  return p.last_page === null ? `page ${p.page}` : `page ${p.page} of ${p.last_page}`;
}

export interface ListPage<R, K extends string> {
  // The tool's name, for "More: call <tool> with page N".
  tool: string;
  // The key the rows go under in structured content, e.g. "clients".
  key: K;
  rows: R[];
  // Column headers and how to read each cell from a row.
  columns: Array<[string, (row: R) => string | number | null | undefined]>;
  page: Paging;
  // What the rows are, one and many: ["client or lead", "clients and leads"], ["unpaid invoice", "unpaid invoices"].
  what: [string, string];
  // Said when the page is empty.
  empty: string;
  // The resource a row can be opened as: the first rows go out as resource_link items.
  link?: (row: R) => ResourceLink;
}

// How many rows of a list also go out as resource links.
const LINKED_ROWS = 5;

// The answer for one page of a list, within the size cap.
export function renderListPage<R, const K extends string>(
  o: ListPage<R, K>,
): ToolAnswer<Record<K, R[]> & Paging> {
  const p = o.page;
  return fitRows(o.rows, (shown, leftOut) => {
    const head = `${shown.length} ${o.what[shown.length === 1 ? 0 : 1]}${p.total === null ? '' : ` of ${p.total}`}, ${pageLabel(p)}.`;
    const body = shown.length
      ? table(
          o.columns.map(([h]) => h),
          shown.map((r) => o.columns.map(([, cell]) => cell(r))),
        )
      : o.empty;
    const notes = [
      leftOut
        ? `${plural(leftOut, 'more row')} of this page did not fit: call again with a smaller per_page.`
        : '',
      p.has_more ? `More: call ${o.tool} with page ${p.page + 1}.` : '',
    ].filter(Boolean);
    const structured = { [o.key]: shown, ...p } as Record<K, R[]> & Paging;
    const links = o.link ? shown.slice(0, LINKED_ROWS).map(o.link) : undefined;
    return { structured, text: [head, body, ...notes].join('\n'), ...(links ? { links } : {}) };
  });
}

// One page of rows this server filtered itself (the API cannot filter them): the rows and the paging fields.
export function localPage<R>(rows: R[], page: number, perPage: number): { rows: R[]; paging: Paging } {
  const last = Math.max(1, Math.ceil(rows.length / perPage));
  return {
    rows: rows.slice((page - 1) * perPage, page * perPage),
    paging: { page, per_page: perPage, total: rows.length, last_page: last, has_more: page < last },
  };
}

// A whole list this server read (no paging to offer): the rows that fit, a compact table, how many did not, and
// the count of them all. `extra` goes into the structured content beside them (totals).
export function renderAll<
  R,
  const K extends string,
  E extends Record<string, unknown> = Record<never, never>,
>(o: {
  key: K;
  rows: R[];
  head: string;
  columns: Array<[string, (row: R) => string | number | null | undefined]>;
  empty: string;
  extra?: E;
}): ToolAnswer<Record<K, R[]> & { count: number } & E> {
  return fitRows(o.rows, (shown, leftOut) => ({
    structured: { [o.key]: shown, count: o.rows.length, ...(o.extra ?? {}) } as Record<K, R[]> & {
      count: number;
    } & E,
    text: o.rows.length
      ? [
          o.head,
          table(
            o.columns.map(([h]) => h),
            shown.map((r) => o.columns.map(([, cell]) => cell(r))),
          ),
          ...(leftOut ? [`${plural(leftOut, 'more')} did not fit in one answer.`] : []),
        ].join('\n')
      : o.empty,
  }));
}
