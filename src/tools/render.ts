// Compact text for tool results: short tables and summaries, never a second copy of the JSON.

import { MAX_RESULT_CHARS } from './budget.js';

// Joins rows of cells with " | ", dropping null cells to "—".
export function table(header: string[], rows: Array<Array<string | number | null | undefined>>): string {
  const line = (cells: Array<string | number | null | undefined>) =>
    cells.map((c) => (c === null || c === undefined || c === '' ? '—' : String(c))).join(' | ');
  return [line(header), ...rows.map(line)].join('\n');
}

// Keeps a text under the size limit, cutting whole lines and saying how to narrow the request.
export function capText(text: string, howToNarrow: string, max = MAX_RESULT_CHARS): string {
  if (text.length <= max) return text;
  const note = `\n… cut to stay under ${max} characters. ${howToNarrow}`;
  const room = max - note.length;
  const cut = text.lastIndexOf('\n', room);
  return text.slice(0, cut > 0 ? cut : room) + note;
}

// "page 2 of 13" / "page 2" depending on what the API told.
export function pageLabel(p: { page: number; last_page: number | null; total: number | null }): string {
  return p.last_page === null ? `page ${p.page}` : `page ${p.page} of ${p.last_page}`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// The closing lines of one page of a list: a capped page size, rows cut to fit, and how to get the next page.
export function pageNotes(
  tool: string,
  o: { page: number; asked: number; used: number; cap: number; leftOut: number; hasMore: boolean },
): string[] {
  const capped = o.asked > o.used;
  return [
    capped ? `per_page is capped at ${o.cap} so the answer stays small.` : '',
    o.leftOut ? `${o.leftOut} more rows of this page did not fit: call again with a smaller per_page.` : '',
    o.hasMore ? `More: call ${tool} with page ${o.page + 1}${capped ? ` and per_page ${o.used}` : ''}.` : '',
  ].filter(Boolean);
}

// Said when a multi-page read saw the list change under it (rows on two pages, a total that moved).
export const LIST_CHANGED =
  'The list changed while it was read (a row appeared on two pages and was counted once); if an invoice or client was just added or changed, ask again for settled figures.';
