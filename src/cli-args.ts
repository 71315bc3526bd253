// The command line: flags and the one subcommand, parsed without touching process.

export interface CliArgs {
  command: 'serve' | 'doctor' | 'help' | 'version';
  sandbox: boolean;
  readOnly: boolean;
}

export class UsageError extends Error {}

export const HELP = `pixieset-mcp — an MCP server for Pixieset Studio (unofficial; uses your Studio web session)

Usage:
  pixieset-mcp                 serve MCP over stdio (what an MCP host runs)
  pixieset-mcp --sandbox       serve against built-in demo data: no account, nothing leaves this computer
  pixieset-mcp --read-only     serve without the tools that create anything
  pixieset-mcp doctor          check the configuration and the session, then print a host config to paste
  pixieset-mcp --help | -h     this text
  pixieset-mcp --version | -v  the version

Configuration is read from the environment:
  PIXIESET_COOKIE_FILE   path of a file holding the Cookie header copied from your browser (recommended)
  PIXIESET_COOKIE        the Cookie header itself (instead of the file)
  PIXIESET_BASE_URL      default https://studio.pixieset.com/api/v1
  PIXIESET_CURRENCY      your studio's currency, default usd
  PIXIESET_USER_AGENT    your browser's User-Agent (helps with Cloudflare)
  PIXIESET_MAX_CONCURRENCY (default 4, max 8), PIXIESET_TIMEOUT_MS (default 30000),
  PIXIESET_LOG_LEVEL (error|warn|info|debug), PIXIESET_ID_CHECK (strict|lenient),
  PIXIESET_READ_ONLY (true|false), PIXIESET_AUDIT_LOG (a file: one JSON line per create attempt),
  PIXIESET_CACHE_TTL_MS (default 60000; 0 turns the read cache off)
See the README for how to copy the cookie and configure Claude Desktop, Claude Code, VS Code and Cursor.
`;

export function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = { command: 'serve', sandbox: false, readOnly: false };
  for (const a of argv) {
    if (a === '--sandbox') args.sandbox = true;
    else if (a === '--read-only') args.readOnly = true;
    else if (a === '--help' || a === '-h') args.command = 'help';
    else if (a === '--version' || a === '-v') args.command = 'version';
    else if (a === 'doctor' && args.command === 'serve') args.command = 'doctor';
    else throw new UsageError(`Unknown argument: ${a}`);
  }
  return args;
}
