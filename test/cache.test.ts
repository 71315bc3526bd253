import { describe, expect, it } from 'vitest';
import { ReadCache } from '../src/pixieset/read-cache.js';
import { connectMcp } from './helpers.js';

describe('the read cache', () => {
  it('serves the same question asked again without any request', async () => {
    const { call, sb } = await connectMcp();
    const first = await call('summarize_invoices', {});
    const sent = sb.requests.length;
    expect(sent).toBeGreaterThan(1);
    const again = await call('summarize_invoices', {});
    expect(sb.requests.length).toBe(sent);
    expect(again.structuredContent).toEqual(first.structuredContent);
  });

  it('is dropped by a write, so a new invoice shows up immediately', async () => {
    const { call, sb } = await connectMcp();
    const jane = sb.clients[0]?.id;
    const before = (await call('get_client_invoices', { client_id: jane })).structuredContent as {
      invoices: unknown[];
    };
    await call('create_invoice', { client_id: jane, line_items: [{ name: 'Prints', unit_price: 40 }] });
    const after = (await call('get_client_invoices', { client_id: jane })).structuredContent as {
      invoices: unknown[];
    };
    expect(after.invoices.length).toBe(before.invoices.length + 1);
  });

  it('is off with PIXIESET_CACHE_TTL_MS=0', async () => {
    const { call, sb } = await connectMcp({ env: { PIXIESET_CACHE_TTL_MS: '0' } });
    await call('list_clients', {});
    await call('list_clients', {});
    expect(sb.requests).toHaveLength(2);
  });

  it('shares one request between identical reads asked at the same time', async () => {
    const { call, sb } = await connectMcp({ sandbox: { latencyMs: 50 } });
    await Promise.all([call('list_clients', {}), call('list_clients', {}), call('list_clients', {})]);
    expect(sb.requests).toHaveLength(1);
  });

  it('does not keep an answer it could not read', async () => {
    const { call, sb } = await connectMcp();
    sb.inject({ kind: 'wrong-shape' });
    expect((await call('list_clients', {})).isError).toBe(true);
    expect((await call('list_clients', {})).isError).toBeFalsy();
    expect(sb.requests).toHaveLength(2);
  });

  it('expires entries after the TTL and stays within its bounds', () => {
    let now = 0;
    const cache = new ReadCache(60_000, 3, 1_000, () => now);
    cache.set('a', { n: 1 }, 10);
    now = 59_000;
    expect(cache.get('a')).toEqual({ value: { n: 1 } });
    now = 60_001;
    expect(cache.get('a')).toBeUndefined();
    for (const k of ['b', 'c', 'd', 'e']) cache.set(k, k, 1);
    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    // Within 1,000 bytes: four of 240 do not fit together; one over a quarter of the bound is never kept.
    for (const k of ['big', 'big2', 'big3', 'big4']) cache.set(k, k, 240);
    expect(cache.size).toBeLessThanOrEqual(3);
    cache.set('huge', 'h', 300);
    expect(cache.get('huge')).toBeUndefined();
  });
});
