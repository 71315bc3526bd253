import { z } from 'zod';
import { byText } from '../../pixieset/order.js';
import type { Client } from '../../pixieset/schemas.js';
import { intArg } from '../args.js';
import { fitRows } from '../budget.js';
import { defineTool, READ, type ToolContext } from '../define.js';
import { clientName, clientOut, toClientOut } from '../outputs/client.js';
import { int } from '../outputs/common.js';
import { plural, table } from '../render.js';
import { clientCandidates, matchKey } from './lookup.js';

const digits = (s: string) => s.replace(/\D/g, '');

// How well a client matches: 0 exact email, 1 name starts with the query, 2 contains; undefined for no match.
function rank(c: Client, query: string): number | undefined {
  const q = matchKey(query);
  const email = matchKey(c.email ?? '');
  if (email && email === q) return 0;
  const name = matchKey(clientName(c));
  const last = matchKey(`${c.last_name ?? ''} ${c.first_name ?? ''}`);
  if (name.startsWith(q) || last.startsWith(q)) return 1;
  if (name.includes(q) || email.includes(q) || matchKey(c.company ?? '').includes(q)) return 2;
  // Phone numbers are compared by their digits, so "555-1234" finds "+1 (555) 123-4"… forms alike.
  const qd = digits(query);
  if (
    qd.length >= 3 &&
    qd.length >= query.replace(/[\s()+\-.]/g, '').length &&
    digits(c.phone ?? '').includes(qd)
  )
    return 2;
  return undefined;
}

// Every client matching a query, best match first, then by name as a person reads it (case and accents
// aside), then as written, then id; each once. Shared by search_clients and the completion of client ids.
export async function rankedClients(
  query: string,
  ctx: Pick<ToolContext, 'pixieset' | 'signal' | 'logger' | 'progress'>,
): Promise<Client[]> {
  const { clients } = await clientCandidates(query, ctx, false, (c) => rank(c, query) !== undefined);
  const seen = new Set<string>();
  return clients
    .map((c) => ({ c, r: rank(c, query), name: clientName(c) }))
    .filter(
      (x): x is { c: Client; r: number; name: string } =>
        x.r !== undefined && !seen.has(x.c.id) && Boolean(seen.add(x.c.id)),
    )
    .map((x) => ({ ...x, key: matchKey(x.name) }))
    .sort((a, b) => a.r - b.r || byText(a.key, b.key) || byText(a.name, b.name) || byText(a.c.id, b.c.id))
    .map((x) => x.c);
}

export const searchClients = defineTool({
  name: 'search_clients',
  toolset: 'clients',
  endpoints: ['GET /clients/search', 'GET /clients/'],
  gives: ['client'],
  title: 'Search clients',
  description:
    'Finds clients and leads by part of a name, email or phone, ignoring case and accents ("jose" finds "José"), across all clients; exact email first. Gives client ids (cl_…).',
  inputSchema: z.object({
    query: z.string().trim().min(1).max(200).describe('Name, email or phone digits'),
    limit: intArg(1, 50).default(10).describe('Most matches to return'),
  }),
  outputSchema: z.object({
    clients: z.array(clientOut),
    total_matches: int(),
  }),
  annotations: READ,
  async handler({ query, limit }, ctx) {
    const ranked = await rankedClients(query, ctx);
    const found = ranked.slice(0, limit).map((c) => toClientOut(c));
    return fitRows(found, (shown) => {
      const head =
        ranked.length === 0
          ? `No client matches "${query}". Try part of the name, the email, or list_clients.`
          : `${plural(ranked.length, 'match', 'matches')} for "${query}"${ranked.length > shown.length ? `, showing ${shown.length}` : ''}:`;
      const body = shown.length
        ? `\n${table(
            ['name', 'email', 'phone', 'type', 'id'],
            shown.map((c) => [c.name, c.email, c.phone, c.type, c.id]),
          )}`
        : '';
      return { structured: { clients: shown, total_matches: ranked.length }, text: head + body };
    });
  },
});
