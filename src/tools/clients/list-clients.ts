import { z } from 'zod';
import { pageArg, perPageArg } from '../args.js';
import { defineTool, READ } from '../define.js';
import { resourceLink } from '../links.js';
import { paging, pagingOf, renderListPage } from '../list-page.js';
import { clientOut, toClientOut } from '../outputs/client.js';

const MAX_PER_PAGE = 60;

export const listClients = defineTool({
  name: 'list_clients',
  toolset: 'clients',
  endpoints: ['GET /clients/'],
  gives: ['client'],
  title: 'List clients',
  description:
    "One page of the studio's clients and leads (at most 60). To find a person use search_clients instead. has_more: ask for page + 1.",
  inputSchema: z.object({
    page: pageArg,
    per_page: perPageArg(MAX_PER_PAGE),
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
    type Row = (typeof clients)[number];
    return renderListPage({
      tool: 'list_clients',
      key: 'clients',
      rows: clients,
      columns: [
        ['name', (c: Row) => c.name],
        ['email', (c: Row) => c.email],
        ['phone', (c: Row) => c.phone],
        ...(type === 'all' ? [['type', (c: Row) => c.type] as [string, (c: Row) => string | null]] : []),
        ['id', (c: Row) => c.id],
      ],
      page: pagingOf(page, per_page, clients.length, result.meta),
      what: type === 'all' ? ['client or lead', 'clients and leads'] : [type, `${type}s`],
      link: (c: Row) => resourceLink('clients', c.id, c.name),
      empty: 'No clients on this page.',
    });
  },
});
