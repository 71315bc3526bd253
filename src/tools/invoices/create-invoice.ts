import { z } from 'zod';
import { ValidationError } from '../../pixieset/errors.js';
import { calendarDate } from '../../pixieset/invoice-math.js';
import { formatMoney, toMinorUnits } from '../../pixieset/money.js';
import { boolArg, clientIdArg, intArg } from '../args.js';
import { fits } from '../budget.js';
import { daysFromToday, isCalendarDate } from '../dates.js';
import { CREATE, defineTool, type ToolContext } from '../define.js';
import { clientName } from '../outputs/client.js';
import { int } from '../outputs/common.js';
import { invoiceOut, lineItemOut, toInvoiceOut } from '../outputs/invoice.js';
import { plural, table } from '../render.js';
import { userOrToken } from '../writes/confirmation-tokens.js';
import { performWrite } from '../writes/perform-write.js';
import { writeKey } from '../writes/write-journal.js';
import { writeArgs, writeFields, writeOutcomeText, writeResultOut } from '../writes/write-result.js';

// Reconciliation allows for a difference between this computer's clock and Pixieset's.
const CLOCK_SKEW_MS = 2 * 60_000;

const lineItemArg = z.object({
  name: z.string().trim().min(1).max(200).describe('What is billed, e.g. "Wedding package"'),
  unit_price: z
    .union([z.number(), z.string().max(32)])
    .describe(
      'Per unit, in MAJOR units of the studio currency: 2500 or "2500.00" = $2,500.00; no symbols or separators',
    ),
  quantity: intArg(1, 10_000).default(1).describe('Units, at least 1'),
});

const lineItemList = z.array(lineItemArg).min(1).max(50);
// Some hosts send an array argument as JSON text; that form is advertised too (a string), and must parse to
// the same list.
const lineItemsText = z
  .string()
  .max(100_000)
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'line_items given as text must be the JSON of the list' });
      return z.NEVER;
    }
  })
  .pipe(lineItemList);

const previewOut = z.object({
  client_id: z.string(),
  client_name: z.string(),
  client_email: z.string().nullable(),
  currency: z.string(),
  line_items: z.array(lineItemOut),
  total_minor: int(),
  total: z.string(),
  due_date: z.string(),
  send_email: z.boolean(),
});

const inputSchema = z.object({
  client_id: clientIdArg,
  line_items: z
    .union([lineItemList, lineItemsText])
    .describe('[{ name, unit_price, quantity }], or that list as JSON text'),
  due_date: z
    .string()
    .refine(isCalendarDate, 'due_date must be a real calendar date written YYYY-MM-DD, e.g. 2026-12-31')
    .optional()
    .describe('YYYY-MM-DD; default in 30 days'),
  send_email: boolArg().default(false).describe('true: Pixieset emails it to the client'),
  confirmation_token: z
    .string()
    .max(100)
    .optional()
    .describe(
      'With send_email on hosts that cannot ask the user: the token a dry_run of this same invoice gave',
    ),
  ...writeArgs,
});

export const createInvoice = defineTool({
  name: 'create_invoice',
  toolset: 'invoices',
  endpoints: ['POST /invoices/', 'GET /clients/{client_id}', 'GET /invoices/'],
  title: 'Create an invoice',
  description:
    "Creates an invoice (client id from search_clients; prices in major units). send_email: true EMAILS IT TO THE CLIENT: first show the user a dry_run preview and get their OK; the server asks them itself where the host can, otherwise it needs that dry run's confirmation_token. An identical call within 10 minutes returns the earlier invoice.",
  inputSchema,
  outputSchema: z.object({
    ...writeResultOut,
    total_minor: int(),
    total: z.string(),
    invoice: invoiceOut.optional(),
    preview: previewOut.optional(),
    // What a dry run points out: a zero total, a due date in the past.
    warnings: z.array(z.string()).optional(),
    // A dry run of an invoice to be emailed: the token the real call brings back on hosts that cannot ask.
    confirmation_token: z.string().optional(),
  }),
  annotations: CREATE,
  async handler(args, ctx) {
    const { pixieset, signal } = ctx;
    const plan = await planInvoice(args, ctx);
    const { client, preview, totalMinor, summary, done, body, key, dueDate } = plan;
    const currency = preview.currency;
    if (args.dry_run) return dryRunAnswer(plan, args, ctx);
    const outcome = await performWrite(ctx, {
      kind: 'create',
      tool: 'create_invoice',
      key,
      allowDuplicate: args.allow_duplicate,
      audit: { client_id: client.id, total_minor: totalMinor, currency, send_email: args.send_email },
      what: 'invoice',
      checked: `${preview.client_name}'s invoices`,
      whereToCheck: `list_invoices for client ${client.id}`,
      // Emailing needs the user's yes: asked by the host (elicitation) where it can, else proven by the token
      // of a dry run of this very invoice. Either way, after the duplicate check and before anything is sent.
      confirm: args.send_email
        ? userOrToken(ctx, {
            question: `Create and EMAIL this invoice? ${summary}.`,
            token: args.confirmation_token,
            key,
            tool: 'create_invoice',
            mismatch: 'a different invoice (another client, lines, due date or email choice)',
            nothing: 'nothing was created or emailed',
          })
        : undefined,
      send: () => pixieset.invoices.create(body, { signal }),
      find: async (since) => {
        // fresh: the check must see Pixieset now, not a list cached before the attempt.
        const { items: mine } = await pixieset.invoices.listAll(
          { clientId: client.id, expandClient: false },
          { signal, fresh: true },
        );
        // Formats vary (a due date with a time, an amount as a string): compare what they stand for.
        return mine.find((inv) => {
          const at = Date.parse(inv.created_at ?? '');
          return (
            inv.amount === totalMinor &&
            calendarDate(inv.due_date) === dueDate &&
            (Number.isNaN(at) || at >= since - CLOCK_SKEW_MS)
          );
        });
      },
      describe: (inv) => ({ id: inv.id, invoice_number: inv.invoice_number ?? null }),
    });
    if (outcome.kind === 'declined' || outcome.kind === 'cancelled') {
      return {
        structured: {
          ...writeFields(outcome.kind),
          total_minor: totalMinor,
          total: preview.total,
          preview,
        },
        text: writeOutcomeText(outcome.kind, 'invoice', ''),
      };
    }
    const invoice = toInvoiceOut(outcome.value, currency);
    const label = `${invoice.invoice_number ?? invoice.id} (${invoice.id})`;
    return {
      structured: {
        ...writeFields(outcome.kind),
        total_minor: invoice.amount_minor,
        total: invoice.amount,
        invoice,
      },
      text: writeOutcomeText(
        outcome.kind,
        'invoice',
        `invoice ${label} for ${done}`,
        outcome.kind === 'created_after_all' && outcome.unreadable,
      ),
    };
  },
});

type Args = z.output<typeof inputSchema>;

// Everything checked and worked out before anything is sent: the prices (in minor units, each checked), the
// client (a 404 here sends no POST), the preview a person sees, the body Pixieset gets and its duplicate key.
async function planInvoice(args: Args, ctx: ToolContext) {
  const { pixieset, signal, config } = ctx;
  const currency = config.currency;
  // Every price is checked before anything is sent.
  const lines = args.line_items.map((l, i) => {
    const unit = toMinorUnits(l.unit_price, currency, `line_items[${i}].unit_price`);
    return {
      name: l.name,
      quantity: l.quantity,
      unit_price_minor: unit,
      unit_price: formatMoney(unit, currency),
      total_minor: unit * l.quantity,
      total: formatMoney(unit * l.quantity, currency),
    };
  });
  const totalMinor = lines.reduce((sum, l) => sum + l.total_minor, 0);
  if (!Number.isSafeInteger(totalMinor)) {
    throw new ValidationError('The invoice total is too large.', {}, 'Check the prices and quantities.');
  }
  const dueDate = args.due_date ?? daysFromToday(30);
  // Confirms the client exists (a 404 here sends no POST) and names them in the preview.
  const client = await pixieset.clients.get(args.client_id, { signal });
  const preview = {
    client_id: client.id,
    client_name: clientName(client),
    client_email: client.email ?? null,
    currency,
    line_items: lines,
    total_minor: totalMinor,
    total: formatMoney(totalMinor, currency),
    due_date: dueDate,
    send_email: args.send_email,
  };
  const who = `${preview.client_name}${preview.client_email ? ` <${preview.client_email}>` : ''}, total ${preview.total}, due ${dueDate}`;
  const summary = `${who}, ${args.send_email ? 'WILL BE EMAILED to the client' : 'not emailed'}`;
  // After the fact: what Pixieset was asked to do, in the past tense.
  const done = `${who}, ${args.send_email ? 'emailed to the client by Pixieset' : 'not emailed'}`;
  const lineTable = table(
    ['item', 'qty', 'unit', 'total'],
    lines.map((l) => [l.name, l.quantity, l.unit_price, l.total]),
  );
  // Things a person would want pointed out before saying yes.
  const warnings = [
    totalMinor === 0 ? `The total is ${preview.total}: nothing would be billed.` : '',
    dueDate < daysFromToday(0)
      ? `The due date ${dueDate} is in the past: the invoice would be overdue at once.`
      : '',
  ].filter(Boolean);
  const body = {
    client_id: client.id,
    due_date: dueDate,
    line_items: lines.map((l) => ({ name: l.name, amount: l.unit_price_minor, quantity: l.quantity })),
    send_email: args.send_email,
  };
  const key = writeKey('create_invoice', body);
  return { lines, totalMinor, dueDate, client, preview, summary, done, lineTable, warnings, body, key };
}

// A dry run: the preview, its warnings, and for an invoice to be emailed a token bound to exactly it.
async function dryRunAnswer(plan: Awaited<ReturnType<typeof planInvoice>>, args: Args, ctx: ToolContext) {
  const { lines, totalMinor, client, preview, summary, lineTable, warnings, key } = plan;
  // An invoice to be emailed: a token bound to exactly this invoice, for hosts that cannot ask the user.
  const token = args.send_email ? ctx.tokens.issue(key) : undefined;
  await ctx.audit.record({
    tool: 'create_invoice',
    client_id: client.id,
    outcome: 'dry_run',
    total_minor: totalMinor,
    currency: preview.currency,
    send_email: args.send_email,
  });
  const answer = {
    structured: {
      ...writeFields('dry_run'),
      total_minor: totalMinor,
      total: preview.total,
      preview,
      warnings,
      ...(token ? { confirmation_token: token } : {}),
    },
    text: [
      `Dry run — nothing sent. Would invoice ${summary}.`,
      ...warnings.map((w) => `Warning: ${w}`),
      lineTable,
      token
        ? `Show this to the user. If they agree, call create_invoice again with exactly these details, dry_run false and confirmation_token "${token}" (valid 15 minutes, once).`
        : '',
    ]
      .filter(Boolean)
      .join('\n'),
  };
  // Every line stays in the preview; only the text's copy of them goes when the whole would be too large.
  return fits(answer)
    ? answer
    : {
        ...answer,
        text: [
          `Dry run — nothing sent. Would invoice ${summary}, in ${plural(lines.length, 'line')} (listed in the preview).`,
          ...warnings.map((w) => `Warning: ${w}`),
        ].join('\n'),
      };
}
