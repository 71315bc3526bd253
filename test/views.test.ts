import { describe, expect, it } from 'vitest';
import { connectMcp } from './helpers.js';

// The MCP Apps views (issue #29), at the protocol: which tools name a view, what resources/read gives, and that a
// view's HTML refers to nothing outside itself. The views themselves are tested in a browser (views-browser).

const VIEWS = {
  get_receivables: 'ui://pixieset-mcp/receivables.html',
  revenue_report: 'ui://pixieset-mcp/revenue.html',
  create_invoice: 'ui://pixieset-mcp/invoice.html',
};

describe('MCP Apps views', () => {
  it('tools/list names the view on exactly the three tools, under the extension key', async () => {
    const { mcp } = await connectMcp();
    const { tools } = await mcp.listTools();
    for (const t of tools) {
      const uri = VIEWS[t.name as keyof typeof VIEWS];
      if (uri) expect(t._meta, t.name).toEqual({ ui: { resourceUri: uri } });
      else expect(t._meta, t.name).toBeUndefined();
    }
  });

  it('resources/read gives each view as one self-contained HTML file of the MCP Apps type, within 150 kB', async () => {
    const { mcp } = await connectMcp();
    for (const uri of Object.values(VIEWS)) {
      const r = await mcp.readResource({ uri });
      const [c] = r.contents as Array<{ uri: string; mimeType: string; text: string; _meta?: unknown }>;
      expect(c?.mimeType).toBe('text/html;profile=mcp-app');
      expect(c?._meta).toEqual({
        ui: { csp: { connectDomains: [], resourceDomains: [] }, prefersBorder: true },
      });
      const html = c?.text ?? '';
      expect(html).toMatch(/^<!doctype html>/);
      expect(html.length).toBeLessThanOrEqual(150 * 1024);
      expect(html).toContain("default-src 'none'");
      // Nothing loaded from elsewhere: no src or href, no CSS import or url(), no address but the SVG namespace.
      const body = html.replaceAll('http://www.w3.org/2000/svg', '');
      expect(body).not.toMatch(/\s(src|href)\s*=|@import|url\(|https?:\/\/|\/\/[a-z0-9.-]+\.[a-z]{2,}\//i);
    }
  });

  it('PIXIESET_UI=off: no view is named or offered; read-only mode offers no invoice view', async () => {
    const off = await connectMcp({ env: { PIXIESET_UI: 'off' } });
    expect((await off.mcp.listTools()).tools.filter((t) => t._meta)).toEqual([]);
    expect((await off.mcp.listResources()).resources.filter((r) => r.uri.startsWith('ui://'))).toEqual([]);
    const ro = await connectMcp({ env: { PIXIESET_READ_ONLY: 'true' } });
    const uris = (await ro.mcp.listResources()).resources
      .map((r) => r.uri)
      .filter((u) => u.startsWith('ui://'));
    expect(uris.sort()).toEqual([VIEWS.get_receivables, VIEWS.revenue_report].sort());
  });
});
