import { describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../src/tools/index.js';
import { connectMcp } from './helpers.js';

// The public contract: tool names, required arguments and annotations. Changing any of these breaks hosts'
// saved permissions and prompts, so a change here must be deliberate.
const CONTRACT: Record<
  string,
  { required: string[]; readOnly: boolean; destructive?: boolean; idempotent?: boolean }
> = {
  search_clients: { required: ['query'], readOnly: true },
  list_clients: { required: [], readOnly: true },
  get_client: { required: ['client_id'], readOnly: true },
  create_client: { required: ['first_name', 'last_name', 'email'], readOnly: false },
  list_invoices: { required: [], readOnly: true },
  get_client_invoices: { required: ['client_id'], readOnly: true },
  // invoice_id or invoice_number: exactly one, checked by the tool (issue #12).
  get_invoice: { required: [], readOnly: true },
  summarize_invoices: { required: [], readOnly: true },
  get_receivables: { required: [], readOnly: true },
  list_payments: { required: [], readOnly: true },
  revenue_report: { required: [], readOnly: true },
  get_client_overview: { required: ['client_id'], readOnly: true },
  list_contracts: { required: [], readOnly: true },
  get_contract: { required: ['contract_id'], readOnly: true },
  list_questionnaires: { required: [], readOnly: true },
  list_sessions: { required: [], readOnly: true },
  // Overwrites what is there (destructive), and the same change twice leaves the same state (idempotent).
  update_client: { required: ['client_id'], readOnly: false, destructive: true, idempotent: true },
  list_galleries: { required: [], readOnly: true },
  get_gallery: { required: ['gallery_id'], readOnly: true },
  get_gallery_activity: { required: ['gallery_id'], readOnly: true },
  create_invoice: { required: ['client_id', 'line_items'], readOnly: false },
  validate_id: { required: ['id'], readOnly: true },
};

describe('the tool contract', () => {
  it('lists exactly the contracted tools with their required arguments and annotations', async () => {
    const { mcp } = await connectMcp();
    const { tools } = await mcp.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(Object.keys(CONTRACT).sort());
    for (const tool of tools) {
      const c = CONTRACT[tool.name] as (typeof CONTRACT)[string];
      expect((tool.inputSchema.required ?? []).sort(), tool.name).toEqual([...c.required].sort());
      expect(tool.title, tool.name).toBeTruthy();
      expect(tool.outputSchema, tool.name).toBeDefined();
      const a = tool.annotations ?? {};
      expect(a.readOnlyHint, tool.name).toBe(c.readOnly);
      expect(a.destructiveHint, tool.name).toBe(c.destructive ?? false);
      expect(typeof a.idempotentHint, tool.name).toBe('boolean');
      expect(typeof a.openWorldHint, tool.name).toBe('boolean');
      if (!c.readOnly) expect(a.idempotentHint, tool.name).toBe(c.idempotent ?? false);
      // Every input field says what it is.
      for (const [field, schema] of Object.entries(tool.inputSchema.properties ?? {})) {
        expect((schema as { description?: string }).description, `${tool.name}.${field}`).toBeTruthy();
      }
    }
  });

  it('every tool answers a typical call with structured content that validates against its outputSchema', async () => {
    const { call, sb } = await connectMcp();
    const clientId = sb.clients[0]?.id;
    const invoiceId = sb.invoices[0]?.id;
    const calls: Record<string, Record<string, unknown>> = {
      search_clients: { query: 'doe' },
      list_clients: {},
      get_client: { client_id: clientId },
      create_client: { first_name: 'New', last_name: 'Person', email: 'new.person@example.net' },
      list_invoices: { status: 'unpaid' },
      get_client_invoices: { client_id: clientId },
      get_invoice: { invoice_id: invoiceId },
      summarize_invoices: {},
      get_receivables: {},
      list_payments: {},
      revenue_report: { group_by: 'client' },
      get_client_overview: { client_id: clientId },
      update_client: { client_id: clientId, notes: 'Prefers morning sessions.' },
      list_contracts: { status: 'unsigned' },
      get_contract: { contract_id: sb.studio.contracts[0]?.id },
      list_questionnaires: {},
      list_sessions: {},
      list_galleries: { status: 'expiring', days: 30 },
      get_gallery: { gallery_id: sb.studio.collections[0]?.id },
      get_gallery_activity: { gallery_id: String(sb.studio.collections[0]?.id) },
      create_invoice: { client_id: clientId, line_items: [{ name: 'Session', unit_price: '300' }] },
      validate_id: { id: 'cl_nope' },
    };
    expect(Object.keys(calls).sort()).toEqual(ALL_TOOLS.map((t) => t.name).sort());
    for (const tool of ALL_TOOLS) {
      const r = await call(tool.name, calls[tool.name]);
      expect(r.isError, `${tool.name}: ${r.content[0]?.text}`).toBeFalsy();
      const parsed = tool.outputSchema.safeParse(r.structuredContent);
      expect(parsed.success, `${tool.name}: ${parsed.error?.message}`).toBe(true);
      expect(r.content[0]?.text?.length, tool.name).toBeGreaterThan(0);
    }
  });
});
