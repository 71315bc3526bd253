import { z } from 'zod';
import { ValidationError } from '../../pixieset/errors.js';
import { CREATE, defineTool, type ToolContext } from '../define.js';
import { performWrite } from '../perform-write.js';
import {
  allowDuplicateArg,
  clientDetailOut,
  toClientDetail,
  writeOutcomeOut,
  writeOutcomeText,
} from '../shapes.js';
import { writeKey } from '../write-journal.js';
import { clientCandidates, fold } from './lookup.js';

const name = (what: string) => z.string().trim().min(1).max(100).describe(what);

// The client with exactly this email, if any (email comparison ignores case).
async function clientWithEmail(email: string, ctx: ToolContext, fresh = false) {
  return (await clientCandidates(email, ctx, fresh)).clients.find((c) => fold(c.email ?? '') === fold(email));
}

export const createClient = defineTool({
  name: 'create_client',
  title: 'Create a client',
  description:
    'Adds a new client to the studio (POST /clients/). Check first with search_clients that they do not exist already; this tool refuses an email that an existing client has. Use dry_run: true to show the user what would be created. Returns the new client id (cl_…) for create_invoice. An identical call within 10 minutes returns the earlier client instead of creating a second.',
  inputSchema: z.object({
    first_name: name('First name'),
    last_name: name('Last name'),
    email: z
      .string()
      .trim()
      .max(254)
      .pipe(z.email('email must be a valid email address, e.g. jane@example.com'))
      .describe('Email address'),
    phone: z.string().trim().max(40).optional().describe('Phone number, as the client gives it'),
    dry_run: z.boolean().default(false).describe('true: only show what would be created; nothing is sent'),
    allow_duplicate: allowDuplicateArg,
  }),
  outputSchema: z.object({
    created: z
      .boolean()
      .describe('True when the client exists now (created by this call or an identical earlier one)'),
    dry_run: z.boolean(),
    ...writeOutcomeOut,
    client: clientDetailOut.optional().describe('The created client'),
    preview: z
      .object({
        first_name: z.string(),
        last_name: z.string(),
        email: z.string(),
        phone: z.string().nullable(),
      })
      .optional()
      .describe('What would be sent, on dry run'),
  }),
  annotations: CREATE,
  async handler({ first_name, last_name, email, phone, dry_run, allow_duplicate }, ctx) {
    const preview = { first_name, last_name, email, phone: phone || null };
    // Pixieset may or may not refuse a second client with the same email; this server does, before sending.
    const refuseExisting = async () => {
      const existing = await clientWithEmail(email, ctx, true);
      if (existing) {
        throw new ValidationError(
          `A client with the email ${email} already exists: ${[existing.first_name, existing.last_name].filter(Boolean).join(' ')} (${existing.id}).`,
          {},
          `Use the existing client's id ${existing.id}; nothing was created.`,
        );
      }
    };
    const who = `${first_name} ${last_name} <${email}>${phone ? `, ${phone}` : ''}`;
    if (dry_run) {
      await refuseExisting();
      return {
        structured: {
          created: false,
          dry_run: true,
          outcome: 'dry_run' as const,
          deduplicated: false,
          preview,
        },
        text: writeOutcomeText('dry_run', 'client', `client ${who}`),
      };
    }
    const body = { first_name, last_name, email, ...(phone ? { phone } : {}) };
    const outcome = await performWrite(ctx, {
      tool: 'create_client',
      key: writeKey('create_client', { ...body, email: email.toLowerCase() }),
      allowDuplicate: allow_duplicate,
      audit: { client_id: undefined },
      what: 'client',
      checked: `clients with the email ${email}`,
      whereToCheck: `search_clients for ${email}`,
      precheck: refuseExisting,
      send: () => ctx.pixieset.clients.create(body, { signal: ctx.signal }),
      find: () => clientWithEmail(email, ctx, true),
      describe: (c) => ({ id: c.id }),
    });
    if (outcome.kind === 'declined' || outcome.kind === 'cancelled') {
      return {
        structured: { created: false, dry_run: false, outcome: outcome.kind, deduplicated: false, preview },
        text: writeOutcomeText(outcome.kind, 'client', ''),
      };
    }
    const client = toClientDetail(outcome.value);
    return {
      structured: {
        created: true,
        dry_run: false,
        outcome: outcome.kind,
        deduplicated: outcome.kind === 'deduplicated',
        client,
      },
      text: writeOutcomeText(
        outcome.kind,
        'client',
        `client ${client.name} <${client.email ?? email}> — ${client.id}`,
      ),
    };
  },
});
