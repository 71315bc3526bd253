import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuthError, CancelledError, RateLimitError, UpstreamError } from '../src/pixieset/errors.js';
import { connectClient, startSandbox } from './helpers.js';

describe('retries', () => {
  it('retries a GET after 429 and waits at least Retry-After', async () => {
    const sb = await startSandbox();
    const { client } = await connectClient(sb);
    sb.inject({ kind: 'rate-limit', retryAfter: '1' });
    await client.clients.list({ page: 1, perPage: 1 });
    expect(sb.requests).toHaveLength(2);
    const [first, second] = sb.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(990);
  });

  it('does not wait out a Retry-After longer than the cap; it says how long to wait', async () => {
    const sb = await startSandbox();
    const { client } = await connectClient(sb);
    sb.inject({ kind: 'rate-limit', retryAfter: '3600' });
    await expect(client.clients.list({ page: 1, perPage: 1 })).rejects.toBeInstanceOf(RateLimitError);
    expect(sb.requests).toHaveLength(1);
  });

  it.each([
    ['503', { kind: 'status' as const, status: 503 }],
    ['502', { kind: 'status' as const, status: 502 }],
    ['504', { kind: 'status' as const, status: 504 }],
    ['a reset connection', { kind: 'reset' as const }],
  ])('retries a GET after %s', async (_name, fault) => {
    const sb = await startSandbox();
    const { client } = await connectClient(sb);
    sb.inject({ ...fault, times: 2 });
    const page = await client.clients.list({ page: 1, perPage: 3 });
    expect(page.items).toHaveLength(3);
    expect(sb.requests).toHaveLength(3);
  });

  it('gives up after the bounded number of attempts', async () => {
    const sb = await startSandbox();
    const { client } = await connectClient(sb);
    sb.inject({ kind: 'status', status: 503, times: Number.POSITIVE_INFINITY });
    await expect(client.clients.list({ page: 1, perPage: 3 })).rejects.toBeInstanceOf(UpstreamError);
    expect(sb.requests).toHaveLength(3);
  });

  it('does not retry a 500 (not a transient gateway status)', async () => {
    const sb = await startSandbox();
    const { client } = await connectClient(sb);
    sb.inject({ kind: 'status', status: 500, times: 2 });
    await expect(client.clients.list({ page: 1, perPage: 3 })).rejects.toBeInstanceOf(UpstreamError);
    expect(sb.requests).toHaveLength(1);
  });

  it.each([
    ['503', { kind: 'status' as const, status: 503 }],
    ['429', { kind: 'rate-limit' as const, retryAfter: '0' }],
    ['a reset connection', { kind: 'reset' as const }],
    ['a timeout', { kind: 'slow' as const, delayMs: 400 }],
  ])('never retries a POST after %s', async (_name, fault) => {
    const sb = await startSandbox();
    const { client } = await connectClient(sb, { env: { PIXIESET_TIMEOUT_MS: '150' } });
    sb.inject({ ...fault, method: 'POST', times: 5 });
    await expect(
      client.invoices.create({
        client_id: sb.clients[0]?.id ?? '',
        due_date: '2026-12-31',
        line_items: [{ name: 'Session', amount: 1000, quantity: 1 }],
        send_email: false,
      }),
    ).rejects.toThrow();
    expect(sb.count('POST')).toBe(1);
  });
});

describe('the in-flight bound', () => {
  it('never has more requests in flight at the sandbox than PIXIESET_MAX_CONCURRENCY', async () => {
    const sb = await startSandbox({ latencyMs: 30 });
    const { client } = await connectClient(sb, { env: { PIXIESET_MAX_CONCURRENCY: '3' } });
    await Promise.all(
      // Fifteen different pages: identical reads would share one request.
      Array.from({ length: 15 }, (_, i) => client.clients.list({ page: i + 1, perPage: 10 })),
    );
    expect(sb.requests).toHaveLength(15);
    expect(sb.maxInFlight).toBe(3);
  });

  it('holds the bound across a multi-page read and separate calls together', async () => {
    const sb = await startSandbox({ latencyMs: 20 });
    const { client } = await connectClient(sb, { env: { PIXIESET_MAX_CONCURRENCY: '2' } });
    await Promise.all([
      client.invoices.listAll({}),
      client.clients.listAll({}),
      client.clients.get(sb.clients[5]?.id ?? ''),
    ]);
    expect(sb.maxInFlight).toBe(2);
  });
});

describe('cancellation', () => {
  it('aborts the request in flight and never sends the queued ones', async () => {
    const sb = await startSandbox({ latencyMs: 200 });
    const { client } = await connectClient(sb, { env: { PIXIESET_MAX_CONCURRENCY: '1' } });
    const controller = new AbortController();
    const calls = [1, 2, 3].map((page) =>
      client.clients.list({ page, perPage: 5 }, { signal: controller.signal }),
    );
    await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    const results = await Promise.allSettled(calls);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(CancelledError);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(sb.requests).toHaveLength(1);
  });

  it('stops waiting out a retry backoff', async () => {
    const sb = await startSandbox();
    const { client } = await connectClient(sb);
    sb.inject({ kind: 'rate-limit', retryAfter: '5' });
    const controller = new AbortController();
    const call = client.clients.list({ page: 1, perPage: 5 }, { signal: controller.signal });
    // Cancelled once the first attempt has been answered (429, Retry-After 5 s) and the backoff begun: a fixed
    // 50 ms raced a slow start on a loaded machine (the request had not even arrived).
    for (const end = Date.now() + 5_000; sb.requests.length === 0 && Date.now() < end; )
      await new Promise((r) => setTimeout(r, 5));
    setTimeout(() => controller.abort(), 50);
    await expect(call).rejects.toBeInstanceOf(CancelledError);
    expect(sb.requests).toHaveLength(1);
  });
});

describe('the cookie file', () => {
  it('is re-read after a 401 when it changed, and the request retried once', async () => {
    const sb = await startSandbox();
    const file = join(tmpdir(), `pixieset-cookie-${process.pid}-${Date.now()}`);
    await writeFile(file, sb.cookie, { mode: 0o600 });
    const { client, lines } = await connectClient(sb, { cookieFile: file });
    await client.clients.list({ page: 1, perPage: 1 });
    sb.expireSessions();
    // Other pages each time, so the read cache does not answer instead of Pixieset.
    await expect(client.clients.list({ page: 2, perPage: 1 })).rejects.toBeInstanceOf(AuthError);
    // The user logs in again and pastes the fresh header into the file.
    const fresh = sb.newSession();
    await writeFile(file, `${fresh}\n`);
    sb.resetStats();
    const page = await client.clients.list({ page: 3, perPage: 1 });
    expect(page.items).toHaveLength(1);
    expect(sb.requests.map((r) => r.headers.cookie !== fresh)).toEqual([true, false]);
    expect(lines.join('')).toMatch(/cookie file changed/);
  });

  it('is not retried when the file did not change', async () => {
    const sb = await startSandbox();
    const file = join(tmpdir(), `pixieset-cookie-${process.pid}-${Date.now()}-b`);
    await writeFile(file, sb.cookie, { mode: 0o600 });
    const { client } = await connectClient(sb, { cookieFile: file });
    sb.expireSessions();
    await expect(client.clients.list({ page: 1, perPage: 1 })).rejects.toBeInstanceOf(AuthError);
    expect(sb.requests).toHaveLength(1);
  });
});
