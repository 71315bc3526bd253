import { describe, expect, it } from 'vitest';
import {
  calendarDate,
  isBilled,
  isOverdue,
  matchingStatus,
  outstandingOf,
  paidOf,
  paidUnknown,
  sumByCurrency,
} from '../src/pixieset/invoice-math.js';
import type { Invoice } from '../src/pixieset/schemas.js';

// The money rules, table-driven, including statuses and payments the sandbox never produces.
const TODAY = '2026-11-25';
const inv = (o: Partial<Invoice>): Invoice =>
  ({ id: 'in_x', amount: 100_00, currency: 'usd', ...o }) as Invoice;
const pay = (amount: number, status?: string) => ({ amount, status });

const cases: Array<
  [string, Invoice, { billed: boolean; paid: number; owed: number; overdue: boolean; unknown?: boolean }]
> = [
  [
    'a paid invoice with no amounts given',
    inv({ status: 'paid' }),
    { billed: true, paid: 100_00, owed: 0, overdue: false },
  ],
  [
    'a draft',
    inv({ status: 'draft', due_date: '2020-01-01' }),
    { billed: false, paid: 0, owed: 0, overdue: false },
  ],
  [
    'a void invoice past due',
    inv({ status: 'void', due_date: '2020-01-01' }),
    { billed: false, paid: 0, owed: 0, overdue: false },
  ],
  ['a voided invoice', inv({ status: 'voided' }), { billed: false, paid: 0, owed: 0, overdue: false }],
  [
    'a cancelled invoice',
    inv({ status: 'cancelled', amount_due: 100_00 }),
    { billed: false, paid: 0, owed: 0, overdue: false },
  ],
  [
    'a canceled invoice (US spelling)',
    inv({ status: 'canceled' }),
    { billed: false, paid: 0, owed: 0, overdue: false },
  ],
  [
    'amount_paid and amount_due win over payments',
    inv({ status: 'partially_paid', amount_paid: 30_00, amount_due: 70_00, payments: [pay(99_00)] }),
    { billed: true, paid: 30_00, owed: 70_00, overdue: false },
  ],
  [
    'a refunded payment is not paid',
    inv({ status: 'sent', payments: [pay(60_00, 'completed'), pay(40_00, 'refunded')] }),
    { billed: true, paid: 60_00, owed: 40_00, overdue: false },
  ],
  [
    'a failed payment is not paid',
    inv({ status: 'sent', due_date: '2026-11-24', payments: [pay(100_00, 'failed')] }),
    { billed: true, paid: 0, owed: 100_00, overdue: true },
  ],
  [
    'a pending payment is not paid',
    inv({ status: 'sent', payments: [pay(100_00, 'pending')] }),
    { billed: true, paid: 0, owed: 100_00, overdue: false },
  ],
  [
    'a payment with no status counts',
    inv({ status: 'sent', payments: [pay(25_00)] }),
    { billed: true, paid: 25_00, owed: 75_00, overdue: false },
  ],
  [
    'partly paid, due date passed, labelled "sent": overdue',
    inv({ status: 'sent', amount_paid: 10_00, due_date: '2026-03-01' }),
    { billed: true, paid: 10_00, owed: 90_00, overdue: true },
  ],
  [
    'labelled "overdue" but fully paid: not overdue',
    inv({ status: 'overdue', amount_paid: 100_00, due_date: '2026-01-01' }),
    { billed: true, paid: 100_00, owed: 0, overdue: false },
  ],
  [
    'due today is not overdue',
    inv({ status: 'sent', due_date: TODAY }),
    { billed: true, paid: 0, owed: 100_00, overdue: false },
  ],
  [
    'a due date with a time',
    inv({ status: 'sent', due_date: '2026-11-24T00:00:00.000000Z' }),
    { billed: true, paid: 0, owed: 100_00, overdue: true },
  ],
  ['no due date', inv({ status: 'sent' }), { billed: true, paid: 0, owed: 100_00, overdue: false }],
  [
    'overpaid: nothing owed, never negative',
    inv({ status: 'paid', amount_paid: 120_00 }),
    { billed: true, paid: 120_00, owed: 0, overdue: false },
  ],
  [
    'partially paid, amounts unknown',
    inv({ status: 'partially_paid' }),
    { billed: true, paid: 0, owed: 100_00, overdue: false, unknown: true },
  ],
];

describe('the money rules', () => {
  it.each(cases)('%s', (_name, invoice, want) => {
    expect(isBilled(invoice)).toBe(want.billed);
    expect(paidOf(invoice)).toBe(want.paid);
    expect(outstandingOf(invoice)).toBe(want.owed);
    expect(isOverdue(invoice, TODAY)).toBe(want.overdue);
    expect(paidUnknown(invoice)).toBe(want.unknown ?? false);
  });

  it.each([
    ['2030-06-30', '2030-06-30'],
    ['2030-06-30T00:00:00.000000Z', '2030-06-30'],
    ['2030-06-30 12:00:00', '2030-06-30'],
    ['30/06/2030', undefined],
    [null, undefined],
  ])('calendarDate(%s) is %s', (value, want) => {
    expect(calendarDate(value)).toBe(want);
  });

  it('sums per currency over billed invoices, counting every status, largest count first', () => {
    const all = cases.map(([, i]) => i).concat(inv({ status: 'sent', currency: 'EUR', amount: 5_00 }));
    const [usd, eur] = sumByCurrency(all, 'usd', TODAY);
    expect(usd?.currency).toBe('usd');
    expect(usd?.count).toBe(cases.length);
    const billed = cases.filter(([, , w]) => w.billed);
    expect(usd?.invoiced).toBe(billed.length * 100_00);
    expect(usd?.paid).toBe(billed.reduce((s, [, , w]) => s + w.paid, 0));
    expect(usd?.outstanding).toBe(billed.reduce((s, [, , w]) => s + w.owed, 0));
    expect(usd?.overdue).toBe(cases.filter(([, , w]) => w.overdue).reduce((s, [, , w]) => s + w.owed, 0));
    expect(usd?.byStatus.cancelled).toBe(1);
    expect(eur).toMatchObject({ currency: 'eur', count: 1, outstanding: 5_00 });
  });

  it('status filters follow the definitions, not the labels', () => {
    const all = cases.map(([, i]) => i);
    expect(matchingStatus(all, 'overdue', TODAY)).toHaveLength(cases.filter(([, , w]) => w.overdue).length);
    expect(matchingStatus(all, 'unpaid', TODAY)).toHaveLength(
      cases.filter(([, , w]) => w.billed && w.owed > 0).length,
    );
  });
});
