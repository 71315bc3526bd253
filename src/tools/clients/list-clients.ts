import { z } from 'zod';
import { defineTool, READ } from '../define.js';
import { pageLabel, table } from '../render.js';
import { clientOut, pageArg, paging, pagingOf, perPageArg, toClientOut } from '../shapes.js';

export const listClients = defineTool({
  name: 'list_clients',
  title: 'List clients',
  description:
    "One page of the studio's clients and leads. To find a person use search_clients instead. has_more: ask for page + 1.",
  inputSchema: z.object({
    page: pageArg,
    per_page: perPageArg,
    type: z.enum(['client', 'lead', 'all']).default('all').describe('client, lead or all'),
  }),
  outputSchema: z.object({ clients: z.array(clientOut), ...paging }),
  annotations: READ,
  async handler({ page, per_page, type }, { pixieset, signal }) {
    const result = await pixieset.clients.list(
      { page, perPage: per_page, types: type === 'all' ? undefined : type },
      { signal },
    );
    const clients = result.items.map(toClientOut);
    const p = pagingOf(page, per_page, clients.length, result.meta);
    const head = `${clients.length} ${type === 'all' ? 'clients and leads' : `${type}s`}${p.total === null ? '' : ` of ${p.total}`}, ${pageLabel(p)}.`;
    const rows = clients.map((c) => [c.name, c.email, c.phone, type === 'all' ? c.type : null, c.id]);
    const body = clients.length
      ? table(
          type === 'all' ? ['name', 'email', 'phone', 'type', 'id'] : ['name', 'email', 'phone', '', 'id'],
          rows,
        )
      : 'No clients on this page.';
    const more = p.has_more ? `\nMore: call list_clients with page ${page + 1}.` : '';
    return { structured: { clients, ...p }, text: `${head}\n${body}${more}` };
  },
});
