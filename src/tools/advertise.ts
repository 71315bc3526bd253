import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { ToolDef } from './define.js';

type Json = Record<string, unknown>;

// Drops what costs every model context without telling it anything: the $schema URL, `propertyNames: string`
// (JSON keys always are), `type: string` beside a list of strings (`enum` says it), and `minLength: 1` (an
// empty id or name is refused with a clear message either way). Every bound the server enforces on a value's
// type, size or range is advertised as it is enforced: the server validates every call against these same
// zod schemas.
function compact(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(compact);
  if (!node || typeof node !== 'object') return node;
  const schema = node as Json;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$schema' || key === 'propertyNames') continue;
    if (key === 'minLength' && value === 1) continue;
    if (key === 'type' && value === 'string' && Array.isArray(schema.enum)) continue;
    // `properties` maps names to schemas; every other key holds a schema, a list of them, or a plain value.
    out[key] =
      key === 'properties' && value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, compact(v)]))
        : compact(value);
  }
  return out;
}

// The tools/list entry of a tool, built once from its zod schemas. Every result is structured content (an
// object), and the server validates it against the tool's full zod output schema before sending it; the
// advertised output schema says only that, because the results' fields cost every conversation ~7,900
// characters of context while the text of each result already names them (BENCHMARKS.md).
export function advertise(tool: ToolDef, ui = true): Tool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: compact(
      z.toJSONSchema(tool.inputSchema, { io: 'input', target: 'draft-7' }),
    ) as Tool['inputSchema'],
    outputSchema: { type: 'object' },
    annotations: tool.annotations,
    // MCP Apps: the view that shows its result (the extension's current key; the older flat "ui/resourceUri" is
    // deprecated, and hosts that show views read this one).
    ...(ui && tool.view ? { _meta: { ui: { resourceUri: viewUri(tool.view) } } } : {}),
  };
}

// The ui:// resource of a view.
export const viewUri = (view: string) => `ui://pixieset-mcp/${view}.html`;
