import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { CATALOG } from '../src/drift/catalog.js';
import type { Sandbox, SandboxOptions } from '../src/sandbox/sandbox.js';
import { connectMcp, startSandbox, textOf } from './helpers.js';

// The drift report (issue #15): `doctor --probe` against the sandbox and its variants, a renamed field, the
// same verdicts from a HAR of the same traffic, and a report that holds nothing of the studio's data.

const BIN = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const files: string[] = [];
afterEach(async () => {
  for (const f of files.splice(0)) await rm(f, { force: true });
});

type Verdict = { endpoint: string; severity: string; lines: string[] };

const run = (args: string[], env: Record<string, string>) =>
  promisify(execFile)(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    maxBuffer: 20 * 1024 * 1024,
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );

const envOf = (sb: Sandbox) => ({
  PIXIESET_BASE_URL: sb.url,
  PIXIESET_COOKIE: sb.cookie,
  PIXIESET_GALLERY_BASE_URL: sb.gallery.url,
  PIXIESET_GALLERY_COOKIE: sb.gallery.cookie,
});

async function probeJson(sb: Sandbox): Promise<{ code: number; endpoints: Verdict[] }> {
  const r = await run(['doctor', '--probe', '--json'], envOf(sb));
  return { code: r.code, endpoints: (JSON.parse(r.stdout) as { endpoints: Verdict[] }).endpoints };
}

// The GETs the probe makes, made again by hand and written down as a browser's HAR export would.
async function harOf(sb: Sandbox, extra: Array<{ url: string; cookie: string }> = []): Promise<string> {
  const entries: unknown[] = [];
  const get = async (url: string, cookie: string) => {
    const res = await fetch(url, {
      headers: { cookie, accept: 'application/json', 'x-requested-with': 'XMLHttpRequest' },
    });
    const text = await res.text();
    entries.push({
      request: { method: 'GET', url, headers: [{ name: 'Cookie', value: cookie }] },
      response: { status: res.status, content: { mimeType: res.headers.get('content-type') ?? '', text } },
    });
    return text;
  };
  const bodies = new Map<string, unknown>();
  for (const spec of CATALOG) {
    const [, path = ''] = spec.template.split(' ');
    let filled = path;
    if (spec.idFrom) {
      const from = bodies.get(spec.idFrom.template) as Record<string, unknown>;
      let rows: unknown = from;
      for (const k of spec.idFrom.rowsAt ?? ['data']) rows = (rows as Record<string, unknown>)?.[k];
      filled = path.replace(
        /\{\w+\}/,
        String((rows as Array<Record<string, unknown>>)[0]?.[spec.idFrom.field]),
      );
    }
    const base = spec.host === 'gallery' ? sb.gallery.url : sb.url;
    const cookie = spec.host === 'gallery' ? sb.gallery.cookie : sb.cookie;
    const query = new URLSearchParams(
      Object.entries(spec.query ?? {}).map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
    bodies.set(spec.template, JSON.parse(await get(`${base}${filled}${query ? `?${query}` : ''}`, cookie)));
  }
  for (const e of extra) await get(e.url, e.cookie);
  const file = join(tmpdir(), `pixieset-${process.pid}-${Math.random().toString(36).slice(2)}.har`);
  files.push(file);
  await writeFile(file, JSON.stringify({ log: { version: '1.2', entries } }));
  return file;
}

describe('doctor --probe', () => {
  it('against the sandbox: every endpoint OK, exit 0', async () => {
    const sb = await startSandbox();
    const r = await run(['doctor', '--probe'], envOf(sb));
    expect(r.code, r.stdout).toBe(0);
    const probed = r.stdout.slice(r.stdout.indexOf('Probe:'));
    for (const spec of CATALOG)
      expect(probed).toMatch(new RegExp(`^OK +${spec.template.replace(/[{}/]/g, '\\$&')}$`, 'm'));
    expect(probed).not.toMatch(/DRIFT/);
    expect(probed).toContain('Every endpoint this server relies on matches what it expects.');
    // GET only, nothing written.
    expect(sb.requests.every((q) => q.method === 'GET')).toBe(true);
  });

  it.each([
    ['guide', /paging: no last_page \(worked out from total\)/],
    ['docs', /paging: page_size, total_pages instead of per_page and last_page/],
    [
      'other-ids',
      /ids cl_ \+ 24 letters and digits in id .*PIXIESET_ID_CHECK=auto[\s\S]*paging: keys at the top level/,
    ],
  ] as const)(
    'against the %s variant: names exactly what differs, and it is all tolerated',
    async (variant, names) => {
      const sb = await startSandbox({ variant } as SandboxOptions);
      const r = await run(['doctor', '--probe'], envOf(sb));
      expect(r.code, r.stdout).toBe(0);
      expect(r.stdout).toMatch(names);
      expect(r.stdout).not.toMatch(/DRIFT/);
    },
  );

  it('a renamed field and a changed type are named with the tools they break; exit 1', async () => {
    const sb = await startSandbox();
    const rows = sb.clients
      .slice(0, 2)
      .map(({ email, currency: _c, ...c }) => ({ ...c, email_address: email }));
    sb.inject({
      kind: 'respond',
      path: '/clients/',
      times: Number.POSITIVE_INFINITY,
      respond: (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ data: rows, meta: { current_page: 1, per_page: 1, total: 2, last_page: 2 } }),
        );
      },
    });
    sb.inject({
      kind: 'respond',
      path: '/invoices/',
      query: { per_page: '1' },
      respond: (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const inv = sb.invoices[0];
        res.end(
          JSON.stringify({
            data: [
              {
                id: inv?.id,
                amount: '2500',
                currency: 'usd',
                status: 'paid',
                invoice_number: 'x',
                due_date: '2026-01-01',
                created_at: '2026-01-01T00:00:00.000000Z',
              },
            ],
            meta: { total: 1, last_page: 1 },
          }),
        );
      },
    });
    const r = await run(['doctor', '--probe'], envOf(sb));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^DRIFT GET \/clients\/$/m);
    expect(r.stdout).toMatch(/MISSING field email used by search_clients, list_clients, get_client/);
    expect(r.stdout).toMatch(/extra fields \(harmless\): email_address/);
    expect(r.stdout).toMatch(/^DRIFT GET \/invoices\/$/m);
    expect(r.stdout).toMatch(/type changed: amount expected integer, got string/);
    expect(r.stdout).toMatch(/Attach this report to an issue/);
  });

  it('an area the studio lacks is "endpoint not offered (404)"', async () => {
    const sb = await startSandbox({ unavailable: ['sessions'] });
    const { code, endpoints } = await probeJson(sb);
    expect(code).toBe(1);
    expect(endpoints.find((e) => e.endpoint === 'GET /sessions')).toMatchObject({
      severity: 'drift',
      lines: ['endpoint not offered (404)'],
    });
  });
});

describe('pixieset-mcp har', () => {
  it('gives the same verdicts as the probe from a HAR of the same traffic, and lists endpoints not used yet', async () => {
    const sb = await startSandbox({ variant: 'docs' });
    const live = await probeJson(sb);
    const file = await harOf(sb, [
      // An endpoint this server does not use (it used /session_types/{id} until issue #27 read offerings).
      { url: `${sb.url}/schedules/sch_${'a'.repeat(30)}?expand=all&page=2`, cookie: sb.cookie },
    ]);
    const r = await run(['har', file, '--json'], {});
    const fromHar = JSON.parse(r.stdout) as { endpoints: Verdict[]; unknown_endpoints: string[] };
    const pick = (v: Verdict[]) =>
      v.map((x) => ({ endpoint: x.endpoint, severity: x.severity, lines: x.lines }));
    expect(pick(fromHar.endpoints)).toEqual(pick(live.endpoints));
    expect(fromHar.unknown_endpoints).toEqual(['GET /schedules/{id} ?expand&page']);
    const text = await run(['har', file], {});
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /Seen but not used by this server yet[\s\S]*GET \/schedules\/\{id\} \?expand&page/,
    );
  });

  it('says what is wrong with a file that is not a HAR, with exit 2', async () => {
    const file = join(tmpdir(), `pixieset-${process.pid}-not.har`);
    files.push(file);
    await writeFile(file, '{"hello": 1}');
    const r = await run(['har', file], {});
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/has no log\.entries: export it from DevTools → Network → Export HAR/);
  });
});

describe('the report is safe to paste in public', () => {
  it('holds no name, email, phone, id, amount, token or cookie of the studio — probe and HAR alike', async () => {
    const sb = await startSandbox();
    // The two paced probes at once: each takes ~250 ms an endpoint, one after the other they near the timeout.
    const [probe, probeJson] = await Promise.all([
      run(['doctor', '--probe'], envOf(sb)),
      run(['doctor', '--probe', '--json'], envOf(sb)),
    ]);
    const probeText = probe.stdout;
    const probeJsonText = probeJson.stdout;
    const harText = (await run(['har', await harOf(sb)], {})).stdout;
    const harJson = (await run(['har', await harOf(sb), '--json'], {})).stdout;
    const strings = new Set<string>();
    const numbers = new Set<number>();
    for (const c of sb.clients)
      for (const v of [c.id, c.email, c.first_name, c.last_name, c.phone, c.notes, c.company])
        if (v) strings.add(v);
    for (const i of sb.invoices) {
      strings.add(i.id);
      strings.add(i.invoice_number);
      for (const l of i.line_items) {
        strings.add(l.id);
        strings.add(l.name);
        numbers.add(l.amount);
      }
      for (const p of i.payments) {
        strings.add(p.id);
        numbers.add(p.amount);
      }
    }
    for (const c of sb.studio.collections) {
      strings.add(c.name);
      numbers.add(c.id);
      if (c.password) strings.add(c.password);
    }
    for (const c of sb.studio.contracts) strings.add(c.id);
    for (const s of sb.gallery.secrets()) strings.add(s);
    for (const cookie of [sb.cookie, sb.gallery.cookie])
      for (const part of cookie.split('; ')) strings.add(part.split('=').slice(1).join('='));
    // The report of the probe (but for the host config doctor prints after it), and of the HAR.
    const reports = [
      probeText.slice(probeText.indexOf('Probe:'), probeText.indexOf('Paste this')),
      probeJsonText,
      harText,
      harJson,
    ];
    for (const report of reports) {
      expect(report.length).toBeGreaterThan(200);
      for (const s of strings) if (s.length >= 4) expect(report, s).not.toContain(s);
      // Numbers in the report are structural (lengths, statuses, counts): none of the studio's amounts or ids.
      for (const n of numbers) if (n >= 1000) expect(report, String(n)).not.toMatch(new RegExp(`\\b${n}\\b`));
    }
  });
});

describe('errors name the drift', () => {
  it('a body of an unexpected shape names the endpoint and field and says to run doctor --probe', async () => {
    const { call, sb } = await connectMcp();
    sb.inject({ kind: 'wrong-shape', path: '/clients/' });
    const r = await call('list_clients', {});
    expect(textOf(r)).toMatch(/answer to GET \/clients\/ had an unexpected shape at "data"/);
    expect(textOf(r)).toMatch(/run `pixieset-mcp doctor --probe` and attach its report to an issue/);
  });

  it('auto id checking refuses an id length it has not seen, then accepts it once Pixieset answered with one', async () => {
    const { call, sb } = await connectMcp({ sandbox: { variant: 'other-ids' } });
    const id = sb.clients[3]?.id as string;
    expect(id).toMatch(/^cl_[A-Za-z0-9]{24}$/);
    const before = await call('get_client', { client_id: id });
    expect(before.isError).toBe(true);
    expect(textOf(before)).toMatch(/Ids of another length are accepted once Pixieset has answered with one/);
    await call('list_clients', { per_page: 5 });
    const after = await call('get_client', { client_id: id });
    expect(after.isError, textOf(after)).toBeFalsy();
  });
});

describe('--sandbox-variant', () => {
  it('goes with --sandbox, takes a documented variant, and serves it', async () => {
    expect((await run(['--sandbox-variant', 'docs'], {})).code).toBe(2);
    const bad = await run(['--sandbox', '--sandbox-variant', 'nope'], {});
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--sandbox-variant must be guide, docs or other-ids/);
    const child = (await import('node:child_process')).spawn(process.execPath, [
      BIN,
      '--sandbox',
      '--sandbox-variant',
      'other-ids',
    ]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const send = (m: unknown) => child.stdin.write(`${JSON.stringify(m)}\n`);
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
    });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'list_clients', arguments: { per_page: 1 } },
    });
    const end = Date.now() + 10_000;
    while (!out.includes('"id":2') && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    child.kill();
    expect(out).toMatch(/cl_[A-Za-z0-9]{24}\b/);
  });
});

describe('issue 24: the probe sees paging that does not work', () => {
  it('a list that sends page 1 for every page number: DRIFT, "page 2 repeats page 1"', async () => {
    const sb = await startSandbox();
    const first = await fetch(`${sb.url}/invoices/?page=1&per_page=1&expand=client`, {
      headers: { cookie: sb.cookie, accept: 'application/json' },
    }).then((r) => r.text());
    sb.inject({
      kind: 'respond',
      method: 'GET',
      path: /^\/invoices\/$/,
      times: Number.POSITIVE_INFINITY,
      respond: (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(first);
      },
    });
    const r = await run(['doctor', '--probe'], envOf(sb));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^DRIFT GET \/invoices\/$/m);
    expect(r.stdout).toMatch(/page 2 repeats page 1/);
    expect(r.stdout).toMatch(/^OK +GET \/clients\/$/m);
  });
});
