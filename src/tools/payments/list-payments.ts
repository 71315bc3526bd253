import { z } from 'zod';
import { addExact } from '../../pixieset/invoice-math.js';
import { formatMoney } from '../../pixieset/money.js';
import { byText } from '../../pixieset/order.js';
import { feeOf, paymentDate, statusOf, sumPayments } from '../../pixieset/payment-math.js';
import type { Payment } from '../../pixieset/schemas.js';
import { intArg, rangeArgs } from '../args.js';
import { fitRows } from '../budget.js';
import { checkRange, inRange } from '../dates.js';
import { defineTool, READ } from '../define.js';
import { clientName } from '../outputs/client.js';
import { int } from '../outputs/common.js';
import { moneyInLine, moneyInOut, refundUnknownNote, toMoneyInOut } from '../outputs/payment.js';
import { LIST_CHANGED, plural, table } from '../render.js';

const STATUSES = [
  'completed',
  'pending',
  'failed',
  'refunded',
  'partially_refunded',
  'disputed',
  'all',
] as const;

// Statuses whose payments brought no money in: their own total is what the user asks for.
const NOT_RECEIVED = new Set(['pending', 'failed', 'disputed']);

// The sum of the payments listed, whatever their status, per currency.
const listedOut = z.object({ currency: z.string(), count: int(), amount_minor: int(), amount: z.string() });

const paymentOut = z.object({
  id: z.string(),
  date: z.string().nullable(),
  client_id: z.string().nullable(),
  client_name: z.string().nullable(),
  invoice_id: z.string().nullable(),
  invoice_number: z.string().nullable(),
  amount_minor: int(),
  amount: z.string(),
  currency: z.string(),
  fee_minor: int().nullable(),
  net_minor: int().nullable(),
  method: z.string().nullable(),
  status: z.string(),
});

function toPaymentOut(p: Payment & { id: string }, fallbackCurrency: string): z.output<typeof paymentOut> {
  const currency = (p.currency ?? fallbackCurrency).toLowerCase();
  const amount = p.amount ?? 0;
  const fee = feeOf(p);
  return {
    id: p.id,
    date: paymentDate(p) ?? null,
    client_id: p.client_id ?? p.client?.id ?? null,
    client_name: p.client ? clientName(p.client) : null,
    invoice_id: p.invoice_id ?? p.invoice?.id ?? null,
    invoice_number: p.invoice_number ?? p.invoice?.invoice_number ?? null,
    amount_minor: amount,
    amount: formatMoney(amount, currency),
    currency,
    fee_minor: fee ?? null,
    net_minor: p.net_amount ?? (fee === undefined ? null : amount - fee),
    method: p.payment_method ?? null,
    status: statusOf(p),
  };
}

export const listPayments = defineTool({
  name: 'list_payments',
  toolset: 'payments',
  endpoints: ['GET /invoices/payments/list/'],
  gives: ['payment'],
  title: 'List payments',
  description:
    'Payments received (by payment date, newest first) with totals for the whole range per currency: received, refunded, fees, net. "What payments came in this month?"',
  inputSchema: z.object({
    ...rangeArgs('YYYY-MM-DD, first payment date included', 'YYYY-MM-DD, last payment date included'),
    status: z.enum(STATUSES).default('all').describe('A payment status, or all'),
    limit: intArg(1, 100).default(25).describe('Most payments listed; totals cover all'),
  }),
  outputSchema: z.object({
    payments: z.array(paymentOut),
    totals: z.array(moneyInOut),
    // Every payment that matched, summed per currency as it is (for statuses that are not money in).
    listed_totals: z.array(listedOut),
    total_count: int(),
    truncated: z.boolean(),
    list_changed: z.boolean(),
  }),
  annotations: READ,
  async handler({ from, to, client_id, status, limit }, { pixieset, signal, config, progress }) {
    checkRange(from, to);
    const read = await pixieset.payments.listAll({ clientId: client_id }, { signal, onProgress: progress });
    const ranged = from || to;
    const matching = read.items
      .filter(
        (p) => (status === 'all' || statusOf(p) === status) && (!ranged || inRange(paymentDate(p), from, to)),
      )
      .sort((a, b) => byText(paymentDate(b) ?? '', paymentDate(a) ?? ''));
    const totals = sumPayments(matching, config.currency).map((t) => toMoneyInOut(t.currency, t));
    const listed = new Map<string, { count: number; amount: number }>();
    for (const p of matching) {
      const currency = (p.currency ?? config.currency).toLowerCase();
      const l = listed.get(currency) ?? { count: 0, amount: 0 };
      l.count++;
      l.amount = addExact(l.amount, p.amount ?? 0);
      listed.set(currency, l);
    }
    const listedTotals = [...listed].map(([currency, l]) => ({
      currency,
      count: l.count,
      amount_minor: l.amount,
      amount: formatMoney(l.amount, currency),
    }));
    // Failed, pending or disputed payments: their own sum, not a "received $0.00" that answers nothing.
    const totalLines = NOT_RECEIVED.has(status)
      ? listedTotals.map(
          (l) =>
            `${l.currency.toUpperCase()}: ${plural(l.count, `${status} payment`)} of ${l.amount} in all (not money received).`,
        )
      : totals.map(moneyInLine);
    const rows = matching.slice(0, limit).map((p) => toPaymentOut(p, config.currency));
    const unknown = totals.reduce((n, t) => n + t.refund_unknown, 0);
    const span = `${from ?? 'the first'} to ${to ?? 'the last'}`;
    return fitRows(rows, (shown, leftOut) => ({
      structured: {
        payments: shown,
        totals,
        listed_totals: listedTotals,
        total_count: matching.length,
        truncated: shown.length < matching.length,
        list_changed: read.changed,
      },
      text: [
        `${plural(matching.length, `${status === 'all' ? '' : `${status} `}payment`)}${ranged ? ` from ${span}` : ''}${client_id ? ` for ${client_id}` : ''}.`,
        ...totalLines,
        refundUnknownNote(unknown),
        shown.length
          ? table(
              ['date', 'client', 'amount', 'fee', 'method', 'status', 'invoice'],
              shown.map((p) => [
                p.date,
                p.client_name,
                p.amount,
                p.fee_minor === null ? null : formatMoney(p.fee_minor, p.currency),
                p.method,
                p.status,
                p.invoice_number ?? p.invoice_id,
              ]),
            )
          : '',
        matching.length > shown.length
          ? `Showing the newest ${shown.length}${leftOut ? ' that fit' : ''}; the totals cover all ${matching.length}. Narrow with from/to, client_id or status.`
          : '',
        read.changed ? LIST_CHANGED : '',
      ]
        .filter(Boolean)
        .join('\n'),
    }));
  },
});
