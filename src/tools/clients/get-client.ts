import { z } from 'zod';
import { safeJson } from '../../pixieset/safe-text.js';
import type { Client } from '../../pixieset/schemas.js';
import { clientIdArg } from '../args.js';
import { defineTool, READ } from '../define.js';
import { clientOut, toClientOut } from '../outputs/client.js';
import { orNull } from '../outputs/common.js';

const clientDetailOut = clientOut.extend({
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  company: z.string().nullable(),
  notes: z.string().nullable(),
  created_at: z.string().nullable(),
  address: z.unknown().optional(),
});

function toClientDetail(c: Client): z.output<typeof clientDetailOut> {
  return {
    ...toClientOut(c),
    first_name: orNull(c.first_name),
    last_name: orNull(c.last_name),
    company: orNull(c.company),
    notes: orNull(c.notes),
    created_at: orNull(c.created_at),
    // An unknown shape from upstream: copied safe and a few levels deep only.
    address: c.address_info == null ? undefined : safeJson(c.address_info),
  };
}

export const getClient = defineTool({
  name: 'get_client',
  toolset: 'clients',
  endpoints: ['GET /clients/{client_id}'],
  title: 'Get a client',
  description:
    'One client in full (contact details, type, status, notes). For their invoices use get_client_invoices.',
  inputSchema: z.object({ client_id: clientIdArg }),
  outputSchema: z.object({ client: clientDetailOut }),
  annotations: READ,
  async handler({ client_id }, { pixieset, signal }) {
    const client = toClientDetail(await pixieset.clients.get(client_id, { signal }));
    const lines = [
      `${client.name} (${client.type ?? 'client'}${client.status ? `, ${client.status}` : ''}) — ${client.id}`,
      client.email && `Email: ${client.email}`,
      client.phone && `Phone: ${client.phone}`,
      client.company && `Company: ${client.company}`,
      client.notes && `Notes: ${client.notes}`,
      client.created_at && `Client since: ${client.created_at.slice(0, 10)}`,
    ].filter(Boolean);
    return { structured: { client }, text: lines.join('\n') };
  },
});
