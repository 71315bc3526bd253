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

  it('no snapshot is left for a tool the server no longer offers', async () => {
    const names = new Set((await listed()).map((t) => `${t.name}.json`));
    expect(readdirSync(DIR).filter((f) => f.endsWith('.json') && !names.has(f))).toEqual([]);
  });
});
