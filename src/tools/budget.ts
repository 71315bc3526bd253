import type { ToolAnswer } from './define.js';

// No tool result may exceed this many characters (text plus structured content), so one answer can never
// flood the model's context. The margin leaves room for the JSON-RPC envelope and escaping.
export const MAX_RESULT_CHARS = 20_000;
const BUDGET = MAX_RESULT_CHARS - 1_000;

const sizeOf = (a: ToolAnswer<unknown>): number =>
  a.text.length + JSON.stringify(a.structured).length + (a.links ? JSON.stringify(a.links).length : 0);

export const fits = (a: ToolAnswer<unknown>): boolean => sizeOf(a) <= BUDGET;

// Builds the answer from all rows, or, when that is too large, from the longest prefix that fits.
// `build` gets the rows and how many were left out (0 when none), so it can say how to narrow. The prefix is
// found by doubling from a few rows, then halving: a big studio's 1,500 rows are never all rendered when
// only 40 can fit.
export function fitRows<T, A extends ToolAnswer<unknown>>(
  rows: T[],
  build: (rows: T[], leftOut: number) => A,
): A {
  const prefix = (n: number) =>
    n >= rows.length ? build(rows, 0) : build(rows.slice(0, n), rows.length - n);
  // The longest prefix known to fit (lo) and the shortest known not to (hi).
  let lo = 0;
  let hi = rows.length + 1;
  for (let n = Math.min(8, rows.length); ; n = Math.min(n * 2, rows.length)) {
    const answer = prefix(n);
    if (!fits(answer)) {
      hi = n;
      break;
    }
    lo = n;
    if (n >= rows.length) return answer;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(prefix(mid))) lo = mid;
    else hi = mid;
  }
  return prefix(lo);
}
