import type { PixiesetApi } from '../pixieset/api.js';
import { peekPageMeta } from '../pixieset/envelope.js';
import { lastPageOf } from '../pixieset/paginate.js';
import { resolve } from '../pixieset/request.js';
import { CATALOG, type EndpointSpec } from './catalog.js';
import { judge, type Observation, type Verdict } from './report.js';
import { rowsOf, shapeOf } from './shape.js';

// Walks every endpoint the server uses with one small GET each (page 1, the smallest page; detail endpoints
// with an id taken from their list), within the usual in-flight bound and with a pause between requests,
// and judges each answer's shape. Nothing is written; no value leaves this function, only shapes.
export async function probe(api: PixiesetApi, pauseMs = 250): Promise<Verdict[]> {
  const seen = new Map<string, { obs: Observation; body: unknown }>();
  const verdicts: Verdict[] = [];
  // A host that refused the session refuses every endpoint: the rest of it is not asked.
  const refused = new Set<string>();
  for (const spec of CATALOG) {
    if (refused.has(spec.host)) {
      verdicts.push({
        endpoint: spec.template,
        severity: 'not_probed',
        lines: [`not probed: the ${spec.host === 'gallery' ? 'gallery' : 'Studio'} session was refused`],
      });
      continue;
    }
    let params: Record<string, string> | undefined;
    if (spec.idFrom) {
      const from = seen.get(spec.idFrom.template);
      const { rows } = rowsOf(from?.body, spec.idFrom.rowsAt);
      const first = rows[0] as Record<string, unknown> | undefined;
      const id = first?.[spec.idFrom.field];
      if (typeof id !== 'string' && typeof id !== 'number') {
        verdicts.push({
          endpoint: spec.template,
          severity: 'not_probed',
          lines: ['not probed: its list gave no id to try'],
        });
        continue;
      }
      params = { [spec.idFrom.param]: String(id) };
    }
    let answer: Awaited<ReturnType<typeof send>>;
    try {
      answer = await send(api, spec, params);
    } catch (error) {
      // No answer at all (a timeout, a refused connection): said as such, and the walk goes on.
      verdicts.push({
        endpoint: spec.template,
        severity: 'no_answer',
        lines: [`no answer: ${error instanceof Error ? error.message : String(error)}`],
      });
      continue;
    }
    let body: unknown;
    try {
      body = answer.text.trim() ? JSON.parse(answer.text) : undefined;
    } catch {
      body = undefined;
    }
    const obs: Observation = {
      status: answer.status,
      contentType: answer.contentType,
      shape: body === undefined ? undefined : shapeOf(body, spec.rowsAt),
      text: body === undefined ? answer.text.slice(0, 2_000) : undefined,
    };
    seen.set(spec.template, { obs, body });
    const verdict = judge(spec, obs);
    if (verdict.severity === 'signed_out') refused.add(spec.host);
    else if (verdict.severity === 'ok' || verdict.severity === 'harmless') {
      // A list that says it has a second page: one more GET, to see that the page number is heeded (an API that
      // ignores it sends page 1 again, and no list could then be read whole).
      const repeat = await secondPageRepeats(api, spec, body, pauseMs);
      if (repeat) {
        verdict.severity = 'drift';
        verdict.lines = [...verdict.lines.filter((l) => l !== 'OK'), repeat];
      }
    }
    verdicts.push(verdict);
    if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
  }
  return verdicts;
}

function send(api: PixiesetApi, spec: EndpointSpec, params: Record<string, string> | undefined) {
  const request = resolve(spec.template, { params, query: spec.query, fresh: true });
  return (spec.host === 'gallery' ? api.galleryHttp : api.http).probe(request);
}

// For a paged list whose first page says there is more: the first row id of page 2, compared with page 1's.
// Returns the drift line when page 2 repeats page 1, else undefined (no second page, or a different one).
async function secondPageRepeats(
  api: PixiesetApi,
  spec: EndpointSpec,
  body: unknown,
  pauseMs: number,
): Promise<string | undefined> {
  if (!spec.list || spec.paged === false || spec.query?.page !== 1) return undefined;
  const { rows } = rowsOf(body, spec.rowsAt);
  const first = (rows[0] as Record<string, unknown> | undefined)?.id;
  if (first === undefined) return undefined;
  // Whether page 1 says more pages follow, read as every list read reads it.
  let last: number | undefined;
  try {
    const meta = peekPageMeta(body);
    last = meta && lastPageOf(meta, Number(spec.query?.per_page ?? spec.query?.page_size ?? rows.length));
  } catch {
    return undefined;
  }
  if (last === undefined || last < 2) return undefined;
  if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
  try {
    const answer = await send(api, { ...spec, query: { ...spec.query, page: 2 } }, undefined);
    const next = rowsOf(JSON.parse(answer.text), spec.rowsAt).rows[0] as Record<string, unknown> | undefined;
    return next !== undefined && next.id === first
      ? 'paging: page 2 repeats page 1 (the page number is ignored), so no list can be read whole'
      : undefined;
  } catch {
    return undefined;
  }
}
