import { describe, expect, it } from 'vitest';
import { Sandbox } from '../src/sandbox/sandbox.js';
import { connectClient, connectMcp, startSandbox } from './helpers.js';

// The large studio (`Sandbox.start({ scale: 'large' })`, `--sandbox-scale large`) and how the reports read it:
// the pages each one asks for, the in-flight bound, and nothing asked twice. Not timed: the benchmark times
// them (npm run bench, BENCHMARKS.md).
const TODAY = '2026-06-15';
const large = { scale: 'large' as const, seed: { today: TODAY } };

// The GET requests for a list, with their query, in the order sent.
const listRequests = (sb: Sandbox, path: string) =>
  sb.requests.filter((r) => r.method === 'GET' && r.path.replace(/\/$/, '') === path);

describe('the large studio', () => {
  it('is generated the same way every time, at the size the benchmark promises', async () => {
    const [a, b] = await Promise.all([Sandbox.start(large), Sandbox.start(large)]);
    try {
      expect(a.clients).toHaveLength(5_000);
      expect(a.invoices).toHaveLength(25_000);
      const payments = a.invoices.reduce((n, i) => n + i.payments.length, 0);
      expect(payments).toBeGreaterThanOrEqual(38_000);
      expect(payments).toBeLessThanOrEqual(44_000);
      expect(a.studio.collections.length).toBeGreaterThanOrEqual(1_900);
      expect(a.studio.collections.length).toBeLessThanOrEqual(2_200);
      expect(b.invoices.map((i) => i.id)).toEqual(a.invoices.map((i) => i.id));
      expect(JSON.stringify(b.invoices.at(-1))).toBe(JSON.stringify(a.invoices.at(-1)));
      expect(b.studio.collections.map((c) => c.id)).toEqual(a.studio.collections.map((c) => c.id));
      // A decade of history, and invoices for events still ahead.
      const years = new Set(a.invoices.map((i) => i.created_at.slice(0, 4)));
      expect(years.size).toBeGreaterThanOrEqual(10);
      expect(a.invoices.some((i) => i.due_date > '2027-01-01')).toBe(true);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('--sandbox-scale is checked like every other setting', async () => {
    const { loadConfig } = await import('../src/config.js');
    expect(loadConfig({}, { sandbox: true, sandboxScale: 'large' }).sandboxScale).toBe('large');
    expect(loadConfig({}, { sandbox: true }).sandboxScale).toBe('small');
    expect(() => loadConfig({}, { sandbox: true, sandboxScale: 'huge' })).toThrow(
      /--sandbox-scale must be small or large \(got "huge"\)/,
    );
  });
});

describe('the benchmark mode of the sandbox (readsOnArrival)', () => {
  it('keeps a read answer only until a write: a client created meanwhile is in the next answer', async () => {
    const sb = await startSandbox({ readsOnArrival: true, latencyMs: 5 });
    const { client } = await connectClient(sb, { env: { PIXIESET_CACHE_TTL_MS: '0' } });
    const before = await client.clients.list({ page: 1, perPage: 100 });
    const again = await client.clients.list({ page: 1, perPage: 100 });
    expect(again.meta.total).toBe(before.meta.total);
    const made = await client.clients.create({
      first_name: 'Kept',
      last_name: 'Answer',
      email: 'kept@example.com',
    });
    const after = await client.clients.list({ page: 1, perPage: 100 });
    expect(after.meta.total).toBe((before.meta.total ?? 0) + 1);
    const all = await client.clients.listAll({ perPage: 100 });
    expect(all.items.map((c) => c.id)).toContain(made.id);
  });
});

describe('reports over the large studio read only the pages they need, never above the in-flight bound', () => {
  it('get_receivables reads only unpaid invoices, 100 a page, each page once', async () => {
    // A little latency, so that requests overlap as they do over a network.
    const { call, sb } = await connectMcp({
      sandbox: { ...large, latencyMs: 20 },
      env: { PIXIESET_CACHE_TTL_MS: '0' },
    });
    const unpaid = sb.invoices.filter((i) => ['sent', 'overdue', 'partially_paid'].includes(i.status)).length;
    sb.resetStats();
    const r = await call('get_receivables', { as_of: TODAY });
    expect(r.isError).toBeFalsy();
    const pages = listRequests(sb, '/invoices');
    expect(pages.every((p) => p.query.payment_type === 'unpaid' && p.query.per_page === '100')).toBe(true);
    expect(pages.map((p) => Number(p.query.page)).sort((x, y) => x - y)).toEqual(
      Array.from({ length: Math.ceil(unpaid / 100) }, (_, i) => i + 1),
    );
    expect(sb.requests).toHaveLength(pages.length);
    expect(sb.maxInFlight).toBeLessThanOrEqual(4);
    expect(sb.maxInFlight).toBeGreaterThan(1);
  });

  it('summarize_invoices reads the 250 pages of 100 once each; revenue_report both lists, 100 a page', async () => {
    const { call, sb } = await connectMcp({ sandbox: large, env: { PIXIESET_CACHE_TTL_MS: '0' } });
    sb.resetStats();
    const s = await call('summarize_invoices', {});
    expect((s.structuredContent as { count: number }).count).toBe(25_000);
    const pages = listRequests(sb, '/invoices');
    expect(new Set(pages.map((p) => p.query.page)).size).toBe(250);
    expect(pages).toHaveLength(250);
    expect(pages.every((p) => p.query.per_page === '100')).toBe(true);
    expect(sb.maxInFlight).toBeLessThanOrEqual(4);

    sb.resetStats();
    const r = await call('revenue_report', { from: '2026-01-01', to: TODAY });
    expect(r.isError).toBeFalsy();
    const payments = sb.invoices.reduce((n, i) => n + i.payments.length, 0);
    const paymentPages = listRequests(sb, '/invoices/payments/list');
    expect(paymentPages).toHaveLength(Math.ceil(payments / 100));
    expect(paymentPages.every((p) => p.query.page_size === '100')).toBe(true);
    expect(listRequests(sb, '/invoices')).toHaveLength(250);
    expect(sb.maxInFlight).toBeLessThanOrEqual(4);
  });

  it('search_clients scans /clients/ when the API has no search, and asks for the search only once', async () => {
    const { call, sb } = await connectMcp({
      sandbox: { ...large, searchEndpoint: false },
      env: { PIXIESET_CACHE_TTL_MS: '0' },
    });
    sb.resetStats();
    const first = await call('search_clients', { query: 'Jane Doe' });
    expect((first.structuredContent as { clients: Array<{ name: string }> }).clients[0]?.name).toBe(
      'Jane Doe',
    );
    expect(listRequests(sb, '/clients/search')).toHaveLength(1);
    expect(listRequests(sb, '/clients')).toHaveLength(50);
    expect(sb.maxInFlight).toBeLessThanOrEqual(4);
    sb.resetStats();
    await call('search_clients', { query: 'nobody by this name' });
    expect(listRequests(sb, '/clients/search')).toHaveLength(0);
    expect(listRequests(sb, '/clients')).toHaveLength(50);
  });

  it('the same totals whatever order the pages arrive in: a read of the large studio twice gives one answer', async () => {
    const { call } = await connectMcp({
      sandbox: { ...large, latencyMs: 1 },
      env: { PIXIESET_CACHE_TTL_MS: '0' },
    });
    const a = await call('get_receivables', { as_of: TODAY });
    const b = await call('get_receivables', { as_of: TODAY });
    expect(b.structuredContent).toEqual(a.structuredContent);
    expect(b.content).toEqual(a.content);
  });
});

describe('a question asked again within the cache time sends nothing', () => {
  it('every read tool, called twice with the same arguments: the second call makes no request', async () => {
    const { call, sb } = await connectMcp();
    const client = sb.clients[0]?.id;
    const reads: Array<[string, Record<string, unknown>]> = [
      ['get_receivables', {}],
      ['list_payments', { from: '2026-01-01' }],
      ['revenue_report', {}],
      ['list_contracts', { status: 'unsigned' }],
      ['get_client_overview', { client_id: client }],
      ['list_galleries', { status: 'expiring', days: 14 }],
      ['get_invoice', { invoice_number: 'INV-1003' }],
      ['list_sessions', {}],
      ['summarize_invoices', { status: 'overdue' }],
      ['list_questionnaires', { status: 'completed' }],
      ['search_clients', { query: 'jane' }],
      ['list_clients', {}],
      ['get_client', { client_id: client }],
      ['list_invoices', {}],
      ['get_client_invoices', { client_id: client }],
      ['get_contract', { contract_id: sb.studio.contracts[0]?.id }],
      ['get_gallery', { gallery_id: sb.studio.collections[0]?.id }],
      ['get_gallery_activity', { gallery_id: sb.studio.collections[0]?.id }],
    ];
    for (const [name, args] of reads) {
      const first = await call(name, args);
      expect(first.isError, `${name}: ${JSON.stringify(first.content)}`).toBeFalsy();
      sb.resetStats();
      sb.gallery.requests.length = 0;
      await call(name, args);
      expect(sb.requests.length + sb.gallery.requests.length, name).toBe(0);
    }
  });
});
