// The view's side of the MCP Apps bridge (the ext-apps protocol, 2026-01-26), by hand: JSON-RPC over
// postMessage with the host page. The extension's own App class would bring the SDK's protocol layer and zod into
// every view (~300 kB, against a 150 kB bound per view); a view needs only these five messages: initialize, the
// tool result, the host's theme, its own size, and a tool call.

type Json = Record<string, unknown>;
export interface ToolResult {
  structuredContent?: Json;
  content?: Array<{ type: string; text?: string }>;
  isError?: boolean;
}

export interface Bridge {
  // Asks the host to run one of this server's tools (the host decides, and may ask the user).
  callTool(name: string, args: Json): Promise<ToolResult>;
}

const PROTOCOL = '2026-01-26';

export function connect(
  name: string,
  on: { result(r: ToolResult, bridge: Bridge): void; theme?(theme: 'light' | 'dark'): void },
): Bridge {
  let next = 1;
  const waiting = new Map<number, { ok(v: unknown): void; fail(e: Error): void }>();
  const send = (m: Json) => window.parent.postMessage({ jsonrpc: '2.0', ...m }, '*');
  const request = (method: string, params: Json) =>
    new Promise<unknown>((ok, fail) => {
      const id = next++;
      waiting.set(id, { ok, fail });
      send({ id, method, params });
    });
  const theme = (ctx: unknown) => {
    const t = (ctx as { theme?: unknown } | undefined)?.theme;
    if (t === 'light' || t === 'dark') {
      document.documentElement.dataset.theme = t;
      on.theme?.(t);
    }
  };
  const bridge: Bridge = {
    callTool: async (tool, args) =>
      (await request('tools/call', { name: tool, arguments: args })) as ToolResult,
  };
  window.addEventListener('message', (e: MessageEvent) => {
    if (e.source !== window.parent) return;
    const m = e.data as {
      id?: number;
      method?: string;
      params?: Json;
      result?: unknown;
      error?: { message?: string };
    };
    if (!m || typeof m !== 'object') return;
    if (m.id !== undefined && !m.method) {
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.error) w?.fail(new Error(String(m.error.message ?? 'the host refused')));
      else w?.ok(m.result);
      return;
    }
    if (m.method === 'ui/notifications/tool-result') on.result((m.params ?? {}) as ToolResult, bridge);
    else if (m.method === 'ui/notifications/host-context-changed') theme(m.params);
    else if (m.id !== undefined) send({ id: m.id, result: {} });
  });
  // The view's height follows its content.
  new ResizeObserver(() =>
    send({
      method: 'ui/notifications/size-changed',
      params: { width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight },
    }),
  ).observe(document.body);
  void request('ui/initialize', {
    appInfo: { name, version: '1' },
    appCapabilities: {},
    protocolVersion: PROTOCOL,
  }).then((r) => {
    theme((r as { hostContext?: unknown }).hostContext);
    send({ method: 'ui/notifications/initialized', params: {} });
  });
  return bridge;
}
