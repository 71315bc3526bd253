import type { ServerResponse } from 'node:http';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

// The table of MCP sessions over HTTP, bounded: each session with when it was last used and how many of its
// requests are being answered now. Many hosts never end a session (DELETE /mcp): when the table is full, the
// session unused longest with nothing under way gives way to a new one; idle sessions end after idleMs.

export interface HttpSession {
  transport: StreamableHTTPServerTransport;
  server: McpServer;
  // Who opened it (an OAuth grant's id; undefined for the static token): only they may use it.
  owner: string | undefined;
  seen: number;
  busy: number;
}

export class SessionTable {
  private readonly sessions = new Map<string, HttpSession>();
  private readonly sweep: NodeJS.Timeout;

  constructor(
    readonly max: number,
    idleMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.sweep = setInterval(
      () => {
        const cutoff = this.now() - idleMs;
        for (const [id, s] of this.sessions) if (s.seen < cutoff && s.busy === 0) this.end(id);
      },
      Math.min(idleMs, 60_000),
    );
    this.sweep.unref();
  }

  get(id: string): HttpSession | undefined {
    return this.sessions.get(id);
  }

  add(id: string, s: Pick<HttpSession, 'transport' | 'server' | 'owner'>): void {
    this.sessions.set(id, { ...s, seen: this.now(), busy: 0 });
  }

  delete(id: string): void {
    this.sessions.delete(id);
  }

  // Ends a session: closed, and out of the table.
  end(id: string): void {
    const s = this.sessions.get(id);
    if (!s) return;
    this.sessions.delete(id);
    void s.transport.close().catch(() => {});
    void s.server.close().catch(() => {});
  }

  // A request of this session: used now, and, for a POST (a call, or an answer to one of ours), busy until its
  // response ends. A GET is the event stream, open while the host is idle too.
  use(s: HttpSession, method: string | undefined, res: ServerResponse): void {
    s.seen = this.now();
    if (method !== 'POST') return;
    s.busy++;
    let done = false;
    const settle = () => {
      if (done) return;
      done = true;
      s.busy--;
      s.seen = this.now();
    };
    res.once('close', settle);
    res.once('finish', settle);
  }

  // Room for one more session: true when there is, or when the idlest session was ended to make it; false when
  // every session has a call under way.
  makeRoom(): boolean {
    if (this.sessions.size < this.max) return true;
    let idlest: [string, number] | undefined;
    for (const [id, s] of this.sessions)
      if (s.busy === 0 && (!idlest || s.seen < idlest[1])) idlest = [id, s.seen];
    if (!idlest) return false;
    this.end(idlest[0]);
    return true;
  }

  async closeAll(): Promise<void> {
    clearInterval(this.sweep);
    for (const s of this.sessions.values()) {
      await s.transport.close().catch(() => {});
      await s.server.close().catch(() => {});
    }
    this.sessions.clear();
  }
}
