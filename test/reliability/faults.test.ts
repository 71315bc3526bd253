import { describe, expect, it } from 'vitest';
import type { Fault } from '../../src/sandbox/sandbox.js';
import { connectMcp, textOf } from '../helpers.js';

// Every failure mode of pixieset-api.md × each kind of tool: an isError result with an actionable message,
// the server stays up, and the same call works once the fault clears.
// `onWrite` says what the fault means for a create: 'unclear' when the POST was sent and its fate is unknown
// until the server looks; '2xx' when Pixieset answered success (so it acted), with a body that cannot be read.
const FAULTS: Array<{
  name: string;
  fault: Fault;
  expect: RegExp;
  env?: Record<string, string>;
  onWrite?: 'unclear' | '2xx';
}> = [
  { name: '401', fault: { kind: 'expired-401' }, expect: /session.*expired[\s\S]*Cookie/ },
  {
    name: 'a redirect to the login page',
    fault: { kind: 'expired-redirect' },
    expect: /redirect[\s\S]*Cookie/,
  },
  { name: 'an HTML page instead of JSON', fault: { kind: 'expired-html' }, expect: /session[\s\S]*Cookie/ },
  { name: '419', fault: { kind: 'csrf-419' }, expect: /Cookie/ },
  { name: 'a Cloudflare challenge', fault: { kind: 'cloudflare' }, expect: /Cloudflare[\s\S]*User-Agent/ },
  { name: '404', fault: { kind: 'status', status: 404 }, expect: /not found/i },
  {
    name: '422',
    fault: { kind: 'invalid', fields: { field: ['The field is invalid.'] } },
    expect: /field: The field is invalid\./,
  },
  {
    name: '429 with a long Retry-After',
    fault: { kind: 'rate-limit', retryAfter: '120' },
    expect: /Wait 120 seconds/,
  },
  { name: '500', fault: { kind: 'status', status: 500 }, expect: /HTTP 500/, onWrite: 'unclear' },
  {
    name: '503 that does not clear',
    fault: { kind: 'status', status: 503, times: 50 },
    expect: /HTTP 503/,
    onWrite: 'unclear',
  },
  {
    name: 'reset connections',
    fault: { kind: 'reset', times: 50 },
    expect: /Could not reach|connection/,
    onWrite: 'unclear',
  },
  {
    name: 'timeouts',
    fault: { kind: 'slow', delayMs: 400, times: 50 },
    expect: /did not answer within 150 ms/,
    env: { PIXIESET_TIMEOUT_MS: '150' },
    onWrite: 'unclear',
  },
  {
    name: 'malformed JSON',
    fault: { kind: 'malformed-json' },
    expect: /unexpected shape|not valid JSON/,
    onWrite: '2xx',
  },
  {
    name: 'a body of the wrong shape',
    fault: { kind: 'wrong-shape' },
    expect: /unexpected shape/,
    onWrite: '2xx',
  },
];

const KINDS = {
  'single read': {
    match: (sb: { clients: Array<{ id: string }> }): Partial<Fault> => ({
      path: `/clients/${sb.clients[0]?.id}`,
    }),
    call: (sb: { clients: Array<{ id: string }> }) =>
      ['get_client', { client_id: sb.clients[0]?.id }] as const,
  },
  'multi-page read (fails on page 3)': {
    match: (): Partial<Fault> => ({ path: '/invoices/', query: { page: '3' } }),
    call: () => ['summarize_invoices', {}] as const,
  },
  write: {
    match: (): Partial<Fault> => ({ method: 'POST' }),
    call: (sb: { clients: Array<{ id: string }> }) =>
      [
        'create_invoice',
        {
          client_id: sb.clients[0]?.id,
          line_items: [{ name: 'Prints', unit_price: '80' }],
          due_date: '2027-03-01',
        },
      ] as const,
  },
};

describe('the fault matrix', () => {
  for (const [kind, k] of Object.entries(KINDS)) {
    for (const f of FAULTS) {
      it(`${kind} × ${f.name}`, async () => {
        const { call, sb } = await connectMcp(f.env ? { env: f.env } : {});
        // The 422 of a read and the 419 of a write have their own wording; the rest is the same everywhere.
        const expected = kind === 'write' && f.name === '419' ? /CSRF[\s\S]*XSRF-TOKEN/ : f.expect;
        // A 2xx to a write means Pixieset carried it out, whatever the body: the sandbox commits it first.
        const unreadable2xx = kind === 'write' && f.onWrite === '2xx';
        sb.inject({ ...f.fault, ...k.match(sb), ...(unreadable2xx ? { when: 'commit' as const } : {}) });
        const [tool, args] = k.call(sb);
        const r = await call(tool, args);
        if (unreadable2xx) {
          // Never "not created": the server found the invoice and says the answer could not be read.
          expect(r.isError, textOf(r)).toBeFalsy();
          expect(textOf(r)).toMatch(/answer could not be read; a check found it/);
        } else {
          expect(r.isError, textOf(r)).toBe(true);
          if (kind === 'write' && f.onWrite === 'unclear') {
            // The POST was sent and its fate unclear: the server looked, and says what it found.
            expect(textOf(r)).toMatch(/was not created|created after all|outcome is unknown/);
          } else {
            expect(textOf(r)).toMatch(expected);
          }
          expect(textOf(r)).toMatch(/What to do: \S/);
          // No partial answer: a multi-page read that failed midway gives no totals at all.
          expect(r.structuredContent).toBeUndefined();
        }
        expect(sb.count('POST')).toBeLessThanOrEqual(1);
        // The fault clears; the server is still up and the same call now works.
        sb.clearFaults();
        const again = await call(tool, args);
        expect(again.isError, textOf(again)).toBeFalsy();
        if (kind === 'write') {
          // Whatever happened the first time, there is exactly one such invoice now.
          expect(
            sb.invoices.filter((i) => i.due_date === '2027-03-01' && i.client_id === sb.clients[0]?.id),
          ).toHaveLength(1);
        }
      });
    }
  }
});
