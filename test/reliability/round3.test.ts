// Regression tests for what outside testing found in round 3 (issue 24). Each goes through the wire — a real
// MCP client, the real server, real HTTP, and the sandbox or a hostile answer it is told to give — and failed on
// the code before the fix.

import { readFile, rm } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/sandbox.js';
import { sessionTypesOf } from '../../src/sandbox/session-types.js';
import { templatesOf } from '../../src/sandbox/templates.js';
import { connectMcp, spawnBin, startSandbox, textOf } from '../helpers.js';

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

// A page of a list exactly as the sandbox serves it, read with the sandbox's own cookie.
async function pageOf(
  sb: Sandbox,
  path: string,
): Promise<{ data: unknown[]; meta?: Record<string, unknown> }> {
  const r = await fetch(`${sb.url}${path}`, { headers: { cookie: sb.cookie, accept: 'application/json' } });
  expect(r.status).toBe(200);
  return (await r.json()) as { data: unknown[]; meta?: Record<string, unknown> };
}

// Every GET of the invoice list answers with the same body, whatever page it asks for.
function everyInvoicePage(sb: Sandbox, body: unknown) {
  sb.inject({
    kind: 'respond',
    method: 'GET',
    path: '/invoices/',
    times: Number.POSITIVE_INFINITY,
    respond: (_req, res) => json(res, 200, body),
  });
}

describe('1. completion says how much it left out', () => {
  it('a last name many clients share: total is every match, and hasMore only when values were cut', async () => {
    const { mcp, sb } = await connectMcp();
    const counts = new Map<string, number>();
    for (const c of sb.clients) counts.set(c.last_name, (counts.get(c.last_name) ?? 0) + 1);
    const [name, count] = [...counts].sort((a, b) => b[1] - a[1])[0] as [string, number];
    // More matches than the ten the completion used to answer with (claiming they were all).
    expect(count).toBeGreaterThan(10);
    const r = await mcp.complete({
      ref: { type: 'ref/resource', uri: 'pixieset://clients/{client_id}' },
      argument: { name: 'client_id', value: name },
    });
    const matching = sb.clients.filter((c) => c.last_name === name || c.first_name.startsWith(name));
    expect(r.completion.total).toBe(matching.length);
    expect(r.completion.values.length).toBe(matching.length);
    expect(new Set(r.completion.values)).toEqual(new Set(matching.map((c) => c.id)));
    expect(r.completion.hasMore).toBe(false);
    // The same through a prompt's client argument.
    const p = await mcp.complete({
      ref: { type: 'ref/prompt', name: 'client_brief' },
      argument: { name: 'client_id', value: name },
    });
    expect(p.completion.total).toBe(matching.length);
  });

  it('more matches than one answer holds: 100 values, the true total, hasMore', async () => {
    const { mcp, sb } = await connectMcp({ sandbox: { scale: 'large' } });
    const matching = sb.clients.filter((c) => /^ma/i.test(c.first_name) || /^ma/i.test(c.last_name));
    const r = await mcp.complete({
      ref: { type: 'ref/resource', uri: 'pixieset://clients/{client_id}' },
      argument: { name: 'client_id', value: 'ma' },
    });
    expect(r.completion.values).toHaveLength(100);
    expect(r.completion.total).toBeGreaterThanOrEqual(matching.length);
    expect(r.completion.total).toBeGreaterThan(100);
    expect(r.completion.hasMore).toBe(true);
  });

  it('an old invoice number completes as get_invoice finds it, beyond the 100 newest', async () => {
    const { mcp, sb, call } = await connectMcp();
    const newestFirst = [...sb.invoices].sort((a, b) => b.created_at.localeCompare(a.created_at));
    const old = sb.invoices.find((i) => i.invoice_number === 'INV-1002');
    expect(newestFirst.indexOf(old as never)).toBeGreaterThanOrEqual(100);
    const found = await call('get_invoice', { invoice_number: 'INV-1002' });
    expect(found.isError, textOf(found)).toBeFalsy();
    const r = await mcp.complete({
      ref: { type: 'ref/resource', uri: 'pixieset://invoices/{invoice_id}' },
      argument: { name: 'invoice_id', value: 'inv-1002' },
    });
    expect(r.completion).toEqual({ values: [old?.id], total: 1, hasMore: false });
    // A prefix that many invoices share: every match, exactly counted.
    const many = await mcp.complete({
      ref: { type: 'ref/resource', uri: 'pixieset://invoices/{invoice_id}' },
      argument: { name: 'invoice_id', value: 'INV-1' },
    });
    const shared = sb.invoices.filter((i) => i.invoice_number.startsWith('INV-1'));
    expect(shared.length).toBeGreaterThan(100);
    expect(many.completion.values).toHaveLength(100);
    expect(many.completion.hasMore).toBe(true);
  });

  it('unknown prompts and templates are refused; a template with nothing to complete has no values', async () => {
    const { mcp } = await connectMcp();
    await expect(
      mcp.complete({ ref: { type: 'ref/prompt', name: 'nope' }, argument: { name: 'x', value: 'ab' } }),
    ).rejects.toThrow(/not found/);
    await expect(
      mcp.complete({
        ref: { type: 'ref/resource', uri: 'pixieset://nope/{x}' },
        argument: { name: 'x', value: 'ab' },
      }),
    ).rejects.toThrow(/not found/);
    const r = await mcp.complete({
      ref: { type: 'ref/resource', uri: 'pixieset://contracts/{contract_id}' },
      argument: { name: 'contract_id', value: 'co' },
    });
    expect(r.completion.values).toEqual([]);
  });
});

describe('6. a list whose every page repeats page 1', () => {
  const cases: Array<[string, (meta: Record<string, unknown> | undefined) => Record<string, unknown>]> = [
    ['last_page 1000', (meta) => ({ ...meta, last_page: 1000, total: 100_000, current_page: 1 })],
    ['no paging meta at all', () => ({})],
  ];
  for (const [label, metaFor] of cases) {
    for (const [tool, args] of [
      ['summarize_invoices', {}],
      ['get_client_invoices', {}],
    ] as const) {
      it(`${tool}, ${label}: stops at the first repeated page and says paging is not working`, async () => {
        const { call, sb } = await connectMcp();
        const clientId = sb.invoices[0]?.client_id as string;
        const query = tool === 'get_client_invoices' ? `&client_id=${clientId}` : '';
        const first = await pageOf(sb, `/invoices/?page=1&per_page=100&expand=client${query}`);
        // Full pages (page 1's rows over again), so that a read without paging meta would go on asking.
        const data = Array.from({ length: 100 }, (_, i) => first.data[i % first.data.length]);
        const meta = metaFor(first.meta);
        sb.resetStats();
        everyInvoicePage(sb, Object.keys(meta).length ? { data, meta } : { data });
        const r = await call(tool, tool === 'get_client_invoices' ? { client_id: clientId } : { ...args });
        expect(r.isError, textOf(r)).toBe(true);
        expect(textOf(r)).toMatch(/paging is not working/);
        expect(textOf(r)).toMatch(/doctor --probe/);
        // Page 1, then at most two rounds of the in-flight bound (4): the pages under way when the first repeat
        // arrived, and those that took the slots freed meanwhile. Before the fix: 1,000 requests.
        await new Promise((resolve) => setTimeout(resolve, 100));
        const pages = sb.requests.filter((q) => q.path.startsWith('/invoices/'));
        expect(pages.length).toBeGreaterThanOrEqual(2);
        expect(pages.length).toBeLessThanOrEqual(9);
      });
    }
  }

  it('get_invoice by number (a scan, not a read of every page) stops at the first repeat too', async () => {
    const { call, sb } = await connectMcp();
    const first = await pageOf(sb, '/invoices/?page=1&per_page=100');
    sb.resetStats();
    everyInvoicePage(sb, { data: first.data, meta: { ...first.meta, last_page: 1000 } });
    const r = await call('get_invoice', { invoice_number: 'INV-99999' });
    expect(textOf(r)).toMatch(/paging is not working/);
    expect(sb.requests.filter((q) => q.path.startsWith('/invoices/')).length).toBeLessThanOrEqual(5);
  });
});

describe('2. no progress notification after the result', () => {
  it('30 concurrent multi-page calls, half failing on one of two parallel reads: no late progress', async () => {
    // Latency makes the pages overlap; every invoice list fails on its first page while the payments read
    // beside it (revenue_report reads both at once) still has pages to go.
    const { mcp, sb } = await connectMcp({ sandbox: { latencyMs: 3 }, env: { PIXIESET_CACHE_TTL_MS: '0' } });
    const errors: string[] = [];
    mcp.onerror = (e) => errors.push(e.message);
    sb.inject({
      kind: 'wrong-shape',
      method: 'GET',
      path: /^\/invoices\/$/,
      times: Number.POSITIVE_INFINITY,
    });
    let progress = 0;
    const calls = Array.from({ length: 30 }, (_, i) =>
      mcp.callTool(
        { name: i % 2 ? 'revenue_report' : 'list_payments', arguments: i % 2 ? {} : { status: 'all' } },
        undefined,
        { onprogress: () => progress++ },
      ),
    );
    const results = await Promise.all(calls);
    expect(results.filter((r) => r.isError).length).toBe(15);
    expect(progress).toBeGreaterThan(0);
    // Whatever was still under way had time to report, had it been allowed to; and it sent no more requests.
    const sent = sb.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(errors.filter((m) => /progress notification/i.test(m))).toEqual([]);
    expect(sb.requests.length - sent).toBeLessThanOrEqual(4);
  });
});

describe('3 and 20. every tool takes exactly what tools/list advertises', () => {
  type Schema = {
    type?: string | string[];
    anyOf?: Schema[];
    enum?: unknown[];
    properties?: Record<string, Schema>;
    items?: Schema;
    required?: string[];
    minimum?: number;
    maximum?: number;
    maxLength?: number;
  };
  const jsonType = (v: unknown) =>
    v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v;
  // The JSON types a schema admits ('integer' also admits itself as a 'number').
  const typesOf = (s: Schema): Set<string> => {
    if (s.anyOf) return new Set(s.anyOf.flatMap((x) => [...typesOf(x)]));
    if (s.enum) return new Set(s.enum.map(jsonType));
    const t = new Set([s.type ?? []].flat());
    if (t.has('number')) t.add('integer');
    return t;
  };
  const SAMPLES: unknown[] = [5, 1.5, true, 'text', null, ['x'], { a: 1 }];
  const refused = (r: { isError?: boolean; content: Array<{ text?: string }> }) =>
    r.isError === true && /Input validation error/.test(r.content[0]?.text ?? '');

  it('a value of another type than advertised, anywhere, is refused with the argument error and sends nothing; the advertised bounds are the enforced ones', async () => {
    const { mcp, sb, call } = await connectMcp();
    const client = sb.clients[0]?.id as string;
    // Valid values for every required argument (the tools with required arguments must all be here).
    const known: Record<string, unknown> = {
      client_id: client,
      invoice_id: sb.invoices[0]?.id,
      contract_id: sb.studio.contracts[0]?.id,
      questionnaire_id: sb.studio.questionnaires[0]?.id,
      session_type_id: sessionTypesOf(sb.studio)[0]?.id,
      kind: 'invoice',
      template_id: templatesOf(sb.studio).quotes[0]?.id,
      gallery_id: sb.gallery.collections[0]?.id,
      query: 'Doe',
      first_name: 'Ann',
      last_name: 'Lee',
      email: 'ann.lee@example.org',
      line_items: [{ name: 'Prints', unit_price: 10, quantity: 1 }],
      id: client,
      text: 'Thank you!',
    };
    const { tools } = await mcp.listTools();
    let checked = 0;
    for (const tool of tools) {
      const schema = tool.inputSchema as Schema;
      const base: Record<string, unknown> = {};
      for (const name of schema.required ?? []) {
        expect(known, `${tool.name}: no sample value for its required ${name}`).toHaveProperty(name);
        base[name] = known[name];
      }
      // Nothing a write tool is called with here may write.
      if (schema.properties?.dry_run) base.dry_run = true;
      const before = await call(tool.name, base);
      expect(refused(before), `${tool.name} refused its baseline: ${before.content[0]?.text}`).toBe(false);
      // Every property, and every property of line_items' rows.
      const slots: Array<[string, Schema, (v: unknown) => Record<string, unknown>]> = [];
      for (const [name, prop] of Object.entries(schema.properties ?? {})) {
        slots.push([name, prop, (v) => ({ ...base, [name]: v })]);
        const rows = prop.anyOf?.find((x) => x.type === 'array')?.items ?? prop.items;
        for (const [inner, innerProp] of Object.entries(rows?.properties ?? {}))
          slots.push([
            `${name}[0].${inner}`,
            innerProp,
            (v) => ({ ...base, [name]: [{ ...(known.line_items as object[])[0], [inner]: v }] }),
          ]);
      }
      for (const [path, prop, args] of slots) {
        const admits = typesOf(prop);
        const wrong = SAMPLES.filter((v) => !admits.has(jsonType(v)));
        if (prop.enum) wrong.push('not-one-of-them');
        if (prop.minimum !== undefined) wrong.push(prop.minimum - 1);
        if (prop.maximum !== undefined) wrong.push(prop.maximum + 1);
        if (prop.maxLength !== undefined) wrong.push('x'.repeat(prop.maxLength + 1));
        for (const v of wrong) {
          const sent = sb.requests.length;
          const r = await call(tool.name, args(v));
          expect(refused(r), `${tool.name} ${path} = ${JSON.stringify(v).slice(0, 40)} was not refused`).toBe(
            true,
          );
          expect(sb.requests.length, `${tool.name} ${path}: sent a request`).toBe(sent);
          checked++;
        }
        // The advertised bounds of a number are accepted, and used as asked (no silent cap).
        for (const v of [prop.minimum, prop.maximum].filter((x) => x !== undefined)) {
          const r = await call(tool.name, args(v));
          expect(refused(r), `${tool.name} ${path} = ${v} is advertised but refused`).toBe(false);
          if (path === 'per_page')
            expect((r.structuredContent as { per_page?: number }).per_page, `${tool.name} per_page`).toBe(v);
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
  });
});

describe('4. stdio follows JSON-RPC and the MCP lifecycle', () => {
  it('a non-JSON line gets -32700, a request before initialize gets an error, and then all works', async () => {
    const { child, lines, until: untilLines } = spawnBin(['--sandbox']);
    const until = (n: number) => untilLines(() => lines.length >= n, 10_000);
    try {
      child.stdin.write('this is not json\n');
      await until(1);
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/list' })}\n`);
      await until(2);
      child.stdin.write('[{"jsonrpc":"2.0","id":8,"method":"ping"}]\n');
      await until(3);
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'ping' })}\n`);
      await until(4);
      expect(lines[0]).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700 } });
      expect(lines[1]).toMatchObject({ jsonrpc: '2.0', id: 7, error: { code: -32600 } });
      expect(JSON.stringify(lines[1])).toMatch(/not initialized/);
      expect(lines[2]).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32600 } });
      expect(lines[3]).toMatchObject({ jsonrpc: '2.0', id: 9, result: {} });
      // No log notification stands for an answer.
      expect(lines.filter((l) => l.method === 'notifications/message')).toEqual([]);
      child.stdin.write(
        `${JSON.stringify({
          jsonrpc: '2.0',
          id: 10,
          method: 'initialize',
          params: {
            protocolVersion: '2025-06-18',
            capabilities: {},
            clientInfo: { name: 't', version: '1' },
          },
        })}\n`,
      );
      await until(5);
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 11, method: 'tools/list' })}\n`);
      child.stdin.write('{"jsonrpc":"2.0","id":12,"method":\n');
      await until(7);
      expect(lines[4]).toMatchObject({ id: 10, result: { protocolVersion: '2025-06-18' } });
      const listed = lines.find((l) => l.id === 11)?.result as { tools?: unknown[] } | undefined;
      expect(listed?.tools?.length).toBeGreaterThan(10);
      expect(lines.slice(5).find((l) => l.id === null)).toMatchObject({ error: { code: -32700 } });
    } finally {
      child.kill();
    }
  });
});

describe('5. every answer stays within the bound, whatever upstream sends', () => {
  it('3,000 distinct status names: by_status keeps 20 groups, says how many were folded, and the answer fits', async () => {
    const { call, sb } = await connectMcp();
    const jane = sb.clients[0]?.id as string;
    sb.invoices.forEach((inv, i) => {
      (inv as { status: string }).status = `status-${i}-${'x'.repeat(40)}`;
      // One client with 100 of them, for get_client_invoices.
      if (i < 100) inv.client_id = jane;
    });
    // Not every status is a real one: all count, none is lost.
    for (const [tool, args] of [
      ['summarize_invoices', {}],
      ['get_client_invoices', { client_id: jane }],
    ] as const) {
      const r = await call(tool, args);
      expect(r.isError, textOf(r)).toBeFalsy();
      expect(textOf(r).length + JSON.stringify(r.structuredContent).length).toBeLessThanOrEqual(20_000);
      const totals =
        tool === 'summarize_invoices'
          ? [
              r.structuredContent as {
                by_status: Record<string, number>;
                by_status_folded: number;
                count: number;
              },
            ]
          : (
              r.structuredContent as {
                totals: Array<{ by_status: Record<string, number>; by_status_folded: number; count: number }>;
              }
            ).totals;
      expect(totals.some((t) => t.count > 20)).toBe(true);
      for (const t of totals) {
        const keys = Object.keys(t.by_status);
        expect(keys.length).toBeLessThanOrEqual(20);
        // Every invoice has a status of its own: past 20, all but the 19 kept are folded.
        expect(t.by_status_folded).toBe(t.count > 20 ? t.count - 19 : 0);
        if (t.count > 20) expect(t.by_status['(other)']).toBe(t.count - 19);
        expect(Object.values(t.by_status).reduce((a, b) => a + b, 0)).toBe(t.count);
      }
    }
    const s = await call('summarize_invoices', {});
    expect(textOf(s)).toMatch(/of \d[\d,]* other statuses/);
  });
});

describe('14. the audit log records every write attempt, refused ones too', () => {
  it('an email without confirmation on a host that cannot ask: refused, and in PIXIESET_AUDIT_LOG', async () => {
    const file = join(tmpdir(), `pixieset-audit-r3-${process.pid}-${Date.now()}.jsonl`);
    try {
      const { call, sb, mcp } = await connectMcp({ env: { PIXIESET_AUDIT_LOG: file } });
      const client = sb.clients[0]?.id;
      const args = {
        client_id: client,
        line_items: [{ name: 'Album', unit_price: '650.00' }],
        due_date: '2031-01-31',
        send_email: true,
      };
      const r = await call('create_invoice', args);
      expect(r.isError).toBe(true);
      expect(textOf(r)).toMatch(/confirmation_token/);
      await call('create_invoice', { ...args, dry_run: true });
      await call('update_client', { client_id: client, email: sb.clients[1]?.email });
      await call('create_client', {
        first_name: 'A',
        last_name: 'B',
        email: sb.clients[2]?.email,
        dry_run: true,
      });
      await mcp.close();
      const lines = (await readFile(file, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.map((l) => [l.tool, l.outcome, l.error])).toEqual([
        ['create_invoice', 'refused', 'confirmation_required'],
        ['create_invoice', 'dry_run', undefined],
        ['update_client', 'refused', 'duplicate_email'],
        ['create_client', 'refused', 'duplicate_email'],
      ]);
      expect(sb.count('POST') + sb.count('PUT') + sb.count('PATCH')).toBe(0);
    } finally {
      await rm(file, { force: true });
    }
  });
});

describe('19. get_receivables text says what it does', () => {
  it('ordered by amount overdue, one table per currency, same names told apart, invoice numbers shown', async () => {
    const { call } = await connectMcp();
    const r = await call('get_receivables', {});
    const text = textOf(r);
    const s = r.structuredContent as {
      clients: Array<{
        name: string;
        email: string | null;
        currency: string;
        invoices: Array<{ invoice_number: string }>;
      }>;
    };
    expect(text).toMatch(/by amount overdue, then owed/);
    expect(text).not.toMatch(/latest invoices/);
    // A table row holds the amounts of one currency only.
    const rows = text.split('\n').filter((l) => l.includes(' | ') && !l.startsWith('client |'));
    expect(rows.length).toBe(s.clients.length);
    for (const row of rows) {
      const symbols = new Set(row.match(/CA\$|€|£|¥|(?<![A-Z])\$/g));
      expect(symbols.size, row).toBeLessThanOrEqual(1);
    }
    // Two clients with the same name: both rows carry the email.
    const seen = new Map<string, number>();
    for (const c of s.clients) seen.set(c.name, (seen.get(c.name) ?? 0) + 1);
    const twins = s.clients.filter((c) => (seen.get(c.name) ?? 0) > 1);
    expect(twins.length).toBeGreaterThanOrEqual(2);
    for (const c of twins) expect(text).toContain(`${c.name} <${c.email}>`);
    // Each row names its most overdue invoice.
    for (const c of s.clients) expect(text).toContain(c.invoices[0]?.invoice_number ?? 'none');
  });
});

describe('21. totals for what was asked', () => {
  it('list_payments status failed or disputed: the total of those payments, not "received $0.00"', async () => {
    const { call, sb } = await connectMcp();
    for (const status of ['failed', 'disputed'] as const) {
      const want = new Map<string, number>();
      for (const p of sb.invoices.flatMap((i) => i.payments))
        if (p.status === status) want.set(p.currency, (want.get(p.currency) ?? 0) + p.amount);
      expect(want.size, `the demo studio has ${status} payments`).toBeGreaterThan(0);
      const r = await call('list_payments', { status, limit: 100 });
      const s = r.structuredContent as {
        listed_totals: Array<{ currency: string; amount_minor: number; amount: string }>;
      };
      expect(new Map(s.listed_totals.map((t) => [t.currency, t.amount_minor]))).toEqual(want);
      expect(textOf(r)).toContain(`${status} payment`);
      for (const t of s.listed_totals)
        expect(textOf(r)).toContain(`of ${t.amount} in all (not money received)`);
      expect(textOf(r)).not.toMatch(/received \$0\.00/);
    }
  });

  it('revenue_report: gross received, refunds, fees and net each on a labelled line', async () => {
    const { call } = await connectMcp();
    const r = await call('revenue_report', {});
    const s = r.structuredContent as {
      currencies: Array<{ currency: string; received: string; refunded: string; fees: string; net: string }>;
    };
    const lines = textOf(r).split('\n');
    for (const c of s.currencies) {
      for (const [label, value] of [
        ['received (gross)', c.received],
        ['refunds', c.refunded],
        ['fees', c.fees],
        ['net (kept)', c.net],
      ])
        expect(lines).toContain(`  ${label}: ${value}`);
    }
  });
});

describe('22. labels that agree with the answer', () => {
  it('an invoice past due with money owed reads "overdue (sent)", in lists and alone', async () => {
    const { call } = await connectMcp();
    const r = await call('list_invoices', { status: 'overdue', per_page: 40 });
    const s = r.structuredContent as { invoices: Array<{ id: string; status: string; overdue: boolean }> };
    expect(s.invoices.length).toBeGreaterThan(0);
    for (const i of s.invoices) expect(i.overdue).toBe(true);
    const rows = textOf(r)
      .split('\n')
      .filter((l) => / \| in_/.test(l));
    expect(rows.length).toBe(s.invoices.length);
    for (const row of rows) expect(row).toMatch(/\| overdue \((sent|partially_paid|[a-z_]+)\) \|/);
    const one = await call('get_invoice', { invoice_id: s.invoices[0]?.id });
    expect(textOf(one)).toMatch(/— overdue \(/);
  });

  it('get_client_overview says drafts are counted but left out of the totals; gallery visitors are first visits', async () => {
    const { call, sb } = await connectMcp();
    const withDraft = sb.invoices.find((i) => i.status === 'draft');
    expect(withDraft).toBeDefined();
    const r = await call('get_client_overview', { client_id: withDraft?.client_id });
    expect(textOf(r)).toMatch(/drafts? or voids?, not in the totals/);
    expect((r.structuredContent as { money: { not_billed_count: number } }).money.not_billed_count).toBe(
      sb.invoices.filter((i) => i.client_id === withDraft?.client_id && i.status === 'draft').length,
    );
    let visited = 0;
    for (const c of sb.gallery.collections.slice(0, 10)) {
      const a = await call('get_gallery_activity', { gallery_id: c.id });
      if ((a.structuredContent as { visitors_count: number }).visitors_count === 0) continue;
      visited++;
      expect(textOf(a)).toMatch(/first visit/);
    }
    expect(visited).toBeGreaterThan(0);
  });
});

describe('17. demo data that reads right', () => {
  it('no client has an invoice from before they were a client, in the demo and the large studio', async () => {
    for (const scale of ['small', 'large'] as const) {
      const sb = await startSandbox({ scale });
      const since = new Map(sb.clients.map((c) => [c.id, c.created_at]));
      const early = sb.invoices.filter((i) => i.created_at < (since.get(i.client_id) ?? ''));
      expect(
        early.map((i) => i.invoice_number),
        scale,
      ).toEqual([]);
    }
  });

  it('Jane Doe is an active client; one row reads "1 client or lead"; a payment method reads as one', async () => {
    const { call, sb } = await connectMcp();
    const jane = sb.clients[0];
    expect(`${jane?.first_name} ${jane?.last_name}`).toBe('Jane Doe');
    const o = await call('get_client_overview', { client_id: jane?.id });
    expect(textOf(o)).toMatch(/^Jane Doe \(client, Active\)/);
    expect(textOf(o)).not.toMatch(/\((check|card|ach|cash)\)/);
    const one = await call('list_clients', { per_page: 1 });
    expect(textOf(one)).toMatch(/^1 client or lead of \d+, page 1 of \d+\./);
    const r = await call('list_galleries', { status: 'expiring', days: 1 });
    expect(textOf(r)).not.toMatch(/\b1 days\b/);
  });
});
