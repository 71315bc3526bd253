import { z } from 'zod';
import { clientIdArg, invoiceStatusArg, pageArg, perPageArg } from '../args.js';
import { defineTool, READ } from '../define.js';
import { resourceLink } from '../links.js';
import { paging, pagingOf, renderListPage } from '../list-page.js';
import { invoiceOut, statusLabel, toInvoiceOut } from '../outputs/invoice.js';

const MAX_PER_PAGE = 40;

export const listInvoices = defineTool({
  name: 'list_invoices',
  toolset: 'invoices',
  endpoints: ['GET /invoices/'],
  gives: ['invoice'],
  title: 'List invoices',
  description:
    "One page of invoices (at most 40), newest first: client, status, due date, total, owed. One client's totals: get_client_invoices; the studio's: summarize_invoices.",
  inputSchema: z.object({
    client_id: clientIdArg.optional(),
    status: invoiceStatusArg,
    page: pageArg,
    per_page: perPageArg(MAX_PER_PAGE),
  }),
  outputSchema: z.object({ invoices: z.array(invoiceOut), ...paging }),
  annotations: READ,
  async handler({ client_id, status, page, per_page }, { pixieset, signal, config }) {
    const result = await pixieset.invoices.list(
      { clientId: client_id, paymentType: status, page, perPage: per_page, expandClient: true },
      { signal },
    );
    const invoices = result.items.map((i) => toInvoiceOut(i, config.currency));
    type Row = (typeof invoices)[number];
    return renderListPage({
      tool: 'list_invoices',
      key: 'invoices',
      rows: invoices,
      columns: [
        ['number', (i: Row) => i.invoice_number],
        ['client', (i: Row) => i.client_name],
        ['status', (i: Row) => statusLabel(i)],
        ['due', (i: Row) => i.due_date],
        ['total', (i: Row) => i.amount],
        ['owed', (i: Row) => i.outstanding],
        ['id', (i: Row) => i.id],
      ],
      page: pagingOf(page, per_page, invoices.length, result.meta),
      what: [
        `${status === 'all' ? '' : `${status} `}invoice`,
        `${status === 'all' ? '' : `${status} `}invoices`,
      ],
      link: (i: Row) => resourceLink('invoices', i.id, i.invoice_number ?? i.id),
      empty: 'No invoices on this page.',
    });
  },
});
