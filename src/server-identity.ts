import type { Config } from './config.js';
import { VERSION } from './version.js';

// What the server says about itself in `initialize`. Dependency-free, because the bootstrap answers
// `initialize` with it before the MCP SDK is loaded; createServer uses the same values.

const INSTRUCTIONS = `Works a photographer's Pixieset Studio through its (unofficial) web API.
- Ids carry their kind: cl_ client, in_ invoice, ip_ payment, co_ contract, qu_ questionnaire, ses_ session. Never guess one: get client ids from search_clients (or list_clients) and invoice ids from list_invoices / get_client_invoices.
- Search before get: find a person with search_clients, then use the id.
- Money comes as integer minor units (amount_minor, cents) plus a formatted string; quote the formatted string to people. create_invoice takes prices in major units ("2500.00").
- "What does X owe?" → get_client_invoices. "How much is outstanding overall?" → summarize_invoices. "Who owes me and how late?" → get_receivables. "What came in?" → list_payments. "What did I earn?" → revenue_report. An invoice by its number → get_invoice with invoice_number. Everything about one client → get_client_overview. Photo delivery (galleries, their expiry, downloads and favourites) → list_galleries, get_gallery, get_gallery_activity; gallery ids are plain numbers.
- create_invoice with send_email: true emails the client: preview with dry_run and get the user's OK first.`;

export function serverInfo(config: Pick<Config, 'sandbox'>): { name: string; version: string } {
  return { name: config.sandbox ? 'pixieset-mcp (sandbox)' : 'pixieset-mcp', version: VERSION };
}

export function instructions(config: Pick<Config, 'sandbox' | 'readOnly'>): string {
  return (
    INSTRUCTIONS +
    (config.sandbox
      ? "\nTHIS IS THE SANDBOX: demo data on this computer, not the user's real studio. Say so when showing results."
      : '') +
    (config.readOnly ? '\nREAD-ONLY MODE: this server cannot create anything.' : '')
  );
}

// The capabilities this server declares: tools (whose list never changes while it runs, but the SDK
// declares listChanged for registered tools) and logging.
export const CAPABILITIES = { logging: {}, tools: { listChanged: true } } as const;

// The protocol versions of the MCP SDK in use, newest first (a test keeps them equal to the SDK's).
export const SUPPORTED_PROTOCOL_VERSIONS = [
  '2025-11-25',
  '2025-06-18',
  '2025-03-26',
  '2024-11-05',
  '2024-10-07',
];

// The SDK's rule: the client's version when supported, else the newest.
export function negotiateProtocol(requested: unknown): string {
  return typeof requested === 'string' && SUPPORTED_PROTOCOL_VERSIONS.includes(requested)
    ? requested
    : (SUPPORTED_PROTOCOL_VERSIONS[0] as string);
}
