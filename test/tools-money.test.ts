import { describe, expect, it } from 'vitest';
import type { SandboxPayment } from '../src/sandbox/data.js';
import { MAX_RESULT_CHARS } from '../src/tools/budget.js';
import { connectMcp, textOf } from './helpers.js';
import { expectedAging, expectedMoneyIn } from './oracle.js';

// Receivables, payments and revenue (issue #12), through the wire, against figures computed independently
// from the sandbox's own records.

type Totals = Array<Record<string, number | string>>;
const allPayments = (invoices: Array<{ payments: SandboxPayment[] }>) => invoices.flatMap((i) => i.payments);
const sizeOf = (r: { content: Array<{ text?: string }>; structuredContent?: unknown }) =>
  (r.content[0]?.text?.length ?? 0) + JSON.stringify(r.structuredContent ?? {}).length;

describe('get_receivables', () => {
  it('ages what is owed at a fixed as_of into the same buckets as the records say', async () => {
    const { call, sb } = await connectMcp();
    const asOf = '2026-06-30';
    const r = await call('get_receivables', { as_of: asOf });
    expect(r.isError, textOf(r)).toBeFalsy();
    const s = r.structuredContent as {
      as_of: string;
      totals: Totals;
      clients: Array<Record<string, unknown>>;
    };
    expect(s.as_of).toBe(asOf);
    const want = expectedAging(sb.invoices, asOf);
    expect(want.rows.length).toBeGreaterThan(10);
    expect(s.totals.map((t) => t.currency).sort()).toEqual([...want.totals.keys()].sort());
    for (const t of s.totals) {
      const e = want.totals.get(t.currency as string) ?? {};
      expect({
        outstanding: t.outstanding_minor,
        current: t.current_minor,
        days_1_30: t.days_1_30_minor,
        days_31_60: t.days_31_60_minor,
        days_61_90: t.days_61_90_minor,
        days_over_90: t.days_over_90_minor,
        overdue: t.overdue_minor,
        count: t.invoice_count,
      }).toEqual(e);
      // The buckets add up to what is owed.
      const buckets = ['current', 'days_1_30', 'days_31_60', 'days_61_90', 'days_over_90'];
      expect(buckets.reduce((n, b) => n + (t[`${b}_minor`] as number), 0)).toBe(t.outstanding_minor);
    }
    // Clients come most overdue first, each with its invoices' days late.
    const overdue = s.clients.map((c) => c.overdue_minor as number);
    expect(overdue).toEqual([...overdue].sort((a, b) => b - a));
    const worst = want.rows.reduce((a, b) => (b.days > a.days ? b : a));
    const row = s.clients.find(
      (c) => c.client_id === worst.inv.client_id && c.currency === worst.inv.currency,
    );
    expect(row?.max_days_overdue).toBe(worst.days);
  });

  it('min_days_overdue keeps only invoices at least that late; client_id keeps one client', async () => {
    const { call, sb } = await connectMcp();
    const asOf = '2026-11-01';
    const r = await call('get_receivables', { as_of: asOf, min_days_overdue: 31 });
    const s = r.structuredContent as {
      totals: Totals;
      clients: Array<{ client_id: string; invoices: Array<{ days_overdue: number }> }>;
    };
    const want = expectedAging(sb.invoices, asOf).rows.filter((x) => x.days >= 31);
    expect(s.totals.reduce((n, t) => n + (t.invoice_count as number), 0)).toBe(want.length);
    for (const c of s.clients) for (const i of c.invoices) expect(i.days_overdue).toBeGreaterThanOrEqual(31);
    const one = s.clients[0]?.client_id;
    const mine = await call('get_receivables', { as_of: asOf, client_id: one });
    const m = mine.structuredContent as { clients: Array<{ client_id: string }> };
    expect(new Set(m.clients.map((c) => c.client_id))).toEqual(new Set([one]));
  });

  it("reconciles with summarize_invoices: today's outstanding and overdue are the same figures", async () => {
    const { call } = await connectMcp();
    const rec = (await call('get_receivables', {})).structuredContent as { totals: Totals };
    const sum = (await call('summarize_invoices', { status: 'unpaid' })).structuredContent as {
      currencies: Totals;
    };
    for (const t of rec.totals) {
      const s = sum.currencies.find((c) => c.currency === t.currency);
      expect(t.outstanding_minor).toBe(s?.outstanding_minor);
      expect(t.overdue_minor).toBe(s?.overdue_minor);
    }
  });

  it('reports progress on its multi-page read', async () => {
    const { mcp } = await connectMcp({ sandbox: { maxPageSize: 10 } });
    const seen: Array<{ progress: number; total?: number }> = [];
    await mcp.callTool({ name: 'get_receivables', arguments: {} }, undefined, {
      onprogress: (p) => seen.push(p),
    });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)?.progress).toBe(seen.at(-1)?.total);
  });

  it('a large studio: the answer stays within the cap, says it is cut, and how to narrow', async () => {
    const { call } = await connectMcp({ sandbox: { seed: { clients: 1_500, invoices: 6_000 } } });
    const r = await call('get_receivables', { as_of: '2026-11-01' });
    expect(sizeOf(r)).toBeLessThanOrEqual(MAX_RESULT_CHARS);
    expect((r.structuredContent as { truncated: boolean }).truncated).toBe(true);
    expect(textOf(r)).toMatch(
      /more clients did not fit \(the totals cover them\): narrow with min_days_overdue/,
    );
    // The other money reads of the same studio stay within the cap too, saying what they left out.
    const pay = await call('list_payments', { limit: 100 });
    expect(sizeOf(pay)).toBeLessThanOrEqual(MAX_RESULT_CHARS);
    expect(textOf(pay)).toMatch(/the totals cover all \d+\. Narrow with from\/to, client_id or status/);
    const rev = await call('revenue_report', { group_by: 'client', from: '2024-01-01' });
    expect(sizeOf(rev)).toBeLessThanOrEqual(MAX_RESULT_CHARS);
    expect(textOf(rev)).toMatch(/smaller client groups left out \(the totals cover them\)/);
  });
});

describe('list_payments', () => {
  it('totals the whole range by the definitions, whatever the limit, newest first', async () => {
    const { call, sb } = await connectMcp();
    const r = await call('list_payments', { limit: 5 });
    const s = r.structuredContent as {
      payments: Array<{ date: string }>;
      totals: Totals;
      total_count: number;
      truncated: boolean;
    };
    const payments = allPayments(sb.invoices);
    expect(s.total_count).toBe(payments.length);
    expect(s.payments).toHaveLength(5);
    expect(s.truncated).toBe(true);
    const dates = s.payments.map((p) => p.date);
    expect(dates).toEqual([...dates].sort().reverse());
    const want = expectedMoneyIn(payments, false);
    for (const t of s.totals) {
      const e = want.get(t.currency as string);
      expect({
        count: t.count,
        received: t.received_minor,
        refunded: t.refunded_minor,
        fees: t.fees_minor,
      }).toEqual({
        count: e?.count,
        received: e?.received,
        refunded: e?.refunded,
        fees: e?.fees,
      });
      expect(t.net_minor).toBe((e?.received ?? 0) - (e?.refunded ?? 0) - (e?.fees ?? 0));
      expect(t.refund_unknown).toBe(e?.unknown);
    }
    // The API gave no refunded amount for partial refunds here: the answer says so rather than guess.
    expect(textOf(r)).toMatch(/partially refunded payments? did not say how much was refunded/);
  });

  it('counts the refunded part of a partial refund when the API gives it', async () => {
    const { call, sb } = await connectMcp({ sandbox: { refundAmounts: true } });
    const s = (await call('list_payments', {})).structuredContent as { totals: Totals };
    const want = expectedMoneyIn(allPayments(sb.invoices), true);
    for (const t of s.totals) {
      expect(t.refunded_minor).toBe(want.get(t.currency as string)?.refunded);
      expect(t.refund_unknown).toBe(0);
    }
  });

  it('from and to are inclusive calendar dates, also when the API writes timestamps', async () => {
    for (const dateStyle of ['date', 'timestamp'] as const) {
      const { call, sb } = await connectMcp({ sandbox: { dateStyle } });
      const payments = allPayments(sb.invoices);
      const day = payments[40]?.payment_date as string;
      const r = await call('list_payments', { from: day, to: day, limit: 100 });
      const s = r.structuredContent as { payments: Array<{ date: string }>; total_count: number };
      expect(s.total_count).toBe(payments.filter((p) => p.payment_date === day).length);
      expect(s.payments.every((p) => p.date === day)).toBe(true);
      const [y, m] = day.split('-').map(Number) as [number, number];
      const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
      const month = await call('list_payments', { from: `${day.slice(0, 7)}-01`, to: last });
      const inMonth = payments.filter((p) => p.payment_date.slice(0, 7) === day.slice(0, 7)).length;
      expect((month.structuredContent as { total_count: number }).total_count).toBe(inMonth);
    }
  });

  it.each(['completed', 'pending', 'failed', 'refunded', 'partially_refunded', 'disputed'] as const)(
    'status %s lists exactly those payments; only completed and refunds count as received',
    async (status) => {
      const { call, sb } = await connectMcp();
      const r = await call('list_payments', { status, limit: 100 });
      const s = r.structuredContent as {
        payments: Array<{ status: string }>;
        totals: Totals;
        total_count: number;
      };
      const want = allPayments(sb.invoices).filter((p) => p.status === status);
      expect(want.length).toBeGreaterThan(0);
      expect(s.total_count).toBe(want.length);
      expect(s.payments.every((p) => p.status === status)).toBe(true);
      const received = s.totals.reduce((n, t) => n + (t.received_minor as number), 0);
      if (['pending', 'failed', 'disputed'].includes(status)) expect(received).toBe(0);
      else expect(received).toBe(want.reduce((n, p) => n + p.amount, 0));
      if (status === 'disputed')
        expect(s.totals.reduce((n, t) => n + (t.disputed_minor as number), 0)).toBe(
          want.reduce((n, p) => n + p.amount, 0),
        );
    },
  );

  it('one client, several currencies apart, and a bad range refused before anything is sent', async () => {
    const { call, sb } = await connectMcp();
    const jane = sb.clients[0];
    const r = await call('list_payments', { client_id: jane?.id });
    const mine = sb.invoices.filter((i) => i.client_id === jane?.id).flatMap((i) => i.payments);
    expect((r.structuredContent as { total_count: number }).total_count).toBe(mine.length);
    sb.resetStats();
    const bad = await call('list_payments', { from: '2026-05-01', to: '2026-04-01' });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/from \(2026-05-01\) is after to \(2026-04-01\)/);
    const notADate = await call('list_payments', { from: '2026-02-30' });
    expect(notADate.isError).toBe(true);
    expect(sb.requests).toHaveLength(0);
    // Every currency of the studio has its own totals.
    const all = (await call('list_payments', {})).structuredContent as { totals: Totals };
    expect(all.totals.map((t) => t.currency).sort()).toEqual(
      [...new Set(allPayments(sb.invoices).map((p) => p.currency))].sort(),
    );
  });
});

describe('revenue_report', () => {
  it('received equals list_payments for the same range; groups add up; invoiced counts invoices issued then', async () => {
    const { call, sb } = await connectMcp();
    const [from, to] = ['2026-01-01', '2026-10-31'];
    const rev = (await call('revenue_report', { from, to })).structuredContent as {
      currencies: Array<Totals[number] & { groups: Array<Record<string, number | string>> }>;
    };
    const pay = (await call('list_payments', { from, to })).structuredContent as { totals: Totals };
    for (const t of pay.totals) {
      const c = rev.currencies.find((x) => x.currency === t.currency);
      for (const k of ['received_minor', 'refunded_minor', 'fees_minor', 'net_minor', 'count'])
        expect(c?.[k], `${t.currency} ${k}`).toBe(t[k]);
      for (const k of ['received_minor', 'refunded_minor', 'fees_minor', 'net_minor', 'count'])
        expect(c?.groups.reduce((n, g) => n + (g[k] as number), 0)).toBe(c?.[k]);
    }
    const usd = rev.currencies.find((c) => c.currency === 'usd');
    expect(usd?.groups.map((g) => g.key)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
    ]);
    const invoiced = sb.invoices
      .filter(
        (i) =>
          i.currency === 'usd' &&
          i.status !== 'draft' &&
          i.created_at.slice(0, 10) >= from &&
          i.created_at.slice(0, 10) <= to,
      )
      .reduce((n, i) => n + i.line_items.reduce((s, l) => s + l.amount * l.quantity, 0), 0);
    expect(usd?.invoiced_minor).toBe(invoiced);
  });

  it('groups by method and by client, and defaults to this year so far', async () => {
    const { call } = await connectMcp();
    const byMethod = (await call('revenue_report', { group_by: 'method' })).structuredContent as {
      from: string;
      to: string;
      currencies: Array<{ groups: Array<{ key: string }> }>;
    };
    expect(byMethod.from).toBe(`${new Date().getFullYear()}-01-01`);
    expect(byMethod.currencies[0]?.groups.map((g) => g.key)).toContain('card');
    const byClient = (await call('revenue_report', { group_by: 'client' })).structuredContent as {
      currencies: Array<{ groups: Array<{ key: string; label: string }> }>;
    };
    const g = byClient.currencies[0]?.groups[0];
    expect(g?.key).toMatch(/^cl_/);
    expect(g?.label).not.toMatch(/^cl_/);
  });
});

describe('revenue_report text', () => {
  type Rev = {
    currencies: Array<{ currency: string; groups: Array<{ key: string; refunded_minor: number }> }>;
  };
  // The table header under a currency's line of the text.
  const headerOf = (text: string, code: string) => {
    const lines = text.split('\n');
    return lines[lines.findIndex((l) => l.startsWith(`${code.toUpperCase()} (`)) + 1];
  };

  it('names the months within one year, writes year and month across years', async () => {
    const { call } = await connectMcp();
    const one = await call('revenue_report', { from: '2026-01-01', to: '2026-10-31' });
    const months = (one.structuredContent as Rev).currencies[0]?.groups.map((g) => g.key) ?? [];
    expect(months[0]).toBe('2026-01');
    expect(textOf(one)).toMatch(/\nJan \| \d+ \| /);
    expect(textOf(one)).not.toMatch(/\n2026-0\d \| /);
    const two = await call('revenue_report', { from: '2025-11-01', to: '2026-02-28' });
    expect(textOf(two)).toMatch(/\n2025-11 \| \d+ \| /);
    expect(textOf(two)).toMatch(/\n2026-02 \| \d+ \| /);
  });

  it('has a refunded column for a currency with refunds, none for a currency without', async () => {
    const { call } = await connectMcp();
    const r = await call('revenue_report', { from: '2026-01-01', to: '2026-10-31' });
    const { currencies } = r.structuredContent as Rev;
    const refunds = (c: Rev['currencies'][number]) => c.groups.some((g) => g.refunded_minor !== 0);
    const withRefunds = currencies.find(refunds);
    const without = currencies.find((c) => c.groups.length > 0 && !refunds(c));
    expect(withRefunds && without, 'the demo studio has both kinds').toBeTruthy();
    expect(headerOf(textOf(r), withRefunds?.currency ?? '')).toBe(
      'month | payments | received | refunded | fees | net',
    );
    expect(headerOf(textOf(r), without?.currency ?? '')).toBe('month | payments | received | fees | net');
  });
});

describe('get_invoice by number, and summarize_invoices by issue date', () => {
  it('finds INV-1003 by its number in any case, and says clearly when a number does not exist', async () => {
    const { call, sb } = await connectMcp();
    const inv = sb.invoices.find((i) => i.invoice_number === 'INV-1003');
    const r = await call('get_invoice', { invoice_number: 'inv-1003' });
    expect((r.structuredContent as { invoice: { id: string } }).invoice.id).toBe(inv?.id);
    const missing = await call('get_invoice', { invoice_number: 'INV-99999' });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/Invoice INV-99999 was not found/);
  });

  it('exactly one of invoice_id or invoice_number, refused before anything is sent', async () => {
    const { call, sb } = await connectMcp();
    for (const args of [{}, { invoice_id: sb.invoices[0]?.id, invoice_number: 'INV-1003' }]) {
      const r = await call('get_invoice', args);
      expect(r.isError).toBe(true);
      expect(textOf(r)).toMatch(/exactly one of invoice_id or invoice_number/);
    }
    expect(sb.requests).toHaveLength(0);
  });

  it('issued_from/issued_to total the invoices issued in the range', async () => {
    const { call, sb } = await connectMcp();
    const r = await call('summarize_invoices', { issued_from: '2025-01-01', issued_to: '2025-12-31' });
    const want = sb.invoices.filter((i) => i.created_at.startsWith('2025-'));
    expect((r.structuredContent as { count: number }).count).toBe(want.length);
  });
});

describe('cancellation of the multi-page money reads', () => {
  it.each(['list_payments', 'revenue_report', 'get_receivables'])(
    'a cancelled %s starts no new requests after the cancellation arrives',
    async (tool) => {
      const { mcp, sb } = await connectMcp({
        sandbox: { latencyMs: 60, maxPageSize: 5 },
        env: { PIXIESET_MAX_CONCURRENCY: '2' },
      });
      const controller = new AbortController();
      const call = mcp.callTool({ name: tool, arguments: {} }, undefined, { signal: controller.signal });
      await new Promise((r) => setTimeout(r, 150));
      controller.abort();
      const cancelledAt = Date.now();
      await expect(call).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 500));
      // Every page would take dozens of requests; the read stopped.
      expect(sb.requests.length).toBeLessThan(20);
      // Cancellation races the answers under way: the answers that arrive as it does free their slots, and the
      // requests granted them (at most the in-flight bound, 2) may start before the server hears of it (seen
      // under load: pages 4 and 5 recorded 36 ms after the cancellation, their round sent as it arrived).
      // Nothing starts after that round: a read that went on would start ~16 more in these 500 ms.
      expect(sb.requests.filter((r) => r.at > cancelledAt + 20).length).toBeLessThanOrEqual(2);
    },
  );
});
