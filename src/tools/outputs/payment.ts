import { z } from 'zod';
import { formatMoney } from '../../pixieset/money.js';
import type { MoneyIn } from '../../pixieset/payment-math.js';
import { int } from './common.js';

// Money in for one currency: received, refunded, fees, net (minor units and formatted), and what is apart.
export const moneyInOut = z.object({
  currency: z.string(),
  count: int(),
  received_minor: int(),
  received: z.string(),
  refunded_minor: int(),
  refunded: z.string(),
  fees_minor: int(),
  fees: z.string(),
  net_minor: int(),
  net: z.string(),
  // Held in disputes, and not yet cleared: never counted as received.
  disputed_minor: int(),
  pending_minor: int(),
  // Partially refunded payments whose refunded part the API did not give (left out of refunded).
  refund_unknown: int(),
});

export function toMoneyInOut(currency: string, t: MoneyIn): z.output<typeof moneyInOut> {
  const m = (n: number) => formatMoney(n, currency);
  return {
    currency,
    count: t.count,
    received_minor: t.received,
    received: m(t.received),
    refunded_minor: t.refunded,
    refunded: m(t.refunded),
    fees_minor: t.fees,
    fees: m(t.fees),
    net_minor: t.net,
    net: m(t.net),
    disputed_minor: t.disputed,
    pending_minor: t.pending,
    refund_unknown: t.refundUnknown,
  };
}

// One line per currency: what came in, what went back, fees, net.
export function moneyInLine(t: z.output<typeof moneyInOut>): string {
  return `${t.currency.toUpperCase()} (${t.count}): received ${t.received} · refunded ${t.refunded} · fees ${t.fees} · net ${t.net}${t.disputed_minor ? ` · disputed ${formatMoney(t.disputed_minor, t.currency)} (not counted)` : ''}${t.pending_minor ? ` · pending ${formatMoney(t.pending_minor, t.currency)} (not counted)` : ''}`;
}

// Said when some partial refunds did not give their amount.
export function refundUnknownNote(n: number): string {
  return n
    ? `${n} partially refunded payment${n === 1 ? '' : 's'} did not say how much was refunded: ${n === 1 ? 'its' : 'their'} refund is not in "refunded", so net is too high by that much.`
    : '';
}
