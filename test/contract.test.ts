import { describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../src/tools/index.js';
import { connectMcp } from './helpers.js';
import { sampleArgs } from './samples.js';

// The public contract: tool names, required arguments and annotations. Changing any of these breaks hosts'
// saved permissions and prompts: each tool's definition as tools/list sends it is checked in under
// test/__toolsnaps__/ (a change is a reviewed diff); here every listed tool is held to its own definition in
// ALL_TOOLS, the one list of tools.
const requiredOf = (t: (typeof ALL_TOOLS)[number]) =>
  Object.entries(t.inputSchema.shape)
    .filter(
      ([, s]) => !(s as { safeParse: (v: unknown) => { success: boolean } }).safeParse(undefined).success,
    )
    .map(([n]) => n);

describe('the tool contract', () => {
  it('lists exactly the contracted tools with their required arguments and annotations', async () => {
    const { mcp } = await connectMcp();
    const { tools } = await mcp.listTools();
    expect(tools.map((t) => t.name)).toEqual(ALL_TOOLS.map((t) => t.name));
    for (const tool of tools) {
      const def = ALL_TOOLS.find((t) => t.name === tool.name) as (typeof ALL_TOOLS)[number];
      const c = {
        required: requiredOf(def),
        readOnly: def.annotations.readOnlyHint,
        destructive: def.annotations.destructiveHint,
        idempotent: def.annotations.idempotentHint,
      };
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
    // Each tool's required arguments from test/samples.ts, and for some a richer call.
    const richer: Record<string, Record<string, unknown>> = {
      list_invoices: { status: 'unpaid' },
      revenue_report: { group_by: 'client' },
      list_contracts: { status: 'unsigned' },
      list_galleries: { status: 'expiring', days: 30 },
      get_gallery_activity: { gallery_id: String(sb.studio.collections[0]?.id) },
      create_invoice: { client_id: clientId, line_items: [{ name: 'Session', unit_price: '300' }] },
      get_invoice: { invoice_id: invoiceId },
    };
    const calls = Object.fromEntries(
      ALL_TOOLS.map((t) => [t.name, richer[t.name] ?? sampleArgs(t.name, sb)]),
    );
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
