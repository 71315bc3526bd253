import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { OAuthClientInformationFull } from '@modelcontextprotocol/sdk/shared/auth.js';

// What OAuth access exists, kept in one file readable by the owner only (0600): the clients that registered, and
// each grant the owner approved with its refresh token and live access tokens — tokens only as SHA-256 hashes,
// so the file cannot be used to call the server. Every running server re-reads the file when it changes, so a
// `--revoke` from the command line ends access at once.

export type Access = 'read' | 'write';

export interface Grant {
  id: string;
  client_id: string;
  client_name: string;
  // 'write' includes reading.
  access: Access;
  resource: string;
  created_at: string;
  last_used_at: string;
  refresh_hash: string;
  // Hashes of refresh tokens this grant has rotated away: one shown again is a replay, and ends the grant.
  spent_refresh: string[];
  tokens: Array<{ hash: string; expires_at: number }>;
}

interface State {
  version: 1;
  clients: Record<string, OAuthClientInformationFull>;
  grants: Grant[];
}

const empty = (): State => ({ version: 1, clients: {}, grants: [] });

export const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');
export const newToken = () => randomBytes(32).toString('base64url');

// How many spent refresh hashes a grant remembers, and the most clients and grants the file holds.
const SPENT_KEPT = 20;
const MAX_CLIENTS = 200;
const MAX_GRANTS = 200;

export class GrantStore {
  private state: State = empty();
  private mtimeMs = -1;
  private writing: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  // The state as the file has it now (re-read only when the file changed).
  async load(): Promise<State> {
    let m: number;
    try {
      m = (await stat(this.file)).mtimeMs;
    } catch {
      if (this.mtimeMs !== -1) this.state = empty();
      this.mtimeMs = -1;
      return this.state;
    }
    if (m !== this.mtimeMs) {
      const text = await readFile(this.file, 'utf8');
      const parsed = JSON.parse(text) as Partial<State>;
      this.state = {
        version: 1,
        clients: parsed.clients && typeof parsed.clients === 'object' ? parsed.clients : {},
        grants: Array.isArray(parsed.grants) ? parsed.grants : [],
      };
      this.mtimeMs = m;
    }
    return this.state;
  }

  // Changes the state and writes it (atomically, 0600); changes are applied one after another.
  update<T>(change: (s: State) => T): Promise<T> {
    const run = this.writing.then(async () => {
      const s = await this.load();
      const out = change(s);
      const now = Date.now();
      for (const g of s.grants) g.tokens = g.tokens.filter((t) => t.expires_at > now);
      s.grants = s.grants.slice(-MAX_GRANTS);
      const ids = Object.keys(s.clients);
      for (const id of ids.slice(0, Math.max(0, ids.length - MAX_CLIENTS))) delete s.clients[id];
      await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
      const tmp = `${this.file}.${process.pid}.tmp`;
      await writeFile(tmp, `${JSON.stringify(s, null, 1)}\n`, { mode: 0o600 });
      await rename(tmp, this.file);
      this.mtimeMs = (await stat(this.file)).mtimeMs;
      return out;
    });
    this.writing = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  static remember(g: Grant, spentHash: string): void {
    g.spent_refresh = [...g.spent_refresh, spentHash].slice(-SPENT_KEPT);
  }
}
