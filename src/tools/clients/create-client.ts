import { z } from 'zod';
import { ValidationError } from '../../pixieset/errors.js';
import { CREATE, defineTool } from '../define.js';
import { clientOut, toClientOut } from '../outputs/client.js';
import { performWrite } from '../writes/perform-write.js';
import { writeKey } from '../writes/write-journal.js';
import { writeArgs, writeFields, writeOutcomeText, writeResultOut } from '../writes/write-result.js';
import { clientWithEmail } from './lookup.js';

const name = (what: string) => z.string().trim().min(1).max(100).describe(what);

export const createClient = defineTool({
  name: 'create_client',
  toolset: 'clients',
  endpoints: ['POST /clients/', 'GET /clients/search', 'GET /clients/'],
  title: 'Create a client',
  description:
    'Adds a client (check search_clients first; a known email is refused). An identical call within 10 minutes returns the earlier client.',
  inputSchema: z.object({
    first_name: name('First name'),
    last_name: name('Last name'),
    email: z
      .string()
      .trim()
      .max(254)
      .pipe(z.email('email must be a valid email address, e.g. jane@example.com'))
      .describe('Email address'),
    phone: z.string().trim().max(40).optional().describe('Phone number'),
    ...writeArgs,
  }),
  outputSchema: z.object({
    ...writeResultOut,
    client: clientOut.optional(),
    preview: z
      .object({
        first_name: z.string(),
        last_name: z.string(),
        email: z.string(),
        phone: z.string().nullable(),
      })
      .optional(),
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
      try {
        await refuseExisting();
      } catch (error) {
        await ctx.audit.record({
          tool: 'create_client',
          client_id: undefined,
          outcome: 'refused',
          error: 'duplicate_email',
        });
        throw error;
      }
      await ctx.audit.record({ tool: 'create_client', client_id: undefined, outcome: 'dry_run' });
      return {
        structured: {
          ...writeFields('dry_run'),
          preview,
        },
        text: writeOutcomeText('dry_run', 'client', `client ${who}`),
      };
    }
    const body = { first_name, last_name, email, ...(phone ? { phone } : {}) };
    const outcome = await performWrite(ctx, {
      kind: 'create',
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
        structured: { ...writeFields(outcome.kind), preview },
        text: writeOutcomeText(outcome.kind, 'client', ''),
      };
    }
    const client = toClientOut(outcome.value);
    return {
      structured: {
        ...writeFields(outcome.kind),
        client,
      },
      text: writeOutcomeText(
        outcome.kind,
        'client',
        `client ${client.name} <${client.email ?? email}> — ${client.id}`,
        outcome.kind === 'created_after_all' && outcome.unreadable,
      ),
    };
  },
});
