import { z } from 'zod';
import { apiPaymentType, CurrencyTotals, hasStatus, issueDateOf } from '../../pixieset/invoice-math.js';
import { clientIdArg, dateArg, invoiceStatusArg } from '../args.js';
import { capGroups, OTHER_GROUP } from '../budget.js';
import { checkRange, daysFromToday, inRange } from '../dates.js';
import { defineTool, READ } from '../define.js';
import { int } from '../outputs/common.js';
import { toTotalsOut, totalsOut } from '../outputs/invoice.js';
import { LIST_CHANGED, plural } from '../render.js';

export const summarizeInvoices = defineTool({
  name: 'summarize_invoices',
  toolset: 'invoices',
  endpoints: ['GET /invoices/'],
  title: 'Summarize invoices',
  description:
    'Totals every invoice per currency (invoiced, paid, outstanding, overdue) with counts by status: "how much is outstanding?". Optionally one client, a status, or an issue date range.',
  inputSchema: z.object({
    client_id: clientIdArg.optional(),
    status: invoiceStatusArg,
    issued_from: dateArg('issued_from').optional().describe('YYYY-MM-DD: invoices issued on or after'),
    issued_to: dateArg('issued_to').optional().describe('YYYY-MM-DD: invoices issued on or before'),
  }),
  outputSchema: z.object({
    count: int(),
    // Invoices per status, the 20 largest; the rest summed under "(other)", their number in by_status_folded.
    by_status: z.record(z.string(), int()),
    by_status_folded: int(),
    currencies: z.array(totalsOut),
    list_changed: z.boolean(),
  }),
  annotations: READ,
  async handler({ client_id, status, issued_from, issued_to }, { pixieset, signal, config, progress }) {
    checkRange(issued_from, issued_to);
    const today = daysFromToday(0);
    const issued = issued_from || issued_to;
    // Totalled a page at a time as pages arrive: a studio's every invoice is never held at once.
    const totals = new CurrencyTotals(config.currency, today);
    const { changed } = await pixieset.invoices.streamAll(
      { clientId: client_id, paymentType: apiPaymentType(status), expandClient: false },
      (rows) =>
        totals.add(
          rows.filter(
            (i) =>
              hasStatus(i, status, today) && (!issued || inRange(issueDateOf(i), issued_from, issued_to)),
          ),
        ),
      { signal, onProgress: progress },
    );
    const count = totals.count;
    const sums = totals.result();
    const currencies = sums.map(toTotalsOut);
    // Counted over every invoice (a currency's own by_status is already folded).
    const all: Record<string, number> = Object.create(null);
    for (const c of sums) for (const [k, v] of Object.entries(c.byStatus)) all[k] = (all[k] ?? 0) + v;
    const { groups: by_status, folded } = capGroups(all);
    const statusLine = Object.entries(by_status)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => (k === OTHER_GROUP ? `${v} of ${folded} other statuses` : `${v} ${k}`))
      .join(', ');
    const lines = [
      `${plural(count, 'invoice')}${client_id ? ` for ${client_id}` : ''}${status === 'all' ? '' : ` (${status})`}${issued ? ` issued ${issued_from ?? 'up'} to ${issued_to ?? 'today'}` : ''}${statusLine ? `: ${statusLine}` : ''}.`,
      ...currencies.map(
        (t) =>
          `${t.currency.toUpperCase()} (${t.count}): invoiced ${t.invoiced} · paid ${t.paid} · outstanding ${t.outstanding} · overdue ${t.overdue}`,
      ),
    ];
    const unknown = currencies.reduce((n, c) => n + c.paid_unknown, 0);
    if (unknown) {
      lines.push(
        `${plural(unknown, 'partially paid invoice')} did not report how much was paid, so ${unknown === 1 ? 'it is' : 'they are'} counted as fully outstanding; get_invoice gives exact figures.`,
      );
    }
    if (all.draft) lines.push(`Drafts (${all.draft}) are not counted as invoiced or outstanding.`);
    if (changed) lines.push(LIST_CHANGED);
    return {
      structured: { count, by_status, by_status_folded: folded, currencies, list_changed: changed },
      text: lines.join('\n'),
    };
  },
});
