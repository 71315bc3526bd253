import { z } from 'zod';
import { calendarDate, daysBetween } from '../../pixieset/invoice-math.js';
import type { Collection } from '../../pixieset/schemas.js';
import { int, orNull } from './common.js';

// A gallery collection as a result: ids, names, counts, booleans and dates only — an allow-list, so a
// password, download PIN or sharing token can never reach a result (the schemas do not even read them).
export const galleryOut = z.object({
  id: z.string(),
  name: z.string().nullable(),
  client_name: z.string().nullable(),
  photo_count: int().nullable(),
  video_count: int().nullable(),
  expiry_date: z.string().nullable(),
  days_until_expiry: int().nullable(),
  password_protected: z.boolean().nullable(),
  downloadable: z.boolean().nullable(),
});

export function toGalleryOut(
  c: Collection,
  today: string,
  clientName: string | null = null,
): z.output<typeof galleryOut> {
  const expiry = calendarDate(c.expiry_date) ?? null;
  return {
    id: c.id,
    name: orNull(c.name),
    client_name: clientName,
    photo_count: c.photo_count ?? null,
    video_count: c.video_count ?? null,
    expiry_date: expiry,
    days_until_expiry: expiry === null ? null : daysBetween(today, expiry),
    password_protected: c.password_protected ?? null,
    downloadable: c.downloadable ?? null,
  };
}

// A gallery's state at `today`, by its expiry date: expired, expiring within `days`, or active.
export function galleryStatus(
  g: { days_until_expiry: number | null },
  days: number,
): 'expired' | 'expiring' | 'active' {
  if (g.days_until_expiry === null) return 'active';
  if (g.days_until_expiry < 0) return 'expired';
  return g.days_until_expiry <= days ? 'expiring' : 'active';
}
