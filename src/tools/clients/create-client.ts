import { z } from 'zod';
import { ValidationError } from '../../pixieset/errors.js';
import { CREATE, defineTool } from '../define.js';
import { clientDetailOut, toClientDetail } from '../shapes.js';
import { clientCandidates, fold } from './lookup.js';

const name = (what: string) => z.string().trim().min(1).max(100).describe(what);

export const createClient = defineTool({
  name: 'create_client',
  title: 'Create a client',
  description:
    'Adds a new client to the studio (POST /clients/). Check first with search_clients that they do not exist already; this tool refuses an email that an existing client has. Use dry_run: true to show the user what would be created. Returns the new client id (cl_…) for create_invoice.',
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
  }),
  outputSchema: z.object({
    created: z.boolean(),
    dry_run: z.boolean(),
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
  async handler({ first_name, last_name, email, phone, dry_run }, ctx) {
    const { pixieset, signal } = ctx;
    // Pixieset may or may not refuse a second client with the same email; this server does, before sending.
    const existing = (await clientCandidates(email, ctx)).clients.find(
      (c) => fold(c.email ?? '') === fold(email),
    );
    if (existing) {
      throw new ValidationError(
        `A client with the email ${email} already exists: ${[existing.first_name, existing.last_name].filter(Boolean).join(' ')} (${existing.id}).`,
        {},
        `Use the existing client's id ${existing.id}; nothing was created.`,
      );
    }
    const preview = { first_name, last_name, email, phone: phone || null };
    if (dry_run) {
      return {
        structured: { created: false, dry_run: true, preview },
        text: `Dry run — nothing sent. Would create client ${first_name} ${last_name} <${email}>${phone ? `, ${phone}` : ''}.`,
      };
    }
    const client = toClientDetail(
      await pixieset.clients.create(
        { first_name, last_name, email, ...(phone ? { phone } : {}) },
        { signal },
      ),
    );
    return {
      structured: { created: true, dry_run: false, client },
      text: `Created client ${client.name} <${client.email ?? email}> — ${client.id}.`,
    };
  },
});
