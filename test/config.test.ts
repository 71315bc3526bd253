import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_BASE_URL, loadConfig } from '../src/config.js';

const problemsOf = (env: Record<string, string | undefined>, cli = {}) => {
  try {
    loadConfig(env, cli);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
};

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({ PIXIESET_COOKIE: 'a=b' });
    expect(c).toMatchObject({
      cookie: 'a=b',
      cookieFile: undefined,
      baseUrl: DEFAULT_BASE_URL,
      currency: 'usd',
      userAgent: undefined,
      maxConcurrency: 4,
      timeoutMs: 30_000,
      logLevel: 'info',
      // auto (issue #15): the documented form, and any length Pixieset itself answers with.
      idCheck: 'auto',
      sandbox: false,
      readOnly: false,
      auditLog: undefined,
      cacheTtlMs: 60_000,
    });
  });

  it('reads every variable', () => {
    const c = loadConfig({
      PIXIESET_COOKIE_FILE: '/tmp/cookie.txt',
      PIXIESET_BASE_URL: 'https://studio.example.com/api/v1/',
      PIXIESET_CURRENCY: 'GBP',
      PIXIESET_USER_AGENT: 'Mozilla/5.0 Test',
      PIXIESET_MAX_CONCURRENCY: '8',
      PIXIESET_TIMEOUT_MS: '5000',
      PIXIESET_LOG_LEVEL: 'debug',
      PIXIESET_ID_CHECK: 'lenient',
      PIXIESET_READ_ONLY: 'true',
      PIXIESET_AUDIT_LOG: '/tmp/audit.jsonl',
    });
    expect(c).toMatchObject({
      cookieFile: '/tmp/cookie.txt',
      baseUrl: 'https://studio.example.com/api/v1',
      currency: 'gbp',
      userAgent: 'Mozilla/5.0 Test',
      maxConcurrency: 8,
      timeoutMs: 5000,
      logLevel: 'debug',
      idCheck: 'lenient',
      readOnly: true,
      auditLog: '/tmp/audit.jsonl',
    });
  });

  it('requires a cookie source unless the sandbox runs, and says how to get one', () => {
    const problems = problemsOf({});
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/PIXIESET_COOKIE_FILE/);
    expect(problems[0]).toMatch(/DevTools/);
    expect(problemsOf({}, { sandbox: true })).toEqual([]);
  });

  it('treats empty strings as unset, as hosts pass them', () => {
    expect(problemsOf({ PIXIESET_COOKIE: '', PIXIESET_COOKIE_FILE: '  ' })[0]).toMatch(/not set/);
    expect(loadConfig({ PIXIESET_COOKIE: 'a=b', PIXIESET_LOG_LEVEL: '' }).logLevel).toBe('info');
  });

  it('reports every invalid setting at once, each naming its variable', () => {
    const problems = problemsOf({
      PIXIESET_COOKIE: 'a=b',
      PIXIESET_MAX_CONCURRENCY: '9',
      PIXIESET_TIMEOUT_MS: 'soon',
      PIXIESET_LOG_LEVEL: 'loud',
      PIXIESET_CURRENCY: 'dollars',
      PIXIESET_BASE_URL: 'not a url',
      PIXIESET_ID_CHECK: 'maybe',
    });
    expect(problems).toHaveLength(6);
    for (const name of [
      'PIXIESET_MAX_CONCURRENCY',
      'PIXIESET_TIMEOUT_MS',
      'PIXIESET_LOG_LEVEL',
      'PIXIESET_CURRENCY',
      'PIXIESET_BASE_URL',
      'PIXIESET_ID_CHECK',
    ]) {
      expect(problems.some((p) => p.includes(name))).toBe(true);
    }
  });

  it('turns read-only on from the environment or the --read-only flag, and rejects other words', () => {
    expect(loadConfig({ PIXIESET_COOKIE: 'a=b' }, { readOnly: true }).readOnly).toBe(true);
    expect(loadConfig({ PIXIESET_COOKIE: 'a=b', PIXIESET_READ_ONLY: 'yes' }).readOnly).toBe(true);
    expect(loadConfig({ PIXIESET_COOKIE: 'a=b', PIXIESET_READ_ONLY: 'false' }).readOnly).toBe(false);
    expect(problemsOf({ PIXIESET_COOKIE: 'a=b', PIXIESET_READ_ONLY: 'sometimes' })[0]).toMatch(
      /PIXIESET_READ_ONLY must be true or false/,
    );
  });

  it('never allows concurrency above 8 or below 1', () => {
    expect(problemsOf({ PIXIESET_COOKIE: 'a=b', PIXIESET_MAX_CONCURRENCY: '0' })[0]).toMatch(/1 to 8/);
    expect(problemsOf({ PIXIESET_COOKIE: 'a=b', PIXIESET_MAX_CONCURRENCY: '100' })[0]).toMatch(/1 to 8/);
  });

  it('refuses to send the cookie over plain http except to loopback', () => {
    expect(
      problemsOf({ PIXIESET_COOKIE: 'a=b', PIXIESET_BASE_URL: 'http://studio.pixieset.com/api/v1' })[0],
    ).toMatch(/https/);
    expect(
      loadConfig({ PIXIESET_COOKIE: 'a=b', PIXIESET_BASE_URL: 'http://127.0.0.1:8080/api/v1' }).baseUrl,
    ).toBe('http://127.0.0.1:8080/api/v1');
  });

  it('rejects a cookie pasted across several lines', () => {
    expect(problemsOf({ PIXIESET_COOKIE: 'a=b;\nc=d' })[0]).toMatch(/one line/);
  });

  it('does not echo the cookie value in any problem', () => {
    const secret = 'session=SUPERSECRETVALUE\nmore';
    const problems = problemsOf({ PIXIESET_COOKIE: secret });
    expect(problems.join('\n')).not.toContain('SUPERSECRETVALUE');
  });
});
