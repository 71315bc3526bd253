// The structure holds (issue 25): no import circle in src/, and no import running back up a layer.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

// Every relative import (static, dynamic and type-only alike) of every file, as paths under src/.
function graph(): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const f of files(src)) {
    const text = readFileSync(f, 'utf8');
    const deps = [...text.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)].map((m) =>
      relative(src, normalize(join(dirname(f), (m[1] as string).replace(/\.js$/, '.ts')))),
    );
    g.set(relative(src, f), deps);
  }
  return g;
}

// The layers, lowest first: a file may import its own layer and those below it, never one above.
const LAYERS: Array<[string, RegExp]> = [
  ['base (settings, identity, logs)', /^(config|log|version|server-identity|cli-args)\.ts$/],
  // Browser code, bundled apart into dist/views/*.html: it imports only its own kind.
  ['the MCP Apps views', /^views\//],
  ['the API client and domain rules', /^pixieset\//],
  ['the sandbox', /^sandbox\//],
  ['the tools', /^tools\//],
  ['the server, drift reports and start-up lists', /^(create-server|startup-lists|drift\/.*)\.ts$/],
  ['doctor and the transports', /^(doctor|transports\/.*)\.ts$/],
  ['the bin', /^index\.ts$/],
];
const layerOf = (f: string) => LAYERS.findIndex(([, re]) => re.test(f));

describe('the structure of src/', () => {
  it('every file is in a layer', () => {
    expect([...graph().keys()].filter((f) => layerOf(f) < 0)).toEqual([]);
  });

  it('no import runs back up a layer (the sandbox imports nothing of the server)', () => {
    const up: string[] = [];
    for (const [f, deps] of graph())
      for (const d of deps) {
        if (layerOf(d) > layerOf(f)) up.push(`${f} → ${d}`);
        // The fake Pixieset shares nothing with the client that talks to it but the pure money formatting (its
        // answers' amount_formatted, as Pixieset writes them).
        if (/^sandbox\//.test(f) && !/^sandbox\//.test(d) && layerOf(d) > 0 && d !== 'pixieset/money.ts')
          up.push(`${f} → ${d}`);
      }
    expect(up).toEqual([]);
  });

  it('no import circle', () => {
    const g = graph();
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      stack.push(f);
      for (const d of g.get(f) ?? []) {
        if (state.get(d) === 'open') cycles.push([...stack.slice(stack.indexOf(d)), d].join(' → '));
        else if (!state.has(d) && g.has(d)) visit(d);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of g.keys()) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});
