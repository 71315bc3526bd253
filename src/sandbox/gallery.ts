import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rng } from './random.js';
import type { SandboxCollection } from './records.js';
import type { Studio } from './studio.js';

// The Gallery API (galleries.pixieset.com/api/v1) on its own loopback listener: the same demo studio's
// collections, their sets, who has access, and activity; its own session cookie. Answers carry the
// gallery's secrets (password, download PIN, sharing token) as a careless API might: no tool may show them.

const API = '/api/v1';
export const GALLERY_SESSION_COOKIE = 'pixieset_gallery_session';

export interface GalleryOptions {
  // The gallery host also accepts the Studio session (Pixieset's session may be account-wide: unverified).
  acceptStudioSession?: boolean;
  // Delay added to every answer, in ms.
  latencyMs?: number;
}

interface Activity {
  sets: Array<{ id: number; name: string; photo_count: number }>;
  clients: Array<{
    email: string;
    name: string;
    access_level: string;
    last_accessed: string | null;
    favorites_count: number;
  }>;
  visitors: Array<{ email: string; visited_at: string }>;
  photoDownloads: Array<{
    id: number;
    email: string;
    photo_name: string;
    downloaded_at: string;
    url: string;
  }>;
  videoDownloads: Array<{
    id: number;
    email: string;
    video_name: string;
    downloaded_at: string;
    url: string;
  }>;
  favorites: Array<{ id: number; email: string; photo_name: string; created_at: string; list_name: string }>;
}

export class GalleryHost {
  readonly requests: Array<{ method: string; path: string; cookie: string | undefined }> = [];
  private server: Server | undefined;
  private baseUrl = '';
  private sessions = new Set<string>();
  private token = '';
  private readonly activity = new Map<number, Activity>();

  constructor(
    private readonly studio: Studio,
    private readonly studioSessionValid: (cookieHeader: string | undefined) => boolean,
    private readonly opts: GalleryOptions,
  ) {
    this.newSession();
  }

  get collections(): SandboxCollection[] {
    return this.studio.collections;
  }

  async start(host: string): Promise<void> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, () => resolve());
    });
    const addr = server.address() as AddressInfo;
    this.server = server;
    this.baseUrl = `http://${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}${API}`;
  }

  get url(): string {
    return this.baseUrl;
  }

  // A Cookie header this host accepts, as copied from a request to galleries.pixieset.com.
  get cookie(): string {
    return `_ga=GA1.2.999.1700000000; ${GALLERY_SESSION_COOKIE}=${this.token}`;
  }

  newSession(): string {
    this.token = randomBytes(24).toString('base64url');
    this.sessions.add(this.token);
    return this.cookie;
  }

  expireSessions(): void {
    this.sessions.clear();
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // Every secret the gallery holds, for tests that scan results for them.
  secrets(): string[] {
    return this.collections
      .flatMap((c) => [c.password, c.download_pin ? `PIN ${c.download_pin}` : null, sharingToken(c)])
      .filter((x): x is string => Boolean(x));
  }

  private authorised(req: IncomingMessage): boolean {
    const header = req.headers.cookie;
    const token = /(?:^|;\s*)pixieset_gallery_session=([^;]+)/.exec(header ?? '')?.[1];
    if (token && this.sessions.has(token)) return true;
    return Boolean(this.opts.acceptStudioSession && this.studioSessionValid(header));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://gallery.local');
    const path = (url.pathname.startsWith(API) ? url.pathname.slice(API.length) : url.pathname).replace(
      /\/+$/,
      '',
    );
    this.requests.push({ method: req.method ?? 'GET', path, cookie: req.headers.cookie });
    if (this.opts.latencyMs) await new Promise((r) => setTimeout(r, this.opts.latencyMs));
    // The gallery host answers a missing session with 401, as the open-source tools see it.
    if (!this.authorised(req)) return json(res, 401, { message: 'Unauthenticated.' });
    if (req.method !== 'GET') return json(res, 405, { message: 'Method Not Allowed' });
    const q = url.searchParams;
    if (path === '/data/bootstrap') {
      return json(res, 200, {
        data: {
          user: { username: 'demo-studio', email: 'owner@demo-studio.example' },
          profile: { business_name: 'Demo Studio' },
        },
      });
    }
    if (path === '/dashboard_listings') {
      const per = 20;
      const page = Math.max(1, Number(q.get('page') ?? '1') || 1);
      const sorted = [...this.collections].sort((a, b) => b.created_at.localeCompare(a.created_at));
      const last = Math.max(1, Math.ceil(sorted.length / per));
      const rows = sorted.slice((page - 1) * per, page * per).map((c) => ({
        id: c.id,
        name: c.name,
        photo_count: c.photo_count,
        coverPhoto: { path: `https://images.example/${c.id}/cover.jpg` },
        expiry_date: c.expiry_date,
        // A careless listing: the password itself rides along.
        password: c.password,
      }));
      // The nested envelope the dashboard uses: data.data.collections, and meta inside data.
      return json(res, 200, {
        data: {
          data: { collections: rows },
          meta: { total: sorted.length, current_page: page, last_page: last },
        },
      });
    }
    const m = /^\/collections\/(\d+)(?:\/([a-z_]+))?$/.exec(path);
    const c = m ? this.collections.find((x) => x.id === Number(m[1])) : undefined;
    if (!m || !c) return json(res, 404, { message: 'Not Found' });
    const a = this.activityOf(c);
    switch (m[2]) {
      case undefined:
        return json(res, 200, {
          data: {
            id: c.id,
            name: c.name,
            gallery_count: a.sets.length,
            photo_count: c.photo_count,
            video_count: c.video_count,
            client_count: a.clients.length,
            expiry_date: c.expiry_date,
            password_protected: c.password !== null,
            password: c.password,
            downloadable: c.downloadable,
            download_pin: c.download_pin,
            sharing_token: sharingToken(c),
          },
        });
      case 'before_show':
        return json(res, 200, {
          data: { collection: { id: c.id, name: c.name, photo_count: c.photo_count }, galleries: a.sets },
        });
      case 'galleries':
        return json(res, 200, {
          data: a.sets.map((s) => ({ ...s, collection_id: c.id, private: false, download: c.downloadable })),
        });
      case 'clients':
        return json(res, 200, { data: a.clients });
      case 'visitor_emails':
        return json(res, 200, { data: a.visitors });
      case 'photo_downloads':
        return json(res, 200, { data: a.photoDownloads });
      case 'gallery_video_downloads':
        return json(res, 200, { data: a.videoDownloads });
      case 'downloads':
        return json(res, 200, {
          data: [...a.photoDownloads, ...a.videoDownloads],
          meta: { total: a.photoDownloads.length + a.videoDownloads.length },
        });
      case 'favorites':
        return json(res, 200, { data: a.favorites });
      default:
        return json(res, 404, { message: 'Not Found' });
    }
  }

  // Sets, access and activity of a collection: generated from its id, the same every time.
  private activityOf(c: SandboxCollection): Activity {
    const known = this.activity.get(c.id);
    if (known) return known;
    const rand = rng(c.id);
    const client = this.studio.clients.find((x) => x.id === c.client_id);
    const made = Date.parse(c.created_at);
    const at = (days: number) =>
      new Date(made + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '.000000Z');
    const people = [
      ...(client ? [{ email: client.email, name: `${client.first_name} ${client.last_name}` }] : []),
      { email: `guest${c.id % 97}@example.net`, name: 'Guest' },
    ];
    const sets = Array.from({ length: c.gallery_count }, (_, i) => ({
      id: c.id * 10 + i,
      name: ['Ceremony', 'Portraits', 'Reception', 'Details'][i % 4] as string,
      photo_count: Math.floor(c.photo_count / c.gallery_count),
    }));
    const visited = rand() < 0.8;
    const a: Activity = {
      sets,
      clients: people.map((p, i) => ({
        ...p,
        access_level: i === 0 ? 'full' : 'view',
        last_accessed: visited ? at(2 + i) : null,
        favorites_count: visited ? Math.floor(rand() * 20) : 0,
      })),
      visitors: visited ? people.map((p, i) => ({ email: p.email, visited_at: at(2 + i) })) : [],
      photoDownloads: visited
        ? Array.from({ length: Math.floor(rand() * 8) }, (_, i) => ({
            id: c.id * 100 + i,
            email: people[0]?.email ?? 'guest@example.net',
            photo_name: `IMG_${1000 + i}.jpg`,
            downloaded_at: at(3 + i),
            url: `https://images.example/${c.id}/IMG_${1000 + i}.jpg?token=${sharingToken(c)}`,
          }))
        : [],
      videoDownloads:
        visited && c.video_count > 0
          ? [
              {
                id: c.id * 100 + 99,
                email: people[0]?.email ?? '',
                video_name: 'Highlights.mp4',
                downloaded_at: at(4),
                url: `https://video.example/${c.id}.mp4`,
              },
            ]
          : [],
      favorites: visited
        ? Array.from({ length: Math.floor(rand() * 6) }, (_, i) => ({
            id: c.id * 1000 + i,
            email: people[0]?.email ?? '',
            photo_name: `IMG_${2000 + i}.jpg`,
            created_at: at(2 + i),
            list_name: 'Album picks',
          }))
        : [],
    };
    this.activity.set(c.id, a);
    return a;
  }
}

// A collection's private sharing token (secret).
const sharingToken = (c: SandboxCollection) => `shr_${(c.id * 7919).toString(36)}${c.name.length}secret`;

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
