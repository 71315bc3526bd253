import { stat } from 'node:fs/promises';
import { type Config, DEFAULT_BASE_URL, DEFAULT_GALLERY_BASE_URL } from './config.js';
import { harReport } from './drift/har.js';
import { probe } from './drift/probe.js';
import { exitCodeOf, renderReport } from './drift/report.js';
import type { Logger } from './log.js';
import { cookieSources, createPixiesetApi } from './pixieset/api.js';
import { CookieFileError, type CookieSource } from './pixieset/cookie-jar.js';
import {
  AuthError,
  BlockedError,
  CsrfError,
  NetworkError,
  NotFoundError,
  PixiesetError,
  TimeoutError,
} from './pixieset/errors.js';
import { errorText } from './tools/error-text.js';

export interface DoctorIo {
  // Writes one line of the report.
  say(line: string): void;
  // The command a host should run, for the config snippet.
  platform: NodeJS.Platform;
  // The real path of the script being run (dist/index.js), so the snippet starts the server the same way.
  entry?: string | undefined;
  // The path the script was run by (argv[1] before links are resolved): the pixieset-mcp command or a file.
  invoked?: string | undefined;
  // --probe: after the checks, the drift report of every endpoint; --json: only that report, as JSON.
  probe?: boolean;
  json?: boolean;
  // The pause between the probe's requests (ms); tests shorten it.
  probePauseMs?: number;
}

const FRESH_COOKIE = [
  'How to copy a fresh Cookie header:',
  '  1. Log in to https://studio.pixieset.com in your browser.',
  '  2. Open DevTools (F12, or Cmd+Opt+I on a Mac) → Network, and reload the page.',
  '  3. Click a request to studio.pixieset.com/api (filter: api/v1) → Request Headers → Cookie.',
  '  4. Copy the whole value into the cookie file (PIXIESET_COOKIE_FILE) and run `pixieset-mcp doctor` again.',
];

const FRESH_GALLERY_COOKIE = [
  'How to give the gallery host its own cookie:',
  '  1. Log in to https://galleries.pixieset.com in your browser (the galleries dashboard).',
  '  2. Open DevTools → Network, reload, and click a request to galleries.pixieset.com/api.',
  '  3. Copy the whole Cookie request header into a file (chmod 600) and set PIXIESET_GALLERY_COOKIE_FILE to it.',
];

// Checks the configuration and the session with one cheap request; returns the exit code (0 usable, 1 not).
export async function runDoctor(config: Config, logger: Logger, io: DoctorIo): Promise<number> {
  // With --json, stdout carries the JSON report alone: the human lines go nowhere.
  const say = io.json ? () => {} : io.say;
  let problems = 0;
  say('pixieset-mcp doctor');
  say('');
  let cookie: CookieSource;
  if (config.cookieFile) {
    say(`Cookie:      from the file ${config.cookieFile} (PIXIESET_COOKIE_FILE)`);
    cookie = { kind: 'file', path: config.cookieFile };
    try {
      const s = await stat(config.cookieFile);
      if ((s.mode & 0o077) !== 0) {
        say(
          `  warning: the cookie file can be read by other users (mode ${(s.mode & 0o777).toString(8)}). It is as powerful as your password: run  chmod 600 "${config.cookieFile}"`,
        );
      }
    } catch {
      // The client's own load reports a missing or unreadable file below.
    }
  } else {
    say(
      'Cookie:      from PIXIESET_COOKIE (consider PIXIESET_COOKIE_FILE, so the secret is not in a host config)',
    );
    cookie = { kind: 'value', value: config.cookie ?? '' };
  }
  say(
    `Galleries:   ${config.galleryCookieFile ? `the cookie from ${config.galleryCookieFile} (PIXIESET_GALLERY_COOKIE_FILE)` : config.galleryCookie ? 'the cookie from PIXIESET_GALLERY_COOKIE' : 'the Studio cookie (set PIXIESET_GALLERY_COOKIE_FILE if the gallery host needs its own)'}`,
  );
  say(`Base URL:    ${config.baseUrl}${config.baseUrl === DEFAULT_BASE_URL ? ' (default)' : ''}`);
  if (config.galleryBaseUrl !== DEFAULT_GALLERY_BASE_URL) say(`Gallery URL: ${config.galleryBaseUrl}`);
  say(`Read-only:   ${config.readOnly ? 'yes — the create tools are not offered' : 'no'}`);
  say(
    `Currency:    ${config.currency.toUpperCase()}${config.currencySet ? ' (PIXIESET_CURRENCY)' : " (the default; set PIXIESET_CURRENCY to your studio's currency if it is not USD)"}`,
  );
  say(
    `User-Agent:  ${config.userAgent ? "your browser's (PIXIESET_USER_AGENT)" : 'the default (set PIXIESET_USER_AGENT if Cloudflare blocks you)'}`,
  );
  if (config.auditLog) say(`Audit log:   ${config.auditLog}`);
  say('');

  let client: Awaited<ReturnType<typeof createPixiesetApi>> | undefined;
  // Each verdict comes from its own check only.
  let studioOk = false;
  try {
    client = await createPixiesetApi({
      config,
      cookie,
      galleryCookie: cookieSources(config).galleryCookie,
      logger,
      retry: { maxAttempts: 1 },
    });
    const names = client.cookies.cookieNames();
    say(
      `The cookie holds ${names.length} cookie${names.length === 1 ? '' : 's'}${names.some((n) => n.toUpperCase().endsWith('XSRF-TOKEN')) ? ', including the XSRF token needed to create things' : '; no XSRF-TOKEN cookie, so creating clients or invoices will fail (copy the whole Cookie header)'}.`,
    );
    const page = await client.clients.list({ page: 1, perPage: 1 });
    const total = page.meta.total;
    say(
      `OK: signed in to Pixieset Studio${total === undefined ? '' : `; ${total} client${total === 1 ? '' : 's'} visible`}.`,
    );
    studioOk = true;
  } catch (error) {
    problems++;
    say(`NOT OK: ${verdict(error, config.baseUrl, 'PIXIESET_BASE_URL', DEFAULT_BASE_URL)}`);
    if (error instanceof AuthError || error instanceof CsrfError || error instanceof CookieFileError) {
      for (const line of FRESH_COOKIE) say(line);
    }
  }
  // The Gallery API, checked on its own: the Studio tools work whatever it says.
  if (client) {
    try {
      const me = await client.galleries.bootstrap();
      say(`OK: signed in to Pixieset galleries${me.businessName ? ` as ${me.businessName}` : ''}.`);
    } catch (error) {
      problems++;
      say(
        `NOT OK (galleries): ${verdict(error, config.galleryBaseUrl, 'PIXIESET_GALLERY_BASE_URL', DEFAULT_GALLERY_BASE_URL)} ${studioOk ? 'The Studio tools work; the gallery tools will not until this is fixed.' : 'The gallery tools will not work until this is fixed.'}`,
      );
      if (error instanceof AuthError) for (const line of FRESH_GALLERY_COOKIE) say(line);
    }
  }
  let drift = 0;
  if (io.probe && client) {
    const verdicts = await probe(client, io.probePauseMs ?? 250);
    drift = exitCodeOf(verdicts);
    if (io.json) io.say(JSON.stringify({ endpoints: verdicts }, null, 2));
    else {
      say('');
      say(
        renderReport(
          'Probe: every endpoint this server uses, one GET each (shapes only, no values):',
          verdicts,
        ),
      );
    }
  } else if (io.probe && io.json) {
    io.say(JSON.stringify({ endpoints: [], error: 'The session check failed; nothing was probed.' }));
  }
  await client?.close();
  if (io.json) return problems === 0 && drift === 0 ? 0 : 1;
  say('');
  say(
    'Paste this into your MCP host (Claude Desktop: claude_desktop_config.json; see the README for others):',
  );
  say(snippet(config, io.platform, io.entry, io.invoked));
  return problems === 0 && drift === 0 ? 0 : 1;
}

// `pixieset-mcp har FILE`: the drift report from a HAR file, offline. Returns the exit code.
export async function harCommand(file: string, json: boolean, say: (line: string) => void): Promise<number> {
  let report: Awaited<ReturnType<typeof harReport>>;
  try {
    report = await harReport(file);
  } catch (error) {
    say(
      `pixieset-mcp har: ${error instanceof Error ? error.message.replace(/^ENOENT.*/, `${file} does not exist.`) : String(error)}`,
    );
    return 2;
  }
  if (json) say(JSON.stringify({ endpoints: report.verdicts, unknown_endpoints: report.unknown }, null, 2));
  else
    say(
      renderReport(
        `From ${report.verdicts.length} known endpoints in the HAR file (shapes only, no values):`,
        report.verdicts,
        report.unknown,
      ),
    );
  return exitCodeOf(report.verdicts);
}

// What went wrong, for one host: `url` and `setting` name where it is configured.
function verdict(error: unknown, url: string, setting: string, fallback: string): string {
  if (error instanceof CookieFileError) return error.message;
  if (error instanceof AuthError)
    return 'the session has expired or the cookie is wrong (Pixieset sent you to log in).';
  if (error instanceof BlockedError) {
    return "Pixieset's bot protection (Cloudflare) blocked the request. Run this on the computer whose browser the cookie came from, set PIXIESET_USER_AGENT to that browser's User-Agent, wait a few minutes, and try again — not in a loop.";
  }
  if (error instanceof NotFoundError) {
    return `${url} has no ${error.endpoint ?? 'such'} endpoint (HTTP ${error.status}). ${setting} looks wrong; remove it to use ${fallback}.`;
  }
  if (error instanceof NetworkError || error instanceof TimeoutError) {
    return `${error.message} Check the internet connection and ${setting} (${url}).`;
  }
  if (error instanceof PixiesetError) return errorText(error);
  return error instanceof Error ? error.message : String(error);
}

// How a host should start the server, matching how this process was started: by the pixieset-mcp command
// (a global install, or `npm install -g .` from a clone, which links it), from a clone (node and the absolute
// path of dist/index.js), or through npx. `entry` is the script's real path, `invoked` the path it was run by.
export function launchCommand(
  platform: NodeJS.Platform,
  entry: string | undefined,
  invoked?: string | undefined,
): { command: string; args: string[] } {
  const path = (entry ?? '').replace(/\\/g, '/');
  const ran = (invoked ?? entry ?? '').replace(/\\/g, '/');
  const npx = /\/_npx\//.test(path) || /\/_npx\//.test(ran);
  const byCommand =
    /(^|\/)pixieset-mcp(\.cmd|\.ps1)?$/i.test(ran) || /\/node_modules\/pixieset-mcp\//.test(ran);
  if (entry && !npx && (byCommand || /\/node_modules\/pixieset-mcp\//.test(path)))
    return platform === 'win32'
      ? { command: 'cmd', args: ['/c', 'pixieset-mcp'] }
      : { command: 'pixieset-mcp', args: [] };
  if (entry && !npx) return { command: 'node', args: [entry] };
  return platform === 'win32'
    ? { command: 'cmd', args: ['/c', 'npx', '-y', 'pixieset-mcp'] }
    : { command: 'npx', args: ['-y', 'pixieset-mcp'] };
}

// Secrets never go into a host config: each has a file form, which is written instead.
const SECRET_FILE: Record<string, string> = {
  PIXIESET_COOKIE: 'PIXIESET_COOKIE_FILE',
  PIXIESET_GALLERY_COOKIE: 'PIXIESET_GALLERY_COOKIE_FILE',
  PIXIESET_HTTP_TOKEN: 'PIXIESET_HTTP_TOKEN_FILE',
};

// The host config to paste: every setting that is not at its default, as the user gave it (files and names,
// never a secret value: a cookie or token given as a value is written as its *_FILE form, with a path to fill).
export function snippet(config: Config, platform: NodeJS.Platform, entry?: string, invoked?: string): string {
  const placeholder = (name: string) =>
    platform === 'win32'
      ? `C:\\Users\\you\\${name.toLowerCase().replace(/_/g, '-')}.txt`
      : `/path/to/${name.toLowerCase().replace(/_/g, '-')}.txt`;
  const env: Record<string, string> = {};
  env.PIXIESET_COOKIE_FILE = config.cookieFile ?? placeholder('pixieset-cookie');
  for (const [name, value] of Object.entries(config.given).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const file = SECRET_FILE[name];
    if (file) {
      if (config.given[file] === undefined) env[file] ??= placeholder(file.replace(/^PIXIESET_|_FILE$/g, ''));
    } else env[name] = value;
  }
  const run = launchCommand(platform, entry, invoked);
  return JSON.stringify({ mcpServers: { pixieset: { ...run, env } } }, null, 2);
}
