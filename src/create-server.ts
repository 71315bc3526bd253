import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SetLevelRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { Config, LogLevel } from './config.js';
import type { Logger } from './log.js';
import type { PixiesetApi } from './pixieset/api.js';
import { capabilities, instructions, serverInfo } from './server-identity.js';
import { registerCompletions } from './tools/completions.js';
import { FormValidator } from './tools/form-validator.js';
import type { InFlightCalls } from './tools/in-flight.js';
import { toolsFor } from './tools/index.js';
import { registerPrompts } from './tools/prompts.js';
import { registerTools } from './tools/register.js';
import { registerResources } from './tools/resources.js';
import { Audit } from './tools/writes/audit.js';
import { ConfirmationTokens } from './tools/writes/confirmation-tokens.js';
import { WriteJournal } from './tools/writes/write-journal.js';

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
  // The confirmation tokens of writes that email a client (a fresh store by default).
  tokens?: ConfirmationTokens;
  // The duplicate guard's memory of writes (shared by every HTTP session; a fresh one by default).
  journal?: WriteJournal;
}

// Builds the MCP server with every tool registered; no I/O, no module state, so tests can build many.
export function createServer({
  api,
  config,
  logger,
  audit,
  inFlight,
  lookDelaysMs,
  tokens,
  journal,
}: ServerDeps): McpServer {
  const server = new McpServer(serverInfo(config), {
    instructions: instructions(config),
    capabilities: capabilities(config),
    // Checks the answers to our confirmation forms (see form-validator.ts; the bundle leaves Ajv out).
    jsonSchemaValidator: new FormValidator(),
  });
  const deps = {
    pixieset: api,
    config,
    logger,
    journal: journal ?? new WriteJournal(),
    audit: audit ?? new Audit(logger, config.auditLog),
    tokens: tokens ?? new ConfirmationTokens(),
    ...(inFlight ? { inFlight } : {}),
    lookDelaysMs,
  };
  // Read-only mode: the write tools are not registered at all, so no host can call them; likewise the
  // tools, resources and prompts of toolsets not chosen.
  registerTools(server, toolsFor(config), deps);
  const templates = registerResources(server, deps, config.toolsets);
  registerCompletions(server, deps, { templates, prompts: registerPrompts(server, config.toolsets) });
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
