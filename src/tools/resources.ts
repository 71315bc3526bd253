import { type McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError, type ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { InvalidIdError, isPixiesetError } from '../pixieset/errors.js';
import type { Toolset } from '../server-identity.js';
import { boundedResult } from './answer.js';
import { inCall } from './call.js';
import { getClient } from './clients/get-client.js';
import { getContract } from './contracts/get-contract.js';
import type { Deps, ToolDef } from './define.js';
import { errorText, ToolError } from './error-text.js';
import { getGallery } from './galleries/get-gallery.js';
import { getInvoice } from './invoices/get-invoice.js';
import { getReceivables } from './invoices/get-receivables.js';

// Resources: what a host can attach to a conversation. Each is the same compact text and JSON the matching
// get_* tool answers, read through the same client, cache, masking and size cap.

// Runs a tool's handler for a resource read, on the one call path (deadline, tracking), and returns its answer
// as resource contents.
async function readVia(
  tool: ToolDef,
  args: Record<string, unknown>,
  uri: string,
  deps: Deps,
  signal: AbortSignal,
): Promise<ReadResourceResult> {
  try {
    const outcome = await inCall(deps, { name: `resource ${tool.name}`, signal }, (ctx) =>
      tool.handler(tool.inputSchema.parse(args) as never, ctx),
    );
    if ('late' in outcome)
      throw new McpError(
        ErrorCode.InternalError,
        `Reading ${uri} did not finish within ${Math.round(outcome.deadlineMs / 1000)} s (PIXIESET_CALL_TIMEOUT_MS): Pixieset answered too slowly. Try again in a minute.`,
      );
    const r = boundedResult(outcome.value, (s) => deps.pixieset.redact(s), 'Narrow the request.');
    const text = r.content[0]?.type === 'text' ? r.content[0].text : '';
    return {
      contents: [
        { uri, mimeType: 'text/plain', text },
        { uri, mimeType: 'application/json', text: JSON.stringify(r.structuredContent) },
      ],
    };
  } catch (error) {
    if (error instanceof McpError) throw error;
    // A malformed id (nothing was sent) is the caller's mistake; a missing object is "not found".
    const message = isPixiesetError(error) || error instanceof ToolError ? errorText(error) : String(error);
    const code =
      error instanceof InvalidIdError
        ? ErrorCode.InvalidParams
        : isPixiesetError(error) && error.code === 'not_found'
          ? -32002
          : ErrorCode.InternalError;
    throw new McpError(code, deps.pixieset.redact(message));
  }
}

// The resources that are one object each: read as the matching get_* tool answers, with the URI's one
// variable as that tool's argument.
const TEMPLATES: Array<{
  toolset: Toolset;
  name: string;
  arg: string;
  title: string;
  tool: ToolDef;
  what: string;
}> = [
  {
    toolset: 'clients',
    name: 'client',
    arg: 'client_id',
    tool: getClient,
    title: 'A client',
    what: 'One client in full',
  },
  {
    toolset: 'invoices',
    name: 'invoice',
    arg: 'invoice_id',
    tool: getInvoice,
    title: 'An invoice',
    what: 'One invoice with line items and payments',
  },
  {
    toolset: 'contracts',
    name: 'contract',
    arg: 'contract_id',
    tool: getContract,
    title: 'A contract',
    what: 'One contract with its signatures',
  },
  {
    toolset: 'galleries',
    name: 'gallery',
    arg: 'gallery_id',
    tool: getGallery,
    title: 'A gallery',
    what: 'One gallery collection',
  },
];

// Registers the resources of the chosen toolsets; returns the URI templates registered (for completions).
export function registerResources(server: McpServer, deps: Deps, toolsets: readonly Toolset[]): string[] {
  const registered: string[] = [];
  for (const r of TEMPLATES) {
    if (!toolsets.includes(r.toolset)) continue;
    const uri = `pixieset://${r.name === 'gallery' ? 'galleries' : `${r.name}s`}/{${r.arg}}`;
    server.registerResource(
      r.name,
      new ResourceTemplate(uri, { list: undefined }),
      { title: r.title, description: `${r.what}, as ${r.tool.name} gives it.`, mimeType: 'application/json' },
      (u, vars, extra) => readVia(r.tool, { [r.arg]: String(vars[r.arg]) }, u.href, deps, extra.signal),
    );
    registered.push(uri);
  }
  if (toolsets.includes('invoices'))
    server.registerResource(
      'receivables',
      'pixieset://studio/receivables',
      {
        title: 'Who owes what',
        description: "Today's aged receivables, as get_receivables gives them.",
        mimeType: 'application/json',
      },
      (uri, extra) => readVia(getReceivables, {}, uri.href, deps, extra.signal),
    );
  return registered;
}
