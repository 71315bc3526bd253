import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  CompleteRequestSchema,
  type CompleteResult,
  ErrorCode,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';
import { normalNumber } from '../pixieset/resources/invoices.js';
import { inCall } from './call.js';
import { rankedClients } from './clients/search-clients.js';
import type { Deps } from './define.js';

// Completion of ids (completion/complete): a client id from a name, email or phone typed, an invoice id from
// an invoice number. The answer is honest about what it left out: `total` is the number of matches when it
// is known, and `hasMore` is true whenever values were cut or the search did not see every candidate.

// The protocol's limit on values in one completion answer.
const MAX_VALUES = 100;
// A completion is typed, not waited for: past this the answer is what was found so far, with hasMore.
const COMPLETION_MS = 10_000;

const CLIENT_TEMPLATE = 'pixieset://clients/{client_id}';
const INVOICE_TEMPLATE = 'pixieset://invoices/{invoice_id}';

type Completion = CompleteResult['completion'];
const NONE: Completion = { values: [], total: 0, hasMore: false };

// A completion on the one call path, with a deadline of its own (it is typed, not waited for).
async function completing<T>(deps: Deps, signal: AbortSignal, work: Parameters<typeof inCall<T>>[2]) {
  const outcome = await inCall(deps, { name: 'completion', signal, deadlineMs: COMPLETION_MS }, work);
  if ('late' in outcome) throw new Error('the completion ran out of time');
  return outcome.value;
}

// Clients whose name, email or phone matches what was typed (accent-insensitive), best first, as ids.
async function completeClients(value: string, deps: Deps, signal: AbortSignal): Promise<Completion> {
  if (value.trim().length < 2) return NONE;
  try {
    const ids = (await completing(deps, signal, (ctx) => rankedClients(value, ctx))).map((c) => c.id);
    return { values: ids.slice(0, MAX_VALUES), total: ids.length, hasMore: ids.length > MAX_VALUES };
  } catch (error) {
    deps.logger.debug(`Client completion stopped: ${error instanceof Error ? error.message : error}`);
    return { values: [], hasMore: true };
  }
}

// Invoices whose number starts with what was typed ("INV-10"), or whose id does, newest first, over the same
// bounded scan get_invoice's invoice_number uses. A scan cut short (time, or more matches than one answer
// holds) answers what it found with hasMore and no total.
async function completeInvoices(value: string, deps: Deps, signal: AbortSignal): Promise<Completion> {
  const typed = normalNumber(value);
  if (typed.length < 2) return NONE;
  try {
    const { found, complete } = await completing(deps, signal, (ctx) =>
      ctx.pixieset.invoices.findMatching(
        (i) => normalNumber(i.invoice_number ?? '').startsWith(typed) || i.id.startsWith(value),
        { limit: MAX_VALUES, signal: ctx.signal },
      ),
    );
    const values = found.map((i) => i.id);
    return complete ? { values, total: values.length, hasMore: false } : { values, hasMore: true };
  } catch (error) {
    deps.logger.debug(`Invoice completion stopped: ${error instanceof Error ? error.message : error}`);
    return { values: [], hasMore: true };
  }
}

// What completion/complete can be asked about: the resource templates and the prompts (each with its
// arguments that take a client id) this server registered.
export interface Completable {
  templates: readonly string[];
  prompts: Readonly<Record<string, readonly string[]>>;
}

// Answers completion/complete for the resource templates and prompts this server registered.
export function registerCompletions(server: McpServer, deps: Deps, registered: Completable): void {
  const clients = registered.templates.includes(CLIENT_TEMPLATE);
  const invoices = registered.templates.includes(INVOICE_TEMPLATE);
  if (!clients && !invoices) return;
  server.server.setRequestHandler(CompleteRequestSchema, async (request, extra) => {
    const { ref, argument } = request.params;
    const signal = extra.signal;
    if (ref.type === 'ref/prompt') {
      // An unknown prompt is the caller's mistake; a known one with nothing to complete has no values.
      const clientArgs = Object.hasOwn(registered.prompts, ref.name)
        ? registered.prompts[ref.name]
        : undefined;
      if (!clientArgs) throw new McpError(ErrorCode.InvalidParams, `Prompt ${ref.name} not found`);
      if (clients && clientArgs.includes(argument.name))
        return { completion: await completeClients(argument.value, deps, signal) };
      return { completion: NONE };
    }
    if (!registered.templates.includes(ref.uri))
      throw new McpError(ErrorCode.InvalidParams, `Resource template ${ref.uri} not found`);
    if (ref.uri === CLIENT_TEMPLATE && argument.name === 'client_id')
      return { completion: await completeClients(argument.value, deps, signal) };
    if (ref.uri === INVOICE_TEMPLATE && argument.name === 'invoice_id')
      return { completion: await completeInvoices(argument.value, deps, signal) };
    return { completion: NONE };
  });
}
