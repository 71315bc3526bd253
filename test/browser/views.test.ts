import { mkdir, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMcp } from '../helpers.js';

// The MCP Apps views in a real browser (issue #29): Debian's Chromium, headless, loads each view inside a host page
// that uses the extension's own host-side bridge, fed with a real tool result from the sandbox. Run by
// `npm run test:browser` (CI installs chromium with apt); CHROMIUM names another browser binary.

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = new URL('../../docs/views/', import.meta.url);
let browser: Browser;
let hostScript: string;

beforeAll(async () => {
  const out = await build({
    entryPoints: [new URL('./host.ts', import.meta.url).pathname],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'error',
  });
  hostScript = out.outputFiles[0]?.text ?? '';
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  await mkdir(SHOTS, { recursive: true });
}, 60_000);
afterAll(async () => browser?.close());

type Harness = Awaited<ReturnType<typeof connectMcp>>;

// Opens a view for one tool call: the view's HTML from resources/read, the result from the tool itself.
async function open(h: Harness, uri: string, name: string, args: Record<string, unknown>, theme = 'light') {
  const result = await h.call(name, args);
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  const [c] = (await h.mcp.readResource({ uri })).contents as Array<{ text: string }>;
  const page: Page = await browser.newPage();
  await page.setViewport({ width: 680, height: 680 });
  await page.exposeFunction('callServerTool', async (json: string) => {
    const p = JSON.parse(json) as { name: string; arguments: Record<string, unknown> };
    return JSON.stringify(await h.call(p.name, p.arguments));
  });
  await page.setContent(`<!doctype html><html><body><script>${hostScript}</script></body></html>`);
  await page.evaluate(
    (html, input, r, t) => window.startView(html, input, r, t as 'light' | 'dark'),
    c?.text ?? '',
    args,
    result as unknown as Record<string, unknown>,
    theme,
  );
  const frame = await waitFrame(page);
  return { page, frame, result };
}

async function waitFrame(page: Page): Promise<Frame> {
  for (let i = 0; i < 100; i++) {
    const f = page.frames().find((x) => x !== page.mainFrame());
    if (f && (await f.$('h1').catch(() => null))) return f;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the view did not render');
}

const texts = (f: Frame, sel: string) => f.$$eval(sel, (els) => els.map((e) => e.textContent ?? ''));

describe('the views in Chromium', () => {
  it('receivables: the totals are the tool’s, per currency, with the buckets as a table too; a client opens their overview', async () => {
    const h = await connectMcp();
    const { page, frame, result } = await open(
      h,
      'ui://pixieset-mcp/receivables.html',
      'get_receivables',
      {},
    );
    const s = result.structuredContent as {
      totals: Array<{ currency: string; outstanding: string; current: string }>;
    };
    expect(await texts(frame, '.currency .total')).toEqual(s.totals.map((t) => t.outstanding));
    expect(await texts(frame, '.currency table tbody tr:first-child td:last-child')).toEqual(
      s.totals.map((t) => t.current),
    );
    await page.screenshot({ path: new URL('receivables.png', SHOTS).pathname });
    const first = await frame.$('.clients button');
    const name = await first?.evaluate((b) => b.textContent);
    await first?.focus();
    await page.keyboard.press('Enter');
    await frame.waitForFunction(() => document.querySelector('pre')?.textContent?.includes('Money'), {
      timeout: 10_000,
    });
    expect(await frame.$eval('pre', (p) => p.textContent)).toContain(name ?? '?');
    await page.close();
  });

  it('revenue: net per currency and each month’s received are the tool’s, in the dark theme', async () => {
    const h = await connectMcp();
    const { page, frame, result } = await open(
      h,
      'ui://pixieset-mcp/revenue.html',
      'revenue_report',
      {},
      'dark',
    );
    const s = result.structuredContent as {
      currencies: Array<{ net: string; groups: Array<{ received: string }> }>;
    };
    expect(await texts(frame, '.currency .total')).toEqual(s.currencies.map((c) => c.net));
    expect(await texts(frame, '.currency table tbody td:nth-child(3)')).toEqual(
      s.currencies.flatMap((c) => c.groups.map((g) => g.received)),
    );
    expect(await frame.$eval('html', (e) => e.dataset.theme)).toBe('dark');
    await page.screenshot({ path: new URL('revenue.png', SHOTS).pathname });
    await page.close();
  });

  it('invoice preview: the total is the dry run’s; Create and email creates exactly once with the token, and again is a duplicate', async () => {
    const h = await connectMcp();
    const args = {
      client_id: h.sb.clients[0]?.id,
      line_items: [
        { name: 'Wedding package', unit_price: '2500.00' },
        { name: 'Album', unit_price: 650 },
      ],
      send_email: true,
      dry_run: true,
    };
    const { page, frame, result } = await open(h, 'ui://pixieset-mcp/invoice.html', 'create_invoice', args);
    const s = result.structuredContent as { preview: { total: string }; confirmation_token: string };
    expect(await frame.$eval('[data-total]', (e) => e.textContent)).toBe(s.preview.total);
    expect(await texts(frame, 'button')).toEqual(['Create', 'Create and email']);
    await page.screenshot({ path: new URL('invoice.png', SHOTS).pathname });
    const posts = () => h.sb.requests.filter((r) => r.method === 'POST');
    const [, email] = await frame.$$('button');
    await email?.click();
    await frame.waitForFunction(() => /created/i.test(document.querySelector('.status')?.textContent ?? ''), {
      timeout: 10_000,
    });
    expect(posts()).toHaveLength(1);
    expect(posts()[0]?.body).toMatchObject({ send_email: true });
    expect(await frame.$$eval('button', (bs) => bs.map((b) => (b as HTMLButtonElement).disabled))).toEqual([
      true,
      true,
    ]);
    // The same preview opened again and clicked again: the server answers with the first invoice.
    const again = await open(h, 'ui://pixieset-mcp/invoice.html', 'create_invoice', args);
    const [, email2] = await again.frame.$$('button');
    await email2?.click();
    await again.frame.waitForFunction(
      () => /earlier|already|dedup/i.test(document.querySelector('.status')?.textContent ?? ''),
      { timeout: 10_000 },
    );
    expect(posts()).toHaveLength(1);
    await writeFile(
      new URL('invoice-status.txt', SHOTS),
      `${await again.frame.$eval('.status', (e) => e.textContent)}\n`,
    );
    await again.page.close();
    await page.close();
  });
});
