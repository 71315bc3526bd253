import { describe, expect, it } from 'vitest';
import { daysFromToday } from '../src/tools/dates.js';
import { connectMcp, textOf } from './helpers.js';
import { expectedTotals, isOverdueRecord } from './oracle.js';

type Totals = Array<{
  currency: string;
  count: number;
  invoiced_minor: number;
  paid_minor: number;
  outstanding_minor: number;
  overdue_minor: number;
  by_status: Record<string, number>;
  outstanding: string;
  paid_unknown: number;
}>;

function checkTotals(actual: Totals, invoices: Parameters<typeof expectedTotals>[0]) {
  const expected = expectedTotals(invoices);
  expect(actual.map((t) => t.currency).sort()).toEqual([...expected.keys()].sort());
  for (const t of actual) {
    const e = expected.get(t.currency);
    expect({
      count: t.count,
      invoiced: t.invoiced_minor,
      paid: t.paid_minor,
      outstanding: t.outstanding_minor,
      overdue: t.overdue_minor,
      by_status: t.by_status,
    }).toEqual(e);
    expect(t.paid_unknown).toBe(0);
  }
}

describe('list_invoices', () => {
  it("returns one page with each invoice's client name and money in minor units and formatted", async () => {
    const { call, sb } = await connectMcp();
    const r = await call('list_invoices', { per_page: 20 });
    const s = r.structuredContent as {
      invoices: Array<Record<string, unknown>>;
      total: number;
      has_more: boolean;
    };
    expect(s.invoices).toHaveLength(20);
    expect(s.total).toBe(sb.invoices.length);
    expect(s.has_more).toBe(true);
    for (const inv of s.invoices) {
      const src = sb.invoices.find((i) => i.id === inv.id);
      const client = sb.clients.find((c) => c.id === src?.client_id);
      expect(inv.client_name).toBe(`${client?.first_name} ${client?.last_name}`);
      expect(inv.amount_minor).toBe(src?.line_items.reduce((x, l) => x + l.amount * l.quantity, 0));
      expect(typeof inv.amount).toBe('string');
    }
    expect(sb.requests[0]?.query).toMatchObject({ expand: 'client', per_page: '20', page: '1' });
  });

  it('maps status to payment_type and client_id through', async () => {
    const { call, sb } = await connectMcp();
    const jane = sb.clients[0];
    const r = await call('list_invoices', { status: 'paid', client_id: jane?.id });
    expect(sb.requests[0]?.query).toMatchObject({ payment_type: 'paid', client_id: jane?.id });
    const s = r.structuredContent as { invoices: Array<{ status: string; client_id: string }> };
    expect(s.invoices.every((i) => i.status === 'paid' && i.client_id === jane?.id)).toBe(true);
  });

  it('formats zero-decimal currencies correctly', async () => {
    const { call, sb } = await connectMcp();
    const yen = sb.invoices.find((i) => i.currency === 'jpy');
    const r = await call('get_invoice', { invoice_id: yen?.id });
    const inv = (r.structuredContent as { invoice: { amount_minor: number; amount: string } }).invoice;
    expect(inv.amount).toBe(`¥${inv.amount_minor.toLocaleString('en-US')}`);
  });
});

describe('get_invoice', () => {
  it('returns line items and payments', async () => {
    const { call, sb } = await connectMcp();
    const src = sb.invoices.find((i) => i.status === 'partially_paid' && i.line_items.length > 1);
    const r = await call('get_invoice', { invoice_id: src?.id });
    const inv = (
      r.structuredContent as {
        invoice: {
          line_items: Array<{ name: string; quantity: number; unit_price_minor: number }>;
          payments: unknown[];
          paid_minor: number;
          outstanding_minor: number;
          amount_minor: number;
        };
      }
    ).invoice;
    expect(inv.line_items.map((l) => [l.name, l.quantity, l.unit_price_minor])).toEqual(
      src?.line_items.map((l) => [l.name, l.quantity, l.amount]),
    );
    expect(inv.payments).toHaveLength(1);
    expect(inv.paid_minor + inv.outstanding_minor).toBe(inv.amount_minor);
    expect(sb.requests[0]?.query).toEqual({ expand: 'all' });
    expect(textOf(r)).toMatch(/owed/);
  });

  it('says not found, naming the id', async () => {
    const { call } = await connectMcp();
    const id = `in_${'9'.repeat(30)}`;
    const r = await call('get_invoice', { invoice_id: id });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain(id);
    expect(textOf(r)).toMatch(/not found.*list_invoices/s);
  });

  it('refuses a malformed invoice id without a request', async () => {
    const { call, sb } = await connectMcp();
    const r = await call('get_invoice', { invoice_id: 'INV-1001' });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/in_ followed by 30 letters and digits/);
    expect(sb.requests).toHaveLength(0);
  });
});

describe('get_client_invoices', () => {
  it('returns every invoice of the client with totals that match the data', async () => {
    const { call, sb } = await connectMcp();
    const counts = new Map<string, number>();
    for (const i of sb.invoices) counts.set(i.client_id, (counts.get(i.client_id) ?? 0) + 1);
    const [busiest] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [];
    const r = await call('get_client_invoices', { client_id: busiest });
    const s = r.structuredContent as {
      client: { id: string };
      invoices: unknown[];
      totals: Totals;
      truncated: boolean;
    };
    const mine = sb.invoices.filter((i) => i.client_id === busiest);
    expect(s.client.id).toBe(busiest);
    expect(s.invoices).toHaveLength(mine.length);
    expect(s.truncated).toBe(false);
    checkTotals(s.totals, mine);
    expect(textOf(r)).toMatch(/outstanding/);
  });

  it('reads every page when a client has more than one page of invoices', async () => {
    const { call, sb } = await connectMcp({ sandbox: { maxPageSize: 2 } });
    const jane = sb.clients[0];
    const mine = sb.invoices.filter((i) => i.client_id === jane?.id);
    expect(mine.length).toBeGreaterThan(2);
    const r = await call('get_client_invoices', { client_id: jane?.id });
    expect((r.structuredContent as { invoices: unknown[] }).invoices).toHaveLength(mine.length);
    expect(sb.requests.filter((q) => q.path === '/invoices/').length).toBe(Math.ceil(mine.length / 2));
  });

  it('says not found for an unknown client', async () => {
    const { call } = await connectMcp();
    const r = await call('get_client_invoices', { client_id: `cl_${'q'.repeat(30)}` });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/not found/);
  });
});

describe('summarize_invoices', () => {
  it('totals every invoice across all pages, matching the data', async () => {
    const { call, sb } = await connectMcp();
    const r = await call('summarize_invoices', {});
    const s = r.structuredContent as { count: number; currencies: Totals; by_status: Record<string, number> };
    expect(s.count).toBe(sb.invoices.length);
    checkTotals(s.currencies, sb.invoices);
    expect(sb.requests.filter((q) => q.path === '/invoices/')).toHaveLength(
      Math.ceil(sb.invoices.length / 100),
    );
    expect(Object.values(s.by_status).reduce((a, b) => a + b, 0)).toBe(sb.invoices.length);
    expect(textOf(r)).toMatch(/USD \(\d+\): invoiced \$/);
  });

  it('falls back to the status when a list omits amount_paid, and flags partially paid invoices it cannot total', async () => {
    const { call, sb } = await connectMcp({ sandbox: { omitPaidFields: true } });
    const r = await call('summarize_invoices', {});
    const s = r.structuredContent as { currencies: Totals };
    const usd = s.currencies.find((c) => c.currency === 'usd');
    const usdInvoices = sb.invoices.filter((i) => i.currency === 'usd');
    const fullyPaid = usdInvoices
      .filter((i) => i.status === 'paid')
      .reduce((n, i) => n + i.line_items.reduce((x, l) => x + l.amount * l.quantity, 0), 0);
    const partial = usdInvoices.filter((i) => i.status === 'partially_paid').length;
    expect(partial).toBeGreaterThan(0);
    expect(usd?.paid_minor).toBe(fullyPaid);
    expect(usd?.paid_unknown).toBe(partial);
    expect(textOf(r)).toMatch(/partially paid invoices? did not report how much was paid/);
  });

  it('filters by status', async () => {
    const { call, sb } = await connectMcp();
    const r = await call('summarize_invoices', { status: 'overdue' });
    const s = r.structuredContent as { count: number; currencies: Totals };
    // Overdue by the definition (billed, owed, past due), whatever the label: computed from the records.
    const overdue = sb.invoices.filter((i) => isOverdueRecord(i));
    expect(overdue.length).toBeGreaterThan(0);
    expect(s.count).toBe(overdue.length);
    checkTotals(s.currencies, overdue);
  });

  it('reports progress per page when the caller asks', async () => {
    const { mcp } = await connectMcp();
    const seen: Array<{ progress: number; total?: number }> = [];
    await mcp.callTool({ name: 'summarize_invoices', arguments: {} }, undefined, {
      onprogress: (p) => seen.push(p),
    });
    expect(seen.length).toBe(13);
    expect(seen.at(-1)).toMatchObject({ progress: 13, total: 13 });
  });
});

describe('create_invoice', () => {
  it('converts "450.50" × 2 exactly and creates the invoice with its number', async () => {
    const { call, sb } = await connectMcp();
    const jane = sb.clients[0];
    const r = await call('create_invoice', {
      client_id: jane?.id,
      line_items: [
        { name: 'Album', unit_price: '450.50', quantity: 2 },
        { name: 'Wedding package', unit_price: 2500 },
      ],
      due_date: '2026-12-31',
    });
    expect(r.isError).toBeFalsy();
    const post = sb.requests.find((q) => q.method === 'POST');
    expect(post?.body).toEqual({
      client_id: jane?.id,
      due_date: '2026-12-31',
      line_items: [
        { name: 'Album', amount: 45050, quantity: 2 },
        { name: 'Wedding package', amount: 250000, quantity: 1 },
      ],
      send_email: false,
    });
    const s = r.structuredContent as {
      created: boolean;
      total_minor: number;
      total: string;
      invoice: { invoice_number: string };
    };
    expect(s).toMatchObject({ created: true, total_minor: 340100, total: '$3,401.00' });
    expect(s.invoice.invoice_number).toMatch(/^INV-\d+$/);
    expect(sb.emailed).toEqual([]);
  });

  it.each([
    [0.1, 10],
    ['0.10', 10],
    [19.99, 1999],
    ['1000000', 100000000],
    [1e-7, undefined],
  ])('converts unit_price %s to minor units without floating-point error', async (price, minor) => {
    const { call, sb } = await connectMcp();
    const r = await call('create_invoice', {
      client_id: sb.clients[0]?.id,
      line_items: [{ name: 'x', unit_price: price }],
      dry_run: true,
    });
    if (minor === undefined) expect(r.isError).toBe(true);
    else expect((r.structuredContent as { total_minor: number }).total_minor).toBe(minor);
  });

  it('dry_run returns the preview and sends nothing', async () => {
    const { call, sb } = await connectMcp();
    const jane = sb.clients[0];
    const r = await call('create_invoice', {
      client_id: jane?.id,
      line_items: [{ name: 'Wedding package', unit_price: '2500.00' }],
      send_email: true,
      dry_run: true,
    });
    const s = r.structuredContent as { created: boolean; preview: Record<string, unknown> };
    expect(s.created).toBe(false);
    expect(s.preview).toMatchObject({
      client_name: 'Jane Doe',
      client_email: jane?.email,
      total: '$2,500.00',
      send_email: true,
    });
    expect(textOf(r)).toMatch(/WILL BE EMAILED/);
    expect(sb.count('POST')).toBe(0);
  });

  it('defaults the due date to 30 days from today and send_email to false', async () => {
    const { call, sb } = await connectMcp();
    await call('create_invoice', {
      client_id: sb.clients[0]?.id,
      line_items: [{ name: 'Session', unit_price: 100 }],
    });
    const body = sb.requests.find((q) => q.method === 'POST')?.body as {
      due_date: string;
      send_email: boolean;
    };
    expect(body.due_date).toBe(daysFromToday(30));
    expect(body.send_email).toBe(false);
  });

  it.each([
    ['too many decimals', { line_items: [{ name: 'x', unit_price: '12.345' }] }, /decimal/],
    ['a negative price', { line_items: [{ name: 'x', unit_price: -5 }] }, /not a price/],
    ['a currency symbol', { line_items: [{ name: 'x', unit_price: '$2,500' }] }, /not a price/],
    [
      'an impossible date',
      { line_items: [{ name: 'x', unit_price: 1 }], due_date: '2026-02-30' },
      /calendar date/,
    ],
    ['no lines', { line_items: [] }, /line_items/],
    ['quantity 0', { line_items: [{ name: 'x', unit_price: 1, quantity: 0 }] }, /quantity/],
  ])('refuses %s before any request', async (_why, args, message) => {
    const { call, sb } = await connectMcp();
    const r = await call('create_invoice', { client_id: sb.clients[0]?.id, ...args });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(message);
    expect(sb.requests).toHaveLength(0);
  });

  it('sends no POST for a client that does not exist', async () => {
    const { call, sb } = await connectMcp();
    const r = await call('create_invoice', {
      client_id: `cl_${'x'.repeat(30)}`,
      line_items: [{ name: 'x', unit_price: 1 }],
    });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/not found/);
    expect(sb.count('POST')).toBe(0);
  });

  it('passes 422 field messages through verbatim', async () => {
    const { call, sb } = await connectMcp();
    sb.inject({
      kind: 'invalid',
      method: 'POST',
      fields: { due_date: ['The due date must be a date after today.'] },
    });
    const r = await call('create_invoice', {
      client_id: sb.clients[0]?.id,
      line_items: [{ name: 'x', unit_price: 1 }],
      due_date: '2020-01-01',
    });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain('due_date: The due date must be a date after today.');
  });

  it('accepts line_items sent as a JSON string', async () => {
    const { call, sb } = await connectMcp();
    const r = await call('create_invoice', {
      client_id: sb.clients[0]?.id,
      line_items: JSON.stringify([{ name: 'Prints', unit_price: '12.50', quantity: 4 }]),
      dry_run: true,
    });
    expect((r.structuredContent as { total_minor: number }).total_minor).toBe(5000);
  });
});

describe('validate_id', () => {
  it.each([
    [`cl_${'a1'.repeat(15)}`, undefined, true, 'client'],
    [`in_${'Z'.repeat(30)}`, 'invoice', true, 'invoice'],
    [`ip_${'0'.repeat(30)}`, undefined, true, 'payment'],
    [`co_${'b'.repeat(30)}`, undefined, true, 'contract'],
    [`ses_${'b'.repeat(20)}`, undefined, true, 'session'],
    [`gc_${'b'.repeat(12)}`, undefined, true, 'gift_card'],
    // Four-letter prefixes (pixieset-api.md's conversation examples are conv_ + 12).
    [`conv_${'c3'.repeat(6)}`, 'conversation', true, 'conversation'],
    [`msg_${'m4'.repeat(6)}`, undefined, true, 'message'],
    [`conv_${'c3'.repeat(6)}`, 'message', false, 'conversation'],
    [`cl_${'a'.repeat(29)}`, undefined, false, 'client'],
    [`in_${'a'.repeat(30)}`, 'client', false, 'invoice'],
    ['xx_123', undefined, false, null],
    [`cl_${'a'.repeat(29)}é`, undefined, false, 'client'],
  ])('%s (expected %s) → valid %s, type %s', async (id, type, valid, kind) => {
    const { call, sb } = await connectMcp();
    const r = await call('validate_id', type ? { id, type } : { id });
    const s = r.structuredContent as { valid: boolean; type: string | null; reason?: string };
    expect(s.valid).toBe(valid);
    expect(s.type).toBe(kind);
    expect(Boolean(s.reason)).toBe(!valid);
    expect(sb.requests).toHaveLength(0);
  });
});

describe('cancellation through MCP', () => {
  it('a cancelled summarize_invoices starts no new requests after the cancellation arrives', async () => {
    const { mcp, sb } = await connectMcp({
      sandbox: { latencyMs: 80 },
      env: { PIXIESET_MAX_CONCURRENCY: '2' },
    });
    const controller = new AbortController();
    const call = mcp.callTool({ name: 'summarize_invoices', arguments: {} }, undefined, {
      signal: controller.signal,
    });
    await new Promise((r) => setTimeout(r, 200));
    controller.abort();
    const cancelledAt = Date.now();
    await expect(call).rejects.toThrow();
    // Long enough for all 13 pages to have been requested had the server not stopped.
    await new Promise((r) => setTimeout(r, 900));
    const started = sb.requests.length;
    expect(started).toBeLessThan(13);
    // Requests that arrived after the abort (allowing for ones already on the wire) must be none.
    expect(sb.requests.filter((r) => r.at > cancelledAt + 20)).toHaveLength(0);
  });
});
