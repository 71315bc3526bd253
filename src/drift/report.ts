import { type EndpointSpec, type Expect, KNOWN_FIELDS } from './catalog.js';
import type { BodyShape } from './shape.js';

// What was seen at one endpoint, live or in a HAR: its status and content type, and the shape of its body.
export interface Observation {
  status: number;
  contentType: string;
  shape: BodyShape | undefined;
}

export type Severity = 'ok' | 'harmless' | 'drift';

export interface Verdict {
  endpoint: string;
  severity: Severity;
  lines: string[];
  // The shape, for the JSON report: keys, kinds, lengths, id and date forms — no values.
  shape?: Record<string, unknown> | undefined;
}

// The id prefixes whose length the guide documents (30 letters and digits).
const DOCUMENTED_IDS = /^(cl|in|ip|co)_ \+ \d+$/;

const KINDS_OK: Record<Expect, string[]> = {
  id: ['string', 'integer'],
  string: ['string', 'integer', 'number'],
  integer: ['integer'],
  boolean: ['boolean'],
  date: ['string'],
  object: ['object'],
  array: ['array'],
};

// Compares one endpoint's observation with what the server expects of it.
export function judge(spec: EndpointSpec, seen: Observation | undefined): Verdict {
  const endpoint = spec.template;
  if (!seen) return { endpoint, severity: 'harmless', lines: ['not seen (nothing to compare)'] };
  if (seen.status === 404 || seen.status === 405)
    return { endpoint, severity: 'drift', lines: [`endpoint not offered (${seen.status})`] };
  if (seen.status < 200 || seen.status >= 300)
    return { endpoint, severity: 'drift', lines: [`HTTP ${seen.status}`] };
  if (!/json/i.test(seen.contentType) || !seen.shape)
    return {
      endpoint,
      severity: 'drift',
      lines: [`not JSON (${seen.contentType.split(';')[0] || 'no content type'})`],
    };
  const shape = seen.shape;
  const lines: string[] = [];
  let severity: Severity = 'ok';
  const worse = (s: Severity) => {
    if (s === 'drift' || (s === 'harmless' && severity === 'ok')) severity = s;
  };
  if (shape.rows === 0) {
    lines.push(spec.list ? 'empty list (no rows to compare)' : 'no object in "data"');
    worse(spec.list ? 'harmless' : 'drift');
  } else {
    for (const [name, want] of Object.entries(spec.fields)) {
      const f = shape.fields.get(name);
      if (!f || f.missing === shape.rows) {
        lines.push(`MISSING field ${name} used by ${want.tools.join(', ')}`);
        worse('drift');
        continue;
      }
      const kinds = [...f.kinds].filter((k) => k !== 'null');
      const bad = kinds.filter((k) => !KINDS_OK[want.kind].includes(k));
      if (bad.length) {
        lines.push(`type changed: ${name} expected ${want.kind}, got ${bad.join(' or ')}`);
        worse('drift');
      } else if (want.kind === 'date' && f.dateForms.size === 0 && f.nulls < shape.rows - f.missing) {
        lines.push(`type changed: ${name} expected a date, got text that is not one`);
        worse('drift');
      }
    }
    for (const [name, want] of Object.entries(spec.fields)) {
      const f = shape.fields.get(name);
      if (want.kind !== 'id' || !f) continue;
      const other = [...f.idForms].filter((form) => DOCUMENTED_IDS.test(form) && !/ \+ 30$/.test(form));
      if (other.length) {
        lines.push(
          `ids ${other.join(', ')} letters and digits in ${name} (the guide documents 30; accepted once seen, with PIXIESET_ID_CHECK=auto)`,
        );
        worse('harmless');
      }
    }
    const known = new Set([...Object.keys(spec.fields), ...(KNOWN_FIELDS[spec.template] ?? [])]);
    const extra = [...shape.fields.keys()].filter((k) => !known.has(k));
    if (extra.length) {
      lines.push(
        `extra fields (harmless): ${extra.slice(0, 15).join(', ')}${extra.length > 15 ? `, and ${extra.length - 15} more` : ''}`,
      );
      worse('harmless');
    }
  }
  if (spec.list && spec.paged !== false) {
    const paging = [...shape.meta, ...shape.envelope];
    const notes: string[] = [];
    if (!paging.some((k) => ['last_page', 'total', 'total_pages'].includes(k)))
      notes.push('no total or last_page (lists are read until a short page)');
    else if (!paging.some((k) => ['last_page', 'total_pages'].includes(k)))
      notes.push('no last_page (worked out from total)');
    const names = paging.filter((k) => ['page_size', 'pageSize', 'total_pages', 'limit'].includes(k));
    if (names.length) notes.push(`${names.join(', ')} instead of per_page and last_page (read all the same)`);
    if (!shape.meta.length && paging.some((k) => ['total', 'last_page', 'current_page'].includes(k)))
      notes.push('keys at the top level, not in meta (read all the same)');
    for (const n of notes) lines.push(`paging: ${n}`);
    if (notes.length) worse('harmless');
  }
  return { endpoint, severity, lines: lines.length ? lines : ['OK'], shape: publicShape(shape) };
}

// The shape as plain JSON: names, kinds, counts, lengths and forms only.
export function publicShape(s: BodyShape): Record<string, unknown> {
  return {
    envelope: s.envelope,
    meta: s.meta,
    rows: s.rows,
    fields: Object.fromEntries(
      [...s.fields].map(([name, f]) => [
        name,
        {
          kinds: [...f.kinds],
          nulls: f.nulls,
          missing: f.missing,
          ...(f.minLength === undefined ? {} : { length: [f.minLength, f.maxLength] }),
          ...(f.idForms.size ? { id_forms: [...f.idForms] } : {}),
          ...(f.dateForms.size ? { date_forms: [...f.dateForms] } : {}),
        },
      ]),
    ),
  };
}

// The text report: a line per endpoint, details under it, a verdict at the end.
export function renderReport(title: string, verdicts: Verdict[], unknown: string[] = []): string {
  const out = [title, ''];
  for (const v of verdicts) {
    const mark = v.severity === 'drift' ? 'DRIFT' : 'OK';
    out.push(`${mark.padEnd(5)} ${v.endpoint}`);
    for (const l of v.lines) if (l !== 'OK') out.push(`      ${l}`);
  }
  if (unknown.length) {
    out.push('', 'Seen but not used by this server yet (method, path, query keys):');
    for (const u of unknown) out.push(`      ${u}`);
  }
  const drifted = verdicts.filter((v) => v.severity === 'drift').length;
  out.push(
    '',
    drifted
      ? `${drifted} endpoint${drifted === 1 ? '' : 's'} differ from what this server expects. Attach this report to an issue; it holds no names, emails, amounts, ids or cookies.`
      : 'Every endpoint this server relies on matches what it expects.',
  );
  return out.join('\n');
}

export const exitCodeOf = (verdicts: Verdict[]) => (verdicts.some((v) => v.severity === 'drift') ? 1 : 0);
