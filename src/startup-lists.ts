// Build time only (scripts/build.mjs → dist/contract.json): the lists a host asks for at start-up, for every
// configuration that changes them (toolsets × read-only), exactly as the SDK server sends them, so the bin
// can answer them before the server code loads (transports/stdio-front.ts). The tool snapshots are the same lists.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { z } from 'zod';
import { loadConfig } from './config.js';
import { createServer, serverDeps } from './create-server.js';
import { createLogger } from './log.js';
import { cookieSources, createPixiesetApi } from './pixieset/api.js';
import { LIST_METHODS, type StartupLists, startupKey, TOOLSETS } from './server-identity.js';

export async function compileStartupLists(): Promise<StartupLists> {
  const contract: StartupLists = { items: [], configs: {} };
  const seen = new Map<string, number>();
  const indexOf = (item: unknown): number => {
    const text = JSON.stringify(item);
    let index = seen.get(text);
    if (index === undefined) {
      index = contract.items.push(item) - 1;
      seen.set(text, index);
    }
    return index;
  };
  const quiet = createLogger('error', () => {});
  for (let mask = 1; mask < 1 << TOOLSETS.length; mask++) {
    const toolsets = TOOLSETS.filter((_, i) => mask & (1 << i)).join(',');
    for (const readOnly of [false, true]) {
      // No request is sent: listing needs no Pixieset, only the server's registrations.
      const config = loadConfig({
        PIXIESET_COOKIE: 'contract=1',
        PIXIESET_BASE_URL: 'http://127.0.0.1:9/api/v1',
        PIXIESET_TOOLSETS: toolsets,
        PIXIESET_READ_ONLY: String(readOnly),
      });
      const api = await createPixiesetApi({ config, ...cookieSources(config), logger: quiet });
      const server = createServer(serverDeps({ pixieset: api, config, logger: quiet }));
      const [a, b] = InMemoryTransport.createLinkedPair();
      const client = new Client({ name: 'contract', version: '1' });
      await Promise.all([server.connect(a), client.connect(b)]);
      const entry: StartupLists['configs'][string] = {};
      for (const method of LIST_METHODS) {
        let result: unknown = null;
        try {
          result = await client.request({ method }, passThrough);
        } catch {
          // Not offered in this configuration (method not found): left to the server.
        }
        if (result === null) {
          entry[method] = null;
          continue;
        }
        const fields = Object.keys(result as object);
        const field = fields[0];
        const list = field === undefined ? undefined : (result as Record<string, unknown>)[field];
        if (fields.length !== 1 || !field || !Array.isArray(list))
          throw new Error(`${method} answered more than one list: ${fields.join(', ')}`);
        entry[method] = [field, list.map((item) => indexOf(item))];
      }
      contract.configs[startupKey(config)] = entry;
      await client.close();
      await api.close();
    }
  }
  return contract;
}

// Keeps a result exactly as the server sent it (the client's own result schemas could drop or add fields).
const passThrough = z.looseObject({});
