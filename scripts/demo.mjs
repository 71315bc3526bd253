// `npm run demo`: a short scripted conversation with the server in sandbox mode, over stdio, as a host runs it.
// No account, no network: the server serves built-in demo data on 127.0.0.1.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const bin = fileURLToPath(new URL('../dist/index.js', import.meta.url));
if (!existsSync(bin)) {
  console.error('dist/index.js is missing: run `npm ci && npm run build` first.');
  process.exit(1);
}

const excerpt = (text, lines = 8) => {
  const all = text.split('\n');
  const shown = all.slice(0, lines).map((l) => `    ${l}`);
  if (all.length > lines) shown.push(`    … (${all.length - lines} more lines)`);
  return shown.join('\n');
};

const transport = new StdioClientTransport({
  command: process.execPath,
  args: [bin, '--sandbox'],
  env: { PATH: process.env.PATH ?? '', PIXIESET_LOG_LEVEL: 'warn' },
  stderr: 'inherit',
});
const client = new Client({ name: 'pixieset-mcp-demo', version: '1.0.0' });
await client.connect(transport);

let step = 0;
async function call(say, name, args) {
  step++;
  console.log(`\n${step}. ${say}\n  → ${name} ${JSON.stringify(args)}`);
  const result = await client.callTool({ name, arguments: args });
  const text = result.content?.[0]?.text ?? '';
  console.log(excerpt(text));
  if (result.isError) throw new Error(`${name} failed: ${text}`);
  return result.structuredContent;
}

try {
  console.log(
    `Connected to ${client.getServerVersion()?.name} ${client.getServerVersion()?.version} — demo data, nothing leaves this computer.`,
  );
  const { tools } = await client.listTools();
  console.log(`\n0. What can it do?\n  → tools/list\n    ${tools.map((t) => t.name).join(', ')}`);

  const found = await call('"Find Jane Doe."', 'search_clients', { query: 'jane doe', limit: 3 });
  const jane = found.clients[0];
  await call('"What has she been invoiced, and what does she owe?"', 'get_client_invoices', {
    client_id: jane.id,
  });
  await call('"Invoice her $2,500 for her wedding package — show me first."', 'create_invoice', {
    client_id: jane.id,
    line_items: [{ name: 'Wedding package', unit_price: '2500.00' }],
    send_email: true,
    dry_run: true,
  });
  await call('"How much is outstanding across the studio?"', 'summarize_invoices', { status: 'unpaid' });
  console.log(
    '\nDemo complete. Configure your own studio with the README (node dist/index.js doctor checks it).',
  );
} catch (error) {
  console.error(`\nDemo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await client.close();
}
