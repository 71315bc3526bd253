import { z } from 'zod';
import { ValidationError } from '../../pixieset/errors.js';
import type { ClientUpdate } from '../../pixieset/resources/clients.js';
import type { Client } from '../../pixieset/schemas.js';
import { boolArg, clientIdArg } from '../args.js';
import { defineTool, UPDATE } from '../define.js';
import { clientName, clientOut, toClientOut } from '../outputs/client.js';
import { table } from '../render.js';
import { ToolError } from '../tool-error.js';
import { performWrite } from '../writes/perform-write.js';
import { writeKey } from '../writes/write-journal.js';
import { clientWithEmail, matchKey } from './lookup.js';

const FIELDS = ['first_name', 'last_name', 'email', 'phone', 'company', 'notes', 'type'] as const;
// (address_info is carried through untouched: it is not editable here.)
type Field = (typeof FIELDS)[number];

// What PUT needs: the whole editable record, as read, with the asked changes applied.
const editable = (c: Client): ClientUpdate => ({
  first_name: c.first_name ?? null,
  last_name: c.last_name ?? null,
  email: c.email ?? null,
  phone: c.phone ?? null,
  company: c.company ?? null,
  notes: c.notes ?? null,
  type: c.type ?? null,
  ...(c.address_info === undefined ? {} : { address_info: c.address_info }),
});

// Text as stored: an empty value clears the field.
const stored = (v: string) => (v.trim() === '' ? null : v.trim());

// The record PUT sends (the whole editable record as read, the asked fields applied) and what actually changes.
function planChanges(current: Client, asked: Field[], args: Partial<Record<Field, string>>) {
  const before = editable(current);
  const after: ClientUpdate = { ...before };
  for (const f of asked) after[f] = stored(args[f] as string);
  const changes = asked
    .filter((f) => (before[f] ?? null) !== (after[f] ?? null))
    .map((f: Field) => ({ field: f, before: before[f] ?? null, after: after[f] ?? null }));
  return { after, changes };
}

// True when a client read back shows every asked change.
const applied = (now: Client, changes: Array<{ field: string; after: string | null }>) =>
  changes.every((c) => {
    const v = editable(now)[c.field as Field] ?? null;
    return c.field === 'email' ? matchKey(v ?? '') === matchKey(c.after ?? '') : v === c.after;
  });

export const updateClient = defineTool({
  name: 'update_client',
  toolset: 'clients',
  endpoints: ['PUT /clients/{client_id}', 'GET /clients/{client_id}', 'GET /clients/search', 'GET /clients/'],
  title: 'Update a client',
  description:
    'Changes only the given fields of a client ("" clears phone, company or notes), showing before → after; it overwrites, so dry_run when unsure. Refuses an email another client has; a repeat changes nothing.',
  inputSchema: z.object({
    client_id: clientIdArg,
    first_name: z.string().trim().min(1).max(100).optional().describe('New first name'),
    last_name: z.string().trim().max(100).optional().describe('New last name'),
    email: z
      .string()
      .trim()
      .max(254)
      .pipe(z.email('email must be a valid email address'))
      .optional()
      .describe('New email'),
    phone: z.string().trim().max(40).optional().describe('New phone; "" clears it'),
    company: z.string().trim().max(200).optional().describe('New company; "" clears it'),
    notes: z.string().max(5_000).optional().describe('New notes (replaces them); "" clears them'),
    type: z.enum(['client', 'lead']).optional().describe('client or lead'),
    dry_run: boolArg().default(false).describe('true: show the changes, send nothing'),
  }),
  outputSchema: z.object({
    client: clientOut,
    changes: z.array(
      z.object({ field: z.string(), before: z.string().nullable(), after: z.string().nullable() }),
    ),
    updated: z.boolean(),
    dry_run: z.boolean(),
  }),
  annotations: UPDATE,
  async handler(args, ctx) {
    const { pixieset, signal, audit } = ctx;
    const asked = FIELDS.filter((f) => args[f] !== undefined);
    if (asked.length === 0) {
      throw new ValidationError(
        'No field to change was given.',
        {},
        `Give at least one of ${FIELDS.join(', ')}.`,
      );
    }
    // fresh: the diff and the record sent must be what Pixieset holds now, not a cached read.
    const current = await pixieset.clients.get(args.client_id, { signal, fresh: true });
    const { after, changes } = planChanges(current, asked, args);
    const name = clientName(current);
    const diff = changes.length
      ? table(
          ['field', 'before', 'after'],
          changes.map((c) => [c.field, c.before, c.after]),
        )
      : '';
    const answer = (client: Client, updated: boolean, head: string) => ({
      structured: { client: toClientOut(client), changes, updated, dry_run: args.dry_run },
      text: [head, diff].filter(Boolean).join('\n'),
    });
    if (changes.length === 0) {
      if (!args.dry_run)
        await audit.record({
          tool: 'update_client',
          client_id: current.id,
          outcome: 'unchanged',
          fields: [],
        });
      return answer(
        current,
        false,
        `Nothing to change: ${name} (${current.id}) already has these values. Nothing was sent.`,
      );
    }
    const newEmail = changes.find((c) => c.field === 'email')?.after;
    if (newEmail) {
      const other = await clientWithEmail(newEmail, ctx, true);
      if (other && other.id !== current.id) {
        await audit.record({
          tool: 'update_client',
          client_id: current.id,
          outcome: 'refused',
          fields: changes.map((c) => c.field),
          error: 'duplicate_email',
        });
        throw new ValidationError(
          `Another client already has the email ${newEmail}: ${clientName(other)} (${other.id}).`,
          {},
          `Nothing was changed. Use another email, or work with ${other.id}.`,
        );
      }
    }
    const preview = { ...current, ...after, id: current.id } as Client;
    if (args.dry_run) {
      await audit.record({
        tool: 'update_client',
        client_id: current.id,
        outcome: 'dry_run',
        fields: changes.map((c) => c.field),
      });
      return answer(preview, false, `Dry run — nothing sent. Would change ${name} (${current.id}):`);
    }
    const fields = changes.map((c) => c.field);
    const outcome = await performWrite(ctx, {
      kind: 'update',
      tool: 'update_client',
      key: writeKey('update_client', { id: current.id, after }),
      // The same change twice leaves the same client: a repeat is sent, never answered from memory.
      allowDuplicate: true,
      audit: { client_id: current.id, fields },
      what: `client ${name} (${current.id})`,
      checked: 'the client read back',
      whereToCheck: `get_client ${current.id}`,
      send: () => pixieset.clients.update(current.id, after, { signal }),
      find: async () => {
        const now = await pixieset.clients.get(current.id, { signal, fresh: true });
        return applied(now, changes) ? now : undefined;
      },
      describe: () => ({ id: current.id }),
    });
    if (outcome.kind === 'created' || outcome.kind === 'deduplicated')
      return answer(outcome.value, true, `Updated ${name} (${current.id}):`);
    if (outcome.kind === 'created_after_all')
      return answer(
        outcome.value,
        true,
        `Updated ${name} (${current.id}) — the answer was lost in transit, but reading the client back shows the change:`,
      );
    // No confirmation is asked for an update, so it is never declined.
    throw new ToolError('internal', `update_client ended as ${outcome.kind}.`, 'Try again.');
  },
});
