import { z } from 'zod';
import { type EndpointSpec, keysOf } from '../endpoint-spec.js';
import { parseNestedPage, parseOne, parsePage, parseShape } from '../envelope.js';
import { InvalidIdError } from '../errors.js';
import { type AllRows, type Page, type ProgressOption, readAllPages } from '../paginate.js';
import type { CallOptions } from '../request.js';
import {
  type Collection,
  collectionSchema,
  type GalleryEvent,
  galleryClientSchema,
  galleryEventSchema,
  gallerySetSchema,
} from '../schemas.js';
import { Resource } from './resource.js';

// Gallery ids are plain positive numbers (e.g. 90516387), unlike Studio's prefixed ids: checked before any
// request. A number or a string of digits is accepted.
export function requireGalleryId(id: string | number): string {
  const text = String(id).trim();
  if (/^[1-9]\d{0,15}$/.test(text)) return text;
  throw new InvalidIdError(
    'gallery',
    `${JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text)} is not a gallery id: gallery ids are positive whole numbers.`,
    'lenient',
    'a positive whole number such as 90516387',
  );
}

// The activity lists of a collection, each its own request template.
const ACTIVITY = {
  visitor_emails: 'GET /collections/{gallery_id}/visitor_emails',
  photo_downloads: 'GET /collections/{gallery_id}/photo_downloads',
  gallery_video_downloads: 'GET /collections/{gallery_id}/gallery_video_downloads',
  favorites: 'GET /collections/{gallery_id}/favorites',
} as const;

// Typed access to the Gallery API (galleries.pixieset.com): collections, their sets, access and activity.
export class GalleriesApi extends Resource {
  // Read from the Gallery API's host (a resource class without `host` reads from Studio's).
  static readonly host = 'gallery';
  // Who is signed in: a cheap session check (for doctor).
  bootstrap(o: CallOptions = {}): Promise<{ businessName: string | undefined }> {
    const t = 'GET /data/bootstrap';
    return this.http.json(t, o, (b) => {
      const d = parseShape(
        z.looseObject({
          data: z.looseObject({ profile: z.looseObject({ business_name: z.string().nullish() }).nullish() }),
        }),
        b,
        t,
        '',
      );
      return { businessName: d.data.profile?.business_name ?? undefined };
    });
  }

  // One page of the dashboard's collections (nested envelope; the page size is the API's).
  dashboardPage(page: number, o: CallOptions = {}): Promise<Page<Collection>> {
    const t = 'GET /dashboard_listings';
    return this.http.json(t, { ...o, query: { page } }, (b) =>
      parseNestedPage(collectionSchema, b, t, 'collections'),
    );
  }

  // Every collection, each once.
  collections(o: CallOptions & ProgressOption = {}): Promise<AllRows<Collection>> {
    return readAllPages((page, _perPage, c) => this.dashboardPage(page, c), o, 20);
  }

  // One collection's details.
  collection(id: string | number, o: CallOptions = {}): Promise<Collection> {
    const t = 'GET /collections/{gallery_id}';
    return this.http.json(t, { ...o, params: { gallery_id: requireGalleryId(id) } }, (b) =>
      parseOne(collectionSchema, b, t),
    );
  }

  // A collection's sets (its galleries), as the page before the gallery shows them.
  sets(id: string | number, o: CallOptions = {}) {
    const t = 'GET /collections/{gallery_id}/before_show';
    return this.http.json(t, { ...o, params: { gallery_id: requireGalleryId(id) } }, (b) => {
      const d = parseShape(
        z.looseObject({ data: z.looseObject({ galleries: z.array(z.unknown()).nullish() }) }),
        b,
        t,
        '',
      );
      return parsePage(gallerySetSchema, { data: d.data.galleries ?? [] }, t).items;
    });
  }

  // Who has access to a collection, when they last visited, how many favourites.
  clients(id: string | number, o: CallOptions = {}) {
    const t = 'GET /collections/{gallery_id}/clients';
    return this.http.json(
      t,
      { ...o, params: { gallery_id: requireGalleryId(id) } },
      (b) => parsePage(galleryClientSchema, b, t).items,
    );
  }

  // An activity list of a collection: visitor_emails, photo_downloads, gallery_video_downloads, favorites.
  activity(id: string | number, kind: keyof typeof ACTIVITY, o: CallOptions = {}): Promise<GalleryEvent[]> {
    const t = ACTIVITY[kind];
    return this.http.json(
      t,
      { ...o, params: { gallery_id: requireGalleryId(id) } },
      (b) => parsePage(galleryEventSchema, b, t).items,
    );
  }
}

// A collection's id, from the gallery dashboard's first row.
const FROM_DASHBOARD: EndpointSpec['idFrom'] = {
  template: 'GET /dashboard_listings',
  field: 'id',
  param: 'gallery_id',
  rowsAt: ['data', 'data', 'collections'],
};

// What the drift report checks at each endpoint read here.
export const PROBES: EndpointSpec[] = [
  {
    template: 'GET /data/bootstrap',
    host: 'gallery',
    list: false,
    checkedByDoctor: true,
    fields: {},
    known: ['user', 'profile'],
  },
  {
    template: 'GET /dashboard_listings',
    host: 'gallery',
    list: true,
    rowsAt: ['data', 'data', 'collections'],
    query: { page: 1 },
    fields: {
      id: { kind: 'id', required: true },
      name: { kind: 'string' },
      photo_count: { kind: 'integer' },
    },
    known: [...keysOf(collectionSchema), 'coverPhoto'],
  },
  {
    template: 'GET /collections/{gallery_id}',
    host: 'gallery',
    list: false,
    idFrom: FROM_DASHBOARD,
    fields: {
      id: { kind: 'id', required: true },
      expiry_date: { kind: 'date' },
      password_protected: { kind: 'boolean' },
      downloadable: { kind: 'boolean' },
    },
    known: keysOf(collectionSchema),
  },
  {
    template: 'GET /collections/{gallery_id}/clients',
    host: 'gallery',
    list: true,
    paged: false,
    idFrom: FROM_DASHBOARD,
    fields: {
      email: { kind: 'string' },
      last_accessed: { kind: 'date' },
    },
    known: keysOf(galleryClientSchema),
  },
  {
    template: 'GET /collections/{gallery_id}/before_show',
    host: 'gallery',
    list: false,
    idFrom: FROM_DASHBOARD,
    fields: {},
    known: [],
  },
  // A collection's activity lists: read whole (no paging), rows of the same small event shape.
  ...Object.values(ACTIVITY).map(
    (template): EndpointSpec => ({
      template,
      host: 'gallery',
      list: true,
      paged: false,
      idFrom: FROM_DASHBOARD,
      fields: {},
      known: keysOf(galleryEventSchema),
    }),
  ),
];
