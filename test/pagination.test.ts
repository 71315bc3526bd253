import { describe, expect, it } from 'vitest';
import { UnexpectedResponseError, UpstreamError } from '../src/pixieset/errors.js';
import { fetchAllPages, forEachPage } from '../src/pixieset/paginate.js';
import { connectClient, startSandbox } from './helpers.js';

describe('reading every page', () => {
  it('stops at meta.last_page and returns every item once, in order', async () => {
    const sb = await startSandbox();
    const { client } = await connectClient(sb);
    const all = (await client.clients.listAll({ perPage: 50 })).items;
    expect(all.map((c) => c.id)).toEqual(sb.clients.map((c) => c.id));
    expect(sb.requests).toHaveLength(Math.ceil(sb.clients.length / 50));
  });

  it('derives the last page from total when last_page is missing', async () => {
    const sb = await startSandbox({ omitLastPage: true });
    const { client } = await connectClient(sb);
    const all = (await client.clients.listAll({ perPage: 100 })).items;
    expect(all).toHaveLength(sb.clients.length);
    expect(sb.requests).toHaveLength(Math.ceil(sb.clients.length / 100));
  });

  it('stops at the first short page when neither total nor last_page is given', async () => {
    const sb = await startSandbox({ omitTotals: true });
    const { client } = await connectClient(sb);
    const all = (await client.clients.listAll({ perPage: 100 })).items;
    expect(all).toHaveLength(sb.clients.length);
    expect(sb.requests.map((r) => r.query.page)).toEqual(['1', '2', '3', '4']);
  });

  it('stops at an empty page when the count divides evenly and no total is given', async () => {
    const sb = await startSandbox({ omitTotals: true, seed: { clients: 200, invoices: 10 } });
    const { client } = await connectClient(sb);
    const all = (await client.clients.listAll({ perPage: 100 })).items;
    expect(all).toHaveLength(200);
    expect(sb.requests.map((r) => r.query.page)).toEqual(['1', '2', '3']);
  });

  it('follows a server that caps the page size below the one asked for', async () => {
    const sb = await startSandbox({ maxPageSize: 40, omitTotals: true });
    const { client } = await connectClient(sb);
    const all = (await client.clients.listAll({ perPage: 100 })).items;
    expect(all).toHaveLength(sb.clients.length);
    // With no totals, the end is only known at a short page: 320 / 40 needs a ninth, empty one.
    expect(sb.requests).toHaveLength(Math.floor(sb.clients.length / 40) + 1);
  });

  it('fetches pages after the first concurrently, and reports progress per page', async () => {
    const sb = await startSandbox({ latencyMs: 40 });
    const { client } = await connectClient(sb, { env: { PIXIESET_MAX_CONCURRENCY: '4' } });
    const progress: Array<[number, number | undefined]> = [];
    const all = (await client.invoices.listAll({}, { onProgress: (d, t) => progress.push([d, t]) })).items;
    expect(all).toHaveLength(sb.invoices.length);
    expect(sb.maxInFlight).toBe(4);
    const pages = Math.ceil(sb.invoices.length / 100);
    expect(progress).toEqual(Array.from({ length: pages }, (_, i) => [i + 1, pages]));
  });

  it('fails the whole read when one page fails, with no partial result', async () => {
    const sb = await startSandbox();
    const { client } = await connectClient(sb);
    // Page 3 of 13 fails (a plain 500 is not retried): the read fails rather than total 12 pages.
    sb.inject({ kind: 'status', status: 500, path: '/invoices/', query: { page: '3' } });
    await expect(client.invoices.listAll({})).rejects.toBeInstanceOf(UpstreamError);
    expect(sb.requests.some((r) => r.query.page === '3')).toBe(true);
  });

  it('asks for the other pages once page 1 gives its paging, and stops them when page 1 has a bad row', async () => {
    const sb = await startSandbox({ latencyMs: 40 });
    const { client } = await connectClient(sb, { env: { PIXIESET_MAX_CONCURRENCY: '4' } });
    const pages = Math.ceil(sb.invoices.length / 100);
    expect(pages).toBeGreaterThan(6);
    sb.inject({
      kind: 'respond',
      path: '/invoices/',
      query: { page: '1' },
      respond: (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            data: [{ id: { not: 'an id' } }],
            meta: { current_page: 1, per_page: 100, total: sb.invoices.length, last_page: pages },
          }),
        );
      },
    });
    const error = await client.invoices.listAll({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as UnexpectedResponseError).message).toMatch(/data\[0\]\.id/);
    // The next round was already under way (pages 2 to 5, the in-flight bound) and nothing after it is sent.
    await new Promise((r) => setTimeout(r, 200));
    const asked = sb.requests.map((r) => Number(r.query.page)).sort((a, b) => a - b);
    expect(asked).toEqual([1, 2, 3, 4, 5]);
  });

  it('is bounded against a list that never ends', async () => {
    let calls = 0;
    await expect(
      fetchAllPages(
        async () => {
          calls++;
          // Rows never seen before on every page: a list that goes on, not one that repeats (see below).
          return {
            items: [calls * 2, calls * 2 + 1],
            meta: { currentPage: undefined, perPage: 2, total: undefined, lastPage: undefined },
          };
        },
        { perPage: 2, maxPages: 5, idOf: String },
      ),
    ).rejects.toThrow(/did not end within 5 pages/);
    expect(calls).toBe(5);
  });
});

describe('streaming every page (the totals tools)', () => {
  it('hands each page over as it arrives, each row once, and keeps no rows itself', async () => {
    // The large studio's clients, read through the sandbox with some latency, so that pages overlap.
    const sb = await startSandbox({ scale: 'large', latencyMs: 5 });
    const { client } = await connectClient(sb);
    const handed: number[] = [];
    const ids = new Set<string>();
    const read = await client.clients.streamAll({ perPage: 100 }, (rows) => {
      handed.push(rows.length);
      for (const r of rows) ids.add(r.id);
    });
    // 50 pages, each handed over once and alone (never more than one page of rows at a time), all rows once.
    expect(handed).toHaveLength(50);
    expect(Math.max(...handed)).toBeLessThanOrEqual(100);
    expect(ids.size).toBe(5_000);
    expect(read).toEqual({ pages: 50, rows: 5_000, changed: false });
    expect(sb.maxInFlight).toBeLessThanOrEqual(4);
  });

  it('drops a row seen on an earlier page and says the list changed while it was read', async () => {
    const row = (id: string) => ({ id });
    const pages: Record<number, Array<{ id: string }>> = {
      1: [row('a'), row('b')],
      2: [row('b'), row('c')],
      3: [row('d')],
    };
    const meta = { currentPage: 1, perPage: 2, total: 5, lastPage: 3 };
    const seen: string[] = [];
    const read = await forEachPage(
      async (page) => ({ items: pages[page] ?? [], meta: { ...meta, currentPage: page } }),
      (rows) => seen.push(...rows.map((r) => r.id)),
      { perPage: 2, idOf: (r) => r.id },
    );
    expect(seen.sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(read).toEqual({ pages: 3, rows: 4, changed: true });
  });
});
