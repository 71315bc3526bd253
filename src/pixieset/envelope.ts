import { z } from 'zod';
import { UnexpectedResponseError } from './errors.js';
import { safeLine } from './safe-text.js';
import { count } from './schemas.js';

// The envelopes Pixieset's answers come in — { data: {...} } for one object, { data: [...], meta } for a page
// of a list, the gallery dashboard's nested form — and the paging they carry: the one module that reads them.

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

// Paging, under every name the docs use for it: per_page / page_size / pageSize, last_page / total_pages,
// in `meta` or at the top level of the body.
const metaSchema = z.looseObject({
  current_page: count,
  page: count,
  per_page: count,
  page_size: count,
  pageSize: count,
  limit: count,
  total: count,
  last_page: count,
  total_pages: count,
});
const PAGING_KEYS = [
  'current_page',
  'per_page',
  'page_size',
  'pageSize',
  'total',
  'last_page',
  'total_pages',
];

// Validates a value against a schema; a mismatch becomes UnexpectedResponseError naming the field (e.g. "data[3].id").
export function parseShape<S extends z.ZodType>(
  schema: S,
  value: unknown,
  endpoint: string,
  prefix: string,
): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = `${prefix}${(issue?.path ?? []).map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`;
  throw new UnexpectedResponseError(field.replace(/^\./, '') || '(body)', issue?.message ?? 'invalid', {
    endpoint,
  });
}

const envelope = z.looseObject({ data: z.unknown() });

// Reads { data: {...} } (tolerating a bare object) into one item.
export function parseOne<S extends z.ZodType>(schema: S, body: unknown, endpoint: string): z.output<S> {
  const env = parseShape(envelope, body, endpoint, '');
  const data = env.data ?? body;
  return parseShape(schema, data, endpoint, 'data');
}

// Made once: zod compiles a schema's checks on its first use, so a schema made per page is compiled per page.
const pageEnvelope = z.looseObject({ data: z.array(z.unknown()), meta: z.unknown().optional() });
const nestedEnvelope = z.looseObject({ data: z.unknown(), meta: z.unknown().optional() });

// Reads { data: [...], meta: {...} } into a Page.
export function parsePage<S extends z.ZodType>(
  schema: S,
  body: unknown,
  endpoint: string,
): Page<z.output<S>> {
  const env = parseShape(pageEnvelope, body, endpoint, '');
  const items = env.data.map((item, i) => parseShape(schema, item, endpoint, `data[${i}]`));
  return { items, meta: metaOf(env, endpoint) };
}

// The paging of a { data: [...], meta: {...} } body; paging keys at the top level stand in for a missing meta.
function metaOf(env: Record<string, unknown>, endpoint: string): PageMeta {
  const raw = env.meta ?? Object.fromEntries(Object.entries(env).filter(([k]) => PAGING_KEYS.includes(k)));
  const meta = parseShape(metaSchema, raw, endpoint, env.meta === undefined ? '' : 'meta');
  return {
    currentPage: meta.current_page ?? meta.page,
    perPage: meta.per_page ?? meta.page_size ?? meta.pageSize ?? meta.limit,
    total: meta.total,
    lastPage: meta.last_page ?? meta.total_pages,
  };
}

// The paging of a list body read as parsePage reads it, before its rows are checked; undefined when the body
// is not of that shape or its paging cannot be read (parsePage then says what is wrong).
export function peekPageMeta(body: unknown): PageMeta | undefined {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { data?: unknown }).data)) {
    return undefined;
  }
  try {
    return metaOf(body as Record<string, unknown>, '');
  } catch {
    return undefined;
  }
}

// Reads a list whose rows sit at data.<key> (and meta at data.meta), as the gallery dashboard answers:
// { data: { data: { collections: [...] }, meta: {...} } }; a plain { data: [...] } is read too.
export function parseNestedPage<S extends z.ZodType>(
  schema: S,
  body: unknown,
  endpoint: string,
  key: string,
): Page<z.output<S>> {
  const outer = parseShape(envelope, body, endpoint, '');
  if (Array.isArray(outer.data)) return parsePage(schema, body, endpoint);
  const inner = parseShape(nestedEnvelope, outer.data, endpoint, 'data');
  const rowsAt = Array.isArray(inner.data)
    ? inner.data
    : parseShape(z.looseObject({ [key]: z.array(z.unknown()) }), inner.data, endpoint, 'data.data')[key];
  return parsePage(schema, { data: rowsAt, meta: inner.meta }, endpoint);
}

// A count from a body whose shape is not documented: `data` itself as a number, or the first of `names` found
// in `data` (or at the top level) as a whole number. Anything else is an unexpected answer, named.
export function countIn(body: unknown, endpoint: string, names: readonly string[]): number {
  const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  const top = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  if (isCount(top.data)) return top.data;
  const data = (top.data && typeof top.data === 'object' ? top.data : {}) as Record<string, unknown>;
  for (const where of [data, top])
    for (const name of names) if (isCount(where[name])) return where[name] as number;
  throw new UnexpectedResponseError(`data.${names[0]}`, 'no count found', { endpoint });
}

// A list from a body whose shape is not documented (availability): `data` itself as a list, or a list under one
// of `keys` in `data`; each item a text or number, or an object with one of `fields`; at most 2,000, each shown
// safely. No list at all is an unexpected answer, named.
export function listIn(
  body: unknown,
  t: string,
  keys: readonly string[],
  fields: readonly string[],
): string[] {
  const data = (body as { data?: unknown } | null)?.data;
  const list = Array.isArray(data)
    ? data
    : data && typeof data === 'object'
      ? keys.map((k) => (data as Record<string, unknown>)[k]).find(Array.isArray)
      : undefined;
  if (!list)
    throw new UnexpectedResponseError(`data.${keys[0]}`, 'no list of availability found', { endpoint: t });
  return list.slice(0, 2_000).flatMap((v) => {
    const value =
      v && typeof v === 'object'
        ? fields.map((f) => (v as Record<string, unknown>)[f]).find((x) => x !== undefined)
        : v;
    return typeof value === 'string' || typeof value === 'number' ? [safeLine(String(value), 40)] : [];
  });
}
