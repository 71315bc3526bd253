import { type EndpointSpec, type Expect, readersOf } from './catalog.js';
import type { BodyShape } from './shape.js';

// What was seen at one endpoint, live or in a HAR: its status and content type, and the shape of its body.
export interface Observation {
  status: number;
  contentType: string;
  shape: BodyShape | undefined;
  // The start of a body that is not JSON (to tell a login page from an API change); never reported.
  text?: string;
}

// ok: as expected; harmless: works, with notes; drift: the API differs from what the server expects;
// signed_out: the session was refused (fix the cookie: no API change); no_answer: nothing came back (the
// connection); not_probed: not tried, so nothing is known of it.
export type Severity = 'ok' | 'harmless' | 'drift' | 'signed_out' | 'no_answer' | 'not_probed';

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

// A refused session, not an API change: 401, 419, a 403 (Cloudflare's challenge among them), a redirect (to
// the login page), or a login page served as HTML.
export function signedOut(seen: Pick<Observation, 'status' | 'contentType'> & { text?: string }): boolean {
  if ([401, 403, 419].includes(seen.status) || (seen.status >= 300 && seen.status < 400)) return true;
  return /html/i.test(seen.contentType) && /log ?in|sign ?in|just a moment/i.test(seen.text ?? '');
}

// Compares one endpoint's observation with what the server expects of it.
export function judge(spec: EndpointSpec, seen: Observation | undefined): Verdict {
  const endpoint = spec.template;
  if (!seen) return { endpoint, severity: 'not_probed', lines: ['not seen (nothing to compare)'] };
  if (signedOut(seen))
    return {
      endpoint,
      severity: 'signed_out',
      lines: [`signed out (fix the cookie): ${seen.status < 300 ? 'a login page' : `HTTP ${seen.status}`}`],
    };
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
        lines.push(`MISSING field ${name} used by ${readersOf(endpoint).join(', ')}`);
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
    const known = new Set([...Object.keys(spec.fields), ...spec.known]);
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

const MARK: Record<Severity, string> = {
  ok: 'OK',
  harmless: 'OK',
  drift: 'DRIFT',
  signed_out: 'SIGNED OUT',
  no_answer: 'NO ANSWER',
  not_probed: 'NOT PROBED',
};

// The text report: a line per endpoint, details under it, a count of each kind and what to do at the end.
export function renderReport(title: string, verdicts: Verdict[], unknown: string[] = []): string {
  const out = [title, ''];
  for (const v of verdicts) {
    out.push(`${MARK[v.severity].padEnd(5)} ${v.endpoint}`);
    for (const l of v.lines) if (l !== 'OK') out.push(`      ${l}`);
  }
  if (unknown.length) {
    out.push('', 'Seen but not used by this server yet (method, path, query keys):');
    for (const u of unknown) out.push(`      ${u}`);
  }
  const count = (...kinds: Severity[]) => verdicts.filter((v) => kinds.includes(v.severity)).length;
  const n = (k: number, what: string) => `${k} ${what}`;
  const ends = (k: number) => `endpoint${k === 1 ? '' : 's'}`;
  out.push(
    '',
    `${n(count('ok', 'harmless'), 'OK')}, ${n(count('drift'), 'drift')}, ${n(count('signed_out'), 'signed out')}, ${n(count('no_answer'), 'no answer')}, ${n(count('not_probed'), 'not probed')} (of ${verdicts.length} ${ends(verdicts.length)}).`,
  );
  const signed = count('signed_out');
  if (signed)
    out.push(
      `Signed out at ${signed} ${ends(signed)}: the session cookie was refused — that is not an API change. Copy a fresh Cookie header (see \`pixieset-mcp doctor\`) and probe again.`,
    );
  const silent = count('no_answer');
  if (silent)
    out.push(`No answer from ${silent} ${ends(silent)}: check the internet connection and the base URLs.`);
  const drifted = count('drift');
  if (drifted)
    out.push(
      `${drifted} ${ends(drifted)} differ from what this server expects. Attach this report to an issue; it holds no names, emails, amounts, ids or cookies.`,
    );
  else if (!signed && !silent && !count('not_probed'))
    out.push('Every endpoint this server relies on matches what it expects.');
  else if (!signed && !silent)
    out.push('Every endpoint that was probed matches what this server expects; those not probed say why.');
  return out.join('\n');
}

// 1 when something needs fixing: drift, a refused session or no answer; endpoints not probed alone are not.
export const exitCodeOf = (verdicts: Verdict[]) =>
  verdicts.some((v) => ['drift', 'signed_out', 'no_answer'].includes(v.severity)) ? 1 : 0;
