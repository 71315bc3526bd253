import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { daysFromToday } from '../src/tools/dates.js';
import { type CallResult, connectMcp, startSandbox, textOf } from './helpers.js';

// The Gallery API tools (issue #14), through the wire: a real MCP client → the server → HTTP → the sandbox's
// gallery host (its own listener and session cookie).

const daysUntil = (expiry: string | null) =>
  expiry === null
    ? null
    : Math.round(
        (Date.parse(`${expiry}T00:00:00Z`) - Date.parse(`${daysFromToday(0)}T00:00:00Z`)) / 86_400_000,
      );

describe('list_galleries', () => {
  it('lists every collection of the dashboard, and filters by expiry as the records say', async () => {
    const { call, sb } = await connectMcp();
    const all = sb.studio.collections;
    const r = await call('list_galleries', { per_page: 50 });
    expect((r.structuredContent as { total: number }).total).toBe(all.length);
    const soon = all.filter((c) => {
      const d = daysUntil(c.expiry_date);
      return d !== null && d >= 0 && d <= 14;
    });
    expect(soon.length).toBeGreaterThan(0);
    const expiring = await call('list_galleries', { status: 'expiring', per_page: 50 });
    const rows = (
      expiring.structuredContent as { galleries: Array<{ id: string; days_until_expiry: number }> }
    ).galleries;
    expect(rows.map((g) => g.id).sort()).toEqual(soon.map((c) => String(c.id)).sort());
    expect(rows.map((g) => g.days_until_expiry)).toEqual(
      [...rows.map((g) => g.days_until_expiry)].sort((a, b) => a - b),
    );
    const expired = await call('list_galleries', { status: 'expired', per_page: 50 });
    const want = all.filter((c) => (daysUntil(c.expiry_date) ?? 0) < 0).length;
    expect((expired.structuredContent as { total: number }).total).toBe(want);
    const wide = await call('list_galleries', { status: 'expiring', days: 365, per_page: 50 });
    expect((wide.structuredContent as { total: number }).total).toBeGreaterThanOrEqual(soon.length);
  });

  it("a Studio client's galleries come through the Studio side, named for the client", async () => {
    const { call, sb } = await connectMcp();
    const jane = sb.clients[0];
    const r = await call('list_galleries', { client_id: jane?.id });
    const s = r.structuredContent as { galleries: Array<{ id: string; client_name: string }> };
    const mine = sb.studio.collections.filter((c) => c.client_id === jane?.id);
    expect(s.galleries.map((g) => g.id).sort()).toEqual(mine.map((c) => String(c.id)).sort());
    expect(s.galleries[0]?.client_name).toBe('Jane Doe');
    expect(sb.requests.some((q) => q.path === `/clients/${jane?.id}/cgCollections/`)).toBe(true);
  });
});

describe('get_gallery and get_gallery_activity', () => {
  it('one collection: sets, access and last visits, counts — with a string or a number id', async () => {
    const { call, sb } = await connectMcp();
    const c =
      sb.studio.collections.find((x) => x.gallery_count > 1 && x.password !== null) ??
      sb.studio.collections[0];
    for (const id of [c?.id, String(c?.id)]) {
      const r = await call('get_gallery', { gallery_id: id });
      expect(r.isError, textOf(r)).toBeFalsy();
      const g = (
        r.structuredContent as {
          gallery: Record<string, unknown> & { sets: unknown[]; clients: Array<{ email: string }> };
        }
      ).gallery;
      expect(g.id).toBe(String(c?.id));
      expect(g.sets).toHaveLength(c?.gallery_count ?? 0);
      expect(g.password_protected).toBe(c?.password !== null);
      expect(g.downloadable).toBe(c?.downloadable);
      const client = sb.clients.find((x) => x.id === c?.client_id);
      expect(g.clients.map((x) => x.email)).toContain(client?.email);
    }
  });

  it('activity: downloads, favourites and visitors, newest first, without photo URLs', async () => {
    const { call, sb } = await connectMcp();
    let busy: CallResult | undefined;
    for (const c of sb.studio.collections.slice(0, 15)) {
      const r = await call('get_gallery_activity', { gallery_id: c.id, limit: 5 });
      const s = r.structuredContent as {
        downloads_count: number;
        visitors_count: number;
        downloads: Array<{ at: string }>;
      };
      if (s.downloads_count > 1) busy = r;
      expect(s.downloads.length).toBeLessThanOrEqual(5);
      const at = s.downloads.map((d) => d.at);
      expect(at).toEqual([...at].sort().reverse());
    }
    expect(busy, 'some gallery has downloads').toBeDefined();
    expect(JSON.stringify(busy)).not.toMatch(/https?:\/\/|token=/);
  });

  it('a gallery id that is not a positive number sends nothing', async () => {
    const { call, sb } = await connectMcp();
    for (const bad of ['abc', '-5', '0', '12.5', '90516387/../clients', 1.5, -3]) {
      const r = await call('get_gallery', { gallery_id: bad });
      expect(r.isError, String(bad)).toBe(true);
      expect(textOf(r)).toMatch(
        /not a gallery id: gallery ids are positive whole numbers[\s\S]*list_galleries/,
      );
    }
    expect(sb.gallery.requests).toHaveLength(0);
  });
});

describe("the gallery's secrets", () => {
  it('never appear in any gallery result, though the gallery host sends them', async () => {
    const { call, sb } = await connectMcp();
    const secrets = sb.gallery.secrets();
    expect(secrets.length).toBeGreaterThan(5);
    const results: unknown[] = [];
    results.push(await call('list_galleries', { per_page: 50 }));
    results.push(await call('list_galleries', { status: 'expiring', days: 365, per_page: 50 }));
    for (const c of sb.studio.collections.slice(0, 12)) {
      results.push(await call('get_gallery', { gallery_id: c.id }));
      results.push(await call('get_gallery_activity', { gallery_id: c.id }));
      if (c.client_id) results.push(await call('get_client_overview', { client_id: c.client_id }));
    }
    const all = JSON.stringify(results);
    for (const s of secrets) expect(all).not.toContain(s);
    for (const c of sb.studio.collections)
      if (c.download_pin) expect(all).not.toContain(`"${c.download_pin}"`);
  });
});

describe('when the gallery host rejects the session', () => {
  it('the gallery tools say how to give it a cookie, and the Studio tools keep working', async () => {
    const { call, sb } = await connectMcp();
    sb.gallery.expireSessions();
    const r = await call('list_galleries', {});
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/gallery host did not accept the session/);
    expect(textOf(r)).toMatch(/PIXIESET_GALLERY_COOKIE_FILE[\s\S]*Studio tools keep working/);
    const studio = await call('list_clients', { per_page: 3 });
    expect(studio.isError).toBeFalsy();
  });

  it('one cookie for both hosts works when the gallery host accepts the Studio session', async () => {
    const sb = await startSandbox({ gallery: { acceptStudioSession: true } });
    const { call } = await connectMcp({ sb, env: { PIXIESET_GALLERY_COOKIE: '' } });
    const r = await call('list_galleries', {});
    expect(r.isError, textOf(r)).toBeFalsy();
    const strict = await startSandbox();
    const other = await connectMcp({ sb: strict, env: { PIXIESET_GALLERY_COOKIE: '' } });
    const no = await other.call('list_galleries', {});
    expect(no.isError).toBe(true);
    expect(textOf(no)).toMatch(/gallery host did not accept the session/);
  });
});

describe('doctor checks both hosts', () => {
  const BIN = fileURLToPath(new URL('../dist/index.js', import.meta.url));
  const doctor = (env: Record<string, string>) =>
    promisify(execFile)(process.execPath, [BIN, 'doctor'], {
      env: { PATH: process.env.PATH ?? '', ...env },
    }).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );

  it('says which host works and gives the fix for the one that does not', async () => {
    const sb = await startSandbox();
    const base = {
      PIXIESET_BASE_URL: sb.url,
      PIXIESET_COOKIE: sb.cookie,
      PIXIESET_GALLERY_BASE_URL: sb.gallery.url,
    };
    const ok = await doctor({ ...base, PIXIESET_GALLERY_COOKIE: sb.gallery.cookie });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/OK: signed in to Pixieset Studio/);
    expect(ok.stdout).toMatch(/OK: signed in to Pixieset galleries as Demo Studio/);
    const noGallery = await doctor(base);
    expect(noGallery.code).toBe(1);
    expect(noGallery.stdout).toMatch(/OK: signed in to Pixieset Studio/);
    expect(noGallery.stdout).toMatch(/NOT OK \(galleries\): .*The Studio tools work/);
    expect(noGallery.stdout).toMatch(/PIXIESET_GALLERY_COOKIE_FILE/);
  });
});
