import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { Audit } from './audit.js';
import type { Config } from './config.js';
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
