import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../src/tools/index.js';
import { connectMcp } from './helpers.js';

// More than tools (issue #16): resources, completions, prompts and toolsets, through a real MCP client.

const BIN = fileURLToPath(new URL('../dist/index.js', import.meta.url));

type Contents = Array<{ uri: string; mimeType?: string; text?: string }>;

describe('resources', () => {
  it('lists the templates and the static receivables, each with a title', async () => {
    const { mcp } = await connectMcp();
    const { resourceTemplates } = await mcp.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual([
      'pixieset://clients/{client_id}',
      'pixieset://contracts/{contract_id}',
      'pixieset://galleries/{gallery_id}',
      'pixieset://invoices/{invoice_id}',
    ]);
    for (const t of resourceTemplates) expect(t.title).toBeTruthy();
    const { resources } = await mcp.listResources();
    // The receivables as data, and the three MCP Apps views (issue #29).
    expect(resources.map((r) => r.uri)).toEqual([
      'pixieset://studio/receivables',
      'ui://pixieset-mcp/receivables.html',
      'ui://pixieset-mcp/invoice.html',
      'ui://pixieset-mcp/revenue.html',
    ]);
  });

  it('reads each template as the matching get_* tool answers it: text and JSON', async () => {
    const { mcp, sb, call } = await connectMcp();
    const cases: Array<[string, string, Record<string, unknown>]> = [
      [`pixieset://clients/${sb.clients[0]?.id}`, 'get_client', { client_id: sb.clients[0]?.id }],
      [`pixieset://invoices/${sb.invoices[0]?.id}`, 'get_invoice', { invoice_id: sb.invoices[0]?.id }],
      [
        `pixieset://contracts/${sb.studio.contracts[0]?.id}`,
        'get_contract',
        { contract_id: sb.studio.contracts[0]?.id },
      ],
      [
        `pixieset://galleries/${sb.studio.collections[0]?.id}`,
        'get_gallery',
        { gallery_id: sb.studio.collections[0]?.id },
      ],
      ['pixieset://studio/receivables', 'get_receivables', {}],
    ];
    for (const [uri, tool, args] of cases) {
      const { contents } = (await mcp.readResource({ uri })) as { contents: Contents };
      const tooled = await call(tool, args);
      expect(contents.map((c) => c.mimeType)).toEqual(['text/plain', 'application/json']);
      expect(contents[0]?.text).toBe(tooled.content[0]?.text);
      expect(JSON.parse(contents[1]?.text ?? '{}')).toEqual(tooled.structuredContent);
    }
  });

  it('not found is an error that names the object; a malformed id is refused with no request', async () => {
    const { mcp, sb } = await connectMcp();
    await expect(mcp.readResource({ uri: `pixieset://clients/cl_${'Z'.repeat(30)}` })).rejects.toThrow(
      /Client cl_Z+ was not found/,
    );
    sb.resetStats();
    await expect(mcp.readResource({ uri: 'pixieset://clients/cl_..%2Fadmin' })).rejects.toThrow(
      /Invalid client id/,
    );
    await expect(mcp.readResource({ uri: 'pixieset://galleries/abc' })).rejects.toThrow(/not a gallery id/);
    expect(sb.requests).toHaveLength(0);
    expect(sb.gallery.requests).toHaveLength(0);
  });

  it('list results carry resource links for their top rows', async () => {
    const { call } = await connectMcp();
    for (const [tool, kind] of [
      ['list_clients', 'clients'],
      ['list_invoices', 'invoices'],
      ['list_contracts', 'contracts'],
      ['list_galleries', 'galleries'],
    ] as const) {
      const r = await call(tool, {});
      const links = r.content.filter((c) => c.type === 'resource_link') as unknown as Array<{
        uri: string;
        name: string;
      }>;
      expect(links.length, tool).toBe(5);
      expect(links[0]?.uri).toMatch(new RegExp(`^pixieset://${kind}/`));
    }
  });
});

describe('completions', () => {
  it('a client name typed without its accent completes to that client', async () => {
    const { mcp, sb } = await connectMcp();
    const jose = sb.clients.find((c) => c.first_name === 'José');
    expect(jose).toBeDefined();
    const r = await mcp.complete({
      ref: { type: 'ref/resource', uri: 'pixieset://clients/{client_id}' },
      argument: { name: 'client_id', value: `jose ${jose?.last_name.slice(0, 3)}` },
    });
    expect(r.completion.values).toContain(jose?.id);
    const prompt = await mcp.complete({
      ref: { type: 'ref/prompt', name: 'client_brief' },
      argument: { name: 'client_id', value: 'jose' },
    });
    expect(prompt.completion.values).toContain(jose?.id);
  });

  it('an invoice number completes for invoice arguments', async () => {
    const { mcp, sb } = await connectMcp();
    const newest = [...sb.invoices].sort((a, b) => b.created_at.localeCompare(a.created_at))[0];
    const r = await mcp.complete({
      ref: { type: 'ref/resource', uri: 'pixieset://invoices/{invoice_id}' },
      argument: { name: 'invoice_id', value: newest?.invoice_number.toLowerCase() ?? '' },
    });
    expect(r.completion.values).toEqual([newest?.id]);
  });
});

describe('prompts', () => {
  it('lists the four prompts with titles, and each says which tools to use and sends nothing', async () => {
    const { mcp, sb } = await connectMcp();
    const { prompts } = await mcp.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual([
      'client_brief',
      'month_end_report',
      'overdue_follow_up',
      'weekly_studio_briefing',
    ]);
    for (const p of prompts) expect(p.title).toBeTruthy();
    const text = async (name: string, args: Record<string, string> = {}) => {
      const r = await mcp.getPrompt({ name, arguments: args });
      const c = r.messages[0]?.content as { type: string; text: string };
      return c.text;
    };
    expect(await text('overdue_follow_up', { tone: 'firm' })).toMatch(
      /get_receivables[\s\S]*firm[\s\S]*Do not send anything/,
    );
    expect(await text('overdue_follow_up', { client_id: sb.clients[0]?.id ?? '' })).toContain(
      `client_id ${sb.clients[0]?.id}`,
    );
    expect(await text('client_brief', { client_id: sb.clients[0]?.id ?? '' })).toMatch(
      /get_client_overview with client_id cl_/,
    );
    expect(await text('month_end_report', { month: '2026-03' })).toMatch(
      /from 2026-03-01 and to 2026-03-31[\s\S]*from 2026-02-01 and to 2026-02-28/,
    );
    expect(await text('month_end_report')).toMatch(/revenue_report/);
    expect(await text('weekly_studio_briefing')).toMatch(
      /list_sessions[\s\S]*list_contracts with status unsigned[\s\S]*get_receivables/,
    );
    await expect(
      mcp.getPrompt({ name: 'month_end_report', arguments: { month: 'March' } }),
    ).rejects.toThrow();
  });
});

describe('toolsets', () => {
  const names = async (env: Record<string, string>) =>
    (await (await connectMcp({ env })).mcp.listTools()).tools.map((t) => t.name);

  it.each(['clients', 'invoices', 'payments', 'contracts', 'sessions', 'galleries'])(
    '%s alone',
    async (set) => {
      const listed = await names({ PIXIESET_TOOLSETS: set });
      const want = ALL_TOOLS.filter((t) => t.toolset === set || t.toolset === 'always')
        .map((t) => t.name)
        .sort();
      expect(listed.sort()).toEqual(want);
    },
  );

  it('combined, with read-only, and their instructions mention only those areas', async () => {
    const listed = await names({ PIXIESET_TOOLSETS: 'clients, galleries', PIXIESET_READ_ONLY: 'true' });
    expect(listed).toContain('list_galleries');
    expect(listed).toContain('search_clients');
    expect(listed).not.toContain('create_client');
    expect(listed).not.toContain('update_client');
    expect(listed).not.toContain('list_invoices');
    const { mcp } = await connectMcp({ env: { PIXIESET_TOOLSETS: 'galleries' } });
    const instructions = mcp.getInstructions() ?? '';
    expect(instructions).toMatch(/list_galleries/);
    expect(instructions).not.toMatch(/get_receivables|search_clients|list_payments/);
    expect((await mcp.listPrompts().catch(() => ({ prompts: [] }))).prompts).toEqual([]);
    expect((await mcp.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate)).toEqual([
      'pixieset://galleries/{gallery_id}',
    ]);
  });

  it('an unknown toolset is refused at start-up with a clear message; --toolsets works like the variable', () => {
    const bad = spawnSync(process.execPath, [BIN, '--sandbox', '--toolsets', 'clients,invoicez'], {
      input: '',
      encoding: 'utf8',
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(
      /--toolsets names unknown toolset "invoicez"; choose from clients, invoices, payments, contracts, sessions, galleries, inbox or all/,
    );
    const env = spawnSync(process.execPath, [BIN, '--sandbox'], {
      input: '',
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', PIXIESET_TOOLSETS: 'photos' },
    });
    expect(env.status).toBe(1);
    expect(env.stderr).toMatch(/PIXIESET_TOOLSETS names unknown toolset "photos"/);
  });
});

describe('icons and titles', () => {
  it('the server has a title and an SVG icon', async () => {
    const { mcp } = await connectMcp();
    const info = mcp.getServerVersion() as {
      title?: string;
      icons?: Array<{ src: string; mimeType?: string }>;
    };
    expect(info.title).toMatch(/Pixieset/);
    expect(info.icons?.[0]?.src).toMatch(/^data:image\/svg\+xml;base64,/);
  });
});
