import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import type { Fault } from '../src/sandbox/sandbox.js';
import { ConfirmationTokens } from '../src/tools/writes/confirmation-tokens.js';
import { WriteJournal } from '../src/tools/writes/write-journal.js';
import { connectMcp, createAndEmail, hostThatAnswers, textOf } from './helpers.js';

const invoiceArgs = (clientId: string | undefined, extra: Record<string, unknown> = {}) => ({
  client_id: clientId,
  line_items: [{ name: 'Wedding package', unit_price: '2500.00' }],
  due_date: '2026-12-31',
  ...extra,
});

describe('a human confirms before anything is emailed', () => {
  it('asks with a one-line summary and, accepted, creates and emails the invoice', async () => {
    const { call, sb, asked } = await hostThatAnswers('accept');
    const jane = sb.clients[0];
    const r = await call('create_invoice', invoiceArgs(jane?.id, { send_email: true }));
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain('Jane Doe');
    expect(asked[0]).toContain(jane?.email ?? '');
    expect(asked[0]).toContain('$2,500.00');
    expect(asked[0]).toContain('2026-12-31');
    expect(asked[0]).toMatch(/EMAIL/);
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent).toMatchObject({ created: true, outcome: 'created' });
    expect(sb.count('POST')).toBe(1);
    expect(sb.emailed).toHaveLength(1);
  });

  it.each(['decline', 'cancel'] as const)(
    '%s: nothing is sent, and the result says the human said no (not an error to retry)',
    async (action) => {
      const { call, sb, asked } = await hostThatAnswers(action);
      const r = await call('create_invoice', invoiceArgs(sb.clients[0]?.id, { send_email: true }));
      expect(asked).toHaveLength(1);
      expect(r.isError).toBeFalsy();
      expect(r.structuredContent).toMatchObject({
        created: false,
        outcome: action === 'decline' ? 'declined' : 'cancelled',
      });
      expect(textOf(r)).toMatch(/nothing was sent to Pixieset. Do not retry/);
      expect(sb.count('POST')).toBe(0);
    },
  );

  it('accepting the form with the box unticked counts as a no', async () => {
    const { call, sb } = await hostThatAnswers('accept', { content: { confirm: false } });
    const r = await call('create_invoice', invoiceArgs(sb.clients[0]?.id, { send_email: true }));
    expect(r.structuredContent).toMatchObject({ created: false, outcome: 'declined' });
    expect(sb.count('POST')).toBe(0);
  });

  it('an answer that does not fit the form (text instead of the box, a field missing) is no yes', async () => {
    for (const content of [{ confirm: 'true' }, { confirm: 1 }, { other: true }]) {
      const { call, sb, lines } = await hostThatAnswers('accept', { content });
      const r = await call('create_invoice', invoiceArgs(sb.clients[0]?.id, { send_email: true }));
      expect(r.structuredContent, JSON.stringify(content)).toMatchObject({
        created: false,
        outcome: 'declined',
      });
      expect(sb.count('POST')).toBe(0);
      expect(lines.join('\n')).toMatch(
        /does not match requested schema: confirm (must be true or false|is missing)/,
      );
    }
  });

  it('does not ask for a draft that is not emailed', async () => {
    const { call, sb, asked } = await hostThatAnswers('decline');
    const r = await call('create_invoice', invoiceArgs(sb.clients[0]?.id));
    expect(asked).toHaveLength(0);
    expect(r.structuredContent).toMatchObject({ created: true });
  });

  it('without elicitation, its description tells the model to preview, ask, and bring the dry run token', async () => {
    const { mcp } = await connectMcp();
    const tool = (await mcp.listTools()).tools.find((t) => t.name === 'create_invoice');
    expect(tool?.description).toMatch(
      /EMAILS IT TO THE CLIENT: show the user a dry_run preview and get their OK first.*confirmation_token/,
    );
  });
});

describe('a confirmation that holds on hosts without elicitation (issue #16)', () => {
  const dryToken = async (
    call: Awaited<ReturnType<typeof connectMcp>>['call'],
    args: Record<string, unknown>,
  ) => {
    const dry = await call('create_invoice', { ...args, send_email: true, dry_run: true });
    expect(textOf(dry)).toMatch(
      /call create_invoice again with exactly these details, dry_run false and confirmation_token/,
    );
    return (dry.structuredContent as { confirmation_token: string }).confirmation_token;
  };

  it('no token: nothing is sent, and the model is told to show the preview and ask', async () => {
    const { call, sb } = await connectMcp();
    const r = await call('create_invoice', invoiceArgs(sb.clients[0]?.id, { send_email: true }));
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(
      /cannot ask the user to confirm, and no confirmation_token was given, so nothing was created or emailed/,
    );
    expect(textOf(r)).toMatch(/dry_run: true, show the user the preview, and ask them/);
    expect(sb.count('POST')).toBe(0);
  });

  it('a valid token sends it once; the same token again is refused; a host retry of the same call is deduplicated', async () => {
    const { call, sb } = await connectMcp();
    const args = invoiceArgs(sb.clients[0]?.id);
    const token = await dryToken(call, args);
    expect(token).toMatch(/^ct_/);
    const r = await call('create_invoice', { ...args, send_email: true, confirmation_token: token });
    expect(r.structuredContent).toMatchObject({ created: true, outcome: 'created' });
    expect(sb.emailed).toHaveLength(1);
    const again = await call('create_invoice', { ...args, send_email: true, confirmation_token: token });
    expect(again.structuredContent).toMatchObject({ outcome: 'deduplicated' });
    const other = invoiceArgs(sb.clients[0]?.id, { due_date: '2027-01-31' });
    const reused = await call('create_invoice', { ...other, send_email: true, confirmation_token: token });
    expect(reused.isError).toBe(true);
    expect(sb.count('POST')).toBe(1);
  });

  it('a wrong token, a token for a different invoice, a used one: each refused, nothing sent', async () => {
    const { call, sb } = await connectMcp();
    const args = invoiceArgs(sb.clients[0]?.id);
    const wrong = await call('create_invoice', {
      ...args,
      send_email: true,
      confirmation_token: 'ct_madeup',
    });
    expect(textOf(wrong)).toMatch(/not one this server gave/);
    const forOther = await dryToken(call, invoiceArgs(sb.clients[1]?.id));
    const mismatch = await call('create_invoice', {
      ...args,
      send_email: true,
      confirmation_token: forOther,
    });
    expect(textOf(mismatch)).toMatch(/given for a different invoice/);
    const mine = await dryToken(call, args);
    const otherLines = { ...args, line_items: [{ name: 'Wedding package', unit_price: '2600.00' }] };
    const changed = await call('create_invoice', {
      ...otherLines,
      send_email: true,
      confirmation_token: mine,
    });
    expect(textOf(changed)).toMatch(/given for a different invoice/);
    expect(sb.count('POST')).toBe(0);
  });

  it('a token expires after 15 minutes, and each is good once', () => {
    let now = 0;
    const tokens = new ConfirmationTokens(15 * 60_000, () => now);
    const t = tokens.issue('k');
    now = 15 * 60_000 + 1;
    expect(tokens.take(t, 'k')).toBe('expired');
    const u = tokens.issue('k');
    expect(tokens.take(u, 'k')).toBe('ok');
    expect(tokens.take(u, 'k')).toBe('used');
    expect(tokens.take(undefined, 'k')).toBe('missing');
  });

  it('an expired token through the wire: refused with what to do', async () => {
    const { call, sb, tokens } = await connectMcp();
    const args = invoiceArgs(sb.clients[0]?.id);
    const token = await dryToken(call, args);
    tokens.expireAll();
    const r = await call('create_invoice', { ...args, send_email: true, confirmation_token: token });
    expect(textOf(r)).toMatch(/has expired \(they last 15 minutes\)/);
    expect(sb.count('POST')).toBe(0);
  });

  it('with elicitation the server asks as before and no token is needed', async () => {
    const { call, sb, asked } = await hostThatAnswers('accept');
    const r = await call('create_invoice', invoiceArgs(sb.clients[0]?.id, { send_email: true }));
    expect(asked).toHaveLength(1);
    expect(r.structuredContent).toMatchObject({ created: true });
    expect(sb.emailed).toHaveLength(1);
  });
});

describe('no duplicate writes', () => {
  it('an identical create_invoice returns the earlier invoice, marked deduplicated, with one POST', async () => {
    const { call, sb } = await connectMcp();
    const first = await call('create_invoice', invoiceArgs(sb.clients[0]?.id));
    const second = await call('create_invoice', invoiceArgs(sb.clients[0]?.id));
    expect(sb.count('POST')).toBe(1);
    const a = first.structuredContent as { invoice: { id: string }; deduplicated: boolean };
    const b = second.structuredContent as { invoice: { id: string }; deduplicated: boolean };
    expect(a.deduplicated).toBe(false);
    expect(b.deduplicated).toBe(true);
    expect(b.invoice.id).toBe(a.invoice.id);
    expect(textOf(second)).toMatch(/allow_duplicate: true/);
  });

  it('the same lines in another property order are the same invoice', async () => {
    const { call, sb } = await connectMcp();
    await call('create_invoice', invoiceArgs(sb.clients[0]?.id));
    const again = await call('create_invoice', {
      due_date: '2026-12-31',
      line_items: [{ quantity: 1, unit_price: 2500, name: 'Wedding package' }],
      client_id: sb.clients[0]?.id,
    });
    expect(again.structuredContent).toMatchObject({ deduplicated: true });
    expect(sb.count('POST')).toBe(1);
  });

  it('two identical calls at once send one POST', async () => {
    const { call, sb } = await connectMcp({ sandbox: { latencyMs: 50 } });
    const [a, b] = await Promise.all([
      call('create_invoice', invoiceArgs(sb.clients[0]?.id)),
      call('create_invoice', invoiceArgs(sb.clients[0]?.id)),
    ]);
    expect(sb.count('POST')).toBe(1);
    expect([a, b].map((r) => (r.structuredContent as { deduplicated: boolean }).deduplicated).sort()).toEqual(
      [false, true],
    );
  });

  it('allow_duplicate: true creates a second one on purpose', async () => {
    const { call, sb } = await connectMcp();
    await call('create_invoice', invoiceArgs(sb.clients[0]?.id));
    const second = await call('create_invoice', invoiceArgs(sb.clients[0]?.id, { allow_duplicate: true }));
    expect(sb.count('POST')).toBe(2);
    expect(second.structuredContent).toMatchObject({ created: true, deduplicated: false });
  });

  it('a different invoice is not a duplicate', async () => {
    const { call, sb } = await connectMcp();
    await call('create_invoice', invoiceArgs(sb.clients[0]?.id));
    await createAndEmail(call, invoiceArgs(sb.clients[0]?.id));
    await call('create_invoice', invoiceArgs(sb.clients[1]?.id));
    expect(sb.count('POST')).toBe(3);
  });

  it('an identical create_client returns the earlier client with one POST', async () => {
    const { call, sb } = await connectMcp();
    const args = { first_name: 'Ana', last_name: 'Lima', email: 'ana.lima@example.net', phone: '555 0100' };
    const first = await call('create_client', args);
    const second = await call('create_client', { ...args, email: 'Ana.Lima@example.net' });
    expect(sb.count('POST')).toBe(1);
    expect(second.structuredContent).toMatchObject({
      created: true,
      deduplicated: true,
      client: { id: (first.structuredContent as { client: { id: string } }).client.id },
    });
  });

  it('forgets a write after 10 minutes', () => {
    let now = 0;
    const journal = new WriteJournal(10 * 60_000, () => now);
    journal.created('k', { id: 1 });
    now = 9 * 60_000;
    expect(journal.get('k')?.state).toBe('created');
    now = 10 * 60_000 + 1;
    expect(journal.get('k')).toBeUndefined();
  });
});

describe('unknown outcomes are said, and resolved where possible', () => {
  const transport: Array<[string, Fault, Record<string, string>]> = [
    ['a 502', { kind: 'status', status: 502 }, {}],
    ['a reset connection', { kind: 'reset' }, {}],
    ['a timeout', { kind: 'slow', delayMs: 600 }, { PIXIESET_TIMEOUT_MS: '200' }],
  ];

  for (const [name, fault, env] of transport) {
    it(`${name} after Pixieset created it: "created after all", one POST`, async () => {
      const { call, sb } = await connectMcp({ env });
      const before = sb.invoices.length;
      sb.inject({ ...fault, method: 'POST', when: 'commit' });
      const r = await call('create_invoice', invoiceArgs(sb.clients[0]?.id));
      expect(r.isError).toBeFalsy();
      const s = r.structuredContent as { outcome: string; invoice: { invoice_number: string } };
      expect(s.outcome).toBe('created_after_all');
      expect(textOf(r)).toContain(`created after all: invoice ${s.invoice.invoice_number}`);
      expect(sb.count('POST')).toBe(1);
      expect(sb.invoices.length).toBe(before + 1);
    });

    // Only a server that answered (a 5xx) may be called "not created"; a request that got no answer at all
    // may still be carried out after the looks, so that is "unknown", and a retry looks again first.
    const answered = fault.kind === 'status';
    it(`${name} before Pixieset acted: ${answered ? '"not created — safe to try again"' : '"unknown — a retry looks first"'}, one POST`, async () => {
      const { call, sb } = await connectMcp({ env });
      sb.inject(
        fault.kind === 'slow' ? { kind: 'hang', delayMs: 600, method: 'POST' } : { ...fault, method: 'POST' },
      );
      const r = await call('create_invoice', invoiceArgs(sb.clients[0]?.id));
      expect(r.isError).toBe(true);
      if (answered) {
        expect(textOf(r)).toMatch(/checked over [\d.]+ s show it was not created/);
        expect(textOf(r)).toMatch(/safe to try again/);
      } else {
        expect(textOf(r)).toMatch(/did not show up in .* checked over [\d.]+ s.*outcome is unknown/);
        expect(textOf(r)).toMatch(/Retrying with the same details is safe: this server looks again/);
      }
      expect(sb.count('POST')).toBe(1);
    });

    it(`${name} and the check fails too: "the outcome is unknown — check list_invoices", one POST`, async () => {
      const { call, sb } = await connectMcp({ env });
      sb.inject({ ...fault, method: 'POST' });
      sb.inject({
        kind: 'status',
        status: 503,
        method: 'GET',
        path: '/invoices/',
        times: Number.POSITIVE_INFINITY,
      });
      const r = await call('create_invoice', invoiceArgs(sb.clients[0]?.id));
      expect(r.isError).toBe(true);
      expect(textOf(r)).toMatch(/outcome is unknown/);
      expect(textOf(r)).toMatch(/Check list_invoices for client cl_\w+ in a minute before creating it again/);
      expect(sb.count('POST')).toBe(1);
    });
  }

  it('a refused connection is known to have sent nothing: "not created", no check needed', async () => {
    const { call, sb } = await connectMcp();
    // The client lookup is answered, then the server goes away: the POST's connection is refused.
    sb.inject({ kind: 'shutdown-after', method: 'GET', path: '/clients/' });
    const r = await call('create_invoice', invoiceArgs(sb.clients[0]?.id));
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(
      /was not created: Could not reach Pixieset \(ECONNREFUSED\)\. Nothing was sent/,
    );
    expect(textOf(r)).toMatch(/safe to try again/);
    expect(sb.count('POST')).toBe(0);
  });

  it('an identical retry after a late-arriving success looks first and finds it, sending no second POST', async () => {
    const { call, sb } = await connectMcp({ env: { PIXIESET_TIMEOUT_MS: '200' } });
    // Pixieset is slow: the request times out and the first check finds nothing, but the invoice appears later.
    sb.inject({ kind: 'slow', delayMs: 700, method: 'POST' });
    const first = await call('create_invoice', invoiceArgs(sb.clients[0]?.id));
    expect(textOf(first)).toMatch(/not created/);
    await new Promise((r) => setTimeout(r, 800));
    const retry = await call('create_invoice', invoiceArgs(sb.clients[0]?.id));
    expect(retry.structuredContent).toMatchObject({ created: true, outcome: 'created_after_all' });
    expect(sb.count('POST')).toBe(1);
  });

  it('create_client reconciles by email after a 502', async () => {
    const { call, sb } = await connectMcp();
    sb.inject({ kind: 'status', status: 502, method: 'POST', when: 'commit' });
    const r = await call('create_client', {
      first_name: 'Ana',
      last_name: 'Lima',
      email: 'ana.lima@example.net',
    });
    expect(r.structuredContent).toMatchObject({ created: true, outcome: 'created_after_all' });
    expect(sb.count('POST')).toBe(1);
  });
});

describe('read-only mode', () => {
  it('does not register the write tools at all', async () => {
    const { mcp, call } = await connectMcp({ env: { PIXIESET_READ_ONLY: 'true' } });
    const names = (await mcp.listTools()).tools.map((t) => t.name);
    expect(names).not.toContain('create_invoice');
    expect(names).not.toContain('create_client');
    expect(names).toContain('summarize_invoices');
    const r = await call('create_invoice', invoiceArgs('cl_x'));
    expect(r.isError).toBe(true);
  });
});

describe('the audit trail', () => {
  it('records every write attempt on stderr and as JSON lines, without secrets', async () => {
    const file = join(tmpdir(), `pixieset-audit-${process.pid}-${Date.now()}.jsonl`);
    const h = await hostThatAnswersWithAudit(file);
    const { call, sb } = h;
    const id = sb.clients[0]?.id;
    await call('create_invoice', invoiceArgs(id));
    await call('create_invoice', invoiceArgs(id));
    await call('create_invoice', invoiceArgs(id, { send_email: true, due_date: '2027-01-15' }));
    sb.inject({ kind: 'status', status: 502, method: 'POST' });
    await call('create_invoice', invoiceArgs(id, { due_date: '2027-02-01' }));
    await call('create_client', { first_name: 'Ana', last_name: 'Lima', email: 'ana.lima@example.net' });
    await call('create_invoice', invoiceArgs(id, { dry_run: true }));
    const lines = (await readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.tool, l.outcome])).toEqual([
      ['create_invoice', 'created'],
      ['create_invoice', 'deduplicated'],
      ['create_invoice', 'declined'],
      ['create_invoice', 'not_created'],
      ['create_client', 'created'],
      // A preview is an attempt too (issue 24): recorded, with nothing sent.
      ['create_invoice', 'dry_run'],
    ]);
    expect(lines[0]).toMatchObject({
      client_id: id,
      total_minor: 250000,
      currency: 'usd',
      send_email: false,
      invoice_number: expect.stringMatching(/^INV-/),
    });
    expect(lines[2]).toMatchObject({ send_email: true });
    expect(lines[0].time).toMatch(/^\d{4}-\d\d-\d\dT/);
    const everything = (await readFile(file, 'utf8')) + h.lines.join('');
    expect(h.lines.filter((l) => l.includes('audit: ')).length).toBe(6);
    for (const part of sb.cookie.split(';')) {
      const value = part.split('=').slice(1).join('=').trim();
      expect(everything).not.toContain(value);
      expect(everything).not.toContain(decodeURIComponent(value));
    }
  });
});

async function hostThatAnswersWithAudit(file: string) {
  const h = await connectMcp({
    env: { PIXIESET_AUDIT_LOG: file },
    clientCapabilities: { capabilities: { elicitation: {} } },
  });
  h.mcp.setRequestHandler(ElicitRequestSchema, async () => ({ action: 'decline' }));
  return h;
}
