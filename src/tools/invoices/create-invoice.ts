import { z } from 'zod';
import { ValidationError } from '../../pixieset/errors.js';
import { calendarDate } from '../../pixieset/invoice-math.js';
import { formatMoney, shareOf, toMinorUnits } from '../../pixieset/money.js';
import { templateKindOf } from '../../pixieset/resources/templates.js';
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
  name: z.string().trim().min(1).max(200).describe('Item billed'),
  unit_price: z.union([z.number(), z.string().max(32)]).describe('MAJOR units: 2500 = $2,500.00'),
  quantity: intArg(1, 10_000).default(1),
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

// A share of an offering's price: 1–100 with at most two decimal places (33.33).
const percentArg = z
  .number()
  .min(1)
  .max(100)
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, 'percent takes at most two decimal places')
  .describe('% of its price, rounded half up');

const inputSchema = z.object({
  client_id: clientIdArg,
  line_items: z.union([lineItemList, lineItemsText]).optional().describe('Lines, or their JSON'),
  from_session_type_id: z.string().min(1).optional().describe('Offering (set_…)'),
  deposit_only: boolArg().default(false).describe('Its deposit'),
  percent: percentArg.optional(),
  template_id: z.string().min(1).optional().describe('Invoice template (itp_…)'),
  due_date: z
    .string()
    .refine(isCalendarDate, 'due_date must be a real calendar date written YYYY-MM-DD, e.g. 2026-12-31')
    .optional()
    .describe('YYYY-MM-DD; default: template or 30 days'),
  send_email: boolArg().default(false).describe('true: emails it to the client'),
  confirmation_token: z.string().max(100).optional().describe("Its dry run's token"),
  ...writeArgs,
});

export const createInvoice = defineTool({
  name: 'create_invoice',
  toolset: 'invoices',
  endpoints: [
    'POST /invoices/',
    'GET /clients/{client_id}',
    'GET /invoices/',
    'GET /session_types/{session_type_id}',
    'GET /templates/invoices/{template_id}',
  ],
  title: 'Create an invoice',
  description:
    "Invoices a client: given lines and/or an offering's price, deposit or percent; a template can set the due date. send_email: true EMAILS IT TO THE CLIENT: show the user a dry_run preview and get their OK first; if the host cannot ask, pass that dry run's confirmation_token.",
  inputSchema,
  outputSchema: z.object({
    ...writeResultOut,
    total_minor: int(),
    total: z.string(),
    // Where each line came from (given, or an offering's price, deposit or share) and the due date.
    lines_from: z.array(z.object({ line: z.string(), from: z.string() })),
    due_date_from: z.string(),
    invoice: invoiceOut.optional(),
    preview: previewOut.optional(),
    // What a dry run points out: a zero total, a due date in the past.
    warnings: z.array(z.string()).optional(),
    // A dry run of an invoice to be emailed: the token the real call brings back on hosts that cannot ask.
    confirmation_token: z.string().optional(),
  }),
  annotations: CREATE,
  view: 'invoice',
  async handler(args, ctx) {
    const { pixieset, signal } = ctx;
    const plan = await planInvoice(args, ctx);
    const { client, preview, totalMinor, summary, done, body, key, dueDate, sources } = plan;
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
          ...sources,
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
        ...sources,
        invoice,
      },
      text: [
        writeOutcomeText(
          outcome.kind,
          'invoice',
          `invoice ${label} for ${done}`,
          outcome.kind === 'created_after_all' && outcome.unreadable,
        ),
        sourceNote(sources),
      ]
        .filter(Boolean)
        .join('\n'),
    };
  },
});

type Sources = { lines_from: Array<{ line: string; from: string }>; due_date_from: string };

// Where the lines and due date came from, when the catalog gave any of them ('' for an invoice spelt out).
function sourceNote({ lines_from, due_date_from }: Sources): string {
  return [
    ...lines_from.filter((l) => l.from !== 'given').map((l) => `"${l.line}" from ${l.from}.`),
    due_date_from.startsWith('template') ? `Due date from ${due_date_from}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

type Args = z.output<typeof inputSchema>;

// Everything checked and worked out before anything is sent: the prices (in minor units, each checked), the
// offering and template named (refused before any write when they do not fit), the client (a 404 here sends no
// POST), the preview a person sees, the body Pixieset gets and its duplicate key.
async function planInvoice(args: Args, ctx: ToolContext) {
  const { pixieset, signal, config } = ctx;
  const currency = config.currency;
  checkArgs(args);
  // Every price is checked before anything is sent.
  const given = (args.line_items ?? []).map((l, i) => ({
    name: l.name,
    quantity: l.quantity,
    unit: toMinorUnits(l.unit_price, currency, `line_items[${i}].unit_price`),
    from: 'given',
  }));
  const offered = args.from_session_type_id ? [await offeringLine(args, ctx)] : [];
  const { dueDate, dueFrom } = await dueDateOf(args, ctx);
  const lines = [...offered.map((o) => o.line), ...given].map((l) => ({
    name: l.name,
    quantity: l.quantity,
    unit_price_minor: l.unit,
    unit_price: formatMoney(l.unit, currency),
    total_minor: l.unit * l.quantity,
    total: formatMoney(l.unit * l.quantity, currency),
    from: l.from,
  }));
  const totalMinor = lines.reduce((sum, l) => sum + l.total_minor, 0);
  if (!Number.isSafeInteger(totalMinor)) {
    throw new ValidationError('The invoice total is too large.', {}, 'Check the prices and quantities.');
  }
  // Confirms the client exists (a 404 here sends no POST) and names them in the preview.
  const client = await pixieset.clients.get(args.client_id, { signal });
  const preview = {
    client_id: client.id,
    client_name: clientName(client),
    client_email: client.email ?? null,
    currency,
    line_items: lines.map(({ from: _, ...l }) => l),
    total_minor: totalMinor,
    total: formatMoney(totalMinor, currency),
    due_date: dueDate,
    send_email: args.send_email,
  };
  const linesFrom = lines.map((l) => ({ line: l.name, from: l.from }));
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
    ...offered.flatMap((o) => (o.draft ? [`${o.draft} is a draft offering, not on sale.`] : [])),
  ].filter(Boolean);
  const body = {
    client_id: client.id,
    due_date: dueDate,
    line_items: lines.map((l) => ({ name: l.name, amount: l.unit_price_minor, quantity: l.quantity })),
    send_email: args.send_email,
  };
  const key = writeKey('create_invoice', body);
  const sources: Sources = { lines_from: linesFrom, due_date_from: dueFrom };
  return {
    lines,
    totalMinor,
    dueDate,
    client,
    preview,
    summary,
    done,
    lineTable,
    warnings,
    body,
    key,
    sources,
  };
}

// The combinations that mean nothing, and a template id of another kind, are refused before any request.
function checkArgs(args: Args): void {
  const refuse = (what: string, next: string) => {
    throw new ValidationError(what, {}, `${next} Nothing was sent to Pixieset.`);
  };
  if (!args.from_session_type_id && !args.line_items?.length)
    refuse(
      'An invoice needs at least one line.',
      'Give line_items, or from_session_type_id for a line from an offering (list_session_types).',
    );
  if (!args.from_session_type_id && (args.deposit_only || args.percent !== undefined))
    refuse(
      'deposit_only and percent apply to an offering, and no from_session_type_id was given.',
      'Add from_session_type_id (list_session_types), or drop them.',
    );
  if (args.deposit_only && args.percent !== undefined)
    refuse(
      'Give deposit_only or percent, not both: one is the deposit, the other a share of the full price.',
      'Choose one.',
    );
  if (args.template_id !== undefined && templateKindOf(args.template_id) !== 'invoice')
    refuse(
      `template_id ${JSON.stringify(args.template_id.slice(0, 60))} is not an invoice template (itp_…).`,
      'Find one with list_templates kind invoice.',
    );
}

// The line an offering gives: its price, its deposit, or a share of its price — in its own currency, which must
// be the studio's, as the invoice is billed in that.
async function offeringLine(args: Args, { pixieset, signal, config }: ToolContext) {
  const st = await pixieset.sessionTypes.one(args.from_session_type_id ?? '', { signal });
  const name = st.name ?? st.id;
  const own = (st.currency ?? config.currency).toLowerCase();
  const nothing = 'Nothing was sent to Pixieset.';
  if (own !== config.currency)
    throw new ValidationError(
      `${name} is sold in ${own.toUpperCase()}, and this studio invoices in ${config.currency.toUpperCase()}.`,
      {},
      `Invoice it with line_items priced in ${config.currency.toUpperCase()}, or set the studio currency if it is wrong (PIXIESET_CURRENCY). ${nothing}`,
    );
  const price = st.payment_amount_full ?? null;
  const deposit = st.payment_amount_partial ?? 0;
  let unit: number;
  let part: string;
  if (args.deposit_only) {
    if (!deposit)
      throw new ValidationError(
        `${name} takes no deposit in Pixieset.`,
        {},
        `Give percent for a share of its price, or the line yourself in line_items. ${nothing}`,
      );
    unit = deposit;
    part = 'deposit';
  } else if (price === null || price <= 0) {
    throw new ValidationError(
      `${name} has no price in Pixieset.`,
      {},
      `Give the line yourself in line_items. ${nothing}`,
    );
  } else if (args.percent !== undefined) {
    unit = shareOf(price, args.percent);
    part = `${args.percent}% of its ${formatMoney(price, own)} price, rounded half up`;
  } else {
    unit = price;
    part = 'price';
  }
  const label = args.deposit_only ? 'deposit' : args.percent !== undefined ? `${args.percent}% retainer` : '';
  return {
    line: {
      name: label ? `${name} — ${label}` : name,
      quantity: 1,
      unit,
      from: `session type ${st.id} (${name}): ${part}`,
    },
    draft: st.status === 'draft' ? name : undefined,
  };
}

// The due date: the one given, else the invoice template's payment terms, else 30 days — and which it was. A
// template named is read (and its currency checked) even when due_date is given, so a wrong one is never ignored.
async function dueDateOf(args: Args, { pixieset, signal, config }: ToolContext) {
  const t = args.template_id ? await pixieset.templates.one(args.template_id, { signal }) : undefined;
  const own = t?.currency?.toLowerCase();
  if (t && own && own !== config.currency)
    throw new ValidationError(
      `Template ${t.name ?? t.id} is in ${own.toUpperCase()}, and this studio invoices in ${config.currency.toUpperCase()}.`,
      {},
      'Choose another invoice template (list_templates kind invoice). Nothing was sent to Pixieset.',
    );
  if (args.due_date) return { dueDate: args.due_date, dueFrom: 'given' };
  const days = t?.payment_terms_days;
  if (!t || days === null || days === undefined || days < 0)
    return {
      dueDate: daysFromToday(30),
      dueFrom: t ? `default: 30 days (template ${t.id} gives no payment terms)` : 'default: 30 days',
    };
  return {
    dueDate: daysFromToday(days),
    dueFrom: `template ${t.id} (${t.name ?? t.id}): due ${days} days after issue`,
  };
}

// A dry run: the preview, its warnings, and for an invoice to be emailed a token bound to exactly it.
async function dryRunAnswer(plan: Awaited<ReturnType<typeof planInvoice>>, args: Args, ctx: ToolContext) {
  const { lines, totalMinor, client, preview, summary, lineTable, warnings, key, sources } = plan;
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
      ...sources,
      preview,
      warnings,
      ...(token ? { confirmation_token: token } : {}),
    },
    text: [
      `Dry run — nothing sent. Would invoice ${summary}.`,
      ...warnings.map((w) => `Warning: ${w}`),
      lineTable,
      sourceNote(sources),
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
