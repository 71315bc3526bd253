import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SetLevelRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { Audit } from './audit.js';
import type { Config, LogLevel } from './config.js';
import type { Logger } from './log.js';
import type { PixiesetApi } from './pixieset/api.js';
import { instructions, serverInfo } from './server-identity.js';
import type { InFlightCalls } from './tools/in-flight.js';
import { ALL_TOOLS } from './tools/index.js';
import { registerTools } from './tools/register.js';
import { WriteJournal } from './tools/write-journal.js';

export interface ServerDeps {
  api: PixiesetApi;
  config: Config;
  logger: Logger;
  // Defaults to one writing to the logger and PIXIESET_AUDIT_LOG.
  audit?: Audit;
  // Tracks tool calls under way, for a clean shutdown.
  inFlight?: InFlightCalls;
  // When a failed write's reconciliation looks (ms between looks); tests shorten it.
  lookDelaysMs?: number[];
}

// Builds the MCP server with every tool registered; no I/O, no module state, so tests can build many.
export function createServer({ api, config, logger, audit, inFlight, lookDelaysMs }: ServerDeps): McpServer {
  const server = new McpServer(serverInfo(config), {
    instructions: instructions(config),
    capabilities: { logging: {} },
  });
  // Read-only mode: the write tools are not registered at all, so no host can call them.
  const tools = config.readOnly ? ALL_TOOLS.filter((t) => t.annotations.readOnlyHint) : ALL_TOOLS;
  registerTools(server, tools, {
    pixieset: api,
    config,
    logger,
    journal: new WriteJournal(),
    audit: audit ?? new Audit(logger, config.auditLog),
    ...(inFlight ? { inFlight } : {}),
    lookDelaysMs,
  });
  return server;
}

const SEVERITY: Record<string, number> = {
  debug: 0,
  info: 1,
  notice: 2,
  warning: 3,
  error: 4,
  critical: 5,
  alert: 6,
  emergency: 7,
};

// Sends log lines to the connected client as notifications/message (the logging capability). Until the client
// chooses a level with logging/setLevel, only warnings and errors are sent.
export function clientLogSink(server: McpServer): (line: string, level: LogLevel) => void {
  let wanted = 'warning';
  server.server.setRequestHandler(SetLevelRequestSchema, async (request) => {
    wanted = request.params.level;
    return {};
  });
  return (line, level) => {
    const mcpLevel = level === 'warn' ? 'warning' : level;
    if ((SEVERITY[mcpLevel] ?? 0) < (SEVERITY[wanted] ?? 0)) return;
    const data = line.replace(/^\[pixieset-mcp\] \w+: /, '').trimEnd();
    server.server.sendLoggingMessage({ level: mcpLevel, logger: 'pixieset-mcp', data }).catch(() => {});
  };
}
