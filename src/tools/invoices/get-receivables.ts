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
import { byText } from '../../pixieset/order.js';
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

// What is kept of an owed invoice while the pages stream in (never the whole row).
interface Owed {
  inv: Pick<Invoice, 'id' | 'invoice_number' | 'due_date'>;
  owed: number;
  days: number;
}

// One client's debt in one currency, summed as the pages arrive.
interface Debt {
  key: string;
  client: Invoice['client'];
  clientId: string | null;
  currency: string;
  outstanding: number;
  overdue: number;
  oldestDue: string | undefined;
  maxDays: number;
  invoices: Owed[];
}

// A client's row of the answer: its most overdue invoices first (pages arrive in any order: ties are broken by
// id, so the same studio always gives the same answer), amounts in minor units and formatted.
function toRow(d: Debt) {
  const sorted = d.invoices.sort((a, b) => b.days - a.days || byText(a.inv.id, b.inv.id));
  return {
    client_id: d.clientId,
    name: d.client ? clientName(d.client) : (d.clientId ?? 'unknown client'),
    email: d.client?.email ?? null,
    currency: d.currency,
    outstanding_minor: d.outstanding,
    outstanding: formatMoney(d.outstanding, d.currency),
    overdue_minor: d.overdue,
    overdue: formatMoney(d.overdue, d.currency),
    oldest_due_date: d.oldestDue ?? null,
    max_days_overdue: d.maxDays,
    invoice_count: sorted.length,
    invoices: sorted.slice(0, INVOICES_PER_CLIENT).map((o) => ({
      id: o.inv.id,
      invoice_number: o.inv.invoice_number ?? null,
      due_date: calendarDate(o.inv.due_date) ?? null,
      days_overdue: o.days,
      outstanding_minor: o.owed,
    })),
  };
}

type Row = ReturnType<typeof toRow>;

// Per currency, its totals line and the table of its clients (amounts of different currencies never share a
// column), by amount overdue, then owed; a name two rows share is told apart by its email.
function byCurrencyTables(rows: Row[], totals: Map<string, string>): string[] {
  const names = new Map<string, number>();
  for (const r of rows) names.set(r.name, (names.get(r.name) ?? 0) + 1);
  const who = (r: Row) => ((names.get(r.name) ?? 0) > 1 && r.email ? `${r.name} <${r.email}>` : r.name);
  return [...totals].flatMap(([currency, line]) => {
    const mine = rows.filter((r) => r.currency === currency);
    if (!mine.length) return [line];
    return [
      `${line}; ${plural(mine.length, 'client')} by amount overdue, then owed:`,
      table(
        ['client', 'owed', 'overdue', 'oldest', 'invoices', 'id'],
        mine.map((c) => [
          who(c),
          c.outstanding,
          c.overdue,
          c.max_days_overdue > 0
            ? `${plural(c.max_days_overdue, 'day')} late`
            : `due ${c.oldest_due_date ?? '?'}`,
          `${c.invoices
            .slice(0, 2)
            .map((i) => i.invoice_number ?? i.id)
            .join(', ')}${c.invoice_count > 2 ? ` +${c.invoice_count - 2}` : ''}`,
          c.client_id,
        ]),
      ),
    ];
  });
}

export const getReceivables = defineTool({
  name: 'get_receivables',
  toolset: 'invoices',
  endpoints: ['GET /invoices/'],
  title: 'Who owes money, and how late',
  description:
    'Who owes me and how late: every invoice still owed, by client (largest amount overdue first), with totals per currency in aging buckets (not yet due, 1–30, 31–60, 61–90, 90+ days past due).',
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
  view: 'receivables',
  async handler({ as_of, client_id, min_days_overdue }, { pixieset, signal, config, progress }) {
    const asOf = as_of ?? daysFromToday(0);
    if (as_of !== undefined && as_of > daysFromToday(3650)) {
      throw new ValidationError(`as_of ${as_of} is too far ahead.`, {}, 'Give a date within ten years.');
    }
    // The API narrows the pages to unpaid invoices; what is owed is decided here by the definitions, and summed
    // a page at a time as pages arrive, so the network wait covers the work and little is left after the last.
    const totals = new Map<string, Record<string, number>>();
    const debts = new Map<string, Debt>();
    let owedCount = 0;
    const read = await pixieset.invoices.streamAll(
      { clientId: client_id, paymentType: 'unpaid', expandClient: true },
      (rows) => {
        for (const inv of rows) {
          if (!isBilled(inv)) continue;
          const amount = outstandingOf(inv);
          const days = daysOverdue(inv, asOf);
          if (amount <= 0 || days < min_days_overdue) continue;
          owedCount++;
          const currency = currencyOf(inv, config.currency);
          let t = totals.get(currency);
          if (!t) {
            t = { outstanding: 0, overdue: 0, count: 0, ...Object.fromEntries(BUCKETS.map((b) => [b, 0])) };
            totals.set(currency, t);
          }
          t.outstanding = addExact(t.outstanding ?? 0, amount);
          const b = agingBucket(days);
          t[b] = addExact(t[b] ?? 0, amount);
          if (days > 0) t.overdue = addExact(t.overdue ?? 0, amount);
          t.count = (t.count ?? 0) + 1;
          const clientId = inv.client_id ?? inv.client?.id ?? null;
          const key = `${clientId ?? '?'}|${currency}`;
          let d = debts.get(key);
          if (!d) {
            d = {
              key,
              client: inv.client,
              clientId,
              currency,
              outstanding: 0,
              overdue: 0,
              oldestDue: undefined,
              maxDays: days,
              invoices: [],
            };
            debts.set(key, d);
          }
          d.outstanding = addExact(d.outstanding, amount);
          if (days > 0) d.overdue = addExact(d.overdue, amount);
          const due = calendarDate(inv.due_date);
          if (due !== undefined && (d.oldestDue === undefined || due < d.oldestDue)) d.oldestDue = due;
          if (days > d.maxDays) d.maxDays = days;
          d.invoices.push({
            inv: { id: inv.id, invoice_number: inv.invoice_number, due_date: inv.due_date },
            owed: amount,
            days,
          });
        }
      },
      { signal, onProgress: progress },
    );
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
    // One row per client and currency, by amount overdue, then amount owed. A big studio owes from 1,500 clients, of whom ~40
    // fit in the answer: the rows (invoices sorted, amounts formatted) are made for those only, once each.
    const clients = [...debts.values()].sort(
      (a, b) => b.overdue - a.overdue || b.outstanding - a.outstanding || byText(a.key, b.key),
    );
    const head = [
      `Receivables at ${asOf}${client_id ? ` for ${client_id}` : ''}${min_days_overdue ? `, at least ${min_days_overdue} days late` : ''}: ${plural(owedCount, 'invoice')} from ${plural(clients.length, 'client')}.`,
    ];
    // Each currency's totals, then the table of its clients shown.
    const totalsLine = new Map(
      totalRows.map((t) => [
        t.currency,
        `${t.currency.toUpperCase()}: owed ${t.outstanding}, overdue ${t.overdue} (${BUCKETS.map((b) => `${BUCKET_LABEL[b]} ${t[b]}`).join(' · ')})`,
      ]),
    );
    const made = new Map<Debt, ReturnType<typeof toRow>>();
    const rowOf = (d: Debt) => {
      const row = made.get(d) ?? toRow(d);
      made.set(d, row);
      return row;
    };
    return fitRows(clients, (rows, leftOut) => {
      const shown = rows.map(rowOf);
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
          ...byCurrencyTables(shown, totalsLine),
          shown.length ? '' : 'Nobody owes anything by these criteria.',
          shown.length
            ? `"invoices": most overdue first (+N more); ${INVOICES_PER_CLIENT} a client with amounts in the structured result, all in get_client_invoices.`
            : '',
          leftOut
            ? `${plural(leftOut, 'more client')} did not fit (the totals cover them): narrow with min_days_overdue or a client_id.`
            : '',
          read.changed ? LIST_CHANGED : '',
        ]
          .filter(Boolean)
          .join('\n'),
      };
    });
  },
});
