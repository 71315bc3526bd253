import { z } from 'zod';
import { fitRows } from '../budget.js';
import { defineTool, READ } from '../define.js';
import { pageLabel, pageNotes, table } from '../render.js';
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

const MAX_PER_PAGE = 40;

export const listInvoices = defineTool({
  name: 'list_invoices',
  title: 'List invoices',
  description:
    "One page of invoices (at most 40), newest first, with client name, status, due date, total and amount owed. For one client's totals use get_client_invoices; for studio totals summarize_invoices.",
  inputSchema: z.object({
    client_id: clientIdArg.optional(),
    status: invoiceStatusArg,
    page: pageArg,
    per_page: perPageArg,
  }),
  outputSchema: z.object({ invoices: z.array(invoiceOut), ...paging }),
  annotations: READ,
  async handler({ client_id, status, page, per_page }, { pixieset, signal, config }) {
    // Larger pages would not fit in one answer; the paging fields report the size actually used.
    const perPage = Math.min(per_page, MAX_PER_PAGE);
    const result = await pixieset.invoices.list(
      { clientId: client_id, paymentType: status, page, perPage, expandClient: true },
      { signal },
    );
    const invoices = result.items.map((i) => toInvoiceOut(i, config.currency));
    const p = pagingOf(page, perPage, invoices.length, result.meta);
    return fitRows(invoices, (shown, leftOut) => {
      const head = `${shown.length} ${status === 'all' ? '' : `${status} `}invoices${p.total === null ? '' : ` of ${p.total}`}, ${pageLabel(p)}.`;
      const body = shown.length
        ? table(
            ['number', 'client', 'status', 'due', 'total', 'owed', 'id'],
            shown.map((i) => [
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
      const notes = pageNotes('list_invoices', {
        page,
        asked: per_page,
        used: perPage,
        cap: MAX_PER_PAGE,
        leftOut,
        hasMore: p.has_more,
      });
      return { structured: { invoices: shown, ...p }, text: [head, body, ...notes].join('\n') };
    });
  },
});
