import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { Audit } from './audit.js';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import type { PixiesetClient } from './pixieset/client.js';
import { ALL_TOOLS } from './tools/index.js';
import { registerTools } from './tools/register.js';
import { WriteJournal } from './tools/write-journal.js';
import { VERSION } from './version.js';

export interface ServerDeps {
  client: PixiesetClient;
  config: Config;
  logger: Logger;
  // Defaults to one writing to the logger and PIXIESET_AUDIT_LOG.
  audit?: Audit;
}

const INSTRUCTIONS = `Works a photographer's Pixieset Studio through its (unofficial) web API.
- Ids carry their kind: cl_ client, in_ invoice, ip_ payment, co_ contract. Never guess one: get client ids from search_clients (or list_clients) and invoice ids from list_invoices / get_client_invoices.
- Search before get: find a person with search_clients, then use the id.
- Money comes as integer minor units (amount_minor, cents) plus a formatted string; quote the formatted string to people. create_invoice takes prices in major units ("2500.00").
- "What does X owe?" → get_client_invoices. "How much is outstanding overall?" → summarize_invoices.
- create_invoice with send_email: true emails the client: preview with dry_run and get the user's OK first.`;

// Builds the MCP server with every tool registered; no I/O, no module state, so tests can build many.
export function createServer({ client, config, logger, audit }: ServerDeps): McpServer {
  const sandboxNote = config.sandbox
    ? "\nTHIS IS THE SANDBOX: demo data on this computer, not the user's real studio. Say so when showing results."
    : '';
  const readOnlyNote = config.readOnly ? '\nREAD-ONLY MODE: this server cannot create anything.' : '';
  const server = new McpServer(
    { name: config.sandbox ? 'pixieset-mcp (sandbox)' : 'pixieset-mcp', version: VERSION },
    { instructions: INSTRUCTIONS + sandboxNote + readOnlyNote, capabilities: { logging: {} } },
  );
  // Read-only mode: the write tools are not registered at all, so no host can call them.
  const tools = config.readOnly ? ALL_TOOLS.filter((t) => t.annotations.readOnlyHint) : ALL_TOOLS;
  registerTools(server, tools, {
    pixieset: client,
    config,
    logger,
    journal: new WriteJournal(),
    audit: audit ?? new Audit(logger, config.auditLog),
  });
  return server;
}
