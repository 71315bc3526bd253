// The settings the server runs with; built only by loadConfig. This module has no dependencies on purpose:
// it runs before the server code is loaded, so a bad setting is reported at once.
// The toolsets a user can choose (PIXIESET_TOOLSETS / --toolsets); validate_id is in every selection.
export const TOOLSETS = [
  'clients',
  'invoices',
  'payments',
  'contracts',
  'sessions',
  'galleries',
  'inbox',
] as const;
export type Toolset = (typeof TOOLSETS)[number];

export interface Config {
  cookie: string | undefined;
  cookieFile: string | undefined;
  baseUrl: string;
  // The Gallery API (photo delivery) and the cookie for it, when it is not the Studio one.
  galleryBaseUrl: string;
  galleryCookie: string | undefined;
  galleryCookieFile: string | undefined;
  currency: string;
  // Whether PIXIESET_CURRENCY was set (doctor says when the default is in use).
  currencySet: boolean;
  userAgent: string | undefined;
  maxConcurrency: number;
  timeoutMs: number;
  logLevel: LogLevel;
  idCheck: 'strict' | 'lenient' | 'auto';
  sandbox: boolean;
  // The areas offered (PIXIESET_TOOLSETS / --toolsets): tools, resources, prompts and instructions of others
  // are left out.
  toolsets: Toolset[];
  // HTTP transport: the bearer token (PIXIESET_HTTP_TOKEN), where a generated one is kept, more host names
  // to accept (PIXIESET_HTTP_ALLOWED_HOSTS, e.g. a tunnel's).
  httpToken: string | undefined;
  httpTokenFile: string;
  httpAllowedHosts: string[];
  // http --oauth: the https address hosts see, the owner passphrase's file, and the grants' file.
  httpPublicUrl: string | undefined;
  // PIXIESET_UI: the MCP Apps views of three tools' results (on by default).
  ui: boolean;
  httpPassphraseFile: string;
  httpGrantsFile: string;
  httpMaxSessions: number;
  httpIdleMs: number;
  // --sandbox-variant: a documented variant of the API the sandbox serves.
  sandboxVariant: 'guide' | 'docs' | 'other-ids' | undefined;
  // --sandbox-scale: the sandbox's studio, small (the demo) or large (a decade of a busy studio).
  sandboxScale: 'small' | 'large';
  readOnly: boolean;
  auditLog: string | undefined;
  cacheTtlMs: number;
  // The largest response body read from Pixieset, in bytes (PIXIESET_MAX_BODY_MB).
  maxBodyBytes: number;
  // One deadline for a whole tool call, retries and reconciliation included (PIXIESET_CALL_TIMEOUT_MS).
  callTimeoutMs: number;
  // Every PIXIESET_* variable that was set, as given (secrets too: only doctor reads this, to print the host
  // config with the non-secret ones), with the command-line options that stand for one (--read-only,
  // --toolsets) written as that variable.
  given: Record<string, string>;
}

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export const DEFAULT_BASE_URL = 'https://studio.pixieset.com/api/v1';
export const DEFAULT_GALLERY_BASE_URL = 'https://galleries.pixieset.com/api/v1';

// Thrown by loadConfig with every problem found, each naming the variable and the fix.
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Configuration problem${problems.length > 1 ? 's' : ''}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

// Options that come from the command line rather than the environment.
export interface CliOverrides {
  sandbox?: boolean;
  // --read-only: on top of PIXIESET_READ_ONLY (either one turns it on).
  readOnly?: boolean;
  sandboxVariant?: string | undefined;
  sandboxScale?: string | undefined;
  // --toolsets: on top of PIXIESET_TOOLSETS (the flag wins).
  toolsets?: string | undefined;
}

const isLoopback = (host: string) =>
  host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);

// Reads settings from an env object, collecting every problem instead of stopping at the first.
class Reader {
  readonly problems: string[] = [];
  readonly given: Record<string, string> = {};
  constructor(private readonly env: Record<string, string | undefined>) {}

  // Hosts often pass unset variables as empty strings: treat those as unset.
  raw(name: string): string | undefined {
    const v = this.env[name];
    if (v === undefined || v.trim() === '') return undefined;
    this.given[name] = v.trim();
    return v;
  }

  int(name: string, min: number, max: number, fallback: number): number {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const n = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
    if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
    this.problems.push(
      `${name} must be a whole number from ${min} to ${max} (got "${raw}"); remove it to use the default ${fallback}.`,
    );
    return fallback;
  }

  oneOf<T extends string>(name: string, values: readonly T[], fallback: T): T {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const v = raw.trim().toLowerCase() as T;
    if (values.includes(v)) return v;
    this.problems.push(
      `${name} must be one of ${values.join(', ')} (got "${raw}"); remove it to use the default ${fallback}.`,
    );
    return fallback;
  }

  bool(name: string): boolean {
    const raw = this.raw(name);
    if (raw === undefined) return false;
    const v = raw.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(v)) return true;
    if (['false', '0', 'no', 'off'].includes(v)) return false;
    this.problems.push(`${name} must be true or false (got "${raw}").`);
    return false;
  }

  baseUrl(name = 'PIXIESET_BASE_URL', fallback = DEFAULT_BASE_URL): string {
    const raw = this.raw(name);
    const value = (raw ?? fallback).trim().replace(/\/+$/, '');
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      this.problems.push(`${name} is not a URL (got "${raw}"); remove it to use ${fallback}.`);
      return fallback;
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
      this.problems.push(
        `${name} must use https:// (plain http is allowed only for 127.0.0.1/localhost), so the session cookie is never sent in the clear (got "${raw}").`,
      );
    }
    return value;
  }

  // A value sent as an HTTP header must be printable ASCII: anything else would make every request fail.
  // The message says where the bad character is, never the value (it may be a secret).
  headerSafe(name: string, value: string, what: string): void {
    const chars = [...value];
    const i = chars.findIndex((c) => !/^[\t\x20-\x7e]$/.test(c));
    if (i < 0) return;
    const code = `U+${(chars[i]?.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    this.problems.push(
      `${name} has a character (${code}) at position ${i + 1} that cannot be sent in an HTTP header. Copy ${what} again as plain text (typographic quotes or other non-ASCII characters often come from pasting through a word processor or chat).`,
    );
  }

  // Comma-separated toolsets; "all" (the default) is every one. An unknown name is a problem, named.
  toolsets(fromFlag: string | undefined): Config['toolsets'] {
    const ALL = TOOLSETS;
    const raw = fromFlag ?? this.raw('PIXIESET_TOOLSETS');
    if (raw === undefined) return [...ALL];
    const names = raw
      .split(',')
      .map((x) => x.trim().toLowerCase())
      .filter(Boolean);
    if (names.length === 0 || names.includes('all')) return [...ALL];
    const unknown = names.filter((n) => !(ALL as readonly string[]).includes(n));
    if (unknown.length) {
      this.problems.push(
        `${fromFlag === undefined ? 'PIXIESET_TOOLSETS' : '--toolsets'} names unknown toolset${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}; choose from ${ALL.join(', ')} or all (comma-separated).`,
      );
      return [...ALL];
    }
    return ALL.filter((t) => names.includes(t));
  }

  currency(): string {
    const raw = this.raw('PIXIESET_CURRENCY');
    if (raw === undefined) return 'usd';
    const v = raw.trim().toLowerCase();
    if (/^[a-z]{3}$/.test(v)) return v;
    this.problems.push(
      `PIXIESET_CURRENCY must be a three-letter ISO 4217 code such as usd, gbp, eur, cad or jpy (got "${raw}").`,
    );
    return 'usd';
  }
}

// Pure: reads only the given env object; reports every problem at once by throwing ConfigError.
// Where the server keeps its own files by default: ~/.config/pixieset-mcp.
const configDir = (env: Record<string, string | undefined>) =>
  `${(env.HOME ?? env.USERPROFILE ?? '.').replace(/[\\/]+$/, '')}/.config/pixieset-mcp`;

// PIXIESET_HTTP_GRANTS_FILE: who has OAuth access (read without the rest of the configuration by --list-grants).
export const grantsFileOf = (env: Record<string, string | undefined>) =>
  env.PIXIESET_HTTP_GRANTS_FILE?.trim() || `${configDir(env)}/oauth-grants.json`;

export function loadConfig(env: Record<string, string | undefined>, cli: CliOverrides = {}): Config {
  const r = new Reader(env);
  const cookie = r.raw('PIXIESET_COOKIE');
  if (cookie !== undefined && /[\r\n]/.test(cookie.trim())) {
    r.problems.push(
      'PIXIESET_COOKIE must be the Cookie header on one line; copy the value of the "Cookie" request header again, without line breaks.',
    );
  } else if (cookie !== undefined) r.headerSafe('PIXIESET_COOKIE', cookie.trim(), 'the Cookie header');
  const galleryCookie = r.raw('PIXIESET_GALLERY_COOKIE');
  if (galleryCookie !== undefined)
    r.headerSafe(
      'PIXIESET_GALLERY_COOKIE',
      galleryCookie.trim(),
      'the Cookie header of a request to galleries.pixieset.com',
    );
  const userAgent = r.raw('PIXIESET_USER_AGENT');
  if (userAgent !== undefined)
    r.headerSafe('PIXIESET_USER_AGENT', userAgent.trim(), "your browser's User-Agent");
  const cookieFile = r.raw('PIXIESET_COOKIE_FILE');
  const config: Config = {
    cookie: cookie?.trim(),
    cookieFile: cookieFile?.trim(),
    baseUrl: r.baseUrl(),
    galleryBaseUrl: r.baseUrl('PIXIESET_GALLERY_BASE_URL', DEFAULT_GALLERY_BASE_URL),
    galleryCookie: galleryCookie?.trim(),
    galleryCookieFile: r.raw('PIXIESET_GALLERY_COOKIE_FILE')?.trim(),
    currency: r.currency(),
    currencySet: r.raw('PIXIESET_CURRENCY') !== undefined,
    userAgent: userAgent?.trim(),
    maxConcurrency: r.int('PIXIESET_MAX_CONCURRENCY', 1, 8, 4),
    timeoutMs: r.int('PIXIESET_TIMEOUT_MS', 100, 300_000, 30_000),
    logLevel: r.oneOf('PIXIESET_LOG_LEVEL', ['error', 'warn', 'info', 'debug'] as const, 'info'),
    idCheck: r.oneOf('PIXIESET_ID_CHECK', ['auto', 'strict', 'lenient'] as const, 'auto'),
    sandbox: cli.sandbox ?? false,
    sandboxVariant: undefined,
    sandboxScale: 'small',
    httpToken: r.raw('PIXIESET_HTTP_TOKEN')?.trim(),
    httpTokenFile: r.raw('PIXIESET_HTTP_TOKEN_FILE')?.trim() ?? `${configDir(env)}/http-token`,
    httpPublicUrl: r.raw('PIXIESET_HTTP_PUBLIC_URL')?.trim() || undefined,
    ui: r.oneOf('PIXIESET_UI', ['on', 'off'] as const, 'on') === 'on',
    httpPassphraseFile:
      r.raw('PIXIESET_HTTP_OWNER_PASSPHRASE_FILE')?.trim() ?? `${configDir(env)}/owner-passphrase`,
    httpGrantsFile: grantsFileOf(env),
    httpMaxSessions: r.int('PIXIESET_HTTP_MAX_SESSIONS', 1, 1000, 16),
    httpIdleMs: r.int('PIXIESET_HTTP_IDLE_MINUTES', 1, 1440, 30) * 60_000,
    httpAllowedHosts: (r.raw('PIXIESET_HTTP_ALLOWED_HOSTS') ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean),
    toolsets: r.toolsets(cli.toolsets),
    readOnly: r.bool('PIXIESET_READ_ONLY') || (cli.readOnly ?? false),
    auditLog: r.raw('PIXIESET_AUDIT_LOG')?.trim(),
    cacheTtlMs: r.int('PIXIESET_CACHE_TTL_MS', 0, 3_600_000, 60_000),
    maxBodyBytes: r.int('PIXIESET_MAX_BODY_MB', 1, 64, 8) * 1024 * 1024,
    // Below the 60 s most hosts wait, so the server's own explanation arrives before the host gives up.
    callTimeoutMs: r.int('PIXIESET_CALL_TIMEOUT_MS', 1_000, 55_000, 45_000),
    given: r.given,
  };
  if (cli.readOnly) r.given.PIXIESET_READ_ONLY = 'true';
  if (cli.toolsets !== undefined) r.given.PIXIESET_TOOLSETS = cli.toolsets;
  if (!config.sandbox && cookie === undefined && cookieFile === undefined) {
    r.problems.push(
      'PIXIESET_COOKIE_FILE (or PIXIESET_COOKIE) is not set. Log in to studio.pixieset.com in your browser, open DevTools → Network, click any request to studio.pixieset.com/api, copy the whole "Cookie" request header into a file (chmod 600), and set PIXIESET_COOKIE_FILE to its path. To try the server without an account, run it with --sandbox.',
    );
  }
  if (cli.sandboxVariant !== undefined) {
    if (['guide', 'docs', 'other-ids'].includes(cli.sandboxVariant))
      config.sandboxVariant = cli.sandboxVariant as Config['sandboxVariant'];
    else r.problems.push(`--sandbox-variant must be guide, docs or other-ids (got "${cli.sandboxVariant}").`);
  }
  if (cli.sandboxScale !== undefined) {
    if (cli.sandboxScale === 'small' || cli.sandboxScale === 'large') config.sandboxScale = cli.sandboxScale;
    else r.problems.push(`--sandbox-scale must be small or large (got "${cli.sandboxScale}").`);
  }
  if (config.httpToken !== undefined && config.httpToken.length < 16)
    r.problems.push(
      'PIXIESET_HTTP_TOKEN must be at least 16 characters; leave it unset to have one generated.',
    );
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}
