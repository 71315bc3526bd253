import { z } from 'zod';
import { ValidationError } from '../../pixieset/errors.js';
import {
  type AgingBucket,
  addExact,
  agingBucket,
  calendarDate,
  currencyOf,
  daysOverdue,
  isBilled,
  outstandingOf,
} from '../../pixieset/invoice-math.js';
import { formatMoney } from '../../pixieset/money.js';
import type { Invoice } from '../../pixieset/schemas.js';
import { clientIdArg, dateArg, intArg } from '../args.js';
import { fitRows } from '../budget.js';
import { daysFromToday } from '../dates.js';
import { defineTool, READ } from '../define.js';
import { clientName } from '../outputs/client.js';
import { int } from '../outputs/common.js';
import { LIST_CHANGED, plural, table } from '../render.js';

const BUCKETS: AgingBucket[] = ['current', 'days_1_30', 'days_31_60', 'days_61_90', 'days_over_90'];
const BUCKET_LABEL: Record<AgingBucket, string> = {
  current: 'not yet due',
  days_1_30: '1–30 days',
  days_31_60: '31–60',
  days_61_90: '61–90',
  days_over_90: '90+',
};
// The most invoices listed under one client; invoice_count says how many there are.
const INVOICES_PER_CLIENT = 10;

const totalOut = z.object({
  currency: z.string(),
  outstanding_minor: int(),
  outstanding: z.string(),
  ...Object.fromEntries(
    BUCKETS.flatMap((b) => [
      [`${b}_minor`, int()],
      [b, z.string()],
    ]),
  ),
  overdue_minor: int(),
  overdue: z.string(),
  invoice_count: int(),
}) as z.ZodObject<Record<string, z.ZodType>>;

const clientRow = z.object({
  client_id: z.string().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  currency: z.string(),
  outstanding_minor: int(),
  outstanding: z.string(),
  overdue_minor: int(),
  overdue: z.string(),
  oldest_due_date: z.string().nullable(),
  max_days_overdue: int(),
  invoice_count: int(),
  invoices: z.array(
    z.object({
      id: z.string(),
      invoice_number: z.string().nullable(),
      due_date: z.string().nullable(),
      days_overdue: int(),
      outstanding_minor: int(),
    }),
  ),
});

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// What is kept of an owed invoice while the pages stream in (never the whole row).
interface Owed {
  inv: Pick<Invoice, 'id' | 'invoice_number' | 'due_date' | 'client_id' | 'client'>;
  owed: number;
  days: number;
  currency: string;
}

export const getReceivables = defineTool({
  name: 'get_receivables',
  title: 'Who owes money, and how late',
  description:
    'Who owes me and how late: every invoice still owed, by client (most overdue first), with totals per currency in aging buckets (not yet due, 1–30, 31–60, 61–90, 90+ days past due).',
  inputSchema: z.object({
    as_of: dateArg('as_of').optional().describe('YYYY-MM-DD to age at; default today'),
    client_id: clientIdArg.optional(),
    min_days_overdue: intArg(0, 3650)
      .default(0)
      .describe('Only invoices at least this many days late; 0: all owed'),
  }),
  outputSchema: z.object({
    as_of: z.string(),
    totals: z.array(totalOut),
    clients: z.array(clientRow),
    truncated: z.boolean(),
    list_changed: z.boolean(),
  }),
  annotations: READ,
  async handler({ as_of, client_id, min_days_overdue }, { pixieset, signal, config, progress }) {
    const asOf = as_of ?? daysFromToday(0);
    if (as_of !== undefined && as_of > daysFromToday(3650)) {
      throw new ValidationError(`as_of ${as_of} is too far ahead.`, {}, 'Give a date within ten years.');
    }
    // The API narrows the pages to unpaid invoices; what is owed is decided here by the definitions, a page
    // at a time as pages arrive.
    const owed: Owed[] = [];
    const read = await pixieset.invoices.streamAll(
      { clientId: client_id, paymentType: 'unpaid', expandClient: true },
      (rows) => {
        for (const inv of rows) {
          if (!isBilled(inv)) continue;
          const amount = outstandingOf(inv);
          const days = daysOverdue(inv, asOf);
          if (amount > 0 && days >= min_days_overdue) {
            const { id, invoice_number, due_date, client_id: cid, client } = inv;
            owed.push({
              inv: { id, invoice_number, due_date, client_id: cid, client },
              owed: amount,
              days,
              currency: currencyOf(inv, config.currency),
            });
          }
        }
      },
      { signal, onProgress: progress },
    );
    // Totals per currency, by bucket.
    const totals = new Map<string, Record<string, number>>();
    for (const o of owed) {
      const t = totals.get(o.currency) ?? {
        outstanding: 0,
        overdue: 0,
        count: 0,
        ...Object.fromEntries(BUCKETS.map((b) => [b, 0])),
      };
      totals.set(o.currency, t);
      t.outstanding = addExact(t.outstanding ?? 0, o.owed);
      const b = agingBucket(o.days);
      t[b] = addExact(t[b] ?? 0, o.owed);
      if (o.days > 0) t.overdue = addExact(t.overdue ?? 0, o.owed);
      t.count = (t.count ?? 0) + 1;
    }
    const totalRows = [...totals].map(([currency, t]) => {
      const m = (n: number | undefined) => formatMoney(n ?? 0, currency);
      return {
        currency,
        outstanding_minor: t.outstanding ?? 0,
        outstanding: m(t.outstanding),
        ...Object.fromEntries(
          BUCKETS.flatMap((b) => [
            [`${b}_minor`, t[b] ?? 0],
            [b, m(t[b])],
          ]),
        ),
        overdue_minor: t.overdue ?? 0,
        overdue: m(t.overdue),
        invoice_count: t.count ?? 0,
      };
    });
    // One row per client and currency, most overdue first.
    const byClient = new Map<string, Owed[]>();
    for (const o of owed) {
      const key = `${o.inv.client_id ?? o.inv.client?.id ?? '?'}|${o.currency}`;
      byClient.set(key, [...(byClient.get(key) ?? []), o]);
    }
    const clients = [...byClient.values()]
      .map((list) => {
        const first = list[0] as Owed;
        const ref = first.inv.client;
        const id = first.inv.client_id ?? ref?.id ?? null;
        // Pages arrive in any order: ties are broken by id, so the same studio always gives the same answer.
        const sorted = [...list].sort((a, b) => b.days - a.days || byText(a.inv.id, b.inv.id));
        const outstanding = list.reduce((s, o) => addExact(s, o.owed), 0);
        const overdue = list.filter((o) => o.days > 0).reduce((s, o) => addExact(s, o.owed), 0);
        const dues = list
          .map((o) => calendarDate(o.inv.due_date))
          .filter((d): d is string => d !== undefined)
          .sort();
        return {
          client_id: id,
          name: ref ? clientName(ref) : (id ?? 'unknown client'),
          email: ref?.email ?? null,
          currency: first.currency,
          outstanding_minor: outstanding,
          overdue_minor: overdue,
          oldest_due_date: dues[0] ?? null,
          max_days_overdue: sorted[0]?.days ?? 0,
          invoice_count: list.length,
          invoices: sorted.slice(0, INVOICES_PER_CLIENT).map((o) => ({
            id: o.inv.id,
            invoice_number: o.inv.invoice_number ?? null,
            due_date: calendarDate(o.inv.due_date) ?? null,
            days_overdue: o.days,
            outstanding_minor: o.owed,
          })),
        };
      })
      .sort(
        (a, b) =>
          b.overdue_minor - a.overdue_minor ||
          b.outstanding_minor - a.outstanding_minor ||
          byText(`${a.client_id}|${a.currency}`, `${b.client_id}|${b.currency}`),
      );
    const head = [
      `Receivables at ${asOf}${client_id ? ` for ${client_id}` : ''}${min_days_overdue ? `, at least ${min_days_overdue} days late` : ''}: ${plural(owed.length, 'invoice')} from ${plural(clients.length, 'client')}.`,
      ...totalRows.map(
        (t) =>
          `${t.currency.toUpperCase()}: owed ${t.outstanding}, overdue ${t.overdue} (${BUCKETS.map((b) => `${BUCKET_LABEL[b]} ${t[b]}`).join(' · ')})`,
      ),
    ];
    // Amounts are formatted for the rows shown only: a big studio owes from 1,500 clients, of whom ~40 fit.
    const withMoney = (c: (typeof clients)[number]) => ({
      client_id: c.client_id,
      name: c.name,
      email: c.email,
      currency: c.currency,
      outstanding_minor: c.outstanding_minor,
      outstanding: formatMoney(c.outstanding_minor, c.currency),
      overdue_minor: c.overdue_minor,
      overdue: formatMoney(c.overdue_minor, c.currency),
      oldest_due_date: c.oldest_due_date,
      max_days_overdue: c.max_days_overdue,
      invoice_count: c.invoice_count,
      invoices: c.invoices,
    });
    return fitRows(clients, (rows, leftOut) => {
      const shown = rows.map(withMoney);
      return {
        structured: {
          as_of: asOf,
          totals: totalRows,
          clients: shown,
          truncated: leftOut > 0,
          list_changed: read.changed,
        },
        text: [
          ...head,
          shown.length
            ? table(
                ['client', 'owed', 'overdue', 'oldest due', 'days late', 'invoices', 'id'],
                shown.map((c) => [
                  c.name,
                  c.outstanding,
                  c.overdue,
                  c.oldest_due_date,
                  c.max_days_overdue,
                  c.invoice_count,
                  c.client_id,
                ]),
              )
            : 'Nobody owes anything by these criteria.',
          shown.some((c) => c.invoice_count > INVOICES_PER_CLIENT)
            ? `Each client lists its ${INVOICES_PER_CLIENT} latest invoices; get_client_invoices with status overdue gives the rest.`
            : '',
          leftOut
            ? `${leftOut} more clients did not fit (the totals cover them): narrow with min_days_overdue or a client_id.`
            : '',
          read.changed ? LIST_CHANGED : '',
        ]
          .filter(Boolean)
          .join('\n'),
      };
    });
  },
});
