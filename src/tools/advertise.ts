import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { ToolDef } from './define.js';

type Json = Record<string, unknown>;

// Drops what costs every model context without telling it anything: the $schema URL, `additionalProperties:
// false`, `propertyNames: string` (JSON keys always are), `required` lists of results, and on arguments the
// `minLength: 1` and generous `maxLength` caps of ids and text (the server still enforces them); objects
// inside a result (rows, nested objects) are named by their fields. The server still validates every
// result against the full zod schemas; the advertised copy is shorter, and still true of every result.
function compact(node: unknown, kind: 'input' | 'output', depth = 0, level = 0, row = false): unknown {
  if (Array.isArray(node)) return node.map((n) => compact(n, kind, depth + 1, level));
  if (!node || typeof node !== 'object') return node;
  const schema = node as Json;
  // A list of rows in a result: one line naming the rows' fields.
  const items = schema.items as Json | undefined;
  if (kind === 'output' && schema.type === 'array' && items?.type === 'object' && items.properties) {
    return { type: 'array', description: `rows: ${Object.keys(items.properties as Json).join(', ')}` };
  }
  if (kind === 'output' && schema.type === 'object' && (level >= 1 || row)) {
    const fields = Object.keys((schema.properties as Json | undefined) ?? {});
    return fields.length
      ? { type: 'object', description: `fields: ${fields.join(', ')}` }
      : { type: 'object' };
  }
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$schema' || key === 'propertyNames') continue;
    if (kind === 'output' && key === 'additionalProperties' && value === false) continue;
    if (kind === 'output' && key === 'required') continue;
    if (kind === 'input' && key === 'minLength' && value === 1) continue;
    if (kind === 'input' && key === 'maxLength' && typeof value === 'number' && value >= 200) continue;
    // `properties` maps names to schemas; every other key holds a schema, a list of them, or a plain value.
    const inner = schema.type === 'object' ? level + 1 : level;
    out[key] =
      key === 'properties'
        ? compactChildren(value, kind, depth, inner)
        : compact(value, kind, depth + 1, inner, key === 'items');
  }
  return out;
}

function compactChildren(value: unknown, kind: 'input' | 'output', depth: number, level: number): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return compact(value, kind, depth + 1, level);
  const out: Json = {};
  for (const [k, v] of Object.entries(value as Json)) out[k] = compact(v, kind, depth + 1, level);
  return out;
}

// The tools/list entry of a tool, built once from its zod schemas.
export function advertise(tool: ToolDef): Tool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: compact(
      z.toJSONSchema(tool.inputSchema, { io: 'input', target: 'draft-7' }),
      'input',
    ) as Tool['inputSchema'],
    outputSchema: compact(
      z.toJSONSchema(tool.outputSchema, { io: 'output', target: 'draft-7' }),
      'output',
    ) as Tool['outputSchema'],
    annotations: tool.annotations,
  };
}
