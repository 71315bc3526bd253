import { open } from 'node:fs/promises';
import { CATALOG, type EndpointSpec } from './catalog.js';
import { judge, type Observation, type Verdict } from './report.js';
import { type BodyShape, mergeShape, shapeOf } from './shape.js';

// The drift report from a HAR file the user exported from the browser (DevTools → Network → Export HAR):
// the same verdicts as the live probe, plus the endpoints the traffic used that this server does not yet.
// Only shapes are read from it: no header, cookie, query value or body value is ever printed.

export const MAX_HAR_BYTES = 256 * 1024 * 1024;

interface HarEntry {
  request?: { method?: string; url?: string };
  response?: { status?: number; content?: { mimeType?: string; text?: string; encoding?: string } };
}

// A path with its ids replaced: prefixed ids (cl_…), numbers and long tokens become {id}.
export function pathTemplate(path: string): string {
  return path
    .split('/')
    .map((seg) =>
      /^[a-z]{2,4}_[A-Za-z0-9]{6,}$/.test(seg) || /^\d+$/.test(seg) || /^[A-Za-z0-9_-]{24,}$/.test(seg)
        ? '{id}'
        : seg,
    )
    .join('/');
}

const normal = (template: string) => template.replace(/\{[a-z_]+\}/g, '{id}').replace(/\/+$/, '');

// Reads a HAR file (bounded) and judges every endpoint of the catalog it saw.
export async function harReport(file: string): Promise<{ verdicts: Verdict[]; unknown: string[] }> {
  const handle = await open(file, 'r');
  let text: string;
  try {
    const { size } = await handle.stat();
    if (size > MAX_HAR_BYTES)
      throw new Error(`${file} is ${size} bytes; a HAR of more than ${MAX_HAR_BYTES} is not read.`);
    text = await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
  let har: { log?: { entries?: HarEntry[] } };
  try {
    har = JSON.parse(text) as typeof har;
  } catch {
    throw new Error(`${file} is not a HAR file (not JSON). Export it from DevTools → Network → Export HAR.`);
  }
  const entries = har.log?.entries;
  if (!Array.isArray(entries))
    throw new Error(`${file} has no log.entries: export it from DevTools → Network → Export HAR.`);
  const seen = new Map<string, Observation>();
  const unknown = new Map<string, Set<string>>();
  for (const e of entries) {
    const method = (e.request?.method ?? 'GET').toUpperCase();
    let url: URL;
    try {
      url = new URL(e.request?.url ?? '');
    } catch {
      continue;
    }
    const host = /(^|\.)galleries\.pixieset\.com$/.test(url.hostname)
      ? 'gallery'
      : /(^|\.)studio\.pixieset\.com$/.test(url.hostname) || url.hostname === '127.0.0.1'
        ? 'studio'
        : undefined;
    const at = url.pathname.indexOf('/api/v1/');
    if (!host || at < 0) continue;
    const path = url.pathname.slice(at + '/api/v1'.length);
    const template = `${method} ${pathTemplate(path)}`;
    const spec = CATALOG.find(
      (s) => normal(s.template) === normal(template) && (s.host === host || url.hostname === '127.0.0.1'),
    );
    if (!spec) {
      const keys = unknown.get(template) ?? new Set<string>();
      for (const k of url.searchParams.keys()) keys.add(k);
      unknown.set(template, keys);
      continue;
    }
    const obs = observe(e, spec);
    const before = seen.get(spec.template);
    seen.set(
      spec.template,
      before?.shape && obs.shape && obs.status === before.status
        ? { ...obs, shape: mergeShape(before.shape, obs.shape) }
        : before && before.status < 300
          ? before
          : obs,
    );
  }
  const verdicts = CATALOG.filter((s) => seen.has(s.template)).map((s) => judge(s, seen.get(s.template)));
  const unknownLines = [...unknown]
    .map(([t, keys]) => `${t}${keys.size ? ` ?${[...keys].sort().join('&')}` : ''}`)
    .sort();
  return { verdicts, unknown: unknownLines };
}

function observe(e: HarEntry, spec: EndpointSpec): Observation {
  const content = e.response?.content ?? {};
  let shape: BodyShape | undefined;
  if (content.text) {
    try {
      const raw =
        content.encoding === 'base64' ? Buffer.from(content.text, 'base64').toString('utf8') : content.text;
      shape = shapeOf(JSON.parse(raw), spec.rowsAt);
    } catch {
      shape = undefined;
    }
  }
  return { status: e.response?.status ?? 0, contentType: content.mimeType ?? '', shape };
}
