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

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// Said when a multi-page read saw the list change under it (rows on two pages, a total that moved).
export const LIST_CHANGED =
  'The list changed while it was read (rows moved between pages, or the total changed); each row was counted once, but a change made meanwhile may be missing: ask again for settled figures.';
