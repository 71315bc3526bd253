import { NotFoundError } from '../../pixieset/errors.js';
import { fetchAllPages } from '../../pixieset/paginate.js';
import type { Client } from '../../pixieset/schemas.js';
import type { ToolContext } from '../define.js';

// Lower-case, accents removed: "José" and "jose" compare equal.
export const matchKey = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ø/gi, 'o')
    .replace(/ł/gi, 'l')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .trim();

// Clients that may match a query and that `keep` keeps: every page of the API's own search when it exists
// (404/405 means it does not), else every page of /clients/, filtered a page at a time as pages arrive (a
// scan of a big studio holds only the matches).
export async function clientCandidates(
  query: string,
  ctx: Pick<ToolContext, 'pixieset' | 'signal' | 'logger' | 'progress'>,
  fresh = false,
  keep: (c: Client) => boolean = () => true,
): Promise<{ clients: Client[]; source: 'search' | 'scan' }> {
  if (!ctx.pixieset.clients.searchMissing)
    try {
      const { items } = await fetchAllPages(
        (page, signal) =>
          ctx.pixieset.clients.search({ q: query, page, pageSize: 100, types: 'all' }, { signal, fresh }),
        {
          perPage: 100,
          signal: ctx.signal,
          onProgress: (d, t) => ctx.progress(d, t, 'searching clients'),
          idOf: (c) => c.id,
        },
      );
      return { clients: items.filter(keep), source: 'search' };
    } catch (error) {
      if (!(error instanceof NotFoundError) || (error.status !== 404 && error.status !== 405)) throw error;
      ctx.pixieset.clients.searchMissing = true;
      ctx.logger.debug('GET /clients/search is not available; scanning /clients/ instead.');
    }
  const clients: Client[] = [];
  await ctx.pixieset.clients.streamAll(
    {},
    (rows) => {
      for (const c of rows) if (keep(c)) clients.push(c);
    },
    { signal: ctx.signal, fresh, onProgress: (d, t) => ctx.progress(d, t, 'scanning clients') },
  );
  return { clients, source: 'scan' };
}

// The client with exactly this email, if any (email comparison ignores case and accents).
export async function clientWithEmail(
  email: string,
  ctx: Pick<ToolContext, 'pixieset' | 'signal' | 'logger' | 'progress'>,
  fresh = false,
): Promise<Client | undefined> {
  const same = (c: Client) => matchKey(c.email ?? '') === matchKey(email);
  return (await clientCandidates(email, ctx, fresh, same)).clients[0];
}
