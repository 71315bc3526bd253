import { describe, expect, it } from 'vitest';
import { connectMcp } from '../helpers.js';

const gc = (globalThis as { gc?: () => void }).gc;

describe('under load', () => {
  it('answers 200 concurrent calls correctly while holding the in-flight bound at the sandbox', async () => {
    const { call, sb } = await connectMcp({
      sandbox: { latencyMs: 15 },
      env: { PIXIESET_MAX_CONCURRENCY: '4' },
    });
    const calls = Array.from({ length: 200 }, (_, i) => {
      const client = sb.clients[i % sb.clients.length];
      if (i % 4 === 0)
        return call('get_client', { client_id: client?.id }).then(
          (r) => (r.structuredContent as { client: { id: string } }).client.id === client?.id,
        );
      if (i % 4 === 1)
        return call('list_invoices', { page: (i % 30) + 1, per_page: 10 }).then(
          (r) => (r.structuredContent as { page: number }).page === (i % 30) + 1,
        );
      if (i % 4 === 2)
        return call('get_client_invoices', { client_id: client?.id }).then(
          (r) => (r.structuredContent as { client: { id: string } }).client.id === client?.id,
        );
      return call('validate_id', { id: client?.id }).then(
        (r) => (r.structuredContent as { valid: boolean }).valid,
      );
    });
    const results = await Promise.all(calls);
    expect(results.filter((ok) => !ok)).toHaveLength(0);
    expect(sb.requests.length).toBeGreaterThan(100);
    expect(sb.maxInFlight).toBeLessThanOrEqual(4);
    expect(sb.maxInFlight).toBeGreaterThanOrEqual(2);
  });

  it('a soak of 5,000 sequential calls grows retained memory by no more than 10% after a warm-up cycle', async () => {
    expect(gc, 'run the suite with --expose-gc (vitest.config.ts does)').toBeTypeOf('function');
    const { call, sb, lines } = await connectMcp();
    const ids = sb.clients.map((c) => c.id);
    // The test's own records (the sandbox's request log, captured log lines) must not count as growth.
    const forgetRecords = () => {
      sb.resetStats();
      lines.length = 0;
    };
    const mixed = (i: number) => {
      switch (i % 6) {
        case 0:
          return call('get_client', { client_id: ids[i % ids.length] });
        case 1:
          return call('search_clients', { query: ['jo', 'ann', 'li', 'ma', 'ez'][i % 5] });
        case 2:
          return call('list_invoices', { page: (i % 30) + 1 });
        case 3:
          return call('get_client_invoices', { client_id: ids[(i * 7) % ids.length] });
        case 4:
          return call('summarize_invoices', {
            status: (['all', 'paid', 'unpaid', 'overdue'] as const)[i % 4],
          });
        default:
          return call('get_client', { client_id: `cl_${'z'.repeat(29)}` }); // an error answer
      }
    };
    // Warm-up over one whole cycle of the calls' distinct arguments (6 kinds × 320 clients; the pages, queries
    // and statuses repeat within it), so the read cache holds what it will hold at its steady state: what the
    // soak measures is then growth, not a bounded cache filling up (on Node 24, whose objects are a little
    // larger, a 500-call warm-up left that filling to count as 10% "growth").
    for (let i = 0; i < 1_920; i++) await mixed(i);
    forgetRecords();
    gc?.();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 5_000; i++) {
      await mixed(i);
      if (i % 500 === 0) forgetRecords();
    }
    forgetRecords();
    gc?.();
    const after = process.memoryUsage().heapUsed;
    expect(
      after / before,
      `heap after warm-up ${(before / 2 ** 20).toFixed(1)} MiB, after the soak ${(after / 2 ** 20).toFixed(1)} MiB`,
    ).toBeLessThanOrEqual(1.1);
  });
});
