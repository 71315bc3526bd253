// A minimal MCP Apps host page for the browser test: the extension's own host-side bridge (AppBridge) talks to a
// view in a sandboxed iframe; tool calls the view asks for go to the test (window.callServerTool), which sends
// them to the real server. Bundled by the test with esbuild; it is no part of the product.
import { AppBridge, PostMessageTransport } from '@modelcontextprotocol/ext-apps/app-bridge';

declare global {
  interface Window {
    callServerTool(json: string): Promise<string>;
    startView(
      html: string,
      input: Record<string, unknown>,
      result: unknown,
      theme: 'light' | 'dark',
    ): Promise<void>;
  }
}

window.startView = async (html, input, result, theme) => {
  const iframe = document.createElement('iframe');
  iframe.setAttribute('sandbox', 'allow-scripts');
  iframe.setAttribute('title', 'view');
  iframe.style.cssText = 'width:640px;height:640px;border:0';
  document.body.replaceChildren(iframe);
  const view = iframe.contentWindow as Window;
  const bridge = new AppBridge(
    null,
    { name: 'test-host', version: '1' },
    { serverTools: {} },
    {
      hostContext: { theme },
    },
  );
  bridge.oncalltool = async (params) => JSON.parse(await window.callServerTool(JSON.stringify(params)));
  bridge.oninitialized = () => {
    void bridge.sendToolInput({ arguments: input });
    void bridge.sendToolResult(result as never);
  };
  // Listening before the view loads: its first message is sent as soon as its script runs.
  await bridge.connect(new PostMessageTransport(view, view));
  iframe.srcdoc = html;
};
