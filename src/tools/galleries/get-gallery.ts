import { z } from 'zod';
import { calendarDate } from '../../pixieset/invoice-math.js';
import { daysFromToday } from '../dates.js';
import { defineTool, READ } from '../define.js';
import { int, orNull } from '../outputs/common.js';
import { galleryOut, toGalleryOut } from '../outputs/gallery.js';
import { plural, table } from '../render.js';

export const galleryIdArg = z
  .union([z.number(), z.string().max(40)])
  .describe('Gallery (collection) id, a number such as 90516387, from list_galleries');

export const getGallery = defineTool({
  name: 'get_gallery',
  toolset: 'galleries',
  endpoints: [
    'GET /collections/{gallery_id}',
    'GET /collections/{gallery_id}/before_show',
    'GET /collections/{gallery_id}/clients',
    'GET /collections/{gallery_id}/photo_downloads',
    'GET /collections/{gallery_id}/gallery_video_downloads',
    'GET /collections/{gallery_id}/favorites',
  ],
  title: 'Get a gallery',
  description:
    'One gallery collection: sets and photo counts, expiry, password protection, downloads allowed, who has access and their last visit, favourites and downloads. Never its password or PIN.',
  inputSchema: z.object({ gallery_id: galleryIdArg }),
  outputSchema: z.object({
    gallery: galleryOut.extend({
      sets: z.array(z.object({ id: z.string(), name: z.string().nullable(), photo_count: int().nullable() })),
      clients: z.array(
        z.object({
          name: z.string().nullable(),
          email: z.string().nullable(),
          last_accessed: z.string().nullable(),
          favorites_count: int().nullable(),
        }),
      ),
      downloads_count: int(),
      favorites_count: int(),
    }),
  }),
  annotations: READ,
  async handler({ gallery_id }, { pixieset, signal }) {
    const g = pixieset.galleries;
    const [collection, sets, clients, photos, videos, favorites] = await Promise.all([
      g.collection(gallery_id, { signal }),
      g.sets(gallery_id, { signal }),
      g.clients(gallery_id, { signal }),
      g.activity(gallery_id, 'photo_downloads', { signal }),
      g.activity(gallery_id, 'gallery_video_downloads', { signal }),
      g.activity(gallery_id, 'favorites', { signal }),
    ]);
    const gallery = {
      ...toGalleryOut(collection, daysFromToday(0)),
      sets: sets.map((s) => ({ id: s.id, name: orNull(s.name), photo_count: s.photo_count ?? null })),
      clients: clients.map((c) => ({
        name: orNull(c.name),
        email: orNull(c.email),
        last_accessed: orNull(c.last_accessed),
        favorites_count: c.favorites_count ?? null,
      })),
      downloads_count: photos.length + videos.length,
      favorites_count: favorites.length,
    };
    const lines = [
      `Gallery ${gallery.name ?? gallery.id} (${gallery.id}): ${gallery.photo_count === null || gallery.photo_count === undefined ? '? photos' : plural(gallery.photo_count, 'photo')}${gallery.video_count ? `, ${plural(gallery.video_count, 'video')}` : ''}; ${gallery.expiry_date ? `expires ${gallery.expiry_date} (${gallery.days_until_expiry === null || gallery.days_until_expiry === undefined ? '?' : plural(gallery.days_until_expiry, 'day')})` : 'no expiry'}; ${gallery.password_protected ? 'password-protected' : 'no password'}; ${gallery.downloadable ? 'downloads on' : 'downloads off'}.`,
      `Sets: ${gallery.sets.map((s) => `${s.name ?? s.id} (${s.photo_count ?? '?'})`).join(', ') || 'none'}.`,
      gallery.clients.length
        ? table(
            ['who', 'email', 'last visit', 'favourites'],
            gallery.clients.map((c) => [
              c.name,
              c.email,
              calendarDate(c.last_accessed) ?? c.last_accessed,
              c.favorites_count,
            ]),
          )
        : 'Nobody has access yet.',
      `${plural(gallery.downloads_count, 'download')}, ${plural(gallery.favorites_count, 'favourite')} (get_gallery_activity lists them).`,
    ];
    return { structured: { gallery }, text: lines.join('\n') };
  },
});
