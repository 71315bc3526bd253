import { z } from 'zod';
import { byText } from '../../pixieset/order.js';
import type { GalleryEvent } from '../../pixieset/schemas.js';
import { intArg } from '../args.js';
import { defineTool, READ } from '../define.js';
import { int, orNull } from '../outputs/common.js';
import { plural, table } from '../render.js';
import { galleryIdArg } from './get-gallery.js';

const eventOut = z.object({
  email: z.string().nullable(),
  item: z.string().nullable(),
  at: z.string().nullable(),
});

// An event as a result: who, which photo or video (its name, never its URL), and when.
const toEvent = (e: GalleryEvent) => ({
  email: orNull(e.email),
  item: orNull(e.photo_name ?? e.video_name ?? e.list_name),
  at: orNull(e.downloaded_at ?? e.created_at ?? e.visited_at),
});
const newestFirst = (a: { at: string | null }, b: { at: string | null }) => byText(b.at ?? '', a.at ?? '');

export const getGalleryActivity = defineTool({
  name: 'get_gallery_activity',
  toolset: 'galleries',
  endpoints: [
    'GET /collections/{gallery_id}/photo_downloads',
    'GET /collections/{gallery_id}/gallery_video_downloads',
    'GET /collections/{gallery_id}/favorites',
    'GET /collections/{gallery_id}/visitor_emails',
  ],
  title: 'Gallery activity',
  description:
    'Recent downloads (photo and video), favourites and visitors of one gallery collection, newest first. "Has the Smith family opened their gallery? What did they favourite?"',
  inputSchema: z.object({
    gallery_id: galleryIdArg,
    limit: intArg(1, 100).default(20).describe('Most rows per list'),
  }),
  outputSchema: z.object({
    downloads: z.array(eventOut.extend({ kind: z.string() })),
    favorites: z.array(eventOut),
    // One per visitor email; `at` is the first visit (when the email was given), not the latest.
    visitors: z.array(eventOut),
    downloads_count: int(),
    favorites_count: int(),
    visitors_count: int(),
  }),
  annotations: READ,
  async handler({ gallery_id, limit }, { pixieset, signal }) {
    const g = pixieset.galleries;
    const [photos, videos, favs, visits] = await Promise.all([
      g.activity(gallery_id, 'photo_downloads', { signal }),
      g.activity(gallery_id, 'gallery_video_downloads', { signal }),
      g.activity(gallery_id, 'favorites', { signal }),
      g.activity(gallery_id, 'visitor_emails', { signal }),
    ]);
    const downloads = [
      ...photos.map((e) => ({ ...toEvent(e), kind: 'photo' })),
      ...videos.map((e) => ({ ...toEvent(e), kind: 'video' })),
    ].sort(newestFirst);
    const favorites = favs.map(toEvent).sort(newestFirst);
    const visitors = visits.map(toEvent).sort(newestFirst);
    const structured = {
      downloads: downloads.slice(0, limit),
      favorites: favorites.slice(0, limit),
      visitors: visitors.slice(0, limit),
      downloads_count: downloads.length,
      favorites_count: favorites.length,
      visitors_count: visitors.length,
    };
    const block = (
      title: string,
      rows: Array<{ email: string | null; item: string | null; at: string | null }>,
      when = 'when',
    ) =>
      rows.length
        ? `${title}:\n${table(
            ['who', 'what', when],
            rows.map((r) => [r.email, r.item, r.at?.replace('T', ' ').slice(0, 16)]),
          )}`
        : '';
    return {
      structured,
      text: [
        `Gallery ${gallery_id}: ${plural(downloads.length, 'download')}, ${plural(favorites.length, 'favourite')}, ${plural(visitors.length, 'visitor')}.`,
        block('Downloads', structured.downloads),
        block('Favourites', structured.favorites),
        // Pixieset keeps one row per visitor email, made when the email was first given to open the gallery.
        block(
          'Visitors (one row per email; when it was first given, i.e. the first visit)',
          structured.visitors,
          'first visit',
        ),
        visitors.length === 0 ? 'Nobody has opened it yet.' : '',
      ]
        .filter(Boolean)
        .join('\n'),
    };
  },
});
