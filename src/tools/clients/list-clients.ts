import { z } from 'zod';
import { fitRows } from '../budget.js';
import { defineTool, READ } from '../define.js';
import { pageLabel, pageNotes, table } from '../render.js';
import { clientOut, pageArg, paging, pagingOf, perPageArg, toClientOut } from '../shapes.js';

const MAX_PER_PAGE = 60;

export const listClients = defineTool({
  name: 'list_clients',
  title: 'List clients',
  description:
    "One page of the studio's clients and leads (at most 60). To find a person use search_clients instead. has_more: ask for page + 1.",
  inputSchema: z.object({
    page: pageArg,
    per_page: perPageArg,
    type: z.enum(['client', 'lead', 'all']).default('all').describe('client, lead or all'),
  }),
  outputSchema: z.object({ clients: z.array(clientOut), ...paging }),
  annotations: READ,
  async handler({ page, per_page, type }, { pixieset, signal }) {
    // Larger pages would not fit in one answer; the paging fields report the size actually used.
    const perPage = Math.min(per_page, MAX_PER_PAGE);
    const result = await pixieset.clients.list(
      { page, perPage, types: type === 'all' ? undefined : type },
      { signal },
    );
    const clients = result.items.map(toClientOut);
    const p = pagingOf(page, perPage, clients.length, result.meta);
    const what = type === 'all' ? 'clients and leads' : `${type}s`;
    return fitRows(clients, (shown, leftOut) => {
      const head = `${shown.length} ${what}${p.total === null ? '' : ` of ${p.total}`}, ${pageLabel(p)}.`;
      const body = shown.length
        ? type === 'all'
          ? table(
              ['name', 'email', 'phone', 'type', 'id'],
              shown.map((c) => [c.name, c.email, c.phone, c.type, c.id]),
            )
          : table(
              ['name', 'email', 'phone', 'id'],
              shown.map((c) => [c.name, c.email, c.phone, c.id]),
            )
        : 'No clients on this page.';
      const notes = pageNotes('list_clients', {
        page,
        asked: per_page,
        used: perPage,
        cap: MAX_PER_PAGE,
        leftOut,
        hasMore: p.has_more,
      });
      return { structured: { clients: shown, ...p }, text: [head, body, ...notes].join('\n') };
    });
  },
});
