import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { BUDGET, sizeOf } from './budget.js';
import type { ResourceLink } from './define.js';
import { capText } from './render.js';

// The one answer builder: every tool result and every error result passes through here on its way out.
// It masks secrets (a cookie or token echoed by upstream never reaches a result), and bounds the whole answer,
// text and structured content alike, so nothing the upstream sends can make an answer too large to send.

// Deeper than any structure this server builds; upstream blobs are cut shallower where they are read.
const MAX_DEPTH = 12;
// More keys than any result object of ours has: an object past this is a map of upstream values.
const MAX_FIELDS = 50;
// Successive limits tried until the answer fits: longest string kept, longest list kept.
const PASSES: Array<{ chars: number; items: number }> = [
  { chars: 4_000, items: 500 },
  { chars: 1_000, items: 100 },
  { chars: 300, items: 25 },
  { chars: 100, items: 5 },
];

interface Cuts {
  strings: number;
  lists: number;
}

// A copy of a structured value with every string masked and the given limits applied; counts what it cut.
function bound(
  value: unknown,
  mask: (s: string) => string,
  limit: { chars: number; items: number } | undefined,
  cuts: Cuts,
  depth = 0,
): unknown {
  if (typeof value === 'string') {
    const s = mask(value);
    if (limit && s.length > limit.chars) {
      cuts.strings++;
      return `${s.slice(0, limit.chars)}… [cut]`;
    }
    return s;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) {
    cuts.strings++;
    return null;
  }
  if (Array.isArray(value)) {
    let items = value;
    if (limit && value.length > limit.items) {
      cuts.lists++;
      items = value.slice(0, limit.items);
    }
    return items.map((v) => bound(v, mask, limit, cuts, depth + 1));
  }
  const out: Record<string, unknown> = Object.create(null);
  let entries = Object.entries(value);
  // A map keyed by upstream values (a group-by) is a list too; no object this server shapes has 50 fields.
  if (limit && entries.length > Math.max(limit.items, MAX_FIELDS)) {
    cuts.lists++;
    entries = entries.slice(0, Math.max(limit.items, MAX_FIELDS));
  }
  for (const [k, v] of entries)
    out[limit ? mask(k).slice(0, limit.chars) : mask(k)] = bound(v, mask, limit, cuts, depth + 1);
  return out;
}

// A successful answer, masked and bounded. What had to be cut is said in the text, with how to narrow.
export function boundedResult(
  answer: {
    text: string;
    structured: unknown;
    links?: ResourceLink[];
  },
  mask: (s: string) => string,
  howToNarrow: string,
): CallToolResult {
  const text = mask(answer.text);
  let cuts: Cuts = { strings: 0, lists: 0 };
  let structured = bound(answer.structured, mask, undefined, cuts);
  for (const limit of PASSES) {
    if (sizeOf({ text, structured }) <= BUDGET) break;
    cuts = { strings: 0, lists: 0 };
    structured = bound(answer.structured, mask, limit, cuts);
  }
  const cut = cuts.strings + cuts.lists > 0;
  const note = cut
    ? `\n(The structured data was cut to fit one answer: ${[
        cuts.lists ? `${cuts.lists} list${cuts.lists === 1 ? '' : 's'} shortened` : '',
        cuts.strings ? `${cuts.strings} long text${cuts.strings === 1 ? '' : 's'} shortened` : '',
      ]
        .filter(Boolean)
        .join(', ')}. ${howToNarrow})`
    : '';
  const data = JSON.stringify(structured)?.length ?? 0;
  // Nothing upstream sends can make an answer larger than the bound: structured data that leaves no room for
  // a few lines of text even after the tightest cut is no answer but an error that says so.
  if (data + note.length + 500 > BUDGET)
    return boundedError(
      `The answer was too large to send even when cut (its structured data alone is ${data} characters), so nothing of it is shown.\nWhat to do: ${howToNarrow}`,
      mask,
    );
  const room = BUDGET - data - note.length;
  const links = (answer.links ?? []).slice(0, 10).map((l) => ({ ...l, name: mask(l.name).slice(0, 200) }));
  return {
    content: [{ type: 'text', text: capText(text, howToNarrow, room) + note }, ...links],
    structuredContent: structured as Record<string, unknown>,
  };
}

// An error result: masked, bounded text.
export function boundedError(text: string, mask: (s: string) => string): CallToolResult {
  return {
    isError: true,
    content: [{ type: 'text', text: capText(mask(text), 'The message was cut.', BUDGET) }],
  };
}
