import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { type CallToolResult, ListToolsRequestSchema, type Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Audit } from '../audit.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { PixiesetClient } from '../pixieset/client.js';
import { isPixiesetError } from '../pixieset/errors.js';
import { advertise } from './advertise.js';
import type { ToolContext, ToolDef } from './define.js';
import type { InFlightCalls } from './in-flight.js';
import { capText } from './render.js';
import type { WriteJournal } from './write-journal.js';

export interface RegisterDeps {
  pixieset: PixiesetClient;
  config: Config;
  logger: Logger;
  journal: WriteJournal;
  audit: Audit;
  inFlight?: InFlightCalls;
}

// One yes/no question to the human through MCP elicitation, tied to the tool call that asks it.
function confirmVia(server: McpServer, signal: AbortSignal, relatedRequestId: string | number) {
  return async (message: string): Promise<'accept' | 'decline' | 'cancel'> => {
    const r = await server.server.elicitInput(
      {
        message,
        requestedSchema: {
          type: 'object',
          properties: {
            confirm: { type: 'boolean', title: 'Go ahead', description: message, default: true },
          },
          required: ['confirm'],
        },
      },
      { signal, relatedRequestId },
    );
    if (r.action !== 'accept') return r.action;
    // Accepting the form with the box unticked is a no.
    return r.content?.confirm === false ? 'decline' : 'accept';
  };
}

// Turns any thrown error into an isError result whose text says what happened and what to do next.
export function errorResult(error: unknown, tool: string, logger: Logger): CallToolResult {
  if (isPixiesetError(error)) {
    logger.info(`${tool} failed: ${error.code}`, { endpoint: error.endpoint, status: error.status });
    return { isError: true, content: [{ type: 'text', text: error.forModel() }] };
  }
  const message = error instanceof Error ? error.message : String(error);
  logger.error(`${tool} failed unexpectedly: ${message}`);
  return {
    isError: true,
    content: [
      {
        type: 'text',
        text: `Internal error in ${tool}: ${message}\nWhat to do: try again; if it repeats, report it to the pixieset-mcp maintainers with this message.`,
      },
    ],
  };
}

// The one loop that registers every tool, wrapping each handler once.
export function registerTools(server: McpServer, tools: ToolDef[], deps: RegisterDeps): void {
  for (const tool of tools) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.inputSchema,
        outputSchema: tool.outputSchema,
        annotations: tool.annotations,
      },
      async (args: unknown, extra): Promise<CallToolResult> => {
        const token = extra._meta?.progressToken;
        const canAsk = Boolean(server.server.getClientCapabilities()?.elicitation);
        const ctx: ToolContext = {
          ...deps,
          signal: extra.signal,
          confirm: canAsk ? confirmVia(server, extra.signal, extra.requestId) : undefined,
          progress: (done, total, message) => {
            if (token === undefined) return;
            extra
              .sendNotification({
                method: 'notifications/progress',
                params: {
                  progressToken: token,
                  progress: done,
                  ...(total === undefined ? {} : { total }),
                  ...(message ? { message } : {}),
                },
              })
              .catch(() => {});
          },
        };
        try {
          const work = tool.handler(args as never, ctx);
          const answer = await (deps.inFlight ? deps.inFlight.track(tool.name, work) : work);
          return {
            content: [
              {
                type: 'text',
                text: capText(answer.text, 'Narrow the request (a client_id, a status, or a page).'),
              },
            ],
            structuredContent: answer.structured as Record<string, unknown>,
          };
        } catch (error) {
          return errorResult(error, tool.name, deps.logger);
        }
      },
    );
  }
  // tools/list sends compact schemas (see advertise.ts), built on the first request and then reused.
  let listed: Tool[] | undefined;
  server.server.setRequestHandler(ListToolsRequestSchema, () => {
    listed ??= tools.map(advertise);
    return { tools: listed };
  });
}
