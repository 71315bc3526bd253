import type { ToolAnswer } from './define.js';

// No tool result may exceed this many characters (text plus structured content), so one answer can never
// flood the model's context. The margin leaves room for the JSON-RPC envelope and escaping.
export const MAX_RESULT_CHARS = 20_000;
const BUDGET = MAX_RESULT_CHARS - 1_000;

const sizeOf = (a: ToolAnswer<unknown>): number =>
  a.text.length + JSON.stringify(a.structured).length + (a.links ? JSON.stringify(a.links).length : 0);

export const fits = (a: ToolAnswer<unknown>): boolean => sizeOf(a) <= BUDGET;

// Builds the answer from all rows, or, when that is too large, from the longest prefix that fits.
// `build` gets the rows and how many were left out (0 when none), so it can say how to narrow.
export function fitRows<T, A extends ToolAnswer<unknown>>(
  rows: T[],
  build: (rows: T[], leftOut: number) => A,
): A {
  const all = build(rows, 0);
  if (fits(all)) return all;
  let lo = 0;
  let hi = rows.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(build(rows.slice(0, mid), rows.length - mid))) lo = mid;
    else hi = mid - 1;
  }
  return build(rows.slice(0, lo), rows.length - lo);
}
