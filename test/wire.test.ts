import { describe, expect, it } from 'vitest';
import { DEFAULT_USER_AGENT } from '../src/pixieset/api.js';
import { connectClient, startSandbox } from './helpers.js';

describe('what the client puts on the wire', () => {
  it('sends the JSON headers, the whole cookie and a User-Agent on reads, and no XSRF header', async () => {
    const sb = await startSandbox();
    const { client } = await connectClient(sb);
    await client.clients.list({ page: 1, perPage: 5 });
    const req = sb.requests[0];
    expect(req?.path).toBe('/clients/');
    expect(req?.query).toEqual({ page: '1', per_page: '5' });
    expect(req?.headers.accept).toBe('application/json');
    expect(req?.headers['x-requested-with']).toBe('XMLHttpRequest');
    expect(req?.headers.cookie).toBe(sb.cookie);
    expect(req?.headers['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(req?.headers['x-xsrf-token']).toBeUndefined();
    expect(req?.headers['content-type']).toBeUndefined();
  });

  it('sends the configured User-Agent instead of the default', async () => {
    const sb = await startSandbox();
    const { client } = await connectClient(sb, {
      env: { PIXIESET_USER_AGENT: 'Mozilla/5.0 (Macintosh) Safari/605' },
    });
    await client.clients.list({ page: 1, perPage: 1 });
    expect(sb.requests[0]?.headers['user-agent']).toBe('Mozilla/5.0 (Macintosh) Safari/605');
  });

  it('sends Content-Type and the URL-decoded XSRF token on writes', async () => {
    const sb = await startSandbox();
    const { client } = await connectClient(sb);
    const created = await client.clients.create({
      first_name: 'Ana',
      last_name: 'Lima',
      email: 'ana.lima@example.net',
    });
    expect(created.email).toBe('ana.lima@example.net');
    const req = sb.requests[0];
    expect(req?.method).toBe('POST');
    expect(req?.headers['content-type']).toBe('application/json');
    const cookieValue = /XSRF-TOKEN=([^;]+)/.exec(sb.cookie)?.[1] ?? '';
    expect(cookieValue).toContain('%');
    expect(req?.headers['x-xsrf-token']).toBe(decodeURIComponent(cookieValue));
  });

  it('accepts a cookie pasted with its "Cookie:" header name', async () => {
    const sb = await startSandbox();
    const { client } = await connectClient(sb, { cookie: `Cookie: ${sb.cookie}` });
    await client.clients.list({ page: 1, perPage: 1 });
    expect(sb.requests[0]?.headers.cookie).toBe(sb.cookie);
  });

  it('keeps the cookie jar current from Set-Cookie, so a rotated XSRF token is used on the next write', async () => {
    const sb = await startSandbox({ rotateXsrf: true });
    const { client } = await connectClient(sb);
    await client.clients.list({ page: 1, perPage: 1 });
    // The sandbox now accepts only the rotated token; a stale jar would get 419.
    const created = await client.clients.create({
      first_name: 'Rui',
      last_name: 'Sá',
      email: 'rui.sa@example.net',
    });
    expect(created.id).toMatch(/^cl_/);
    const post = sb.requests.find((r) => r.method === 'POST');
    expect(post?.headers.cookie).not.toBe(sb.requests[0]?.headers.cookie);
    expect(String(post?.headers.cookie)).toContain('pixieset_studio_session=');
  });

  it('drops a cookie the server expires with Max-Age=0', async () => {
    const { CookieJar } = await import('../src/pixieset/cookie-jar.js');
    const { Redactor } = await import('../src/log.js');
    const s = new CookieJar({ kind: 'value', value: 'a=1; XSRF-TOKEN=x%3D; b=2' }, new Redactor());
    s.applySetCookie(['a=; Max-Age=0; Path=/', 'c=3; Path=/; HttpOnly', 'XSRF-TOKEN=y%2F; Path=/']);
    expect(s.cookieHeader()).toBe('XSRF-TOKEN=y%2F; b=2; c=3');
    expect(s.xsrfToken()).toBe('y/');
  });
});
