import { z } from 'zod';
import { calendarDate, isBilled, sumByCurrency } from '../../pixieset/invoice-math.js';
import { formatMoney } from '../../pixieset/money.js';
import { byText } from '../../pixieset/order.js';
import { isReceived, paymentDate } from '../../pixieset/payment-math.js';
import { clientIdArg } from '../args.js';
import { daysFromToday } from '../dates.js';
import { defineTool, READ, type ToolContext } from '../define.js';
import { clientOut, toClientOut } from '../outputs/client.js';
import { int } from '../outputs/common.js';
import {
  contractOut,
  questionnaireOut,
  sessionOut,
  toContractOut,
  toQuestionnaireOut,
  toSessionOut,
  UNSIGNED,
} from '../outputs/records.js';
import { plural } from '../render.js';
import { part } from '../sections.js';

// A few rows per section; the counts say how many there are and the named tool lists the rest.
const ROWS = 3;
// The first ROWS of a part, its count, and which tool lists the rest.
const firstRows = <T>(all: T[], rest: string) => ({
  count: all.length,
  rows: all.slice(0, ROWS),
  more: all.length > ROWS ? rest : null,
});

const section = <T extends z.ZodType>(row: T) =>
  z.object({ count: int(), rows: z.array(row), more: z.string().nullable() }).nullable();

const moneyOut = z
  .object({
    invoice_count: int(),
    // Drafts and voids among them: listed in the count, never in the totals.
    not_billed_count: int(),
    currencies: z.array(
      z.object({
        currency: z.string(),
        invoiced_minor: int(),
        paid_minor: int(),
        outstanding_minor: int(),
        overdue_minor: int(),
        invoiced: z.string(),
        paid: z.string(),
        outstanding: z.string(),
        overdue: z.string(),
        // Partially paid invoices that did not say how much was paid (counted as fully outstanding).
        paid_unknown: int(),
      }),
    ),
    last_payment: z
      .object({
        date: z.string().nullable(),
        amount: z.string(),
        amount_minor: int(),
        method: z.string().nullable(),
      })
      .nullable(),
  })
  .nullable();

const galleryOut = z.object({
  id: z.string(),
  name: z.string().nullable(),
  photo_count: int().nullable(),
  expiry_date: z.string().nullable(),
});

const overviewOut = z.object({
  client: clientOut,
  money: moneyOut,
  contracts: section(contractOut),
  questionnaires: section(questionnaireOut),
  sessions: section(sessionOut),
  galleries: section(galleryOut),
  unavailable: z.array(z.object({ section: z.string(), reason: z.string() })),
});

type Money = NonNullable<z.output<typeof moneyOut>>;
type Sections = Pick<z.output<typeof overviewOut>, 'contracts' | 'questionnaires' | 'sessions' | 'galleries'>;

// The money section: the domain's own sums over the client's invoices, and the last payment received.
async function readMoney(ctx: ToolContext, client_id: string, today: string): Promise<Money> {
  const { pixieset, signal, config } = ctx;

  const [invoices, payments] = await Promise.all([
    pixieset.invoices.listAll({ clientId: client_id, expandClient: false }, { signal }),
    pixieset.payments.listAll({ clientId: client_id }, { signal }),
  ]);
  // The domain's own sums; a currency with only drafts or voids has nothing to show.
  const sums = sumByCurrency(invoices.items, config.currency, today).filter((t) =>
    Object.keys(t.byStatus).some((status) => isBilled({ id: '', amount: 0, status })),
  );
  const last = payments.items
    .filter(isReceived)
    .sort((a, b) => byText(paymentDate(b) ?? '', paymentDate(a) ?? ''))[0];
  const lastCurrency = (last?.currency ?? config.currency).toLowerCase();
  return {
    invoice_count: invoices.items.length,
    not_billed_count: invoices.items.filter((inv) => !isBilled(inv)).length,
    currencies: sums.map((t) => ({
      currency: t.currency,
      invoiced_minor: t.invoiced,
      paid_minor: t.paid,
      outstanding_minor: t.outstanding,
      overdue_minor: t.overdue,
      invoiced: formatMoney(t.invoiced, t.currency),
      paid: formatMoney(t.paid, t.currency),
      outstanding: formatMoney(t.outstanding, t.currency),
      overdue: formatMoney(t.overdue, t.currency),
      paid_unknown: t.paidUnknown,
    })),
    last_payment: last
      ? {
          date: paymentDate(last) ?? null,
          amount: formatMoney(last.amount ?? 0, lastCurrency),
          amount_minor: last.amount ?? 0,
          method: last.payment_method ?? null,
        }
      : null,
  };
}

// The overview as text: one line per section, what is unavailable said plainly.
function renderOverview(
  c: z.output<typeof clientOut>,
  m: Money | null,
  { contracts, questionnaires, sessions, galleries }: Sections,
  unavailable: Array<{ section: string; reason: string }>,
): string {
  const lines = [
    `${c.name} (${c.type ?? 'client'}${c.status ? `, ${c.status}` : ''}) — ${c.id}${c.email ? ` · ${c.email}` : ''}${c.phone ? ` · ${c.phone}` : ''}`,
  ];
  if (m) {
    lines.push(
      `Money: ${plural(m.invoice_count, 'invoice')}${m.not_billed_count ? ` (${m.not_billed_count} of them ${m.not_billed_count === 1 ? 'a draft or void, not' : 'drafts or voids, not'} in the totals)` : ''}${m.currencies.map((t) => `; ${t.currency.toUpperCase()} invoiced ${t.invoiced}, paid ${t.paid}, owed ${t.outstanding}${t.overdue_minor ? ` (overdue ${t.overdue})` : ''}`).join('')}.${m.last_payment ? ` Last payment ${m.last_payment.amount} on ${m.last_payment.date ?? '—'}${m.last_payment.method ? `, paid by ${m.last_payment.method.replace(/_/g, ' ')}` : ''}.` : ' No payment yet.'}`,
    );
  }
  if (contracts)
    lines.push(
      `Open contracts: ${contracts.count}${contracts.rows.map((x) => `; ${x.contract_number ?? x.id} ${x.status}${x.due_date ? ` due ${x.due_date}` : ''}`).join('')}.`,
    );
  if (questionnaires)
    lines.push(
      `Pending questionnaires: ${questionnaires.count}${questionnaires.rows.map((x) => `; ${x.name ?? x.id} sent ${x.sent_date ?? '—'}`).join('')}.`,
    );
  if (sessions)
    lines.push(
      `Upcoming sessions: ${sessions.count}${sessions.rows.map((x) => `; ${x.date} ${x.session_type ?? ''}${x.location ? ` at ${x.location}` : ''}`).join('')}.`,
    );
  if (galleries)
    lines.push(
      `Galleries: ${galleries.count}${galleries.rows.map((x) => `; ${x.name ?? x.id}${x.expiry_date ? ` (expires ${x.expiry_date})` : ''}`).join('')}.`,
    );
  for (const s of [contracts, questionnaires, sessions, galleries])
    if (s?.more) lines.push(`More: ${s.more}.`);
  for (const u of unavailable) lines.push(`Not available — ${u.section}: ${u.reason}`);
  return lines.join('\n');
}

export const getClientOverview = defineTool({
  name: 'get_client_overview',
  toolset: 'clients',
  endpoints: [
    'GET /clients/{client_id}',
    'GET /invoices/',
    'GET /invoices/payments/list/',
    'GET /contracts/',
    'GET /questionnaires/',
    'GET /sessions',
    'GET /clients/{client_id}/cgCollections/',
  ],
  title: 'Everything about one client',
  description:
    'One client in one call: profile, money (invoiced, paid, owed, overdue, last payment), open contracts, pending questionnaires, upcoming sessions, galleries. "Everything about Jane before our call."',
  inputSchema: z.object({ client_id: clientIdArg }),
  outputSchema: overviewOut,
  annotations: READ,
  async handler({ client_id }, ctx) {
    const { pixieset, signal } = ctx;
    const today = daysFromToday(0);
    const unavailable: Array<{ section: string; reason: string }> = [];
    // Every section at once, within the in-flight bound; the client itself must be readable.
    const [client, money, contracts, questionnaires, sessions, galleries] = await Promise.all([
      pixieset.clients.get(client_id, { signal }),
      part('money', () => readMoney(ctx, client_id, today), unavailable),
      part(
        'contracts',
        async () => {
          const open = (await pixieset.records.contracts({ signal })).items
            .map(toContractOut)
            .filter((c) => c.client_id === client_id && UNSIGNED.has(c.status ?? ''));
          return firstRows(open, 'list_contracts with client_id and status unsigned');
        },
        unavailable,
      ),
      part(
        'questionnaires',
        async () => {
          const pending = (await pixieset.records.questionnaires({ signal })).items
            .map(toQuestionnaireOut)
            .filter((q) => q.client_id === client_id && q.status === 'pending');
          return firstRows(pending, 'list_questionnaires with client_id and status pending');
        },
        unavailable,
      ),
      part(
        'sessions',
        async () => {
          const upcoming = (await pixieset.records.sessions({ signal })).items
            .map(toSessionOut)
            .filter((s) => s.client_id === client_id && (s.date ?? '') >= today)
            .sort((a, b) => byText(a.start ?? '', b.start ?? ''));
          return firstRows(upcoming, 'list_sessions with client_id');
        },
        unavailable,
      ),
      part(
        'galleries',
        async () => {
          const page = await pixieset.clients.collections(client_id, { signal });
          const rows = page.items.map((g) => ({
            id: g.id,
            name: g.name ?? null,
            photo_count: g.photo_count ?? null,
            expiry_date: calendarDate(g.expiry_date) ?? null,
          }));
          const count = page.meta.total ?? rows.length;
          return {
            count,
            rows: rows.slice(0, ROWS + 2),
            more: count > ROWS + 2 ? 'list_galleries with client_id' : null,
          };
        },
        unavailable,
      ),
    ]);
    const c = toClientOut(client);
    const m = money && { ...money, last_payment: money.last_payment && { ...money.last_payment } };
    return {
      structured: { client: c, money: m, contracts, questionnaires, sessions, galleries, unavailable },
      text: renderOverview(c, m, { contracts, questionnaires, sessions, galleries }, unavailable),
    };
  },
});
