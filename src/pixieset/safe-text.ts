// Text that came from Pixieset (names, notes, error messages) is data, never the server's own words: it is
// made one line, stripped of characters that hide or reorder text, and bounded before anything renders it.

// C0/C1 controls except tab/line breaks (handled apart), bidi embeddings/overrides/isolates, zero-width and
// other invisible formatting characters, the byte-order mark, and the interlinear annotation marks.
// biome-ignore lint/complexity/useRegexLiterals: as a literal it would hold control characters, which lint forbids.
const INVISIBLE = new RegExp(
  '[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u061c\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u206f\\ufeff\\ufff9-\\ufffb]',
  'g',
);
// Line and paragraph breaks of every kind, and tabs.
const BREAKS = /\r\n|[\r\n\u2028\u2029\u0085\t]/g;

// Printable ASCII only: nothing to change (most fields of most rows), checked far faster than the replaces.
const PLAIN = /^[\x20-\x7e]*$/;

// The longest single upstream string kept in a result; the answer builder bounds the whole answer besides.
export const MAX_FIELD_CHARS = 2_000;

// One line, no invisible or reordering characters, at most `max` characters (cut with a marker).
export function safeLine(value: string, max = MAX_FIELD_CHARS): string {
  let s = PLAIN.test(value)
    ? value
    : value.replace(BREAKS, (m) => (m === '\t' ? ' ' : ' ⏎ ')).replace(INVISIBLE, '');
  if (s.length > max) s = `${s.slice(0, max)}… [${s.length - max} more characters cut]`;
  return s;
}

// The longest message (a client's own words) kept in a result.
export const MAX_MESSAGE_CHARS = 4_000;

// Text of several lines written by someone else (a client's message): line breaks of every kind become "\n"
// and are kept, at most two in a row; tabs become spaces; invisible and reordering characters go; at most `max`
// characters (cut with a marker). Whoever shows it must still mark every line as quoted (`quoted`).
export function safeBlock(value: string, max = MAX_FIELD_CHARS): string {
  let s = value
    .replace(/\t/g, ' ')
    .replace(BREAKS, '\n')
    .replace(INVISIBLE, '')
    .replace(/[ ]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (s.length > max) s = `${s.slice(0, max)}… [${s.length - max} more characters cut]`;
  return s;
}

// A block of someone else's text as quoted lines: every line starts with "> ", so none can pass for one of the
// server's own.
export const quoted = (block: string): string =>
  block
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');

// A copy of an unknown JSON value from upstream that is safe to put in a result: strings and keys made safe,
// nesting cut at `depth` levels, at most `width` keys or items per level. Never recurses deeper than `depth`.
export function safeJson(value: unknown, depth = 4, width = 50): unknown {
  if (typeof value === 'string') return safeLine(value, 500);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value !== 'object') return null;
  if (depth <= 0) return '[nested too deep: left out]';
  if (Array.isArray(value)) {
    const items = value.slice(0, width).map((v) => safeJson(v, depth - 1, width));
    if (value.length > width) items.push(`[${value.length - width} more items left out]`);
    return items;
  }
  const out: Record<string, unknown> = Object.create(null);
  const keys = Object.keys(value);
  for (const k of keys.slice(0, width)) {
    out[safeLine(k, 100)] = safeJson((value as Record<string, unknown>)[k], depth - 1, width);
  }
  if (keys.length > width) out['…'] = `${keys.length - width} more keys left out`;
  return out;
}
