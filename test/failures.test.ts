import { describe, expect, it } from 'vitest';
import {
  AuthError,
  BlockedError,
  CsrfError,
  NetworkError,
  NotFoundError,
  PixiesetError,
  RateLimitError,
  TimeoutError,
  UnexpectedResponseError,
  UpstreamError,
  ValidationError,
} from '../src/pixieset/errors.js';
import type { Fault } from '../src/sandbox/sandbox.js';
import { errorText } from '../src/tools/error-text.js';
import { connectClient, startSandbox } from './helpers.js';

const secretParts = (cookie: string) => cookie.split(';').map((p) => p.split('=').slice(1).join('=').trim());

async function failureOf(p: Promise<unknown>): Promise<PixiesetError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof PixiesetError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('every failure mode maps to one typed error with an actionable message', () => {
  const readCases: Array<[string, Fault, new (...args: never[]) => PixiesetError, RegExp]> = [
    ['401', { kind: 'expired-401' }, AuthError, /expired.*DevTools/s],
    [
      'a redirect to the login page',
      { kind: 'expired-redirect' },
      AuthError,
      /redirect to accounts\.pixieset\.com/,
    ],
    ['an HTML login page with 200', { kind: 'expired-html' }, AuthError, /HTML|login page/],
    ['419 on a read', { kind: 'csrf-419' }, AuthError, /expired/],
    ['a Cloudflare challenge', { kind: 'cloudflare' }, BlockedError, /bot protection.*User-Agent/s],
    ['429 with Retry-After', { kind: 'rate-limit', retryAfter: '120' }, RateLimitError, /Wait 120 seconds/],
    ['500', { kind: 'status', status: 500 }, UpstreamError, /HTTP 500/],
    ['503 three times', { kind: 'status', status: 503, times: 3 }, UpstreamError, /HTTP 503/],
    ['a reset connection three times', { kind: 'reset', times: 3 }, NetworkError, /Could not reach/],
    ['malformed JSON', { kind: 'malformed-json' }, UnexpectedResponseError, /not valid JSON/],
    [
      'a body of the wrong shape',
      { kind: 'wrong-shape' },
      UnexpectedResponseError,
      /GET \/clients\/.*"data"/,
    ],
  ];

  for (const [name, fault, type, message] of readCases) {
    it(`a read answered with ${name}`, async () => {
      const sb = await startSandbox();
      const { client, lines } = await connectClient(sb);
      sb.inject(fault);
      const error = await failureOf(client.clients.list({ page: 1, perPage: 10 }));
      expect(error).toBeInstanceOf(type);
      expect(errorText(error)).toMatch(message);
      expect(errorText(error)).toMatch(/What to do: \S/);
      for (const secret of secretParts(sb.cookie)) {
        expect(errorText(error)).not.toContain(secret);
        expect(lines.join('')).not.toContain(secret);
      }
      // The fault cleared: the next call works.
      await expect(client.clients.list({ page: 1, perPage: 10 })).resolves.toMatchObject({
        items: expect.any(Array),
      });
    });
  }

  it('a redirect is never followed', async () => {
    const sb = await startSandbox({ unauthStyle: 'redirect' });
    const { client } = await connectClient(sb, { cookie: 'pixieset_studio_session=wrong' });
    await expect(client.clients.list({ page: 1, perPage: 1 })).rejects.toBeInstanceOf(AuthError);
    expect(sb.requests).toHaveLength(1);
  });

  it('a wrong cookie is answered as an expired session', async () => {
    const sb = await startSandbox();
    const { client } = await connectClient(sb, { cookie: 'pixieset_studio_session=not-the-real-one' });
    const error = await failureOf(client.clients.list({ page: 1, perPage: 1 }));
    expect(error).toBeInstanceOf(AuthError);
    expect(errorText(error)).not.toContain('not-the-real-one');
  });

  it('419 on a write asks for the whole cookie including XSRF-TOKEN', async () => {
    const sb = await startSandbox();
    const { client } = await connectClient(sb, { cookie: sb.cookie.replace(/; XSRF-TOKEN=[^;]+/, '') });
    const error = await failureOf(
      client.clients.create({ first_name: 'A', last_name: 'B', email: 'ab@example.net' }),
    );
    expect(error).toBeInstanceOf(CsrfError);
    expect(errorText(error)).toMatch(/XSRF-TOKEN/);
    expect(sb.clients.some((c) => c.email === 'ab@example.net')).toBe(false);
  });

  it('404 names the id and the tool that lists valid ones', async () => {
    const sb = await startSandbox();
    const { client } = await connectClient(sb);
    const missing = `cl_${'Z'.repeat(30)}`;
    const error = await failureOf(client.clients.get(missing));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(errorText(error)).toContain(missing);
    expect(errorText(error)).toMatch(/not found/);
    expect(errorText(error)).toMatch(/search_clients/);
  });

  for (const style of ['laravel', 'guide', 'docs'] as const) {
    it(`422 in the ${style} shape gives the field messages verbatim`, async () => {
      const sb = await startSandbox({ validationStyle: style });
      const { client } = await connectClient(sb);
      const taken = sb.clients[1]?.email ?? '';
      const error = await failureOf(client.clients.create({ first_name: '', last_name: 'X', email: taken }));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fields).toEqual({
        first_name: ['The first name field is required.'],
        email: ['The email has already been taken.'],
      });
      expect(errorText(error)).toContain('email: The email has already been taken.');
    });
  }

  it('a request slower than the timeout is a TimeoutError', async () => {
    const sb = await startSandbox();
    const { client } = await connectClient(sb, {
      env: { PIXIESET_TIMEOUT_MS: '150' },
      retry: { maxAttempts: 1 },
    });
    sb.inject({ kind: 'slow', delayMs: 600 });
    const error = await failureOf(client.clients.list({ page: 1, perPage: 1 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(errorText(error)).toMatch(/150 ms/);
  });

  it('a connection refused is a NetworkError marked as never sent', async () => {
    const sb = await startSandbox();
    const url = sb.url;
    await sb.close();
    const { client } = await connectClient({ ...sb, url, cookie: sb.cookie } as typeof sb, {
      retry: { maxAttempts: 1 },
    });
    const error = await failureOf(client.clients.list({ page: 1, perPage: 1 }));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).notSent).toBe(true);
  });
});
