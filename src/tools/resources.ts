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

// Registers the resources of the chosen toolsets; returns the URI templates registered (for completions).
export function registerResources(server: McpServer, deps: Deps, toolsets: readonly Toolset[]): string[] {
  const has = (t: Toolset) => toolsets.includes(t);
  if (has('clients'))
    server.registerResource(
      'client',
      new ResourceTemplate('pixieset://clients/{client_id}', { list: undefined }),
      {
        title: 'A client',
        description: 'One client in full, as get_client gives it.',
        mimeType: 'application/json',
      },
      (uri, vars, extra) =>
        readVia(getClient, { client_id: String(vars.client_id) }, uri.href, deps, extra.signal),
    );
  if (has('invoices')) {
    server.registerResource(
      'invoice',
      new ResourceTemplate('pixieset://invoices/{invoice_id}', { list: undefined }),
      {
        title: 'An invoice',
        description: 'One invoice with line items and payments, as get_invoice gives it.',
        mimeType: 'application/json',
      },
      (uri, vars, extra) =>
        readVia(getInvoice, { invoice_id: String(vars.invoice_id) }, uri.href, deps, extra.signal),
    );
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
  }
  if (has('contracts'))
    server.registerResource(
      'contract',
      new ResourceTemplate('pixieset://contracts/{contract_id}', { list: undefined }),
      {
        title: 'A contract',
        description: 'One contract with its signatures, as get_contract gives it.',
        mimeType: 'application/json',
      },
      (uri, vars, extra) =>
        readVia(getContract, { contract_id: String(vars.contract_id) }, uri.href, deps, extra.signal),
    );
  if (has('galleries'))
    server.registerResource(
      'gallery',
      new ResourceTemplate('pixieset://galleries/{gallery_id}', { list: undefined }),
      {
        title: 'A gallery',
        description: 'One gallery collection, as get_gallery gives it.',
        mimeType: 'application/json',
      },
      (uri, vars, extra) =>
        readVia(getGallery, { gallery_id: String(vars.gallery_id) }, uri.href, deps, extra.signal),
    );
  return [
    ...(has('clients') ? ['pixieset://clients/{client_id}'] : []),
    ...(has('invoices') ? ['pixieset://invoices/{invoice_id}'] : []),
    ...(has('contracts') ? ['pixieset://contracts/{contract_id}'] : []),
    ...(has('galleries') ? ['pixieset://galleries/{gallery_id}'] : []),
  ];
}
