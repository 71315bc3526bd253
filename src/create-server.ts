import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SetLevelRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { LogLevel } from './config.js';
import { capabilities, instructions, serverInfo } from './server-identity.js';
import { registerCompletions } from './tools/completions.js';
import type { Deps } from './tools/define.js';
import { FormValidator } from './tools/form-validator.js';
import { toolsFor } from './tools/index.js';
import { registerPrompts } from './tools/prompts.js';
import { registerTools } from './tools/register.js';
import { registerResources } from './tools/resources.js';
import { registerViews } from './tools/views.js';
import { Audit } from './tools/writes/audit.js';
import { ConfirmationTokens } from './tools/writes/confirmation-tokens.js';
import { WriteJournal } from './tools/writes/write-journal.js';

// The shared parts with their defaults filled in: a fresh audit (to the logger and PIXIESET_AUDIT_LOG), duplicate
// guard and token store unless given. One per process: every HTTP session shares it.
export function serverDeps(
  o: Pick<Deps, 'pixieset' | 'config' | 'logger'> & Partial<Omit<Deps, 'pixieset' | 'config' | 'logger'>>,
): Deps {
  return {
    ...o,
    audit: o.audit ?? new Audit(o.logger, o.config.auditLog),
    journal: o.journal ?? new WriteJournal(),
    tokens: o.tokens ?? new ConfirmationTokens(),
  };
}

// Builds the MCP server with every tool registered; no I/O, no module state, so tests can build many.
export function createServer(deps: Deps): McpServer {
  const { config } = deps;
  const server = new McpServer(serverInfo(config), {
    instructions: instructions(config),
    capabilities: capabilities(config),
    // Checks the answers to our confirmation forms (see form-validator.ts; the bundle leaves Ajv out).
    jsonSchemaValidator: new FormValidator(),
  });
  // Read-only mode: the write tools are not registered at all, so no host can call them; likewise the
  // tools, resources and prompts of toolsets not chosen.
  registerTools(server, toolsFor(config), deps);
  const templates = registerResources(server, deps, config.toolsets);
  registerViews(server, config);
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
