import { z } from 'zod';
import { defineTool, READ } from '../define.js';
import { clientDetailOut, clientIdArg, toClientDetail } from '../shapes.js';

export const getClient = defineTool({
  name: 'get_client',
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
