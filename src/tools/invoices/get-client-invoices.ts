import { z } from 'zod';
import { defineTool, READ } from '../define.js';
import { capText, plural, table } from '../render.js';
import {
  clientIdArg,
  clientName,
  invoiceOut,
  invoiceStatusArg,
  toInvoiceOut,
  totalsByCurrency,
  totalsOut,
} from '../shapes.js';

// Enough rows for any real client while keeping the result well under the size limit.
const MAX_ROWS = 100;

export const getClientInvoices = defineTool({
  name: 'get_client_invoices',
  title: "Get a client's invoices",
  description:
    'Every invoice of one client, with totals per currency (invoiced, paid, outstanding, overdue): "what does Jane owe?".',
  inputSchema: z.object({ client_id: clientIdArg, status: invoiceStatusArg }),
  outputSchema: z.object({
    client: z.object({ id: z.string(), name: z.string(), email: z.string().nullable() }),
    invoices: z.array(invoiceOut),
    totals: z.array(totalsOut),
    truncated: z.boolean(),
  }),
  annotations: READ,
  async handler({ client_id, status }, { pixieset, signal, config, progress }) {
    const [client, all] = await Promise.all([
      pixieset.clients.get(client_id, { signal }),
      pixieset.invoices.listAll(
        { clientId: client_id, paymentType: status },
        { signal, onProgress: progress },
      ),
    ]);
    const name = clientName(client);
    const invoices = all.map((i) => toInvoiceOut(i, config.currency, name));
    const totals = totalsByCurrency(all, config.currency);
    const shown = invoices.slice(0, MAX_ROWS);
    const summary = totals.length
      ? totals.map(
          (t) =>
            `${t.currency.toUpperCase()}: invoiced ${t.invoiced}, paid ${t.paid}, outstanding ${t.outstanding}${t.overdue_minor ? ` (overdue ${t.overdue})` : ''}${t.paid_unknown ? ` — ${t.paid_unknown} partially paid without a paid amount, counted as fully outstanding` : ''}`,
        )
      : [];
    const text = [
      `${name} — ${plural(all.length, `${status === 'all' ? '' : `${status} `}invoice`)}.`,
      ...summary,
      shown.length
        ? table(
            ['number', 'status', 'due', 'total', 'owed', 'id'],
            shown.map((i) => [i.invoice_number, i.status, i.due_date, i.amount, i.outstanding, i.id]),
          )
        : '',
      invoices.length > MAX_ROWS
        ? `Showing the newest ${MAX_ROWS}; totals cover all ${invoices.length}.`
        : '',
    ]
      .filter(Boolean)
      .join('\n');
    return {
      structured: {
        client: { id: client.id, name, email: client.email ?? null },
        invoices: shown,
        totals,
        truncated: invoices.length > MAX_ROWS,
      },
      text: capText(text, 'Use list_invoices with client_id and a page for the rest.'),
    };
  },
});
