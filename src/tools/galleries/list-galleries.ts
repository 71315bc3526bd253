import { z } from 'zod';
import { requireId } from '../../pixieset/ids.js';
import type { Collection } from '../../pixieset/schemas.js';
import { clientIdArg, intArg, pageArg, perPageArg } from '../args.js';
import { daysFromToday } from '../dates.js';
import { defineTool, READ } from '../define.js';
import { resourceLink } from '../links.js';
import { localPage, paging, renderListPage } from '../list-page.js';
import { clientName } from '../outputs/client.js';
import { galleryOut, galleryStatus, toGalleryOut } from '../outputs/gallery.js';
import { plural } from '../render.js';

const MAX_PER_PAGE = 50;
const STATUS = ['active', 'expiring', 'expired', 'all'] as const;

export const listGalleries = defineTool({
  name: 'list_galleries',
  toolset: 'galleries',
  endpoints: [
    'GET /dashboard_listings',
    'GET /clients/{client_id}/cgCollections/',
    'GET /clients/{client_id}',
  ],
  gives: ['gallery'],
  title: 'List galleries',
  description:
    'Gallery collections (photo delivery). status expiring: expires within `days`, soonest first ("which galleries expire in the next two weeks?"). client_id: that client\'s. Ids for get_gallery.',
  inputSchema: z.object({
    client_id: clientIdArg.optional().describe("A Studio client id (cl_…): that client's collections"),
    status: z.enum(STATUS).default('all').describe('active, expiring, expired or all'),
    days: intArg(1, 365).default(14).describe('For expiring: within this many days'),
    page: pageArg,
    per_page: perPageArg(MAX_PER_PAGE),
  }),
  outputSchema: z.object({ galleries: z.array(galleryOut), ...paging }),
  annotations: READ,
  async handler({ client_id, status, days, page, per_page }, { pixieset, signal, progress }) {
    const today = daysFromToday(0);
    let rows: Array<z.output<typeof galleryOut>>;
    if (client_id !== undefined) {
      // A Studio client's collections come from the Studio side (their ids are the Gallery API's).
      requireId(client_id, 'client', pixieset.ids);
      const [client, list] = await Promise.all([
        pixieset.clients.get(client_id, { signal }),
        pixieset.clients.collections(client_id, { signal }),
      ]);
      const name = clientName(client);
      rows = list.items.map((c) => toGalleryOut(c as Collection, today, name));
    } else {
      const all = await pixieset.galleries.collections({ signal, onProgress: progress });
      rows = all.items.map((c) => toGalleryOut(c, today));
    }
    const filtered = rows.filter((g) => status === 'all' || galleryStatus(g, days) === status);
    if (status !== 'all')
      filtered.sort(
        (a, b) =>
          (a.days_until_expiry ?? Number.MAX_SAFE_INTEGER) - (b.days_until_expiry ?? Number.MAX_SAFE_INTEGER),
      );
    const p = localPage(filtered, page, per_page);
    type Row = (typeof rows)[number];
    const kind =
      status === 'all'
        ? ''
        : status === 'expiring'
          ? `expiring (within ${plural(days, 'day')}) `
          : `${status} `;
    return renderListPage({
      tool: 'list_galleries',
      key: 'galleries',
      rows: p.rows,
      columns: [
        ['name', (g: Row) => g.name],
        ['photos', (g: Row) => g.photo_count],
        ['expires', (g: Row) => g.expiry_date],
        ['days left', (g: Row) => g.days_until_expiry],
        [
          'password',
          (g: Row) => (g.password_protected === null ? null : g.password_protected ? 'yes' : 'no'),
        ],
        ['id', (g: Row) => g.id],
      ],
      page: p.paging,
      what: [`${kind}gallery`, `${kind}galleries`],
      link: (g: Row) => resourceLink('galleries', g.id, g.name ?? g.id),
      empty: 'No galleries match.',
    });
  },
});
