import { z } from 'zod';
import { apiPaymentType, isBilled, matchingStatus, sumByCurrency } from '../../pixieset/invoice-math.js';
import { clientIdArg, invoiceStatusArg } from '../args.js';
import { fitRows } from '../budget.js';
import { daysFromToday } from '../dates.js';
import { defineTool, READ } from '../define.js';
import { clientName } from '../outputs/client.js';
import { invoiceOut, statusLabel, toInvoiceOut, toTotalsOut, totalsOut } from '../outputs/invoice.js';
import { LIST_CHANGED, plural, table } from '../render.js';

export const getClientInvoices = defineTool({
  name: 'get_client_invoices',
  toolset: 'invoices',
  endpoints: ['GET /clients/{client_id}', 'GET /invoices/'],
  gives: ['invoice'],
  title: "Get a client's invoices",
  description:
    'Every invoice of one client, with totals per currency (invoiced, paid, outstanding, overdue): "what does Jane owe?".',
  inputSchema: z.object({ client_id: clientIdArg, status: invoiceStatusArg }),
  outputSchema: z.object({
    client: z.object({ id: z.string(), name: z.string(), email: z.string().nullable() }),
    invoices: z.array(invoiceOut),
    totals: z.array(totalsOut),
    truncated: z.boolean(),
    list_changed: z.boolean(),
  }),
  annotations: READ,
  async handler({ client_id, status }, { pixieset, signal, config, progress }) {
    const today = daysFromToday(0);
    const [client, read] = await Promise.all([
      pixieset.clients.get(client_id, { signal }),
      pixieset.invoices.listAll(
        { clientId: client_id, paymentType: apiPaymentType(status) },
        { signal, onProgress: progress },
      ),
    ]);
    const { changed } = read;
    const all = matchingStatus(read.items, status, today);
    const name = clientName(client);
    const invoices = all.map((i) => toInvoiceOut(i, config.currency, name));
    const totals = sumByCurrency(all, config.currency, today).map(toTotalsOut);
    const drafts = all.filter((i) => !isBilled(i)).length;
    const summary = totals.map(
      (t) =>
        `${t.currency.toUpperCase()}: invoiced ${t.invoiced}, paid ${t.paid}, outstanding ${t.outstanding}${t.overdue_minor ? ` (overdue ${t.overdue})` : ''}${t.paid_unknown ? ` — ${t.paid_unknown} partially paid without a paid amount, counted as fully outstanding` : ''}`,
    );
    // Totals always cover every invoice; the rows are the newest that fit in one answer.
    return fitRows(invoices, (shown, leftOut) => ({
      structured: {
        client: { id: client.id, name, email: client.email ?? null },
        invoices: shown,
        totals,
        truncated: leftOut > 0,
        list_changed: changed,
      },
      text: [
        `${name} — ${plural(all.length, `${status === 'all' ? '' : `${status} `}invoice`)}.`,
        ...summary,
        drafts
          ? `${plural(drafts, 'draft or void invoice')} (not yet billed, or cancelled) ${drafts === 1 ? 'is' : 'are'} listed but left out of the totals.`
          : '',
        changed ? LIST_CHANGED : '',
        shown.length
          ? table(
              ['number', 'status', 'due', 'total', 'owed', 'id'],
              shown.map((i) => [i.invoice_number, statusLabel(i), i.due_date, i.amount, i.outstanding, i.id]),
            )
          : '',
        leftOut
          ? `Showing the newest ${shown.length}; totals cover all ${all.length}. For older ones use list_invoices with client_id and a page.`
          : '',
      ]
        .filter(Boolean)
        .join('\n'),
    }));
  },
});
