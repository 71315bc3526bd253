// The command line: flags and the one subcommand, parsed without touching process.

export interface CliArgs {
  command: 'serve' | 'http' | 'doctor' | 'har' | 'help' | 'version';
  sandbox: boolean;
  readOnly: boolean;
  // doctor --probe: the drift report of every endpoint; --json: as JSON.
  probe: boolean;
  json: boolean;
  // har <file>: the drift report from a HAR file.
  harFile?: string;
  // --sandbox-variant NAME: a documented variant of the API for the sandbox.
  sandboxVariant?: string;
  // --sandbox-scale small|large: how big the sandbox's studio is.
  sandboxScale?: string;
  // --toolsets a,b: the areas offered.
  toolsets?: string;
  // http: --port, --host, --no-token, --oauth.
  port?: number;
  host?: string;
  noToken: boolean;
  oauth: boolean;
  // http --list-grants, --revoke CLIENT_ID, --revoke-all: manage OAuth access, then exit.
  grants?: { list: true } | { revoke: string } | { revokeAll: true };
}

export class UsageError extends Error {}

// What follows a usage error's one line, instead of the whole help.
export const USAGE_LINE =
  'Usage: pixieset-mcp [http | doctor [--probe] | har FILE] [options]; see pixieset-mcp --help';

export const HELP = `pixieset-mcp — an MCP server for Pixieset Studio (unofficial; uses your Studio web session)

Usage:
  pixieset-mcp                 serve MCP over stdio (what an MCP host runs)
  pixieset-mcp --sandbox       serve against built-in demo data: no account, nothing leaves this computer
  pixieset-mcp --read-only     serve without the tools that create or change anything
  pixieset-mcp --toolsets clients,invoices
                               offer only these areas (clients, invoices, payments, contracts, sessions,
                               galleries, inbox; default all); also PIXIESET_TOOLSETS
  pixieset-mcp http            serve MCP over Streamable HTTP at http://127.0.0.1:8787/mcp (--port, --host),
                               with a bearer token (PIXIESET_HTTP_TOKEN, or one generated into a file)
  pixieset-mcp http --sandbox --no-token
                               the same without a token: only with --sandbox, only on loopback
  pixieset-mcp http --oauth    also be an OAuth server for claude.ai, ChatGPT and the phone apps: each
                               connection approved on a consent page with your owner passphrase
  pixieset-mcp http --list-grants | --revoke CLIENT_ID | --revoke-all
                               who has OAuth access; end it (running servers too)
  pixieset-mcp doctor          check the configuration and the session, then print a host config to paste
  pixieset-mcp doctor --probe  also walk every endpoint the server uses (GET only) and report its shape, never
                               its values: what to attach to an issue when Pixieset changed something (--json)
  pixieset-mcp har FILE.har    the same report from a HAR file exported from the browser's DevTools (--json)
  pixieset-mcp --sandbox --sandbox-variant guide|docs|other-ids
                               the sandbox serving one of the documented variants of the API
  pixieset-mcp --sandbox --sandbox-scale large
                               the sandbox as a big studio: 5,000 clients, 25,000 invoices, 40,000 payments
  pixieset-mcp --help | -h     this text
  pixieset-mcp --version | -v  the version

Configuration is read from the environment:
  PIXIESET_COOKIE_FILE   path of a file holding the Cookie header copied from your browser (recommended)
  PIXIESET_COOKIE        the Cookie header itself (instead of the file)
  PIXIESET_BASE_URL      default https://studio.pixieset.com/api/v1
  PIXIESET_CURRENCY      your studio's currency, default usd
  PIXIESET_USER_AGENT    your browser's User-Agent (helps with Cloudflare)
  PIXIESET_MAX_CONCURRENCY (default 4, max 8), PIXIESET_TIMEOUT_MS (default 30000),
  PIXIESET_GALLERY_COOKIE_FILE / PIXIESET_GALLERY_COOKIE (the gallery host's cookie, if not the Studio one),
  PIXIESET_GALLERY_BASE_URL, PIXIESET_MAX_BODY_MB (default 8), PIXIESET_CALL_TIMEOUT_MS (default 45000),
  PIXIESET_LOG_LEVEL (error|warn|info|debug), PIXIESET_ID_CHECK (auto|strict|lenient),
  PIXIESET_READ_ONLY (true|false), PIXIESET_AUDIT_LOG (a file: one JSON line per create attempt),
  PIXIESET_CACHE_TTL_MS (default 60000; 0 turns the read cache off),
  PIXIESET_TOOLSETS (comma-separated areas, as --toolsets; default all),
  PIXIESET_UI (on|off: the interactive views of three tools' results, for hosts with MCP Apps; default on)
For http:
  PIXIESET_HTTP_TOKEN    the bearer token (at least 16 characters); unset, one is generated into
  PIXIESET_HTTP_TOKEN_FILE (default ~/.config/pixieset-mcp/http-token),
  PIXIESET_HTTP_ALLOWED_HOSTS (more host names to answer to, comma-separated; a bare name allows any port),
  PIXIESET_HTTP_MAX_SESSIONS (default 16), PIXIESET_HTTP_IDLE_MINUTES (default 30)
For http --oauth:
  PIXIESET_HTTP_PUBLIC_URL  the https address hosts reach this server at (a tunnel or reverse proxy)
  PIXIESET_HTTP_OWNER_PASSPHRASE_FILE (default ~/.config/pixieset-mcp/owner-passphrase; generated if absent),
  PIXIESET_HTTP_GRANTS_FILE (default ~/.config/pixieset-mcp/oauth-grants.json)
See the README for how to copy the cookie and configure Claude Desktop, Claude Code, VS Code and Cursor.
`;

export function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = {
    command: 'serve',
    sandbox: false,
    readOnly: false,
    probe: false,
    json: false,
    noToken: false,
    oauth: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--sandbox') args.sandbox = true;
    else if (a === '--probe') args.probe = true;
    else if (a === '--json') args.json = true;
    else if (a === 'http' && args.command === 'serve') args.command = 'http';
    else if (a === '--no-token') args.noToken = true;
    else if (a === '--oauth') args.oauth = true;
    else if (a === '--list-grants') args.grants = { list: true };
    else if (a === '--revoke-all') args.grants = { revokeAll: true };
    else if (a === '--revoke') {
      const id = argv[++i];
      if (!id)
        throw new UsageError('--revoke needs a client id (pixieset-mcp http --list-grants shows them)');
      args.grants = { revoke: id };
    } else if (a === '--port') {
      const v = argv[++i] ?? '';
      if (!/^\d{1,5}$/.test(v) || Number(v) > 65_535)
        throw new UsageError('--port needs a number from 0 to 65535');
      args.port = Number(v);
    } else if (a === '--host') {
      args.host = argv[++i];
      if (!args.host) throw new UsageError('--host needs an address, e.g. 127.0.0.1');
    } else if (a === '--toolsets') {
      args.toolsets = argv[++i];
      if (!args.toolsets)
        throw new UsageError(
          '--toolsets needs a list: clients,invoices,payments,contracts,sessions,galleries,inbox or all',
        );
    } else if (a === '--sandbox-variant') {
      args.sandboxVariant = argv[++i];
      if (!args.sandboxVariant)
        throw new UsageError('--sandbox-variant needs a name: guide, docs or other-ids');
    } else if (a === '--sandbox-scale') {
      args.sandboxScale = argv[++i];
      if (!args.sandboxScale) throw new UsageError('--sandbox-scale needs a size: small or large');
    } else if (a === 'har' && args.command === 'serve') {
      args.command = 'har';
      args.harFile = argv[++i];
      if (!args.harFile) throw new UsageError('har needs the path of a .har file');
    } else if (a === '--read-only') args.readOnly = true;
    else if (a === '--help' || a === '-h') args.command = 'help';
    else if (a === '--version' || a === '-v') args.command = 'version';
    else if (a === 'doctor' && args.command === 'serve') args.command = 'doctor';
    else throw new UsageError(`Unknown argument: ${a}`);
  }
  if (args.probe && args.command !== 'doctor')
    throw new UsageError('--probe goes with doctor: pixieset-mcp doctor --probe');
  if (args.json && args.command !== 'har' && !args.probe)
    throw new UsageError('--json goes with doctor --probe or har');
  if (args.sandboxVariant && !args.sandbox) throw new UsageError('--sandbox-variant goes with --sandbox');
  if (args.sandboxScale && !args.sandbox) throw new UsageError('--sandbox-scale goes with --sandbox');
  if ((args.port !== undefined || args.host !== undefined || args.noToken) && args.command !== 'http')
    throw new UsageError('--port, --host and --no-token go with http: pixieset-mcp http --port 8787');
  if ((args.oauth || args.grants) && args.command !== 'http')
    throw new UsageError(
      '--oauth, --list-grants, --revoke and --revoke-all go with http: pixieset-mcp http --oauth',
    );
  if (args.noToken && !args.sandbox)
    throw new UsageError('--no-token is refused outside the sandbox: pixieset-mcp http --sandbox --no-token');
  return args;
}
