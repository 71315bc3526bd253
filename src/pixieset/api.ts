import { type Config, DEFAULT_GALLERY_BASE_URL } from '../config.js';
import { type Logger, Redactor } from '../log.js';
import { VERSION } from '../version.js';
import { CookieJar, type CookieSource } from './cookie-jar.js';
import { HttpClient, type RetryPolicy } from './http.js';
import { IdPolicy } from './ids.js';
import { JsonClient } from './json-client.js';
import { Limiter } from './limiter.js';
import { RESOURCES } from './resources/resources.gen.js';

// One instance of each resource module's class (resources/<area>.ts → api.<area>), found by `npm run generate`.
type Resources = { readonly [K in keyof typeof RESOURCES]: InstanceType<(typeof RESOURCES)[K]> };

// The typed Pixieset API client every tool uses: one cookie jar and one pool per host.
export interface PixiesetApi extends Resources {
  // How ids are checked (and, in auto mode, what Pixieset's own ids look like).
  ids: IdPolicy;
  cookies: CookieJar;
  galleryCookies: CookieJar;
  // The transports themselves, for the drift probe's raw GETs.
  http: HttpClient;
  galleryHttp: HttpClient;
  // Masks every cookie and token value this client has seen, for any text that leaves the server.
  redact(text: string): string;
  close(): Promise<void>;
}

export interface ApiOptions {
  config: Pick<Config, 'baseUrl' | 'userAgent' | 'maxConcurrency' | 'timeoutMs' | 'idCheck' | 'cacheTtlMs'> &
    Partial<Pick<Config, 'maxBodyBytes' | 'galleryBaseUrl'>>;
  cookie: CookieSource;
  // The Gallery API's cookie, when it is not the Studio one.
  galleryCookie?: CookieSource | undefined;
  logger: Logger;
  redactor?: Redactor;
  retry?: Partial<RetryPolicy>;
}

export const DEFAULT_USER_AGENT = `pixieset-mcp/${VERSION} (unofficial Pixieset Studio MCP server)`;

// Builds the API client and loads the cookie (reading PIXIESET_COOKIE_FILE when that is the source).
// Builds the API client for both hosts and loads the cookies (reading the cookie files when those are the
// sources). Each host has its own cookie jar, pool and read cache; one in-flight bound covers both. A gallery
// cookie file that cannot be read does not stop the server: the gallery tools then say what to do.
export async function createPixiesetApi(opts: ApiOptions): Promise<PixiesetApi> {
  const redactor = opts.redactor ?? new Redactor();
  const cookies = new CookieJar(opts.cookie, redactor, opts.config.baseUrl, opts.logger);
  await cookies.load();
  const galleryBaseUrl = opts.config.galleryBaseUrl ?? DEFAULT_GALLERY_BASE_URL;
  const galleryCookies = new CookieJar(
    opts.galleryCookie ?? opts.cookie,
    redactor,
    galleryBaseUrl,
    opts.logger,
  );
  await galleryCookies.load().catch((e: unknown) => {
    opts.logger.warn(`The gallery cookie could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
  });
  const limiter = new Limiter(opts.config.maxConcurrency);
  const common = {
    userAgent: opts.config.userAgent ?? DEFAULT_USER_AGENT,
    maxConcurrency: opts.config.maxConcurrency,
    timeoutMs: opts.config.timeoutMs,
    logger: opts.logger,
    retry: opts.retry,
    maxBodyBytes: opts.config.maxBodyBytes,
    limiter,
  };
  const http = new HttpClient({ ...common, baseUrl: opts.config.baseUrl, cookies, host: 'studio' });
  const galleryHttp = new HttpClient({
    ...common,
    baseUrl: galleryBaseUrl,
    cookies: galleryCookies,
    host: 'gallery',
  });
  const ids = new IdPolicy(opts.config.idCheck);
  const json = new JsonClient(http, opts.config.cacheTtlMs, ids);
  const galleryJson = new JsonClient(galleryHttp, opts.config.cacheTtlMs);
  // Each resource class reads from Studio unless it says `static host = 'gallery'`.
  const resources = Object.fromEntries(
    Object.entries(RESOURCES).map(([name, Resource]) => [
      name,
      new Resource('host' in Resource && Resource.host === 'gallery' ? galleryJson : json, ids),
    ]),
  ) as Resources;
  return {
    ...resources,
    ids,
    cookies,
    galleryCookies,
    http,
    galleryHttp,
    redact: (text) => redactor.apply(text),
    close: async () => {
      await Promise.all([http.close(), galleryHttp.close()]);
    },
  };
}

// Where the cookies come from, as configured: a file (re-read when it changes) or the value itself. The
// gallery cookie is undefined when not configured apart: the Studio cookie is then tried on both hosts.
export function cookieSources(
  config: Pick<Config, 'cookie' | 'cookieFile' | 'galleryCookie' | 'galleryCookieFile'>,
): { cookie: CookieSource; galleryCookie: CookieSource | undefined } {
  const cookie: CookieSource = config.cookieFile
    ? { kind: 'file', path: config.cookieFile }
    : { kind: 'value', value: config.cookie ?? '' };
  const galleryCookie: CookieSource | undefined = config.galleryCookieFile
    ? { kind: 'file', path: config.galleryCookieFile }
    : config.galleryCookie
      ? { kind: 'value', value: config.galleryCookie }
      : undefined;
  return { cookie, galleryCookie };
}
