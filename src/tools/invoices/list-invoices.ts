import { z } from 'zod';
import { defineTool, READ } from '../define.js';
import { pageLabel, table } from '../render.js';
import {
  clientIdArg,
  invoiceOut,
  invoiceStatusArg,
  pageArg,
  paging,
  pagingOf,
  perPageArg,
  toInvoiceOut,
} from '../shapes.js';

export const listInvoices = defineTool({
  name: 'list_invoices',
  title: 'List invoices',
  description:
    "One page of invoices, newest first, with client name, status, due date, total and amount owed. For one client's totals use get_client_invoices; for studio totals summarize_invoices.",
  inputSchema: z.object({
    client_id: clientIdArg.optional(),
    status: invoiceStatusArg,
    page: pageArg,
    per_page: perPageArg,
  }),
  outputSchema: z.object({ invoices: z.array(invoiceOut), ...paging }),
  annotations: READ,
  async handler({ client_id, status, page, per_page }, { pixieset, signal, config }) {
    const result = await pixieset.invoices.list(
      { clientId: client_id, paymentType: status, page, perPage: per_page, expandClient: true },
      { signal },
    );
    const invoices = result.items.map((i) => toInvoiceOut(i, config.currency));
    const p = pagingOf(page, per_page, invoices.length, result.meta);
    const head = `${invoices.length} ${status === 'all' ? '' : `${status} `}invoices${p.total === null ? '' : ` of ${p.total}`}, ${pageLabel(p)}.`;
    const body = invoices.length
      ? table(
          ['number', 'client', 'status', 'due', 'total', 'owed', 'id'],
          invoices.map((i) => [
            i.invoice_number,
            i.client_name,
            i.status,
            i.due_date,
            i.amount,
            i.outstanding,
            i.id,
          ]),
        )
      : 'No invoices on this page.';
    const more = p.has_more ? `\nMore: call list_invoices with page ${page + 1}.` : '';
    return { structured: { invoices, ...p }, text: `${head}\n${body}${more}` };
  },
});
