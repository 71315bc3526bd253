// The shape of an answer, never its values: which keys, which JSON types, how long the strings are, what
// the ids and dates look like. What this module returns is safe to paste in public.

export type Kind = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';

export interface FieldShape {
  kinds: Set<Kind>;
  // Rows in which the field was null, and in which it was missing.
  nulls: number;
  missing: number;
  minLength: number | undefined;
  maxLength: number | undefined;
  // "cl_" + 30: the prefix and body lengths of id-like strings (the prefix is part of the API's vocabulary).
  idForms: Set<string>;
  // "YYYY-MM-DD", "ISO timestamp with microseconds", …
  dateForms: Set<string>;
}

export interface BodyShape {
  // Keys of the body's top level, and of `meta` when there is one.
  envelope: string[];
  meta: string[];
  // Rows looked at (a list), or 1 (one object); 0 when none was found.
  rows: number;
  fields: Map<string, FieldShape>;
}

const kindOf = (v: unknown): Kind =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'array'
      : typeof v === 'number'
        ? Number.isInteger(v)
          ? 'integer'
          : 'number'
        : (typeof v as Kind);

// The form of a date, when a string is one.
export function dateForm(s: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return 'YYYY-MM-DD';
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(s)) return 'ISO timestamp with microseconds';
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})$/.test(s)) return 'ISO timestamp';
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(s)) return 'YYYY-MM-DD hh:mm:ss';
  return undefined;
}

const ID_FORM = /^([a-z]{2,4})_([A-Za-z0-9]+)$/;

// Where the rows of a body are: data[], data.data.<key>[], or the object in data.
export function rowsOf(body: unknown, rowsAt: string[] | undefined): { rows: unknown[]; list: boolean } {
  let at: unknown = body;
  for (const key of rowsAt ?? ['data'])
    at = at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
  if (Array.isArray(at)) return { rows: at, list: true };
  if (at && typeof at === 'object') return { rows: [at], list: false };
  return { rows: [], list: false };
}

// The shape of a parsed JSON body: the first `max` rows are looked at.
export function shapeOf(body: unknown, rowsAt?: string[], max = 25): BodyShape {
  const top =
    body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  // meta sits beside the rows' container: body.meta for data[], data.meta for data.data.collections.
  let holder: unknown = body;
  for (const key of (rowsAt ?? ['data']).slice(0, -2))
    holder = holder && typeof holder === 'object' ? (holder as Record<string, unknown>)[key] : undefined;
  const metaObj = holder && typeof holder === 'object' ? (holder as Record<string, unknown>).meta : undefined;
  const meta = metaObj && typeof metaObj === 'object' ? Object.keys(metaObj) : [];
  const { rows } = rowsOf(body, rowsAt);
  const sample = rows
    .slice(0, max)
    .filter((r): r is Record<string, unknown> => Boolean(r) && typeof r === 'object' && !Array.isArray(r));
  const fields = new Map<string, FieldShape>();
  const names = new Set(sample.flatMap((r) => Object.keys(r)));
  for (const name of names) {
    const f: FieldShape = {
      kinds: new Set(),
      nulls: 0,
      missing: 0,
      minLength: undefined,
      maxLength: undefined,
      idForms: new Set(),
      dateForms: new Set(),
    };
    for (const r of sample) {
      if (!(name in r)) {
        f.missing++;
        continue;
      }
      const v = r[name];
      f.kinds.add(kindOf(v));
      if (v === null) f.nulls++;
      if (typeof v === 'string') {
        f.minLength = Math.min(f.minLength ?? v.length, v.length);
        f.maxLength = Math.max(f.maxLength ?? v.length, v.length);
        const id = ID_FORM.exec(v);
        if (id && name.endsWith('id')) f.idForms.add(`${id[1]}_ + ${id[2]?.length}`);
        const d = dateForm(v);
        if (d) f.dateForms.add(d);
      }
    }
    fields.set(name, f);
  }
  return { envelope: Object.keys(top), meta, rows: sample.length, fields };
}

// Folds the shape of another answer from the same endpoint into `into`.
export function mergeShape(into: BodyShape, more: BodyShape): BodyShape {
  const envelope = [...new Set([...into.envelope, ...more.envelope])];
  const meta = [...new Set([...into.meta, ...more.meta])];
  const fields = new Map(into.fields);
  for (const [name, f] of more.fields) {
    const g = fields.get(name);
    if (!g) {
      fields.set(name, { ...f, missing: f.missing + into.rows });
      continue;
    }
    fields.set(name, {
      kinds: new Set([...g.kinds, ...f.kinds]),
      nulls: g.nulls + f.nulls,
      missing: g.missing + f.missing,
      minLength: either(g.minLength, f.minLength, Math.min),
      maxLength: either(g.maxLength, f.maxLength, Math.max),
      idForms: new Set([...g.idForms, ...f.idForms]),
      dateForms: new Set([...g.dateForms, ...f.dateForms]),
    });
  }
  for (const [name, g] of into.fields)
    if (!more.fields.has(name)) fields.set(name, { ...g, missing: g.missing + more.rows });
  return { envelope, meta, rows: into.rows + more.rows, fields };
}

// Two optional numbers combined: one alone, or both by `pick`.
function either(a: number | undefined, b: number | undefined, pick: (x: number, y: number) => number) {
  return a === undefined ? b : b === undefined ? a : pick(a, b);
}
