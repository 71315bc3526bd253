import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { type CallToolResult, ListToolsRequestSchema, type Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../log.js';
import { isPixiesetError } from '../pixieset/errors.js';
import { advertise } from './advertise.js';
import { boundedError, boundedResult } from './answer.js';
import { inCall } from './call.js';
import type { Deps, ToolDef } from './define.js';
import { errorText, ToolError } from './error-text.js';

// One yes/no question to the human through MCP elicitation, tied to the tool call that asks it.
function confirmVia(server: McpServer, relatedRequestId: string | number, logger: Logger) {
  return async (message: string, signal: AbortSignal): Promise<'accept' | 'decline' | 'cancel'> => {
    let r: Awaited<ReturnType<typeof server.server.elicitInput>>;
    try {
      r = await server.server.elicitInput(
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
    } catch (error) {
      if (signal.aborted) throw error;
      // An answer that is not a yes (e.g. accepted with an empty form) is no confirmation: nothing is sent.
      logger.warn(
        `The confirmation did not come back as a yes: ${error instanceof Error ? error.message : error}`,
      );
      return 'decline';
    }
    if (r.action !== 'accept') return r.action;
    // Only a ticked box is a yes: accepting the form unticked, or with nothing in it, sends nothing.
    return r.content?.confirm === true ? 'accept' : 'decline';
  };
}

// Turns any thrown error into an isError result whose text says what happened and what to do next.
export function errorResult(
  error: unknown,
  tool: string,
  logger: Logger,
  mask: (s: string) => string = (s) => s,
): CallToolResult {
  if (isPixiesetError(error) || error instanceof ToolError) {
    logger.info(`${tool} failed: ${error.code}`, { endpoint: error.endpoint, status: error.status });
    return boundedError(errorText(error), mask);
  }
  const message = error instanceof Error ? error.message : String(error);
  logger.error(`${tool} failed unexpectedly: ${message}`);
  return boundedError(
    `Internal error in ${tool}: ${message}\nWhat to do: try again; if it repeats, report it to the pixieset-mcp maintainers with this message.`,
    mask,
  );
}

// The answer when a call's deadline passes: the server's own explanation, before the host gives up.
function deadlineResult(tool: ToolDef, ms: number, mask: (s: string) => string): CallToolResult {
  const write = !tool.annotations.readOnlyHint;
  return boundedError(
    `${tool.name} did not finish within ${Math.round(ms / 1000)} s (PIXIESET_CALL_TIMEOUT_MS): Pixieset answered too slowly, so the call was stopped.${write ? ' A create that was already sent may or may not have reached Pixieset.' : ''}\nWhat to do: ${write ? 'call it again with the same details: this server looks for the earlier attempt before sending, so nothing is created twice.' : 'try again in a minute, or narrow the request (a client_id, a status, a page); if it keeps happening, check studio.pixieset.com in the browser.'}`,
    mask,
  );
}

// The one loop that registers every tool, wrapping each handler once.
export function registerTools(server: McpServer, tools: ToolDef[], deps: Deps): void {
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
        const mask = (s: string) => deps.pixieset.redact(s);
        try {
          const outcome = await inCall(
            deps,
            {
              name: tool.name,
              signal: extra.signal,
              confirm: canAsk ? confirmVia(server, extra.requestId, deps.logger) : undefined,
              progress:
                token === undefined
                  ? undefined
                  : (done, total, message) => {
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
            },
            (ctx) => tool.handler(args as never, ctx),
          );
          if ('late' in outcome) return deadlineResult(tool, outcome.deadlineMs, mask);
          return boundedResult(outcome.value, mask, 'Narrow the request (a client_id, a status, or a page).');
        } catch (error) {
          return errorResult(error, tool.name, deps.logger, mask);
        }
      },
    );
  }
  // tools/list sends compact schemas (see advertise.ts), built on the first request and then reused.
  let listed: Tool[] | undefined;
  server.server.setRequestHandler(ListToolsRequestSchema, () => {
    listed ??= tools.map((t) => advertise(t, deps.config.ui));
    return { tools: listed };
  });
}
