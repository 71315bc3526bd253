import { TOOLSETS, type Toolset } from '../server-identity.js';
import type { ToolDef } from './define.js';
import { FOUND_TOOLS } from './tools.gen.js';

// The order tools/list shows: by toolset (validate_id, offered in every selection, last), reads before writes,
// a search first (it finds one thing by name), then lists, then the rest, each by file. Each tool says its own
// toolset.
const firstness = (name: string) => (name.startsWith('search_') ? 0 : name.startsWith('list_') ? 1 : 2);
const rank = (t: ToolDef) => {
  const set = t.toolset === 'always' ? TOOLSETS.length : TOOLSETS.indexOf(t.toolset);
  return set * 6 + (t.annotations.readOnlyHint ? 0 : 3) + firstness(t.name);
};
export const ALL_TOOLS: ToolDef[] = [...FOUND_TOOLS].sort((a, b) => rank(a) - rank(b));

// Where the assistant gets a valid id of each kind: the tools whose answers give it (ToolDef.gives), in that
// order ("search_clients or list_clients").
export const ID_SOURCES: Record<string, string> = {};
for (const tool of ALL_TOOLS)
  for (const kind of tool.gives ?? [])
    ID_SOURCES[kind] = ID_SOURCES[kind] ? `${ID_SOURCES[kind]} or ${tool.name}` : tool.name;

// The tools offered for a configuration: its toolsets, less every tool that writes in read-only mode.
export function toolsFor(config: { toolsets: readonly Toolset[]; readOnly: boolean }): ToolDef[] {
  return ALL_TOOLS.filter(
    (t) =>
      (t.toolset === 'always' || config.toolsets.includes(t.toolset)) &&
      (!config.readOnly || t.annotations.readOnlyHint),
  );
}
