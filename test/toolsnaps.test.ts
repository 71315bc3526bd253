import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { connectMcp } from './helpers.js';

// What models see is a contract: each tool's definition exactly as tools/list sends it is checked in under
// test/__toolsnaps__/, and any difference fails until it is reviewed and accepted with
//   UPDATE_TOOLSNAPS=1 npm test
const DIR = fileURLToPath(new URL('./__toolsnaps__/', import.meta.url));
const update = process.env.UPDATE_TOOLSNAPS === '1' || process.env.UPDATE_TOOLSNAPS === 'true';

const listed = async () => (await (await connectMcp()).mcp.listTools()).tools;

describe('tool snapshots', () => {
  it('every tool matches its checked-in snapshot (a missing snapshot fails)', async () => {
    for (const tool of await listed()) {
      const file = join(DIR, `${tool.name}.json`);
      const text = `${JSON.stringify(tool, null, 2)}\n`;
      if (update) writeFileSync(file, text);
      expect(
        existsSync(file),
        `no snapshot for ${tool.name}: run UPDATE_TOOLSNAPS=1 npm test and review it`,
      ).toBe(true);
      expect(text, `${tool.name} differs from its snapshot: review, then UPDATE_TOOLSNAPS=1 npm test`).toBe(
        readFileSync(file, 'utf8'),
      );
    }
  });

  it('the extension manifest lists exactly these tools (UPDATE_TOOLSNAPS=1 adds and drops entries)', async () => {
    const tools = await listed();
    const path = fileURLToPath(new URL('../manifest.json', import.meta.url));
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as {
      tools: Array<{ name: string; description: string }>;
    };
    if (update) {
      // Hand-written short descriptions are kept; a new tool starts with its title.
      const known = new Map(manifest.tools.map((t) => [t.name, t.description]));
      manifest.tools = tools.map((t) => ({
        name: t.name,
        description: known.get(t.name) ?? t.title ?? t.name,
      }));
      writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
    }
    expect(manifest.tools.map((t) => t.name)).toEqual(tools.map((t) => t.name));
  });

  it('resources and prompts, as resources/templates/list, resources/list and prompts/list send them', async () => {
    const { mcp } = await connectMcp();
    const surfaces = {
      '_resources.json': {
        resourceTemplates: (await mcp.listResourceTemplates()).resourceTemplates,
        resources: (await mcp.listResources()).resources,
      },
      '_prompts.json': (await mcp.listPrompts()).prompts,
    };
    for (const [name, value] of Object.entries(surfaces)) {
      const file = join(DIR, name);
      const text = `${JSON.stringify(value, null, 2)}\n`;
      if (update) writeFileSync(file, text);
      expect(existsSync(file), `no snapshot ${name}: run UPDATE_TOOLSNAPS=1 npm test and review it`).toBe(
        true,
      );
      expect(text, `${name} differs from its snapshot: review, then UPDATE_TOOLSNAPS=1 npm test`).toBe(
        readFileSync(file, 'utf8'),
      );
    }
  });

  it('no snapshot is left for a tool the server no longer offers', async () => {
    const names = new Set((await listed()).map((t) => `${t.name}.json`));
    expect(
      readdirSync(DIR).filter((f) => f.endsWith('.json') && !f.startsWith('_') && !names.has(f)),
    ).toEqual([]);
  });
});
