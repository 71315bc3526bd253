import type { ToolAnswer } from './define.js';

// No tool result may exceed this many characters (text plus structured content), so one answer can never
// flood the model's context. The margin leaves room for the JSON-RPC envelope and escaping.
export const MAX_RESULT_CHARS = 20_000;
// What text and structured content may take together: the bound less room for the envelope and escaping.
export const BUDGET = MAX_RESULT_CHARS - 1_000;

// An answer's size as the bound counts it: its text, structured content and links together.
export const sizeOf = (a: Pick<ToolAnswer<unknown>, 'text' | 'structured' | 'links'>): number =>
  a.text.length +
  (JSON.stringify(a.structured)?.length ?? 0) +
  (a.links ? JSON.stringify(a.links).length : 0);

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

// The most groups a count over upstream values (statuses, methods) lists: the rest are folded into one.
export const MAX_GROUPS = 20;
// The key the folded groups are summed under (parenthesised, so no real status name can take it).
export const OTHER_GROUP = '(other)';

// Counts keyed by upstream values, at most `max` of them: the largest kept, the rest summed under OTHER_GROUP.
// `folded`: how many keys were folded into it (0 when none).
export function capGroups(
  counts: Record<string, number>,
  max = MAX_GROUPS,
): { groups: Record<string, number>; folded: number } {
  const entries = Object.entries(counts);
  if (entries.length <= max) return { groups: counts, folded: 0 };
  entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const groups: Record<string, number> = Object.create(null);
  for (const [k, v] of entries.slice(0, max - 1)) groups[k] = v;
  let other = 0;
  for (const [, v] of entries.slice(max - 1)) other += v;
  groups[OTHER_GROUP] = other;
  return { groups, folded: entries.length - (max - 1) };
}
