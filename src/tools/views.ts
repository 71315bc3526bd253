import { readFile } from 'node:fs/promises';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Config } from '../config.js';
import { viewUri } from './advertise.js';
import { toolsFor } from './index.js';

// The MCP Apps views (src/views/, built by scripts/build.mjs into dist/views/*.html): one ui:// resource each,
// for the tools offered in this configuration. A view's HTML is read from disk only when a host asks for it.

export const VIEW_MIME = 'text/html;profile=mcp-app';
// No network at all: a view renders only the result it is handed.
const UI_META = { ui: { csp: { connectDomains: [], resourceDomains: [] }, prefersBorder: true } };

const TITLES: Record<string, string> = {
  receivables: 'Who owes what (view)',
  revenue: 'Revenue (view)',
  invoice: 'Invoice preview (view)',
};

// The built file: dist/views beside the bundle's modules, or from the sources, the build's output.
async function html(view: string): Promise<string> {
  const tries = ['./views/', '../views/', '../../dist/views/'].map(
    (d) => new URL(`${d}${view}.html`, import.meta.url),
  );
  for (const url of tries) {
    try {
      return await readFile(url, 'utf8');
    } catch {
      // Not there: the next place.
    }
  }
  throw new Error(`The ${view} view is not built: run npm run build.`);
}

export function registerViews(server: McpServer, config: Config): void {
  if (!config.ui) return;
  for (const tool of toolsFor(config)) {
    if (!tool.view) continue;
    const uri = viewUri(tool.view);
    const view = tool.view;
    server.registerResource(
      `view-${view}`,
      uri,
      {
        title: TITLES[view] ?? view,
        description: `The interactive view of ${tool.name}'s result, for hosts that show MCP Apps.`,
        mimeType: VIEW_MIME,
        _meta: UI_META,
      },
      async (u) => ({
        contents: [{ uri: u.href, mimeType: VIEW_MIME, text: await html(view), _meta: UI_META }],
      }),
    );
  }
}
