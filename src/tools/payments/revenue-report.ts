import { z } from 'zod';
import { addExact, currencyOf, isBilled, issueDateOf } from '../../pixieset/invoice-math.js';
import { formatMoney } from '../../pixieset/money.js';
import { byText } from '../../pixieset/order.js';
import { emptyMoneyIn, type MoneyIn, PaymentTotals, paymentDate } from '../../pixieset/payment-math.js';
import type { Payment } from '../../pixieset/schemas.js';
import { rangeArgs } from '../args.js';
import { checkRange, daysFromToday, inRange, startOfYear } from '../dates.js';
import { defineTool, READ } from '../define.js';
import { clientName } from '../outputs/client.js';
import { int } from '../outputs/common.js';
import { moneyInOut, refundUnknownNote, toMoneyInOut } from '../outputs/payment.js';
import { LIST_CHANGED, plural, table } from '../render.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// The most groups listed per currency (months of a decade, every client of a studio).
const MAX_GROUPS = 60;

const groupOut = z.object({
  key: z.string(),
  label: z.string(),
  count: int(),
  received_minor: int(),
  refunded_minor: int(),
  fees_minor: int(),
  net_minor: int(),
  // Formatted in the group's currency (what the view shows).
  received: z.string(),
  net: z.string(),
});

const currencyOut = moneyInOut.extend({
  invoiced_minor: int(),
  invoiced: z.string(),
  groups: z.array(groupOut),
  groups_left_out: int(),
});

const groupFields = (key: string, label: string, g: MoneyIn, currency: string) => ({
  key,
  label,
  count: g.count,
  received_minor: g.received,
  refunded_minor: g.refunded,
  fees_minor: g.fees,
  net_minor: g.net,
  received: formatMoney(g.received, currency),
  net: formatMoney(g.net, currency),
});

export const revenueReport = defineTool({
  name: 'revenue_report',
  toolset: 'payments',
  endpoints: ['GET /invoices/payments/list/', 'GET /invoices/'],
  title: 'Revenue report',
  description:
    'Money received in a period per currency (received, refunded, fees, net) by month, payment method or client, beside what was invoiced. "What did I earn this year, after fees?"',
  inputSchema: z.object({
    ...rangeArgs('YYYY-MM-DD; default 1 January this year', 'YYYY-MM-DD; default today'),
    group_by: z.enum(['month', 'method', 'client']).default('month').describe('month, method or client'),
  }),
  outputSchema: z.object({
    from: z.string(),
    to: z.string(),
    group_by: z.string(),
    currencies: z.array(currencyOut),
    list_changed: z.boolean(),
  }),
  annotations: READ,
  view: 'revenue',
  async handler(args, { pixieset, signal, config, progress }) {
    const from = args.from ?? startOfYear();
    const to = args.to ?? daysFromToday(0);
    checkRange(from, to);
    let pagesDone = 0;
    const step = () => progress(++pagesDone, undefined, 'reading payments and invoices');
    const names = new Map<string, string>();
    const groupOf = (p: Payment): string => {
      if (args.group_by === 'month') return (paymentDate(p) ?? 'unknown').slice(0, 7);
      if (args.group_by === 'method') return p.payment_method ?? 'unknown';
      const id = p.client_id ?? p.client?.id ?? 'unknown';
      if (p.client) names.set(id, clientName(p.client));
      return id;
    };
    // Both lists are totalled a page at a time as pages arrive: no payment or invoice is kept. Invoiced in
    // the period: billed invoices whose own date (issue date, else created) falls in it.
    const money = new PaymentTotals(config.currency, groupOf);
    const invoiced = new Map<string, number>();
    const [payments, invoices] = await Promise.all([
      pixieset.payments.streamAll(
        { clientId: args.client_id },
        (rows) => money.add(rows.filter((p) => inRange(paymentDate(p), from, to))),
        { signal, onProgress: step },
      ),
      pixieset.invoices.streamAll(
        { clientId: args.client_id, expandClient: false },
        (rows) => {
          for (const inv of rows) {
            if (!isBilled(inv) || !inRange(issueDateOf(inv), from, to)) continue;
            const c = currencyOf(inv, config.currency);
            invoiced.set(c, addExact(invoiced.get(c) ?? 0, inv.amount));
          }
        },
        { signal, onProgress: step },
      ),
    ]);
    const sums = money.result();
    const currencies = sums.map((t) => {
      const groups = [...t.groups]
        .map(([key, g]) =>
          groupFields(key, args.group_by === 'client' ? (names.get(key) ?? key) : key, g, t.currency),
        )
        .sort((a, b) =>
          args.group_by === 'month'
            ? byText(a.key, b.key)
            : b.received_minor - a.received_minor || byText(a.key, b.key),
        );
      const inv = invoiced.get(t.currency) ?? 0;
      return {
        ...toMoneyInOut(t.currency, t),
        invoiced_minor: inv,
        invoiced: formatMoney(inv, t.currency),
        groups: groups.slice(0, MAX_GROUPS),
        groups_left_out: Math.max(0, groups.length - MAX_GROUPS),
      };
    });
    // Currencies invoiced in the period with no money in yet.
    for (const [c, inv] of [...invoiced].sort((a, b) => byText(a[0], b[0]))) {
      if (currencies.some((x) => x.currency === c)) continue;
      currencies.push({
        ...toMoneyInOut(c, emptyMoneyIn()),
        invoiced_minor: inv,
        invoiced: formatMoney(inv, c),
        groups: [],
        groups_left_out: 0,
      });
    }
    const changed = payments.changed || invoices.changed;
    const lines = [
      `Revenue from ${from} to ${to}${args.client_id ? ` for ${args.client_id}` : ''}, by ${args.group_by}.`,
    ];
    // The text stays short for a year of months in several currencies: within one year a month is named
    // (the first line gives the year), and a currency with no refund in any group has no refunded column.
    const oneYear = from.slice(0, 4) === to.slice(0, 4);
    const label = (g: { key: string; label: string }) =>
      args.group_by === 'month' && oneYear ? (MONTHS[Number(g.key.slice(5, 7)) - 1] ?? g.label) : g.label;
    for (const c of currencies) {
      // Per currency: its groups, then the totals, each figure on its own labelled line ("how much came in,
      // how much did I keep" needs no second call).
      const held = [
        c.disputed_minor ? `disputed ${formatMoney(c.disputed_minor, c.currency)}` : '',
        c.pending_minor ? `pending ${formatMoney(c.pending_minor, c.currency)}` : '',
      ].filter(Boolean);
      lines.push(
        `${c.currency.toUpperCase()} (${plural(c.count, 'payment')})${c.groups.length ? `, by ${args.group_by}:` : ':'}`,
      );
      if (c.groups.length) {
        const m = (n: number) => formatMoney(n, c.currency);
        const refunds = c.groups.some((g) => g.refunded_minor !== 0);
        lines.push(
          table(
            [args.group_by, 'payments', 'received', ...(refunds ? ['refunded'] : []), 'fees', 'net'],
            c.groups.map((g) => [
              label(g),
              g.count,
              m(g.received_minor),
              ...(refunds ? [m(g.refunded_minor)] : []),
              m(g.fees_minor),
              m(g.net_minor),
            ]),
          ),
        );
      }
      lines.push(
        `  received (gross): ${c.received}`,
        `  refunds: ${c.refunded}`,
        `  fees: ${c.fees}`,
        `  net (kept): ${c.net}`,
        `  invoiced in the period: ${c.invoiced}`,
        ...(held.length ? [`  not counted: ${held.join(', ')}`] : []),
      );
      if (c.groups_left_out)
        lines.push(
          `${plural(c.groups_left_out, `smaller ${args.group_by} group`)} left out (the totals cover them).`,
        );
    }
    if (currencies.length === 0) lines.push('Nothing was received or invoiced in this period.');
    lines.push(refundUnknownNote(currencies.reduce((n, c) => n + c.refund_unknown, 0)));
    if (changed) lines.push(LIST_CHANGED);
    return {
      structured: { from, to, group_by: args.group_by, currencies, list_changed: changed },
      text: lines.filter(Boolean).join('\n'),
    };
  },
});
