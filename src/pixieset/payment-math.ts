import { addExact, calendarDate } from './invoice-math.js';
import { byText } from './order.js';
import type { Payment } from './schemas.js';

// The money-in rules, in one pure module.
// - Received: payments that brought money in — completed, and those later refunded in full or in part.
// - Refunded: the whole amount of a refunded payment; the refunded part of a partially refunded one when the
//   API gives it (refunded_amount / amount_refunded), else that payment is counted in `refundUnknown`.
// - Fees: transaction_fee (else processor_fee) of received payments, where given.
// - Net: received − refunded − fees.
// - Pending and failed payments are never received; disputed ones are summed apart (held, not yet decided).

export type PaymentStatus =
  | 'completed'
  | 'pending'
  | 'failed'
  | 'refunded'
  | 'partially_refunded'
  | 'disputed';

// A payment's status as one of the documented ones ('completed' when the API gives none).
export function statusOf(p: Payment): PaymentStatus | string {
  return (p.status ?? 'completed').toLowerCase();
}

// Brought money in (whatever happened after).
export const isReceived = (p: Payment): boolean =>
  ['completed', 'refunded', 'partially_refunded'].includes(statusOf(p));

// The processor's fee, when the API gives one.
export const feeOf = (p: Payment): number | undefined => p.transaction_fee ?? p.processor_fee ?? undefined;

// What went back to the client: all of a refunded payment, the given part of a partial refund, or undefined
// when the API did not say how much of a partial refund.
export function refundOf(p: Payment): number | undefined {
  const s = statusOf(p);
  if (s === 'refunded') return p.amount ?? 0;
  if (s === 'partially_refunded') return p.refunded_amount ?? p.amount_refunded ?? undefined;
  return 0;
}

// The calendar date of a payment, as the API writes it (the studio's date).
export const paymentDate = (p: Payment): string | undefined => calendarDate(p.payment_date);

// Sums of money received, in minor units.
export interface MoneyIn {
  count: number;
  received: number;
  refunded: number;
  fees: number;
  net: number;
  disputed: number;
  pending: number;
  // Partially refunded payments whose refunded part the API did not give (left out of `refunded`).
  refundUnknown: number;
}

export const emptyMoneyIn = (): MoneyIn => ({
  count: 0,
  received: 0,
  refunded: 0,
  fees: 0,
  net: 0,
  disputed: 0,
  pending: 0,
  refundUnknown: 0,
});

// Adds one payment to the sums, by the rules above.
export function addPayment(t: MoneyIn, p: Payment): void {
  const amount = p.amount ?? 0;
  const s = statusOf(p);
  if (s === 'disputed') t.disputed = addExact(t.disputed, amount);
  if (s === 'pending') t.pending = addExact(t.pending, amount);
  if (!isReceived(p)) return;
  t.count++;
  t.received = addExact(t.received, amount);
  const refund = refundOf(p);
  if (refund === undefined) t.refundUnknown++;
  else t.refunded = addExact(t.refunded, refund);
  t.fees = addExact(t.fees, feeOf(p) ?? 0);
  t.net = t.received - t.refunded - t.fees;
}

// Money in per currency (largest received first), and per group within each currency.
export function sumPayments(
  payments: Payment[],
  fallbackCurrency: string,
  groupOf?: (p: Payment) => string,
): Array<MoneyIn & { currency: string; groups: Map<string, MoneyIn> }> {
  const totals = new PaymentTotals(fallbackCurrency, groupOf);
  totals.add(payments);
  return totals.result();
}

// sumPayments a page at a time: add() each page as it arrives; no payment is kept.
export class PaymentTotals {
  private readonly acc = new Map<string, MoneyIn & { currency: string; groups: Map<string, MoneyIn> }>();

  constructor(
    private readonly fallbackCurrency: string,
    private readonly groupOf?: (p: Payment) => string,
  ) {}

  add(payments: Payment[]): void {
    for (const p of payments) {
      const currency = (p.currency ?? this.fallbackCurrency).toLowerCase();
      let t = this.acc.get(currency);
      if (!t) {
        t = { currency, ...emptyMoneyIn(), groups: new Map() };
        this.acc.set(currency, t);
      }
      addPayment(t, p);
      if (this.groupOf) {
        const key = this.groupOf(p);
        let g = t.groups.get(key);
        if (!g) {
          g = emptyMoneyIn();
          t.groups.set(key, g);
        }
        addPayment(g, p);
      }
    }
  }

  result(): Array<MoneyIn & { currency: string; groups: Map<string, MoneyIn> }> {
    return [...this.acc.values()].sort((a, b) => b.received - a.received || byText(a.currency, b.currency));
  }
}
